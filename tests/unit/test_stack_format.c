/* stack/format: strace -k's " > obj(function+0xoff) [0xaddr]" lines (and
 * -kk's source suffix, lotrace's inlined-call lines, the early-end
 * lines), and the registers taken out of a PERF_SAMPLE_REGS_USER block. */
#include "unit.h"

#include <errno.h>

#include "stack/format.h"

static const struct stack_inline inl[] = {
	{ .function = "inner", .file = "/src/a.h", .line = 7 },
	{ .function = "middle", .file = "/src/a.c", .line = 20 },
};

static const struct stack_frame frame = {
	.pc = 0x7f0000001161,
	.object = "/usr/bin/prog",
	.function = "leaf",
	.func_off = 0x17,
	.rel = 0x1160,
	.file = "/src/a.h",
	.line = 7,
	.inl = inl,
	.ninl = 2,
	.call_file = "/src/a.c",
	.call_line = 31,
};

static void assert_frame(const struct stack_frame *f, unsigned flags, const char *want)
{
	char buf[512];

	assert_int_equal(stack_format_frame(buf, sizeof(buf), f, flags), strlen(want));
	assert_string_equal(buf, want);
}

static void test_symbol(void **state)
{
	(void)state;
	assert_frame(&frame, 0, " > /usr/bin/prog(leaf+0x17) [0x1160]\n");
}

/* strace -kk: the innermost line, the inlined call's own */
static void test_source(void **state)
{
	(void)state;
	assert_frame(&frame, STACK_FMT_SOURCE,
		     " > /usr/bin/prog(leaf+0x17) [0x1160] /src/a.h:7\n");
}

static void test_inline(void **state)
{
	(void)state;
	assert_frame(&frame, STACK_FMT_INLINE,
		     " > /usr/bin/prog(inner) [0x1160] (inlined)\n"
		     " > /usr/bin/prog(middle) [0x1160] (inlined)\n"
		     " > /usr/bin/prog(leaf+0x17) [0x1160]\n");
	assert_frame(&frame, STACK_FMT_INLINE | STACK_FMT_SOURCE,
		     " > /usr/bin/prog(inner) [0x1160] /src/a.h:7 (inlined)\n"
		     " > /usr/bin/prog(middle) [0x1160] /src/a.c:20 (inlined)\n"
		     " > /usr/bin/prog(leaf+0x17) [0x1160] /src/a.c:31\n");
}

/* stripped: no symbol, so no source either, as strace prints it */
static void test_no_symbol(void **state)
{
	struct stack_frame f = frame;

	(void)state;
	f.function = NULL;
	assert_frame(&f, STACK_FMT_SOURCE | STACK_FMT_INLINE, " > /usr/bin/prog() [0x1160]\n");
}

static void test_no_source(void **state)
{
	struct stack_frame f = frame;

	(void)state;
	f.file = NULL;
	f.ninl = 0;
	f.call_file = NULL;
	assert_frame(&f, STACK_FMT_SOURCE, " > /usr/bin/prog(leaf+0x17) [0x1160]\n");
}

static void test_no_object(void **state)
{
	struct stack_frame f = { .pc = 0x7f00deadbeef };

	(void)state;
	assert_frame(&f, STACK_FMT_SOURCE,
		     " > unexpected_backtracing_error [0x7f00deadbeef]\n");
}

/* As snprintf: what it needs, cut and terminated in a short buffer. */
static void test_short_buffer(void **state)
{
	const char *want = " > /usr/bin/prog(leaf+0x17) [0x1160]\n";
	char buf[8];

	(void)state;
	assert_int_equal(stack_format_frame(buf, sizeof(buf), &frame, 0), strlen(want));
	assert_string_equal(buf, " > /usr");
	assert_int_equal(stack_format_frame(NULL, 0, &frame, STACK_FMT_INLINE),
			 stack_format_frame(buf, 1, &frame, STACK_FMT_INLINE));
	assert_string_equal(buf, "");
}

static void assert_end(enum stack_end end, const char *why, const char *want)
{
	struct stack_unwound res = { .n = 3, .end = end };
	char buf[128];

	snprintf(res.why, sizeof(res.why), "%s", why);
	assert_int_equal(stack_format_end(buf, sizeof(buf), &res), strlen(want));
	assert_string_equal(buf, want);
}

static void test_end(void **state)
{
	(void)state;
	assert_end(STACK_END_OUTERMOST, "", "");
	assert_end(STACK_END_LIMIT, "", " > too many stack frames\n");
	assert_end(STACK_END_TRUNCATED, "", " > end of the stack copy\n");
	assert_end(STACK_END_LOST, "no matching address range",
		   " > no matching address range\n");
	assert_end(STACK_END_LOST, "", "");
}

/* perf writes the sampled registers in the order of their bits in the
 * mask: with every general register asked for, ours are picked out. */
static void test_regs_from_perf(void **state)
{
	uint64_t mask = (1ull << PERF_REG_X86_64_MAX) - 1, val[PERF_REG_X86_64_MAX];
	struct stack_regs r;

	(void)state;
	for (int i = 0; i < PERF_REG_X86_64_MAX; i++)
		val[i] = 0x100 + i;
	assert_int_equal(stack_regs_from_perf(&r, mask, val, PERF_REG_X86_64_MAX), 0);
	assert_int_equal(r.ip, 0x100 + PERF_REG_X86_IP);
	assert_int_equal(r.sp, 0x100 + PERF_REG_X86_SP);
	assert_int_equal(r.bp, 0x100 + PERF_REG_X86_BP);
	assert_int_equal(r.bx, 0x100 + PERF_REG_X86_BX);
	assert_int_equal(r.r12, 0x100 + PERF_REG_X86_R12);
	assert_int_equal(r.r15, 0x100 + PERF_REG_X86_R15);

	/* just the ones asked for: 8 values */
	uint64_t mine[8] = { 1, 6, 7, 8, 12, 13, 14, 15 };

	assert_int_equal(stack_regs_from_perf(&r, STACK_PERF_REGS_MASK, mine, 8), 0);
	assert_int_equal(r.bx, 1);
	assert_int_equal(r.bp, 6);
	assert_int_equal(r.sp, 7);
	assert_int_equal(r.ip, 8);
	assert_int_equal(r.r12, 12);
	assert_int_equal(r.r15, 15);
	assert_int_equal(stack_regs_from_perf(&r, STACK_PERF_REGS_MASK, mine, 7), -EINVAL);
	assert_int_equal(stack_regs_from_perf(&r, 1ull << PERF_REG_X86_IP, mine, 1), -EINVAL);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_symbol),
	cmocka_unit_test(test_source),
	cmocka_unit_test(test_inline),
	cmocka_unit_test(test_no_symbol),
	cmocka_unit_test(test_no_source),
	cmocka_unit_test(test_no_object),
	cmocka_unit_test(test_short_buffer),
	cmocka_unit_test(test_end),
	cmocka_unit_test(test_regs_from_perf),
};

UNIT_MAIN("stack_format", tests)
