/* ioctl(2): the request's name (every one the installed kernel headers
 * define, from ioctl_gen.c), and its argument as strace prints it: none,
 * a number, an address, or what it points to, by a table of the requests
 * strace decodes (terminals, block devices, files, sockets and a few
 * more). A request the table does not know prints its argument in hex. */
#include "decode/ioctl.h"

#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/blkzoned.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/random.h>
#include <linux/rtc.h>
#include <linux/sockios.h>
#include <linux/inotify.h>
#include <linux/loop.h>
#include <linux/watchdog.h>
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"
#include "decode/render_ioctl.h"

enum io_how {
	IO_NONE,	/* no argument: strace prints none */
	IO_INT,		/* a number, as an int */
	IO_UINT,	/* a number, as an unsigned long */
	IO_XLAT,	/* a number the table x names */
	IO_FLAGS,	/* a number whose bits the table x names */
	IO_PTR,		/* an address strace does not follow */
	IO_MEM,		/* what it points to, the way dir says */
	IO_IFREQ_SET,	/* struct ifreq, as the process passed it */
	IO_IFREQ_GET,	/* struct ifreq, the name in, the field out */
	IO_INOUT,	/* what went in, and " => " what came out when it succeeded */
};

struct io_req {
	uint32_t code;
	uint8_t how;		/* enum io_how */
	uint8_t dir;		/* IO_MEM: LT_IOC_IN at entry, LT_IOC_OUT when it succeeded */
	uint16_t size;		/* requests older than _IOC: the bytes it points to */
	io_print_fn print;
	io_print2_fn print2;	/* IO_INOUT */
	const struct xlat *x;
	const char *dflt;
};

#define NONE(c)		{ .code = c, .how = IO_NONE }
#define INT(c)		{ .code = c, .how = IO_INT }
#define UINT(c)		{ .code = c, .how = IO_UINT }
#define XLAT(c, t, d)	{ .code = c, .how = IO_XLAT, .x = &xlat_##t, .dflt = d }
#define FLAGS(c, t, d)	{ .code = c, .how = IO_FLAGS, .x = &xlat_##t, .dflt = d }
#define ADDR(c)		{ .code = c, .how = IO_PTR }
/* what the kernel reads at entry, what it writes when it succeeded: sz
 * bytes (the size in a request's code is not always what it reads:
 * BLKBSZSET says size_t and reads an int) */
#define IN(c, sz, p)	{ .code = c, .how = IO_MEM, .dir = LT_IOC_IN, .size = sz, .print = p }
#define OUT(c, sz, p)	{ .code = c, .how = IO_MEM, .dir = LT_IOC_OUT, .size = sz, .print = p }
#define INOUT(c, sz, p)	{ .code = c, .how = IO_INOUT, .dir = LT_IOC_IN | LT_IOC_OUT, .size = sz, \
			  .print2 = p }
#define IFR_SET(c)	{ .code = c, .how = IO_IFREQ_SET, .dir = LT_IOC_IN, .size = 40 }
#define IFR_GET(c)	{ .code = c, .how = IO_IFREQ_GET, .dir = LT_IOC_IN | LT_IOC_OUT, .size = 40 }

/* the kernel's struct termios, termio, winsize (asm/termbits.h) */
#define TERMIOS	36
#define TERMIO	18
#define WINSIZE	8

static const struct io_req reqs[] = {
	/* terminals: strace's term_ioctl */
	OUT(TCGETS, TERMIOS, io_termios), IN(TCSETS, TERMIOS, io_termios),
	IN(TCSETSW, TERMIOS, io_termios), IN(TCSETSF, TERMIOS, io_termios),
	OUT(TIOCGLCKTRMIOS, TERMIOS, io_termios), IN(TIOCSLCKTRMIOS, TERMIOS, io_termios),
	OUT(TCGETS2, 44, io_termios2), IN(TCSETS2, 44, io_termios2),
	IN(TCSETSW2, 44, io_termios2), IN(TCSETSF2, 44, io_termios2),
	OUT(TCGETA, TERMIO, io_termio), IN(TCSETA, TERMIO, io_termio),
	IN(TCSETAW, TERMIO, io_termio), IN(TCSETAF, TERMIO, io_termio),
	OUT(TIOCGWINSZ, WINSIZE, io_winsize), IN(TIOCSWINSZ, WINSIZE, io_winsize),
	XLAT(TCXONC, tcxonc_options, "TC???"), XLAT(TCFLSH, tcflsh_options, "TC???"),
	INT(TCSBRK), INT(TCSBRKP), INT(TIOCSCTTY),
	OUT(TIOCMGET, 4, io_modem), IN(TIOCMBIS, 4, io_modem), IN(TIOCMBIC, 4, io_modem),
	IN(TIOCMSET, 4, io_modem),
	OUT(TIOCGPGRP, 4, io_int), OUT(TIOCGSID, 4, io_int), OUT(TIOCGETD, 4, io_int),
	OUT(TIOCGSOFTCAR, 4, io_int), OUT(TIOCGPTN, 4, io_int), OUT(FIONREAD, 4, io_int),
	OUT(TIOCOUTQ, 4, io_int), OUT(TIOCGEXCL, 4, io_int), OUT(TIOCGDEV, 4, io_int),
	IN(TIOCSPGRP, 4, io_int), IN(TIOCSETD, 4, io_int), IN(FIONBIO, 4, io_int),
	IN(FIOASYNC, 4, io_int), IN(TIOCPKT, 4, io_int), IN(TIOCSSOFTCAR, 4, io_int),
	IN(TIOCSPTLCK, 4, io_int), IN(TIOCSTI, 1, io_char),
	NONE(TIOCSBRK), NONE(TIOCCBRK), NONE(TIOCCONS), NONE(TIOCNOTTY), NONE(TIOCEXCL),
	NONE(TIOCNXCL), NONE(FIOCLEX), NONE(FIONCLEX), NONE(TIOCVHANGUP), NONE(TIOCSSERIAL),

	/* block devices: block_ioctl */
	UINT(BLKRASET), UINT(BLKFRASET),
	OUT(BLKSECTGET, 2, io_ushort), OUT(BLKROTATIONAL, 2, io_ushort),
	OUT(BLKROGET, 4, io_int), OUT(BLKBSZGET, 4, io_int), OUT(BLKSSZGET, 4, io_int),
	OUT(BLKALIGNOFF, 4, io_int), IN(BLKROSET, 4, io_int), IN(BLKBSZSET, 4, io_int),
	OUT(BLKPBSZGET, 4, io_uint), OUT(BLKIOMIN, 4, io_uint), OUT(BLKIOOPT, 4, io_uint),
	OUT(BLKDISCARDZEROES, 4, io_uint), OUT(BLKGETZONESZ, 4, io_uint),
	OUT(BLKGETNRZONES, 4, io_uint),
	OUT(BLKRAGET, 8, io_long), OUT(BLKFRAGET, 8, io_long), OUT(BLKGETSIZE, 8, io_u64),
	OUT(BLKGETSIZE64, 8, io_u64), OUT(BLKGETDISKSEQ, 8, io_u64),
	IN(BLKDISCARD, 16, io_u64_pair), IN(BLKSECDISCARD, 16, io_u64_pair),
	IN(BLKZEROOUT, 16, io_u64_pair),
	ADDR(BLKPG), ADDR(BLKTRACESETUP),
	NONE(BLKRRPART), NONE(BLKFLSBUF), NONE(BLKTRACESTART), NONE(BLKTRACESTOP),
	NONE(BLKTRACETEARDOWN),

	/* files: fs_f_ioctl, fs_x_ioctl */
	OUT(FS_IOC_GETFLAGS, 4, io_fs_flags), OUT(FS_IOC32_GETFLAGS, 4, io_fs_flags),
	IN(FS_IOC_SETFLAGS, 4, io_fs_flags), IN(FS_IOC32_SETFLAGS, 4, io_fs_flags),
	INOUT(FS_IOC_FIEMAP, 32, io_fiemap),
	IN(FITRIM, 24, io_fstrim_range), OUT(FS_IOC_FSGETXATTR, 28, io_fsxattr),
	IN(FS_IOC_FSSETXATTR, 28, io_fsxattr), NONE(FIFREEZE), NONE(FITHAW), INT(FICLONE),

	/* sockets: sock_ioctl */
	OUT(FIOGETOWN, 4, io_int), OUT(SIOCATMARK, 4, io_int), OUT(SIOCGIFENCAP, 4, io_int),
	OUT(SIOCGPGRP, 4, io_int), OUT(SIOCOUTQNSD, 4, io_int),
	IN(FIOSETOWN, 4, io_int), IN(SIOCSIFENCAP, 4, io_int), IN(SIOCSPGRP, 4, io_int),
	IN(SIOCBRADDBR, 16, io_ifname), IN(SIOCBRDELBR, 16, io_ifname),
	IN(SIOCBRADDIF, 40, io_ifindex), IN(SIOCBRDELIF, 40, io_ifindex), ADDR(SIOCGIFCONF),
	IFR_SET(SIOCADDMULTI), IFR_SET(SIOCDELMULTI), IFR_SET(SIOCSIFADDR),
	IFR_SET(SIOCSIFBRDADDR), IFR_SET(SIOCSIFDSTADDR), IFR_SET(SIOCSIFFLAGS),
	IFR_SET(SIOCSIFHWADDR), IFR_SET(SIOCSIFHWBROADCAST), IFR_SET(SIOCSIFMAP),
	IFR_SET(SIOCSIFMETRIC), IFR_SET(SIOCSIFMTU), IFR_SET(SIOCSIFNAME),
	IFR_SET(SIOCSIFNETMASK), IFR_SET(SIOCSIFSLAVE), IFR_SET(SIOCSIFTXQLEN),
	IFR_GET(SIOCGIFADDR), IFR_GET(SIOCGIFBRDADDR), IFR_GET(SIOCGIFDSTADDR),
	IFR_GET(SIOCGIFFLAGS), IFR_GET(SIOCGIFHWADDR), IFR_GET(SIOCGIFINDEX),
	IFR_GET(SIOCGIFMAP), IFR_GET(SIOCGIFMETRIC), IFR_GET(SIOCGIFMTU),
	IFR_GET(SIOCGIFNAME), IFR_GET(SIOCGIFNETMASK), IFR_GET(SIOCGIFSLAVE),
	IFR_GET(SIOCGIFTXQLEN),
	ADDR(SIOCADDDLCI), ADDR(SIOCADDRT), ADDR(SIOCBONDCHANGEACTIVE), ADDR(SIOCBONDENSLAVE),
	ADDR(SIOCBONDINFOQUERY), ADDR(SIOCBONDRELEASE), ADDR(SIOCBONDSETHWADDR),
	ADDR(SIOCBONDSLAVEINFOQUERY), ADDR(SIOCDARP), ADDR(SIOCDELDLCI), ADDR(SIOCDELRT),
	ADDR(SIOCDIFADDR), ADDR(SIOCDRARP), ADDR(SIOCETHTOOL), ADDR(SIOCGARP),
	ADDR(SIOCGHWTSTAMP), ADDR(SIOCGIFBR), ADDR(SIOCGIFCOUNT), ADDR(SIOCGIFMEM),
	ADDR(SIOCGIFPFLAGS), ADDR(SIOCGIFVLAN), ADDR(SIOCGMIIPHY), ADDR(SIOCGMIIREG),
	ADDR(SIOCGRARP), ADDR(SIOCGSKNS), ADDR(SIOCGSTAMP_OLD), ADDR(SIOCGSTAMPNS_OLD),
	ADDR(SIOCGSTAMP_NEW), ADDR(SIOCGSTAMPNS_NEW),
	ADDR(SIOCRTMSG), ADDR(SIOCSARP), ADDR(SIOCSHWTSTAMP), ADDR(SIOCSIFBR),
	ADDR(SIOCSIFLINK), ADDR(SIOCSIFMEM), ADDR(SIOCSIFPFLAGS), ADDR(SIOCSIFVLAN),
	ADDR(SIOCSMIIREG), ADDR(SIOCSRARP), ADDR(SIOCWANDEV),

	/* random: random_ioctl */
	OUT(RNDGETENTCNT, 4, io_int), IN(RNDADDTOENTCNT, 4, io_int), ADDR(RNDADDENTROPY),
	NONE(RNDZAPENTCNT), NONE(RNDCLEARPOOL), NONE(RNDRESEEDCRNG),

	/* real-time clocks: rtc_ioctl */
	OUT(RTC_RD_TIME, 36, io_rtc_time), OUT(RTC_ALM_READ, 36, io_rtc_time),
	IN(RTC_SET_TIME, 36, io_rtc_time), IN(RTC_ALM_SET, 36, io_rtc_time),
	UINT(RTC_IRQP_SET), UINT(RTC_EPOCH_SET),
	OUT(RTC_IRQP_READ, 8, io_u64), OUT(RTC_EPOCH_READ, 8, io_u64),
	NONE(RTC_AIE_ON), NONE(RTC_AIE_OFF), NONE(RTC_UIE_ON), NONE(RTC_UIE_OFF),
	NONE(RTC_PIE_ON), NONE(RTC_PIE_OFF), NONE(RTC_WIE_ON), NONE(RTC_WIE_OFF),
	NONE(RTC_VL_CLR),

	/* namespaces, inotify, loop devices, watchdogs */
	NONE(NS_GET_USERNS), NONE(NS_GET_PARENT), NONE(NS_GET_NSTYPE),
	OUT(NS_GET_OWNER_UID, 4, io_uint),
	INT(INOTIFY_IOC_SETNEXTWD),
	INT(LOOP_SET_FD), NONE(LOOP_CLR_FD), INT(LOOP_CHANGE_FD), UINT(LOOP_SET_CAPACITY),
	UINT(LOOP_SET_DIRECT_IO), UINT(LOOP_SET_BLOCK_SIZE), INT(LOOP_CTL_ADD),
	INT(LOOP_CTL_REMOVE), NONE(LOOP_CTL_GET_FREE),
	OUT(WDIOC_GETSTATUS, 4, io_int), OUT(WDIOC_GETBOOTSTATUS, 4, io_int),
	OUT(WDIOC_GETTEMP, 4, io_int), OUT(WDIOC_GETTIMEOUT, 4, io_int),
	OUT(WDIOC_GETPRETIMEOUT, 4, io_int), OUT(WDIOC_GETTIMELEFT, 4, io_int),
	IN(WDIOC_SETTIMEOUT, 4, io_int), IN(WDIOC_SETPRETIMEOUT, 4, io_int),
	NONE(WDIOC_KEEPALIVE),

	/* perf events: perf_ioctl */
	FLAGS(PERF_EVENT_IOC_ENABLE, perf_ioctl_flags, "PERF_IOC_FLAG_???"),
	FLAGS(PERF_EVENT_IOC_DISABLE, perf_ioctl_flags, "PERF_IOC_FLAG_???"),
	FLAGS(PERF_EVENT_IOC_RESET, perf_ioctl_flags, "PERF_IOC_FLAG_???"),
	INT(PERF_EVENT_IOC_REFRESH), IN(PERF_EVENT_IOC_PERIOD, 8, io_u64),
	INT(PERF_EVENT_IOC_SET_OUTPUT), OUT(PERF_EVENT_IOC_ID, 8, io_u64),
	INT(PERF_EVENT_IOC_SET_BPF), UINT(PERF_EVENT_IOC_PAUSE_OUTPUT),
};

static const struct io_req *io_find(uint32_t code)
{
	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++)
		if (reqs[i].code == code)
			return &reqs[i];
	return NULL;
}

size_t ioctl_old_args(const struct lt_ioctl_arg **out)
{
	static struct lt_ioctl_arg args[LT_IOCTL_ARGS];
	static size_t n;

	if (!n) {
		for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]) && n < LT_IOCTL_ARGS; i++)
			if (reqs[i].size)
				args[n++] = (struct lt_ioctl_arg){ .code = reqs[i].code,
								   .size = reqs[i].size,
								   .dir = reqs[i].dir };
	}
	*out = args;
	return n;
}

/* ioctl(2) request codes the headers do not name, as strace spells them. */
static void fmt_ioc(struct xbuf *b, unsigned int code)
{
	xb_str(b, "_IOC(");
	xlat_flags(b, &xlat_ioc_dirs, _IOC_DIR(code), "_IOC_???");
	xb_str(b, ", ");
	xb_hex(b, _IOC_TYPE(code));
	xb_str(b, ", ");
	xb_hex(b, _IOC_NR(code));
	xb_str(b, ", ");
	xb_hex(b, _IOC_SIZE(code));
	xb_char(b, ')');
}

void decode_ioctl_cmd(struct dcall *d, struct darg *a)
{
	unsigned int code = (unsigned int)a->value;
	size_t lo = 0, hi = ioctl_nents;
	struct xbuf b;

	a->value = code;
	dt_begin(d, &b);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ioctl_ents[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ioctl_nents || ioctl_ents[lo].code != code) {
		fmt_ioc(&b, code);
		dt_arg(d, a, &b);
		return;
	}
	/* every name of the number, as strace prints them */
	for (size_t i = lo; i < ioctl_nents && ioctl_ents[i].code == code; i++) {
		if (i > lo)
			xb_str(&b, " or ");
		xb_str(&b, ioctl_ents[i].name);
	}
	dt_arg(d, a, &b);
}

/* The third argument as the request says; what it points to is rendered
 * from the capture (render_ioctl), the rest here. */
void fix_ioctl(struct dcall *d, const struct call *c)
{
	struct darg *arg = darg_at(d, 2);
	const struct io_req *r;

	if (!arg)
		return;
	r = io_find((uint32_t)c->args[1]);
	arg->keep = true;
	if (!r) {
		decode_fmt(d, arg, F_HEX, NULL, NULL);
		return;
	}
	switch (r->how) {
	case IO_NONE:
		arg->hidden = true;
		break;
	case IO_INT:
		decode_fmt(d, arg, F_I32, NULL, NULL);
		break;
	case IO_UINT:
		decode_fmt(d, arg, F_UINT, NULL, NULL);
		break;
	case IO_XLAT:
		decode_fmt(d, arg, F_ENUM, r->x, r->dflt);
		break;
	case IO_FLAGS:
		arg->value = (uint32_t)arg->value;	/* strace's printflags */
		decode_fmt(d, arg, F_FLAGS, r->x, r->dflt);
		break;
	default:
		decode_fmt(d, arg, F_PTR, NULL, NULL);
		/* what it points to comes from the capture */
		arg->keep = r->how == IO_PTR;
		break;
	}
}

bool render_ioctl(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint32_t code = (uint32_t)x->c->args[1];
	const struct io_req *r = io_find(code);
	const struct lt_cap *out = render_call_ok(x->c) ? x->out : NULL;

	if (!r)
		return false;
	switch (r->how) {
	case IO_MEM:
		if (r->dir & LT_IOC_OUT)
			return out && r->print(capture_bytes(out), out->len, b);
		return r->print(p, len, b);
	case IO_IFREQ_SET:
		return io_ifreq_set(code, p, len, b);
	case IO_INOUT:
		return x->in && r->print2(capture_bytes(x->in), x->in->len,
					  out ? capture_bytes(out) : NULL, out ? out->len : 0, b);
	case IO_IFREQ_GET:
		if (!x->in)
			return false;
		return io_ifreq_get(code, capture_bytes(x->in), x->in->len,
				    out ? capture_bytes(out) : NULL, out ? out->len : 0, b);
	default:
		return false;
	}
}
