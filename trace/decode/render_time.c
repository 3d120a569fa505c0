/* How time and resource structs print: timespec, rlimit. */
#include <stdio.h>
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

bool render_timespec(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int64_t ts[2];

	(void)x;
	if (len < sizeof(ts))
		return false;
	memcpy(ts, p, sizeof(ts));
	xb_str(b, "{tv_sec=");
	xb_i64(b, ts[0]);
	/* strace 6.1's print_timespec: tv_nsec as unsigned, so that a
	 * negative one shows as the huge number the kernel rejects */
	xb_str(b, ", tv_nsec=");
	xb_u64(b, (uint64_t)ts[1]);
	xb_char(b, '}');
	return true;
}

/* strace writes limits that are whole kibibytes (beyond one) as N*1024 */
static void fmt_rlim(struct xbuf *b, uint64_t v)
{
	if (v == UINT64_MAX) {
		xb_str(b, "RLIM64_INFINITY");
	} else if (v > 1024 && v % 1024 == 0) {
		xb_u64(b, v / 1024);
		xb_str(b, "*1024");
	} else {
		xb_u64(b, v);
	}
}

bool render_rlimit(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t rl[2];

	(void)x;
	if (len < sizeof(rl))
		return false;
	memcpy(rl, p, sizeof(rl));
	xb_str(b, "{rlim_cur=");
	fmt_rlim(b, rl[0]);
	xb_str(b, ", rlim_max=");
	fmt_rlim(b, rl[1]);
	xb_char(b, '}');
	return true;
}
