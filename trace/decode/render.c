#include "decode/render.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "decode/internal.h"
#include "decode/quote.h"
#include "decode/siginfo.h"
#include "decode/signames.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static void fmt_stat_mode(char *buf, size_t len, unsigned mode)
{
	static const struct {
		unsigned bits;
		const char *name;
	} types[] = {
		{ S_IFREG, "S_IFREG" }, { S_IFDIR, "S_IFDIR" }, { S_IFCHR, "S_IFCHR" },
		{ S_IFBLK, "S_IFBLK" }, { S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
		{ S_IFSOCK, "S_IFSOCK" },
	}, special[] = {
		{ S_ISUID, "S_ISUID" }, { S_ISGID, "S_ISGID" }, { S_ISVTX, "S_ISVTX" },
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < LEN(types); i++)
		if ((mode & S_IFMT) == types[i].bits)
			n += snprintf(buf + n, len - n, "%s|", types[i].name);
	for (size_t i = 0; i < LEN(special) && n < len; i++)
		if (mode & special[i].bits)
			n += snprintf(buf + n, len - n, "%s|", special[i].name);
	if (n < len)
		snprintf(buf + n, len - n, "%#03o", mode & 0777);
}


static bool call_ok(const struct call *c)
{
	return c->returned && !decode_is_error(c->ret);
}

static void xb_quote(struct xbuf *b, const uint8_t *s, size_t len, bool more)
{
	char text[4 * 4096 + 16];

	quote(text, sizeof(text), s, len, more, QUOTE_STRING);
	xb_str(b, text);
}

static bool r_timespec(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int64_t ts[2];

	(void)x;
	if (len < sizeof(ts))
		return false;
	memcpy(ts, p, sizeof(ts));
	xb_str(b, "{tv_sec=");
	xb_i64(b, ts[0]);
	xb_str(b, ", tv_nsec=");
	xb_i64(b, ts[1]);
	xb_char(b, '}');
	return true;
}

static bool r_stat(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct stat st;
	char mode[96], text[256];

	(void)x;
	if (len < sizeof(st))
		return false;
	memcpy(&st, p, sizeof(st));
	fmt_stat_mode(mode, sizeof(mode), st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		snprintf(text, sizeof(text), "{st_mode=%s, st_rdev=makedev(%#x, %#x), ...}", mode,
			 major(st.st_rdev), minor(st.st_rdev));
	else
		snprintf(text, sizeof(text), "{st_mode=%s, st_size=%lld, ...}", mode,
			 (long long)st.st_size);
	xb_str(b, text);
	return true;
}

static bool r_sockaddr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	char text[256], addr[INET6_ADDRSTRLEN];
	sa_family_t family;

	(void)x;
	if (len < sizeof(family)) {
		xb_str(b, "{}");
		return true;
	}
	memcpy(&family, p, sizeof(family));
	if (family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in;

		memcpy(&in, p, sizeof(in));
		inet_ntop(AF_INET, &in.sin_addr, addr, sizeof(addr));
		snprintf(text, sizeof(text),
			 "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}",
			 ntohs(in.sin_port), addr);
	} else if (family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 in6;

		memcpy(&in6, p, sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, addr, sizeof(addr));
		snprintf(text, sizeof(text),
			 "{sa_family=AF_INET6, sin6_port=htons(%u), sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, \"%s\", &sin6_addr), sin6_scope_id=%u}",
			 ntohs(in6.sin6_port), ntohl(in6.sin6_flowinfo), addr, in6.sin6_scope_id);
	} else if (family == AF_UNIX) {
		size_t plen = len - offsetof(struct sockaddr_un, sun_path);
		const char *path = (const char *)p + offsetof(struct sockaddr_un, sun_path);

		if (len <= offsetof(struct sockaddr_un, sun_path))
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX}");
		else if (path[0] == '\0')
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=@\"%.*s\"}",
				 (int)plen - 1, path + 1);
		else
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=\"%.*s\"}",
				 (int)strnlen(path, plen), path);
	} else if (family == AF_INET || family == AF_INET6) {
		/* shorter than the family's struct: strace shows the bytes */
		xb_str(b, "{sa_family=");
		xlat_enum(b, &xlat_address_families, family, NULL, XN_DEC);
		xb_str(b, ", sa_data=");
		xb_quote(b, p + sizeof(family), len - sizeof(family), false);
		xb_char(b, '}');
		return true;
	} else {
		snprintf(text, sizeof(text), "{sa_family=%u, ...}", family);
	}
	xb_str(b, text);
	return true;
}

static bool r_int_pair(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int fds[2];

	(void)x;
	if (len < sizeof(fds))
		return false;
	memcpy(fds, p, sizeof(fds));
	xb_char(b, '[');
	xb_i64(b, fds[0]);
	xb_str(b, ", ");
	xb_i64(b, fds[1]);
	xb_char(b, ']');
	return true;
}

static bool r_wstatus(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	char text[128], buf[16];
	int s;

	(void)x;
	if (len < sizeof(s))
		return false;
	memcpy(&s, p, sizeof(s));
	if (WIFEXITED(s))
		snprintf(text, sizeof(text), "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]",
			 WEXITSTATUS(s));
	else if (WIFSIGNALED(s))
		snprintf(text, sizeof(text), "[{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}]",
			 signame(WTERMSIG(s), buf, sizeof(buf)), WCOREDUMP(s) ? " && WCOREDUMP(s)" : "");
	else if (WIFSTOPPED(s))
		snprintf(text, sizeof(text), "[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]",
			 signame(WSTOPSIG(s), buf, sizeof(buf)));
	else
		snprintf(text, sizeof(text), "[%#x]", s);
	xb_str(b, text);
	return true;
}

/* strace's sigset: the names without "SIG" in signal order, or "~" and
 * the signals missing when at least two thirds of them are set. */
static void fmt_sigset(struct xbuf *b, uint64_t set)
{
	const int nsig = 64;
	bool first = true;
	char buf[16];

	if (__builtin_popcountll(set) >= nsig * 2 / 3) {
		xb_char(b, '~');
		set = ~set;
	}
	xb_char(b, '[');
	for (int sig = 1; sig <= nsig; sig++) {
		const char *name;

		if (!(set >> (sig - 1) & 1))
			continue;
		name = signame(sig, buf, sizeof(buf));
		if (!first)
			xb_char(b, ' ');
		xb_str(b, strncmp(name, "SIG", 3) ? name : name + 3);
		first = false;
	}
	xb_char(b, ']');
}

static uint64_t arg_value(const struct rctx *x, int i);

static bool r_sigset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t set;

	/* the kernel refuses other sizes, and strace prints the pointer */
	if (len < sizeof(set) || arg_value(x, x->rule->lenarg) != sizeof(set))
		return false;
	memcpy(&set, p, sizeof(set));
	fmt_sigset(b, set);
	return true;
}

/* The kernel's struct sigaction on x86-64: handler, flags, restorer, mask. */
static bool r_sigaction(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	static const struct xlat_entry handlers[] = {
		{ (uint64_t)(uintptr_t)SIG_DFL, "SIG_DFL" },
		{ (uint64_t)(uintptr_t)SIG_IGN, "SIG_IGN" },
		{ (uint64_t)(intptr_t)SIG_ERR, "SIG_ERR" },
	};
	uint64_t sa[4];
	const char *handler = NULL;

	(void)x;
	if (len < sizeof(sa))
		return false;
	memcpy(sa, p, sizeof(sa));
	for (size_t i = 0; i < LEN(handlers); i++)
		if (sa[0] == handlers[i].val)
			handler = handlers[i].name;
	xb_str(b, "{sa_handler=");
	if (handler)
		xb_str(b, handler);
	else
		xb_hex(b, sa[0]);
	xb_str(b, ", sa_mask=");
	fmt_sigset(b, sa[3]);
	xb_str(b, ", sa_flags=");
	xlat_flags(b, &xlat_sa_flags, sa[1], "SA_???");
	if (sa[1] & xlat_sa_flags.ent[0].val) {	/* SA_RESTORER */
		xb_str(b, ", sa_restorer=");
		xb_hex(b, sa[2]);
	}
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

static bool r_rlimit(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
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

/* The element count an array argument had: its length argument's value. */
/* The value of argument i, 0 when the call has none such. */
static uint64_t arg_value(const struct rctx *x, int i)
{
	return i >= 0 && i < x->d->nargs ? x->c->args[i] : 0;
}

/* strace's arrays: elements up to -s of them, then "..." */
static bool array_elem(struct xbuf *b, unsigned index, const struct rctx *x)
{
	if (index)
		xb_str(b, ", ");
	if (index < x->strsize)
		return true;
	xb_str(b, "...");
	return false;
}

static bool r_epoll(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
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
	for (unsigned k = 0; k < n && array_elem(b, k, x); k++)
		fmt_epoll_event(b, p + k * EPOLL_EVENT_SIZE);
	if ((uint64_t)x->c->ret > n && n < x->strsize)
		xb_str(b, n ? ", ..." : "...");
	xb_char(b, ']');
	return true;
}

/* struct pollfd: int fd; short events, revents */
static void pollfd_at(const uint8_t *p, int32_t *fd, uint16_t *events, uint16_t *revents)
{
	memcpy(fd, p, 4);
	memcpy(events, p + 4, 2);
	memcpy(revents, p + 6, 2);
}

static bool r_pollfd(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	unsigned n = (unsigned)(len / 8);
	const struct sc_arg *r = x->rule;

	xb_char(b, '[');
	for (unsigned k = 0; k < n && array_elem(b, k, x); k++) {
		uint16_t events, revents;
		int32_t fd;

		pollfd_at(p + 8 * k, &fd, &events, &revents);
		xb_str(b, "{fd=");
		xb_i64(b, fd);
		if (fd >= 0) {
			xb_str(b, ", events=");
			xlat_flags(b, &xlat_poll_events, events, "POLL???");
		}
		xb_char(b, '}');
	}
	if (arg_value(x, r->lenarg) > n && n < x->strsize)
		xb_str(b, n ? ", ..." : "...");
	xb_char(b, ']');
	return true;
}

/* accept's and getsockname's address: as long as the shorter of the
 * buffer and the address, nothing when the call failed or wrote none. */
static bool r_sockaddr_out(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;
	const struct lt_cap *in = NULL;
	uint32_t room;

	if (!call_ok(x->c) || !len)
		return false;
	if (r->lenarg < x->d->nargs)
		in = capture_find(x->c->cap_enter, r->lenarg);
	if (in && !(in->flags & LT_CAPF_FAULT) && in->len >= sizeof(room)) {
		memcpy(&room, capture_bytes(in), sizeof(room));
		if (room < len)
			len = room;
	}
	return r_sockaddr(x, p, len, b);
}

/* The socklen_t the kernel reads and writes back: [in => out], [out] when
 * the same, [in] when the call failed; a pointer when there is no address. */
static bool r_socklen(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint32_t in, out;

	/* the address is the argument before the length in all of them */
	if (!x->c->args[x->i - 1] || len < sizeof(in))
		return false;
	memcpy(&in, p, sizeof(in));
	xb_char(b, '[');
	xb_u64(b, in);
	if (call_ok(x->c) && x->out && x->out->len >= sizeof(out)) {
		memcpy(&out, capture_bytes(x->out), sizeof(out));
		if (out != in) {
			xb_str(b, " => ");
			xb_u64(b, out);
		}
	}
	xb_char(b, ']');
	return true;
}

/* An iovec array of vlen vectors: each buffer's bytes as a string, cut at
 * -s; what the call read (out) only as far as its result. */
static bool fmt_iov(const struct rctx *x, const uint8_t *p, size_t len, bool out, uint64_t vlen,
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
	for (k = 0; k < h.n && array_elem(b, k, x); k++) {
		uint64_t avail = h.iov[k][1] < left ? h.iov[k][1] : left;

		left -= avail;
		xb_str(b, "{iov_base=");
		if (h.got[k] < 0 || pos + (size_t)h.got[k] > len) {
			xb_hex(b, h.iov[k][0]);
			if (call_ok(x->c))
				xb_str(b, " /* unreadable */");
		} else {
			xb_quote(b, p + pos, (size_t)h.got[k], avail > (uint64_t)h.got[k]);
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
static bool r_iov(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;

	return fmt_iov(x, p, len, r->cap == LT_CAP_IOV_OUT, arg_value(x, r->lenarg), b);
}

/* sendmsg's and recvmsg's struct msghdr: the name, its length (recvmsg's
 * "110 => 16"), the iovecs; a failed recvmsg shows the length that went
 * in. Control messages are not decoded: such a msghdr stays a pointer. */
static bool r_msghdr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;
	bool out = r->cap == LT_CAP_MSG_OUT;
	/* sendmsg's copy again at exit, when a buffer's page was untouched */
	const struct lt_cap *again = x->out && x->out->kind == LT_CAP_MSG_IN ? x->out : NULL;
	const struct lt_cap *all = out ? x->out : again ? again : x->in, *vec;
	struct lt_msg m, in;

	(void)p, (void)len;
	if (out) {
		if (!x->in || x->in->len < LT_MSGHDR_SIZE)
			return false;
		memcpy(&in, capture_bytes(x->in), LT_MSGHDR_SIZE);
		if (!call_ok(x->c) || !all || all->len < sizeof(m) + sizeof(*vec)) {
			xb_str(b, "{msg_namelen=");
			xb_u64(b, in.namelen);
			xb_char(b, '}');
			return true;
		}
	} else if (!all || all->len < sizeof(m) + sizeof(*vec)) {
		return false;
	}
	memcpy(&m, capture_bytes(all), sizeof(m));
	if (m.controllen)
		return false;
	xb_str(b, "{msg_name=");
	if (!m.name)
		xb_str(b, "NULL");
	else if (m.name_got > 0 && m.namelen)
		r_sockaddr(x, m.name_bytes, m.namelen < (uint32_t)m.name_got ? m.namelen :
					    (size_t)m.name_got, b);
	else
		xb_hex(b, m.name);
	xb_str(b, ", msg_namelen=");
	if (out && in.namelen != m.namelen) {
		xb_u64(b, in.namelen);
		xb_str(b, " => ");
	}
	xb_u64(b, m.namelen);
	xb_str(b, ", msg_iov=");
	vec = (const struct lt_cap *)(capture_bytes(all) + sizeof(m));
	if (!m.iov)
		xb_str(b, "NULL");
	else if (vec->flags & LT_CAPF_FAULT ||
		 sizeof(m) + sizeof(*vec) + vec->len > all->len ||
		 !fmt_iov(x, capture_bytes(vec), vec->len, out, m.iovlen, b))
		xb_hex(b, m.iov);
	xb_str(b, ", msg_iovlen=");
	xb_u64(b, m.iovlen);
	xb_str(b, ", msg_controllen=0, msg_flags=");
	xlat_flags(b, &xlat_msg_flags, m.flags, "MSG_???");
	xb_char(b, '}');
	return true;
}

/* A siginfo as strace prints a delivered signal's: the one
 * rt_sigtimedwait took (its result is the signal), or the one
 * rt_sigqueueinfo sends (its sig argument). */
static bool r_siginfo(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	bool taken = x->rule->cap == LT_CAP_MEM_OUT;
	char text[256];

	if (!len || (taken && x->c->ret <= 0))
		return false;
	siginfo_format(text, sizeof(text), taken ? (int)x->c->ret : (int)arg_value(x, x->rule->lenarg),
		       p, len);
	xb_str(b, text);
	return true;
}

/* How each struct prints, by the rule's format. */
typedef bool (*render_fn)(const struct rctx *x, const uint8_t *bytes, size_t len,
			  struct xbuf *b);

static const render_fn renderers[] = {
	[FMT_TIMESPEC] = r_timespec,
	[FMT_STAT] = r_stat,
	[FMT_SOCKADDR] = r_sockaddr,
	[FMT_INT_PAIR] = r_int_pair,
	[FMT_WSTATUS] = r_wstatus,
	[FMT_SIGSET] = r_sigset,
	[FMT_SIGACTION] = r_sigaction,
	[FMT_RLIMIT] = r_rlimit,
	[FMT_EPOLL] = r_epoll,
	[FMT_POLLFD] = r_pollfd,
	[FMT_SOCKADDR_OUT] = r_sockaddr_out,
	[FMT_SOCKLEN] = r_socklen,
	[FMT_IOV] = r_iov,
	[FMT_SIGINFO] = r_siginfo,
	[FMT_MSGHDR] = r_msghdr,
};

bool render_struct(const struct rctx *x, enum cap_fmt fmt, const uint8_t *bytes, size_t len,
		   struct xbuf *b)
{
	if (fmt >= LEN(renderers) || !renderers[fmt])
		return false;
	return renderers[fmt](x, bytes, len, b);
}

void render_poll_result(const struct call *c, struct dcall *d)
{
	const struct lt_cap *fds = cap_usable(capture_find(c->cap_exit, 0));
	const struct lt_cap *left = cap_usable(capture_find(c->cap_exit, 2));
	struct xbuf b;
	bool first = true;

	if (!fds || !call_ok(c) || c->ret <= 0)
		return;
	dt_begin(d, &b);
	xb_i64(&b, c->ret);
	xb_str(&b, " ([");
	for (uint32_t k = 0; k + 8 <= fds->len; k += 8) {
		uint16_t events, revents;
		int32_t fd;

		pollfd_at(capture_bytes(fds) + k, &fd, &events, &revents);
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
		r_timespec(&x, capture_bytes(left), left->len, &b);
	}
	xb_char(&b, ')');
	dt_ret(d, &b);
}
