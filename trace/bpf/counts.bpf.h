// SPDX-License-Identifier: GPL-2.0
/* Part of syscalls.bpf.c, included once where it stands: quick calls (entry and exit in one record), -c's sums and
 * --hist's buckets in the kernel. */

/* nr in the syscall set of map (quick or lazy) */
static __always_inline int in_set(void *map, long nr)
{
	__u32 word = (__u32)nr / 64;
	__u64 *bits;

	if (nr < 0 || word >= LT_SYSSET_WORDS)
		return 0;
	bits = bpf_map_lookup_elem(map, &word);
	return bits && (*bits >> (nr % 64)) & 1;
}

static __always_inline int is_quick(long nr)
{
	return in_set(&quick, nr);
}

static __always_inline int is_lazy(long nr)
{
	return in_set(&lazy, nr);
}

static __always_inline int is_deferred(long nr)
{
	return defer_on && in_set(&deferred, nr);
}

/* A deferred call's entry: noted on this CPU only (deferred_here),
 * whether or not the task is traced. Its exit writes the whole call
 * (exit_with_captures), unless defer_flush wrote the entry first. One
 * store: a task preempted in the middle of it reads its own note. */
static __always_inline void defer_enter(__u64 pid_tgid, long nr)
{
	__u32 zero = 0;
	__u64 *here = bpf_map_lookup_elem(&deferred_here, &zero);

	if (here)
		*here = pid_tgid << 32 | (__u32)nr;
}

/* Whether the task of pid_tgid (the current one) began call nr on this
 * CPU without its entry going out: then the note is taken, and the caller
 * writes the call. By a compare-and-exchange, as defer_flush takes it:
 * a signal generated in an interrupt here may flush it meanwhile, and
 * exactly one of them is to write the entry. */
static __always_inline int defer_take(__u64 pid_tgid, long nr)
{
	__u32 zero = 0;
	__u64 *here = bpf_map_lookup_elem(&deferred_here, &zero);
	__u64 note = pid_tgid << 32 | (__u32)nr;

	return here && *here == note && __sync_val_compare_and_swap(here, note, 0) == note;
}

/* Whether the current task's call nr is noted on this CPU (its entry
 * seen here, not out yet), the note left in place. */
static __always_inline int defer_noted(__u64 pid_tgid, long nr)
{
	__u32 zero = 0;
	__u64 *here = bpf_map_lookup_elem(&deferred_here, &zero);

	return here && *here == (pid_tgid << 32 | (__u32)nr);
}

/* A deferred call's entry record, from the registers the call still holds,
 * with its buffer when it copies one at entry (a write's: the only entry
 * copies deferred, lt_plan.direct's). */
static __always_inline void defer_enter_record(struct pt_regs *regs, long nr, __u64 pid_tgid)
{
	const struct lt_plan *plan = entry_plan(nr);

	if (plan && direct_ok(plan))
		enter_direct(regs, nr, pid_tgid, plan, 0);
	else
		plain_enter(regs, nr, pid_tgid, 0);
}

/* task (the current one) may be in a deferred call and is about to leave
 * the CPU, or to put something else in the stream (a signal it sends):
 * the call's entry record goes out now, if the task is traced. A task
 * attached with -p is traced from this call on, as its entry would have
 * made it. */
static __always_inline void defer_flush(struct task_struct *task)
{
	__u64 pid_tgid = task_pid_tgid(task);
	__u32 zero = 0;
	__u64 *here = bpf_map_lookup_elem(&deferred_here, &zero);
	__u64 note = here ? *here : 0;
	long nr = (__u32)note;
	struct task_call *t;
	__u8 state;

	if (!note || note >> 32 != (__u32)pid_tgid || !defer_take(pid_tgid, nr) ||
	    !(state = task_state_of(task, pid_tgid, &t)))
		return;
	if (late_entries && state == LT_TASK_FRESH)
		task_activate(pid_tgid);
	defer_enter_record(task_regs(task), nr, pid_tgid);
}

/* A lazy quick call, at its exit: one record with both sides, the
 * arguments read from the registers now. Nothing was kept at its entry:
 * no task lookup there, no task storage. */
static __always_inline int lazy_exit(struct pt_regs *regs, long nr, long ret, __u64 pid_tgid)
{
	struct lt_rec_call *r = reserve(sizeof(*r));

	if (!r)
		return 0;
	fill_exit_call(r, regs, nr, ret, pid_tgid);
	submit(r);
	return 0;
}

/* The bucket of d: 0 for 0, else 1 + the index of its top bit (the last
 * bucket also takes 2^63 and more), found by halving as bpftrace's hist()
 * does (the BPF target has no clz). */
static __always_inline __u32 hist_bucket(__u64 d)
{
	__u32 i = 0;

	if (!d)
		return 0;
	for (__u32 shift = 32; shift; shift >>= 1) {
		if (d >> shift) {
			d >>= shift;
			i += shift;
		}
	}
	return i < LT_HIST_BUCKETS - 1 ? i + 1 : LT_HIST_BUCKETS - 1;
}

/* --hist: one more add, in the bucket of a call of d ns. */
static __always_inline void hist_add(__u32 key, __u64 d)
{
	struct lt_hist *h = bpf_map_lookup_elem(&hist, &key);

	if (h)
		h->bucket[hist_bucket(d) & (LT_HIST_BUCKETS - 1)]++;
}

/* -c alone: a syscall costs a timestamp at entry and a few adds at exit. */
static __always_inline void count_enter(struct task_struct *task, long nr, struct task_call *t)
{
	t = task_call_of(task, t, 1);
	if (!t)
		return;
	t->nr = nr;
	t->ts = bpf_ktime_get_ns();
	cpu_enter_of(task, t, t->ts);
}

/* A call's time, -w's wall time or the task's CPU time, less -O; its
 * wall time, for --hist's latencies, into *wall. */
static __always_inline __u64 call_time(struct task_struct *task, struct task_call *t,
					 __u64 *wall)
{
	__u64 now = bpf_ktime_get_ns();
	__u64 d = want_cpu ? cpu_exit_of(task, t, now) : now - t->ts;

	*wall = now - t->ts;
	if (d == LT_CPU_UNKNOWN)
		d = 0;
	return d > overhead_ns ? d - overhead_ns : 0;
}

static __always_inline void count_untimed(long nr, long ret)
{
	__u32 key = (__u32)nr;
	struct lt_count *c = key < LT_MAX_NR ? bpf_map_lookup_elem(&counts, &key) : NULL;

	if (!c)
		return;
	c->calls++;
	if (ret < 0 && ret >= -4095)
		c->errors++;
}

/* The call t entered returned ret: its sums. The entry says which call
 * it was: rt_sigreturn's exit carries the number of the frame it restored
 * (-1). */
static __always_inline void count_timed(struct task_struct *task, struct task_call *t, long ret)
{
	__u32 key = (__u32)t->nr;
	struct lt_count *c;
	__u64 d, wall;

	c = key < LT_MAX_NR ? bpf_map_lookup_elem(&counts, &key) : NULL;
	if (!c) {
		t->ts = 0;
		return;
	}
	c->calls++;
	/* rt_sigreturn's result is the restored register, no error */
	if (ret < 0 && ret >= -4095 && t->nr != sigreturn_nr)
		c->errors++;
	d = call_time(task, t, &wall);
	c->time_ns += d;
	if (!c->timed++ || d < c->min_ns)
		c->min_ns = d;
	if (d > c->max_ns)
		c->max_ns = d;
	if (hist_on)
		hist_add(key, wall);
	t->ts = 0;
}

/* -c: the task's call in progress, when its entry was counted: then the
 * task is traced and the call wanted, and its exit needs no more lookups. */
static __always_inline struct task_call *count_entered(struct task_struct *task)
{
	struct task_call *t = task_call_of(task, NULL, 0);

	return t && t->ts ? t : NULL;
}

/* A call is counted when it returns, as strace counts (count_timed, when
 * its entry was counted). Of the others, a new task's return from its
 * parent's clone is not a call of its own, and a call whose entry went
 * unseen (none in a command lotrace started, which is armed before its
 * exec) counts untimed. */
static __always_inline void count_unentered(long nr, long ret)
{
	for (int i = 0; i < 4; i++)
		if (nr == fork_nr[i])
			return;
	count_untimed(nr, ret);
}

/* A quick syscall's entry: kept until its exit. */
static __always_inline int quick_enter(struct pt_regs *regs, long nr, struct task_call *t)
{
	t = call_of(t, 1);
	if (!t)
		return 0;
	t->nr = nr;
	read_args(regs, t->args);
	t->ip = user_ip(regs);
	/* a clock read is dear here (a paravirtual clock): without
	 * durations, the entry is stamped with its exit's time, which a
	 * quick call is within a microsecond of (-c's CPU time implies
	 * durations) */
	t->ts = durations ? bpf_ktime_get_ns() : 1;
	cpu_enter(t, t->ts);
	return 1;
}

/* Something the task does inside a quick call will be in the stream: the
 * call's entry, stamped lazily, must come before it. 1 when the task is
 * in a quick call whose entry is kept. */
static __always_inline int quick_stamp(void)
{
	struct task_call *t = call_of(NULL, 0);

	if (!t || !t->ts)
		return 0;
	if (t->ts == 1)
		t->ts = bpf_ktime_get_ns();
	return 1;
}

/* Its exit: one record with both, when its entry was kept. */
static __always_inline int quick_exit(long nr, long ret, __u64 pid_tgid, struct task_call *t)
{
	struct lt_rec_call *r;

	t = call_of(t, 0);
	if (!t || !t->ts || t->nr != nr)
		return 0;
	r = reserve(sizeof(*r));
	if (r) {
		fill_call_head(&r->h, pid_tgid, LT_REC_CALL, sizeof(*r));
		r->id = nr;
		__builtin_memcpy(r->args, t->args, sizeof(r->args));
		r->ret = ret;
		r->ts_enter = t->ts != 1 ? t->ts : r->h.ts;
		r->ip = t->ip;
		r->cpu_ns = cpu_exit(t, r->h.ts);
		submit(r);
	}
	t->ts = 0;
	return 1;
}
