/* capture_render: how each struct the BPF program copies prints, as strace
 * prints it (stat, sockaddr, sigaction, pollfd, iovec, msghdr, ...), for
 * capture.c, which finds the captures of a call and picks the format. */
#ifndef LOTRACE_CAPTURE_RENDER_H
#define LOTRACE_CAPTURE_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/capture.h"
#include "decode/decode.h"
#include "pipeline/pair.h"
#include "decode/xlat.h"

/* How a struct capture prints. */
enum cap_fmt {
	FMT_NONE,
	FMT_TIMESPEC,
	FMT_STAT,
	FMT_SOCKADDR,
	FMT_INT_PAIR,
	FMT_WSTATUS,
	FMT_SIGSET,
	FMT_SIGACTION,
	FMT_RLIMIT,
	FMT_EPOLL,
	FMT_POLLFD,
	FMT_SOCKADDR_OUT,
	FMT_SOCKLEN,
	FMT_IOV,
	FMT_SIGINFO,
	FMT_MSGHDR,
};

/* A cap_rule's lenarg that is no argument: the count is the return value,
 * or there is one element. */
#define LEN_RET "(return value)"
#define LEN_ONE "(one)"

/* struct epoll_event is packed on x86-64: 4 bytes of events, 8 of data */
#define EPOLL_EVENT_SIZE 12

/* What the program copies for a syscall argument, and how it prints:
 * capture.c's table, by syscall (NULL: any) and argument name as the
 * tracepoint format spells it. */
struct cap_rule {
	const char *syscall;
	const char *arg;
	uint8_t kind;
	const char *lenarg;	/* BUF_IN, ADDR_*, ARR_*, IOV_*: the argument with
				 * the length or count, LEN_RET, LEN_ONE */
	uint16_t size;		/* MEM_*, ADDR_*, ARR_*: bytes at most */
	uint8_t elem;		/* ARR_*: bytes per element */
	enum cap_fmt fmt;
};

/* What a struct renderer sees: the argument, its captures at entry and at
 * exit (NULL when absent or unreadable), and the call. */
struct rctx {
	const struct call *c;
	struct dcall *d;
	int i;
	const struct lt_cap *in, *out;
	unsigned strsize;
	const struct cap_rule *rule;	/* the argument's */
};


/* A capture that holds bytes, or NULL. */
static inline const struct lt_cap *cap_usable(const struct lt_cap *cap)
{
	return cap && !(cap->flags & LT_CAPF_FAULT) ? cap : NULL;
}

/* len bytes of x's argument as fmt prints them, into b; false when they
 * cannot say it (too short, or nothing strace would show). */
bool render_struct(const struct rctx *x, enum cap_fmt fmt, const uint8_t *bytes, size_t len,
		   struct xbuf *b);

/* poll and ppoll: what was ready, after the return value, as strace
 * prints it: "2 ([{fd=3, revents=POLLIN}, ...], left {tv_sec=0, ...})". */
void render_poll_result(const struct call *c, struct dcall *d);

#endif
