/* capture: what the BPF program copies from the traced process at a
 * syscall, and how: the per-syscall plan it is given (struct lt_plan,
 * built from the syscall table) and the captures it appends to a record
 * (struct lt_cap and its bytes), which the decoders read. Shared by the
 * BPF side and user space. */
#ifndef LOTRACE_BPF_CAPTURE_H
#define LOTRACE_BPF_CAPTURE_H

#ifndef __VMLINUX_H__	/* the BPF side gets the types from vmlinux.h */
#include <linux/types.h>
#endif

#define LT_MAX_NR 1024

/* What to copy for one syscall argument (struct lt_plan, per syscall). */
#define LT_CAP_NONE	0
#define LT_CAP_PATH	1	/* NUL-terminated, up to LT_PATH_MAX, at entry */
#define LT_CAP_STR	2	/* NUL-terminated, strsize + 1 bytes at most (or
				 * size, what the kernel reads, when smaller),
				 * at entry; one that fills them keeps its last
				 * byte (LT_CAPF_MORE): one more than -s shows
				 * a cut */
#define LT_CAP_BUF_IN	3	/* min(arg[lenarg], strsize) bytes, at entry */
#define LT_CAP_BUF_OUT	4	/* min(return value, strsize) bytes, at exit */
#define LT_CAP_MEM_IN	5	/* size bytes, at entry */
#define LT_CAP_MEM_OUT	6	/* size bytes, at exit when it succeeded */
#define LT_CAP_ADDR_IN	7	/* min(arg[lenarg], size) bytes, at entry; with
				 * elem set, those up to the end of the page when
				 * the rest cannot be read (a socket option's int
				 * at a page's end, whatever the length says) */
#define LT_CAP_ARGV	8	/* a NULL-terminated string array, at entry */
#define LT_CAP_COUNT	9	/* the number of entries of a string array, a
				 * __u32, then 1 when one could not be read */
#define LT_CAP_STR_OUT	10	/* min(return value, LT_PATH_MAX), at exit */
/* Arrays of fixed-size elements (a struct is an array of one): min(n *
 * elem, size) bytes, n being the argument lenarg, the return value
 * (LT_LEN_RET) or 1 (LT_LEN_ONE). */
#define LT_CAP_ARR_IN	11	/* at entry */
#define LT_CAP_ARR_OUT	12	/* at exit when it succeeded */
#define LT_CAP_ARR_INOUT 13	/* both: poll's revents, ppoll's time left */
#define LT_CAP_ADDR_OUT	14	/* at exit when it succeeded, min(*(int *)arg[lenarg],
				 * size, the room *arg[lenarg] gave at entry):
				 * what the kernel wrote, never more */
#define LT_CAP_IOV_IN	15	/* struct lt_iov and the buffers, at entry */
#define LT_CAP_IOV_OUT	16	/* the same at exit, buffers only when it succeeded,
				 * their bytes limited by the return value */

#define LT_CAP_MSG_IN	17	/* struct lt_msg: sendmsg's header, name, iovecs */
#define LT_CAP_MSG_OUT	18	/* recvmsg's: the header at entry (for the name
				 * length that went in), all at exit when it
				 * succeeded, the buffers limited by the result */
#define LT_CAP_MEM_ERR	19	/* size bytes at exit when it failed: the time
				 * left that nanosleep writes when interrupted */
#define LT_CAP_SIGFRAME	20	/* at entry, the signal mask of the frame
				 * rt_sigreturn restores: 8 bytes at the user
				 * stack pointer + LT_SIGFRAME_MASK (arch.h) */
#define LT_CAP_DIRENTS	21	/* at exit when it returned bytes: struct
				 * lt_dirents, the entries the kernel wrote */
#define LT_CAP_FOLLOW	22	/* the bytes behind a pointer inside an
				 * argument's struct (lt_plan's follow_*) */

/* ARR_* elements that are bits: n bits in longs, as select's fd_set and
 * the kernel's get_nodes read them (n - 1 bits for a node mask). */
#define LT_ELEM_FDSET	255
#define LT_ELEM_NODES	254

/* An argument whose meaning another one gives (prctl's arg2 is a name, an
 * int the kernel writes, or a number, by option): a string at entry (at
 * most strsize + 1 bytes, or size) and, when the call succeeded, size
 * bytes at exit, or those up to the end of the page when the rest cannot
 * be read (an int at a page's end); the row's fix decides which prints. */
#define LT_CAP_POLY	23

/* ioctl(2)'s argument, by request: what the ioctl_args map says (else
 * _IOC_SIZE bytes and direction of the code), at entry when the kernel
 * reads them (_IOC_WRITE, LT_IOC_IN), at exit when it wrote them and the
 * call succeeded (_IOC_READ, LT_IOC_OUT). */
#define LT_CAP_IOCTL	24
#define LT_IOC_IN	1	/* the kernel's _IOC_WRITE */
#define LT_IOC_OUT	2	/* the kernel's _IOC_READ */
#define LT_IOCTL_ARGS	256	/* requests the ioctl_args map holds */

struct lt_ioctl_arg {
	__u32 code;
	__u16 size;
	__u8 dir;		/* LT_IOC_* */
	__u8 pad;
};

/* A socket's family and protocol, two __u16 (0 when the descriptor is no
 * socket), copied at entry from the kernel: a sendto, sendmsg, recvmsg or
 * recvfrom on a netlink socket carries netlink messages, and the program
 * then copies up to LT_NETLINK_MAX bytes of its buffers. */
#define LT_CAP_SOCK	25
/* size bytes at entry, and again at exit whatever the call returned (the
 * kernel writes perf_event_open's attr size back on E2BIG) */
#define LT_CAP_MEM_INOUT 26
#define LT_AF_NETLINK	16
#define LT_NETLINK_MAX	1024

#define LT_LEN_ONE	6
#define LT_LEN_RET	7

#define LT_PATH_MAX	4096
#define LT_DIRECT_BYTES	40	/* -s up to this: lt_plan.direct's records */
#define LT_STR_MAX	4095	/* the most bytes of a string or buffer the program
				 * copies: a larger -s prints what it copied */
#define LT_ARGV_STR_MAX	254	/* characters of one argv element */
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
/* An LT_CAP_FOLLOW capture is tagged with this argument number. */
#define LT_CAP_ARG_FOLLOW 7

struct lt_plan {
	__u8 kind[6];
	__u8 lenarg[6];		/* BUF_IN, ADDR_*, ARR_*, IOV_*: the argument
				 * holding the length or count, LT_LEN_* */
	__u16 size[6];		/* MEM_*, ADDR_*, ARR_*: bytes at most */
	__u8 elem[6];		/* ARR_*: bytes per element; ADDR_*: cut at the page */
	__u8 iov;		/* the IOV_* or MSG_* argument, 6 when none: found
				 * here, not by a loop the verifier walks */
	__u8 newfd;		/* LT_NEWFD_* */
	__u8 newfd_arg;
	/* captures only when argument cond_arg is below 64 and its bit is
	 * set in cond_mask (fcntl's lock commands); 6: always */
	__u8 cond_arg;
	/* one LT_CAP_FOLLOW per call: follow_size bytes behind the pointer
	 * at byte follow_off of the struct argument follow_arg points at
	 * (6: none), at entry or, follow_exit, at exit when it succeeded;
	 * at entry, those up to the end of the page when the rest cannot be
	 * read (a string at a page's end), and the pointer is at
	 * follow_alt_off instead (when not 0) when argument 0 is
	 * follow_alt_val (bpf's PROG_LOAD has its license where OBJ_PIN has
	 * its path) */
	__u8 follow_arg;
	__u8 follow_off;
	__u8 follow_size;
	__u8 follow_exit;
	__u8 follow_alt_val;
	__u8 follow_alt_off;
	__u8 argv;		/* the ARGV argument and the COUNT one, 6 when */
	__u8 count;		/* none: found as iov is */
	__u8 at_entry;		/* something to copy at entry, at exit: as */
	__u8 at_exit;		/* found by lt_plan_sides() */
	__u8 entry_n;		/* the arguments the entry walks (0..n-1, 6 */
	__u8 exit_n;		/* the FOLLOW), and those the exit walks */
	/* 2 when the plan copies only a plain buffer, BUF_IN or BUF_OUT, at
	 * argument 1, with its length at argument 2 (read, write, pread64,
	 * pwrite64): with -s at most LT_DIRECT_BYTES, its record is written
	 * straight into the ring; 0 otherwise */
	__u8 direct;
	__u8 pad;
	__u64 cond_mask;
};

/* Which kinds copy at exit (the others at entry; some at both). */
static inline int lt_cap_at_exit(__u8 k)
{
	return k == LT_CAP_BUF_OUT || k == LT_CAP_MEM_OUT || k == LT_CAP_STR_OUT ||
	       k == LT_CAP_ARR_OUT || k == LT_CAP_ARR_INOUT || k == LT_CAP_ADDR_OUT ||
	       k == LT_CAP_IOV_OUT || k == LT_CAP_MSG_OUT || k == LT_CAP_MEM_ERR ||
	       k == LT_CAP_DIRENTS || k == LT_CAP_POLY || k == LT_CAP_IOCTL ||
	       k == LT_CAP_MEM_INOUT;
}

static inline int lt_cap_at_entry(__u8 k)
{
	return k && (!lt_cap_at_exit(k) || k == LT_CAP_ARR_INOUT || k == LT_CAP_MSG_OUT ||
		     k == LT_CAP_POLY || k == LT_CAP_IOCTL || k == LT_CAP_MEM_INOUT);
}

/* lt_plan's direct: 2 (argument 1, 1-based) when argument 1 is a plain
 * buffer whose length argument 2 says, and the plan has nothing else (no
 * FOLLOW, iovecs, string arrays, descriptors or condition); 0 otherwise.
 * One shape only, so that the programs read two registers by name: a
 * register chosen at run time cost the exit program's verification
 * twice its instructions. */
#define LT_DIRECT_ARG	1
static inline __u8 lt_plan_direct(const struct lt_plan *plan)
{
	const int at = LT_DIRECT_ARG;

	for (int i = 0; i < 6; i++)
		if (plan->kind[i] && i != at)
			return 0;
	if (plan->elem[at] || plan->follow_arg < 6 || plan->newfd || plan->iov < 6 ||
	    plan->argv < 6 || plan->count < 6 || plan->cond_arg < 6)
		return 0;
	if (plan->kind[at] == LT_CAP_BUF_OUT ||
	    (plan->kind[at] == LT_CAP_BUF_IN && plan->lenarg[at] == at + 1))
		return at + 1;
	return 0;
}

/* Set at_entry and at_exit from the rest of the plan: lotrace does, once
 * per syscall, rather than the programs at every call. */
static inline void lt_plan_sides(struct lt_plan *plan)
{
	plan->at_entry = 0;
	plan->at_exit = plan->newfd || (plan->follow_arg < 6 && plan->follow_exit);
	plan->entry_n = plan->follow_arg < 6 && !plan->follow_exit ? 7 : 0;
	/* the exit makes entry copies that faulted again: any kind */
	plan->exit_n = plan->follow_arg < 6 ? 7 : 0;
	for (int i = 0; i < 6; i++) {
		plan->at_entry |= lt_cap_at_entry(plan->kind[i]);
		plan->at_exit |= lt_cap_at_exit(plan->kind[i]) != 0;
		if (lt_cap_at_entry(plan->kind[i]) && plan->entry_n < i + 1)
			plan->entry_n = (__u8)(i + 1);
		if (plan->kind[i] && plan->exit_n < i + 1)
			plan->exit_n = (__u8)(i + 1);
	}
	plan->direct = lt_plan_direct(plan);
}

/* An LT_CAP_DIRENTS capture: the directory entries in the bytes the call
 * returned, and whether bytes were left that held no whole entry header. */
struct lt_dirents {
	__u32 count;
	__u32 rest;
};
#define LT_DIRENTS_MAX	8192	/* records walked at most */

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
 * failed) and control_got of its control messages in fixed areas, then a
 * whole IOV_* capture (struct lt_cap, struct lt_iov, the buffers) of its
 * iovecs. */
#define LT_MSG_NAME_MAX	128
#define LT_MSG_CONTROL_MAX 256	/* SCM_RIGHTS with 58 descriptors */
#define LT_MSGHDR_SIZE	56	/* struct user_msghdr on x86-64: lt_msg's start */
struct lt_msg {
	__u64 name;
	__u32 namelen, pad1;
	__u64 iov, iovlen, control, controllen;
	__u32 flags, pad2;
	__s32 name_got;
	__s32 control_got;
	__u8 name_bytes[LT_MSG_NAME_MAX];
	__u8 control_bytes[LT_MSG_CONTROL_MAX];
};

/* A captured argument inside a record, followed by len bytes and padding
 * to 8. A capture that could not be copied has LT_CAPF_FAULT and no data. */
#define LT_CAPF_FAULT	1
#define LT_CAPF_MORE	2	/* ARGV: elements beyond LT_ARGV_MAX; PATH, STR,
				 * POLY: the string filled the copy, whose last
				 * byte is then its own, not a NUL */
#define LT_CAPF_UNMAPPED 4	/* FAULT, and not in a readable mapping at all:
				 * no tracer could have read it */

struct lt_cap {
	__u8 arg;
	__u8 kind;
	__u8 flags;
	__u8 at_exit;		/* copied at sys_exit (retried or output) */
	__u32 len;
};
#define LT_SIGINFO_SIZE 48	/* signo, errno, code and the union's start */

/* -k: the user stack at a syscall's entry or a USDT hit, appended to its
 * record as the capture of argument LT_CAP_ARG_STACK: struct lt_stack,
 * then the bytes copied from its sp up. Copied in chunks that end on
 * LT_STACK_CHUNK boundaries (the first is what is left to one), so a
 * chunk that faults is wholly past the readable stack and the copy ends
 * there. lotrace's unwind stage replaces it with an LT_CAP_FRAMES
 * capture: strace -k's lines as text, which the sinks print. */
#define LT_CAP_STACK	33
#define LT_CAP_FRAMES	34
#define LT_CAP_ARG_STACK 8
#define LT_STACK_BYTES	16384	/* at least: the copy ends on a chunk boundary */
#define LT_STACK_CHUNK	4096	/* a page: what faults as a whole; 8x fewer
				 * helper calls than 512-byte chunks */

/* The x86-64 registers the CFI of ordinary code refers to, in the order
 * of trace/stack's struct stack_regs. */
struct lt_stack {
	__u64 ip, sp, bp, bx, r12, r13, r14, r15;
};

#endif
