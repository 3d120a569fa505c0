#include "sink/summary.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "sink/sink.h"
#include "syscalls/systab.h"

/* strace widens the last column to the longest name and one more */
static void put_dashes(FILE *out, size_t width)
{
	fputs("------ ----------- ----------- --------- --------- ", out);
	for (size_t i = 0; i < width; i++)
		fputc('-', out);
	fputc('\n', out);
}

static int by_time(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;

	if (x->time_ns != y->time_ns)
		return x->time_ns < y->time_ns ? 1 : -1;
	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int by_calls(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return by_time(a, b);
}

static int by_errors(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;

	if (x->errors != y->errors)
		return x->errors < y->errors ? 1 : -1;
	return by_time(a, b);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct summary_row *)a)->name, ((const struct summary_row *)b)->name);
}

static void print_row(FILE *out, double pct, uint64_t ns, uint64_t calls, uint64_t errors,
		      const char *name)
{
	uint64_t per_call = calls ? ns / 1000 / calls : 0;

	fprintf(out, "%6.2f %11.6f %11" PRIu64 " %9" PRIu64 " ", pct, ns / 1e9, per_call, calls);
	if (errors)
		fprintf(out, "%9" PRIu64, errors);
	else
		fprintf(out, "%9s", "");
	fprintf(out, " %s\n", name);
}

void summary_print(FILE *out, struct summary_row *rows, size_t n, enum sort_key key,
		   uint64_t lost)
{
	static int (*const cmp[])(const void *, const void *) = {
		[SORT_TIME] = by_time,
		[SORT_CALLS] = by_calls,
		[SORT_NAME] = by_name,
		[SORT_ERRORS] = by_errors,
	};
	uint64_t total_ns = 0, total_calls = 0, total_errors = 0;
	size_t width = 16;

	qsort(rows, n, sizeof(*rows), cmp[key]);
	for (size_t i = 0; i < n; i++) {
		total_ns += rows[i].time_ns;
		total_calls += rows[i].calls;
		total_errors += rows[i].errors;
		if (strlen(rows[i].name) + 1 > width)
			width = strlen(rows[i].name) + 1;
	}
	fprintf(out, "%6.6s %11.11s %11.11s %9.9s %9.9s %s\n", "% time", "seconds",
		"usecs/call", "calls", "errors", "syscall");
	put_dashes(out, width);
	for (size_t i = 0; i < n; i++)
		print_row(out, total_ns ? 100.0 * rows[i].time_ns / total_ns : 0.0,
			  rows[i].time_ns, rows[i].calls, rows[i].errors, rows[i].name);
	if (lost)
		print_row(out, 0.0, 0, lost, 0, "lost");
	put_dashes(out, width);
	print_row(out, 100.0, total_ns, total_calls, total_errors, "total");
}

/* The -c sink: per-syscall counters, indexed by number. */
struct summary_sink {
	struct sink base;
	struct sink_env env;
	struct summary_row *rows;
	int nrows;
	uint64_t lost;
	struct summary_row *probes;	/* USDT hits, by probe id */
	char **probe_names;
	uint32_t nprobes;
};

static void summary_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct summary_sink *u = (struct summary_sink *)s;
	struct summary_row *r;

	/* strace counts a call when it returns: exit_group never does */
	if (what != PAIR_EXIT || !c->returned || c->nr < 0 || c->nr >= u->nrows)
		return;
	r = &u->rows[c->nr];
	r->calls++;
	if (c->returned && decode_is_error(c->ret))
		r->errors++;
	if (c->entered && c->returned && !c->late)
		r->time_ns += c->ts_exit - c->ts_enter;
}

static void summary_counts(struct sink *s, int nr, uint64_t calls, uint64_t errors,
			   uint64_t time_ns)
{
	struct summary_sink *u = (struct summary_sink *)s;

	if (nr < 0 || nr >= u->nrows)
		return;
	u->rows[nr].calls += calls;
	u->rows[nr].errors += errors;
	u->rows[nr].time_ns += time_ns;
}

static void summary_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	(void)s;
	(void)k;
	(void)e;
}

static void summary_lost(struct sink *s, int cpu, uint64_t count, uint64_t ts)
{
	(void)cpu;
	(void)ts;
	((struct summary_sink *)s)->lost += count;
}

static void summary_usdt(struct sink *s, const struct task *k, const struct usdt_hit *h)
{
	struct summary_sink *u = (struct summary_sink *)s;

	(void)k;
	if (h->id >= u->nprobes) {
		uint32_t n = h->id + 16;
		struct summary_row *rows = realloc(u->probes, n * sizeof(*rows));
		char **names = rows ? realloc(u->probe_names, n * sizeof(*names)) : NULL;

		if (rows)
			u->probes = rows;
		if (!names)
			return;
		u->probe_names = names;
		memset(u->probes + u->nprobes, 0, (n - u->nprobes) * sizeof(*rows));
		memset(u->probe_names + u->nprobes, 0, (n - u->nprobes) * sizeof(*names));
		u->nprobes = n;
	}
	if (!u->probe_names[h->id]) {
		char sp[256], sn[256];	/* names from the file: escaped */

		if (asprintf(&u->probe_names[h->id], "usdt:%s:%s",
			     usdt_shown(h->probe->provider, sp, sizeof(sp)),
			     usdt_shown(h->probe->name, sn, sizeof(sn))) < 0)
			u->probe_names[h->id] = NULL;
	}
	u->probes[h->id].calls++;
}

static void summary_finish(struct sink *s)
{
	struct summary_sink *u = (struct summary_sink *)s;
	struct summary_row *used = calloc(u->nrows + u->nprobes + 1, sizeof(*used));
	size_t n = 0;

	if (!used)
		return;
	for (int nr = 0; nr < u->nrows; nr++) {
		if (!u->rows[nr].calls)
			continue;
		used[n] = u->rows[nr];
		/* the generated table, not the format: -c parses no format */
		used[n].name = systab_name(nr) ? systab_name(nr) :
					      formats_syscall(u->env.formats, nr)->name;
		n++;
	}
	for (uint32_t id = 0; id < u->nprobes; id++) {
		if (!u->probes[id].calls || !u->probe_names[id])
			continue;
		used[n] = u->probes[id];
		used[n].name = u->probe_names[id];
		n++;
	}
	summary_print(u->env.out, used, n, u->env.opts->sort, u->lost);
	fflush(u->env.out);
	free(used);
}

static void summary_free(struct sink *s)
{
	struct summary_sink *u = (struct summary_sink *)s;

	for (uint32_t i = 0; i < u->nprobes; i++)
		free(u->probe_names[i]);
	free(u->probe_names);
	free(u->probes);
	free(u->rows);
	free(s);
}

static const struct sink_ops summary_ops = {
	.call = summary_call,
	.task_end = summary_task_end,
	.lost = summary_lost,
	.usdt = summary_usdt,
	.counts = summary_counts,
	.finish = summary_finish,
	.free = summary_free,
};

struct sink *summary_new(const struct sink_env *env)
{
	struct summary_sink *u = calloc(1, sizeof(*u));

	if (!u)
		return NULL;
	u->base.ops = &summary_ops;
	u->env = *env;
	u->nrows = systab_size();
	u->rows = calloc(u->nrows, sizeof(*u->rows));
	if (!u->rows) {
		free(u);
		return NULL;
	}
	return &u->base;
}
