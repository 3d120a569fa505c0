/* table: the rows of table.def, compiled into one array indexed by syscall
 * number. This file gives the row vocabulary its meaning; table.def says,
 * per syscall, which words apply. */
#include "syscalls/table.h"

#include <asm/unistd.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/kcmp.h>
#include <linux/perf_event.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>

#include "bpf/capture.h"
#include "decode/internal.h"
#include "decode/render.h"
#include "syscalls/sysclass.h"
#include "xlat_gen.h"

/* strace's class letters */
#define TD	CL_DESC
#define TF	CL_FILE
#define TI	CL_IPC
#define TN	CL_NETWORK
#define TP	CL_PROCESS
#define TS	CL_SIGNAL
#define TM	CL_MEMORY
#define TST	(CL_STAT | CL_STAT_LIKE)
#define TLST	(CL_LSTAT | CL_STAT_LIKE)
#define TFST	(CL_FSTAT | CL_STAT_LIKE)
#define TSF	(CL_STATFS | CL_STATFS_LIKE)
#define TFSF	(CL_FSTATFS | CL_STATFS_LIKE)
#define TSFA	CL_STATFS_LIKE
#define TSTA	CL_STAT_LIKE
#define PU	CL_PURE
#define TC	CL_CREDS
#define TCL	CL_CLOCK

#define SYSCALL(sc, cls, args, ...) \
	[__NR_##sc] = { .name = #sc, .classes = (cls), args, __VA_ARGS__ },
#define ARGS(...)	.arg = { __VA_ARGS__ }
#define A(n, ...)	{ .name = #n, __VA_ARGS__ }

/* how an argument prints */
#define FD		.fmt = F_FD
#define DIRFD		.fmt = F_DIRFD
#define INT		.fmt = F_INT
#define I32		.fmt = F_I32
#define UINT		.fmt = F_UINT
#define U32		.fmt = F_U32
#define HEX		.fmt = F_HEX
#define X32		.fmt = F_X32
#define PTR		.fmt = F_PTR
#define MODE		.fmt = F_MODE
#define ID		.fmt = F_ID
#define SIG		.fmt = F_SIG
#define HIDE		.fmt = F_HIDE
#define FN(f)		.fmt = F_FN, .fn = f
#define FN32(f)		.fmt = F_FN, .cast = C_U32, .fn = f
/* a table, with the register as strace passes it: printxval and printflags
 * take an unsigned int, their 64 variants the whole register, printxval_d
 * an int */
#define FLAGS(t, d)	.fmt = F_FLAGS, .cast = C_U32, .x = &xlat_##t, .dflt = d
#define ENUM(t, d)	.fmt = F_ENUM, .cast = C_U32, .x = &xlat_##t, .dflt = d
#define FLAGS64(t, d)	.fmt = F_FLAGS, .x = &xlat_##t, .dflt = d
#define ENUM64(t, d)	.fmt = F_ENUM, .x = &xlat_##t, .dflt = d
#define ENUM_I(t, d)	.fmt = F_ENUM_D, .cast = C_I32, .x = &xlat_##t, .dflt = d

/* what the program copies (bpf/capture.h says when and how much) */
#define RET		LT_LEN_RET
#define ONE		LT_LEN_ONE
#define PATH		.cap = LT_CAP_PATH
#define STR		.cap = LT_CAP_STR
/* a string of which the kernel reads at most n bytes (strace's printstr_ex
 * with a length): "..." when those n hold no NUL */
#define STR_MAX(n)	.cap = LT_CAP_STR, .size = n
/* n bytes, a string or not as another argument says (fsconfig's value);
 * those to the end of the page when the rest cannot be read */
#define RAW_STR(n)	.cap = LT_CAP_MEM_IN, .size = n, .elem = 1
#define BUF_IN(len)	.cap = LT_CAP_BUF_IN, .lenarg = len
#define BUF_OUT		.cap = LT_CAP_BUF_OUT, .out = true
#define BUF_OUT_HEX	BUF_OUT, .render = render_hexbuf	/* bytes as \xNN */
#define STR_OUT		.cap = LT_CAP_STR_OUT, .out = true
#define ARGV		.cap = LT_CAP_ARGV
#define COUNT		.cap = LT_CAP_COUNT
#define IN(f, sz)	.cap = LT_CAP_MEM_IN, .render = render_##f, .size = sz
#define OUT(f, sz)	.out = true, .cap = LT_CAP_MEM_OUT, .render = render_##f, .size = sz
/* a sigset of the size in argument szarg: that many bytes, 8 at most, as
 * the kernel reads and writes them */
#define SIGSET_IN(szarg) \
	.cap = LT_CAP_ARR_IN, .render = render_sigset, .size = 8, .elem = 1, .lenarg = szarg
#define SIGSET_OUT(szarg) \
	.out = true, .cap = LT_CAP_ARR_OUT, .render = render_sigset, .size = 8, .elem = 1, \
	.lenarg = szarg
/* rt_sigpending's, which may be shorter */
#define SIGSET_PART_OUT(szarg) \
	.out = true, .cap = LT_CAP_ARR_OUT, .render = render_sigset_part, .size = 8, .elem = 1, \
	.lenarg = szarg
/* what the kernel writes only when the call fails (nanosleep's time left) */
#define ERR_OUT(f, sz)	.out = true, .cap = LT_CAP_MEM_ERR, .render = render_##f, .size = sz
#define DIRENTS(hdr)	.out = true, .cap = LT_CAP_DIRENTS, .render = render_dirents, .size = hdr
/* and the sz bytes behind the pointer at byte off of the struct, at entry
 * or at exit (one such per row) */
#define FOLLOW(off, sz)	.follow_off = off, .follow_size = sz
#define FOLLOW_OUT(off, sz) .follow_off = off, .follow_size = sz, .follow_exit = true
/* FOLLOW, the pointer at alt_off when argument 0 is alt_val */
#define FOLLOW_ALT(off, sz, alt_val, alt_off) \
	FOLLOW(off, sz), .follow_alt_val = alt_val, .follow_alt_off = alt_off
/* the bits of a bitmap of arg[len] bits (select's); NUMA node masks of
 * arg[len] - 1 bits, the first 32 longs (strace's -s 32 of them) */
#define BITS_INOUT(len, sz, f) \
	.cap = LT_CAP_ARR_INOUT, .lenarg = len, .size = sz, .elem = LT_ELEM_FDSET, \
	.render = render_##f
#define NODES_IN(len, f) \
	.cap = LT_CAP_ARR_IN, .lenarg = len, .size = 256, .elem = LT_ELEM_NODES, \
	.render = render_##f
#define NODES_OUT(len, f) \
	.out = true, .cap = LT_CAP_ARR_OUT, .lenarg = len, .size = 256, .elem = LT_ELEM_NODES, \
	.render = render_##f
#define ARR_IN(len, sz, el, f) \
	.cap = LT_CAP_ARR_IN, .lenarg = len, .size = sz, .elem = el, .render = render_##f
/* copy only when argument a is one of the values in mask (bits below 64) */
#define CAP_WHEN(a, mask) .cap_arg = a, .cap_when = mask
#define BIT(n)		(1ull << (n))
#define SIGINFO_IN(sigarg) \
	.cap = LT_CAP_MEM_IN, .render = render_siginfo, .size = LT_SIGINFO_SIZE, .lenarg = sigarg
#define ADDR_IN(len, sz, f)  .cap = LT_CAP_ADDR_IN, .lenarg = len, .size = sz, .render = render_##f
#define ADDR_OUT(len, sz, f) .out = true, .cap = LT_CAP_ADDR_OUT, .lenarg = len, .size = sz, .render = render_##f
/* a socket's buffer: netlink messages when the socket is a netlink one
 * (the row's descriptor is then SOCK: the program reads its protocol) */
#define SOCKBUF_IN(len)	BUF_IN(len), .render = render_sockbuf
#define SOCKBUF_OUT	BUF_OUT, .render = render_sockbuf
#define SOCK		.cap = LT_CAP_SOCK
/* read at entry, and at exit whatever the result: what the kernel wrote
 * back on failure too (perf_event_open's size on E2BIG) */
#define INOUT(f, sz)	.out = true, .cap = LT_CAP_MEM_INOUT, .render = render_##f, .size = sz
/* a socket option's value: the same, but what the page holds is read when
 * the length says more than it (an int at the end of a page) */
#define VAL_IN(len, sz, f)  ADDR_IN(len, sz, f), .elem = 1
#define VAL_OUT(len, sz, f) ADDR_OUT(len, sz, f), .elem = 1
#define ARR_OUT(len, sz, el, f) \
	.out = true, .cap = LT_CAP_ARR_OUT, .lenarg = len, .size = sz, .elem = el, .render = render_##f
#define ARR_INOUT(len, sz, el, f) \
	.cap = LT_CAP_ARR_INOUT, .lenarg = len, .size = sz, .elem = el, .render = render_##f
#define IOV_IN(len)	.cap = LT_CAP_IOV_IN, .lenarg = len, .render = render_iov
#define IOV_OUT(len)	.out = true, .cap = LT_CAP_IOV_OUT, .lenarg = len, .render = render_iov
#define MSG_IN		.cap = LT_CAP_MSG_IN, .render = render_msghdr
#define MSG_OUT		.out = true, .cap = LT_CAP_MSG_OUT, .render = render_msghdr

/* an output the program does not copy: strace still prints it, and what
 * follows, only once the call returned */
#define OUTPUT		.out = true
/* ioctl's argument: what the request says (decode/ioctl.c), printed
 * once the call returned, as strace prints it */
#define IOCTL		.out = true, .cap = LT_CAP_IOCTL, .render = render_ioctl
/* a string at entry, sz bytes at exit: the row's fix chooses (prctl) */
#define POLY(sz)	.cap = LT_CAP_POLY, .size = sz

/* ptrace's data, by request (decode/ptrace.c): a siginfo's bytes at entry
 * and at exit, those to the end of the page when the rest is unreadable (a
 * word at a page's end), and a regset behind an iovec's base at exit */
#define PTRACE_DATA \
	.cap = LT_CAP_MEM_INOUT, .render = render_ptrace_data, .size = 128, .elem = 1, \
	FOLLOW_OUT(0, 216)

/* keyctl's arg3, by command (decode/keyctl.c): a string or payload at
 * entry, what the kernel wrote at exit; those of the page when the rest is
 * unreadable */
#define KEYCTL_BUF \
	.cap = LT_CAP_MEM_INOUT, .render = render_keyctl_buf, .size = 256, .elem = 1

/* io_uring_register's argument, by opcode (decode/render_uring.c): at entry
 * and again at exit (IOWQ_MAX_WORKERS' counts), FILES_UPDATE's fds behind
 * its struct */
#define URING_REG_ARG \
	.cap = LT_CAP_MEM_INOUT, .render = render_uring_register, .size = 512, .elem = 1, \
	FOLLOW(8, 128)

/* bpf's attr, by command (decode/render_bpf.c): at entry and again at exit
 * (the ids and lengths the kernel writes back), and what its first pointer
 * points at (PROG_LOAD's license is its third field) */
#define BPF_ATTR \
	.cap = LT_CAP_MEM_INOUT, .render = render_bpf_attr, .size = 256, .elem = 1, \
	FOLLOW_ALT(0, 255, BPF_PROG_LOAD, 16)

/* what a call does to descriptors, and whether what it makes is
 * close-on-exec: never, always, when bit is set in argument a, or out of
 * sight */
#define CX_NO		.cx = CX_NEVER, .flags = -1
#define CX_ALL		.cx = CX_ALWAYS, .flags = -1
#define CX_HIDDEN	.cx = CX_UNSEEN, .flags = -1
#define CX_IF(a, b)	.cx = CX_FLAG, .flags = a, .bit = b
#define FX_(kind, a, d, a2, d2, ...) \
	{ .fx = kind, .arg = a, .dir = d, .arg2 = a2, .dir2 = d2, __VA_ARGS__ }
#define FD_OPEN(a, d, ...)	FX_(FX_OPEN, a, d, -1, -1, __VA_ARGS__)
#define FD_NEW(...)		FX_(FX_NEWFD, -1, -1, -1, -1, __VA_ARGS__)
#define FD_MEMFD(a, ...)	FX_(FX_MEMFD, a, -1, -1, -1, __VA_ARGS__)
#define FD_PAIR(a, ...)		FX_(FX_PAIR, a, -1, -1, -1, __VA_ARGS__)
#define FD_DUP(a, ...)		FX_(FX_DUP, a, -1, -1, -1, __VA_ARGS__)
#define FD_FCNTL(a)		FX_(FX_FCNTL, a, -1, -1, -1, CX_NO)
#define FD_IOCTL(a)		FX_(FX_IOCTL, a, -1, -1, -1, CX_NO)
#define FD_CLOSE(a)		FX_(FX_CLOSE, a, -1, -1, -1, CX_NO)
#define FD_CLOSE_RANGE(a)	FX_(FX_CLOSE_RANGE, a, -1, -1, -1, CX_NO)
#define FD_CHDIR(a)		FX_(FX_CHDIR, a, -1, -1, -1, CX_NO)
#define FD_FCHDIR(a)		FX_(FX_FCHDIR, a, -1, -1, -1, CX_NO)
#define FD_EXEC			FX_(FX_EXEC, -1, -1, -1, -1, CX_NO)
#define FD_UNLINK(a, d)		FX_(FX_UNLINK, a, d, -1, -1, CX_NO)
#define FD_RENAME(a, d, a2, d2)	FX_(FX_RENAME, a, d, a2, d2, CX_NO)


static const struct sc_info rows[] = {
#include "syscalls/table.def"
};

#define NROWS ((int)(sizeof(rows) / sizeof(rows[0])))

const struct sc_info *table_get(int nr)
{
	static const struct sc_info none;

	if (nr < 0 || nr >= NROWS)
		return &none;
	return &rows[nr];
}

int table_size(void)
{
	return NROWS;
}

int table_nargs(const struct sc_info *s)
{
	int n = 0;

	for (int i = 0; i < SC_MAX_ARGS; i++)
		if (s->arg[i].name)
			n = i + 1;
	return n;
}

int table_first_out(const struct sc_info *s)
{
	int n = table_nargs(s);

	for (int i = 0; i < n; i++)
		if (s->arg[i].out)
			return i;
	return n;
}
