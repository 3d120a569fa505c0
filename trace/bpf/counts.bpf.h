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

/* This CPU's note of a deferred call (deferred_here), and what the note
 * of call nr of the task of pid_tgid reads: its tid high, nr low. */
static __always_inline __u64 *deferred_slot(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&deferred_here, &zero);
}

static __always_inline __u64 deferred_key(__u64 pid_tgid, long nr)
{
	return pid_tgid << 32 | (__u32)nr;
}

/* A deferred call's entry: noted on this CPU only (deferred_here), for
 * a task whose bit is set, without asking whether it is traced. Its exit writes the whole call
 * (exit_with_captures), unless defer_flush wrote the entry first. One
 * store, so that no reader ever sees half a note. */
static __always_inline void defer_enter(__u64 pid_tgid, long nr)
{
	__u64 *here = deferred_slot();

	if (here)
		*here = deferred_key(pid_tgid, nr);
}

/* Take note from slot here, if it still holds it: by a
 * compare-and-exchange, as a signal generated in an interrupt on this CPU
 * may flush the note meanwhile, and exactly one of them is to write the
 * entry. */
static __always_inline int take_note(__u64 *here, __u64 note)
{
	return __sync_val_compare_and_swap(here, note, 0) == note;
}

/* Whether the task of pid_tgid (the current one) began call nr on this
 * CPU without its entry going out: then the note is taken, and the caller
 * writes the call. */
static __always_inline int defer_take(__u64 pid_tgid, long nr)
{
	__u64 *here = deferred_slot();
	__u64 note = deferred_key(pid_tgid, nr);

	return here && *here == note && take_note(here, note);
}

/* Whether the current task's call nr is noted on this CPU (its entry
 * seen here, not out yet), the note left in place. */
static __always_inline int defer_noted(__u64 pid_tgid, long nr)
{
	__u64 *here = deferred_slot();

	return here && *here == deferred_key(pid_tgid, nr);
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
	__u64 *here = deferred_slot();
	__u64 note = here ? *here : 0;
	long nr = (__u32)note;
	__u8 state;

	if (!here || !note || note != deferred_key(pid_tgid, nr) || !take_note(here, note) ||
	    !(state = task_state(pid_tgid)))
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
static __always_inline void count_enter(struct task_struct *task, long nr)
{
	struct task_call *t = task_call_of(task, 1);

	if (!t)
		return;
	t->nr = nr;
	t->ts = bpf_ktime_get_ns();
	cpu_enter_of(task, t, t->ts);
}

#define NOTE_TID_BITS 22	/* PID_MAX_LIMIT is 2^22 */

static __always_inline struct count_note *note_of(__u64 pid_tgid)
{
	__u32 key = (__u32)pid_tgid & (LT_COUNT_NOTES - 1);

	return bpf_map_lookup_elem(&count_notes, &key);
}

static __always_inline __u64 note_tag(__u64 pid_tgid, long nr, __u64 ts)
{
	return pid_tgid << (64 - NOTE_TID_BITS) | (__u64)nr << 32 | (__u32)ts;
}

/* Note *at as the call nr of the task of pid_tgid in its slot, tag
 * first (to 0) and last. */
static __always_inline void note_put(__u64 pid_tgid, long nr, const struct count_note *at)
{
	struct count_note *n = note_of(pid_tgid);

	if (!n)
		return;
	n->tag = 0;
	barrier();
	n->ts = at->ts;
	n->cpu_clock = at->cpu_clock;
	n->cpu_sum = at->cpu_sum;
	n->on = at->on;
	barrier();
	n->tag = note_tag(pid_tgid, nr, at->ts);
}

/* -c: the entry of call nr in its task's slot (count_notes), as
 * count_enter keeps it in the task's storage. 0 when the task's id or
 * the number is too wide for the note: then the caller keeps it there. */
static __always_inline int count_note(struct task_struct *task, __u64 pid_tgid, long nr)
{
	struct count_note at = { .ts = bpf_ktime_get_ns() };

	if ((__u32)pid_tgid >> NOTE_TID_BITS || nr < 0 || nr >= LT_MAX_NR)
		return 0;
	if (want_cpu) {
		at.cpu_sum = task->se.sum_exec_runtime;
		at.cpu_clock = at.cpu_sum - task->se.exec_start + at.ts;
		at.on = bpf_get_smp_processor_id();
	}
	note_put(pid_tgid, nr, &at);
	return 1;
}

/* The note of the task of pid_tgid, taken into *at: 1 when there was
 * one, its number then in *nr. */
static __always_inline int count_take(__u64 pid_tgid, struct count_note *at, long *nr)
{
	struct count_note *n = note_of(pid_tgid);
	__u64 tag;

	if (!n || !(tag = n->tag) || tag >> (64 - NOTE_TID_BITS) != (__u32)pid_tgid)
		return 0;
	barrier();
	at->ts = n->ts;
	at->cpu_clock = n->cpu_clock;
	at->cpu_sum = n->cpu_sum;
	at->on = n->on;
	if (__sync_val_compare_and_swap(&n->tag, tag, 0) != tag || (__u32)tag != (__u32)at->ts)
		return 0;
	*nr = (tag >> 32) & (LT_MAX_NR - 1);
	return 1;
}

/* A thread other than the leader that execs takes the leader's id
 * (lt_exec): the note of the call, its execve, goes with it. */
static __always_inline void count_move(__u32 old, __u64 pid_tgid)
{
	struct count_note at;
	long nr;

	if (count_take(old, &at, &nr) && !((__u32)pid_tgid >> NOTE_TID_BITS))
		note_put(pid_tgid, nr, &at);
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

/* A call's sums: nr returned ret after d ns (-w's wall time or the
 * task's CPU time; LT_CPU_UNKNOWN for none), less -O; wall, for --hist's
 * latencies. The entry says which call it was: rt_sigreturn's exit
 * carries the number of the frame it restored (-1). */
static __always_inline void count_sum(long nr, long ret, __u64 d, __u64 wall)
{
	__u32 key = (__u32)nr;
	struct lt_count *c = key < LT_MAX_NR ? bpf_map_lookup_elem(&counts, &key) : NULL;

	if (!c)
		return;
	c->calls++;
	/* rt_sigreturn's result is the restored register, no error */
	if (ret < 0 && ret >= -4095 && nr != sigreturn_nr)
		c->errors++;
	if (d == LT_CPU_UNKNOWN)
		d = 0;
	d = d > overhead_ns ? d - overhead_ns : 0;
	c->time_ns += d;
	if (!c->timed++ || d < c->min_ns)
		c->min_ns = d;
	if (d > c->max_ns)
		c->max_ns = d;
	if (hist_on)
		hist_add(key, wall);
}

/* The call t entered (in the task's storage) returned ret: its sums. */
static __always_inline void count_timed(struct task_struct *task, struct task_call *t, long ret)
{
	__u64 now = bpf_ktime_get_ns();
	__u64 d = want_cpu ? cpu_exit_of(task, t, now) : now - t->ts;

	count_sum(t->nr, ret, d, now - t->ts);
	t->ts = 0;
}

/* The call nr, noted at its entry in *at (count_take), returned ret. */
static __always_inline void count_noted(struct task_struct *task, const struct count_note *at,
					long nr, long ret)
{
	__u64 now = bpf_ktime_get_ns();
	__u64 d = want_cpu ? cpu_time(task, at->on, at->cpu_clock, at->cpu_sum, at->ts, now) :
			     now - at->ts;

	count_sum(nr, ret, d, now - at->ts);
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
static __always_inline int quick_enter(struct task_struct *task, struct pt_regs *regs, long nr)
{
	struct task_call *t = task_call_of(task, 1);

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
	struct task_call *t = call_of(0);

	if (!t || !t->ts)
		return 0;
	if (t->ts == 1)
		t->ts = bpf_ktime_get_ns();
	return 1;
}

/* Its exit: one record with both, when its entry was kept. */
static __always_inline int quick_exit(struct task_struct *task, long nr, long ret,
				      __u64 pid_tgid)
{
	struct task_call *t = task_call_of(task, 0);
	struct lt_rec_call *r;

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
