/* The strace-compatible text sink. A call's line is held until its exit
 * arrives so it prints whole; when another task's event comes first, the
 * held call is printed as "<unfinished ...>" and its exit later as
 * "<... NAME resumed>", exactly the lines strace prints. */
#include "sink.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture.h"
#include "decode.h"
#include "errtab.h"
#include "siginfo.h"
#include "signames.h"

/* Errnos from this one up are the kernel's own (ERESTARTSYS, ...). */
#define KERNEL_ERRNO_MIN 512

struct text_sink {
	struct sink base;
	struct sink_env env;
	bool held;		/* hold: a call whose exit has not come yet */
	struct call hold;
	uint64_t prev_ts;	/* -r */
	struct dcall d;
	char line[8192];
	size_t len;
};

static void put(struct text_sink *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct text_sink *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len >= sizeof(t->line) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->line + t->len, sizeof(t->line) - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n < sizeof(t->line) - t->len ? (size_t)n : sizeof(t->line) - t->len - 1;
}

/* The hot path appends without printf: a trace line is mostly names and
 * numbers, and vfprintf was the largest cost of text output. */
static void put_mem(struct text_sink *t, const char *s, size_t n)
{
	size_t room = sizeof(t->line) - 1 - t->len;

	if (n > room)
		n = room;
	memcpy(t->line + t->len, s, n);
	t->len += n;
}

static void put_str(struct text_sink *t, const char *s)
{
	put_mem(t, s, strlen(s));
}

static void put_u64(struct text_sink *t, uint64_t v)
{
	char buf[24];
	int i = sizeof(buf);

	do
		buf[--i] = (char)('0' + v % 10);
	while (v /= 10);
	put_mem(t, buf + i, sizeof(buf) - i);
}

static void put_i64(struct text_sink *t, int64_t v)
{
	if (v < 0) {
		put_mem(t, "-", 1);
		put_u64(t, -(uint64_t)v);
	} else {
		put_u64(t, (uint64_t)v);
	}
}

static void put_hex(struct text_sink *t, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[18];
	int i = sizeof(buf);

	if (!v) {	/* as printf's %#x: plain 0 */
		put_mem(t, "0", 1);
		return;
	}
	do
		buf[--i] = digits[v & 15];
	while (v >>= 4);
	buf[--i] = 'x';
	buf[--i] = '0';
	put_mem(t, buf + i, sizeof(buf) - i);
}

static void flush_line(struct text_sink *t)
{
	fwrite(t->line, 1, t->len, t->env.out);
	fputc('\n', t->env.out);
	t->len = 0;
}

static void leader(struct text_sink *t, const struct task *k, uint64_t ts)
{
	const struct opts *o = t->env.opts;

	t->len = 0;
	/* strace: with -o and -f every line starts with the pid; otherwise
	 * "[pid N] " once more than one task is traced */
	if (o->outfile && o->follow)
		put(t, "%-5u ", k->tid);	/* strace's spacing for -o with -f */
	else if (tasks_alive(t->env.tasks) > 1 || o->npids > 1)
		put(t, "[pid %5u] ", k->tid);

	if (o->ts != TS_NONE) {
		int64_t wall = (int64_t)ts + t->env.wall_offset;
		time_t sec = (time_t)(wall / 1000000000);
		long nsec = (long)(wall % 1000000000);
		struct tm tm;

		if (o->ts == TS_EPOCH) {
			put(t, "%lld.%06ld ", (long long)sec, nsec / 1000);
		} else {
			localtime_r(&sec, &tm);
			put(t, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
			if (o->ts == TS_WALL_US)
				put(t, ".%06ld", nsec / 1000);
			put(t, " ");
		}
	}
	if (o->relative) {
		uint64_t d = t->prev_ts && ts > t->prev_ts ? ts - t->prev_ts : 0;

		put(t, "%6" PRIu64 ".%06" PRIu64 " ", d / 1000000000, d % 1000000000 / 1000);
		t->prev_ts = ts;
	}
}

static void put_arg(struct text_sink *t, const struct darg *a)
{
	switch (a->kind) {
	case DARG_INT:
		put_i64(t, (int64_t)a->value);
		break;
	case DARG_UINT:
		put_u64(t, a->value);
		break;
	case DARG_HEX:
		put_hex(t, a->value);
		break;
	case DARG_PTR:
		if (a->value)
			put_hex(t, a->value);
		else
			put_str(t, "NULL");
		break;
	case DARG_SYM:
		put_str(t, a->text);
		break;
	case DARG_STR:
		t->len += capture_quote(t->line + t->len, sizeof(t->line) - t->len,
					(const uint8_t *)a->text, a->len, a->more);
		break;
	}
}

static void put_head(struct text_sink *t, const struct call *c)
{
	sink_decode(&t->env, c, &t->d);
	leader(t, c->task, c->ts_enter);
	put_str(t, t->d.name);
	put_mem(t, "(", 1);
	for (int i = 0, shown = 0; i < t->d.nargs; i++) {
		const struct darg *a = &t->d.arg[i];

		if (a->hidden)	/* strace leaves it out (openat's mode) */
			continue;
		if (shown++)
			put_mem(t, ", ", 2);
		if (a->label) {
			put_str(t, a->label);
			put_mem(t, "=", 1);
		}
		put_arg(t, a);
	}
}

static void put_result(struct text_sink *t, const struct call *c)
{
	const struct dcall *d = &t->d;

	while (t->len < t->env.opts->columns && t->len < sizeof(t->line) - 1)
		t->line[t->len++] = ' ';
	switch (d->ret_kind) {
	case DRET_NONE:
		put_mem(t, "= ?", 3);
		break;
	case DRET_INT:
	case DRET_HEX:
		put_mem(t, "= ", 2);
		if (d->ret_text)	/* "0x1 (flags FD_CLOEXEC)", "022" */
			put_str(t, d->ret_text);
		else if (d->ret_kind == DRET_HEX)
			put_hex(t, (uint64_t)d->ret);
		else
			put_i64(t, d->ret);
		break;
	case DRET_ERR: {
		const char *name = errtab_name(d->err);
		/* the kernel's internal restart codes never reach user space
		 * as -1: strace shows the call's result as unknown */
		const char *ret = d->err >= KERNEL_ERRNO_MIN ? "?" : "-1";

		if (name)
			put(t, "= %s %s (%s)", ret, name, errtab_message(d->err));
		else
			put(t, "= %s (errno %d)", ret, d->err);
		break;
	}
	}
	if (t->env.opts->syscall_times && c->entered && c->returned) {
		uint64_t dur = c->ts_exit - c->ts_enter;

		put(t, " <%" PRIu64 ".%06" PRIu64 ">", dur / 1000000000, dur % 1000000000 / 1000);
	}
	flush_line(t);
}

static void print_unfinished(struct text_sink *t)
{
	put_head(t, &t->hold);
	put(t, " <unfinished ...>");
	flush_line(t);
	t->hold.task->pending.shown = true;
	t->held = false;
}

static bool wanted(const struct text_sink *t, const struct call *c)
{
	bool failed = c->returned && decode_is_error(c->ret);

	switch (t->env.opts->status) {
	case STATUS_FAILED:
		return failed;
	case STATUS_SUCCESSFUL:
		return c->returned && !failed;
	default:
		return true;
	}
}

static void text_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct text_sink *t = (struct text_sink *)s;
	bool filtered = t->env.opts->status != STATUS_ALL;

	/* with a status filter only whole calls print, at their exit */
	if (what == PAIR_ENTER && filtered)
		return;
	if (t->held && t->hold.task != c->task)
		print_unfinished(t);

	if (what == PAIR_ENTER) {
		t->hold = *c;
		t->held = true;
		return;
	}
	if (!wanted(t, c)) {
		t->held = false;
		return;
	}
	if (t->held || (c->entered && !c->task->pending.shown) || filtered) {
		/* the whole call on one line */
		put_head(t, c);
		put_mem(t, ") ", 2);
	} else {
		sink_decode(&t->env, c, &t->d);
		leader(t, c->task, c->returned ? c->ts_exit : c->ts_enter);
		put(t, "<... %s resumed>) ", t->d.name);
	}
	t->held = false;
	put_result(t, c);
}

static void text_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	struct text_sink *t = (struct text_sink *)s;
	char buf[16];

	if (t->held)
		print_unfinished(t);
	leader(t, k, e->ts);
	if (e->signal)
		put(t, "+++ killed by %s%s +++", signame(e->signal, buf, sizeof(buf)),
		    e->core ? " (core dumped)" : "");
	else
		put(t, "+++ exited with %d +++", e->code);
	flush_line(t);
}

/* An argument as its type says: a string copied at the hit, a pointer in
 * hex, a float, an integer with its sign. */
static void put_usdt_arg(struct text_sink *t, const struct usdt_hit *h, int i)
{
	const struct usdt_arg *a = &h->probe->args[i];
	bool str = (h->as_string >> i) & 1, ptr = str || a->type == USDT_TYPE_POINTER;
	size_t max = t->env.opts->strsize;
	char num[64];

	if (h->failed & (1u << i)) {
		put_mem(t, "?", 1);	/* not readable at the probe: never a guess */
	} else if (ptr && !h->val[i]) {
		put_str(t, "NULL");
	} else if (str && h->str[i]) {
		t->len += capture_quote(t->line + t->len, sizeof(t->line) - t->len,
					(const uint8_t *)h->str[i],
					h->str_len[i] > max ? max : h->str_len[i],
					h->str_len[i] > max || (h->str_cut >> i) & 1);
	} else if (ptr) {
		put_hex(t, h->val[i]);	/* --no-bpf, or the copy failed */
	} else if (a->type == USDT_TYPE_FLOAT) {
		usdt_float_text(a, h->val[i], num, sizeof(num));
		put_str(t, num);
	} else if (a->is_signed) {
		put_i64(t, (int64_t)h->val[i]);
	} else {
		put_u64(t, h->val[i]);
	}
}

static void text_usdt(struct sink *s, const struct task *k, const struct usdt_hit *h)
{
	struct text_sink *t = (struct text_sink *)s;
	char num[256];

	if (t->held)
		print_unfinished(t);
	if (t->env.opts->status != STATUS_ALL)
		return;
	leader(t, k, h->ts);
	put_str(t, "usdt:");
	put_str(t, usdt_shown(h->probe->provider, num, sizeof(num)));
	put_mem(t, ":", 1);
	put_str(t, usdt_shown(h->probe->name, num, sizeof(num)));
	put_mem(t, "(", 1);
	for (int i = 0; i < h->nargs; i++) {
		if (i)
			put_mem(t, ", ", 2);
		put_usdt_arg(t, h, i);
	}
	put_mem(t, ")", 1);
	flush_line(t);
}

static void text_signal(struct sink *s, const struct task *k, int sig, const void *info,
			size_t len, uint64_t ts)
{
	struct text_sink *t = (struct text_sink *)s;
	char name[16], text[512];

	if (t->held)
		print_unfinished(t);
	if (t->env.opts->status != STATUS_ALL)
		return;
	siginfo_format(text, sizeof(text), sig, info, len);
	leader(t, k, ts);
	put_str(t, "--- ");
	put_str(t, signame(sig, name, sizeof(name)));
	put_mem(t, " ", 1);
	put_str(t, text);
	put_str(t, " ---");
	flush_line(t);
}

static void text_lost(struct sink *s, int cpu, uint64_t count, uint64_t ts)
{
	(void)s;
	(void)cpu;
	(void)count;
	(void)ts;
	/* reported on stderr by main as they happen */
}

static void text_finish(struct sink *s)
{
	struct text_sink *t = (struct text_sink *)s;

	if (t->held)
		print_unfinished(t);
	fflush(t->env.out);
}

static void text_free(struct sink *s)
{
	free(s);
}

static const struct sink_ops text_ops = {
	.call = text_call,
	.task_end = text_task_end,
	.lost = text_lost,
	.usdt = text_usdt,
	.signal = text_signal,
	.finish = text_finish,
	.free = text_free,
};

struct sink *sink_text_new(const struct sink_env *env)
{
	struct text_sink *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->base.ops = &text_ops;
	t->env = *env;
	return &t->base;
}
