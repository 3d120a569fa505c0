/* The --json sink: one object per finished call, per lost-event report,
 * in the schema of SPEC.md. */
#include "sink/sink.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"
#include "decode/decode.h"
#include "pipeline/unwind.h"
#include "sink/jsonw.h"

struct json_sink {
	struct sink base;
	struct sink_env env;
	struct dcall d;
};

/* -k: ,"stack":[frames] when the call or hit has them. */
static void json_stack(FILE *out, const struct capture *c, size_t from)
{
	size_t len;
	const char *lines = unwind_lines(c, from, &len);

	if (!lines)
		return;
	fputs(",\"stack\":", out);
	jsonw_stack(out, lines, len);
}

static void json_ts(FILE *out, const struct json_sink *j, uint64_t ts)
{
	int64_t wall = (int64_t)ts + j->env.wall_offset;

	fprintf(out, "%" PRId64 ".%09" PRId64, wall / 1000000000, wall % 1000000000);
}

static void json_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct json_sink *j = (struct json_sink *)s;
	FILE *out = j->env.out;
	const struct dcall *d = &j->d;

	if (what == PAIR_ENTER || !sink_wanted(&j->env, c))
		return;
	sink_decode(&j->env, c, &j->d);
	fputs("{\"ts\":", out);
	json_ts(out, j, c->entered ? c->ts_enter : c->ts_exit);
	fprintf(out, ",\"pid\":%u,\"tid\":%u,\"comm\":", c->task->pid, c->task->tid);
	jsonw_string(out, c->task->comm);
	fputs(",\"syscall\":", out);
	jsonw_string(out, d->name);
	fprintf(out, ",\"nr\":%d,\"args\":{", c->nr);
	for (int i = 0; i < d->nargs; i++) {
		if (i)
			fputc(',', out);
		jsonw_string(out, d->arg[i].name);
		fputc(':', out);
		jsonw_arg(out, &d->arg[i]);
	}
	fputs("},", out);
	jsonw_result(out, d);
	if (c->entered && c->returned && !c->late)
		fprintf(out, ",\"dur_ns\":%" PRIu64, c->ts_exit - c->ts_enter);
	else
		fputs(",\"dur_ns\":null", out);
	json_stack(out, c->cap_enter, 0);
	fputs("}\n", out);
}

static void json_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	(void)s;
	(void)k;
	(void)e;
}

static void json_usdt(struct sink *s, const struct task *k, const struct usdt_hit *h)
{
	struct json_sink *j = (struct json_sink *)s;
	FILE *out = j->env.out;
	char name[1024];

	fputs("{\"ts\":", out);
	json_ts(out, j, h->ts);
	fprintf(out, ",\"pid\":%u,\"tid\":%u,\"comm\":", k->pid, k->tid);
	jsonw_string(out, k->comm);
	/* names come from the file: escaped like any other string */
	snprintf(name, sizeof(name), "%s:%s", h->probe->provider, h->probe->name);
	fputs(",\"usdt\":", out);
	jsonw_string(out, name);
	fputs(",\"args\":[", out);
	for (int i = 0; i < h->nargs; i++) {
		if (i)
			fputc(',', out);
		jsonw_usdt_arg(out, h, i, j->env.opts->strsize);
	}
	fputc(']', out);
	if (h->stack) {
		fputs(",\"stack\":", out);
		jsonw_stack(out, h->stack, h->stack_len);
	}
	fputs("}\n", out);
}

static void json_lost(struct sink *s, int cpu, uint64_t count, uint64_t ts)
{
	struct json_sink *j = (struct json_sink *)s;

	fprintf(j->env.out, "{\"lost\":%" PRIu64 ",\"cpu\":%d,\"ts\":", count, cpu);
	json_ts(j->env.out, j, ts);
	fputs("}\n", j->env.out);
}

static void json_finish(struct sink *s)
{
	fflush(((struct json_sink *)s)->env.out);
}

static void json_free(struct sink *s)
{
	free(s);
}

static const struct sink_ops json_ops = {
	.call = json_call,
	.task_end = json_task_end,
	.lost = json_lost,
	.usdt = json_usdt,
	.finish = json_finish,
	.free = json_free,
};

struct sink *sink_json_new(const struct sink_env *env)
{
	struct json_sink *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->base.ops = &json_ops;
	j->env = *env;
	return &j->base;
}
