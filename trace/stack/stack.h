/* stack: -k's user stacks without ptrace. The pipeline tells it what each
 * traced process maps (mmap, munmap, exec, fork, exit, or /proc), hands it
 * the registers and a copy of the top of the user stack taken at a syscall
 * or USDT hit, and gets back frames unwound by libdw and symbolized, which
 * stack/format.h prints as strace -k does. Owns the mapping tables, one
 * libdw unwinder per process, and the ELF objects with their symbol
 * caches, all until stack_free. */
#ifndef LOTRACE_STACK_H
#define LOTRACE_STACK_H

#include <stddef.h>
#include <stdint.h>

#include "stack/format.h"
#include "stack/maps.h"
#include "stack/objects.h"
#include "stack/unwind.h"

/* strace's default --stack-trace-frame-limit */
#define STACK_MAX_FRAMES 256

struct stack {
	struct stack_maps maps;
	struct stack_objs objs;
};

int stack_init(struct stack *s);
void stack_free(struct stack *s);

/* What a process maps, as events say it. path NULL: anonymous memory;
 * build_id (NULL when unknown) is checked against the file's. */
int stack_mmap(struct stack *s, uint32_t pid, uint64_t start, uint64_t len,
	       uint64_t pgoff, uint32_t prot, const char *path,
	       const uint8_t *build_id, size_t build_id_len);
int stack_munmap(struct stack *s, uint32_t pid, uint64_t start, uint64_t len);
/* execve succeeded: pid's table starts empty (the new image's mmaps follow,
 * or stack_seed reads them). */
int stack_exec(struct stack *s, uint32_t pid);
int stack_fork(struct stack *s, uint32_t parent, uint32_t child);
void stack_exit(struct stack *s, uint32_t pid);
/* pid's table from /proc/PID/maps now; -ESRCH when it is gone. */
int stack_seed(struct stack *s, uint32_t pid);

/* Unwind thread tid of process pid from its registers and the len bytes
 * of its stack copied from regs->sp up, into out[0..max). A process
 * never heard of is seeded from /proc first. Returns 0 or -errno; res
 * says how many frames and why the walk ended. */
int stack_unwind(struct stack *s, uint32_t pid, uint32_t tid,
		 const struct stack_regs *regs, const void *stack, size_t len,
		 struct stack_pc *out, int max, struct stack_unwound *res);

/* What pc is in pid's mappings now: object and symbol, and with source
 * (-kk) the source line and inlined calls. Call it before the mappings
 * change (at the syscall's entry). */
void stack_symbolize(struct stack *s, uint32_t pid, const struct stack_pc *pc, bool source,
		     struct stack_frame *f);

#endif
