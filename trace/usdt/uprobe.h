/* uprobe: USDT probes as perf events of the uprobe PMU. The attributes both
 * transports open them with, and, for perf sampling (--no-bpf), a probe's
 * arguments read from what the kernel copied at the hit: the user
 * registers and the top of the user stack. */
#ifndef LOTRACE_UPROBE_H
#define LOTRACE_UPROBE_H

#include <linux/perf_event.h>
#include <stddef.h>
#include <stdint.h>

#include "usdt/notes.h"

/* The user registers a --no-bpf probe sample carries (x86-64: the general
 * purpose ones, ip and flags), and the stack bytes above sp. */
#define UPROBE_REGS_MASK 0xff0fffull
#define UPROBE_STACK_BYTES 2048

/* Fill attr for a uprobe on probe p of the object at path (the semaphore
 * counted while it is in place). -errno and one line in err. */
int uprobe_attr(struct perf_event_attr *attr, const char *path, const struct usdt_probe *p,
		char *err, size_t errlen);

/* What a sample copied at the hit. */
struct uprobe_regs {
	const uint64_t *regs;	/* one per bit of UPROBE_REGS_MASK, in bit order */
	int nregs;
	const uint8_t *stack;	/* bytes from the stack pointer up */
	size_t stack_len;
};

/* The value of each argument of p into val (narrowed to its size and
 * sign); bit i of the result: argument i is memory the sample does not
 * hold (a global, or not on the copied stack), never guessed. */
unsigned uprobe_args(const struct usdt_probe *p, const struct uprobe_regs *r, uint64_t *val);

#endif
