/*
 * What a translation unit built with libbpf's usdt.h leaves in the object,
 * written here from libbpf's documented ABI (not from its header): the
 * semaphore type struct usdt_sema; an explicit semaphore
 * (USDT_DEFINE_SEMA(sim_defined)) as the hidden object __usdt_sema_sim_defined
 * in section .probes; a declared one (USDT_DECLARE_SEMA(ours_defined)); the
 * implicit semaphore of lbsim:shared as a weak hidden 2-byte object
 * __usdt_sema_lbsim__shared in .probes; and one probe, lbsim:sim_probe,
 * whose stapsdt note names the semaphore that ours.c defines.
 */
#include "lbsim.h"

struct usdt_sema {
	volatile unsigned short active;
};

__attribute__((section(".probes"), used, visibility("hidden")))
struct usdt_sema __usdt_sema_sim_defined = { 0 };

extern struct usdt_sema __usdt_sema_ours_defined;

__asm__(".pushsection .probes, \"aw\", \"progbits\"\n"
	".weak __usdt_sema_lbsim__shared\n"
	".hidden __usdt_sema_lbsim__shared\n"
	".balign 2\n"
	"__usdt_sema_lbsim__shared:\n"
	".zero 2\n"
	".type __usdt_sema_lbsim__shared, %object\n"
	".size __usdt_sema_lbsim__shared, 2\n"
	".popsection\n");
extern struct usdt_sema __usdt_sema_lbsim__shared;

int sim_sees_sim_defined(void)
{
	return __usdt_sema_sim_defined.active;
}

int sim_sees_ours_defined(void)
{
	return __usdt_sema_ours_defined.active;
}

int sim_sees_shared(void)
{
	return __usdt_sema_lbsim__shared.active;
}

/* A stapsdt v3 note: the nop's address, _.stapsdt.base, the semaphore,
 * provider, name and one argument, the semaphore's value in %eax. */
void sim_fire(void)
{
	__asm__ __volatile__(
		"990: nop\n"
		".pushsection .note.stapsdt, \"?\", \"note\"\n"
		".balign 4\n"
		".4byte 992f-991f, 994f-993f, 3\n"
		"991: .asciz \"stapsdt\"\n"
		"992: .balign 4\n"
		"993: .8byte 990b\n"
		".8byte _.stapsdt.base\n"
		".8byte __usdt_sema_ours_defined\n"
		".asciz \"lbsim\"\n"
		".asciz \"sim_probe\"\n"
		".asciz \"-4@%%eax\"\n"
		"994: .balign 4\n"
		".popsection\n"
		".ifndef _.stapsdt.base\n"
		".pushsection .stapsdt.base, \"aG\", \"progbits\", .stapsdt.base, comdat\n"
		".weak _.stapsdt.base\n"
		".hidden _.stapsdt.base\n"
		"_.stapsdt.base: .space 1\n"
		".size _.stapsdt.base, 1\n"
		".popsection\n"
		".endif\n"
		: : "a"((int)__usdt_sema_ours_defined.active));
}
