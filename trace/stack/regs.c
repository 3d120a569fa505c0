/* regs: the registers a perf sample carries as trace/stack's struct
 * stack_regs. Pure, so that the record decoders and their fuzzers link
 * it without libdw. */
#include "stack/unwind.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Where each perf register goes in struct stack_regs. */
static const struct {
	int perf;
	size_t off;
} perf_regs[] = {
	{ PERF_REG_X86_BX, offsetof(struct stack_regs, bx) },
	{ PERF_REG_X86_BP, offsetof(struct stack_regs, bp) },
	{ PERF_REG_X86_SP, offsetof(struct stack_regs, sp) },
	{ PERF_REG_X86_IP, offsetof(struct stack_regs, ip) },
	{ PERF_REG_X86_R12, offsetof(struct stack_regs, r12) },
	{ PERF_REG_X86_R13, offsetof(struct stack_regs, r13) },
	{ PERF_REG_X86_R14, offsetof(struct stack_regs, r14) },
	{ PERF_REG_X86_R15, offsetof(struct stack_regs, r15) },
};

int stack_regs_from_perf(struct stack_regs *r, uint64_t mask, const uint64_t *val, size_t n)
{
	if ((mask & STACK_PERF_REGS_MASK) != STACK_PERF_REGS_MASK ||
	    (size_t)__builtin_popcountll(mask) != n)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(perf_regs) / sizeof(perf_regs[0]); i++) {
		/* val[] holds the set bits of mask in order */
		uint64_t below = mask & ((1ull << perf_regs[i].perf) - 1);

		memcpy((char *)r + perf_regs[i].off, &val[__builtin_popcountll(below)],
		       sizeof(uint64_t));
	}
	return 0;
}
