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

#include "decode.h"
#include "errtab.h"
#include "signames.h"

/* strace's default column for " = result" */
#define RESULT_COLUMN 40

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
		put(t, "%-5u ", k->tid);
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
		put(t, "%" PRId64, (int64_t)a->value);
		break;
	case DARG_UINT:
		put(t, "%" PRIu64, a->value);
		break;
	case DARG_HEX:
		put(t, "%#" PRIx64, a->value);
		break;
	case DARG_PTR:
		if (a->value)
			put(t, "%#" PRIx64, a->value);
		else
			put(t, "NULL");
		break;
	case DARG_SYM:
		put(t, "%s", a->text);
		break;
	}
}

static void put_head(struct text_sink *t, const struct call *c)
{
	decode_call(t->env.formats, c, &t->d);
	leader(t, c->task, c->ts_enter);
	put(t, "%s(", t->d.name);
	for (int i = 0; i < t->d.nargs; i++) {
		if (i)
			put(t, ", ");
		put_arg(t, &t->d.arg[i]);
	}
}

static void put_result(struct text_sink *t, const struct call *c)
{
	const struct dcall *d = &t->d;

	if (t->len < RESULT_COLUMN)
		put(t, "%*s", (int)(RESULT_COLUMN - t->len), "");
	switch (d->ret_kind) {
	case DRET_NONE:
		put(t, "= ?");
		break;
	case DRET_INT:
		put(t, "= %" PRId64, d->ret);
		break;
	case DRET_HEX:
		put(t, "= %#" PRIx64, (uint64_t)d->ret);
		break;
	case DRET_ERR: {
		const char *name = errtab_name(d->err);

		if (name)
			put(t, "= -1 %s (%s)", name, errtab_message(d->err));
		else
			put(t, "= -1 (errno %d)", d->err);
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
		put(t, ") ");
	} else {
		decode_call(t->env.formats, c, &t->d);
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
	if (t->env.opts->status != STATUS_ALL)
		return;
	leader(t, k, e->ts);
	if (e->signal)
		put(t, "+++ killed by %s%s +++", signame(e->signal, buf, sizeof(buf)),
		    e->core ? " (core dumped)" : "");
	else
		put(t, "+++ exited with %d +++", e->code);
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
