#include "stack/unwind.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <dwarf.h>

/* DWARF register numbers of x86-64 (the psABI's): rbx 3, rbp 6, rsp 7,
 * r12..r15 12..15; the pc is passed apart. */
enum { DW_RBX = 3, DW_RBP = 6, DW_R12 = 12 };

/* A module reported to the unwinder's Dwfl. */
struct module {
	struct stack_obj *obj;
	uint64_t bias;
	Dwarf_Addr low, high;
	bool seen;		/* in the report under way */
};

struct stack_unwinder {
	Dwfl *dwfl;
	uint64_t gen;		/* the stack_proc generation reported */
	bool attached;
	struct module *mod;
	size_t nmod, capmod;
	/* the request being unwound, for the callbacks */
	const struct stack_regs *regs;
	const unsigned char *stack;
	size_t len;
	struct stack_proc *proc;
	struct stack_objs *objs;
	uint32_t tid;
	bool truncated;
};

struct stack_unwinder *stack_unwinder_new(void)
{
	return calloc(1, sizeof(struct stack_unwinder));
}

void stack_unwinder_free(void *arg)
{
	struct stack_unwinder *u = arg;

	if (!u)
		return;
	if (u->dwfl)
		dwfl_end(u->dwfl);
	free(u->mod);
	free(u);
}

static pid_t next_thread(Dwfl *dwfl, void *arg, void **thread_argp)
{
	struct stack_unwinder *u = arg;

	(void)dwfl;
	if (*thread_argp)
		return 0;
	*thread_argp = u;
	return u->tid;
}

static bool get_thread(Dwfl *dwfl, pid_t tid, void *arg, void **thread_argp)
{
	struct stack_unwinder *u = arg;

	(void)dwfl;
	*thread_argp = u;
	return (uint32_t)tid == u->tid;
}

static bool set_initial_registers(Dwfl_Thread *thread, void *arg)
{
	const struct stack_regs *r = ((struct stack_unwinder *)arg)->regs;
	const Dwarf_Word bx = r->bx, bp_sp[] = { r->bp, r->sp };
	const Dwarf_Word r12_15[] = { r->r12, r->r13, r->r14, r->r15 };

	if (!dwfl_thread_state_registers(thread, DW_RBX, 1, &bx) ||
	    !dwfl_thread_state_registers(thread, DW_RBP, 2, bp_sp) ||
	    !dwfl_thread_state_registers(thread, DW_R12, 4, r12_15))
		return false;
	dwfl_thread_state_register_pc(thread, r->ip);
	return true;
}

/* The stack copy first; code and read-only data from their files (the
 * CFI of PLT entries and signal trampolines reads no further). A miss
 * above the copy, on the same stack, means the copy was too short. */
static bool memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result, void *arg)
{
	struct stack_unwinder *u = arg;
	uint64_t sp = u->regs->sp;
	struct stack_map *m, *stack;

	(void)dwfl;
	if (addr >= sp && u->len >= sizeof(*result) && addr - sp <= u->len - sizeof(*result)) {
		memcpy(result, u->stack + (addr - sp), sizeof(*result));
		return true;
	}
	m = stack_maps_lookup(u->proc, addr);
	if (m && m->path && !(m->prot & PROT_WRITE) && stack_objs_resolve(u->objs, m) &&
	    stack_obj_read(m->obj, addr - m->start + m->pgoff, result))
		return true;
	stack = stack_maps_lookup(u->proc, sp);
	if (addr >= sp && (!stack || addr < stack->end))
		u->truncated = true;
	return false;
}

static const Dwfl_Thread_Callbacks thread_callbacks = {
	.next_thread = next_thread,
	.get_thread = get_thread,
	.memory_read = memory_read,
	.set_initial_registers = set_initial_registers,
};

/* Report one module: one reported before is named again by its address
 * range alone (dwfl_report_elf would open the file anew, and libdw
 * refuses a module whose file descriptor changed); a new one is opened. */
static int report_one(struct stack_unwinder *u, struct stack_obj *obj, uint64_t bias)
{
	struct module *m;
	Dwfl_Module *dm;

	for (size_t i = 0; i < u->nmod; i++) {
		m = &u->mod[i];
		if (m->obj != obj || m->bias != bias)
			continue;
		m->seen = true;
		return dwfl_report_module(u->dwfl, obj->path, m->low, m->high) ? 0 : -ENOEXEC;
	}
	if (u->nmod == u->capmod) {
		size_t cap = u->capmod ? 2 * u->capmod : 16;

		m = realloc(u->mod, cap * sizeof(*m));
		if (!m)
			return -ENOMEM;
		u->mod = m;
		u->capmod = cap;
	}
	dm = stack_obj_report(u->dwfl, obj, bias);
	if (!dm)
		return -ENOEXEC;
	m = &u->mod[u->nmod++];
	*m = (struct module){ .obj = obj, .bias = bias, .seen = true };
	dwfl_module_info(dm, NULL, &m->low, &m->high, NULL, NULL, NULL, NULL);
	return 0;
}

/* Tell libdw where p's ELF files are loaded now; modules reported as
 * before keep what libdw parsed of them (CFI, symbols). */
static int report(struct stack_unwinder *u, struct stack_proc *p, struct stack_objs *objs)
{
	Elf *arch = NULL;
	size_t kept = 0;

	if (!u->dwfl)
		u->dwfl = dwfl_begin(&stack_dwfl_callbacks);
	if (!u->dwfl)
		return -ENOMEM;
	for (size_t i = 0; i < u->nmod; i++)
		u->mod[i].seen = false;
	dwfl_report_begin(u->dwfl);
	for (size_t i = 0; i < p->n; i++) {
		struct stack_map *m = &p->map[i];

		if (!(m->prot & PROT_EXEC) || !stack_objs_resolve(objs, m) || !m->bias_ok)
			continue;
		if (!report_one(u, m->obj, m->bias) && !arch)
			arch = m->obj->elf;
	}
	dwfl_report_end(u->dwfl, NULL, NULL);
	/* what was not named again is gone from the Dwfl */
	for (size_t i = 0; i < u->nmod; i++)
		if (u->mod[i].seen)
			u->mod[kept++] = u->mod[i];
	u->nmod = kept;
	if (!arch)
		return -ENOEXEC;
	if (!u->attached && !dwfl_attach_state(u->dwfl, arch, p->pid, &thread_callbacks, u))
		return -ENOEXEC;
	u->attached = true;
	u->gen = p->gen;
	return 0;
}

struct walk {
	struct stack_unwinder *u;
	struct stack_pc *out;
	int max, n;
	bool limit, lost;
	bool bp_zero;		/* the last frame's rbp is 0 */
};

/* A pc in no executable mapping is what a frame-pointer guess through
 * code without frame pointers gives: it ends the walk, as strace's. */
static bool executable(struct stack_proc *p, uint64_t pc)
{
	const struct stack_map *m = stack_maps_lookup(p, pc);

	return m && (m->prot & PROT_EXEC);
}

static int on_frame(Dwfl_Frame *state, void *arg)
{
	struct walk *w = arg;
	Dwarf_Addr pc;
	Dwarf_Word bp;
	bool activation;

	if (!dwfl_frame_pc(state, &pc, &activation))
		return -1;
	if (!pc)
		return DWARF_CB_ABORT;
	if (w->n == w->max) {
		w->limit = true;
		return DWARF_CB_ABORT;
	}
	w->out[w->n++] = (struct stack_pc){ .pc = pc, .activation = activation };
	w->bp_zero = dwfl_frame_reg(state, DW_RBP, &bp) == 0 && !bp;
	if (!executable(w->u->proc, activation ? pc : pc - 1)) {
		w->lost = true;
		return DWARF_CB_ABORT;
	}
	return DWARF_CB_OK;
}

int stack_unwinder_run(struct stack_unwinder *u, struct stack_proc *p,
		       struct stack_objs *objs, uint32_t tid,
		       const struct stack_regs *regs, const void *stack, size_t len,
		       struct stack_pc *out, int max, struct stack_unwound *res)
{
	struct walk w = { .u = u, .out = out, .max = max };
	int err, r;

	memset(res, 0, sizeof(*res));
	if ((!u->attached || u->gen != p->gen) && (err = report(u, p, objs))) {
		res->end = STACK_END_LOST;
		snprintf(res->why, sizeof(res->why), "no ELF file mapped executable");
		return err;
	}
	u->regs = regs;
	u->stack = stack;
	u->len = len;
	u->proc = p;
	u->objs = objs;
	u->tid = tid;
	u->truncated = false;
	r = dwfl_getthread_frames(u->dwfl, tid, on_frame, &w);
	res->n = w.n;
	if (w.limit)
		res->end = STACK_END_LIMIT;
	else if (w.lost)
		res->end = STACK_END_LOST;
	else if (u->truncated)
		res->end = STACK_END_TRUNCATED;
	else if (r == 0 || r == DWARF_CB_ABORT || w.bp_zero)
		/* the psABI's mark of the outermost frame, rbp = 0, on ld.so's
		 * _start, which has no CFI to say so */
		res->end = STACK_END_OUTERMOST;
	else {
		res->end = STACK_END_LOST;
		snprintf(res->why, sizeof(res->why), "%s", dwfl_errmsg(-1));
	}
	u->regs = NULL;
	u->stack = NULL;
	return 0;
}
