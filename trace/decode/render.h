/* render: how each struct the BPF program copies prints, as strace prints
 * it (stat, sockaddr, sigaction, pollfd, iovec, msghdr, ...), for
 * capture.c, which finds the captures of a call and picks the format. */
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
