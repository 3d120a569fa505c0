/* Hand-written stapsdt notes that lotrace must refuse one probe at a time
 * (test_usdt_bad.sh): argument specs that are no SIZE@OPERAND, and a probe
 * name carrying a terminal escape. Each probe passes 42 in %eax; only
 * bad:good is sound. */
#define NOTE(name, spec)						\
	__asm__ __volatile__(						\
		"990: nop\n"						\
		".pushsection .note.stapsdt, \"?\", \"note\"\n"		\
		".balign 4\n"						\
		".4byte 992f-991f, 994f-993f, 3\n"			\
		"991: .asciz \"stapsdt\"\n"				\
		"992: .balign 4\n"					\
		"993: .8byte 990b\n"					\
		".8byte _.stapsdt.base\n"				\
		".8byte 0\n"						\
		".asciz \"bad\"\n"					\
		".asciz \"" name "\"\n"					\
		".asciz \"" spec "\"\n"					\
		"994: .balign 4\n"					\
		".popsection\n"						\
		: : "a"(v))

__asm__(".pushsection .stapsdt.base, \"aG\", \"progbits\", .stapsdt.base, comdat\n"
	".weak _.stapsdt.base\n"
	".hidden _.stapsdt.base\n"
	"_.stapsdt.base: .space 1\n"
	".size _.stapsdt.base, 1\n"
	".popsection\n");

__attribute__((noinline)) static void fire(int v)
{
	NOTE("good", "-4@%%eax");
	NOTE("neg", "-9223372036854775808@%%rax");
	NOTE("zero", "0@%%rax");
	NOTE("huge", "16@%%rax");
	NOTE("dollar", "8@$");
	NOTE("\\033[2Jclear", "-4@%%eax");
}

int main(void)
{
	fire(42);
	return 0;
}
