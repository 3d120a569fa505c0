#include "capture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
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
#include "pair.h"
#include "signames.h"
#include "systab.h"

/* How a struct capture prints. */
enum cap_fmt {
	FMT_NONE,
	FMT_TIMESPEC,
	FMT_STAT,
	FMT_SOCKADDR,
	FMT_INT_PAIR,
	FMT_WSTATUS,
};

/* Which arguments the program copies, by syscall (NULL: any) and argument
 * name as the tracepoint format spells it. */
static const struct cap_rule {
	const char *syscall;
	const char *arg;
	uint8_t kind;
	const char *lenarg;	/* BUF_IN, ADDR_IN: the argument with the length */
	uint16_t size;		/* MEM_*, ADDR_IN */
	enum cap_fmt fmt;
} cap_rules[] = {
	{ "execve", "argv", LT_CAP_ARGV, NULL, 0, FMT_NONE },
	{ "execve", "envp", LT_CAP_COUNT, NULL, 0, FMT_NONE },
	{ "execveat", "argv", LT_CAP_ARGV, NULL, 0, FMT_NONE },
	{ "execveat", "envp", LT_CAP_COUNT, NULL, 0, FMT_NONE },
	{ "write", "buf", LT_CAP_BUF_IN, "count", 0, FMT_NONE },
	{ "pwrite64", "buf", LT_CAP_BUF_IN, "count", 0, FMT_NONE },
	{ "sendto", "buff", LT_CAP_BUF_IN, "len", 0, FMT_NONE },
	{ "sethostname", "name", LT_CAP_BUF_IN, "len", 0, FMT_NONE },
	{ "setdomainname", "name", LT_CAP_BUF_IN, "len", 0, FMT_NONE },
	{ "read", "buf", LT_CAP_BUF_OUT, NULL, 0, FMT_NONE },
	{ "pread64", "buf", LT_CAP_BUF_OUT, NULL, 0, FMT_NONE },
	{ "recvfrom", "ubuf", LT_CAP_BUF_OUT, NULL, 0, FMT_NONE },
	{ "readlink", "buf", LT_CAP_STR_OUT, NULL, 0, FMT_NONE },
	{ "readlinkat", "buf", LT_CAP_STR_OUT, NULL, 0, FMT_NONE },
	{ "getcwd", "buf", LT_CAP_STR_OUT, NULL, 0, FMT_NONE },
	{ "connect", "uservaddr", LT_CAP_ADDR_IN, "addrlen", 128, FMT_SOCKADDR },
	{ "bind", "umyaddr", LT_CAP_ADDR_IN, "addrlen", 128, FMT_SOCKADDR },
	{ "sendto", "addr", LT_CAP_ADDR_IN, "addr_len", 128, FMT_SOCKADDR },
	{ "nanosleep", "rqtp", LT_CAP_MEM_IN, NULL, 16, FMT_TIMESPEC },
	{ "clock_nanosleep", "rqtp", LT_CAP_MEM_IN, NULL, 16, FMT_TIMESPEC },
	{ "newstat", "statbuf", LT_CAP_MEM_OUT, NULL, sizeof(struct stat), FMT_STAT },
	{ "newlstat", "statbuf", LT_CAP_MEM_OUT, NULL, sizeof(struct stat), FMT_STAT },
	{ "newfstat", "statbuf", LT_CAP_MEM_OUT, NULL, sizeof(struct stat), FMT_STAT },
	{ "newfstatat", "statbuf", LT_CAP_MEM_OUT, NULL, sizeof(struct stat), FMT_STAT },
	{ "pipe", "fildes", LT_CAP_MEM_OUT, NULL, 8, FMT_INT_PAIR },
	{ "pipe2", "fildes", LT_CAP_MEM_OUT, NULL, 8, FMT_INT_PAIR },
	{ "socketpair", "usockvec", LT_CAP_MEM_OUT, NULL, 8, FMT_INT_PAIR },
	{ "wait4", "stat_addr", LT_CAP_MEM_OUT, NULL, 4, FMT_WSTATUS },
	/* strings the kernel reads, by name, whatever the syscall */
	{ NULL, "filename", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "pathname", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "path", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "oldname", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "newname", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "specialfile", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "special", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "from_pathname", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "to_pathname", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "new_root", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "put_old", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "dir_name", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "dev_name", LT_CAP_PATH, NULL, 0, FMT_NONE },
	{ NULL, "type", LT_CAP_STR, NULL, 0, FMT_NONE },
	{ NULL, "name", LT_CAP_STR, NULL, 0, FMT_NONE },
	{ NULL, "uname", LT_CAP_STR, NULL, 0, FMT_NONE },
	{ NULL, "u_name", LT_CAP_STR, NULL, 0, FMT_NONE },
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
	if (!syscall)
		return false;
	n = formats_arg_names(f, nr, names, is_pointer, SC_MAX_ARGS);
	for (int i = 0; i < n; i++) {
		const struct cap_rule *r = find_rule(syscall, names[i]);
		int lenarg = 0;

		if (!r || !is_pointer[i])
			continue;
		if (r->lenarg) {
			lenarg = name_index(names, n, r->lenarg);
			if (lenarg < 0)
				continue;
		}
		plan->kind[i] = r->kind;
		plan->lenarg[i] = (uint8_t)lenarg;
		plan->size[i] = r->size;
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

static void fmt_mode(char *buf, size_t len, unsigned mode)
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

static void render_stat(struct dcall *d, struct darg *a, const uint8_t *bytes)
{
	struct stat st;
	char mode[96], text[256];

	memcpy(&st, bytes, sizeof(st));
	fmt_mode(mode, sizeof(mode), st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		snprintf(text, sizeof(text), "{st_mode=%s, st_rdev=makedev(%#x, %#x), ...}", mode,
			 major(st.st_rdev), minor(st.st_rdev));
	else
		snprintf(text, sizeof(text), "{st_mode=%s, st_size=%lld, ...}", mode,
			 (long long)st.st_size);
	sym(d, a, text);
}

static void render_sockaddr(struct dcall *d, struct darg *a, const uint8_t *bytes, size_t len)
{
	char text[256], addr[INET6_ADDRSTRLEN];
	sa_family_t family;

	if (len < sizeof(family)) {
		sym(d, a, "{}");
		return;
	}
	memcpy(&family, bytes, sizeof(family));
	if (family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in;

		memcpy(&in, bytes, sizeof(in));
		inet_ntop(AF_INET, &in.sin_addr, addr, sizeof(addr));
		snprintf(text, sizeof(text),
			 "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}",
			 ntohs(in.sin_port), addr);
	} else if (family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 in6;

		memcpy(&in6, bytes, sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, addr, sizeof(addr));
		snprintf(text, sizeof(text),
			 "{sa_family=AF_INET6, sin6_port=htons(%u), sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, \"%s\", &sin6_addr), sin6_scope_id=%u}",
			 ntohs(in6.sin6_port), ntohl(in6.sin6_flowinfo), addr, in6.sin6_scope_id);
	} else if (family == AF_UNIX) {
		size_t plen = len - offsetof(struct sockaddr_un, sun_path);
		const char *path = (const char *)bytes + offsetof(struct sockaddr_un, sun_path);

		if (len <= offsetof(struct sockaddr_un, sun_path))
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX}");
		else if (path[0] == '\0')
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=@\"%.*s\"}",
				 (int)plen - 1, path + 1);
		else
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=\"%.*s\"}",
				 (int)strnlen(path, plen), path);
	} else {
		snprintf(text, sizeof(text), "{sa_family=%u, ...}", family);
	}
	sym(d, a, text);
}

static void render_wstatus(struct dcall *d, struct darg *a, const uint8_t *bytes)
{
	char text[128], buf[16];
	int s;

	memcpy(&s, bytes, sizeof(s));
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
	sym(d, a, text);
}

static void render_mem(struct dcall *d, struct darg *a, enum cap_fmt fmt,
		       const struct lt_cap *cap)
{
	const uint8_t *b = capture_bytes(cap);
	char text[96];

	switch (fmt) {
	case FMT_TIMESPEC:
		if (cap->len >= 16) {
			int64_t sec, nsec;

			memcpy(&sec, b, 8);
			memcpy(&nsec, b + 8, 8);
			snprintf(text, sizeof(text), "{tv_sec=%lld, tv_nsec=%lld}", (long long)sec,
				 (long long)nsec);
			sym(d, a, text);
		}
		break;
	case FMT_STAT:
		if (cap->len >= sizeof(struct stat))
			render_stat(d, a, b);
		break;
	case FMT_SOCKADDR:
		render_sockaddr(d, a, b, cap->len);
		break;
	case FMT_INT_PAIR:
		if (cap->len >= 8) {
			int fds[2];

			memcpy(fds, b, sizeof(fds));
			snprintf(text, sizeof(text), "[%d, %d]", fds[0], fds[1]);
			sym(d, a, text);
		}
		break;
	case FMT_WSTATUS:
		if (cap->len >= 4)
			render_wstatus(d, a, b);
		break;
	case FMT_NONE:
		break;
	}
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

static void decode_one(const struct call *c, struct dcall *d, int i, const struct lt_cap *cap,
		       unsigned strsize)
{
	struct darg *a = &d->arg[i];
	const uint8_t *b = capture_bytes(cap);
	size_t len;

	if (cap->flags & LT_CAPF_FAULT && cap->kind != LT_CAP_ARGV)
		return;	/* stays a pointer: never a guess */
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
			str_arg(d, a, b, cap->len, buffer_length(c, d, i) > cap->len);
		break;
	case LT_CAP_BUF_OUT:
		if (c->returned && c->ret >= 0)
			str_arg(d, a, b, cap->len, (uint64_t)c->ret > cap->len);
		break;
	case LT_CAP_STR_OUT:
		if (c->returned && c->ret >= 0) {
			len = strnlen((const char *)b, cap->len);
			str_arg(d, a, b, len, false);
		}
		break;
	case LT_CAP_MEM_IN:
	case LT_CAP_ADDR_IN:
		render_mem(d, a, fmt_of(d->name, a->name), cap);
		break;
	case LT_CAP_MEM_OUT:
		if (c->returned && c->ret >= 0)
			render_mem(d, a, fmt_of(d->name, a->name), cap);
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

void capture_decode(const struct call *c, struct dcall *d, unsigned strsize)
{
	if (!c->cap_enter && !c->cap_exit)
		return;
	for (int i = 0; i < d->nargs; i++) {
		const struct lt_cap *in = capture_find(c->cap_enter, i);
		const struct lt_cap *out = capture_find(c->cap_exit, i);
		const struct lt_cap *cap = in && !(in->flags & LT_CAPF_FAULT) ? in : out ? out : in;

		/* NULL prints as NULL, as strace prints it: never [] or {} */
		if (cap && c->entered && c->args[i])
			decode_one(c, d, i, cap, strsize);
	}
}

size_t capture_quote(char *out, size_t room, const uint8_t *s, size_t len, bool more)
{
	return quote_into(out, room, s, len, more);
}
