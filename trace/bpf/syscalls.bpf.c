// SPDX-License-Identifier: GPL-2.0
/* lotrace's in-kernel side: on the sys_enter and sys_exit raw tracepoints,
 * keep only the traced tasks and selected syscalls, and copy each record
 * into one BPF ring buffer, in the raw_syscalls layout. Task lifetimes come
 * from sched_process_fork/exec/exit. Wakeups are batched: the reader is
 * woken only when a quarter of the ring is full, and polls otherwise.
 *
 * One program in one object, its parts by job in the .bpf.h files it
 * includes in order (each uses only what comes before it): common (the
 * configuration, maps, task state, ring), copy and plan (what a call's
 * arguments point to), captures (the records that carry copies), counts
 * (quick calls, -c, --hist); then here the syscall programs; then tasks,
 * signals and USDT probes. */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "arch.h"
#include "records.h"

char LICENSE[] SEC("license") = "GPL";

#include "common.bpf.h"

#include "copy.bpf.h"

#include "plan.bpf.h"

#include "captures.bpf.h"

#include "counts.bpf.h"

/* The entry record of a call, with what its plan copies. flags is
 * LT_ENTER_LATE for a call made before the task was attached, recorded at
 * its exit from the registers the task still holds. */
static __noinline int enter_record(struct pt_regs *regs, long nr, __u64 pid_tgid, __u8 flags)
{
	const struct lt_plan *plan = entry_plan(nr);

	if (plan && direct_ok(plan)) {
		enter_direct(regs, nr, pid_tgid, plan, flags);
		return 0;
	}
	if (plan) {
		enter_with_captures(regs, nr, pid_tgid, plan, flags);
		return 0;
	}
	if (stack_on) {
		enter_with_stack(regs, nr, pid_tgid, flags);
		return 0;
	}
	plain_enter(regs, nr, pid_tgid, flags);
	return 0;
}

static __always_inline int on_sys_enter(long nr)
{
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 pid_tgid = task_pid_tgid(task);
	struct pt_regs *regs;
	__u8 state;

	/* the array tests are inlined by the verifier: the cheaper first,
	 * and whether the task may be traced before all (most calls on a
	 * machine are other tasks'); a lazy quick call is all done at its
	 * exit, a deferred one noted on this CPU without asking more
	 * (deferred_here) */
	if (!may_trace((__u32)pid_tgid) || !wanted_nr(nr) || is_lazy(nr))
		return 0;
	if (!count_only && is_deferred(nr)) {
		defer_enter(pid_tgid, nr);
		return 0;
	}
	/* -c: noted in the task's slot, without asking more (count_notes) */
	if (count_only && count_note(task, pid_tgid, nr))
		return 0;
	if (!(state = task_state_of(pid_tgid)))
		return 0;
	if (late_entries && state == LT_TASK_FRESH)
		task_activate(pid_tgid);
	if (count_only) {
		count_enter(task, nr);
		return 0;
	}
	regs = task_regs(task);
	if (is_quick(nr) && quick_enter(task, regs, nr))
		return 0;
	return enter_record(regs, nr, pid_tgid, 0);
}

#define EINTR			4
#define SIGKILL			9
#define ERESTARTSYS		512	/* include/linux/errno.h: the kernel's own */
#define ERESTART_RESTARTBLOCK	516

/* The current task, t, has SIGKILL pending: it dies on its way out. */
static __always_inline int dying(struct task_struct *t)
{
	return (t->pending.signal.sig[0] >> (SIGKILL - 1)) & 1;
}

/* A call cut short because the task is being killed (a group exit,
 * another thread's execve): strace sees no return, the task's end shows
 * it as "= ?" */
static __always_inline int killed_in_call(struct task_struct *task, long ret)
{
	return (ret == -EINTR || (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK)) &&
	       dying(task);
}

/* -c: the exit of the current task's call, counted when its entry was
 * (noted in its slot, or kept in its storage). 0 when it was not seen:
 * then the caller finds out whether to count it untimed. */
static __always_inline int count_exit(struct task_struct *task, __u64 pid_tgid, long ret)
{
	struct count_note at;
	struct task_call *t;
	int noted;
	long nr = 0;	/* clang 14 spills it on paths that never set it */
	__u8 state;

	noted = count_take(pid_tgid, &at, &nr);
	if (!(state = task_state_of(pid_tgid)))
		return 1;
	/* a task attached with -p is traced from this call on, as its
	 * entry would have made it */
	if (late_entries && state == LT_TASK_FRESH)
		task_activate(pid_tgid);
	if (noted) {
		if (!killed_in_call(task, ret))
			count_noted(task, &at, nr, ret);
		return 1;
	}
	t = task_call_of(task, 0);
	if (!t || !t->ts)
		return 0;
	if (!killed_in_call(task, ret))
		count_timed(task, t, ret);
	return 1;
}

static __always_inline int on_sys_exit(long ret)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs;
	__u64 pid_tgid;
	__u32 key;
	const struct lt_plan *plan;
	struct lt_rec_exit *r;
	struct task_call *t;
	__u8 state;
	long nr;

	/* a task whose bit is clear is not traced, and left no note at its
	 * entry either (deferred_here, count_notes) */
	pid_tgid = task_pid_tgid(task);
	if (!may_trace((__u32)pid_tgid))
		return 0;
	/* -c: a call whose entry was counted is known to be wanted; only
	 * the others read the number */
	if (count_only && count_exit(task, pid_tgid, ret))
		return 0;
	regs = task_regs(task);
	nr = LT_REG_NR(regs);
	key = (__u32)nr;
	if (!wanted_nr(nr) || !(state = task_state_of(pid_tgid))) {
		/* the note of a deferred call goes with its call, traced
		 * or not (deferred_here) */
		if (is_deferred(nr))
			defer_take(pid_tgid, nr);
		return 0;
	}
	if (is_lazy(nr)) {
		/* -p: the whole call is in the registers, even one begun
		 * before the attach */
		if (late_entries && state == LT_TASK_FRESH)
			task_activate(pid_tgid);
		return lazy_exit(regs, nr, ret, pid_tgid);
	}
	if (late_entries && state == LT_TASK_FRESH) {
		/* a call in progress when lotrace attached: its arguments are
		 * still in the task's registers, so it prints whole */
		task_activate(pid_tgid);
		if (!count_only && nr >= 0 && !(is_deferred(nr) && defer_noted(pid_tgid, nr)))
			enter_record(regs, nr, pid_tgid, LT_ENTER_LATE);
	}
	/* a deferred call's entry goes out now, while the task still has
	 * its memory (a write's buffer), before the task's end (lt_exit) */
	if (killed_in_call(task, ret)) {
		if (is_deferred(nr) && defer_take(pid_tgid, nr))
			defer_enter_record(regs, nr, pid_tgid);
		return 0;
	}
	if (count_only) {
		count_unentered(nr, ret);
		return 0;
	}
	if (is_quick(nr) && quick_exit(task, nr, ret, pid_tgid))
		return 0;
	if (capture && key < LT_MAX_NR) {
		plan = bpf_map_lookup_elem(&plans, &key);
		if (plan) {
			/* a deferred call that stayed on this CPU: its entry is
			 * not out, and this record is to be the whole call
			 * (make_plans defers only calls whose plan goes on to
			 * exit_direct or exit_with_captures) */
			__u8 whole = is_deferred(nr) && defer_take(pid_tgid, nr);

			/* only an entry that went out and copied can have
			 * faulted: a whole call's did not go out, and its
			 * write needs no lookup of the task's storage */
			t = plan->at_entry && !whole ? task_call_of(task, 0) : NULL;
			__u8 again = t ? t->refetch : 0;

			if (again)
				t->refetch = 0;
			if (whole && !again && direct_ok(plan)) {
				exit_direct(regs, nr, ret, pid_tgid, plan);
				return 0;
			}
			if (again || plan->at_exit) {
				exit_with_captures(regs, nr, ret, pid_tgid, plan, again, whole);
				return 0;
			}
		}
	}
	r = reserve(sizeof(*r));
	if (!r)
		return 0;
	fill_call_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, exit_type, pid_tgid);
	r->id = nr;
	r->ret = ret;
	r->cpu_ns = cpu_exit(cpu_call(0), r->h.ts);
	submit(r);
	return 0;
}

/* Every syscall of every task, filtered here: for full traces and sets
 * too large to attach one by one. */
SEC("raw_tracepoint/sys_enter")
int lt_sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	return on_sys_enter((long)ctx->args[1]);
}

SEC("raw_tracepoint/sys_exit")
int lt_sys_exit(struct bpf_raw_tracepoint_args *ctx)
{
	return on_sys_exit((long)ctx->args[1]);
}

/* Both tracepoints in one program where the kernel gives each attachment
 * its cookie (raw tracepoints since 6.10): 0 on sys_enter, 1 on sys_exit.
 * The functions both sides call are then verified and JITed once, not
 * once per program (verification 15.8 -> 13.5 ms, lotrace -- true's CPU
 * 45 -> 38 ms here). */
SEC("raw_tracepoint/sys_enter")
int lt_sys(struct bpf_raw_tracepoint_args *ctx)
{
	if (!bpf_get_attach_cookie(ctx))
		return on_sys_enter((long)ctx->args[1]);
	return on_sys_exit((long)ctx->args[1]);
}

/* Attached to syscalls:sys_enter_NAME and sys_exit_NAME of a small set
 * only: the kernel tests a bitmap and runs nothing for other syscalls. The
 * user registers hold the number, the arguments and the return value.
 * A tracepoint program's 0 would drop the event for every perf user of
 * that tracepoint (perf record, perf trace, another lotrace --no-bpf):
 * these return 1, which costs nothing where there is none. */
#define TP_PASS 1

SEC("tracepoint")
int lt_tp_enter(void *ctx)
{
	(void)ctx;
	on_sys_enter(LT_REG_NR(user_regs()));
	return TP_PASS;
}

SEC("tracepoint")
int lt_tp_exit(void *ctx)
{
	(void)ctx;
	on_sys_exit(LT_REG_RET(user_regs()));
	return TP_PASS;
}

/* The pair in one program, as lt_sys (tracepoints have cookies since 5.15). */
SEC("tracepoint")
int lt_tp(void *ctx)
{
	struct pt_regs *regs = user_regs();

	if (!bpf_get_attach_cookie(ctx))
		on_sys_enter(LT_REG_NR(regs));
	else
		on_sys_exit(LT_REG_RET(regs));
	return TP_PASS;
}

/* A task leaves the CPU: when it does inside a deferred call, the call's
 * entry goes out first (current is still the task leaving). Loaded only
 * with a deferred set; the kernel runs it on every switch of every task,
 * where it reads this CPU's note (deferred_here), and looks the task up
 * only when the note is its own. */
SEC("raw_tracepoint/sched_switch")
int lt_switch(struct bpf_raw_tracepoint_args *ctx)
{
	(void)ctx;
	if (defer_on)
		defer_flush(bpf_get_current_task_btf());
	return 0;
}

#include "tasks.bpf.h"

#include "signals.bpf.h"

#include "usdt.bpf.h"
