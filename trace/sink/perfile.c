/* -ff with -o PREFIX: each thread's trace in its own file PREFIX.TID, as
 * strace writes it. One text (or JSON) sink per thread, created at the
 * thread's first line and closed at its end, so a thread's call is never
 * cut by another thread's line. */
#include "sink/sink.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/outfile.h"

#define PERFILE_BUCKETS 256

struct perfile_entry {
	uint32_t tid;
	struct outfile *out;
	struct sink *sink;
	struct perfile_entry *next;
};

struct perfile_sink {
	struct sink base;
	struct sink_env env;
	struct perfile_entry *bucket[PERFILE_BUCKETS];
	/* the first file that could not be opened, written or closed: the
	 * tracer says it once, and the run fails */
	int err;
	bool opening;		/* err is from opening it */
	char err_path[PATH_MAX];
};

static void failed(struct perfile_sink *p, int err, bool opening, const char *path)
{
	if (p->err || !err)
		return;
	p->err = err;
	p->opening = opening;
	snprintf(p->err_path, sizeof(p->err_path), "%s", path);
}

/* A write that failed shows in the entry's outfile once stdio flushed. */
static void check(struct perfile_sink *p, const struct perfile_entry *n)
{
	if (!p->err)
		failed(p, outfile_error(n->out), false, outfile_name(n->out));
}

static struct perfile_entry **slot(struct perfile_sink *p, uint32_t tid)
{
	struct perfile_entry **e = &p->bucket[tid % PERFILE_BUCKETS];

	while (*e && (*e)->tid != tid)
		e = &(*e)->next;
	return e;
}

/* The entry of thread tid, its file opened on first use (appended to when
 * the thread had one before, or with -A). */
static struct perfile_entry *entry_of(struct perfile_sink *p, uint32_t tid, bool again)
{
	struct perfile_entry **e = slot(p, tid), *n;
	struct sink_env env = p->env;
	char path[PATH_MAX];

	if (*e)
		return *e;
	snprintf(path, sizeof(path), "%s.%u", p->env.opts->outfile, tid);
	n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	n->tid = tid;
	/* the name may be a FIFO of the traced program's making */
	n->out = outfile_open_nowait(path, again || p->env.opts->append);
	if (!n->out) {
		failed(p, errno ? errno : ENOMEM, true, path);
		free(n);
		return NULL;
	}
	env.out = outfile_stream(n->out);
	n->sink = p->env.opts->json ? sink_json_new(&env) : sink_text_new(&env);
	if (!n->sink) {
		outfile_close(n->out);
		free(n);
		return NULL;
	}
	*e = n;
	return n;
}

static void drop(struct perfile_sink *p, struct perfile_entry **e)
{
	struct perfile_entry *n = *e;
	char path[PATH_MAX];
	int err;

	n->sink->ops->finish(n->sink);
	n->sink->ops->free(n->sink);
	snprintf(path, sizeof(path), "%s", outfile_name(n->out));
	err = outfile_close(n->out);
	failed(p, err, false, path);
	*e = n->next;
	free(n);
}

static void perfile_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct perfile_sink *p = (struct perfile_sink *)s;
	struct perfile_entry *n = entry_of(p, c->task->tid, false);

	if (!n)
		return;
	n->sink->ops->call(n->sink, what, c);
	check(p, n);
}

static void perfile_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	struct perfile_sink *p = (struct perfile_sink *)s;
	struct perfile_entry *n = entry_of(p, k->tid, true);

	if (!n)
		return;
	n->sink->ops->task_end(n->sink, k, e);
	drop(p, slot(p, k->tid));
}

static void perfile_lost(struct sink *s, int cpu, uint64_t count, uint64_t ts)
{
	(void)s;
	(void)cpu;
	(void)count;
	(void)ts;
	/* said on stderr as they happen */
}

static void perfile_usdt(struct sink *s, const struct task *k, const struct usdt_hit *h)
{
	struct perfile_sink *p = (struct perfile_sink *)s;
	struct perfile_entry *n = entry_of(p, k->tid, false);

	if (!n)
		return;
	n->sink->ops->usdt(n->sink, k, h);
	check(p, n);
}

static void perfile_signal(struct sink *s, const struct task *k, int sig, const void *info,
			   size_t len, uint64_t ts)
{
	struct perfile_sink *p = (struct perfile_sink *)s;
	struct perfile_entry *n = entry_of(p, k->tid, false);

	if (!n || !n->sink->ops->signal)
		return;
	n->sink->ops->signal(n->sink, k, sig, info, len, ts);
	check(p, n);
}

/* Every file closed here, so that a failed close counts. */
static void perfile_finish(struct sink *s)
{
	struct perfile_sink *p = (struct perfile_sink *)s;

	for (int i = 0; i < PERFILE_BUCKETS; i++)
		while (p->bucket[i])
			drop(p, &p->bucket[i]);
}

static int perfile_write_error(struct sink *s, char *msg, size_t len)
{
	struct perfile_sink *p = (struct perfile_sink *)s;

	if (p->err && p->opening)
		snprintf(msg, len, "cannot open output file '%s': %s; the trace of a thread "
			 "without its file is lost", p->err_path, strerror(p->err));
	else if (p->err)
		snprintf(msg, len, "writing the trace to '%s' failed: %s; the rest of it is lost",
			 p->err_path, strerror(p->err));
	return p->err;
}

static void perfile_free(struct sink *s)
{
	struct perfile_sink *p = (struct perfile_sink *)s;

	perfile_finish(s);
	free(p);
}

static const struct sink_ops perfile_ops = {
	.call = perfile_call,
	.task_end = perfile_task_end,
	.lost = perfile_lost,
	.usdt = perfile_usdt,
	.signal = perfile_signal,
	.finish = perfile_finish,
	.free = perfile_free,
	.write_error = perfile_write_error,
};

struct sink *sink_perfile_new(const struct sink_env *env)
{
	struct perfile_sink *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->base.ops = &perfile_ops;
	p->env = *env;
	return &p->base;
}
