/* render: how each struct the BPF program copies prints, as strace prints
 * it (stat, sockaddr, sigaction, pollfd, iovec, msghdr, ...), one file per
 * family (render_fs.c, render_net.c, ...), for capture.c, which finds the
 * captures of a call and calls its argument's renderer. */
#ifndef LOTRACE_DECODE_RENDER_H
#define LOTRACE_DECODE_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/capture.h"
#include "decode/decode.h"
#include "pipeline/pair.h"
#include "decode/xlat.h"
#include "syscalls/table.h"

/* struct epoll_event is packed on x86-64: 4 bytes of events, 8 of data */
#define EPOLL_EVENT_SIZE 12

/* What a struct renderer sees: the argument, its captures at entry and at
 * exit (NULL when absent or unreadable), and the call. */
struct rctx {
	const struct call *c;
	struct dcall *d;
	int i;
	const struct lt_cap *in, *out;
	unsigned strsize;
	const struct sc_arg *rule;	/* the argument's row in the table */
	int netlink;		/* msghdr's iovecs: netlink messages of protocol
				 * netlink - 1; 0: bytes */
};


/* A capture that holds bytes, or NULL. */
static inline const struct lt_cap *cap_usable(const struct lt_cap *cap)
{
	return cap && !(cap->flags & LT_CAPF_FAULT) ? cap : NULL;
}

/* Each prints len bytes of x's argument into b, as strace prints them;
 * false when they cannot say it (too short, or nothing strace would
 * show). A row of the syscall table names one as its argument's .render,
 * and the render_*.c file of its family holds it. */
bool render_timespec(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_rlimit(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_stat(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_int_pair(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_sockaddr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_sockaddr_out(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_socklen(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_msghdr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_iov(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_epoll(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_pollfd(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_wstatus(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_sigset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_sigaction(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_siginfo(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_sigset_part(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_rusage(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_child_rusage(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* an int the kernel writes: "[42]" (timer_create's id) */
bool render_int(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* file */
bool render_statx(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_statfs(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_dirents(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_flock(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_open_how(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* time */
bool render_timeval(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_timezone(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_itimerval(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_itimerspec(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_timespec_left(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_clock_left(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_tms(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* process */
bool render_uname(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_sysinfo(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_cpuset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_nodemask(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_mpol_mode(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_clone_args(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* getrandom's buffer: strace's QUOTE_FORCE_HEX, "\x8f\x57..." */
bool render_hexbuf(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* I/O */
bool render_fdset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_sigmask_pair(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* sockopt.c: get/setsockopt's value, getsockopt's length */
bool render_getsockopt(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_setsockopt(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_optlen(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* render_perf.c: perf_event_open's attr, strace's abbreviated head */
bool render_perf_attr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* render_landlock.c: landlock_create_ruleset's attr, add_rule's rule */
bool render_landlock_ruleset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_landlock_rule(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* render_uring.c: io_uring_setup's params, in and out */
bool render_uring_params(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* ioctl.c: ioctl's argument, by request */
bool render_ioctl(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* render_ipc.c: struct mq_attr, its flags named or in hex (mq_open) */
bool render_mq_attr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_mq_attr_hex(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
/* render_num.c: an unsigned int, an address in brackets; kcmp's epoll slot */
/* A number of size bytes (1 to 8) at p in brackets, as strace's
 * printnum_* prints it: "[1]", "[-1]", "[4294967295]"; false when len is
 * short. */
bool render_num(const uint8_t *p, size_t len, size_t size, bool is_signed, struct xbuf *b);
bool render_uint(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_addr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);
bool render_kcmp_epoll_slot(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);

/* render_netlink.c: len bytes of netlink messages of protocol at addr, got
 * of them copied at p; whether call c's socket is a netlink one (its
 * LT_CAP_SOCK capture), and its protocol; sendto's and recvfrom's buffer */
void render_netlink(struct xbuf *b, const struct rctx *x, int protocol, uint64_t addr,
		    const uint8_t *p, size_t got, uint64_t len);
bool capture_netlink(const struct call *c, int *protocol);
bool render_sockbuf(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b);

/* render_cmsg.c: a msghdr's control messages, got of its controllen
 * bytes copied at p; the address when they cannot be shown */
void render_cmsgs(const struct rctx *x, uint64_t control, uint64_t controllen, const uint8_t *p,
		  size_t got, struct xbuf *b);

/* poll and ppoll: what was ready, after the return value, as strace
 * prints it: "2 ([{fd=3, revents=POLLIN}, ...], left {tv_sec=0, ...})". */
void render_poll_result(const struct call *c, struct dcall *d);

/* select and pselect6: "1 (in [3], left {tv_sec=0, tv_usec=999})". */
void render_select_result(const struct call *c, struct dcall *d);

/* --- shared by the render_*.c files ------------------------------------ */

/* The call returned, and not an error. */
bool render_call_ok(const struct call *c);

/* The call was interrupted by a signal: it failed with ERESTARTSYS or
 * its kin, and wrote what it writes then (nanosleep's time left). */
bool render_restarted(const struct call *c);

/* strace's clock_t: "14 / * 0.14 s * /" (without the inner spaces). */
void render_clock_t(struct xbuf *b, uint64_t ticks);

/* strace's print_symbolic_mode_t: "S_IFDIR|0755". */
void render_file_mode(struct xbuf *b, unsigned mode);

/* The numbers of the bits set in len bytes at p, below nbits, as strace
 * prints a bitset: "[0 3 5]", "[0 3 ...]" when more. */
void render_bits(struct xbuf *b, const uint8_t *p, size_t len, uint64_t nbits, bool more);

/* strace's QUOTE_FORCE_HEX: "\x8f\x57", then ... when more */
void render_quote_hex(struct xbuf *b, const uint8_t *p, size_t len, bool more);

/* An extensible struct's bytes past the known ones (open_how, clone_args
 * of a newer size): nothing when they are all 0, else strace's
 * ", / * bytes 24..31 * / "\x80..."" (without the inner spaces); false
 * when fewer than total bytes were copied. */
bool render_struct_tail(const struct rctx *x, const uint8_t *p, size_t len, size_t known,
			size_t total, struct xbuf *b);

/* An LT_CAP_FOLLOW capture of the call (at exit or at entry), or NULL. */
const struct lt_cap *render_follow(const struct call *c, bool at_exit);

/* strace's quoting of len bytes into b, "..." after when more. */
void render_quote(struct xbuf *b, const uint8_t *s, size_t len, bool more);

/* An interface index, by name when this machine has one (render_net.c):
 * strace's print_ifindex, "if_nametoindex(\"lo\")" or the number. */
void render_ifindex(struct xbuf *b, unsigned int index);

/* The value of argument i of the call, 0 when it has none such. */
uint64_t render_arg(const struct rctx *x, int i);

/* strace's arrays: ", " before element index; false and "..." once -s
 * elements are out. */
bool render_array_elem(struct xbuf *b, unsigned index, const struct rctx *x);

/* The iovec capture of len bytes at p: vlen vectors, out when the buffers
 * are the kernel's output (readv's, recvmsg's). */
bool render_iovecs(const struct rctx *x, const uint8_t *p, size_t len, bool out, uint64_t vlen,
		   struct xbuf *b);

/* struct pollfd: int fd; short events, revents */
void render_pollfd_at(const uint8_t *p, int32_t *fd, uint16_t *events, uint16_t *revents);

#endif
