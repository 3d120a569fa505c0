// SPDX-License-Identifier: GPL-2.0
/* Part of syscalls.bpf.c, included once where it stands: the configuration lotrace sets before loading, the maps, and what every
 * path uses: task state, pid namespaces, the ring, arguments, CPU time. */

#include "config.h"

/* What lotrace sets before loading (config.h). */
const volatile struct lt_rodata_config lt_cfg = { .strsize = 32, .sigreturn_nr = -1 };

#define self_tgid	(lt_cfg.self_tgid)
#define follow		(lt_cfg.follow)
#define enter_type	(lt_cfg.enter_type)
#define exit_type	(lt_cfg.exit_type)
#define wakeup_bytes	(lt_cfg.wakeup_bytes)
#define strsize		(lt_cfg.strsize)
#define pidns		(lt_cfg.pidns)
#define pidns_dev	(lt_cfg.pidns_dev)
#define pidns_ino	(lt_cfg.pidns_ino)
#define defer_on	(lt_cfg.defer_on)
#define overhead_ns	(lt_cfg.overhead_ns)
#define fork_nr		(lt_cfg.fork_nr)
#define sigreturn_nr	(lt_cfg.sigreturn_nr)
/* The switches: in the plain build the constants of config.h, so that the
 * code of their other values is not in the object. */
#ifdef LT_PLAIN
#define LT_SWITCH(field, plain)	(plain)
#else
#define LT_SWITCH(field, plain)	(lt_cfg.field)
#endif
#define system_wide	LT_SWITCH(system_wide, LT_PLAIN_SYSTEM_WIDE)
#define capture		LT_SWITCH(capture, LT_PLAIN_CAPTURE)
#define count_only	LT_SWITCH(count_only, LT_PLAIN_COUNT_ONLY)
#define stack_on	LT_SWITCH(stack_on, LT_PLAIN_STACK_ON)
#define hist_on		LT_SWITCH(hist_on, LT_PLAIN_HIST_ON)
#define late_entries	LT_SWITCH(late_entries, LT_PLAIN_LATE_ENTRIES)
#define durations	LT_SWITCH(durations, LT_PLAIN_DURATIONS)
#define untimed		LT_SWITCH(untimed, LT_PLAIN_UNTIMED)
#define want_ip		LT_SWITCH(want_ip, LT_PLAIN_WANT_IP)
#define want_cpu	LT_SWITCH(want_cpu, LT_PLAIN_WANT_CPU)

/* Set by lotrace when tracing ends while programs may still run (their
 * links close in the background): no task is traced any more. */
volatile __u8 tracing_over;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20);	/* resized by the loader */
} events SEC(".maps");

/* The traced tasks. Hash maps are not preallocated: preallocating this
 * one's elements took 10 ms of lotrace's start-up, and elements come and
 * go with tasks, not with syscalls; 16384 of them, since even the buckets
 * of 65536 took 2 ms. A child that finds it full is counted lost. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 16384);
	__type(key, __u32);		/* tid */
	__type(value, __u8);		/* LT_TASK_* */
} traced SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_SYSSET_WORDS);
	__type(key, __u32);
	__type(value, __u64);
} sysset SEC(".maps");

/* A bit per tid, set for every task that is or may be traced: before its
 * tid goes into traced (by lt_fork and lt_exec, and by lotrace at an
 * attach), cleared at the task's end (lt_exit). A task whose bit is clear
 * is not traced, which the syscall programs learn from one inlined array
 * load: an untraced getppid loop beside a trace paid +500 ns a call when
 * they asked the task's storage and the hash, +320 since
 * (bench/README.md). A bit left set (a tid reused, a -p task after the
 * detach) costs only the full lookup. Sized by the loader from pid_max (a
 * tid beyond counts as maybe traced); mapped by lotrace, which sets bits
 * with atomic ORs as the programs do. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);		/* resized by the loader */
	__type(key, __u32);
	__type(value, __u64);
} maybe_traced SEC(".maps");

/* A bit per tid, set for a task found LT_TASK_ACTIVE in traced: its next
 * calls know it in one more inlined array load, without the call into its
 * storage (a helper and its locking: 1.7% of a traced dd's samples) or
 * the hash. Set by task_state_of from the hash, cleared at the task's end
 * (lt_exit) or when its tid changes (lt_exec); the end of tracing
 * (tracing_over) overrides it. Sized as maybe_traced; a tid beyond is
 * never known, and asks the hash. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);		/* resized by the loader */
	__type(key, __u32);
	__type(value, __u64);
} active_tids SEC(".maps");

/* records this CPU could not write: [0] in all, [1] not yet said in the
 * stream (an LT_REC_LOST before the CPU's next record says it there) */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps");

/* Records this CPU wrote since it last asked the ring for its backlog. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} unasked SEC(".maps");

/* Per syscall number: which arguments to copy, filled by lotrace. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_MAX_NR);
	__type(key, __u32);
	__type(value, struct lt_plan);
} plans SEC(".maps");

/* ioctl requests whose argument lotrace decodes, by request code: how many
 * bytes it points to, which way; filled by lotrace. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, LT_IOCTL_ARGS);
	__type(key, __u32);
	__type(value, struct lt_ioctl_arg);
} ioctl_args SEC(".maps");

/* -c alone: the sums per syscall number. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, LT_MAX_NR);
	__type(key, __u32);
	__type(value, struct lt_count);
} counts SEC(".maps");

/* --hist: the latency buckets per syscall number (LT_MAX_NR entries
 * with --hist, one without). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, LT_MAX_NR);
	__type(key, __u32);
	__type(value, struct lt_hist);
} hist SEC(".maps");

/* The call a task is in, while it waits to be summed (-c alone) or to go
 * out with its exit (quick syscalls). */
struct task_call {
	__u64 ts;		/* 0: none */
	__u64 args[6];
	__s64 nr;
	__u64 ip;
	/* -c: the task's CPU clock and scheduler runtime at entry, on CPU on */
	__u64 cpu_clock, cpu_sum, cpu_since;
	__u32 on;
	/* arguments whose copy at entry faulted (a page the process had
	 * not touched), bit i for argument i: copied again at exit, when
	 * the kernel has faulted them in. In the task, not a map by tid,
	 * so that the exit finds it in a few loads, an exec by another
	 * thread (which takes the leader's tid) keeps it, and a task that
	 * dies in the call takes it with it */
	__u8 refetch;
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_call);
} calls SEC(".maps");

/* Syscalls paired in the kernel: they never sleep and copy nothing. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_SYSSET_WORDS);
	__type(key, __u32);
	__type(value, __u64);
} quick SEC(".maps");

/* Quick calls recorded at their exit alone: their arguments are still in
 * the registers there, and their entry is stamped with the exit's time
 * anyway. Empty when entries need their own time (durations, -c's CPU
 * time); never the calls that send signals, whose entry must come before
 * the signal in the stream. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_SYSSET_WORDS);
	__type(key, __u32);
	__type(value, __u64);
} lazy SEC(".maps");

/* Calls that copy at their exit only, recorded at their exit as one
 * record when they do not sleep: their arguments are still in the
 * registers there. One that sleeps has its entry written first, when the
 * task leaves the CPU (lt_switch), so that the stream shows it as strace
 * would, begun and unfinished. Empty when quick calls are not lazy. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_SYSSET_WORDS);
	__type(key, __u32);
	__type(value, __u64);
} deferred SEC(".maps");

/* The deferred call begun on this CPU whose entry is not out yet: its
 * task's tid in the high half, its number in the low one; 0 for none.
 * A call that leaves the CPU goes through lt_switch, which writes its
 * entry and clears this, before any other task runs here; one that does
 * not ends on this CPU, where its exit takes it. So the entry is only a
 * store here (no task storage, no atomic exchange: 40-50 ns less at a
 * read's or write's entry, bench/README.md), made for any task whose
 * bit is set (maybe_traced): whether it is traced is asked only when
 * something is to be written. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} deferred_here SEC(".maps");

/* -c: the call a task is in, kept from its entry to its exit in the slot
 * of its tid's low bits, not in the task's storage: the entry costs a
 * clock read and a few stores, no lookup of the task, made for any task
 * whose bit is set (maybe_traced); whether it is traced is asked at the
 * exit (task_state_of). tag: the task's tid (22 bits), the call's number
 * (10) and the low half of ts; 0 for none. Written tag first (to 0) and
 * last, taken by a compare-and-exchange: two tasks of the same slot in
 * calls at once leave one of the calls untimed, never a time mixed from
 * both. A cache line each: a process's tasks run on both CPUs. */
struct count_note {
	__u64 tag;
	__u64 ts;
	__u64 cpu_clock, cpu_sum;	/* cpu_enter_of's, with want_cpu */
	__u32 on;
	__u32 unused;
	__u64 pad[3];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_COUNT_NOTES);	/* 1 but with -c alone */
	__type(key, __u32);
	__type(value, struct count_note);
} count_notes SEC(".maps");

/* A record with captures is assembled here, then copied into the ring:
 * its size is known only once the strings are read. */
#define SCRATCH_SIZE (1 << 14)	/* per-CPU map values stay under 32K */
#define OFF_MASK ((SCRATCH_SIZE >> 1) - 1)	/* a capture starts in the first half */
#define ARGV_AREA 4096

struct scratch {
	__u32 busy;	/* the tracepoint may be preempted: never share a buffer */
	/* where the next capture goes: kept in the map, not on the stack, so
	 * the verifier sees one unknown offset and checks each loop body
	 * once instead of once per value the offset could have */
	__u32 off;
	__u32 iov_pos;	/* put_iov's progress, here for the same reason */
	__u32 iov_fault;	/* a buffer's copy failed */
	__u32 netlink;	/* the call's socket is a netlink one */
	__u64 iov_left;
	__u64 sp;	/* the user stack pointer at entry (LT_CAP_SIGFRAME) */
	__u64 args[8];	/* the call's arguments; 6 and 7 stay 0 so an index
			 * masked with 7 is always inside */
	__u8 buf[SCRATCH_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

/* -k: the user stack of the entry or hit being recorded, as the capture
 * that goes out after its record: LT_STACK_BYTES and what is left of the
 * last chunk. */
struct stack_scratch {
	__u32 busy;	/* as scratch.busy */
	__u32 got;	/* bytes copied so far */
	struct lt_cap cap;
	struct lt_stack regs;
	__u8 bytes[LT_STACK_BYTES + LT_STACK_CHUNK + 8];	/* + the rounding to 8 */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stack_scratch);
} stacks SEC(".maps");
/* accept's, recvfrom's and recvmsg's address buffer: the room the process
 * gave, read at entry, since the kernel writes no more than that while the
 * length it writes back is the whole address's. ~0u: unknown. */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u32);
} addr_room SEC(".maps");

/* The current task's pid and tid as lotrace sees them: in its own pid
 * namespace when it runs in one (0: a task outside it, never traced). */
static __always_inline __u64 current_pid_tgid(void)
{
	struct bpf_pidns_info ns;

	if (!pidns)
		return bpf_get_current_pid_tgid();
	if (bpf_get_ns_current_pid_tgid(pidns_dev, pidns_ino, &ns, sizeof(ns)))
		return 0;
	return (__u64)ns.tgid << 32 | ns.pid;
}

/* The same, from task, the current task the caller already has: outside
 * a pid namespace two loads instead of a helper call. The syscall
 * programs fetch the task once for all they need of it: each helper call
 * is a call and a return through the return thunk, and the profile put
 * a third of their own time on the instructions after the calls. */
static __always_inline __u64 task_pid_tgid(struct task_struct *task)
{
	if (!pidns)
		return (__u64)task->tgid << 32 | (__u32)task->pid;
	return current_pid_tgid();
}

/* Task t's id in lotrace's pid namespace, found among the ids its struct
 * pid holds, one per namespace level (0: none there). */
static __always_inline __u32 ns_pid_of(struct task_struct *t)
{
	struct pid *p;
	unsigned int level;

	if (!pidns)
		return BPF_CORE_READ(t, pid);
	p = BPF_CORE_READ(t, thread_pid);
	if (!p)
		return 0;
	level = BPF_CORE_READ(p, level);
	for (int i = 0; i < 8 && i <= (int)level; i++) {
		void *upid = (void *)p + bpf_core_field_offset(struct pid, numbers) +
			     ((level - i) & 31) * bpf_core_type_size(struct upid);
		struct pid_namespace *ns = NULL;
		int nr = 0;

		if (bpf_probe_read_kernel(&ns, sizeof(ns),
					  upid + bpf_core_field_offset(struct upid, ns)) || !ns)
			return 0;
		if (BPF_CORE_READ(ns, ns.inum) == pidns_ino) {
			bpf_probe_read_kernel(&nr, sizeof(nr),
					      upid + bpf_core_field_offset(struct upid, nr));
			return (__u32)nr;
		}
	}
	return 0;
}

static __always_inline __u32 ns_tgid_of(struct task_struct *t)
{
	return pidns ? ns_pid_of(BPF_CORE_READ(t, group_leader)) : BPF_CORE_READ(t, tgid);
}

/* The call storage of task, the current one, made when create. Looked up
 * only by what keeps or reads something there: whether a task is traced
 * is in bits (task_state_of). */
static __always_inline struct task_call *task_call_of(struct task_struct *task, int create)
{
	return bpf_task_storage_get(&calls, task, 0, create ? BPF_LOCAL_STORAGE_GET_F_CREATE : 0);
}

static __always_inline struct task_call *call_of(int create)
{
	return task_call_of(bpf_get_current_task_btf(), create);
}

/* The word of a bit-per-tid array (maybe_traced, active_tids) that holds
 * tid's bit; NULL for a tid beyond it. */
static __always_inline __u64 *tid_word(void *map, __u32 tid)
{
	__u32 word = tid / 64;

	return bpf_map_lookup_elem(map, &word);
}

static __always_inline void set_tid_bit(void *map, __u32 tid)
{
	__u64 *bits = tid_word(map, tid);

	if (bits)
		__sync_fetch_and_or(bits, 1ULL << (tid % 64));
}

static __always_inline void clear_tid_bit(void *map, __u32 tid)
{
	__u64 *bits = tid_word(map, tid);

	if (bits)
		__sync_fetch_and_and(bits, ~(1ULL << (tid % 64)));
}

/* Whether the task of tid may be traced (maybe_traced): 0 only for one
 * that is not. Asked before task_state_of, which does not ask again. */
static __always_inline int may_trace(__u32 tid)
{
	__u64 *bits;

	if (system_wide)
		return 1;
	bits = tid_word(&maybe_traced, tid);
	return !bits || (*bits >> (tid % 64)) & 1;
}

/* tid is about to go into traced */
static __always_inline void mark_traced(__u32 tid)
{
	set_tid_bit(&maybe_traced, tid);
}

/* tid's task has ended (and left traced): neither bit stays for the next
 * task of that tid */
static __always_inline void unmark_traced(__u32 tid)
{
	clear_tid_bit(&active_tids, tid);
	clear_tid_bit(&maybe_traced, tid);
}

static __always_inline int known_active(__u32 tid)
{
	__u64 *bits = tid_word(&active_tids, tid);

	return bits && (*bits >> (tid % 64)) & 1;
}

/* How the task of pid_tgid, whose bit in maybe_traced the caller found
 * set, is traced: 0 when it is not (yet), LT_TASK_ACTIVE, or
 * LT_TASK_FRESH for one attached with -p that may be inside a call. An
 * active task is found in active_tids after its first call. */
static __always_inline __u8 task_state_of(__u64 pid_tgid)
{
	__u32 tid = (__u32)pid_tgid;
	__u8 *state;

	if ((pid_tgid >> 32) == self_tgid || !pid_tgid)
		return 0;
	if (system_wide)
		return LT_TASK_ACTIVE;
	if (known_active(tid))
		return tracing_over ? 0 : LT_TASK_ACTIVE;
	state = bpf_map_lookup_elem(&traced, &tid);
	if (!state || *state == LT_TASK_ARMED)
		return 0;
	if (*state == LT_TASK_ACTIVE)
		set_tid_bit(&active_tids, tid);
	return *state;
}

/* The same for a caller that has not asked maybe_traced: the signal and
 * USDT programs. */
static __always_inline __u8 task_state(__u64 pid_tgid)
{
	return may_trace((__u32)pid_tgid) ? task_state_of(pid_tgid) : 0;
}

static __always_inline void task_activate(__u64 pid_tgid)
{
	__u32 tid = (__u32)pid_tgid;
	__u8 active = LT_TASK_ACTIVE;

	bpf_map_update_elem(&traced, &tid, &active, BPF_EXIST);
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

/* A record lost: counted in all (key 0) and until say_lost tells (key 1).
 * Out of line, and global so that the verifier walks it once: inlined on
 * the rare way of every reservation, its two lookups were 20 of the 53
 * array lookups the verifier inlined into lt_sys_exit, each inlining a
 * patch that copies the whole program (start-up). */
__noinline int count_lost(void)
{
	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&lost, &key);

	if (n)
		(*n)++;
	key = 1;
	n = bpf_map_lookup_elem(&lost, &key);
	if (n)
		(*n)++;
	return 0;
}

/* Where records of this CPU were lost, the stream says so: before its
 * next record, an LT_REC_LOST with their count. */
static __always_inline void say_lost(void)
{
	__u32 key = 1;
	__u64 *n = bpf_map_lookup_elem(&lost, &key);
	struct lt_rec_lost *r;

	if (!n || !*n)
		return;
	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r)
		return;
	r->h.ts = bpf_ktime_get_ns();
	r->h.pid = r->h.tid = 0;
	r->h.kind = LT_REC_LOST;
	r->h.cpu = (__u16)bpf_get_smp_processor_id();
	r->h.size = sizeof(*r) - sizeof(r->h);
	r->count = *n;
	*n = 0;
	bpf_ringbuf_submit(r, 0);
}

static __always_inline void *reserve(__u32 size)
{
	void *rec;

	say_lost();
	rec = bpf_ringbuf_reserve(&events, size, 0);
	if (!rec)
		count_lost();
	return rec;
}

/* Every this many records a CPU writes, it asks the ring for its backlog:
 * a query per record was 2% of a traced call here, and the reader is woken
 * at a quarter of the ring, where a few records more or less are nothing
 * (it polls on a timer meanwhile). */
#define ASK_EVERY 16

/* How to commit a record: waking the reader past wakeup_bytes of backlog,
 * else quietly. */
static __always_inline __u64 wake_flags(void)
{
	__u32 key = 0, *n = bpf_map_lookup_elem(&unasked, &key);

	if (n && ++*n < ASK_EVERY)
		return BPF_RB_NO_WAKEUP;
	if (n)
		*n = 0;
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > wakeup_bytes ?
	       BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

static __always_inline void submit(void *rec)
{
	bpf_ringbuf_submit(rec, wake_flags());
}

static __always_inline void fill_head_at(struct lt_rec_head *h, __u64 ts, __u64 pid_tgid,
					 __u16 kind, __u32 size)
{
	h->ts = ts;
	h->pid = pid_tgid >> 32;
	h->tid = (__u32)pid_tgid;
	h->kind = kind;
	h->cpu = (__u16)bpf_get_smp_processor_id();
	h->size = size - sizeof(*h);
}

static __always_inline void fill_head(struct lt_rec_head *h, __u64 pid_tgid, __u16 kind,
				      __u32 size)
{
	fill_head_at(h, bpf_ktime_get_ns(), pid_tgid, kind, size);
}

/* The head of a syscall's record. Where no line shows when a call
 * happened, it reads no clock (a read was 4% of a traced dd call's time
 * here; tracing programs may not read the coarse clock) and its time is
 * 0: lotrace times it by its place in the ring (bpfrec_order), which is
 * the order the records were reserved in. */
static __always_inline void fill_call_head(struct lt_rec_head *h, __u64 pid_tgid, __u16 kind,
					   __u32 size)
{
	fill_head_at(h, untimed ? 0 : bpf_ktime_get_ns(), pid_tgid, kind, size);
}

static __always_inline void fill_common(struct lt_tp_common *c, __u16 type, __u64 pid_tgid)
{
	c->common_type = type;
	c->common_flags = 0;
	c->common_preempt_count = 0;
	c->common_pid = (__s32)pid_tgid;
}

/* The current task's user registers: what the syscall programs read the
 * call from (the raw tracepoint's own argument is the same pt_regs, but
 * untyped, so each read of it was a helper call). */
static __always_inline struct pt_regs *task_regs(struct task_struct *task)
{
	return (struct pt_regs *)bpf_task_pt_regs(task);
}

static __always_inline struct pt_regs *user_regs(void)
{
	return task_regs(bpf_get_current_task_btf());
}

/* The six arguments of the syscall, from user_regs(). */
static __always_inline void read_args(struct pt_regs *regs, __u64 args[6])
{
	args[0] = LT_REG_ARG0(regs);
	args[1] = LT_REG_ARG1(regs);
	args[2] = LT_REG_ARG2(regs);
	args[3] = LT_REG_ARG3(regs);
	args[4] = LT_REG_ARG4(regs);
	args[5] = LT_REG_ARG5(regs);
}

/* -i: where the syscall instruction left the user program, as strace
 * prints it; nothing is read without -i. */
static __always_inline __u64 user_ip(struct pt_regs *regs)
{
	return want_ip ? LT_REG_IP(regs) : 0;
}

/* -c: strace's "system time" of a call, the CPU time the task spent in it.
 * The scheduler adds to se.sum_exec_runtime what ran since se.exec_start
 * whenever it looks (ticks, switches), so sum_exec_runtime - exec_start
 * + now stays a clock that runs only while the task does, exact to the
 * nanosecond while the task stays on one CPU. exec_start is in its
 * runqueue's clock, whose offset differs from CPU to CPU: a call that
 * ends on another CPU (it slept and woke there) takes the runtime the
 * scheduler accounted in between instead, to a tick. Never more than the
 * call's wall time. Two loads of the task and a clock read at each end;
 * nothing without -c, or with -w. */
static __always_inline void cpu_enter_of(struct task_struct *task, struct task_call *t, __u64 now)
{
	if (!want_cpu || !t)
		return;
	t->cpu_sum = task->se.sum_exec_runtime;
	t->cpu_clock = t->cpu_sum - task->se.exec_start + now;
	t->cpu_since = now;
	t->on = bpf_get_smp_processor_id();
}

/* The CPU time of a call entered at since on CPU on, when the task's CPU
 * clock read clock and its runtime sum0 (cpu_enter_of's). */
static __always_inline __u64 cpu_time(struct task_struct *task, __u32 on, __u64 clock,
				      __u64 sum0, __u64 since, __u64 now)
{
	__u64 sum = task->se.sum_exec_runtime, d;

	d = on == bpf_get_smp_processor_id() ? sum - task->se.exec_start + now - clock :
					       sum - sum0;
	if ((__s64)d < 0)
		d = 0;
	if (d > now - since)
		d = now - since;
	return d;
}

/* The CPU time of the call t entered, LT_CPU_UNKNOWN without its entry. */
static __always_inline __u64 cpu_exit_of(struct task_struct *task, struct task_call *t, __u64 now)
{
	__u64 d;

	if (!want_cpu || !t || !t->cpu_since)
		return LT_CPU_UNKNOWN;
	d = cpu_time(task, t->on, t->cpu_clock, t->cpu_sum, t->cpu_since, now);
	t->cpu_since = 0;
	return d;
}

/* The same for the current task, when the caller has not fetched it. */
static __always_inline void cpu_enter(struct task_call *t, __u64 now)
{
	if (want_cpu && t)
		cpu_enter_of(bpf_get_current_task_btf(), t, now);
}

static __always_inline __u64 cpu_exit(struct task_call *t, __u64 now)
{
	if (!want_cpu || !t || !t->cpu_since)
		return LT_CPU_UNKNOWN;
	return cpu_exit_of(bpf_get_current_task_btf(), t, now);
}

/* The task's call storage when -c wants its CPU time, else NULL. */
static __always_inline struct task_call *cpu_call(int create)
{
	return want_cpu ? call_of(create) : NULL;
}

/* A call's entry record with nothing copied: the syscall programs', and
 * a deferred call's when the task leaves the CPU in it (defer_flush). */
static __always_inline void plain_enter(struct pt_regs *regs, long nr, __u64 pid_tgid,
					__u8 flags)
{
	struct lt_rec_enter *r = reserve(sizeof(*r));

	if (!r)
		return;
	fill_call_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, enter_type, pid_tgid);
	r->c.common_flags = flags;
	r->id = nr;
	read_args(regs, r->args);
	r->ip = user_ip(regs);
	cpu_enter(cpu_call(1), r->h.ts);
	submit(r);
}

/* The one record of a call made at its exit alone (a lazy quick call, or
 * a deferred one before its captures): the arguments from the registers,
 * and nothing of its entry's own (time, ip or CPU time), which tells
 * lotrace it is one event. */
static __always_inline void fill_exit_call(struct lt_rec_call *r, struct pt_regs *regs, long nr,
					   long ret, __u64 pid_tgid)
{
	fill_call_head(&r->h, pid_tgid, LT_REC_CALL, sizeof(*r));
	r->id = nr;
	read_args(regs, r->args);
	r->ret = ret;
	r->ts_enter = r->h.ts;
	r->ip = user_ip(regs);
	r->cpu_ns = LT_CPU_UNKNOWN;
}
