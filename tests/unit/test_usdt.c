/* Unit tests of trace/usdt.c: argument specs as compilers write them in
 * .note.stapsdt, and -u name matching. */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <unistd.h>

#include "usdt/notes.h"
#include "unit.h"

/* struct pt_regs offsets are struct user_regs_struct's: the ptrace ABI */
#define REG(r) ((int)offsetof(struct user_regs_struct, r))

static struct usdt_arg parse(const char *spec)
{
	struct usdt_arg a;

	assert_int_equal(usdt_parse_arg(spec, 0x1000, NULL, NULL, &a), 0);
	return a;
}

static void test_registers(void **state)
{
	struct usdt_arg a;

	(void)state;
	a = parse("-4@%edi");
	assert_int_equal(a.kind, USDT_ARG_REG);
	assert_int_equal(a.size, 4);
	assert_true(a.is_signed);
	assert_int_equal(a.reg, REG(rdi));
	a = parse("8@%rsi");
	assert_int_equal(a.reg, REG(rsi));
	assert_false(a.is_signed);
	assert_int_equal(parse("1@%r8b").reg, REG(r8));
	assert_int_equal(parse("2@%r15w").reg, REG(r15));
	assert_int_equal(parse("-1@%al").reg, REG(rax));
	assert_int_equal(parse("4@%r10d").reg, REG(r10));
	assert_int_equal(parse("8@%rbp").reg, REG(rbp));
	assert_int_equal(parse("8@%rsp").reg, REG(rsp));
}

static void test_constants(void **state)
{
	struct usdt_arg a;

	(void)state;
	a = parse("-4@$-5");
	assert_int_equal(a.kind, USDT_ARG_CONST);
	assert_int_equal(a.val, -5);
	a = parse("8@$1099511627776");
	assert_int_equal(a.val, 1099511627776LL);
	/* sign-extended as compilers print an unsigned 4-byte 4000000000 */
	a = parse("4@$-294967296");
	assert_int_equal(a.val, -294967296LL);
	assert_int_equal(a.size, 4);
}

static void test_memory(void **state)
{
	struct usdt_arg a;

	(void)state;
	a = parse("-8@-16(%rbp)");
	assert_int_equal(a.kind, USDT_ARG_MEM);
	assert_int_equal(a.reg, REG(rbp));
	assert_int_equal(a.val, -16);
	assert_int_equal(a.scale, 0);
	a = parse("1@15(%rsp)");
	assert_int_equal(a.val, 15);
	a = parse("4@(%rdi)");
	assert_int_equal(a.kind, USDT_ARG_MEM);
	assert_int_equal(a.val, 0);
	a = parse("8@48(%rsp,%rdx,8)");
	assert_int_equal(a.kind, USDT_ARG_MEM);
	assert_int_equal(a.reg, REG(rsp));
	assert_int_equal(a.idx_reg, REG(rdx));
	assert_int_equal(a.scale, 8);
	assert_int_equal(a.val, 48);
	/* gcc -O2 writes r->tag[idx & 3] as a base and an index, no scale */
	a = parse("1@16(%rdi,%rsi)");
	assert_int_equal(a.kind, USDT_ARG_MEM);
	assert_int_equal(a.reg, REG(rdi));
	assert_int_equal(a.idx_reg, REG(rsi));
	assert_int_equal(a.scale, 1);
	assert_int_equal(a.val, 16);
	a = parse("-4@(%rax,%rbx)");
	assert_int_equal(a.kind, USDT_ARG_MEM);
	assert_int_equal(a.scale, 1);
	assert_int_equal(a.val, 0);
}

/* counter at 0x4010 with its GOT slot at 0x3ff0; relaxed has no slot */
static bool lookup(void *ctx, const char *name, bool got, uint64_t *addr)
{
	(void)ctx;
	if (!strcmp(name, "counter")) {
		*addr = got ? 0x3ff0 : 0x4010;
		return true;
	}
	if (!strcmp(name, "relaxed") && !got) {
		*addr = 0x5000;
		return true;
	}
	return false;
}

static void test_rip_relative(void **state)
{
	struct usdt_arg a;

	(void)state;
	assert_int_equal(usdt_parse_arg("-4@counter(%rip)", 0x1000, lookup, NULL, &a), 0);
	assert_int_equal(a.kind, USDT_ARG_RIP);
	assert_int_equal(a.val, 0x3010);	/* from the probe to the global */
	assert_int_equal(usdt_parse_arg("4@counter+8(%rip)", 0x1000, lookup, NULL, &a), 0);
	assert_int_equal(a.val, 0x3018);
	/* unknown symbols and the GOT are not guessed */
	assert_int_equal(usdt_parse_arg("4@nosuch(%rip)", 0x1000, lookup, NULL, &a), 0);
	assert_int_equal(a.kind, USDT_ARG_BAD);
	assert_int_equal(usdt_parse_arg("8@nosuch@GOTPCREL(%rip)", 0x1000, lookup, NULL, &a), 0);
	assert_int_equal(a.kind, USDT_ARG_BAD);
	assert_int_equal(usdt_parse_arg("8@counter@PLT(%rip)", 0x1000, lookup, NULL, &a), 0);
	assert_int_equal(a.kind, USDT_ARG_BAD);
}

static void test_gotpcrel(void **state)
{
	struct usdt_arg a;

	(void)state;
	/* the value is what the GOT slot holds: memory at the slot */
	assert_int_equal(usdt_parse_arg("8@counter@GOTPCREL(%rip)", 0x1000, lookup, NULL, &a), 0);
	assert_int_equal(a.kind, USDT_ARG_RIP);
	assert_int_equal(a.val, 0x2ff0);
	assert_false(a.is_signed);
	/* no slot left after linking: the symbol's address itself */
	assert_int_equal(usdt_parse_arg("8@relaxed@GOTPCREL(%rip)", 0x1000, lookup, NULL, &a), 0);
	assert_int_equal(a.kind, USDT_ARG_RIP_ADDR);
	assert_int_equal(a.val, 0x4000);
	assert_int_equal(a.reg, REG(rip));
}

static void test_bad_specs(void **state)
{
	struct usdt_arg a;

	(void)state;
	assert_int_equal(usdt_parse_arg("%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("0@%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("16@%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("3@%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("-0@%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("+4@%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("04@%edi", 0, NULL, NULL, &a), -EINVAL);
	/* no negation of LONG_MIN, no overflow: just not a size */
	assert_int_equal(usdt_parse_arg("-9223372036854775808@%rax", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("99999999999999999999@%rax", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("@%rax", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("8@", 0, NULL, NULL, &a), -EINVAL);
	/* "$" alone is no constant (it was read as 0) */
	assert_int_equal(usdt_parse_arg("8@$", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(a.kind, USDT_ARG_BAD);
	assert_int_equal(parse("8@$sym").kind, USDT_ARG_BAD);
	assert_int_equal(parse("8@$12x").kind, USDT_ARG_BAD);
	assert_int_equal(parse("8@%rip").kind, USDT_ARG_BAD);
	assert_int_equal(parse("8@8(%rax").kind, USDT_ARG_BAD);
	assert_int_equal(parse("8@8(%rax)x").kind, USDT_ARG_BAD);
	assert_int_equal(parse("8@8(%rip,%rax)").kind, USDT_ARG_BAD);
	assert_int_equal(parse("4@%xmm0").kind, USDT_ARG_BAD);
	assert_int_equal(parse("4@%fs:8").kind, USDT_ARG_BAD);
	assert_int_equal(parse("4@(,%rax,8)").kind, USDT_ARG_BAD);
	assert_int_equal(parse("4@8(%rsp,%rax,3)").kind, USDT_ARG_BAD);
}

static void test_shown(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(usdt_shown("kvd", buf, sizeof(buf)), "kvd");
	/* a terminal escape from a note is not sent to the terminal */
	assert_string_equal(usdt_shown("a\033[2Jb", buf, sizeof(buf)), "a\\33[2Jb");
	assert_string_equal(usdt_shown("x\ny", buf, sizeof(buf)), "x\\ny");
	assert_string_equal(usdt_shown("back\\slash", buf, sizeof(buf)), "back\\\\slash");
}

static void test_types(void **state)
{
	struct usdt_arg a = { .size = 4, .is_signed = true };
	char buf[64];

	(void)state;
	assert_string_equal(usdt_type_name(&a), "int32_t");
	a = (struct usdt_arg){ .size = 1 };
	assert_string_equal(usdt_type_name(&a), "uint8_t");
	a = (struct usdt_arg){ .size = 8, .type = USDT_TYPE_STRING };
	assert_string_equal(usdt_type_name(&a), "char*");
	a.type = USDT_TYPE_POINTER;
	assert_string_equal(usdt_type_name(&a), "void*");
	a.type = USDT_TYPE_FLOAT;
	assert_string_equal(usdt_type_name(&a), "double");
	usdt_float_text(&a, 0x3ff8000000000000ull, buf, sizeof(buf));	/* 1.5 */
	assert_string_equal(buf, "1.5");
	usdt_float_text(&a, 0x3fb999999999999aull, buf, sizeof(buf));	/* 0.1 */
	assert_string_equal(buf, "0.1");
	a.size = 4;
	assert_string_equal(usdt_type_name(&a), "float");
	usdt_float_text(&a, 0x40200000, buf, sizeof(buf));	/* 2.5f */
	assert_string_equal(buf, "2.5");
	usdt_float_text(&a, 0x3dcccccd, buf, sizeof(buf));	/* 0.1f */
	assert_string_equal(buf, "0.1");
}

static void test_match(void **state)
{
	struct usdt_probe p = { .provider = "kvd", .name = "request__start" };

	(void)state;
	assert_true(usdt_match("kvd", "request__start", &p));
	assert_true(usdt_match("kvd", "request-start", &p));
	assert_true(usdt_match("k*", "req*", &p));
	assert_true(usdt_match("*", "*", &p));
	assert_true(usdt_match("kvd", "request-st?rt", &p));
	assert_false(usdt_match("kvd", "request_start", &p));
	assert_false(usdt_match("kv", "request__start", &p));
	assert_false(usdt_match("kvd", "request__done", &p));
}

/* The test's own executable, damaged by patch, read by usdt_read: refused
 * with the message's words in err, or read when want is NULL. */
static void read_patched(void (*patch)(uint8_t *img, size_t len), const char *want)
{
	char path[] = "/tmp/test_usdt.XXXXXX", err[512] = "";
	static uint8_t img[16 << 20];
	struct usdt_file f;
	FILE *in = fopen("/proc/self/exe", "rb");
	size_t len;
	int fd, ret;

	assert_non_null(in);
	len = fread(img, 1, sizeof(img), in);
	fclose(in);
	assert_true(len > sizeof(Elf64_Ehdr) && len < sizeof(img));
	patch(img, len);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, img, len), (ssize_t)len);
	close(fd);
	ret = usdt_read(path, &f, err, sizeof(err));
	unlink(path);
	if (!want) {
		assert_int_equal(ret, 0);
		usdt_file_free(&f);
		return;
	}
	assert_int_equal(ret, -ENOEXEC);
	if (!strstr(err, want))
		fail_msg("'%s' does not say '%s'", err, want);
	assert_null(strchr(err, '\n'));
}

#define EH(img) ((Elf64_Ehdr *)(img))
#define SH(img, i) ((Elf64_Shdr *)((img) + EH(img)->e_shoff) + (i))

static void sound(uint8_t *img, size_t len)
{
	(void)img, (void)len;
}

static void shentsize_small(uint8_t *img, size_t len)
{
	(void)len;
	EH(img)->e_shentsize = 32;
}

static void shentsize_zero(uint8_t *img, size_t len)
{
	(void)len;
	EH(img)->e_shentsize = 0;
}

static void phentsize_zero(uint8_t *img, size_t len)
{
	(void)len;
	EH(img)->e_phentsize = 0;
}

static void shnum_zero(uint8_t *img, size_t len)
{
	(void)len;
	EH(img)->e_shnum = 0;
}

static void shstrndx_out(uint8_t *img, size_t len)
{
	(void)len;
	EH(img)->e_shstrndx = 0xfff0;
}

static void shoff_past(uint8_t *img, size_t len)
{
	EH(img)->e_shoff = len - 8;
}

static void phoff_past(uint8_t *img, size_t len)
{
	EH(img)->e_phoff = len;
}

static void class32(uint8_t *img, size_t len)
{
	(void)len;
	img[EI_CLASS] = ELFCLASS32;
}

/* the first section of a type: its size past the end, an odd alignment */
static Elf64_Shdr *first(uint8_t *img, uint32_t type)
{
	for (int i = 0; i < EH(img)->e_shnum; i++)
		if (SH(img, i)->sh_type == type)
			return SH(img, i);
	fail_msg("no section of type %u", type);
	return NULL;
}

static void section_past(uint8_t *img, size_t len)
{
	first(img, SHT_PROGBITS)->sh_size = len;
}

static void note_align(uint8_t *img, size_t len)
{
	(void)len;
	first(img, SHT_NOTE)->sh_addralign = 1ull << 40;
}

/* Damaged files are said in one line, as readelf says them (issue 18,
 * item 3), not read as if they had no probes. */
static void test_damaged_headers(void **state)
{
	(void)state;
	read_patched(sound, NULL);
	read_patched(shentsize_small, "section headers of 32 bytes, not 64");
	read_patched(shentsize_zero, "section headers of 0 bytes, not 64");
	read_patched(phentsize_zero, "program headers of 0 bytes, not 56");
	read_patched(shnum_zero, "section headers at offset");
	read_patched(shstrndx_out, "section name table is not one of its");
	read_patched(shoff_past, "section headers lie past the end of the file");
	read_patched(phoff_past, "program headers lie past the end of the file");
	read_patched(class32, "damaged ELF header");
	read_patched(section_past, "lies past the end of the file");
	read_patched(note_align, "is aligned at 1099511627776 bytes, not 4 or 8");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_registers),
	cmocka_unit_test(test_constants),
	cmocka_unit_test(test_memory),
	cmocka_unit_test(test_rip_relative),
	cmocka_unit_test(test_gotpcrel),
	cmocka_unit_test(test_shown),
	cmocka_unit_test(test_types),
	cmocka_unit_test(test_bad_specs),
	cmocka_unit_test(test_match),
	cmocka_unit_test(test_damaged_headers),
};

UNIT_MAIN("usdt", tests)
