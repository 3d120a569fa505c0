#include "sink/summary.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "sink/sink.h"
#include "syscalls/systab.h"

/* Ties keep the rows' order, the syscalls' numbers, as strace's stable
 * sort keeps them. */
static int by_order(const struct summary_row *x, const struct summary_row *y)
{
	return x->order < y->order ? -1 : x->order > y->order;
}

static int by_time(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;

	if (x->time_ns != y->time_ns)
		return x->time_ns < y->time_ns ? 1 : -1;
	return by_order(x, y);
}

static int by_calls(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return by_order(x, y);
}

static int by_errors(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;

	if (x->errors != y->errors)
		return x->errors < y->errors ? 1 : -1;
	return by_order(x, y);
}

static int by_name(const void *a, const void *b)
{
	int d = strcmp(((const struct summary_row *)a)->name, ((const struct summary_row *)b)->name);

	return d ? d : by_order(a, b);
}

static int by_min(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;

	if (x->min_ns != y->min_ns)
		return x->min_ns < y->min_ns ? 1 : -1;
	return by_order(x, y);
}

static int by_max(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;

	if (x->max_ns != y->max_ns)
		return x->max_ns < y->max_ns ? 1 : -1;
	return by_order(x, y);
}

static uint64_t avg_ns(const struct summary_row *r)
{
	return r->calls ? r->time_ns / r->calls : 0;
}

static int by_avg(const void *a, const void *b)
{
	uint64_t x = avg_ns(a), y = avg_ns(b);

	if (x != y)
		return x < y ? 1 : -1;
	return by_order(a, b);
}

/* strace's columns (count.c): a header, a width that grows to fit the
 * widest value, and how a value prints. */
static const struct column {
	const char *title;
	unsigned width;
} columns[COL_COUNT] = {
	[COL_PERCENT] = { "% time", 6 },
	[COL_TOTAL] = { "seconds", 11 },
	[COL_MIN] = { "shortest", 8 },
	[COL_MAX] = { "longest", 7 },
	[COL_AVG] = { "usecs/call", 11 },
	[COL_CALLS] = { "calls", 9 },
	[COL_ERRORS] = { "errors", 9 },
	[COL_NAME] = { "syscall", 16 },
};

static const uint8_t default_columns[] = {
	COL_PERCENT, COL_TOTAL, COL_AVG, COL_CALLS, COL_ERRORS, COL_NAME, COL_NONE,
};

struct table {
	FILE *out;
	const uint8_t *cols;
	int last;		/* index of the last column */
	unsigned width[COL_COUNT];
	uint64_t total_ns;
};

static unsigned digits(uint64_t v)
{
	char buf[32];

	return (unsigned)snprintf(buf, sizeof(buf), "%" PRIu64, v);
}

static unsigned widest(unsigned base, unsigned v)
{
	return v > base ? v : base;
}

/* The widths strace computes from the totals and the widest row. */
static void measure(struct table *t, const struct summary_row *rows, size_t n,
		    const struct summary_row *total, uint64_t lost)
{
	uint64_t min_of_mins = 0, max_avg = 0;
	size_t name = 0;
	char buf[64];

	for (size_t i = 0; i < n; i++) {
		if (rows[i].min_ns > min_of_mins)
			min_of_mins = rows[i].min_ns;
		if (avg_ns(&rows[i]) > max_avg)
			max_avg = avg_ns(&rows[i]);
		if (strlen(rows[i].name) > name)
			name = strlen(rows[i].name);
	}
	if (lost && name < 4)
		name = 4;
	for (int c = 0; c < COL_COUNT; c++)
		t->width[c] = columns[c].width;
	t->width[COL_TOTAL] = widest(11, (unsigned)snprintf(buf, sizeof(buf), "%.6f",
							    total->time_ns / 1e9));
	t->width[COL_MIN] = widest(8, digits(min_of_mins / 1000000000) + 7);
	t->width[COL_MAX] = widest(7, digits(total->max_ns / 1000000000) + 7);
	t->width[COL_AVG] = widest(11, digits(max_avg / 1000));
	t->width[COL_CALLS] = widest(9, digits(total->calls > lost ? total->calls : lost));
	t->width[COL_ERRORS] = widest(9, digits(total->errors));
	t->width[COL_NAME] = widest(16, (unsigned)name + 1);
}

static void put_dashes(const struct table *t)
{
	for (int i = 0; i <= t->last; i++) {
		if (i)
			fputc(' ', t->out);
		for (unsigned j = 0; j < t->width[t->cols[i]]; j++)
			fputc('-', t->out);
	}
	fputc('\n', t->out);
}

/* The name column is left-aligned, and not padded when it comes last. */
static void put_name(const struct table *t, int i, const char *name)
{
	if (i == t->last)
		fputs(name, t->out);
	else
		fprintf(t->out, "%-*s", (int)t->width[COL_NAME], name);
}

static void put_header(const struct table *t)
{
	for (int i = 0; i <= t->last; i++) {
		int c = t->cols[i];

		if (i)
			fputc(' ', t->out);
		if (c == COL_NAME)
			put_name(t, i, columns[c].title);
		else
			fprintf(t->out, "%*s", (int)t->width[c], columns[c].title);
	}
	fputc('\n', t->out);
}

static void put_row(const struct table *t, const struct summary_row *r, double pct)
{
	for (int i = 0; i <= t->last; i++) {
		int c = t->cols[i], w = (int)t->width[c];

		if (i)
			fputc(' ', t->out);
		switch (c) {
		case COL_PERCENT: fprintf(t->out, "%*.2f", w, pct); break;
		case COL_TOTAL: fprintf(t->out, "%*.6f", w, r->time_ns / 1e9); break;
		case COL_MIN: fprintf(t->out, "%*.6f", w, r->min_ns / 1e9); break;
		case COL_MAX: fprintf(t->out, "%*.6f", w, r->max_ns / 1e9); break;
		case COL_AVG: fprintf(t->out, "%*" PRIu64, w, avg_ns(r) / 1000); break;
		case COL_CALLS: fprintf(t->out, "%*" PRIu64, w, r->calls); break;
		case COL_ERRORS:	/* strace's "%.0": nothing for 0 */
			if (r->errors)
				fprintf(t->out, "%*" PRIu64, w, r->errors);
			else
				fprintf(t->out, "%*s", w, "");
			break;
		case COL_NAME: put_name(t, i, r->name); break;
		}
	}
	fputc('\n', t->out);
}

void summary_print_columns(FILE *out, struct summary_row *rows, size_t n, enum sort_key key,
			   uint64_t lost, const uint8_t *cols)
{
	static int (*const cmp[])(const void *, const void *) = {
		[SORT_TIME] = by_time, [SORT_CALLS] = by_calls, [SORT_NAME] = by_name,
		[SORT_ERRORS] = by_errors, [SORT_MIN_TIME] = by_min, [SORT_MAX_TIME] = by_max,
		[SORT_AVG_TIME] = by_avg, [SORT_NOTHING] = NULL,
	};
	struct summary_row total = { .name = "total" }, lost_row = { .name = "lost", .calls = lost };
	struct table t = { .out = out, .cols = cols && cols[0] ? cols : default_columns };

	for (size_t i = 0; i < n; i++)
		rows[i].order = (unsigned)i;
	if (cmp[key])
		qsort(rows, n, sizeof(*rows), cmp[key]);
	for (size_t i = 0; i < n; i++) {
		total.time_ns += rows[i].time_ns;
		total.calls += rows[i].calls;
		total.errors += rows[i].errors;
		if (rows[i].calls && (!total.min_ns || rows[i].min_ns < total.min_ns))
			total.min_ns = rows[i].min_ns;
		if (rows[i].max_ns > total.max_ns)
			total.max_ns = rows[i].max_ns;
	}
	while (t.last + 1 < COL_COUNT && t.cols[t.last + 1] != COL_NONE)
		t.last++;
	measure(&t, rows, n, &total, lost);
	put_header(&t);
	put_dashes(&t);
	for (size_t i = 0; i < n; i++)
		put_row(&t, &rows[i], total.time_ns ? 100.0 * rows[i].time_ns / total.time_ns : 0.0);
	if (lost)
		put_row(&t, &lost_row, 0.0);
	put_dashes(&t);
	put_row(&t, &total, 100.0);
}

void summary_print(FILE *out, struct summary_row *rows, size_t n, enum sort_key key,
		   uint64_t lost)
{
	summary_print_columns(out, rows, n, key, lost, NULL);
}

/* The -c sink: per-syscall counters, indexed by number. */
struct summary_sink {
	struct sink base;
	struct sink_env env;
	struct summary_row *rows;
	uint64_t *timed;	/* per row: the calls whose time is known */
	int nrows;
	uint64_t lost;
	struct summary_row *probes;	/* USDT hits, by probe id */
	char **probe_names;
	uint32_t nprobes;
};

/* strace's time of one call: the task's CPU time in it (-c), or the wall
 * time from entry to exit (-w, or when the transport has no CPU clock),
 * less -O's overhead. */
static uint64_t call_ns(const struct summary_sink *u, const struct call *c)
{
	uint64_t d = c->ts_exit - c->ts_enter;

	if (!u->env.opts->wall_clock && c->cpu_known)
		d = c->cpu_ns;
	return d > u->env.opts->overhead_ns ? d - u->env.opts->overhead_ns : 0;
}

static void summary_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct summary_sink *u = (struct summary_sink *)s;
	struct summary_row *r;
	uint64_t d;

	/* strace counts a call when it returns (exit_group never does) and
	 * was seen to begin (not a new child's return from fork) */
	if ((what != PAIR_EXIT && what != PAIR_CALL) || !c->returned || !c->entered ||
	    c->nr < 0 || c->nr >= u->nrows)
		return;
	/* as strace: -P and --trace-fds choose what -c counts, -Z does not */
	if (!sink_selected(&u->env, c))
		return;
	r = &u->rows[c->nr];
	r->calls++;
	if (decode_is_error(c->ret))
		r->errors++;
	if (c->late)	/* begun before lotrace attached: its time is unknown */
		return;
	d = call_ns(u, c);
	r->time_ns += d;
	if (!u->timed[c->nr]++ || d < r->min_ns)
		r->min_ns = d;
	if (d > r->max_ns)
		r->max_ns = d;
}

static void summary_counts(struct sink *s, int nr, const struct event_sums *sums)
{
	struct summary_sink *u = (struct summary_sink *)s;
	struct summary_row *r;

	if (nr < 0 || nr >= u->nrows)
		return;
	r = &u->rows[nr];
	r->calls += sums->calls;
	r->errors += sums->errors;
	r->time_ns += sums->time_ns;
	if (sums->timed && (!u->timed[nr] || sums->min_ns < r->min_ns))
		r->min_ns = sums->min_ns;
	if (sums->max_ns > r->max_ns)
		r->max_ns = sums->max_ns;
	u->timed[nr] += sums->timed;
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
	summary_print_columns(u->env.out, used, n, u->env.opts->sort, u->lost,
			      u->env.opts->columns_shown);
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
	free(u->timed);
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
	u->timed = calloc(u->nrows, sizeof(*u->timed));
	if (!u->rows || !u->timed) {
		free(u->rows);
		free(u->timed);
		free(u);
		return NULL;
	}
	return &u->base;
}
