/* Numbers behind pointers, as strace's printnum_* prints them: the value
 * in brackets, "[4294967295]", "[0x7f12345678]" (render.c has the int's,
 * "[1]"). */
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

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

/* kcmp's KCMP_EPOLL_TFD slot: struct kcmp_epoll_slot, three __u32 */
bool render_kcmp_epoll_slot(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint32_t v[3];

	(void)x;
	if (len < sizeof(v))
		return false;
	memcpy(v, p, sizeof(v));
	xb_printf(b, "{efd=%d, tfd=%d, toff=%u}", (int32_t)v[0], (int32_t)v[1], v[2]);
	return true;
}
