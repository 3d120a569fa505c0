/* render: what the struct printers of the render_*.c files share, and
 * poll's result, which reads the captures after the call is decoded. */
#include "decode/render.h"

#include <string.h>

#include "decode/errtab.h"
#include "decode/internal.h"
#include "decode/quote.h"

bool render_call_ok(const struct call *c)
{
	return c->returned && !decode_is_error(c->ret);
}

bool render_restarted(const struct call *c)
{
	return c->returned && decode_is_error(c->ret) && errtab_restart((int)-c->ret);
}

void render_quote(struct xbuf *b, const uint8_t *s, size_t len, bool more)
{
	char text[4 * 4096 + 16];

	quote(text, sizeof(text), s, len, more, QUOTE_STRING, b->hex);
	xb_str(b, text);
}

/* The value of argument i, 0 when the call has none such. */
uint64_t render_arg(const struct rctx *x, int i)
{
	return i >= 0 && i < x->d->nargs ? x->c->args[i] : 0;
}

/* strace's arrays: elements up to -s of them, then "..." */
bool render_array_elem(struct xbuf *b, unsigned index, const struct rctx *x)
{
	if (index)
		xb_str(b, ", ");
	if (index < x->strsize)
		return true;
	xb_str(b, "...");
	return false;
}

/* struct pollfd: int fd; short events, revents */
void render_pollfd_at(const uint8_t *p, int32_t *fd, uint16_t *events, uint16_t *revents)
{
	memcpy(fd, p, 4);
	memcpy(events, p + 4, 2);
	memcpy(revents, p + 6, 2);
}

void render_poll_result(const struct call *c, struct dcall *d)
{
	const struct lt_cap *fds = cap_usable(capture_find(c->cap_exit, 0));
	const struct lt_cap *left = cap_usable(capture_find(c->cap_exit, 2));
	struct xbuf b;
	bool first = true;

	if (!fds || !render_call_ok(c) || c->ret <= 0)
		return;
	dt_begin(d, &b);
	xb_i64(&b, c->ret);
	xb_str(&b, " ([");
	for (uint32_t k = 0; k + 8 <= fds->len; k += 8) {
		uint16_t events, revents;
		int32_t fd;

		render_pollfd_at(capture_bytes(fds) + k, &fd, &events, &revents);
		if (!revents)
			continue;
		xb_str(&b, first ? "{fd=" : ", {fd=");
		xb_i64(&b, fd);
		xb_str(&b, ", revents=");
		xlat_flags(&b, &xlat_poll_events, revents, "POLL???");
		xb_char(&b, '}');
		first = false;
	}
	xb_char(&b, ']');
	if (!strcmp(d->name, "ppoll") && c->args[2] && left) {
		struct rctx x = { .c = c, .d = d, .i = 2 };

		xb_str(&b, ", left ");
		render_timespec(&x, capture_bytes(left), left->len, &b);
	}
	xb_char(&b, ')');
	dt_ret(d, &b);
}

void render_bits(struct xbuf *b, const uint8_t *p, size_t len, uint64_t nbits, bool more)
{
	bool first = true;

	xb_char(b, '[');
	for (uint64_t k = 0; k < nbits && k / 8 < len; k++) {
		if (!(p[k / 8] >> (k % 8) & 1))
			continue;
		if (!first)
			xb_char(b, ' ');
		xb_u64(b, k);
		first = false;
	}
	if (more)
		xb_str(b, first ? "..." : " ...");
	xb_char(b, ']');
}

const struct lt_cap *render_follow(const struct call *c, bool at_exit)
{
	const struct lt_cap *cap = capture_find(at_exit ? c->cap_exit : c->cap_enter,
						LT_CAP_ARG_FOLLOW);

	return cap && cap->kind == LT_CAP_FOLLOW ? cap : NULL;
}

void render_quote_hex(struct xbuf *b, const uint8_t *p, size_t len, bool more)
{
	static const char digits[] = "0123456789abcdef";

	xb_char(b, '"');
	for (size_t k = 0; k < len; k++) {
		xb_str(b, "\\x");
		xb_char(b, digits[p[k] >> 4]);
		xb_char(b, digits[p[k] & 15]);
	}
	xb_char(b, '"');
	if (more)
		xb_str(b, "...");
}

bool render_hexbuf(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	render_quote_hex(b, p, len, (uint64_t)x->c->ret > len);
	return true;
}

bool render_struct_tail(const struct rctx *x, const uint8_t *p, size_t len, size_t known,
			size_t total, struct xbuf *b)
{
	size_t show;

	if (total <= known)
		return true;
	if (len < total)
		return false;
	for (size_t k = known; k < total; k++) {
		if (!p[k])
			continue;
		show = total - known < x->strsize ? total - known : x->strsize;
		xb_printf(b, ", /* bytes %zu..%zu */ ", known, total - 1);
		render_quote_hex(b, p + known, show, show < total - known);
		break;
	}
	return true;
}

