/* POSIX message queues' struct mq_attr, as strace's printmqattr prints
 * it: mq_getsetattr names the flags, mq_open shows them in hex. */
#include <linux/mqueue.h>
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

static bool mq_attr(const uint8_t *p, size_t len, bool names, struct xbuf *b)
{
	struct mq_attr a;

	if (len < sizeof(a))
		return false;
	memcpy(&a, p, sizeof(a));
	xb_str(b, "{mq_flags=");
	if (names)
		xlat_flags(b, &xlat_mq_attr_flags, (uint64_t)a.mq_flags, "O_???");
	else
		xb_hex(b, (uint64_t)a.mq_flags);
	xb_str(b, ", mq_maxmsg=");
	xb_i64(b, a.mq_maxmsg);
	xb_str(b, ", mq_msgsize=");
	xb_i64(b, a.mq_msgsize);
	xb_str(b, ", mq_curmsgs=");
	xb_i64(b, a.mq_curmsgs);
	xb_char(b, '}');
	return true;
}

bool render_mq_attr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	return mq_attr(p, len, true, b);
}

bool render_mq_attr_hex(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	return mq_attr(p, len, false, b);
}
