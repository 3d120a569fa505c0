/* How time and resource structs print: timespec, timeval, timezone,
 * interval timers, rlimit, rusage, tms, clock ticks. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "decode/internal.h"
#include "decode/render.h"

/* tv_nsec is unsigned to strace 6.1 too */
static void fmt_timespec(struct xbuf *b, const uint8_t *p)
{
	int64_t ts[2];

	memcpy(ts, p, sizeof(ts));
	xb_str(b, "{tv_sec=");
	xb_i64(b, ts[0]);
	xb_str(b, ", tv_nsec=");
	xb_u64(b, (uint64_t)ts[1]);
	xb_char(b, '}');
}

/* tv_usec is unsigned to strace */
static void fmt_timeval(struct xbuf *b, const uint8_t *p)
{
	int64_t tv[2];

	memcpy(tv, p, sizeof(tv));
	xb_str(b, "{tv_sec=");
	xb_i64(b, tv[0]);
	xb_str(b, ", tv_usec=");
	xb_u64(b, (uint64_t)tv[1]);
	xb_char(b, '}');
}

bool render_timespec(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	if (len < 16)
		return false;
	fmt_timespec(b, p);
	return true;
}

bool render_timeval(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	if (len < 16)
		return false;
	fmt_timeval(b, p);
	return true;
}

bool render_timezone(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct timezone tz;

	(void)x;
	if (len < sizeof(tz))
		return false;
	memcpy(&tz, p, sizeof(tz));
	xb_printf(b, "{tz_minuteswest=%d, tz_dsttime=%d}", tz.tz_minuteswest, tz.tz_dsttime);
	return true;
}

bool render_itimerval(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	if (len < 32)
		return false;
	xb_str(b, "{it_interval=");
	fmt_timeval(b, p);
	xb_str(b, ", it_value=");
	fmt_timeval(b, p + 16);
	xb_char(b, '}');
	return true;
}

bool render_itimerspec(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	if (len < 32)
		return false;
	xb_str(b, "{it_interval=");
	fmt_timespec(b, p);
	xb_str(b, ", it_value=");
	fmt_timespec(b, p + 16);
	xb_char(b, '}');
	return true;
}

/* nanosleep's time left: written only when a signal interrupted it */
bool render_timespec_left(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	if (!render_restarted(x->c))
		return false;
	return render_timespec(x, p, len, b);
}

/* clock_nanosleep's: the same, and never for an absolute time (flags) */
bool render_clock_left(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	if (render_arg(x, 1))
		return false;
	return render_timespec_left(x, p, len, b);
}

/* strace's print_clock_t: the ticks, and in seconds when there are any */
void render_clock_t(struct xbuf *b, uint64_t ticks)
{
	long hz = sysconf(_SC_CLK_TCK);
	unsigned width = 0;

	xb_u64(b, ticks);
	if (hz <= 0 || !ticks)
		return;
	for (long t = hz; t > 1; t /= 10)
		width++;
	xb_printf(b, " /* %llu.%0*llu s */", (unsigned long long)(ticks / (uint64_t)hz), width,
		  (unsigned long long)(ticks % (uint64_t)hz));
}

bool render_tms(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct tms t;

	(void)x;
	if (len < sizeof(t))
		return false;
	memcpy(&t, p, sizeof(t));
	xb_str(b, "{tms_utime=");
	render_clock_t(b, (uint64_t)t.tms_utime);
	xb_str(b, ", tms_stime=");
	render_clock_t(b, (uint64_t)t.tms_stime);
	xb_str(b, ", tms_cutime=");
	render_clock_t(b, (uint64_t)t.tms_cutime);
	xb_str(b, ", tms_cstime=");
	render_clock_t(b, (uint64_t)t.tms_cstime);
	xb_char(b, '}');
	return true;
}

/* strace's abbreviated rusage: the two times */
bool render_rusage(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	(void)x;
	if (len < sizeof(struct rusage))
		return false;
	xb_str(b, "{ru_utime=");
	fmt_timeval(b, p + offsetof(struct rusage, ru_utime));
	xb_str(b, ", ru_stime=");
	fmt_timeval(b, p + offsetof(struct rusage, ru_stime));
	xb_str(b, ", ...}");
	return true;
}

/* wait4's: only when it reaped a child */
bool render_child_rusage(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	if (x->c->ret <= 0)
		return false;
	return render_rusage(x, p, len, b);
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
