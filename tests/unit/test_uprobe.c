/* uprobe: a USDT probe's arguments from what a --no-bpf sample copied at
 * the hit: registers by perf's order, sizes and signs, stack operands from
 * the copied stack, and everything else marked failed, never guessed. */
#include "unit.h"

#include <asm/perf_regs.h>

#include "usdt/uprobe.h"

#define SP 0x7ffc0000ull

/* The sample's registers: index i of the mask's bits in order; each
 * register's value is 0x1000 * (perf index + 1) but for a few below. */
static uint64_t regs[32];
static uint8_t stack[64];

static int nregs(void)
{
	return __builtin_popcountll(UPROBE_REGS_MASK);
}

static void set_reg(int perf, uint64_t v)
{
	regs[__builtin_popcountll(UPROBE_REGS_MASK & ((1ull << perf) - 1))] = v;
}

static int setup(void **state)
{
	(void)state;
	for (int perf = 0; perf < 24; perf++)
		if (UPROBE_REGS_MASK & (1ull << perf))
			set_reg(perf, 0x1000ull * (uint64_t)(perf + 1));
	set_reg(PERF_REG_X86_SP, SP);
	set_reg(PERF_REG_X86_DI, 0xfffffffffffffff6ull);	/* -10 */
	set_reg(PERF_REG_X86_DX, 2);
	for (size_t i = 0; i < sizeof(stack); i++)
		stack[i] = (uint8_t)i;
	return 0;
}

static void probe_of(struct usdt_probe *p, const char *const *specs, int n)
{
	memset(p, 0, sizeof(*p));
	p->nargs = n;
	for (int i = 0; i < n; i++)
		assert_int_equal(usdt_parse_arg(specs[i], 0x1000, NULL, NULL, &p->args[i]), 0);
}

static void test_registers_and_constants(void **state)
{
	static const char *const specs[] = { "-4@%edi", "8@%rdi", "-8@$-5", "1@%r12", "2@$70000" };
	struct uprobe_regs r = { .regs = regs, .nregs = nregs() };
	struct usdt_probe p;
	uint64_t val[USDT_MAX_ARGS];

	(void)state;
	probe_of(&p, specs, 5);
	assert_int_equal(uprobe_args(&p, &r, val), 0);
	assert_int_equal((int64_t)val[0], -10);
	assert_int_equal(val[1], 0xfffffffffffffff6ull);
	assert_int_equal((int64_t)val[2], -5);
	assert_int_equal(val[3], (0x1000ull * (PERF_REG_X86_R12 + 1)) & 0xff);
	assert_int_equal(val[4], 70000 & 0xffff);
}

static void test_stack_operands(void **state)
{
	static const char *const specs[] = { "1@31(%rsp)", "-2@8(%rsp,%rdx,4)", "8@56(%rsp)" };
	struct uprobe_regs r = { .regs = regs, .nregs = nregs(), .stack = stack,
				 .stack_len = sizeof(stack) };
	struct usdt_probe p;
	uint64_t val[USDT_MAX_ARGS];

	(void)state;
	probe_of(&p, specs, 3);
	assert_int_equal(uprobe_args(&p, &r, val), 0);
	assert_int_equal(val[0], 31);
	assert_int_equal(val[1], 16 | 17 << 8);	/* 8 + 2 * 4, little-endian */
	assert_int_equal(val[2], 0x3f3e3d3c3b3a3938ull);
}

static void test_memory_out_of_reach_is_marked(void **state)
{
	static const char *const specs[] = {
		"4@60(%rax)",		/* the heap */
		"8@60(%rsp)",		/* runs past the copied stack */
		"4@-8(%rsp)",		/* below the stack pointer */
		"-4@counter(%rip)",	/* a global */
		"4@%edi",
	};
	struct uprobe_regs r = { .regs = regs, .nregs = nregs(), .stack = stack,
				 .stack_len = sizeof(stack) };
	struct usdt_probe p;
	uint64_t val[USDT_MAX_ARGS];

	(void)state;
	probe_of(&p, specs, 5);
	assert_int_equal(uprobe_args(&p, &r, val), 0xf);
	assert_int_equal(val[0], 0);
	assert_int_equal(val[4], 0xfffffff6u);
}

/* sym@GOTPCREL(%rip) without a GOT slot is an address, not memory: the
 * sampled ip (the probe's address) plus the distance; with a slot it is
 * memory, out of reach. The scale-less index form reads the stack. */
static bool got_lookup(void *ctx, const char *name, bool got, uint64_t *addr)
{
	(void)ctx;
	*addr = got ? 0x3000 : 0x5000;
	return !got || !strcmp(name, "slotted");
}

static void test_addresses_and_indexes(void **state)
{
	static const char *const specs[] = { "8@relaxed@GOTPCREL(%rip)",
					     "8@slotted@GOTPCREL(%rip)", "1@1(%rsp,%rdx)" };
	struct uprobe_regs r = { .regs = regs, .nregs = nregs(), .stack = stack,
				 .stack_len = sizeof(stack) };
	struct usdt_probe p;
	uint64_t val[USDT_MAX_ARGS];

	(void)state;
	memset(&p, 0, sizeof(p));
	p.nargs = 3;
	for (int i = 0; i < 3; i++)
		assert_int_equal(usdt_parse_arg(specs[i], 0x1000, got_lookup, NULL, &p.args[i]), 0);
	set_reg(PERF_REG_X86_IP, 0x555555555000ull);
	assert_int_equal(uprobe_args(&p, &r, val), 2);
	assert_int_equal(val[0], 0x555555555000ull + 0x4000);
	assert_int_equal(val[2], 3);	/* 1 + rdx (2) */
}

static void test_no_registers_sampled(void **state)
{
	static const char *const specs[] = { "4@%edi", "4@$1" };
	struct uprobe_regs r = { 0 };
	struct usdt_probe p;
	uint64_t val[USDT_MAX_ARGS];

	(void)state;
	probe_of(&p, specs, 2);
	assert_int_equal(uprobe_args(&p, &r, val), 1);
	assert_int_equal(val[1], 1);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(test_registers_and_constants, setup),
	cmocka_unit_test_setup(test_stack_operands, setup),
	cmocka_unit_test_setup(test_memory_out_of_reach_is_marked, setup),
	cmocka_unit_test_setup(test_addresses_and_indexes, setup),
	cmocka_unit_test_setup(test_no_registers_sampled, setup),
};

UNIT_MAIN("uprobe", tests)
