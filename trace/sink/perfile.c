/* -ff with -o PREFIX: each thread's trace in its own file PREFIX.TID, as
 * strace writes it. One text (or JSON) sink per thread, created at the
 * thread's first line and closed at its end, so a thread's call is never
 * cut by another thread's line. */
#include "sink/sink.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PERFILE_BUCKETS 256

struct perfile_entry {
	uint32_t tid;
	FILE *out;
	struct sink *sink;
	struct perfile_entry *next;
};

struct perfile_sink {
	struct sink base;
	struct sink_env env;
	struct perfile_entry *bucket[PERFILE_BUCKETS];
	bool said;		/* a file could not be opened: said once */
};

static struct perfile_entry **slot(struct perfile_sink *p, uint32_t tid)
{
	struct perfile_entry **e = &p->bucket[tid % PERFILE_BUCKETS];

	while (*e && (*e)->tid != tid)
		e = &(*e)->next;
	return e;
}

/* The sink of thread tid, its file opened on first use (appended to when
 * the thread had one before, or with -A). */
static struct sink *sink_of(struct perfile_sink *p, uint32_t tid, bool again)
{
	struct perfile_entry **e = slot(p, tid), *n;
	struct sink_env env = p->env;
	char path[4096];

	if (*e)
		return (*e)->sink;
	snprintf(path, sizeof(path), "%s.%u", p->env.opts->outfile, tid);
	n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	n->tid = tid;
	n->out = fopen(path, again || p->env.opts->append ? "ae" : "we");
	if (!n->out) {
		if (!p->said)
			fprintf(stderr, "lotrace: cannot open output file '%s': %s\n", path,
				strerror(errno));
		p->said = true;
		free(n);
		return NULL;
	}
	env.out = n->out;
	n->sink = p->env.opts->json ? sink_json_new(&env) : sink_text_new(&env);
	if (!n->sink) {
		fclose(n->out);
		free(n);
		return NULL;
	}
	*e = n;
	return n->sink;
}

static void drop(struct perfile_entry **e)
{
	struct perfile_entry *n = *e;

	n->sink->ops->finish(n->sink);
	n->sink->ops->free(n->sink);
	fclose(n->out);
	*e = n->next;
	free(n);
}

static void perfile_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct sink *t = sink_of((struct perfile_sink *)s, c->task->tid, false);

	if (t)
		t->ops->call(t, what, c);
}

static void perfile_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	struct perfile_sink *p = (struct perfile_sink *)s;
	struct sink *t = sink_of(p, k->tid, true);
	struct perfile_entry **slotp;

	if (!t)
		return;
	t->ops->task_end(t, k, e);
	slotp = slot(p, k->tid);
	if (*slotp)
		drop(slotp);
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
	struct sink *t = sink_of((struct perfile_sink *)s, k->tid, false);

	if (t)
		t->ops->usdt(t, k, h);
}

static void perfile_signal(struct sink *s, const struct task *k, int sig, const void *info,
			   size_t len, uint64_t ts)
{
	struct sink *t = sink_of((struct perfile_sink *)s, k->tid, false);

	if (t && t->ops->signal)
		t->ops->signal(t, k, sig, info, len, ts);
}

static void perfile_finish(struct sink *s)
{
	struct perfile_sink *p = (struct perfile_sink *)s;

	for (int i = 0; i < PERFILE_BUCKETS; i++)
		for (struct perfile_entry *n = p->bucket[i]; n; n = n->next) {
			n->sink->ops->finish(n->sink);
			fflush(n->out);
		}
}

static void perfile_free(struct sink *s)
{
	struct perfile_sink *p = (struct perfile_sink *)s;

	for (int i = 0; i < PERFILE_BUCKETS; i++)
		while (p->bucket[i])
			drop(&p->bucket[i]);
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
