#include "capture.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>

#include "decode.h"
#include "decode_impl.h"
#include "pair.h"
#include "siginfo.h"
#include "signames.h"
#include "systab.h"
#include "xlat.h"

/* How a struct capture prints. */
enum cap_fmt {
	FMT_NONE,
	FMT_TIMESPEC,
	FMT_STAT,
	FMT_SOCKADDR,
	FMT_INT_PAIR,
	FMT_WSTATUS,
	FMT_SIGSET,
	FMT_SIGACTION,
	FMT_RLIMIT,
	FMT_EPOLL,
	FMT_POLLFD,
	FMT_SOCKADDR_OUT,
	FMT_SOCKLEN,
	FMT_IOV,
	FMT_SIGINFO,
	FMT_MSGHDR,
};

/* A cap_rule's lenarg that is no argument: the count is the return value,
 * or there is one element. */
#define LEN_RET "(return value)"
#define LEN_ONE "(one)"

/* struct epoll_event is packed on x86-64: 4 bytes of events, 8 of data */
#define EPOLL_EVENT_SIZE 12

/* Which arguments the program copies, by syscall (NULL: any) and argument
 * name as the tracepoint format spells it. */
static const struct cap_rule {
	const char *syscall;
	const char *arg;
	uint8_t kind;
	const char *lenarg;	/* BUF_IN, ADDR_*, ARR_*, IOV_*: the argument with
				 * the length or count, LEN_RET, LEN_ONE */
	uint16_t size;		/* MEM_*, ADDR_*, ARR_*: bytes at most */
	uint8_t elem;		/* ARR_*: bytes per element */
	enum cap_fmt fmt;
} cap_rules[] = {
	{ "execve", "argv", LT_CAP_ARGV, NULL, 0, 0, FMT_NONE },
	{ "execve", "envp", LT_CAP_COUNT, NULL, 0, 0, FMT_NONE },
	{ "execveat", "argv", LT_CAP_ARGV, NULL, 0, 0, FMT_NONE },
	{ "execveat", "envp", LT_CAP_COUNT, NULL, 0, 0, FMT_NONE },
	{ "write", "buf", LT_CAP_BUF_IN, "count", 0, 0, FMT_NONE },
	{ "pwrite64", "buf", LT_CAP_BUF_IN, "count", 0, 0, FMT_NONE },
	{ "sendto", "buff", LT_CAP_BUF_IN, "len", 0, 0, FMT_NONE },
	{ "sethostname", "name", LT_CAP_BUF_IN, "len", 0, 0, FMT_NONE },
	{ "setdomainname", "name", LT_CAP_BUF_IN, "len", 0, 0, FMT_NONE },
	{ "read", "buf", LT_CAP_BUF_OUT, NULL, 0, 0, FMT_NONE },
	{ "pread64", "buf", LT_CAP_BUF_OUT, NULL, 0, 0, FMT_NONE },
	{ "recvfrom", "ubuf", LT_CAP_BUF_OUT, NULL, 0, 0, FMT_NONE },
	{ "readlink", "buf", LT_CAP_STR_OUT, NULL, 0, 0, FMT_NONE },
	{ "readlinkat", "buf", LT_CAP_STR_OUT, NULL, 0, 0, FMT_NONE },
	{ "getcwd", "buf", LT_CAP_STR_OUT, NULL, 0, 0, FMT_NONE },
	{ "connect", "uservaddr", LT_CAP_ADDR_IN, "addrlen", 128, 0, FMT_SOCKADDR },
	{ "bind", "umyaddr", LT_CAP_ADDR_IN, "addrlen", 128, 0, FMT_SOCKADDR },
	{ "sendto", "addr", LT_CAP_ADDR_IN, "addr_len", 128, 0, FMT_SOCKADDR },
	{ "nanosleep", "rqtp", LT_CAP_MEM_IN, NULL, 16, 0, FMT_TIMESPEC },
	{ "clock_nanosleep", "rqtp", LT_CAP_MEM_IN, NULL, 16, 0, FMT_TIMESPEC },
	{ "newstat", "statbuf", LT_CAP_MEM_OUT, NULL, sizeof(struct stat), 0, FMT_STAT },
	{ "newlstat", "statbuf", LT_CAP_MEM_OUT, NULL, sizeof(struct stat), 0, FMT_STAT },
	{ "newfstat", "statbuf", LT_CAP_MEM_OUT, NULL, sizeof(struct stat), 0, FMT_STAT },
	{ "newfstatat", "statbuf", LT_CAP_MEM_OUT, NULL, sizeof(struct stat), 0, FMT_STAT },
	{ "pipe", "fildes", LT_CAP_MEM_OUT, NULL, 8, 0, FMT_INT_PAIR },
	{ "pipe2", "fildes", LT_CAP_MEM_OUT, NULL, 8, 0, FMT_INT_PAIR },
	{ "socketpair", "usockvec", LT_CAP_MEM_OUT, NULL, 8, 0, FMT_INT_PAIR },
	{ "wait4", "stat_addr", LT_CAP_MEM_OUT, NULL, 4, 0, FMT_WSTATUS },
	/* iovec arrays: the vectors and the buffers' first -s bytes */
	{ "writev", "vec", LT_CAP_IOV_IN, "vlen", 0, 0, FMT_IOV },
	{ "pwritev", "vec", LT_CAP_IOV_IN, "vlen", 0, 0, FMT_IOV },
	{ "pwritev2", "vec", LT_CAP_IOV_IN, "vlen", 0, 0, FMT_IOV },
	{ "readv", "vec", LT_CAP_IOV_OUT, "vlen", 0, 0, FMT_IOV },
	{ "preadv", "vec", LT_CAP_IOV_OUT, "vlen", 0, 0, FMT_IOV },
	{ "preadv2", "vec", LT_CAP_IOV_OUT, "vlen", 0, 0, FMT_IOV },
	{ "sendmsg", "msg", LT_CAP_MSG_IN, NULL, 0, 0, FMT_MSGHDR },
	{ "recvmsg", "msg", LT_CAP_MSG_OUT, NULL, 0, 0, FMT_MSGHDR },
	/* poll: the array at entry, its revents at exit */
	{ "poll", "ufds", LT_CAP_ARR_INOUT, "nfds", 512, 8, FMT_POLLFD },
	{ "ppoll", "ufds", LT_CAP_ARR_INOUT, "nfds", 512, 8, FMT_POLLFD },
	{ "ppoll", "tsp", LT_CAP_ARR_INOUT, LEN_ONE, 16, 16, FMT_TIMESPEC },
	{ "ppoll", "sigmask", LT_CAP_MEM_IN, NULL, 8, 0, FMT_SIGSET },
	{ "epoll_ctl", "event", LT_CAP_MEM_IN, NULL, EPOLL_EVENT_SIZE, 0, FMT_EPOLL },
	{ "epoll_wait", "events", LT_CAP_ARR_OUT, LEN_RET, 42 * EPOLL_EVENT_SIZE, EPOLL_EVENT_SIZE, FMT_EPOLL },
	{ "epoll_pwait", "events", LT_CAP_ARR_OUT, LEN_RET, 42 * EPOLL_EVENT_SIZE, EPOLL_EVENT_SIZE, FMT_EPOLL },
	{ "epoll_pwait", "sigmask", LT_CAP_MEM_IN, NULL, 8, 0, FMT_SIGSET },
	{ "epoll_pwait2", "events", LT_CAP_ARR_OUT, LEN_RET, 42 * EPOLL_EVENT_SIZE, EPOLL_EVENT_SIZE, FMT_EPOLL },
	{ "epoll_pwait2", "timeout", LT_CAP_MEM_IN, NULL, 16, 0, FMT_TIMESPEC },
	{ "epoll_pwait2", "sigmask", LT_CAP_MEM_IN, NULL, 8, 0, FMT_SIGSET },
	/* signals: the kernel's struct sigaction and 64-bit sigset_t */
	{ "rt_sigaction", "act", LT_CAP_MEM_IN, NULL, 32, 0, FMT_SIGACTION },
	{ "rt_sigaction", "oact", LT_CAP_MEM_OUT, NULL, 32, 0, FMT_SIGACTION },
	{ "rt_sigprocmask", "nset", LT_CAP_MEM_IN, NULL, 8, 0, FMT_SIGSET },
	{ "rt_sigprocmask", "oset", LT_CAP_MEM_OUT, NULL, 8, 0, FMT_SIGSET },
	{ "rt_sigpending", "uset", LT_CAP_MEM_OUT, NULL, 8, 0, FMT_SIGSET },
	{ "rt_sigsuspend", "unewset", LT_CAP_MEM_IN, NULL, 8, 0, FMT_SIGSET },
	{ "rt_sigtimedwait", "uthese", LT_CAP_MEM_IN, NULL, 8, 0, FMT_SIGSET },
	{ "rt_sigtimedwait", "uts", LT_CAP_MEM_IN, NULL, 16, 0, FMT_TIMESPEC },
	{ "rt_sigtimedwait", "uinfo", LT_CAP_MEM_OUT, NULL, LT_SIGINFO_SIZE, 0, FMT_SIGINFO },
	{ "rt_sigqueueinfo", "uinfo", LT_CAP_MEM_IN, NULL, LT_SIGINFO_SIZE, 0, FMT_SIGINFO },
	{ "rt_tgsigqueueinfo", "uinfo", LT_CAP_MEM_IN, NULL, LT_SIGINFO_SIZE, 0, FMT_SIGINFO },
	/* resource limits: struct rlimit and rlimit64 are the same here */
	{ "getrlimit", "rlim", LT_CAP_MEM_OUT, NULL, 16, 0, FMT_RLIMIT },
	{ "setrlimit", "rlim", LT_CAP_MEM_IN, NULL, 16, 0, FMT_RLIMIT },
	{ "prlimit64", "new_rlim", LT_CAP_MEM_IN, NULL, 16, 0, FMT_RLIMIT },
	{ "prlimit64", "old_rlim", LT_CAP_MEM_OUT, NULL, 16, 0, FMT_RLIMIT },
	/* addresses the kernel writes, with the length it reads and writes */
	{ "accept", "upeer_sockaddr", LT_CAP_ADDR_OUT, "upeer_addrlen", 128, 0, FMT_SOCKADDR_OUT },
	{ "accept", "upeer_addrlen", LT_CAP_ARR_INOUT, LEN_ONE, 4, 4, FMT_SOCKLEN },
	{ "accept4", "upeer_sockaddr", LT_CAP_ADDR_OUT, "upeer_addrlen", 128, 0, FMT_SOCKADDR_OUT },
	{ "accept4", "upeer_addrlen", LT_CAP_ARR_INOUT, LEN_ONE, 4, 4, FMT_SOCKLEN },
	{ "getsockname", "usockaddr", LT_CAP_ADDR_OUT, "usockaddr_len", 128, 0, FMT_SOCKADDR_OUT },
	{ "getsockname", "usockaddr_len", LT_CAP_ARR_INOUT, LEN_ONE, 4, 4, FMT_SOCKLEN },
	{ "getpeername", "usockaddr", LT_CAP_ADDR_OUT, "usockaddr_len", 128, 0, FMT_SOCKADDR_OUT },
	{ "getpeername", "usockaddr_len", LT_CAP_ARR_INOUT, LEN_ONE, 4, 4, FMT_SOCKLEN },
	{ "recvfrom", "addr", LT_CAP_ADDR_OUT, "addr_len", 128, 0, FMT_SOCKADDR_OUT },
	{ "recvfrom", "addr_len", LT_CAP_ARR_INOUT, LEN_ONE, 4, 4, FMT_SOCKLEN },
	/* strings the kernel reads, by name, whatever the syscall */
	{ NULL, "filename", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "pathname", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "path", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "oldname", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "newname", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "specialfile", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "special", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "from_pathname", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "to_pathname", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "new_root", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "put_old", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "dir_name", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "dev_name", LT_CAP_PATH, NULL, 0, 0, FMT_NONE },
	{ NULL, "type", LT_CAP_STR, NULL, 0, 0, FMT_NONE },
	{ NULL, "name", LT_CAP_STR, NULL, 0, 0, FMT_NONE },
	{ NULL, "uname", LT_CAP_STR, NULL, 0, 0, FMT_NONE },
	{ NULL, "u_name", LT_CAP_STR, NULL, 0, 0, FMT_NONE },
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const struct cap_rule *find_rule(const char *syscall, const char *arg)
{
	for (size_t i = 0; i < LEN(cap_rules); i++)
		if ((!cap_rules[i].syscall || !strcmp(cap_rules[i].syscall, syscall)) &&
		    !strcmp(cap_rules[i].arg, arg))
			return &cap_rules[i];
	return NULL;
}

static int name_index(char names[][32], int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

bool capture_plan(struct formats *f, int nr, struct lt_plan *plan)
{
	const char *syscall = systab_name(nr);
	char names[SC_MAX_ARGS][32];
	bool is_pointer[SC_MAX_ARGS], any = false;
	int n;

	memset(plan, 0, sizeof(*plan));
	plan->iov = 6;
	if (!syscall)
		return false;
	n = formats_arg_names(f, nr, names, is_pointer, SC_MAX_ARGS);
	for (int i = 0; i < n; i++) {
		const struct cap_rule *r = find_rule(syscall, names[i]);
		int lenarg = 0;

		if (!r || !is_pointer[i])
			continue;
		if (r->lenarg && !strcmp(r->lenarg, LEN_RET))
			lenarg = LT_LEN_RET;
		else if (r->lenarg && !strcmp(r->lenarg, LEN_ONE))
			lenarg = LT_LEN_ONE;
		else if (r->lenarg) {
			lenarg = name_index(names, n, r->lenarg);
			if (lenarg < 0)
				continue;
		}
		plan->kind[i] = r->kind;
		plan->lenarg[i] = (uint8_t)lenarg;
		plan->size[i] = r->size;
		plan->elem[i] = r->elem;
		if (r->kind == LT_CAP_IOV_IN || r->kind == LT_CAP_IOV_OUT ||
		    r->kind == LT_CAP_MSG_IN || r->kind == LT_CAP_MSG_OUT)
			plan->iov = (uint8_t)i;
		any = true;
	}
	return any;
}

struct capture *capture_from_record(const void *bytes, size_t len)
{
	struct capture *c;

	if (!len)
		return NULL;
	c = malloc(sizeof(*c) + len);
	if (!c)
		return NULL;
	c->size = (uint32_t)len;
	memcpy(c->data, bytes, len);
	return c;
}

static size_t append(uint8_t *buf, size_t off, int arg, uint8_t kind, uint8_t flags,
		     const void *data, uint32_t len)
{
	struct lt_cap cap = { .arg = (uint8_t)arg, .kind = kind, .flags = flags, .len = len };

	memcpy(buf + off, &cap, sizeof(cap));
	memcpy(buf + off + sizeof(cap), data, len);
	return off + sizeof(cap) + ((len + 7) & ~7u);
}

struct capture *capture_exec(const char *path, char *const argv[], char *const envp[])
{
	uint8_t strings[4096];
	size_t path_len = strnlen(path, LT_PATH_MAX - 1) + 1, pos = 0, off = 0;
	uint32_t count = 0;
	uint8_t flags = 0;
	struct capture *c;
	int i;

	/* as the program copies them: at most LT_ARGV_MAX elements */
	for (i = 0; argv[i] && i < LT_ARGV_MAX; i++) {
		size_t len = strnlen(argv[i], 255) + 1;

		if (pos + len > sizeof(strings)) {
			flags = LT_CAPF_MORE;
			break;
		}
		memcpy(strings + pos, argv[i], len - 1);
		strings[pos + len - 1] = '\0';
		pos += len;
	}
	if (argv[i])
		flags = LT_CAPF_MORE;
	while (envp && envp[count])
		count++;
	c = malloc(sizeof(*c) + 3 * sizeof(struct lt_cap) + path_len + pos + 4 + 24);
	if (!c)
		return NULL;
	off = append(c->data, off, 0, LT_CAP_PATH, 0, path, (uint32_t)path_len);
	c->data[off - ((path_len + 7) & ~7u) + path_len - 1] = '\0';
	off = append(c->data, off, 1, LT_CAP_ARGV, flags, strings, (uint32_t)pos);
	off = append(c->data, off, 2, LT_CAP_COUNT, 0, &count, sizeof(count));
	c->size = (uint32_t)off;
	return c;
}

void capture_free(struct capture *c)
{
	free(c);
}

static const struct lt_cap *next_cap(const struct capture *c, const struct lt_cap *cap)
{
	size_t off = cap ? (size_t)((const uint8_t *)cap - c->data) + sizeof(*cap) +
			   ((cap->len + 7) & ~7u) : 0;

	if (off + sizeof(*cap) > c->size)
		return NULL;
	cap = (const struct lt_cap *)(c->data + off);
	if (off + sizeof(*cap) + cap->len > c->size)
		return NULL;
	return cap;
}

const struct lt_cap *capture_find(const struct capture *c, int arg)
{
	const struct lt_cap *found = NULL;

	if (!c)
		return NULL;
	for (const struct lt_cap *cap = next_cap(c, NULL); cap; cap = next_cap(c, cap))
		if (cap->arg == arg && (!found || !(cap->flags & LT_CAPF_FAULT)))
			found = cap;
	return found;
}

/* --- rendering as strace does ------------------------------------------ */

static void sym(struct dcall *d, struct darg *a, const char *text)
{
	decode_sym(d, a, text);
}

static void str_arg(struct dcall *d, struct darg *a, const uint8_t *bytes, size_t len, bool more)
{
	if (d->used + len > sizeof(d->scratch)) {
		len = sizeof(d->scratch) - d->used;
		more = true;
	}
	memcpy(d->scratch + d->used, bytes, len);
	a->kind = DARG_STR;
	a->text = d->scratch + d->used;
	a->len = (uint32_t)len;
	a->more = more;
	d->used += len;
}

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

static size_t quote_into(char *out, size_t room, const uint8_t *s, size_t len, bool more);

/* What a struct renderer sees: the argument, its captures at entry and at
 * exit (NULL when absent or unreadable), and the call. */
struct rctx {
	const struct call *c;
	struct dcall *d;
	int i;
	const struct lt_cap *in, *out;
	unsigned strsize;
};

typedef bool (*render_fn)(const struct rctx *x, const uint8_t *bytes, size_t len,
			  struct xbuf *b);

static bool call_ok(const struct call *c)
{
	return c->returned && !decode_is_error(c->ret);
}

static void xb_quote(struct xbuf *b, const uint8_t *s, size_t len, bool more)
{
	char text[4 * 4096 + 16];

	quote_into(text, sizeof(text), s, len, more);
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

static uint64_t arg_named(const struct rctx *x, const char *name);

static bool r_sigset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t set;

	/* the kernel refuses other sizes, and strace prints the pointer */
	if (len < sizeof(set) || arg_named(x, "sigsetsize") != sizeof(set))
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
static uint64_t arg_named(const struct rctx *x, const char *name)
{
	for (int j = 0; name && j < x->d->nargs; j++)
		if (!strcmp(x->d->arg[j].name, name))
			return x->c->args[j];
	return 0;
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
	const struct cap_rule *r = find_rule(x->d->name, x->d->arg[x->i].name);
	unsigned n = (unsigned)(len / EPOLL_EVENT_SIZE);

	if (r->kind != LT_CAP_ARR_OUT) {	/* epoll_ctl: one event */
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
	const struct cap_rule *r = find_rule(x->d->name, x->d->arg[x->i].name);

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
	if (arg_named(x, r->lenarg) > n && n < x->strsize)
		xb_str(b, n ? ", ..." : "...");
	xb_char(b, ']');
	return true;
}

/* accept's and getsockname's address: as long as the shorter of the
 * buffer and the address, nothing when the call failed or wrote none. */
static bool r_sockaddr_out(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct cap_rule *r = find_rule(x->d->name, x->d->arg[x->i].name);
	const struct lt_cap *in = NULL;
	uint32_t room;

	if (!call_ok(x->c) || !len)
		return false;
	for (int j = 0; j < x->d->nargs; j++)
		if (!strcmp(x->d->arg[j].name, r->lenarg))
			in = capture_find(x->c->cap_enter, j);
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
	const struct cap_rule *r = find_rule(x->d->name, x->d->arg[x->i].name);

	return fmt_iov(x, p, len, r->kind == LT_CAP_IOV_OUT, arg_named(x, r->lenarg), b);
}

/* sendmsg's and recvmsg's struct msghdr: the name, its length (recvmsg's
 * "110 => 16"), the iovecs; a failed recvmsg shows the length that went
 * in. Control messages are not decoded: such a msghdr stays a pointer. */
static bool r_msghdr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct cap_rule *r = find_rule(x->d->name, x->d->arg[x->i].name);
	bool out = r->kind == LT_CAP_MSG_OUT;
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
	bool taken = !strcmp(x->d->name, "rt_sigtimedwait");
	char text[256];

	if (!len || (taken && x->c->ret <= 0))
		return false;
	siginfo_format(text, sizeof(text), taken ? (int)x->c->ret : (int)arg_named(x, "sig"),
		       p, len);
	xb_str(b, text);
	return true;
}

/* How each struct prints, by the rule's format. */
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

static void render_mem(const struct rctx *x, struct darg *a, enum cap_fmt fmt,
		       const struct lt_cap *cap)
{
	struct dcall *d = x->d;
	struct xbuf b;

	if (fmt >= LEN(renderers) || !renderers[fmt])
		return;
	dt_begin(d, &b);
	if (renderers[fmt](x, capture_bytes(cap), cap->len, &b))
		dt_arg(d, a, &b);
}

/* strace's quoting of one string, into out; returns the length. Written
 * byte by byte: read and write buffers full of NULs made snprintf per
 * escape the largest cost of text output. */
static size_t quote_into(char *out, size_t room, const uint8_t *s, size_t len, bool more)
{
	static const char escapes[256] = {
		['"'] = '"', ['\\'] = '\\', ['\n'] = 'n', ['\t'] = 't', ['\r'] = 'r',
		['\f'] = 'f', ['\v'] = 'v',
	};
	size_t n = 0;

	if (room < 8)
		return 0;
	out[n++] = '"';
	for (size_t i = 0; i < len && n + 6 < room; i++) {
		uint8_t ch = s[i];
		bool digit_next = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7';

		if (escapes[ch]) {
			out[n++] = '\\';
			out[n++] = escapes[ch];
		} else if (ch >= ' ' && ch < 0x7f) {
			out[n++] = (char)ch;
		} else {
			/* octal, three digits when a digit follows */
			out[n++] = '\\';
			if (digit_next || ch >= 0100)
				out[n++] = (char)('0' + (ch >> 6));
			if (digit_next || ch >= 010)
				out[n++] = (char)('0' + ((ch >> 3) & 7));
			out[n++] = (char)('0' + (ch & 7));
		}
	}
	out[n++] = '"';
	if (more && n + 4 < room) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return n;
}

static void render_argv(struct dcall *d, struct darg *a, const struct lt_cap *cap,
			unsigned strsize)
{
	const uint8_t *b = capture_bytes(cap);
	char text[2048];
	size_t n = 0, pos = 0;
	int count = 0;

	text[n++] = '[';
	while (pos < cap->len && n < sizeof(text) - 16) {
		size_t len = strnlen((const char *)b + pos, cap->len - pos);
		bool more = len > strsize;

		if (count++)
			n += (size_t)snprintf(text + n, sizeof(text) - n, ", ");
		n += quote_into(text + n, sizeof(text) - n, b + pos, more ? strsize : len, more);
		pos += len + 1;
	}
	if (cap->flags & (LT_CAPF_MORE | LT_CAPF_FAULT))
		n += (size_t)snprintf(text + n, sizeof(text) - n, count ? ", ..." : "...");
	snprintf(text + n, sizeof(text) - n, "]");
	sym(d, a, text);
}

static enum cap_fmt fmt_of(const char *syscall, const char *arg)
{
	const struct cap_rule *r = find_rule(syscall, arg);

	return r ? r->fmt : FMT_NONE;
}

/* The value of the argument that gives the length of buffer argument i. */
static uint64_t buffer_length(const struct call *c, const struct dcall *d, int i)
{
	const struct cap_rule *r = find_rule(d->name, d->arg[i].name);

	for (int j = 0; r && r->lenarg && j < d->nargs; j++)
		if (!strcmp(d->arg[j].name, r->lenarg))
			return c->args[j];
	return 0;
}

/* A copy that failed at entry and again at exit: the pointer, marked, so
 * that it is never taken for the argument's value; plain when the call
 * itself said EFAULT, as strace prints it. */
static void mark_unreadable(const struct call *c, struct dcall *d, struct darg *a)
{
	char text[64];

	if (!c->returned || c->ret == -EFAULT)
		return;
	snprintf(text, sizeof(text), "%#llx /* unreadable */", (unsigned long long)a->value);
	sym(d, a, text);
}

static void decode_one(const struct rctx *x, const struct lt_cap *cap)
{
	const struct call *c = x->c;
	struct dcall *d = x->d;
	struct darg *a = &d->arg[x->i];
	const uint8_t *b = capture_bytes(cap);
	enum cap_fmt fmt = fmt_of(d->name, a->name);
	unsigned strsize = x->strsize;
	bool ok = c->returned && c->ret >= 0;
	size_t len;

	if (cap->flags & LT_CAPF_FAULT && cap->kind != LT_CAP_ARGV) {
		mark_unreadable(c, d, a);	/* never a guess */
		return;
	}
	switch (cap->kind) {
	case LT_CAP_PATH:
		len = strnlen((const char *)b, cap->len);
		str_arg(d, a, b, len, len == cap->len);
		break;
	case LT_CAP_STR:
		len = strnlen((const char *)b, cap->len);
		str_arg(d, a, b, len > strsize ? strsize : len, len > strsize);
		break;
	case LT_CAP_BUF_IN:
		if (c->entered)
			str_arg(d, a, b, cap->len, buffer_length(c, d, x->i) > cap->len);
		break;
	case LT_CAP_BUF_OUT:
		if (ok)
			str_arg(d, a, b, cap->len, (uint64_t)c->ret > cap->len);
		break;
	case LT_CAP_STR_OUT:
		if (ok) {
			len = strnlen((const char *)b, cap->len);
			str_arg(d, a, b, len, false);
		}
		break;
	case LT_CAP_MEM_IN:
	case LT_CAP_ADDR_IN:
	case LT_CAP_ARR_IN:
	case LT_CAP_ARR_INOUT:
	case LT_CAP_IOV_IN:
	case LT_CAP_IOV_OUT:	/* its pointers even when the call failed */
	case LT_CAP_MSG_IN:
	case LT_CAP_MSG_OUT:
		render_mem(x, a, fmt, cap);
		break;
	case LT_CAP_MEM_OUT:
	case LT_CAP_ARR_OUT:
	case LT_CAP_ADDR_OUT:
		if (ok)
			render_mem(x, a, fmt, cap);
		break;
	case LT_CAP_ARGV:
		render_argv(d, a, cap, strsize);
		break;
	case LT_CAP_COUNT:
		if (cap->len >= 4) {
			uint32_t count;
			char text[64];

			memcpy(&count, b, 4);
			snprintf(text, sizeof(text), "%#llx /* %u var%s */",
				 (unsigned long long)a->value, count, count == 1 ? "" : "s");
			sym(d, a, text);
		}
		break;
	}
}

static const struct lt_cap *usable(const struct lt_cap *cap)
{
	return cap && !(cap->flags & LT_CAPF_FAULT) ? cap : NULL;
}

/* poll and ppoll: what was ready, after the return value, as strace
 * prints it: "2 ([{fd=3, revents=POLLIN}, ...], left {tv_sec=0, ...})". */
static void poll_result(const struct call *c, struct dcall *d)
{
	const struct lt_cap *fds = usable(capture_find(c->cap_exit, 0));
	const struct lt_cap *left = usable(capture_find(c->cap_exit, 2));
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

/* Calls whose captures add to what follows the return value. */
static const struct {
	const char *syscall;
	void (*fn)(const struct call *c, struct dcall *d);
} result_fixes[] = {
	{ "poll", poll_result },
	{ "ppoll", poll_result },
};

void capture_decode(const struct call *c, struct dcall *d, unsigned strsize)
{
	if (!c->cap_enter && !c->cap_exit)
		return;
	for (int i = 0; i < d->nargs; i++) {
		const struct lt_cap *in = capture_find(c->cap_enter, i);
		const struct lt_cap *out = capture_find(c->cap_exit, i);
		const struct lt_cap *cap = usable(in) ? in : out ? out : in;
		struct rctx x = {
			.c = c, .d = d, .i = i, .in = usable(in), .out = usable(out),
			.strsize = strsize,
		};

		/* writev's buffers copied again at exit, some having failed */
		if (in && in->kind == LT_CAP_IOV_IN && usable(out))
			cap = out;
		/* NULL prints as NULL, as strace prints it */
		if (cap && c->entered && c->args[i])
			decode_one(&x, cap);
	}
	for (size_t k = 0; k < LEN(result_fixes); k++)
		if (!strcmp(d->name, result_fixes[k].syscall))
			result_fixes[k].fn(c, d);
}

size_t capture_quote(char *out, size_t room, const uint8_t *s, size_t len, bool more)
{
	return quote_into(out, room, s, len, more);
}
