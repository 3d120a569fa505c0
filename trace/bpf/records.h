/* records: the layouts of the records the BPF programs write into their
 * ring buffer, shared by the BPF programs in bpf/ and their reader
 * (transport/bpf.c). Only the transports include this file; what the
 * program copies from the traced process (captures) is bpf/capture.h. */
#ifndef LOTRACE_BPF_RECORDS_H
#define LOTRACE_BPF_RECORDS_H

#ifndef __VMLINUX_H__	/* the BPF side gets the types from vmlinux.h */
#include <linux/types.h>
#endif

#include "capture.h"

/* Record kinds, the first field of every record. */
#define LT_REC_SYSCALL	1	/* followed by a tracepoint-layout payload */
#define LT_REC_FORK	2
#define LT_REC_EXIT	3
#define LT_REC_EXEC	4	/* comm after execve */
#define LT_REC_USDT	5	/* a USDT probe hit, struct lt_rec_usdt */
#define LT_REC_SIGNAL	6	/* a signal delivered, struct lt_rec_signal */
#define LT_REC_CALL	7	/* a quick syscall, entry and exit in one record */
#define LT_REC_LOST	8	/* records of this CPU lost just before, struct lt_rec_lost */
#define LT_REC_CAPS	9	/* captures for the call the task is in: a head,
				 * then struct lt_cap's as after an entry record */

/* Task states in the traced map. */
#define LT_TASK_ARMED	1	/* a started command: traced from its execve on */
#define LT_TASK_ACTIVE	2
#define LT_TASK_FRESH	3	/* attached (-p), maybe inside a call: its first
				 * exit without an entry brings the call's
				 * arguments, read at the exit */

/* common_flags of an entry record: the call began before the task was
 * traced; its entry is recorded at its exit (its time is unknown). */
#define LT_ENTER_LATE	1

#define LT_SYSSET_WORDS 16	/* 1024 syscall numbers */

/* -c alone: per syscall number, summed in the kernel, no records. */
struct lt_count {
	__u64 calls;
	__u64 errors;
	__u64 time_ns;		/* from entry to exit, when the entry was seen:
				 * wall time with -w, else the task's CPU time */
	__u64 min_ns, max_ns;	/* of one call, over the calls timed */
	__u64 timed;		/* calls whose entry was seen */
};

/* --hist with -c alone: per syscall number, how many calls took [0],
 * [1], [2, 4), ... [2^62, 2^63) ns: bucket i > 0 holds [2^(i-1), 2^i). */
#define LT_HIST_BUCKETS 64

struct lt_hist {
	__u64 bucket[LT_HIST_BUCKETS];
};

/* -c alone: the slots of the calls tasks are in (count_notes), one per
 * value of a tid's low bits. */
#define LT_COUNT_NOTES 16384

#define LT_COMM_LEN 16
#define LT_CPU_UNKNOWN (~0ull)	/* a call's CPU time, not measured */

struct lt_rec_head {
	__u64 ts;		/* bpf_ktime_get_ns: CLOCK_MONOTONIC; 0 for
				 * a call's record where no clock was read */
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
	__u64 ip;		/* -i: the user instruction pointer, else 0 */
};

struct lt_rec_exit {
	struct lt_rec_head h;
	struct lt_tp_common c;
	__s64 id;
	__s64 ret;
	__u64 cpu_ns;		/* -c: the CPU time the task spent in the call,
				 * LT_CPU_UNKNOWN without -c or its entry */
};

/* A syscall that never sleeps and copies nothing (getppid, brk, mmap):
 * its entry waits in task storage and goes out with its exit, one record
 * instead of two. h.ts is the exit's time. */
struct lt_rec_call {
	struct lt_rec_head h;
	__s64 id;
	__u64 args[6];
	__s64 ret;
	__u64 ts_enter;
	__u64 ip;		/* -i: the user instruction pointer, else 0 */
	__u64 cpu_ns;		/* -c: as lt_rec_exit's */
};

struct lt_rec_lost {
	struct lt_rec_head h;
	__u64 count;
};

struct lt_rec_task {
	struct lt_rec_head h;
	__u32 ppid, ptid;	/* LT_REC_FORK: the creator; LT_REC_EXEC: ptid is
				 * the thread's id before the execve (another
				 * than h.tid when not the leader's); LT_REC_EXIT:
				 * ptid is the thread whose execve killed it */
	__s32 status;		/* LT_REC_EXIT: the wait(2) status */
	char comm[LT_COMM_LEN];
};


struct lt_rec_signal {
	struct lt_rec_head h;
	__s32 sig;
	__u32 flags;		/* LT_SIG_OWN_CALL */
	__u8 info[LT_SIGINFO_SIZE];
};
#define LT_SIG_OWN_CALL	1	/* the task sent it to itself from inside a quick
				 * call, whose record comes after this one:
				 * strace shows it after the call */

/* USDT probes: how to fetch each argument, per attached probe (the BPF
 * cookie of its uprobe is the index into the usdt_specs map). */
#define LT_USDT_MAX_ARGS 12
#define LT_USDT_CONST	0
#define LT_USDT_REG	1
#define LT_USDT_MEM	2	/* off(%base[,%index[,scale]]) */
#define LT_USDT_RIP	3	/* memory at a fixed distance from the probe */
#define LT_USDT_BAD	4
#define LT_USDT_RIP_ADDR 5	/* an address at a fixed distance from the probe */
#define LT_USDT_MAX_PROBES 4096
#define LT_USDT_SLOTS 16	/* arrays sized so a masked index stays inside */

struct lt_usdt_arg {
	__u8 kind;
	__u8 size;
	__u8 is_signed;
	__u8 scale;		/* MEM with an index register: 1, 2, 4, 8; else 0 */
	__u16 reg;		/* byte offset in struct pt_regs */
	__u16 idx_reg;		/* the index register's offset, when scale */
	__s64 val;
};

/* The strings of one hit together: each string argument gets up to -s + 1
 * characters and its NUL (so that "longer than -s" shows), in argument
 * order, until this many bytes are used; later ones are cut or empty. */
#define LT_USDT_STR_AREA 4096

struct lt_usdt_spec {
	__u32 nargs;
	__u16 str_mask;		/* bit i: copy argument i's string at the hit */
	__u16 pad;
	struct lt_usdt_arg args[LT_USDT_SLOTS];
};

/* A hit: the fixed part, then the strings of the arguments in str_mask,
 * str_len[i] bytes each (with the NUL), back to back; h.size ends them. */
struct lt_rec_usdt {
	struct lt_rec_head h;
	__u32 probe;		/* index of the attached probe */
	__u16 nargs;
	__u16 failed;		/* bit i: argument i could not be read */
	__u64 val[LT_USDT_SLOTS];
	__s16 str_len[LT_USDT_SLOTS];	/* > 0: bytes copied with the NUL;
					 * 0: none; < 0: -errno of the copy */
};

#endif
