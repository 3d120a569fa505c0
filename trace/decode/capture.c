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


bool capture_plan(int nr, struct lt_plan *plan)
{
	const struct sc_info *s = table_get(nr);
	bool any = false;

	memset(plan, 0, sizeof(*plan));
	plan->iov = SC_MAX_ARGS;
	plan->argv = SC_MAX_ARGS;
	plan->count = SC_MAX_ARGS;
	plan->cond_arg = SC_MAX_ARGS;
	plan->follow_arg = SC_MAX_ARGS;
	if (s->cap_when) {
		plan->cond_arg = (uint8_t)s->cap_arg;
		plan->cond_mask = s->cap_when;
	}
	if (s->sigframe) {
		plan->kind[0] = LT_CAP_SIGFRAME;
		any = true;
	}
	for (int i = 0; i < SC_MAX_ARGS; i++) {
		const struct sc_arg *a = &s->arg[i];

		if (a->follow_size) {
			plan->follow_arg = (uint8_t)i;
			plan->follow_off = a->follow_off;
			plan->follow_size = a->follow_size;
			plan->follow_exit = a->follow_exit;
			plan->follow_alt_val = a->follow_alt_val;
			plan->follow_alt_off = a->follow_alt_off;
		}
		if (!a->cap)
			continue;
		plan->kind[i] = a->cap;
		plan->lenarg[i] = a->lenarg;
		plan->size[i] = a->size;
		plan->elem[i] = a->elem;
		if (a->cap == LT_CAP_IOV_IN || a->cap == LT_CAP_IOV_OUT ||
		    a->cap == LT_CAP_MSG_IN || a->cap == LT_CAP_MSG_OUT)
			plan->iov = (uint8_t)i;
		else if (a->cap == LT_CAP_ARGV)
			plan->argv = (uint8_t)i;
		else if (a->cap == LT_CAP_COUNT)
			plan->count = (uint8_t)i;
		any = true;
	}
	return any;
}

/* Captures come and go with every call that copies something, thousands
 * in a round before the first of them is freed: past glibc's per-thread
 * cache, malloc and free were a tenth of lotrace's user time on dd. Freed
 * ones of up to 1 KiB wait here instead, by size class (64, 128, ... bytes
 * of data), CACHE_BYTES of them at most: as many as two rounds of records
 * hold at full rate (dd: ten thousand of 80 bytes). */
#define CACHE_CLASSES 5
#define CACHE_SMALLEST 64u
#ifdef __SANITIZE_ADDRESS__
/* AddressSanitizer: every capture goes back to the heap, where a use after
 * its free is caught */
#define CACHE_BYTES 0u
#else
#define CACHE_BYTES (4u << 20)
#endif

/* A kept capture links to the next of its class in its data, so that its
 * room stays as it was. */
static struct {
	struct capture *head[CACHE_CLASSES];
	size_t bytes;
} cache;

static struct capture *next_kept(const struct capture *c)
{
	struct capture *next;

	memcpy(&next, c->data, sizeof(next));
	return next;
}

static int size_class(size_t room)
{
	int k = 0;

	while (k < CACHE_CLASSES && (CACHE_SMALLEST << k) < room)
		k++;
	return k;	/* CACHE_CLASSES: too large to cache */
}

struct capture *capture_new(size_t len)
{
	int k = size_class(len);
	struct capture *c;

	if (len > UINT32_MAX - sizeof(*c))
		return NULL;
	if (k < CACHE_CLASSES && cache.head[k]) {
		c = cache.head[k];
		cache.head[k] = next_kept(c);
		cache.bytes -= c->room;
	} else {
		size_t room = k < CACHE_CLASSES ? CACHE_SMALLEST << k : len;

		c = malloc(sizeof(*c) + room);
		if (!c)
			return NULL;
		c->room = (uint32_t)room;
	}
	c->size = (uint32_t)len;
	return c;
}

void capture_free(struct capture *c)
{
	int k;

	if (!c)
		return;
	k = size_class(c->room);
	if (k < CACHE_CLASSES && (CACHE_SMALLEST << k) == c->room &&
	    cache.bytes + c->room <= CACHE_BYTES) {
		memcpy(c->data, &cache.head[k], sizeof(cache.head[k]));
		cache.head[k] = c;
		cache.bytes += c->room;
		return;
	}
	free(c);
}

void capture_trim(void)
{
	for (int k = 0; k < CACHE_CLASSES; k++) {
		while (cache.head[k]) {
			struct capture *c = cache.head[k];

			cache.head[k] = next_kept(c);
			free(c);
		}
	}
	cache.bytes = 0;
}

struct capture *capture_from_record(const void *bytes, size_t len)
{
	struct capture *c;

	if (!len || !(c = capture_new(len)))
		return NULL;
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
	c = capture_new(3 * sizeof(struct lt_cap) + path_len + pos + 4 + 24);
	if (!c)
		return NULL;
	off = append(c->data, off, 0, LT_CAP_PATH, 0, path, (uint32_t)path_len);
	c->data[off - ((path_len + 7) & ~7u) + path_len - 1] = '\0';
	off = append(c->data, off, 1, LT_CAP_ARGV, flags, strings, (uint32_t)pos);
	off = append(c->data, off, 2, LT_CAP_COUNT, 0, &count, sizeof(count));
	c->size = (uint32_t)off;
	return c;
}

struct capture *capture_join(struct capture *a, struct capture *b)
{
	struct capture *c = a;

	if (!a || !b)
		return a ? a : b;
	if ((size_t)a->size + b->size > a->room) {
		c = capture_new((size_t)a->size + b->size);
		if (!c) {
			capture_free(b);
			return NULL;
		}
		memcpy(c->data, a->data, a->size);
		c->size = a->size;
		capture_free(a);
	}
	memcpy(c->data + c->size, b->data, b->size);
	c->size += b->size;
	capture_free(b);
	return c;
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

bool capture_is_entry(const struct capture *c)
{
	const struct lt_cap *cap = c ? next_cap(c, NULL) : NULL;

	return cap && !cap->at_exit;
}

/* Each argument's capture, as capture_find chooses it, in one walk of c:
 * capture_decode asks for every argument, on both sides. */
#define INDEXED_ARGS 8

static void capture_index(const struct capture *c, const struct lt_cap *by_arg[INDEXED_ARGS])
{
	for (int i = 0; i < INDEXED_ARGS; i++)
		by_arg[i] = NULL;
	if (!c)
		return;
	for (const struct lt_cap *cap = next_cap(c, NULL); cap; cap = next_cap(c, cap))
		if (cap->arg < INDEXED_ARGS && (!by_arg[cap->arg] || !(cap->flags & LT_CAPF_FAULT)))
			by_arg[cap->arg] = cap;
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

/* strace's printstr_ex of a NUL-terminated string: cut at limit bytes,
 * "..." when no NUL came before the limit (hard: the kernel reads no more
 * than limit bytes, copied as many) or past it (the copy holds a byte
 * more than a -s or PATH_MAX limit, to see it). */
static void cstr_arg(struct dcall *d, struct darg *a, const struct lt_cap *cap, size_t limit,
		     bool hard)
{
	size_t len = strnlen((const char *)capture_bytes(cap), cap->len);

	str_arg(d, a, capture_bytes(cap), len < limit ? len : limit,
		hard ? len >= limit : len > limit);
}

static void render_mem(const struct rctx *x, struct darg *a,
		       const struct lt_cap *cap)
{
	struct dcall *d = x->d;
	struct xbuf b;

	dt_begin(d, &b);
	if (x->rule->render && x->rule->render(x, capture_bytes(cap), cap->len, &b))
		dt_arg(d, a, &b);
}

/* A buffer its row prints its own way (sendto's netlink messages); false
 * when it prints as bytes after all. */
static bool render_buf(const struct rctx *x, struct darg *a, const struct lt_cap *cap)
{
	struct dcall *d = x->d;
	struct xbuf b;

	if (!x->rule->render)
		return false;
	dt_begin(d, &b);
	if (!x->rule->render(x, capture_bytes(cap), cap->len, &b))
		return false;
	dt_arg(d, a, &b);
	return true;
}

/* Room kept after the elements for ", ...]" and its NUL. */
#define ARGV_TAIL 8

static void render_argv(struct dcall *d, struct darg *a, const struct lt_cap *cap,
			unsigned strsize)
{
	const uint8_t *b = capture_bytes(cap);
	bool cut = cap->flags & (LT_CAPF_MORE | LT_CAPF_FAULT);
	char text[2048];
	size_t n = 0, pos = 0;
	int count = 0;

	text[n++] = '[';
	while (pos < cap->len && n < sizeof(text) - 16) {
		size_t len = strnlen((const char *)b + pos, cap->len - pos);
		/* the program copies one character past -s, or all it can */
		bool more = len > strsize || len >= LT_ARGV_STR_MAX;

		if (count == LT_ARGV_MAX) {	/* strace's limit */
			cut = true;
			break;
		}
		if (count++)
			n += (size_t)snprintf(text + n, sizeof(text) - n, ", ");
		n += quote(text + n, sizeof(text) - n - ARGV_TAIL, b + pos, more ? strsize : len,
			   more, QUOTE_STRING, d->style.hex);
		pos += len + 1;
	}
	if (cut)
		n += (size_t)snprintf(text + n, sizeof(text) - n, count ? ", ..." : "...");
	snprintf(text + n, sizeof(text) - n, "]");
	sym(d, a, text);
}

/* execve's environment: strace's "0x7ffd... / * 12 vars * /" (without the
 * inner spaces), "unterminated" when an element could not be read after
 * others were, the bare pointer when the first could not be. */
static void render_count(struct dcall *d, struct darg *a, const struct lt_cap *cap)
{
	uint32_t count[2] = { 0, 0 };
	char text[80];

	if (cap->len < 4)
		return;
	memcpy(count, capture_bytes(cap), cap->len >= 8 ? 8 : 4);
	if (count[1] && !count[0])
		return;
	snprintf(text, sizeof(text), "%#llx /* %u var%s%s */", (unsigned long long)a->value,
		 count[0], count[0] == 1 ? "" : "s", count[1] ? ", unterminated" : "");
	sym(d, a, text);
}

/* The value of the argument that gives the length of buffer argument i. */
static uint64_t buffer_length(const struct call *c, const struct dcall *d, int i)
{
	int len = table_get(c->nr)->arg[i].lenarg;

	return len < d->nargs ? c->args[len] : 0;
}

/* A copy that failed at entry and again at exit: the pointer, marked, so
 * that it is never taken for the argument's value; plain when the call
 * itself said EFAULT or the address is in no readable mapping, where
 * strace cannot read it either and prints it so. */
static void mark_unreadable(const struct call *c, struct dcall *d, struct darg *a,
			    uint8_t cap_flags)
{
	char text[64];

	if (!c->returned || c->ret == -EFAULT)
		return;
	/* in no readable mapping: strace could not read it either */
	if (cap_flags & LT_CAPF_UNMAPPED)
		return;
	snprintf(text, sizeof(text), "%#llx /* unreadable */", (unsigned long long)a->value);
	sym(d, a, text);
}

static bool is_string(uint8_t kind)
{
	return kind == LT_CAP_PATH || kind == LT_CAP_STR || kind == LT_CAP_BUF_IN ||
	       kind == LT_CAP_BUF_OUT || kind == LT_CAP_STR_OUT;
}

static void decode_one(const struct rctx *x, const struct lt_cap *cap)
{
	const struct call *c = x->c;
	struct dcall *d = x->d;
	struct darg *a = &d->arg[x->i];
	const uint8_t *b = capture_bytes(cap);
	unsigned strsize = x->strsize;
	bool ok = c->returned && c->ret >= 0;
	size_t len;

	/* -e verbose= without this syscall: only strings, as strace */
	if (d->style.no_structs && !is_string(cap->kind))
		return;
	if (cap->kind == LT_CAP_MEM_ERR && !render_restarted(c))
		return;	/* the kernel wrote nothing there: strace's pointer */
	if (cap->flags & LT_CAPF_FAULT && cap->kind != LT_CAP_ARGV) {
		mark_unreadable(c, d, a, cap->flags);	/* never a guess */
		return;
	}
	switch (cap->kind) {
	case LT_CAP_PATH:
		/* strace's printpath: PATH_MAX - 1 bytes */
		cstr_arg(d, a, cap, LT_PATH_MAX - 1, false);
		break;
	case LT_CAP_STR:
		if (x->rule->size && x->rule->size <= strsize)
			cstr_arg(d, a, cap, x->rule->size, true);
		else if (strsize >= LT_STR_MAX)	/* -s past what the program copies */
			cstr_arg(d, a, cap, LT_STR_MAX, true);
		else
			cstr_arg(d, a, cap, strsize, false);
		break;
	case LT_CAP_BUF_IN:
		/* -e write= has the program copy more than -s shows */
		len = cap->len < strsize ? cap->len : strsize;
		if (c->entered && !render_buf(x, a, cap))
			str_arg(d, a, b, len, buffer_length(c, d, x->i) > len);
		break;
	case LT_CAP_BUF_OUT:
		len = cap->len < strsize ? cap->len : strsize;
		if (ok && !render_buf(x, a, cap))
			str_arg(d, a, b, len, (uint64_t)c->ret > len);
		break;
	case LT_CAP_STR_OUT:
		if (ok) {
			len = strnlen((const char *)b, cap->len);
			str_arg(d, a, b, len, false);
		}
		break;
	case LT_CAP_MEM_IN:
	case LT_CAP_MEM_INOUT:
	case LT_CAP_ADDR_IN:
	case LT_CAP_ARR_IN:
	case LT_CAP_ARR_INOUT:
	case LT_CAP_IOV_IN:
	case LT_CAP_IOV_OUT:	/* its pointers even when the call failed */
	case LT_CAP_MSG_IN:
	case LT_CAP_MSG_OUT:
	case LT_CAP_IOCTL:	/* the request says which way: render_ioctl */
		render_mem(x, a, cap);
		break;
	case LT_CAP_MEM_OUT:
	case LT_CAP_ARR_OUT:
	case LT_CAP_ADDR_OUT:
	case LT_CAP_DIRENTS:
		if (ok)
			render_mem(x, a, cap);
		break;
	case LT_CAP_MEM_ERR:
		render_mem(x, a, cap);
		break;
	case LT_CAP_ARGV:
		render_argv(d, a, cap, strsize);
		break;
	case LT_CAP_COUNT:
		render_count(d, a, cap);
		break;
	}
}

void capture_decode(const struct call *c, struct dcall *d, unsigned strsize)
{
	const struct sc_info *row = table_get(c->nr);
	const struct lt_cap *ins[INDEXED_ARGS], *outs[INDEXED_ARGS];

	if (!c->cap_enter && !c->cap_exit)
		return;
	capture_index(c->cap_enter, ins);
	capture_index(c->cap_exit, outs);
	for (int i = 0; i < d->nargs && i < INDEXED_ARGS; i++) {
		const struct lt_cap *in = ins[i], *out = outs[i];
		const struct lt_cap *cap = cap_usable(in) ? in : out ? out : in;

		/* writev's buffers copied again at exit, some having failed */
		if (in && in->kind == LT_CAP_IOV_IN && cap_usable(out))
			cap = out;
		/* NULL prints as NULL, as strace prints it */
		if (cap && c->entered && c->args[i] && !d->arg[i].keep) {
			struct rctx x = {
				.c = c, .d = d, .i = i, .in = cap_usable(in), .out = cap_usable(out),
				.rule = &row->arg[i],
				.strsize = strsize,
			};

			decode_one(&x, cap);
		}
	}
	if (row->result && !d->style.no_structs)
		row->result(c, d);
}

bool capture_cstring(const struct call *c, struct dcall *d, int i, size_t limit)
{
	const struct lt_cap *cap = capture_find(c->cap_enter, i);
	struct darg *a = darg_at(d, i);

	if (!a)
		return false;
	a->keep = true;
	if (!c->args[i]) {
		decode_fmt(d, a, F_PTR, NULL, NULL);
		return false;
	}
	if (!cap || cap->flags & LT_CAPF_FAULT) {
		decode_fmt(d, a, F_PTR, NULL, NULL);
		if (cap)
			mark_unreadable(c, d, a, cap->flags);
		return false;
	}
	if (limit <= d->strsize)
		cstr_arg(d, a, cap, limit, true);
	else
		cstr_arg(d, a, cap, d->strsize, false);
	return true;
}

size_t capture_quote(char *out, size_t room, const uint8_t *s, size_t len, bool more,
		     int hex)
{
	return quote(out, room, s, len, more, QUOTE_STRING, (enum hex_style)hex);
}
