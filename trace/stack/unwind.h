/* stack/unwind: a thread's user stack at a syscall, from its registers and
 * a copy of the top of its stack taken then, unwound by libdw's dwfl (CFI
 * from .eh_frame or .debug_frame; where there is none, libdw's x86-64
 * frame-pointer walk). One unwinder per process: its Dwfl holds the
 * process's modules at their load addresses and is reported again when a
 * file mapping comes or goes. */
#ifndef LOTRACE_STACK_UNWIND_H
#define LOTRACE_STACK_UNWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <asm/perf_regs.h>

#include "stack/maps.h"
#include "stack/objects.h"

/* The x86-64 user registers the CFI of ordinary code refers to: the
 * instruction and stack pointers and the callee-saved registers. */
struct stack_regs {
	uint64_t ip, sp, bp, bx, r12, r13, r14, r15;
};

/* perf_event_attr.sample_regs_user for them. */
#define STACK_PERF_REGS_MASK \
	((1ull << PERF_REG_X86_IP) | (1ull << PERF_REG_X86_SP) | \
	 (1ull << PERF_REG_X86_BP) | (1ull << PERF_REG_X86_BX) | \
	 (1ull << PERF_REG_X86_R12) | (1ull << PERF_REG_X86_R13) | \
	 (1ull << PERF_REG_X86_R14) | (1ull << PERF_REG_X86_R15))

/* The registers out of a PERF_SAMPLE_REGS_USER block: mask as in the
 * attr, val[] one u64 per set bit in bit order. -EINVAL when mask lacks
 * one of STACK_PERF_REGS_MASK or n is not its bit count. */
int stack_regs_from_perf(struct stack_regs *r, uint64_t mask, const uint64_t *val, size_t n);

struct stack_pc {
	uint64_t pc;
	/* The pc is where the frame is now (the first frame, or one a signal
	 * interrupted), not a return address: it is looked up as it is,
	 * where a return address is looked up one byte back, in the call. */
	bool activation;
};

enum stack_end {
	STACK_END_OUTERMOST,	/* _start or a thread's start: nothing above */
	STACK_END_LIMIT,	/* more frames than asked for */
	STACK_END_TRUNCATED,	/* the stack copy ended before the stack did */
	STACK_END_LOST,		/* no CFI, no frame pointer: why says more */
};

struct stack_unwound {
	int n;			/* frames written */
	enum stack_end end;
	char why[80];		/* STACK_END_LOST: libdw's reason */
};

struct stack_unwinder;

struct stack_unwinder *stack_unwinder_new(void);
void stack_unwinder_free(void *u);

/* Unwind thread tid of process p from regs and the stack bytes copied
 * from regs->sp up (len of them) into out[0..max). Addresses off the
 * stack copy are read from the read-only file mappings of p. */
int stack_unwinder_run(struct stack_unwinder *u, struct stack_proc *p,
		       struct stack_objs *objs, uint32_t tid,
		       const struct stack_regs *regs, const void *stack, size_t len,
		       struct stack_pc *out, int max, struct stack_unwound *res);

#endif
