// SPDX-License-Identifier: GPL-2.0
/* Part of syscalls.bpf.c, included once where it stands: task lifetimes: fork, exec (with the captures of an execve the
 * pages were not there for), exit. */

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
	__u32 ptid = ns_pid_of(parent), ppid = ns_tgid_of(parent);
	__u32 tid = ns_pid_of(child), pid = ns_tgid_of(child);
	__u8 active = LT_TASK_ACTIVE, *state;

	if (system_wide) {
		if (ppid != self_tgid && tid)
			task_record(LT_REC_FORK, pid, tid, ppid, ptid, 0);
		return 0;
	}
	if (!follow || !may_trace(ptid))
		return 0;
	state = bpf_map_lookup_elem(&traced, &ptid);
	if (!state || *state != LT_TASK_ACTIVE)
		return 0;
	/* a child lotrace cannot follow (16384 traced tasks at once) is
	 * never silent: its events count as lost */
	mark_traced(tid);
	if (bpf_map_update_elem(&traced, &tid, &active, BPF_ANY))
		count_lost();
	task_record(LT_REC_FORK, pid, tid, ppid, ptid, 0);
	return 0;
}

/* execve's path and argv where the copy at its entry failed (strings on
 * pages the old image never touched): once the exec succeeded they are in
 * the kernel's binprm and in the new image's argument area, and the old
 * pointers mean nothing. An LT_REC_CAPS record adds them to the call. */
static __always_inline void exec_captures(struct linux_binprm *bprm, __u64 pid_tgid)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	struct task_call *t = bpf_task_storage_get(&calls, task, 0, 0);
	__u8 *mask = t ? &t->refetch : NULL;
	__u32 key = (__u32)LT_REG_NR(regs), off, len;
	const struct lt_plan *plan;
	struct lt_rec_head *h;
	struct scratch *sc;
	struct lt_cap *cap;
	int path_i = -1, argv_i = -1;
	__u64 start, end;
	long n;

	if (!mask || !*mask || key >= LT_MAX_NR)
		return;
	plan = bpf_map_lookup_elem(&plans, &key);
	if (!plan)
		return;
	/* execve and execveat: the path is the argument before argv (found
	 * by lotrace, not by a loop the verifier walks) */
	if (plan->argv < 1 || plan->argv > 5)
		return;
	if ((*mask >> plan->argv) & 1)
		argv_i = plan->argv;
	if (plan->kind[(plan->argv - 1) & 7] == LT_CAP_PATH && (*mask >> (plan->argv - 1)) & 1)
		path_i = plan->argv - 1;
	if (path_i < 0 && argv_i < 0)
		return;
	*mask &= ~((path_i >= 0 ? 1 << path_i : 0) | (argv_i >= 0 ? 1 << argv_i : 0));
	sc = scratch_get();
	if (!sc)
		return;
	h = (struct lt_rec_head *)sc->buf;
	fill_head(h, pid_tgid, LT_REC_CAPS, sizeof(*h));
	off = sizeof(*h);
	if (path_i >= 0) {
		cap = cap_begin(sc, off, path_i, LT_CAP_PATH, 1);
		n = bpf_probe_read_kernel_str(&sc->buf[off + 8], LT_PATH_MAX,
					      BPF_CORE_READ(bprm, filename));
		if (n < 0) {
			cap->flags = LT_CAPF_FAULT;
			n = 0;
		}
		cap->len = n;
		off += 8 + round8(n);
	}
	if (argv_i >= 0) {
		off &= OFF_MASK;
		start = BPF_CORE_READ(task, mm, arg_start);
		end = BPF_CORE_READ(task, mm, arg_end);
		cap = cap_begin(sc, off, argv_i, LT_CAP_ARGV, 1);
		len = ARGV_AREA;
		if (end - start < ARGV_AREA)
			len = (__u32)(end - start) & (ARGV_AREA - 1);
		else if (end - start > ARGV_AREA)
			cap->flags = LT_CAPF_MORE;
		if (end <= start || bpf_probe_read_user(&sc->buf[off + 8], len, (const void *)start)) {
			cap->flags = LT_CAPF_FAULT;
			len = 0;
		}
		cap->len = len;
		off += 8 + round8(len);
	}
	scratch_emit(sc, off);
}

SEC("raw_tracepoint/sched_process_exec")
int lt_exec(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 pid_tgid = current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	/* a thread other than the leader that execs takes the leader's id:
	 * old is its own (the kernel's, so not in a pid namespace) */
	__u32 old = pidns ? tid : (__u32)ctx->args[1];
	__u8 active = LT_TASK_ACTIVE, *state, was;

	if ((pid_tgid >> 32) == self_tgid || !pid_tgid)
		return 0;
	if (!system_wide) {
		state = may_trace(old) ? bpf_map_lookup_elem(&traced, &old) : NULL;
		if (!state)
			return 0;
		was = *state;
		if (old != tid) {
			mark_traced(tid);
			bpf_map_update_elem(&traced, &tid, &was, BPF_ANY);
			bpf_map_delete_elem(&traced, &old);
			/* old is gone with the thread that had it; the new
			 * tid's active bit is set at its next call */
			unmark_traced(old);
		}
		if (was == LT_TASK_ARMED) {
			bpf_map_update_elem(&traced, &tid, &active, BPF_ANY);
			/* the command's execve began before it was traced:
			 * -c counts it from here, as the call it is in */
			if (count_only) {
				struct task_struct *task = bpf_get_current_task_btf();
				long nr = LT_REG_NR(task_regs(task));

				if (!count_note(task, pid_tgid, nr))
					count_enter(task, nr);
			}
		} else if (count_only && old != tid) {
			count_move(old, pid_tgid);
		}
	}
	if (capture && !count_only)
		exec_captures((struct linux_binprm *)ctx->args[2], pid_tgid);
	task_record(LT_REC_EXEC, pid_tgid >> 32, tid, 0, old, 0);
	return 0;
}

SEC("raw_tracepoint/sched_process_exit")
int lt_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx->args[0], *exec_task;
	__u64 pid_tgid = current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	__u8 *state;

	if ((pid_tgid >> 32) == self_tgid || !pid_tgid)
		return 0;
	if (!may_trace(tid))
		return 0;
	/* -c: the note of a call that never returns (exit_group), which
	 * another task with its id, later, is not to find; traced or not
	 * (notes are made only for tasks whose bit is set) */
	if (count_only) {
		struct count_note at;
		long nr;

		count_take(pid_tgid, &at, &nr);
	}
	/* killed in a deferred call that had not slept: its line begins
	 * before the task's end, which shows it unfinished (asked while the
	 * task is still known traced) */
	if (defer_on)
		defer_flush(bpf_get_current_task_btf());
	if (!system_wide) {
		state = bpf_map_lookup_elem(&traced, &tid);
		if (!state || *state == LT_TASK_ARMED)
			return 0;
		bpf_map_delete_elem(&traced, &tid);
		unmark_traced(tid);
	}
	/* do_exit stores the wait status before this tracepoint; a thread
	 * that dies because another of its process execs is superseded */
	exec_task = BPF_CORE_READ(task, signal, group_exec_task);
	task_record(LT_REC_EXIT, pid_tgid >> 32, tid, 0,
		    exec_task && exec_task != task ? ns_pid_of(exec_task) : 0,
		    BPF_CORE_READ(task, exit_code));
	return 0;
}
