// SPDX-License-Identifier: GPL-2.0
/* lotrace's in-kernel side: on the sys_enter and sys_exit raw tracepoints,
 * keep only the traced tasks and selected syscalls, and copy each record
 * into one BPF ring buffer, in the raw_syscalls layout. Task lifetimes come
 * from sched_process_fork/exec/exit. Wakeups are batched: the reader is
 * woken only when a quarter of the ring is full, and polls otherwise. */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "syscalls.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 self_tgid;		/* never traced */
const volatile __u8 system_wide;	/* every task but self */
const volatile __u8 follow;		/* children of traced tasks are traced */
const volatile __u16 enter_type;	/* raw_syscalls:sys_enter id */
const volatile __u16 exit_type;		/* raw_syscalls:sys_exit id */
const volatile __u64 wakeup_bytes;	/* wake the reader past this backlog */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20);	/* resized by the loader */
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);		/* tid */
	__type(value, __u8);		/* LT_TASK_* */
} traced SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_SYSSET_WORDS);
	__type(key, __u32);
	__type(value, __u64);
} sysset SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps");

static __always_inline int wanted_task(__u64 pid_tgid)
{
	__u32 tid = (__u32)pid_tgid;
	__u8 *state;

	if ((pid_tgid >> 32) == self_tgid)
		return 0;
	if (system_wide)
		return 1;
	state = bpf_map_lookup_elem(&traced, &tid);
	return state && *state == LT_TASK_ACTIVE;
}

static __always_inline int wanted_nr(long nr)
{
	__u32 word = (__u32)nr / 64;
	__u64 *bits;

	if (nr < 0)	/* rt_sigreturn's exit: always, it ends a call */
		return 1;
	if (word >= LT_SYSSET_WORDS)
		return 0;
	bits = bpf_map_lookup_elem(&sysset, &word);
	return bits && (*bits >> (nr % 64)) & 1;
}

static __always_inline void count_lost(void)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&lost, &zero);

	if (n)
		(*n)++;
}

static __always_inline void *reserve(__u32 size)
{
	void *rec = bpf_ringbuf_reserve(&events, size, 0);

	if (!rec)
		count_lost();
	return rec;
}

static __always_inline void submit(void *rec)
{
	__u64 flags = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > wakeup_bytes ?
		      BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;

	bpf_ringbuf_submit(rec, flags);
}

static __always_inline void fill_head(struct lt_rec_head *h, __u64 pid_tgid, __u16 kind,
				      __u32 size)
{
	h->ts = bpf_ktime_get_ns();
	h->pid = pid_tgid >> 32;
	h->tid = (__u32)pid_tgid;
	h->kind = kind;
	h->cpu = (__u16)bpf_get_smp_processor_id();
	h->size = size - sizeof(*h);
}

static __always_inline void fill_common(struct lt_tp_common *c, __u16 type, __u64 pid_tgid)
{
	c->common_type = type;
	c->common_flags = 0;
	c->common_preempt_count = 0;
	c->common_pid = (__s32)pid_tgid;
}

SEC("raw_tracepoint/sys_enter")
int lt_sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	long nr = (long)ctx->args[1];
	struct lt_rec_enter *r;

	/* the array test is inlined by the verifier: the cheaper one first */
	if (!wanted_nr(nr) || !wanted_task(pid_tgid))
		return 0;
	r = reserve(sizeof(*r));
	if (!r)
		return 0;
	fill_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, enter_type, pid_tgid);
	r->id = nr;
	/* x86-64 syscall argument registers */
	r->args[0] = BPF_CORE_READ(regs, di);
	r->args[1] = BPF_CORE_READ(regs, si);
	r->args[2] = BPF_CORE_READ(regs, dx);
	r->args[3] = BPF_CORE_READ(regs, r10);
	r->args[4] = BPF_CORE_READ(regs, r8);
	r->args[5] = BPF_CORE_READ(regs, r9);
	submit(r);
	return 0;
}

SEC("raw_tracepoint/sys_exit")
int lt_sys_exit(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	long nr = BPF_CORE_READ(regs, orig_ax);
	struct lt_rec_exit *r;

	if (!wanted_nr(nr) || !wanted_task(pid_tgid))
		return 0;
	r = reserve(sizeof(*r));
	if (!r)
		return 0;
	fill_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, exit_type, pid_tgid);
	r->id = nr;
	r->ret = (long)ctx->args[1];
	submit(r);
	return 0;
}

static __always_inline void task_record(__u16 kind, __u32 pid, __u32 tid, __u32 ppid, __u32 ptid,
					__s32 status)
{
	struct lt_rec_task *r = reserve(sizeof(*r));

	if (!r)
		return;
	fill_head(&r->h, ((__u64)pid << 32) | tid, kind, sizeof(*r));
	r->ppid = ppid;
	r->ptid = ptid;
	r->status = status;
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	/* task records are rare and mark the end of a trace: deliver now */
	bpf_ringbuf_submit(r, 0);
}

SEC("raw_tracepoint/sched_process_fork")
int lt_fork(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *parent = (struct task_struct *)ctx->args[0];
	struct task_struct *child = (struct task_struct *)ctx->args[1];
	__u32 ptid = BPF_CORE_READ(parent, pid), ppid = BPF_CORE_READ(parent, tgid);
	__u32 tid = BPF_CORE_READ(child, pid), pid = BPF_CORE_READ(child, tgid);
	__u8 active = LT_TASK_ACTIVE, *state;

	if (system_wide) {
		if (ppid != self_tgid)
			task_record(LT_REC_FORK, pid, tid, ppid, ptid, 0);
		return 0;
	}
	if (!follow)
		return 0;
	state = bpf_map_lookup_elem(&traced, &ptid);
	if (!state || *state != LT_TASK_ACTIVE)
		return 0;
	bpf_map_update_elem(&traced, &tid, &active, BPF_ANY);
	task_record(LT_REC_FORK, pid, tid, ppid, ptid, 0);
	return 0;
}

SEC("raw_tracepoint/sched_process_exec")
int lt_exec(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	__u8 active = LT_TASK_ACTIVE, *state;

	(void)ctx;
	if ((pid_tgid >> 32) == self_tgid)
		return 0;
	if (!system_wide) {
		state = bpf_map_lookup_elem(&traced, &tid);
		if (!state)
			return 0;
		if (*state == LT_TASK_ARMED)
			bpf_map_update_elem(&traced, &tid, &active, BPF_ANY);
	}
	task_record(LT_REC_EXEC, pid_tgid >> 32, tid, 0, 0, 0);
	return 0;
}

SEC("raw_tracepoint/sched_process_exit")
int lt_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx->args[0];
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	__u8 *state;

	if ((pid_tgid >> 32) == self_tgid)
		return 0;
	if (!system_wide) {
		state = bpf_map_lookup_elem(&traced, &tid);
		if (!state || *state != LT_TASK_ACTIVE)
			return 0;
		bpf_map_delete_elem(&traced, &tid);
	}
	/* do_exit stores the wait status before this tracepoint */
	task_record(LT_REC_EXIT, pid_tgid >> 32, tid, 0, 0, BPF_CORE_READ(task, exit_code));
	return 0;
}
