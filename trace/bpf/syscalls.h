/* The records the syscall BPF program writes into its ring buffer, shared
 * by the BPF side (syscalls.bpf.c) and the reader (bpfring.c). */
#ifndef LOTRACE_BPF_SYSCALLS_H
#define LOTRACE_BPF_SYSCALLS_H

#ifndef __VMLINUX_H__	/* the BPF side gets the types from vmlinux.h */
#include <linux/types.h>
#endif

/* Record kinds, the first field of every record. */
#define LT_REC_SYSCALL	1	/* followed by a tracepoint-layout payload */
#define LT_REC_FORK	2
#define LT_REC_EXIT	3
#define LT_REC_EXEC	4	/* comm after execve */
#define LT_REC_USDT	5	/* a USDT probe hit, struct lt_rec_usdt */
#define LT_REC_SIGNAL	6	/* a signal delivered, struct lt_rec_signal */
#define LT_REC_CALL	7	/* a quick syscall, entry and exit in one record */

/* Task states in the traced map. */
#define LT_TASK_ARMED	1	/* a started command: traced from its execve on */
#define LT_TASK_ACTIVE	2

#define LT_SYSSET_WORDS 16	/* 1024 syscall numbers */
#define LT_MAX_NR 1024

/* What to copy for one syscall argument (struct lt_plan, per syscall). */
#define LT_CAP_NONE	0
#define LT_CAP_PATH	1	/* NUL-terminated, up to LT_PATH_MAX, at entry */
#define LT_CAP_STR	2	/* NUL-terminated, up to strsize + 1, at entry */
#define LT_CAP_BUF_IN	3	/* min(arg[lenarg], strsize) bytes, at entry */
#define LT_CAP_BUF_OUT	4	/* min(return value, strsize) bytes, at exit */
#define LT_CAP_MEM_IN	5	/* size bytes, at entry */
#define LT_CAP_MEM_OUT	6	/* size bytes, at exit when it succeeded */
#define LT_CAP_ADDR_IN	7	/* min(arg[lenarg], size) bytes, at entry */
#define LT_CAP_ARGV	8	/* a NULL-terminated string array, at entry */
#define LT_CAP_COUNT	9	/* the number of entries of a string array */
#define LT_CAP_STR_OUT	10	/* min(return value, LT_PATH_MAX), at exit */
/* Arrays of fixed-size elements (a struct is an array of one): min(n *
 * elem, size) bytes, n being the argument lenarg, the return value
 * (LT_LEN_RET) or 1 (LT_LEN_ONE). */
#define LT_CAP_ARR_IN	11	/* at entry */
#define LT_CAP_ARR_OUT	12	/* at exit when it succeeded */
#define LT_CAP_ARR_INOUT 13	/* both: poll's revents, ppoll's time left */
#define LT_CAP_ADDR_OUT	14	/* min(*(int *)arg[lenarg], size), at exit when it succeeded */
#define LT_CAP_IOV_IN	15	/* struct lt_iov and the buffers, at entry */
#define LT_CAP_IOV_OUT	16	/* the same at exit, buffers only when it succeeded,
				 * their bytes limited by the return value */

#define LT_CAP_MSG_IN	17	/* struct lt_msg: sendmsg's header, name, iovecs */
#define LT_CAP_MSG_OUT	18	/* recvmsg's: the header at entry (for the name
				 * length that went in), all at exit when it
				 * succeeded, the buffers limited by the result */

#define LT_LEN_ONE	6
#define LT_LEN_RET	7

#define LT_PATH_MAX	4096
#define LT_STR_MAX	4095	/* the largest -s the program copies */
#define LT_ARGV_MAX	32	/* array elements copied */
#define LT_MEM_MAX	512
#define LT_COUNT_MAX	65536
#define LT_IOV_MAX	8	/* iovecs copied; strace's "..." for the rest */
#define LT_IOV_AREA	4096	/* bytes of all the iovecs' buffers together */

/* -y: the descriptors a call makes, whose inode numbers the program
 * copies at exit as one LT_CAP_INODES capture of two __u64 (0: none), for
 * argument LT_CAP_ARG_NEWFD: pipes and sockets are named by them. */
#define LT_NEWFD_NONE	0
#define LT_NEWFD_RET	1	/* the return value */
#define LT_NEWFD_PAIR	2	/* the int[2] at argument newfd_arg */
#define LT_CAP_INODES	32
#define LT_CAP_ARG_NEWFD 6

struct lt_plan {
	__u8 kind[6];
	__u8 lenarg[6];		/* BUF_IN, ADDR_*, ARR_*, IOV_*: the argument
				 * holding the length or count, LT_LEN_* */
	__u16 size[6];		/* MEM_*, ADDR_*, ARR_*: bytes at most */
	__u8 elem[6];		/* ARR_*: bytes per element */
	__u8 iov;		/* the IOV_* or MSG_* argument, 6 when none: found
				 * here, not by a loop the verifier walks */
	__u8 newfd;		/* LT_NEWFD_* */
	__u8 newfd_arg;
	__u8 pad[7];
};

/* An IOV_* capture: the first n iovecs as the process passed them, then
 * got[i] bytes of each buffer in turn (-1: its copy failed, or none was
 * made because the call failed). */
struct lt_iov {
	__u32 n;
	__u32 pad;
	__s32 got[LT_IOV_MAX];
	__u64 iov[LT_IOV_MAX][2];	/* iov_base, iov_len */
};

/* A MSG_* capture: the user_msghdr as the process passed it (at exit: as
 * the kernel left it), the first name_got bytes of its name (-1: none or
 * failed) in a fixed area, then a whole IOV_* capture (struct lt_cap,
 * struct lt_iov, the buffers) of its iovecs. */
#define LT_MSG_NAME_MAX	128
#define LT_MSGHDR_SIZE	56	/* struct user_msghdr on x86-64: lt_msg's start */
struct lt_msg {
	__u64 name;
	__u32 namelen, pad1;
	__u64 iov, iovlen, control, controllen;
	__u32 flags, pad2;
	__s32 name_got;
	__u32 pad3;
	__u8 name_bytes[LT_MSG_NAME_MAX];
};

/* A captured argument inside a record, followed by len bytes and padding
 * to 8. A capture that could not be copied has LT_CAPF_FAULT and no data. */
#define LT_CAPF_FAULT	1
#define LT_CAPF_MORE	2	/* ARGV: elements beyond LT_ARGV_MAX */

struct lt_cap {
	__u8 arg;
	__u8 kind;
	__u8 flags;
	__u8 at_exit;		/* copied at sys_exit (retried or output) */
	__u32 len;
};
/* -c alone: per syscall number, summed in the kernel, no records. */
struct lt_count {
	__u64 calls;
	__u64 errors;
	__u64 time_ns;		/* from entry to exit, when the entry was seen */
};

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

/* A syscall that never sleeps and copies nothing (getppid, brk, mmap):
 * its entry waits in task storage and goes out with its exit, one record
 * instead of two. h.ts is the exit's time. */
struct lt_rec_call {
	struct lt_rec_head h;
	__s64 id;
	__u64 args[6];
	__s64 ret;
	__u64 ts_enter;
};

struct lt_rec_task {
	struct lt_rec_head h;
	__u32 ppid, ptid;	/* LT_REC_FORK: the creator */
	__s32 status;		/* LT_REC_EXIT: the wait(2) status */
	char comm[LT_COMM_LEN];
};

#define LT_SIGINFO_SIZE 48	/* signo, errno, code and the union's start */

struct lt_rec_signal {
	struct lt_rec_head h;
	__s32 sig;
	__u32 pad;
	__u8 info[LT_SIGINFO_SIZE];
};

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
