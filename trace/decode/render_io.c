/* How I/O arrays print: iovecs, pollfds, epoll events, select's fd sets. */
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

/* An iovec array of vlen vectors: each buffer's bytes as a string, cut at
 * -s; what the call read (out) only as far as its result. */
bool render_iovecs(const struct rctx *x, const uint8_t *p, size_t len, bool out, uint64_t vlen,
		   struct xbuf *b)
{
	uint64_t left = out ? (uint64_t)x->c->ret : UINT64_MAX;
	struct lt_iov h;
	size_t pos = sizeof(h);
	unsigned k;

	if (len < sizeof(h))
		return false;
	memcpy(&h, p, sizeof(h));
	if (h.n > LT_IOV_MAX)
		return false;
	xb_char(b, '[');
	for (k = 0; k < h.n && render_array_elem(b, k, x); k++) {
		uint64_t avail = h.iov[k][1] < left ? h.iov[k][1] : left;

		left -= avail;
		xb_str(b, "{iov_base=");
		if (h.got[k] < 0 || pos + (size_t)h.got[k] > len) {
			xb_hex(b, h.iov[k][0]);
			if (render_call_ok(x->c))
				xb_str(b, " /* unreadable */");
		} else if (x->netlink) {
			render_netlink(b, x, x->netlink - 1, h.iov[k][0], p + pos, (size_t)h.got[k],
				       avail);
			pos += (size_t)h.got[k];
		} else {
			/* -e read=/write= copy more than -s shows */
			size_t shown = (size_t)h.got[k] < x->strsize ? (size_t)h.got[k] : x->strsize;

			render_quote(b, p + pos, shown, avail > shown);
			pos += (size_t)h.got[k];
		}
		xb_str(b, ", iov_len=");
		xb_u64(b, h.iov[k][1]);
		xb_char(b, '}');
	}
	if (vlen > k && k == h.n && k < x->strsize)
		xb_str(b, k ? ", ..." : "...");
	xb_char(b, ']');
	return true;
}

/* readv's and writev's vectors */
bool render_iov(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;

	return render_iovecs(x, p, len, r->cap == LT_CAP_IOV_OUT, render_arg(x, r->lenarg), b);
}

static void fmt_epoll_event(struct xbuf *b, const uint8_t *p)
{
	uint32_t events;
	uint64_t data;

	memcpy(&events, p, sizeof(events));
	memcpy(&data, p + sizeof(events), sizeof(data));
	xb_str(b, "{events=");
	xlat_flags(b, &xlat_epoll_events, events, "EPOLL???");
	xb_str(b, ", data={u32=");
	xb_u64(b, (uint32_t)data);
	xb_str(b, ", u64=");
	xb_u64(b, data);
	xb_str(b, "}}");
}

bool render_epoll(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;
	unsigned n = (unsigned)(len / EPOLL_EVENT_SIZE);

	if (r->cap != LT_CAP_ARR_OUT) {	/* epoll_ctl: one event */
		if (!n)
			return false;
		fmt_epoll_event(b, p);
		return true;
	}
	xb_char(b, '[');
	for (unsigned k = 0; k < n && render_array_elem(b, k, x); k++)
		fmt_epoll_event(b, p + k * EPOLL_EVENT_SIZE);
	if ((uint64_t)x->c->ret > n && n < x->strsize)
		xb_str(b, n ? ", ..." : "...");
	xb_char(b, ']');
	return true;
}

bool render_pollfd(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	unsigned n = (unsigned)(len / 8);
	const struct sc_arg *r = x->rule;

	xb_char(b, '[');
	for (unsigned k = 0; k < n && render_array_elem(b, k, x); k++) {
		uint16_t events, revents;
		int32_t fd;

		render_pollfd_at(p + 8 * k, &fd, &events, &revents);
		xb_str(b, "{fd=");
		xb_i64(b, fd);
		if (fd >= 0) {
			xb_str(b, ", events=");
			xlat_flags(b, &xlat_poll_events, events, "POLL???");
		}
		xb_char(b, '}');
	}
	if (render_arg(x, r->lenarg) > n && n < x->strsize)
		xb_str(b, n ? ", ..." : "...");
	xb_char(b, ']');
	return true;
}

/* The nfds of select and pselect6, as the kernel takes it: an int, none
 * when negative. */
static uint64_t select_nfds(const struct call *c)
{
	int n = (int)c->args[0];

	return n > 0 ? (uint64_t)n : 0;
}

/* An fd_set going in: the descriptors below nfds that are in it */
bool render_fdset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	/* none: strace reads nothing, and prints the pointer */
	if (!len || !select_nfds(x->c))
		return false;
	render_bits(b, p, len, select_nfds(x->c), false);
	return true;
}

void render_select_result(const struct call *c, struct dcall *d)
{
	static const char *const sets[] = { "in", "out", "except" };
	const struct sc_info *row = table_get(c->nr);
	const struct lt_cap *left;
	uint64_t nfds = select_nfds(c);
	int64_t ready = c->ret;
	const char *sep = "";
	struct xbuf b;

	if (!render_call_ok(c) || c->ret <= 0)
		return;
	dt_begin(d, &b);
	xb_i64(&b, c->ret);
	xb_str(&b, " (");
	for (int i = 0; i < 3 && ready > 0; i++) {
		const struct lt_cap *set = cap_usable(capture_find(c->cap_exit, i + 1));
		bool first = true;

		if (!c->args[i + 1] || !set)
			continue;
		for (uint64_t k = 0; k < nfds && k / 8 < set->len && ready > 0; k++) {
			if (!(capture_bytes(set)[k / 8] >> (k % 8) & 1))
				continue;
			if (first)
				xb_printf(&b, "%s%s [", sep, sets[i]);
			else
				xb_char(&b, ' ');
			xb_u64(&b, k);
			first = false;
			sep = ", ";
			ready--;
		}
		if (!first)
			xb_char(&b, ']');
	}
	if (c->args[4]) {
		struct rctx x = { .c = c, .d = d, .i = 4, .rule = &row->arg[4] };

		left = cap_usable(capture_find(c->cap_exit, 4));
		xb_printf(&b, "%sleft ", sep);
		if (!left || !row->arg[4].render(&x, capture_bytes(left), left->len, &b))
			xb_hex(&b, c->args[4]);
	}
	xb_char(&b, ')');
	dt_ret(d, &b);
}
