/* The records the syscall BPF program writes into its ring buffer, shared
 * by the BPF side (syscalls.bpf.c) and the reader (bpfring.c). */
#ifndef LOTRACE_BPF_SYSCALLS_H
#define LOTRACE_BPF_SYSCALLS_H

/* Record kinds, the first field of every record. */
#define LT_REC_SYSCALL	1	/* followed by a tracepoint-layout payload */
#define LT_REC_FORK	2
#define LT_REC_EXIT	3
#define LT_REC_EXEC	4	/* comm after execve */

/* Task states in the traced map. */
#define LT_TASK_ARMED	1	/* a started command: traced from its execve on */
#define LT_TASK_ACTIVE	2

#define LT_SYSSET_WORDS 16	/* 1024 syscall numbers */
#define LT_COMM_LEN 16

struct lt_rec_head {
	__u64 ts;		/* bpf_ktime_get_ns: CLOCK_MONOTONIC */
	__u32 pid, tid;
	__u16 kind;
	__u16 cpu;
	__u32 size;		/* payload bytes after this header */
};

/* The payload of LT_REC_SYSCALL: the layout of raw_syscalls:sys_enter and
 * sys_exit records, so the same libtraceevent-derived offsets read both
 * transports. common_type carries the tracepoint id. */
struct lt_tp_common {
	__u16 common_type;
	__u8 common_flags;
	__u8 common_preempt_count;
	__s32 common_pid;
};

struct lt_rec_enter {
	struct lt_rec_head h;
	struct lt_tp_common c;
	__s64 id;
	__u64 args[6];
};

struct lt_rec_exit {
	struct lt_rec_head h;
	struct lt_tp_common c;
	__s64 id;
	__s64 ret;
};

struct lt_rec_task {
	struct lt_rec_head h;
	__u32 ppid, ptid;	/* LT_REC_FORK: the creator */
	__s32 status;		/* LT_REC_EXIT: the wait(2) status */
	char comm[LT_COMM_LEN];
};

#endif
