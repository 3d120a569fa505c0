/* Numbers behind pointers, as strace's printnum_* prints them: the value
 * in brackets, "[1]", "[4294967295]", "[0x7f12345678]". */
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

bool render_num(const uint8_t *p, size_t len, size_t size, bool is_signed, struct xbuf *b)
{
	uint64_t v = 0;

	if (len < size || !size || size > sizeof(v))
		return false;
	memcpy(&v, p, size);	/* little-endian: the low bytes */
	xb_char(b, '[');
	if (is_signed && size < sizeof(v) && v >> (size * 8 - 1))
		v |= ~0ull << (size * 8);	/* sign-extended */
	if (is_signed)
		xb_i64(b, (int64_t)v);
	else
		xb_u64(b, v);
	xb_char(b, ']');
	return true;
}

bool render_uint(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	return render_num(p, len, sizeof(uint32_t), false, b);
}

bool render_int(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	return render_num(p, len, sizeof(int32_t), true, b);
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
