/* The --hist sink: a latency histogram per syscall under the -c table,
 * from the kernel's buckets (-c alone with the BPF program) or from the
 * calls, each a call's time from its entry to its exit. */
#include "sink/hist.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sink/sink.h"
#include "syscalls/systab.h"

#define BAR_WIDTH 52	/* bpftrace's */

int hist_bucket(uint64_t v)
{
	int i = v ? 64 - __builtin_clzll(v) : 0;

	return i < HIST_BUCKETS ? i : HIST_BUCKETS - 1;
}

/* 2^power as bpftrace writes a bucket's bound: 1, 2, ... 512, 1K ... */
static void label(char *buf, size_t len, int power)
{
	static const char *const suffix[] = { "", "K", "M", "G", "T" };
	int k = power / 10 < 4 ? power / 10 : 4;

	snprintf(buf, len, "%llu%s", 1ull << (power - 10 * k), suffix[k]);
}

void hist_print(FILE *out, const uint64_t *bucket, int n)
{
	int lo = -1, hi = -1;
	uint64_t max = 0;

	for (int i = 0; i < n; i++) {
		if (!bucket[i])
			continue;
		if (lo < 0)
			lo = i;
		hi = i;
		if (bucket[i] > max)
			max = bucket[i];
	}
	for (int i = lo; lo >= 0 && i <= hi; i++) {
		char head[64], a[24], b[24], bar[BAR_WIDTH + 1];
		/* bpftrace's arithmetic: the count over the largest, in float */
		int width = (int)(bucket[i] / (float)max * BAR_WIDTH);

		if (i < 2) {
			snprintf(head, sizeof(head), "[%d]", i);
		} else {
			label(a, sizeof(a), i - 1);
			label(b, sizeof(b), i);
			snprintf(head, sizeof(head), "[%s, %s)", a, b);
		}
		memset(bar, '@', (size_t)width);
		bar[width] = '\0';
		fprintf(out, "%-16s%8" PRIu64 " |%-*s|\n", head, bucket[i], BAR_WIDTH, bar);
	}
}

struct hist_row {
	const char *name;
	uint64_t calls;		/* as the -c table counts them */
	uint64_t time_ns;	/* of the calls in the buckets, for the order */
	uint64_t bucket[HIST_BUCKETS];
};

struct hist_sink {
	struct sink base;
	struct sink_env env;
	struct hist_row *rows;	/* by syscall number */
	int nrows;
};

static void hist_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct hist_sink *h = (struct hist_sink *)s;
	struct hist_row *r;
	uint64_t d;

	/* the calls the -c table counts: those that returned */
	if ((what != PAIR_EXIT && what != PAIR_CALL) || !c->returned || c->nr < 0 ||
	    c->nr >= h->nrows)
		return;
	r = &h->rows[c->nr];
	r->calls++;
	if (!c->entered || c->late)
		return;	/* begun before lotrace looked: no time to put anywhere */
	d = c->ts_exit - c->ts_enter;
	r->time_ns += d;
	r->bucket[hist_bucket(d)]++;
}

static void hist_counts(struct sink *s, int nr, const struct event_sums *sums)
{
	struct hist_sink *h = (struct hist_sink *)s;

	if (nr < 0 || nr >= h->nrows)
		return;
	h->rows[nr].calls += sums->calls;
	h->rows[nr].time_ns += sums->time_ns;
}

static void hist_kernel(struct sink *s, int nr, const uint64_t *bucket, int n)
{
	struct hist_sink *h = (struct hist_sink *)s;

	if (nr < 0 || nr >= h->nrows)
		return;
	for (int i = 0; i < n && i < HIST_BUCKETS; i++)
		h->rows[nr].bucket[i] += bucket[i];
}

static int by_time(const void *a, const void *b)
{
	const struct hist_row *x = *(struct hist_row *const *)a, *y = *(struct hist_row *const *)b;

	if (x->time_ns != y->time_ns)
		return x->time_ns < y->time_ns ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct hist_row *const *)a)->name, (*(struct hist_row *const *)b)->name);
}

/* Under the table, slowest first (by name with -S name): "NAME:", its
 * buckets, and the calls that have none. */
static void hist_finish(struct sink *s)
{
	struct hist_sink *h = (struct hist_sink *)s;
	struct hist_row **used = calloc((size_t)h->nrows, sizeof(*used));
	size_t n = 0;

	if (!used)
		return;
	for (int nr = 0; nr < h->nrows; nr++) {
		struct hist_row *r = &h->rows[nr];

		if (!r->calls)
			continue;
		r->name = systab_name(nr) ? systab_name(nr) :
					     formats_syscall(h->env.formats, nr)->name;
		used[n++] = r;
	}
	qsort(used, n, sizeof(*used), h->env.opts->sort == SORT_NAME ? by_name : by_time);
	for (size_t i = 0; i < n; i++) {
		uint64_t in = 0;

		for (int b = 0; b < HIST_BUCKETS; b++)
			in += used[i]->bucket[b];
		fprintf(h->env.out, "\n%s:\n", used[i]->name);
		hist_print(h->env.out, used[i]->bucket, HIST_BUCKETS);
		if (used[i]->calls > in)
			fprintf(h->env.out, "(%" PRIu64 " calls whose start lotrace did not see: no latency)\n",
				used[i]->calls - in);
	}
	fflush(h->env.out);
	free(used);
}

static void hist_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	(void)s;
	(void)k;
	(void)e;
}

static void hist_lost(struct sink *s, int cpu, uint64_t count, uint64_t ts)
{
	(void)s;
	(void)cpu;
	(void)count;
	(void)ts;
}

static void hist_usdt(struct sink *s, const struct task *k, const struct usdt_hit *hit)
{
	(void)s;
	(void)k;
	(void)hit;
}

static void hist_free(struct sink *s)
{
	free(((struct hist_sink *)s)->rows);
	free(s);
}

static const struct sink_ops hist_ops = {
	.call = hist_call,
	.task_end = hist_task_end,
	.lost = hist_lost,
	.usdt = hist_usdt,
	.counts = hist_counts,
	.hist = hist_kernel,
	.finish = hist_finish,
	.free = hist_free,
};

struct sink *sink_hist_new(const struct sink_env *env)
{
	struct hist_sink *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->base.ops = &hist_ops;
	h->env = *env;
	h->nrows = systab_size();
	h->rows = calloc((size_t)h->nrows, sizeof(*h->rows));
	if (!h->rows) {
		free(h);
		return NULL;
	}
	return &h->base;
}
