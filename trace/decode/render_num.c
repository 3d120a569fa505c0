/* Numbers behind pointers, as strace's printnum_* prints them: the value
 * in brackets, "[1]", "[4294967295]", "[0x7f12345678]"; and bytes strace
 * shows in hex (getrandom's). */
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

bool render_int(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int32_t v;

	(void)x;
	if (len < sizeof(v))
		return false;
	memcpy(&v, p, sizeof(v));
	xb_char(b, '[');
	xb_i64(b, v);
	xb_char(b, ']');
	return true;
}

bool render_uint(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint32_t v;

	(void)x;
	if (len < sizeof(v))
		return false;
	memcpy(&v, p, sizeof(v));
	xb_char(b, '[');
	xb_u64(b, v);
	xb_char(b, ']');
	return true;
}

bool render_addr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t v;

	(void)x;
	if (len < sizeof(v))
		return false;
	memcpy(&v, p, sizeof(v));
	xb_char(b, '[');
	if (v)
		xb_hex(b, v);
	else
		xb_str(b, "NULL");
	xb_char(b, ']');
	return true;
}

/* A buffer of random bytes: strace's QUOTE_FORCE_HEX, cut at -s, "..."
 * when the call gave more. */
bool render_hexbuf(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t size = x->rule->cap == LT_CAP_BUF_OUT ? (uint64_t)x->c->ret :
			render_arg(x, x->rule->lenarg);

	render_quote_hex(b, p, len, size > len);
	return true;
}
