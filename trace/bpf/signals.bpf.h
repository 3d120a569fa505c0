// SPDX-License-Identifier: GPL-2.0
/* Part of syscalls.bpf.c, included once where it stands: signals: generated (held for the call they interrupt) and
 * delivered. */

/* Signals as strace shows them. strace prints "--- SIG {siginfo} ---"
 * where a traced task dequeues a signal; under ptrace the kernel neither
 * discards ignored signals nor turns a fatal one into a group SIGKILL,
 * without it it does both. So: a signal the kernel discards is shown when
 * it is sent (signal_generate, result IGNORED); one it queues is kept
 * here until its delivery, so that when the delivery is the group SIGKILL
 * a fatal signal became, the signal that was sent is shown, with its
 * siginfo. */
#define TRACE_SIGNAL_DELIVERED	0	/* include/trace/events/signal.h */
#define TRACE_SIGNAL_IGNORED	1

struct sent_signal {
	__s32 sig;
	__u32 pad;
	__u8 info[LT_SIGINFO_SIZE];
};

/* queued signals by target: a thread's id, or a process's (group signals);
 * an LRU map is preallocated, and 4096 entries took a millisecond of
 * start-up: 1024 targets with a signal pending at once are plenty */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct sent_signal);
} sent SEC(".maps");

static __always_inline void signal_record(__u32 pid, __u32 tid, int sig, const void *info,
					  __u32 flags)
{
	struct lt_rec_signal *r = reserve(sizeof(*r));

	if (!r)
		return;
	fill_head(&r->h, (__u64)pid << 32 | tid, LT_REC_SIGNAL, sizeof(*r));
	r->sig = sig;
	r->flags = flags;
	__builtin_memcpy(r->info, info, sizeof(r->info));
	submit(r);
}

/* The siginfo of a send, as the receiver will see it: the kernel's, or
 * for SEND_SIG_NOINFO (0) and SEND_SIG_PRIV (1) what the kernel fills in
 * at delivery: SI_USER from the sender, or SI_KERNEL. */
static __always_inline void siginfo_of(int sig, const void *kinfo, __u8 out[LT_SIGINFO_SIZE])
{
	struct {
		__s32 signo, err, code;
		__u32 pad;	/* the union is 8-aligned */
		__s32 pid;
		__u32 uid;
	} *si = (void *)out;

	__builtin_memset(out, 0, LT_SIGINFO_SIZE);
	if ((unsigned long)kinfo > 1 &&
	    !bpf_probe_read_kernel(out, LT_SIGINFO_SIZE, kinfo))
		return;
	si->signo = sig;
	if ((unsigned long)kinfo == 1) {
		si->code = 0x80;	/* SI_KERNEL */
		return;
	}
	si->code = 0;			/* SI_USER */
	si->pid = (__s32)(current_pid_tgid() >> 32);
	si->uid = (__u32)bpf_get_current_uid_gid();
}

static __always_inline int traced_tid(__u32 tgid, __u32 tid)
{
	__u8 *state;

	if (tgid == self_tgid || !tid)
		return 0;
	if (system_wide)
		return 1;
	if (!may_trace(tid))
		return 0;
	state = bpf_map_lookup_elem(&traced, &tid);
	return state && *state != LT_TASK_ARMED;
}

SEC("raw_tracepoint/signal_generate")
int lt_signal_generate(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx->args[2];
	__u32 tid = ns_pid_of(task), tgid = ns_tgid_of(task);
	int sig = (int)ctx->args[0], group = (int)ctx->args[3], result = (int)ctx->args[4];
	struct sent_signal s = { .sig = sig };
	__u32 key = group ? tgid : tid;
	__u32 flags;

	if (!traced_tid(tgid, tid) || count_only)
		return 0;
	/* sent from inside a quick call: its entry, stamped now where no
	 * clock was read, comes before the signal in time; a signal the
	 * task sent itself goes after the call's line in the stream */
	flags = quick_stamp() && (unsigned long)task == (unsigned long)bpf_get_current_task_btf() ?
		LT_SIG_OWN_CALL : 0;
	if (defer_on)
		defer_flush(bpf_get_current_task_btf());
	if (result != TRACE_SIGNAL_DELIVERED && result != TRACE_SIGNAL_IGNORED)
		return 0;
	siginfo_of(sig, (const void *)ctx->args[1], s.info);
	if (result == TRACE_SIGNAL_IGNORED)
		signal_record(tgid, tid, sig, s.info, flags);
	else if (sig != SIGKILL)
		bpf_map_update_elem(&sent, &key, &s, BPF_ANY);
	return 0;
}

/* The signal a delivery stands for: the one queued for this thread or its
 * process, when it is this one or (SIGKILL of a group exit) a fatal one. */
static __always_inline struct sent_signal *sent_for(__u32 *key, __u32 tgid, __u32 tid,
						     int sig)
{
	struct sent_signal *s;

	*key = tid;
	s = bpf_map_lookup_elem(&sent, key);
	if (s && (s->sig == sig || sig == SIGKILL))
		return s;
	*key = tgid;
	s = bpf_map_lookup_elem(&sent, key);
	if (s && (s->sig == sig || sig == SIGKILL))
		return s;
	return NULL;
}

SEC("raw_tracepoint/signal_deliver")
int lt_signal(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 pid_tgid = current_pid_tgid();
	__u32 tgid = pid_tgid >> 32, tid = (__u32)pid_tgid, key;
	int sig = (int)ctx->args[0];
	struct sent_signal *s;
	__u8 info[LT_SIGINFO_SIZE];

	if (!task_state(pid_tgid) || count_only)
		return 0;
	s = sent_for(&key, tgid, tid, sig);
	if (sig == SIGKILL) {
		/* strace never sees a SIGKILL: only what a fatal one was */
		if (s && s->sig != SIGKILL)
			signal_record(tgid, tid, s->sig, s->info, 0);
		if (s)
			bpf_map_delete_elem(&sent, &key);
		return 0;
	}
	if (s)
		bpf_map_delete_elem(&sent, &key);
	if (bpf_probe_read_kernel(info, sizeof(info), (const void *)ctx->args[1]))
		__builtin_memset(info, 0, sizeof(info));
	signal_record(tgid, tid, sig, info, 0);
	return 0;
}
