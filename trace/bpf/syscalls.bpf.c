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

#include "arch.h"
#include "records.h"

char LICENSE[] SEC("license") = "GPL";

/* A kfunc (Linux 6.12): a user string, faulting its pages in; sleepable
 * programs only. Returns the bytes copied with the NUL, or -errno. */
extern int bpf_copy_from_user_str(void *dst, __u32 dst__sz, const void *unsafe_ptr__ign,
				  __u64 flags) __ksym;

const volatile __u32 self_tgid;		/* never traced */
const volatile __u8 system_wide;	/* every task but self */
const volatile __u8 follow;		/* children of traced tasks are traced */
const volatile __u16 enter_type;	/* raw_syscalls:sys_enter id */
const volatile __u16 exit_type;		/* raw_syscalls:sys_exit id */
const volatile __u64 wakeup_bytes;	/* wake the reader past this backlog */
const volatile __u32 strsize = 32;	/* -s: bytes of buffers and strings */
const volatile __u8 capture;		/* copy pointed-to data by plan */
const volatile __u8 count_only;		/* -c alone: sum in counts, no records */
const volatile __u8 stack_on;		/* -k: the user stack with each entry and hit */
const volatile __u8 hist_on;		/* --hist with count_only: latencies in hist */
const volatile __u8 pidns;		/* lotrace runs in a pid namespace: pids as
					 * it sees them (its dev and inode) */
const volatile __u64 pidns_dev, pidns_ino;
const volatile __u8 late_entries;
const volatile __u8 durations;		/* each call's entry time is wanted
					 * (-T, -C, --json): a quick call reads
					 * the clock at its entry too */	/* -p: a call in progress at the attach is
					 * recorded at its exit (the verifier drops
					 * that path, and its cost, otherwise) */
const volatile __u8 want_ip;		/* -i: the user ip in entry records */
const volatile __u8 want_cpu;		/* -c without -w: the task's CPU time */
const volatile __u64 overhead_ns;	/* -O: taken off each call's time */
const volatile __s32 fork_nr[4];	/* clone, clone3, fork, vfork: -c does
					 * not count a new child's return */

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

/* records this CPU could not write: [0] in all, [1] not yet said in the
 * stream (an LT_REC_LOST before the CPU's next record says it there) */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps");

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
	__uint(max_entries, LT_IOCTL_ARGS);
	__type(key, __u32);
	__type(value, struct lt_ioctl_arg);
} ioctl_args SEC(".maps");

/* Arguments whose copy at entry faulted (a page the process had not
 * touched): copied again at exit, when the kernel has faulted them in. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);		/* tid */
	__type(value, __u8);		/* bit i: argument i */
} refetch SEC(".maps");

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

/* How the task is traced: 0 when it is not (yet), LT_TASK_ACTIVE, or
 * LT_TASK_FRESH for one attached with -p that may be inside a call. */
static __always_inline __u8 task_state(__u64 pid_tgid)
{
	__u32 tid = (__u32)pid_tgid;
	__u8 *state;

	if ((pid_tgid >> 32) == self_tgid || !pid_tgid)
		return 0;
	if (system_wide)
		return LT_TASK_ACTIVE;
	state = bpf_map_lookup_elem(&traced, &tid);
	return state && *state != LT_TASK_ARMED ? *state : 0;
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

static __always_inline void count_lost(void)
{
	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&lost, &key);

	if (n)
		(*n)++;
	key = 1;
	n = bpf_map_lookup_elem(&lost, &key);
	if (n)
		(*n)++;
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

/* The six arguments of the syscall, from its user registers. Where the
 * architecture keeps them in one stretch of pt_regs (bpf/arch.h), one
 * kernel read takes them all: each read is a helper call, and six of them
 * were a tenth of a traced getppid's cost here. Elsewhere, the way libbpf's
 * macros read them. */
static __always_inline void read_args(struct pt_regs *regs, __u64 args[6])
{
#ifdef LT_ARGS_SPAN
	__u64 span[LT_ARGS_SPAN_WORDS];
	__u32 lo = LT_ARGS_SPAN_LO;

	if (!bpf_probe_read_kernel(span, sizeof(span), (void *)regs + lo)) {
		args[0] = span[(LT_ARG_OFF(0) - lo) / 8 % LT_ARGS_SPAN_WORDS];
		args[1] = span[(LT_ARG_OFF(1) - lo) / 8 % LT_ARGS_SPAN_WORDS];
		args[2] = span[(LT_ARG_OFF(2) - lo) / 8 % LT_ARGS_SPAN_WORDS];
		args[3] = span[(LT_ARG_OFF(3) - lo) / 8 % LT_ARGS_SPAN_WORDS];
		args[4] = span[(LT_ARG_OFF(4) - lo) / 8 % LT_ARGS_SPAN_WORDS];
		args[5] = span[(LT_ARG_OFF(5) - lo) / 8 % LT_ARGS_SPAN_WORDS];
		return;
	}
#endif
	args[0] = PT_REGS_PARM1_CORE_SYSCALL(regs);
	args[1] = PT_REGS_PARM2_CORE_SYSCALL(regs);
	args[2] = PT_REGS_PARM3_CORE_SYSCALL(regs);
	args[3] = PT_REGS_PARM4_CORE_SYSCALL(regs);
	args[4] = PT_REGS_PARM5_CORE_SYSCALL(regs);
	args[5] = LT_PARM6_CORE_SYSCALL(regs);
}

/* -i: where the syscall instruction left the user program, as strace
 * prints it; nothing is read without -i. */
static __always_inline __u64 user_ip(struct pt_regs *regs)
{
	return want_ip ? PT_REGS_IP_CORE(regs) : 0;
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
static __always_inline void cpu_enter(struct task_call *t, __u64 now)
{
	struct task_struct *task;

	if (!want_cpu || !t)
		return;
	task = bpf_get_current_task_btf();
	t->cpu_sum = task->se.sum_exec_runtime;
	t->cpu_clock = t->cpu_sum - task->se.exec_start + now;
	t->cpu_since = now;
	t->on = bpf_get_smp_processor_id();
}

/* The CPU time of the call t entered, LT_CPU_UNKNOWN without its entry. */
static __always_inline __u64 cpu_exit(struct task_call *t, __u64 now)
{
	struct task_struct *task;
	__u64 sum, d;

	if (!want_cpu || !t || !t->cpu_since)
		return LT_CPU_UNKNOWN;
	task = bpf_get_current_task_btf();
	sum = task->se.sum_exec_runtime;
	d = t->on == bpf_get_smp_processor_id() ?
	    sum - task->se.exec_start + now - t->cpu_clock : sum - t->cpu_sum;
	if ((__s64)d < 0)
		d = 0;
	if (d > now - t->cpu_since)
		d = now - t->cpu_since;
	t->cpu_since = 0;
	return d;
}

/* The task's call storage when -c wants its CPU time, else NULL. */
static __always_inline struct task_call *cpu_call(int create)
{
	if (!want_cpu)
		return NULL;
	return bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0,
				    create ? BPF_LOCAL_STORAGE_GET_F_CREATE : 0);
}

/* Argument i of the call whose captures sc assembles. */
static __always_inline __u64 sc_arg(const struct scratch *sc, unsigned i)
{
	return sc->args[i & 7];
}

/* How many bytes of a buffer to copy: -s, or, for netlink messages, as
 * many as their decoder shows. */
static __always_inline __u32 buf_max(const struct scratch *sc)
{
	return sc->netlink ? LT_NETLINK_MAX : strsize;
}

static __always_inline __u32 round8(__u32 n)
{
	return (n + 7) & ~7u;
}

/* The header of a capture at off, with no data yet. */
static __always_inline struct lt_cap *cap_begin(struct scratch *sc, __u32 off, int arg, __u8 kind,
						__u8 at_exit)
{
	struct lt_cap *cap = (struct lt_cap *)&sc->buf[off & OFF_MASK];

	cap->arg = arg;
	cap->kind = kind;
	cap->at_exit = at_exit;
	cap->flags = 0;
	cap->len = 0;
	return cap;
}

#define LT_VM_READ 0x1	/* include/linux/mm.h, a macro vmlinux.h does not have */

static long vma_readable(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	(void)task;
	*(int *)ctx = !!(vma->vm_flags & LT_VM_READ);
	return 0;
}

/* The flags of a copy of src..src+len-1 that faulted: LT_CAPF_UNMAPPED
 * too when either end is outside the process's readable mappings, where
 * no tracer can read, strace neither (a global function, as save_room). */
__noinline int fault_flags(__u64 src, __u32 len)
{
	struct task_struct *task = bpf_get_current_task_btf();
	int first = 0, last = 0;

	bpf_find_vma(task, src, vma_readable, &first, 0);
	if (len > 1)
		bpf_find_vma(task, src + len - 1, vma_readable, &last, 0);
	else
		last = first;
	return LT_CAPF_FAULT | (!first || !last ? LT_CAPF_UNMAPPED : 0);
}

/* A string copy of want bytes that filled its buffer ends in the NUL the
 * helper wrote over the last byte it read: that byte, to put back. */
static __always_inline char str_last(const void *src, __u32 want)
{
	char c = 0;

	bpf_probe_read_user(&c, 1, (const char *)src + want - 1);
	return c;
}

/* Whether the string copied from src, n bytes with its NUL, ends in a
 * NUL the process has: the helper stops at a fault and reports what it
 * got as if it were the string. */
static __always_inline int str_ended(const void *src, long n)
{
	char c = 1;

	return !bpf_probe_read_user(&c, 1, (const char *)src + n - 1) && !c;
}

/* A string of at most want bytes with its NUL, as strace's umovestr reads
 * it: one cut by a fault is read again up to the end of its page (the
 * helper reads words, and one across the page end faults before the
 * NUL); one that runs on into the page that faulted cannot be read. */
static __always_inline long read_str(void *dst, __u32 want, const void *src)
{
	__u32 room = 4096 - ((__u64)src & 4095);
	long n = bpf_probe_read_user_str(dst, want, src);

	if (n <= 0 || n >= want || str_ended(src, n))
		return n;
	if (room >= want)
		return -1;
	n = bpf_probe_read_user_str(dst, room, src);
	if (n <= 0 || (n < room && !str_ended(src, n)))
		return -1;
	if (n == room && str_last(src, room))
		return -1;
	return n;
}

/* Copy want bytes (a string when str) from user address src into a
 * capture at off; returns the offset after it. shrink: bytes that fault
 * are read again up to the end of their page. */
static __always_inline __u32 put_cap(struct scratch *sc, __u32 off, int arg, __u8 kind,
				     __u8 at_exit, const void *src, __u32 want, int str, int shrink)
{
	__u32 room = 4096 - ((__u64)src & 4095);
	struct lt_cap *cap;
	long n = 0;

	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, kind, at_exit);
	if (want > LT_PATH_MAX)
		want = LT_PATH_MAX;
	if (want) {
		if (str)
			n = read_str(&sc->buf[off + 8], want, src);
		/* a string that fills the copy: all want bytes, no NUL, so
		 * that the reader sees it goes on (strace reads as many) */
		if (str && n == want) {
			char c = str_last(src, want);

			if (c) {
				sc->buf[(off + 8 + want - 1) & (SCRATCH_SIZE - 1)] = c;
				cap->flags = LT_CAPF_MORE;
			}
		}
		if (!str)
			/* long on both sides: an unsigned want would turn -1
			 * into a length and hide the fault */
			n = bpf_probe_read_user(&sc->buf[off + 8], want, src) ? -1L : (long)want;
		/* what a POLY argument or a socket option holds may be
		 * shorter than the length said, at the end of a page: what
		 * the page has, for the decoder to take if it is enough */
		if (n < 0 && !str && shrink && room < want)
			n = bpf_probe_read_user(&sc->buf[off + 8], room, src) ? -1L : (long)room;
	}
	if (n < 0) {
		/* a string: its first byte, and the next page's first when
		 * it may run on into it (strace's read stops where the
		 * process has no readable memory, past a guard page) */
		cap->flags = fault_flags((__u64)src, !str ? want : want > room ? room + 1 : 1);
		n = 0;
	}
	cap->len = n;
	return off + 8 + round8(n);
}

struct count_ctx {
	const __u64 *array;
	__u32 n;
	__u32 unreadable;	/* an element could not be read */
};

static long count_one(__u64 i, void *data)
{
	struct count_ctx *c = data;
	__u64 p = 0;

	if (bpf_probe_read_user(&p, sizeof(p), &c->array[i])) {
		c->unreadable = 1;
		return 1;
	}
	if (!p)
		return 1;
	c->n++;
	return 0;
}

__noinline __u32 put_count(struct scratch *sc, __u32 off, int arg, __u64 array)
{
	struct count_ctx c = { .array = (const __u64 *)array, .n = 0 };
	struct lt_cap *cap;

	if (!sc)
		return off;
	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, LT_CAP_COUNT, 0);
	if (array)
		bpf_loop(LT_COUNT_MAX, count_one, &c, 0);
	cap->len = 8;
	*(__u32 *)&sc->buf[off + 8] = c.n;
	*(__u32 *)&sc->buf[off + 12] = c.unreadable;
	return off + 16;
}

/* Elements of a string array as consecutive NUL-terminated strings, each
 * at most strsize + 1 bytes so a longer one shows as truncated. */
struct argv_ctx {
	struct scratch *sc;
	const __u64 *argv;
	__u32 base;	/* where the strings start */
	__u32 pos;
	__u32 want;
	__u8 flags;
};

static long argv_one(__u64 i, void *data)
{
	struct argv_ctx *c = data;
	__u64 p = 0;
	__u32 idx;
	long n;

	if (bpf_probe_read_user(&p, sizeof(p), &c->argv[i])) {
		c->flags |= LT_CAPF_FAULT;
		return 1;
	}
	if (!p)
		return 1;
	if (i == LT_ARGV_MAX || c->pos + c->want > ARGV_AREA) {
		c->flags |= LT_CAPF_MORE;
		return 1;
	}
	idx = (c->base + (c->pos & (ARGV_AREA - 1))) & (SCRATCH_SIZE - 1);
	if (idx > SCRATCH_SIZE - 256)
		return 1;
	n = bpf_probe_read_user_str(&c->sc->buf[idx], c->want & 255, (const void *)p);
	if (n <= 0) {
		c->flags |= LT_CAPF_FAULT;
		return 1;
	}
	c->pos += n;
	return 0;
}

__noinline __u32 put_argv(struct scratch *sc, __u32 off, int arg, __u64 argv)
{
	/* one byte more than -s prints: a longer string shows as cut */
	struct argv_ctx c = { .sc = sc, .argv = (const __u64 *)argv, .want = strsize + 2 };
	struct lt_cap *cap;

	if (!sc)
		return off;
	off &= OFF_MASK;
	c.base = off + 8;
	if (c.want > 255)
		c.want = 255;
	if (argv)
		bpf_loop(LT_ARGV_MAX + 1, argv_one, &c, 0);
	cap = (struct lt_cap *)&sc->buf[off];
	cap->arg = arg;
	cap->kind = LT_CAP_ARGV;
	cap->at_exit = 0;
	cap->flags = c.flags;
	cap->len = c.pos & (ARGV_AREA - 1);
	return off + 8 + round8(cap->len);
}

/* The room of this call's address buffer, until its exit. save_room,
 * take_room, put_dirents and fault_flags are global functions, which the
 * verifier checks once, apart from their callers: inlined, they cost the
 * two syscall programs 20% more instructions to verify. What they return
 * is unknown to it, so their callers bound it. */
__noinline int save_room(__u32 v)
{
	__u32 *room = bpf_task_storage_get(&addr_room, bpf_get_current_task_btf(), 0,
					   BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (room)
		*room = v;
	return 0;
}

/* What save_room kept at this call's entry, at most max; max when unknown. */
__noinline __u32 take_room(__u32 max)
{
	__u32 *room = bpf_task_storage_get(&addr_room, bpf_get_current_task_btf(), 0, 0);
	__u32 v = max;

	if (room) {
		v = *room < max ? *room : max;
		*room = ~0u;
	}
	return v;
}

static __always_inline __u32 min_u32(__u64 a, __u32 b)
{
	return a < b ? (__u32)a : b;
}

static __always_inline __u32 put_iov(struct scratch *sc, __u32 off, int arg, __u8 kind,
				     __u8 at_exit, const void *vec, __u64 vlen, __u8 copy,
				     __u64 limit);

/* recvmsg's name: the kernel's length says what it had, the buffer may be
 * shorter, at the end of a page: what the page holds, for the decoder,
 * which shows only as much as the buffer took. 0 when copied. */
static __always_inline int msg_name_to_page_end(struct lt_msg *m, __u32 n)
{
	__u32 room = 4096 - (m->name & 4095);

	if (room >= n || room > LT_MSG_NAME_MAX)
		return -1;
	return bpf_probe_read_user(m->name_bytes, room, (const void *)m->name) ? -1 : 0;
}

/* sendmsg's and recvmsg's struct user_msghdr, its name, its control
 * messages and its iovecs. */
static __always_inline __u32 put_msg(struct scratch *sc, __u32 off, int arg, __u8 kind,
				     __u8 at_exit, const void *msg, __u8 copy, __u64 limit)
{
	struct lt_cap *cap;
	struct lt_msg *m;
	__u32 n;

	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, kind, at_exit);
	m = (struct lt_msg *)&sc->buf[off + 8];
	if (!msg || bpf_probe_read_user(m, LT_MSGHDR_SIZE, msg)) {
		cap->flags = msg ? fault_flags((__u64)msg, LT_MSGHDR_SIZE) : LT_CAPF_FAULT;
		sc->iov_fault = 1;	/* sendmsg's: copy again at exit */
		return off + 8;
	}
	m->name_got = -1;
	n = m->namelen & 0xff;
	if (n > LT_MSG_NAME_MAX || m->namelen > LT_MSG_NAME_MAX)
		n = LT_MSG_NAME_MAX;
	if (kind == LT_CAP_MSG_OUT)	/* the kernel wrote no more than the room */
		n = take_room(n) & (LT_MSG_NAME_MAX * 2 - 1);
	if (n > LT_MSG_NAME_MAX)
		n = LT_MSG_NAME_MAX;
	if (m->name && n && !bpf_probe_read_user(m->name_bytes, n, (const void *)m->name))
		m->name_got = n;
	else if (m->name && n && !msg_name_to_page_end(m, n))
		m->name_got = (__s32)(4096 - (m->name & 4095));
	m->control_got = -1;
	n = m->controllen < LT_MSG_CONTROL_MAX ? (__u32)m->controllen : LT_MSG_CONTROL_MAX;
	if (m->control && n && !bpf_probe_read_user(m->control_bytes, n, (const void *)m->control))
		m->control_got = n;
	n = put_iov(sc, off + 8 + sizeof(*m), arg, LT_CAP_IOV_IN, at_exit,
		    (const void *)m->iov, m->iovlen, copy, limit);
	cap->len = (n - off - 8) & (SCRATCH_SIZE - 1);
	return n;
}

/* The bytes an ARR_* capture of argument i takes: n elements, n from an
 * argument, the return value or 1, never more than the plan's size. */
static __always_inline __u32 arr_want(const struct scratch *sc, const struct lt_plan *plan, int i,
				      long ret)
{
	__u32 size = plan->size[i] & (LT_MEM_MAX * 2 - 1);
	__u8 la = plan->lenarg[i];
	__u64 n = la == LT_LEN_ONE ? 1 : la == LT_LEN_RET ? (__u64)ret : sc_arg(sc, la);
	__u8 elem = plan->elem[i];

	if (elem == LT_ELEM_FDSET || elem == LT_ELEM_NODES) {
		/* bits, in whole longs: the bytes the kernel reads and writes.
		 * A node mask has maxnode - 1 bits (a count so large the sum
		 * wraps copies nothing: the kernel refuses it); select's nfds
		 * is an int, none when negative. Without branches: the
		 * verifier walked 10% fewer instructions of sys_exit so. */
		n = elem == LT_ELEM_NODES ? n - (n != 0) : (__u32)n * !((__u32)n >> 31);
		return min_u32((n + 63) / 64 * 8, size);
	}
	if (n > size)	/* before the product, which could wrap */
		n = size;
	return min_u32(n * elem, size);
}

/* An iovec array: its first LT_IOV_MAX elements in one copy, then each
 * buffer's first strsize bytes (fewer when the call transferred fewer),
 * one after the other, LT_IOV_AREA bytes at most. */
struct iov_ctx {
	struct scratch *sc;
	__u32 head;	/* where struct lt_iov is */
	__u32 data;	/* where the buffers go */
	__u8 copy;	/* 0: the call failed, the buffers say nothing */
};

static long iov_one(__u64 i, void *data)
{
	struct iov_ctx *c = data;
	struct scratch *sc = c->sc;
	struct lt_iov *h = (struct lt_iov *)&sc->buf[c->head & OFF_MASK];
	__u64 len, left = sc->iov_left;
	__u32 want, idx, pos = sc->iov_pos;

	if (i >= LT_IOV_MAX || i >= h->n)
		return 1;
	h->got[i] = -1;
	if (!c->copy)
		return 0;
	len = h->iov[i][1];
	want = min_u32(len, buf_max(sc));
	want = min_u32(left, want);
	sc->iov_left = left - (len < left ? len : left);
	if (pos >= LT_IOV_AREA)
		want = 0;
	else if (want > LT_IOV_AREA - pos)
		want = LT_IOV_AREA - pos;
	idx = (c->data + (pos & (LT_IOV_AREA - 1))) & (SCRATCH_SIZE - 1);
	if (idx > SCRATCH_SIZE - LT_PATH_MAX)
		return 1;
	want &= LT_PATH_MAX - 1;
	if (bpf_probe_read_user(&sc->buf[idx], want, (const void *)h->iov[i][0])) {
		sc->iov_fault = 1;
		return 0;
	}
	h->got[i] = want;
	sc->iov_pos = pos + want;
	return 0;
}

static __always_inline __u32 put_iov(struct scratch *sc, __u32 off, int arg, __u8 kind,
				     __u8 at_exit, const void *vec, __u64 vlen, __u8 copy,
				     __u64 limit)
{
	struct iov_ctx c = { .sc = sc, .copy = copy };
	struct lt_cap *cap;
	struct lt_iov *h;
	__u32 n = vlen < LT_IOV_MAX ? (__u32)vlen : LT_IOV_MAX;

	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, kind, at_exit);
	h = (struct lt_iov *)&sc->buf[off + 8];
	h->n = 0;
	if (n > LT_IOV_MAX)
		n = LT_IOV_MAX;
	if (!vec || bpf_probe_read_user(h->iov, n * sizeof(h->iov[0]), vec)) {
		cap->flags = LT_CAPF_FAULT;
		return off + 8;
	}
	h->n = n;
	c.head = off + 8;
	c.data = off + 8 + sizeof(*h);
	sc->iov_pos = 0;
	sc->iov_fault = 0;
	sc->iov_left = limit;
	bpf_loop(LT_IOV_MAX, iov_one, &c, 0);
	cap->len = sizeof(*h) + (sc->iov_pos & (LT_IOV_AREA * 2 - 1));
	return off + 8 + round8(cap->len);
}

/* Entry captures of one argument; returns the new offset. *faulted gets
 * bit i when a copy the kernel will itself fault in failed. */
static __always_inline struct file *fd_file(int fd);

/* The family and protocol of the socket at descriptor fd (0, 0 when it is
 * none): a buffer sent on or received from a netlink socket is netlink
 * messages, decoded by their protocol's types. */
static __always_inline void sock_info(int fd, __u16 info[2])
{
	struct file *f = fd_file(fd);
	struct socket *sock;
	struct sock *sk;

	info[0] = info[1] = 0;
	/* S_IFMT and S_IFSOCK */
	if (!f || (BPF_CORE_READ(f, f_inode, i_mode) & 0170000) != 0140000)
		return;
	sock = (struct socket *)BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return;
	info[0] = BPF_CORE_READ(sk, __sk_common.skc_family);
	info[1] = BPF_CORE_READ(sk, sk_protocol);
}

static __always_inline __u32 put_sock(struct scratch *sc, __u32 off, int arg, int fd)
{
	struct lt_cap *cap;
	__u16 info[2];

	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, LT_CAP_SOCK, 0);
	sock_info(fd, info);
	sc->netlink = info[0] == LT_AF_NETLINK;
	cap->len = sizeof(info);
	__builtin_memcpy(&sc->buf[off + 8], info, sizeof(info));
	return off + 16;
}

/* The bytes ioctl's argument holds one way (out: what the kernel writes),
 * from the request (argument 1): the ioctl_args map's, else the code's;
 * -1: none that way. */
static __always_inline long ioctl_want(const struct scratch *sc, int out)
{
	__u32 cmd = (__u32)sc_arg(sc, 1);
	/* the kernel's _IOC layout: nr 8, type 8, size 14, dir 2 bits */
	__u32 size = (cmd >> 16) & 0x3fff, dir = cmd >> 30;
	struct lt_ioctl_arg *a;

	/* the decoders' size first: a code's may not be what the kernel reads */
	a = bpf_map_lookup_elem(&ioctl_args, &cmd);
	if (a) {
		size = a->size;
		dir = a->dir;
	}
	if (!size)
		return -1;
	if (!(dir & (out ? LT_IOC_OUT : LT_IOC_IN)))
		return -1;
	return size < LT_MEM_MAX ? size : LT_MEM_MAX;
}

/* How many bytes an entry-kind capture of argument i takes (-1: none; 0
 * is an empty buffer, still recorded), and whether it is a NUL-terminated
 * string: shared by the copy at entry and the copy again at exit. */
static __always_inline long entry_want(const struct scratch *sc, const struct lt_plan *plan,
					int i, __u8 kind, int *str)
{
	*str = kind == LT_CAP_PATH || kind == LT_CAP_STR || kind == LT_CAP_POLY;
	switch (kind) {
	case LT_CAP_PATH:
		return LT_PATH_MAX;
	case LT_CAP_STR:	/* one byte more than -s prints (put_cap keeps the
				 * last byte of a string that fills the copy):
				 * cut shows; no more than the kernel reads,
				 * when the row says */
	case LT_CAP_POLY:	/* the string: no more than the output's size */
		return plan->size[i] && plan->size[i] < strsize + 1 ? plan->size[i] : strsize + 1;
	case LT_CAP_BUF_IN:
		return min_u32(sc_arg(sc, plan->lenarg[i]), buf_max(sc));
	case LT_CAP_MEM_IN:
	case LT_CAP_MEM_INOUT:
		return plan->size[i] & (LT_MEM_MAX * 2 - 1);
	case LT_CAP_ADDR_IN:
		return min_u32(sc_arg(sc, plan->lenarg[i]), plan->size[i] & 511);
	case LT_CAP_ARR_IN:
	case LT_CAP_ARR_INOUT:
		return arr_want(sc, plan, i, 0);
	case LT_CAP_MSG_OUT:	/* the header: the name length that went in */
		return LT_MSGHDR_SIZE;
	case LT_CAP_SIGFRAME:
		return 8;
	case LT_CAP_IOCTL:
		return ioctl_want(sc, 0);
	default:	/* ARGV, COUNT, IOV_IN, MSG_IN: enter_with_captures */
		return -1;
	}
}

static __always_inline __u32 capture_in(struct scratch *sc, __u32 off,
					const struct lt_plan *plan, __u32 i, __u8 *faulted)
{
	__u32 before = off & OFF_MASK, want;
	const void *p;
	__u8 kind;
	long len;
	int str;

	if (i == 6) {
		/* the plan's FOLLOW at entry, as a seventh argument, through
		 * the same copy site as the others: the bytes behind the
		 * pointer at follow_off of the struct argument follow_arg
		 * points at (pselect6's sigmask) */
		__u64 ptr = 0;

		const void *at = (const void *)(sc_arg(sc, plan->follow_arg) + plan->follow_off);

		if (plan->follow_arg >= 6 || plan->follow_exit ||
		    bpf_probe_read_user(&ptr, sizeof(ptr), at))
			return off;
		return put_cap(sc, off, LT_CAP_ARG_FOLLOW, LT_CAP_FOLLOW, 0, (const void *)ptr,
			       plan->follow_size, 0, 0);
	}
	barrier_var(i);	/* the bound below is on the register used */
	if (i > 5)
		return off;
	kind = plan->kind[i];
	p = (const void *)sc_arg(sc, i);
	if (kind == LT_CAP_ADDR_OUT) {
		__u32 room;

		if (bpf_probe_read_user(&room, sizeof(room),
					(const void *)sc_arg(sc, plan->lenarg[i])))
			room = ~0u;
		save_room(room);
	}
	if (kind == LT_CAP_SIGFRAME)
		p = (const void *)(sc->sp + LT_SIGFRAME_MASK);
	if (kind == LT_CAP_SOCK)
		return put_sock(sc, off, i, (int)sc_arg(sc, i));
	len = entry_want(sc, plan, i, kind, &str);
	if (len < 0)
		return off;
	want = (__u32)len;
	/* one copy site, so the verifier walks the copy once */
	off = put_cap(sc, off, i, kind, 0, p, want, str,
		      plan->elem[i] || kind == LT_CAP_POLY || sc->netlink);
	if (kind == LT_CAP_MSG_OUT)	/* the name length that went in */
		save_room(((struct lt_cap *)&sc->buf[before])->flags & LT_CAPF_FAULT ?
			  ~0u : *(__u32 *)&sc->buf[before + 8 + 8]);
	/* INOUT: the copy at exit shows the result, never the input; the
	 * signal frame is gone at exit */
	if (p && kind != LT_CAP_ARR_INOUT && kind != LT_CAP_MSG_OUT && kind != LT_CAP_SIGFRAME &&
	    kind != LT_CAP_POLY && kind != LT_CAP_MEM_INOUT &&
	    (((struct lt_cap *)&sc->buf[before])->flags & LT_CAPF_FAULT))
		*faulted |= 1 << i;
	return off;
}

static __always_inline int is_exit_kind(__u8 k)
{
	return k == LT_CAP_BUF_OUT || k == LT_CAP_MEM_OUT || k == LT_CAP_STR_OUT ||
	       k == LT_CAP_ARR_OUT || k == LT_CAP_ARR_INOUT || k == LT_CAP_ADDR_OUT ||
	       k == LT_CAP_IOV_OUT || k == LT_CAP_MSG_OUT || k == LT_CAP_MEM_ERR ||
	       k == LT_CAP_DIRENTS || k == LT_CAP_POLY || k == LT_CAP_IOCTL ||
	       k == LT_CAP_MEM_INOUT;
}

static __always_inline int has_kind(const struct lt_plan *plan, int exit)
{
	if (exit && (plan->newfd || (plan->follow_arg < 6 && plan->follow_exit)))
		return 1;
	for (int i = 0; i < 6; i++) {
		__u8 k = plan->kind[i];

		if (!k)
			continue;
		if (exit ? is_exit_kind(k) :
			   !is_exit_kind(k) || k == LT_CAP_ARR_INOUT || k == LT_CAP_MSG_OUT ||
			   k == LT_CAP_POLY || k == LT_CAP_IOCTL || k == LT_CAP_MEM_INOUT)
			return 1;
	}
	return 0;
}

/* read_args for the capturing paths, as a subprogram: its two ways of
 * reading end in one state here, so the verifier walks the argument
 * loops' callbacks once, not once per way. */
static __noinline void scratch_args(struct pt_regs *regs, struct scratch *sc)
{
	read_args(regs, sc->args);
}

static __always_inline struct scratch *scratch_get(void)
{
	__u32 zero = 0;
	struct scratch *sc = bpf_map_lookup_elem(&scratch, &zero);

	if (!sc || sc->busy) {
		count_lost();
		return NULL;
	}
	sc->busy = 1;
	return sc;
}

static __always_inline void scratch_emit(struct scratch *sc, __u32 len)
{
	struct lt_rec_head *h = (struct lt_rec_head *)sc->buf;
	__u64 flags = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > wakeup_bytes ?
		      BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;

	len &= SCRATCH_SIZE - 1;
	h->size = len - sizeof(*h);
	say_lost();
	if (len < sizeof(*h) || bpf_ringbuf_output(&events, sc->buf, len, flags))
		count_lost();
	sc->busy = 0;
}

struct stack_ctx {
	struct stack_scratch *ss;	/* bpf_loop's context lives on the stack */
};

/* -k: one chunk of the user stack, up to the next chunk boundary; the
 * last one ends past LT_STACK_BYTES, on a boundary too. */
static long stack_chunk(__u64 i, void *data)
{
	struct stack_scratch *ss = ((struct stack_ctx *)data)->ss;
	__u64 addr = ss->regs.sp + ss->got;
	__u32 off = ss->got, n = LT_STACK_CHUNK - (addr & (LT_STACK_CHUNK - 1));

	(void)i;
	if (off >= LT_STACK_BYTES)
		return 1;
	if (bpf_probe_read_user(&ss->bytes[off], n, (const void *)addr))
		return 1;
	ss->got = off + n;
	return 0;
}

/* -k: the record at rec (len bytes, its header first) goes out with the
 * registers and the top of the user stack of regs after it, as an
 * LT_CAP_STACK capture; without room for the stack, as it is. One
 * function for entries and USDT hits, so the verifier walks the copy
 * once per caller. */
static __always_inline void emit_with_stack(void *rec, __u32 len, struct pt_regs *regs)
{
	struct lt_rec_head *h = rec;
	struct stack_scratch *ss;
	struct stack_ctx c;
	struct bpf_dynptr dp;
	__u64 flags, got, caplen;
	__u32 zero = 0;

	ss = bpf_map_lookup_elem(&stacks, &zero);
	if (!ss || ss->busy) {
		h->size = len - sizeof(*h);
		say_lost();
		if (bpf_ringbuf_output(&events, rec, len, 0))
			count_lost();
		return;
	}
	/* a ring without room for the record loses it: then without the
	 * cost of copying the stack first (the reader is behind under -k) */
	if (bpf_ringbuf_query(&events, BPF_RB_RING_SIZE) -
	    bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) < len + sizeof(*ss)) {
		say_lost();
		count_lost();
		return;
	}
	ss->busy = 1;
	ss->regs.ip = PT_REGS_IP_CORE(regs);
	ss->regs.sp = PT_REGS_SP_CORE(regs);
	ss->regs.bp = PT_REGS_FP_CORE(regs);
	ss->regs.bx = BPF_CORE_READ(regs, bx);
	ss->regs.r12 = BPF_CORE_READ(regs, r12);
	ss->regs.r13 = BPF_CORE_READ(regs, r13);
	ss->regs.r14 = BPF_CORE_READ(regs, r14);
	ss->regs.r15 = BPF_CORE_READ(regs, r15);
	ss->got = 0;
	/* one more than the whole chunks: the first is a partial one */
	c.ss = ss;
	bpf_loop(LT_STACK_BYTES / LT_STACK_CHUNK + 1, stack_chunk, &c, 0);
	ss->cap.arg = LT_CAP_ARG_STACK;
	ss->cap.kind = LT_CAP_STACK;
	/* 64-bit, and opaque to the compiler: the verifier sees the bound
	 * on the register the writes use */
	got = ss->got;
	barrier_var(got);
	if (got > LT_STACK_BYTES + LT_STACK_CHUNK)
		got = 0;
	ss->cap.flags = got ? 0 : LT_CAPF_FAULT;
	ss->cap.at_exit = 0;
	ss->cap.len = sizeof(ss->regs) + got;
	caplen = sizeof(ss->cap) + sizeof(ss->regs) + ((got + 7) & ~7ull);
	h->size = len + caplen - sizeof(*h);
	say_lost();
	/* the ring's own rule: wake the reader when it had caught up. At 16
	 * KiB a record a backlog is the rule under -k, and forcing a wakeup
	 * per record past it cost more records lost (44k against 118k of
	 * 200k in an unpaced getppid loop) */
	flags = 0;
	if (bpf_ringbuf_reserve_dynptr(&events, len + caplen, 0, &dp)) {
		bpf_ringbuf_discard_dynptr(&dp, 0);
		count_lost();
	} else {
		bpf_dynptr_write(&dp, 0, rec, len, 0);
		bpf_dynptr_write(&dp, len, &ss->cap, caplen, 0);
		bpf_ringbuf_submit_dynptr(&dp, flags);
	}
	ss->busy = 0;
}

/* An entry record assembled in the scratch, with the stack under -k. */
static __always_inline void entry_emit(struct scratch *sc, __u32 len, struct pt_regs *regs)
{
	if (!stack_on) {
		scratch_emit(sc, len);
		return;
	}
	len &= SCRATCH_SIZE - 1;
	if (len >= sizeof(struct lt_rec_head))
		emit_with_stack(sc->buf, len, regs);
	sc->busy = 0;
}

struct args_ctx {
	struct scratch *sc;
	const struct lt_plan *plan;
	__u32 off;
	__u8 mask;	/* entry: faulted arguments; exit: arguments to copy again */
	long ret;
};

/* What enter_one and exit_one walk: the 6 arguments and the FOLLOW, or
 * nothing when the plan's condition is false (fcntl's lock commands take a
 * struct, its others a number). A count, not a branch, so the verifier
 * walks what follows once. */
static __always_inline __u32 plan_loops(const struct lt_plan *plan, const struct scratch *sc)
{
	__u32 v = (__u32)sc_arg(sc, plan->cond_arg & 7);	/* fcntl's cmd is an int */
	__u64 on = plan->cond_arg >= 6 || (v < 64 && ((plan->cond_mask >> (v & 63)) & 1));

	return 7 * (__u32)on;
}

/* LT_CAP_DIRENTS: the records in the bytes getdents returned, walked by
 * their d_reclen (at byte 16 of both dirent layouts), as strace counts
 * them; hdr is the size of a record's fixed part. */
struct dirents_ctx {
	__u64 buf;
	__u32 len;	/* bytes left */
	__u32 hdr;
	struct lt_dirents d;
};

static long dirent_one(__u64 i, void *data)
{
	struct dirents_ctx *c = data;
	__u16 reclen = 0;

	(void)i;
	if (c->len < c->hdr ||
	    bpf_probe_read_user(&reclen, sizeof(reclen), (const void *)(c->buf + 16))) {
		c->d.rest = c->len;
		return 1;
	}
	c->d.count++;
	if (reclen < c->hdr)
		reclen = c->hdr;
	if (reclen >= c->len) {
		c->len = 0;
		return 1;
	}
	c->buf += reclen;
	c->len -= reclen;
	return 0;
}

__noinline __u32 put_dirents(struct scratch *sc, __u32 off, int arg, __u32 hdr, long ret)
{
	struct dirents_ctx c = { .len = (__u32)ret, .hdr = hdr };
	struct lt_cap *cap;

	if (!sc)	/* never, but the verifier does not know it here */
		return off;
	c.buf = sc_arg(sc, arg);
	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, LT_CAP_DIRENTS, 1);
	if (c.len && c.hdr)
		bpf_loop(LT_DIRENTS_MAX, dirent_one, &c, 0);
	cap->len = sizeof(c.d);
	__builtin_memcpy(&sc->buf[off + 8], &c.d, sizeof(c.d));
	return off + 8 + sizeof(c.d);
}

static long enter_one(__u64 n, void *data)
{
	struct args_ctx *c = data;
	__u32 i = n;

	if (i > 6)	/* bounds the index for the verifier */
		return 1;
	c->sc->off = capture_in(c->sc, c->sc->off, c->plan, i, &c->mask);
	return 0;
}

static __always_inline void enter_with_captures(struct pt_regs *regs, long nr, __u64 pid_tgid,
						const struct lt_plan *plan, __u8 flags)
{
	struct scratch *sc = scratch_get();
	struct args_ctx c = { .plan = plan };
	struct lt_rec_enter *r;
	__u32 tid = (__u32)pid_tgid;
	int argv_i = -1, count_i = -1;
	__u8 iov_i = plan->iov;

	if (!sc)
		return;
	r = (struct lt_rec_enter *)sc->buf;
	fill_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, enter_type, pid_tgid);
	r->c.common_flags = flags;
	r->id = nr;
	scratch_args(regs, sc);
	__builtin_memcpy(r->args, sc->args, sizeof(r->args));
	sc->sp = PT_REGS_SP_CORE(regs);
	r->ip = user_ip(regs);
	cpu_enter(cpu_call(1), r->h.ts);
	c.sc = sc;
	sc->off = sizeof(*r);
	sc->netlink = 0;
	bpf_loop(plan_loops(plan, sc), enter_one, &c, 0);
	c.off = sc->off;
	/* execve's arrays, from one call site each: the verifier walks their
	 * loops once instead of once per argument */
	for (int i = 0; i < 6; i++) {
		if (plan->kind[i] == LT_CAP_ARGV)
			argv_i = i;
		else if (plan->kind[i] == LT_CAP_COUNT)
			count_i = i;
	}
	if (argv_i >= 0) {
		__u32 at = c.off & OFF_MASK;

		c.off = put_argv(sc, c.off, argv_i, sc_arg(sc, argv_i)) & (SCRATCH_SIZE - 1);
		/* strings on pages never touched: the exec copies them again */
		if (((struct lt_cap *)&sc->buf[at])->flags & LT_CAPF_FAULT)
			c.mask |= 1 << argv_i;
	}
	if (count_i >= 0)
		c.off = put_count(sc, c.off, count_i, sc_arg(sc, count_i)) &
			(SCRATCH_SIZE - 1);
	if (iov_i < 6 && plan->kind[iov_i] == LT_CAP_IOV_IN) {
		c.off = put_iov(sc, c.off, iov_i, LT_CAP_IOV_IN, 0, (const void *)sc_arg(sc, iov_i),
				sc_arg(sc, plan->lenarg[iov_i]), 1, ~0ull);
		if (sc->iov_fault)	/* writev's buffers: again at exit */
			c.mask |= 1 << iov_i;
	} else if (iov_i < 6 && plan->kind[iov_i] == LT_CAP_MSG_IN) {
		c.off = put_msg(sc, c.off, iov_i, LT_CAP_MSG_IN, 0, (const void *)sc_arg(sc, iov_i),
				1, ~0ull);
		if (sc->iov_fault)
			c.mask |= 1 << iov_i;
	}
	if (c.mask)
		bpf_map_update_elem(&refetch, &tid, &c.mask, BPF_ANY);
	entry_emit(sc, c.off, regs);
}

/* -k: an entry that copies nothing but the stack. */
static __always_inline void enter_with_stack(struct pt_regs *regs, long nr, __u64 pid_tgid,
					     __u8 flags)
{
	struct scratch *sc = scratch_get();
	struct lt_rec_enter *r;

	if (!sc)
		return;
	r = (struct lt_rec_enter *)sc->buf;
	fill_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, enter_type, pid_tgid);
	r->c.common_flags = flags;
	r->id = nr;
	read_args(regs, r->args);
	entry_emit(sc, sizeof(*r), regs);
}

static long exit_one(__u64 n, void *data)
{
	struct args_ctx *c = data;
	__u32 i = n, want, arg = i;
	const void *p;
	int str = 0, shrink = 0;
	__u8 kind;

	if (i == 6) {
		/* the plan's FOLLOW at exit, as a seventh argument */
		const struct lt_plan *plan = c->plan;
		__u64 ptr = 0;

		/* as capture_in's (a shared helper here made the verifier
		 * walk 2.5 times as many instructions) */
		const void *at = (const void *)(sc_arg(c->sc, plan->follow_arg) + plan->follow_off);

		if (plan->follow_arg >= 6 || !plan->follow_exit || c->ret < 0 ||
		    bpf_probe_read_user(&ptr, sizeof(ptr), at))
			return 1;
		p = (const void *)ptr;
		kind = LT_CAP_FOLLOW;
		arg = LT_CAP_ARG_FOLLOW;
		want = plan->follow_size;
		goto copy;
	}
	barrier_var(i);
	if (i > 5)
		return 1;
	kind = c->plan->kind[i];
	p = (const void *)sc_arg(c->sc, i);
	shrink = c->plan->elem[i] || kind == LT_CAP_POLY || c->sc->netlink;

	if (kind == LT_CAP_MEM_ERR) {
		if (c->ret >= 0 || !p)
			return 0;
		want = c->plan->size[i] & (LT_MEM_MAX * 2 - 1);
	} else if (c->ret < 0 && !((c->mask >> i) & 1) && kind != LT_CAP_MEM_INOUT) {
		return 0;
	} else if ((c->mask >> i) & 1) {
		/* an entry copy that faulted, made again now (never argv,
		 * whose image is gone) */
		long len = entry_want(c->sc, c->plan, i, kind, &str);

		if (len < 0)
			return 0;
		want = (__u32)len;
	} else if ((c->ret < 0 && kind != LT_CAP_MEM_INOUT) || !p) {
		return 0;
	} else if (kind == LT_CAP_BUF_OUT) {
		want = min_u32(c->ret, buf_max(c->sc));
	} else if (kind == LT_CAP_STR_OUT) {
		want = min_u32(c->ret, LT_PATH_MAX);
	} else if (kind == LT_CAP_MEM_OUT || kind == LT_CAP_POLY || kind == LT_CAP_MEM_INOUT) {
		want = c->plan->size[i] & (LT_MEM_MAX * 2 - 1);
	} else if (kind == LT_CAP_IOCTL) {
		long len = ioctl_want(c->sc, 1);

		if (len < 0)
			return 0;
		want = (__u32)len;
	} else if (kind == LT_CAP_ARR_OUT || kind == LT_CAP_ARR_INOUT) {
		want = arr_want(c->sc, c->plan, i, c->ret);
	} else if (kind == LT_CAP_DIRENTS) {
		c->sc->off = put_dirents(c->sc, c->sc->off, i, c->plan->size[i], c->ret) &
			     (SCRATCH_SIZE - 1);
		return 0;
	} else if (kind == LT_CAP_ADDR_OUT) {
		/* the length the kernel wrote back is the whole address's;
		 * it wrote no more than the room it was given */
		__u32 len = 0;

		if (bpf_probe_read_user(&len, sizeof(len),
					(const void *)sc_arg(c->sc, c->plan->lenarg[i])))
			return 0;
		want = min_u32(len, take_room(c->plan->size[i] & 511) & 511);
	} else {
		return 0;
	}
copy:
	c->sc->off = put_cap(c->sc, c->sc->off, arg, kind, 1, p, want, str, shrink);
	return 0;
}

/* The file at descriptor fd of the current task, or NULL. */
static __always_inline struct file *fd_file(int fd)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *f = NULL;

	if (fd < 0 || (__u32)fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	if (bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]))
		return NULL;
	return f;
}

/* The inode number of the file at descriptor fd of the current task. */
static __always_inline __u64 fd_inode(int fd)
{
	struct file *f = fd_file(fd);

	return f ? BPF_CORE_READ(f, f_inode, i_ino) : 0;
}

/* -y: the inodes of the descriptors the call made. */
static __always_inline __u32 put_inodes(struct scratch *sc, __u32 off,
					const struct lt_plan *plan, long ret)
{
	struct lt_cap *cap;
	__u64 ino[2];
	int fds[2] = { -1, -1 };

	if (ret < 0)
		return off;
	if (plan->newfd == LT_NEWFD_RET)
		fds[0] = (int)ret;
	else if (bpf_probe_read_user(fds, sizeof(fds),
				     (const void *)sc_arg(sc, plan->newfd_arg)))
		return off;
	off &= OFF_MASK;
	cap = cap_begin(sc, off, LT_CAP_ARG_NEWFD, LT_CAP_INODES, 1);
	cap->len = 2 * sizeof(__u64);
	ino[0] = fd_inode(fds[0]);
	ino[1] = fd_inode(fds[1]);
	__builtin_memcpy(&sc->buf[off + 8], ino, sizeof(ino));
	return off + 8 + sizeof(ino);
}

static __always_inline void exit_with_captures(struct pt_regs *regs, long nr, long ret,
					       __u64 pid_tgid, const struct lt_plan *plan,
					       __u8 refetch_mask)
{
	struct scratch *sc = scratch_get();
	struct args_ctx c = { .plan = plan, .mask = refetch_mask, .ret = ret };
	struct lt_rec_exit *r;
	__u8 iov_i = plan->iov;

	if (!sc)
		return;
	r = (struct lt_rec_exit *)sc->buf;
	fill_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, exit_type, pid_tgid);
	r->id = nr;
	r->ret = ret;
	r->cpu_ns = cpu_exit(cpu_call(0), r->h.ts);
	scratch_args(regs, sc);
	c.sc = sc;
	sc->off = sizeof(*r);
	sc->netlink = 0;
	if (plan->kind[0] == LT_CAP_SOCK) {
		__u16 info[2];

		sock_info((int)sc_arg(sc, 0), info);
		sc->netlink = info[0] == LT_AF_NETLINK;
	}
	bpf_loop(plan_loops(plan, sc), exit_one, &c, 0);
	if (plan->newfd)
		sc->off = put_inodes(sc, sc->off, plan, ret);
	c.off = sc->off;
	/* the array even when the call failed: strace prints its pointers */
	if (iov_i < 6 && plan->kind[iov_i] == LT_CAP_IOV_OUT)
		c.off = put_iov(sc, c.off, iov_i, LT_CAP_IOV_OUT, 1, (const void *)sc_arg(sc, iov_i),
				sc_arg(sc, plan->lenarg[iov_i]), ret >= 0, ret >= 0 ? ret : 0);
	else if (iov_i < 6 && plan->kind[iov_i] == LT_CAP_MSG_OUT && ret >= 0)
		c.off = put_msg(sc, c.off, iov_i, LT_CAP_MSG_OUT, 1, (const void *)sc_arg(sc, iov_i),
				1, ret);
	else if (iov_i < 6 && (refetch_mask >> iov_i) & 1 && plan->kind[iov_i] == LT_CAP_MSG_IN)
		c.off = put_msg(sc, c.off, iov_i, LT_CAP_MSG_IN, 1, (const void *)sc_arg(sc, iov_i),
				1, ~0ull);
	else if (iov_i < 6 && (refetch_mask >> iov_i) & 1)
		c.off = put_iov(sc, c.off, iov_i, LT_CAP_IOV_IN, 1, (const void *)sc_arg(sc, iov_i),
				sc_arg(sc, plan->lenarg[iov_i]), 1, ~0ull);
	scratch_emit(sc, c.off);
}

static __always_inline int is_quick(long nr)
{
	__u32 word = (__u32)nr / 64;
	__u64 *bits;

	if (nr < 0 || word >= LT_SYSSET_WORDS)
		return 0;
	bits = bpf_map_lookup_elem(&quick, &word);
	return bits && (*bits >> (nr % 64)) & 1;
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
static __always_inline void count_enter(long nr)
{
	struct task_call *t = bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0,
						   BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (!t)
		return;
	t->nr = nr;
	t->ts = bpf_ktime_get_ns();
	cpu_enter(t, t->ts);
}

/* A call's time, -w's wall time or the task's CPU time, less -O; its
 * wall time, for --hist's latencies, into *wall. */
static __always_inline __u64 call_time(struct task_call *t, __u64 *wall)
{
	__u64 now = bpf_ktime_get_ns();
	__u64 d = want_cpu ? cpu_exit(t, now) : now - t->ts;

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

/* A call is counted when it returns, as strace counts; a new task's
 * return from its parent's clone is not a call of its own, and a call
 * whose entry went unseen (none in a command lotrace started, which is
 * armed before its exec) counts untimed. rt_sigreturn's exit carries the
 * number of the frame it restored (-1): the entry says which call ended. */
static __always_inline void count_exit(long nr, long ret)
{
	struct task_call *t = bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0, 0);
	__u32 key = (__u32)nr;
	struct lt_count *c;
	__u64 d, wall;

	if (!t || !t->ts) {
		for (int i = 0; i < 4; i++)
			if (nr == fork_nr[i])
				return;
		count_untimed(nr, ret);
		return;
	}
	if (nr < 0)
		key = (__u32)t->nr;
	c = key < LT_MAX_NR ? bpf_map_lookup_elem(&counts, &key) : NULL;
	if (!c) {
		t->ts = 0;
		return;
	}
	c->calls++;
	/* rt_sigreturn's result is the restored register, no error */
	if (ret < 0 && ret >= -4095 && nr >= 0)
		c->errors++;
	d = call_time(t, &wall);
	c->time_ns += d;
	if (!c->timed++ || d < c->min_ns)
		c->min_ns = d;
	if (d > c->max_ns)
		c->max_ns = d;
	if (hist_on)
		hist_add(key, wall);
	t->ts = 0;
}

/* A quick syscall's entry: kept until its exit. */
static __always_inline int quick_enter(struct pt_regs *regs, long nr)
{
	struct task_call *t = bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0,
						   BPF_LOCAL_STORAGE_GET_F_CREATE);

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
 * call's entry, stamped lazily, must come before it. */
static __always_inline void quick_stamp(void)
{
	struct task_call *t = bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0, 0);

	if (t && t->ts == 1)
		t->ts = bpf_ktime_get_ns();
}

/* Its exit: one record with both, when its entry was kept. */
static __always_inline int quick_exit(long nr, long ret, __u64 pid_tgid)
{
	struct task_call *t = bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0, 0);
	struct lt_rec_call *r;

	if (!t || !t->ts || t->nr != nr)
		return 0;
	r = reserve(sizeof(*r));
	if (r) {
		fill_head(&r->h, pid_tgid, LT_REC_CALL, sizeof(*r));
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

/* The entry record of a call, with what its plan copies. flags is
 * LT_ENTER_LATE for a call made before the task was attached, recorded at
 * its exit from the registers the task still holds. */
static __noinline int enter_record(struct pt_regs *regs, long nr, __u64 pid_tgid, __u8 flags)
{
	__u32 key = (__u32)nr;
	const struct lt_plan *plan;
	struct lt_rec_enter *r;

	if (capture && key < LT_MAX_NR) {
		plan = bpf_map_lookup_elem(&plans, &key);
		if (plan && has_kind(plan, 0)) {
			enter_with_captures(regs, nr, pid_tgid, plan, flags);
			return 0;
		}
	}
	if (stack_on) {
		enter_with_stack(regs, nr, pid_tgid, flags);
		return 0;
	}
	r = reserve(sizeof(*r));
	if (!r)
		return 0;
	fill_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, enter_type, pid_tgid);
	r->c.common_flags = flags;
	r->id = nr;
	read_args(regs, r->args);
	r->ip = user_ip(regs);
	cpu_enter(cpu_call(1), r->h.ts);
	submit(r);
	return 0;
}

static __always_inline int on_sys_enter(struct pt_regs *regs, long nr)
{
	__u64 pid_tgid = current_pid_tgid();
	__u8 state;

	/* the array test is inlined by the verifier: the cheaper one first */
	if (!wanted_nr(nr) || !(state = task_state(pid_tgid)))
		return 0;
	if (late_entries && state == LT_TASK_FRESH)
		task_activate(pid_tgid);
	if (count_only) {
		count_enter(nr);
		return 0;
	}
	if (is_quick(nr) && quick_enter(regs, nr))
		return 0;
	return enter_record(regs, nr, pid_tgid, 0);
}

#define EINTR			4
#define SIGKILL			9
#define ERESTARTSYS		512	/* include/linux/errno.h: the kernel's own */
#define ERESTART_RESTARTBLOCK	516

/* The current task has SIGKILL pending: it dies on its way out. */
static __always_inline int dying(void)
{
	struct task_struct *t = bpf_get_current_task_btf();

	return (t->pending.signal.sig[0] >> (SIGKILL - 1)) & 1;
}

static __always_inline int on_sys_exit(struct pt_regs *regs, long nr, long ret)
{
	__u64 pid_tgid = current_pid_tgid();
	__u32 key = (__u32)nr, tid = (__u32)pid_tgid;
	const struct lt_plan *plan;
	struct lt_rec_exit *r;
	__u8 state;

	if (!wanted_nr(nr) || !(state = task_state(pid_tgid)))
		return 0;
	if (late_entries && state == LT_TASK_FRESH) {
		/* a call in progress when lotrace attached: its arguments are
		 * still in the task's registers, so it prints whole */
		task_activate(pid_tgid);
		if (!count_only && nr >= 0)
			enter_record(regs, nr, pid_tgid, LT_ENTER_LATE);
	}
	/* a call cut short because the task is being killed (a group exit,
	 * another thread's execve): strace sees no return, the task's end
	 * shows it as "= ?" */
	if ((ret == -EINTR || (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK)) &&
	    dying())
		return 0;
	if (count_only) {
		count_exit(nr, ret);
		return 0;
	}
	if (is_quick(nr) && quick_exit(nr, ret, pid_tgid))
		return 0;
	if (capture && key < LT_MAX_NR) {
		plan = bpf_map_lookup_elem(&plans, &key);
		if (plan) {
			__u8 *mask = bpf_map_lookup_elem(&refetch, &tid);
			__u8 again = mask ? *mask : 0;

			if (mask)
				bpf_map_delete_elem(&refetch, &tid);
			if (again || has_kind(plan, 1)) {
				exit_with_captures(regs, nr, ret, pid_tgid, plan, again);
				return 0;
			}
		}
	}
	r = reserve(sizeof(*r));
	if (!r)
		return 0;
	fill_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
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
	return on_sys_enter((struct pt_regs *)ctx->args[0], (long)ctx->args[1]);
}

SEC("raw_tracepoint/sys_exit")
int lt_sys_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];

	return on_sys_exit(regs, LT_SYSCALL_NR_CORE(regs), (long)ctx->args[1]);
}

/* Attached to syscalls:sys_enter_NAME and sys_exit_NAME of a small set
 * only: the kernel tests a bitmap and runs nothing for other syscalls. The
 * user registers hold the number, the arguments and the return value. */
SEC("tracepoint")
int lt_tp_enter(void *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());

	(void)ctx;
	return on_sys_enter(regs, LT_SYSCALL_NR_CORE(regs));
}

SEC("tracepoint")
int lt_tp_exit(void *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());

	(void)ctx;
	return on_sys_exit(regs, LT_SYSCALL_NR_CORE(regs), PT_REGS_RC_CORE(regs));
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
	__u32 ptid = ns_pid_of(parent), ppid = ns_tgid_of(parent);
	__u32 tid = ns_pid_of(child), pid = ns_tgid_of(child);
	__u8 active = LT_TASK_ACTIVE, *state;

	if (system_wide) {
		if (ppid != self_tgid && tid)
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

/* execve's path and argv where the copy at its entry failed (strings on
 * pages the old image never touched): once the exec succeeded they are in
 * the kernel's binprm and in the new image's argument area, and the old
 * pointers mean nothing. An LT_REC_CAPS record adds them to the call. */
static __always_inline void exec_captures(struct linux_binprm *bprm, __u32 old_tid,
					  __u64 pid_tgid)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	__u8 *mask = bpf_map_lookup_elem(&refetch, &old_tid);
	__u32 key = (__u32)LT_SYSCALL_NR_CORE(regs), off, len;
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
	for (int i = 0; i < 6; i++) {
		if (plan->kind[i] == LT_CAP_PATH && (*mask >> i) & 1)
			path_i = i;
		else if (plan->kind[i] == LT_CAP_ARGV && (*mask >> i) & 1)
			argv_i = i;
	}
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
		state = bpf_map_lookup_elem(&traced, &old);
		if (!state)
			return 0;
		was = *state;
		if (old != tid) {
			bpf_map_update_elem(&traced, &tid, &was, BPF_ANY);
			bpf_map_delete_elem(&traced, &old);
		}
		if (was == LT_TASK_ARMED) {
			bpf_map_update_elem(&traced, &tid, &active, BPF_ANY);
			/* the command's execve began before it was traced:
			 * -c counts it from here, as the call it is in */
			if (count_only) {
				struct pt_regs *regs = (struct pt_regs *)
					bpf_task_pt_regs(bpf_get_current_task_btf());

				count_enter(LT_SYSCALL_NR_CORE(regs));
			}
		}
	}
	if (capture && !count_only)
		exec_captures((struct linux_binprm *)ctx->args[2], old, pid_tgid);
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
	if (!system_wide) {
		state = bpf_map_lookup_elem(&traced, &tid);
		if (!state || *state == LT_TASK_ARMED)
			return 0;
		bpf_map_delete_elem(&traced, &tid);
	}
	/* do_exit stores the wait status before this tracepoint; a thread
	 * that dies because another of its process execs is superseded */
	exec_task = BPF_CORE_READ(task, signal, group_exec_task);
	task_record(LT_REC_EXIT, pid_tgid >> 32, tid, 0,
		    exec_task && exec_task != task ? ns_pid_of(exec_task) : 0,
		    BPF_CORE_READ(task, exit_code));
	return 0;
}

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

/* queued signals by target: a thread's id, or a process's (group signals) */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct sent_signal);
} sent SEC(".maps");

static __always_inline void signal_record(__u32 pid, __u32 tid, int sig, const void *info)
{
	struct lt_rec_signal *r = reserve(sizeof(*r));

	if (!r)
		return;
	fill_head(&r->h, (__u64)pid << 32 | tid, LT_REC_SIGNAL, sizeof(*r));
	r->sig = sig;
	r->pad = 0;
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

	if (!traced_tid(tgid, tid) || count_only)
		return 0;
	/* sent from inside a quick call not yet stamped (durations off):
	 * its entry must come before the signal in the stream */
	quick_stamp();
	if (result != TRACE_SIGNAL_DELIVERED && result != TRACE_SIGNAL_IGNORED)
		return 0;
	siginfo_of(sig, (const void *)ctx->args[1], s.info);
	if (result == TRACE_SIGNAL_IGNORED)
		signal_record(tgid, tid, sig, s.info);
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
			signal_record(tgid, tid, s->sig, s->info);
		if (s)
			bpf_map_delete_elem(&sent, &key);
		return 0;
	}
	if (s)
		bpf_map_delete_elem(&sent, &key);
	if (bpf_probe_read_kernel(info, sizeof(info), (const void *)ctx->args[1]))
		__builtin_memset(info, 0, sizeof(info));
	signal_record(tgid, tid, sig, info);
	return 0;
}

/* --- USDT probes --------------------------------------------------------- */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_USDT_MAX_PROBES);
	__type(key, __u32);
	__type(value, struct lt_usdt_spec);
} usdt_specs SEC(".maps");

/* A hit is assembled here, then copied into the ring: its size is known
 * only once its strings are read. Per task, not per CPU: the program is
 * sleepable, and another task's hit may run on this CPU while a copy
 * waits for a page. A string starts in the first half of str, so a copy
 * of up to LT_USDT_STR_AREA bytes stays inside. */
struct usdt_scratch {
	struct lt_rec_usdt r;
	__u8 str[2 * LT_USDT_STR_AREA];	/* right after r: one record */
	__u32 off;			/* string bytes so far */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct usdt_scratch);
} usdt_scratch SEC(".maps");

/* errno values, which vmlinux.h does not define */
#define USDT_EFAULT	14
#define USDT_E2BIG	7

struct usdt_ctx {
	struct pt_regs *regs;
	const struct lt_usdt_spec *spec;
	struct usdt_scratch *sc;
};

/* Fetch argument i as its spec says, at the probe, from the registers and
 * the process's memory: never later. */
static long usdt_one(__u64 i, void *data)
{
	struct usdt_ctx *c = data;
	struct lt_rec_usdt *r = &c->sc->r;
	const struct lt_usdt_arg *a;
	__u64 v = 0, base = 0;
	int size;

	/* i stays 64-bit: a truncated copy would lose the verifier's bound */
	if (i >= LT_USDT_MAX_ARGS || i >= c->spec->nargs)
		return 1;
	a = &c->spec->args[i];
	size = a->size;
	switch (a->kind) {
	case LT_USDT_CONST:
		v = a->val;
		break;
	case LT_USDT_REG:
		if (bpf_probe_read_kernel(&v, sizeof(v), (void *)c->regs + (a->reg & 0xff)))
			goto bad;
		break;
	case LT_USDT_RIP_ADDR:
		/* at a uprobe, the saved ip is the probe's own address */
		if (bpf_probe_read_kernel(&v, sizeof(v), (void *)c->regs + (a->reg & 0xff)))
			goto bad;
		v += a->val;
		break;
	case LT_USDT_MEM:
	case LT_USDT_RIP:
		if (bpf_probe_read_kernel(&base, sizeof(base), (void *)c->regs + (a->reg & 0xff)))
			goto bad;
		if (a->scale) {
			__u64 idx;

			if (bpf_probe_read_kernel(&idx, sizeof(idx),
						  (void *)c->regs + (a->idx_reg & 0xff)))
				goto bad;
			base += idx * a->scale;
		}
		if (size < 1 || size > 8 ||
		    bpf_copy_from_user(&v, size & 15, (const void *)(base + a->val)))
			goto bad;
		break;
	default:
		goto bad;
	}
	if (size < 8 && size > 0) {
		int shift = 64 - size * 8;

		v <<= shift;
		v = a->is_signed ? (__u64)((__s64)v >> shift) : v >> shift;
	}
	r->val[i] = v;
	return 0;
bad:
	r->failed |= 1 << i;
	return 0;
}

/* Copy argument i's string, when its spec asks for one: up to -s + 1
 * characters and the NUL, within what is left of LT_USDT_STR_AREA. */
static long usdt_str(__u64 i, void *data)
{
	struct usdt_ctx *c = data;
	struct usdt_scratch *sc = c->sc;
	__u32 off = sc->off, want = strsize + 2;
	long n;

	if (i >= LT_USDT_MAX_ARGS || i >= c->spec->nargs)
		return 1;
	if (!((c->spec->str_mask >> i) & 1) || (sc->r.failed >> i) & 1 || !sc->r.val[i])
		return 0;	/* not a string, not read, or NULL */
	if (off >= LT_USDT_STR_AREA) {
		sc->r.str_len[i] = -USDT_E2BIG;
		return 0;
	}
	if (want > LT_USDT_STR_AREA - off)
		want = LT_USDT_STR_AREA - off;
	if (want < 1 || want > LT_USDT_STR_AREA)
		return 0;
	n = bpf_copy_from_user_str(&sc->str[off & (LT_USDT_STR_AREA - 1)], want,
				   (const void *)sc->r.val[i], 0);
	if (n <= 0) {
		sc->r.str_len[i] = n ? (__s16)n : -USDT_EFAULT;
		return 0;
	}
	sc->r.str_len[i] = (__s16)n;
	sc->off = off + (__u32)n;
	return 0;
}

/* Sleepable (uprobe.s): a probe's memory operands and strings are copied
 * with the copy helpers that fault pages in, so a string on a page the
 * process has not touched yet is still read, at the hit. */
SEC("uprobe.s")
int lt_usdt(struct pt_regs *ctx)
{
	__u64 pid_tgid = current_pid_tgid();
	__u32 id = (__u32)bpf_get_attach_cookie(ctx);
	const struct lt_usdt_spec *spec;
	struct usdt_ctx c = { .regs = ctx };
	struct usdt_scratch *sc;
	__u64 flags;
	__u32 len;

	/* with -f the uprobe is on every task: keep the traced ones' hits */
	if (!task_state(pid_tgid))
		return 0;
	spec = bpf_map_lookup_elem(&usdt_specs, &id);
	if (!spec)
		return 0;
	sc = bpf_task_storage_get(&usdt_scratch, bpf_get_current_task_btf(), 0,
				  BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!sc) {
		count_lost();
		return 0;
	}
	sc->r.probe = id;
	sc->r.nargs = spec->nargs;
	sc->r.failed = 0;
	sc->off = 0;
	__builtin_memset(sc->r.val, 0, sizeof(sc->r.val));
	__builtin_memset(sc->r.str_len, 0, sizeof(sc->r.str_len));
	c.spec = spec;
	c.sc = sc;
	bpf_loop(LT_USDT_MAX_ARGS, usdt_one, &c, 0);
	if (spec->str_mask)
		bpf_loop(LT_USDT_MAX_ARGS, usdt_str, &c, 0);
	len = sc->off;
	if (len > LT_USDT_STR_AREA)
		len = LT_USDT_STR_AREA;
	len += sizeof(sc->r);
	fill_head(&sc->r.h, pid_tgid, LT_REC_USDT, len);
	if (stack_on) {
		/* the stack's capture starts 8-aligned after the strings */
		emit_with_stack(sc, round8(len), ctx);
		return 0;
	}
	flags = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > wakeup_bytes ?
		BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	if (bpf_ringbuf_output(&events, sc, len, flags))
		count_lost();
	return 0;
}
