#include "decode/capture.h"
#include "decode/render.h"

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

#include "decode/decode.h"
#include "decode/internal.h"
#include "pipeline/pair.h"
#include "decode/quote.h"
#include "decode/siginfo.h"
#include "decode/signames.h"
#include "syscalls/systab.h"
#include "decode/xlat.h"

/* Which arguments the program copies. */
static const struct cap_rule cap_rules[] = {
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

static void render_mem(const struct rctx *x, struct darg *a, enum cap_fmt fmt,
		       const struct lt_cap *cap)
{
	struct dcall *d = x->d;
	struct xbuf b;

	dt_begin(d, &b);
	if (render_struct(x, fmt, capture_bytes(cap), cap->len, &b))
		dt_arg(d, a, &b);
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
		n += quote(text + n, sizeof(text) - n, b + pos, more ? strsize : len, more, QUOTE_STRING);
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

/* Calls whose captures add to what follows the return value. */
static const struct {
	const char *syscall;
	void (*fn)(const struct call *c, struct dcall *d);
} result_fixes[] = {
	{ "poll", render_poll_result },
	{ "ppoll", render_poll_result },
};

void capture_decode(const struct call *c, struct dcall *d, unsigned strsize)
{
	if (!c->cap_enter && !c->cap_exit)
		return;
	for (int i = 0; i < d->nargs; i++) {
		const struct lt_cap *in = capture_find(c->cap_enter, i);
		const struct lt_cap *out = capture_find(c->cap_exit, i);
		const struct lt_cap *cap = cap_usable(in) ? in : out ? out : in;
		struct rctx x = {
			.c = c, .d = d, .i = i, .in = cap_usable(in), .out = cap_usable(out),
			.rule = find_rule(d->name, d->arg[i].name),
			.strsize = strsize,
		};

		/* writev's buffers copied again at exit, some having failed */
		if (in && in->kind == LT_CAP_IOV_IN && cap_usable(out))
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
	return quote(out, room, s, len, more, QUOTE_STRING);
}
