/* Unit tests of trace/usdt.c: argument specs as compilers write them in
 * .note.stapsdt, and -u name matching. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sys/ptrace.h>
#include <sys/user.h>

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
}

static bool lookup(void *ctx, const char *name, uint64_t *addr)
{
	(void)ctx;
	if (strcmp(name, "counter"))
		return false;
	*addr = 0x4010;
	return true;
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
	assert_int_equal(usdt_parse_arg("8@counter@GOTPCREL(%rip)", 0x1000, lookup, NULL, &a), 0);
	assert_int_equal(a.kind, USDT_ARG_BAD);
}

static void test_bad_specs(void **state)
{
	struct usdt_arg a;

	(void)state;
	assert_int_equal(usdt_parse_arg("%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("0@%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(usdt_parse_arg("16@%edi", 0, NULL, NULL, &a), -EINVAL);
	assert_int_equal(parse("4@%xmm0").kind, USDT_ARG_BAD);
	assert_int_equal(parse("4@%fs:8").kind, USDT_ARG_BAD);
	assert_int_equal(parse("4@(,%rax,8)").kind, USDT_ARG_BAD);
	assert_int_equal(parse("4@8(%rsp,%rax,3)").kind, USDT_ARG_BAD);
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

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_registers),
	cmocka_unit_test(test_constants),
	cmocka_unit_test(test_memory),
	cmocka_unit_test(test_rip_relative),
	cmocka_unit_test(test_bad_specs),
	cmocka_unit_test(test_match),
};

UNIT_MAIN("usdt", tests)
