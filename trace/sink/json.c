/* The --json sink: one object per finished call, per lost-event report,
 * in the schema of SPEC.md. */
#include "sink/sink.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"
#include "decode/decode.h"
#include "decode/errtab.h"

struct json_sink {
	struct sink base;
	struct sink_env env;
	struct dcall d;
};

static void json_bytes(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static void json_string(FILE *out, const char *s)
{
	json_bytes(out, s, strlen(s));
}

static void json_ts(FILE *out, const struct json_sink *j, uint64_t ts)
{
	int64_t wall = (int64_t)ts + j->env.wall_offset;

	fprintf(out, "%" PRId64 ".%09" PRId64, wall / 1000000000, wall % 1000000000);
}

static void json_arg(FILE *out, const struct darg *a)
{
	switch (a->kind) {
	case DARG_INT:
		fprintf(out, "%" PRId64, (int64_t)a->value);
		break;
	case DARG_UINT:
		fprintf(out, "%" PRIu64, a->value);
		break;
	case DARG_HEX:
	case DARG_PTR: {
		/* addresses exceed a double's 53 bits: keep them exact as text */
		char buf[24];

		snprintf(buf, sizeof(buf), "%#" PRIx64, a->value);
		json_string(out, a->value || a->kind == DARG_HEX ? buf : "NULL");
		break;
	}
	case DARG_SYM:
		json_string(out, a->text);
		break;
	case DARG_STR:
		json_bytes(out, a->text, a->len);
		break;
	}
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
	json_string(out, c->task->comm);
	fputs(",\"syscall\":", out);
	json_string(out, d->name);
	fprintf(out, ",\"nr\":%d,\"args\":{", c->nr);
	for (int i = 0; i < d->nargs; i++) {
		if (i)
			fputc(',', out);
		json_string(out, d->arg[i].name);
		fputc(':', out);
		json_arg(out, &d->arg[i]);
	}
	fputs("},\"ret\":", out);
	switch (d->ret_kind) {
	case DRET_NONE:
		fputs("null,\"errno\":null", out);
		break;
	case DRET_ERR: {
		const char *name = errtab_name(d->err);

		fputs("-1,\"errno\":", out);
		if (name)
			json_string(out, name);
		else
			fprintf(out, "%d", d->err);
		break;
	}
	default:
		fprintf(out, "%" PRId64 ",\"errno\":null", d->ret);
		break;
	}
	if (c->entered && c->returned && !c->late)
		fprintf(out, ",\"dur_ns\":%" PRIu64 "}\n", c->ts_exit - c->ts_enter);
	else
		fputs(",\"dur_ns\":null}\n", out);
}

static void json_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	(void)s;
	(void)k;
	(void)e;
}

/* An argument as its type says: strings as JSON strings, pointers as
 * "0x..." or "NULL", numbers as numbers, null when it was not readable. */
static void json_usdt_arg(FILE *out, const struct usdt_hit *h, int i, size_t max)
{
	const struct usdt_arg *a = &h->probe->args[i];
	bool str = (h->as_string >> i) & 1, ptr = str || a->type == USDT_TYPE_POINTER;
	char num[64];

	if (h->failed & (1u << i)) {
		fputs("null", out);
	} else if (ptr && !h->val[i]) {
		fputs("\"NULL\"", out);
	} else if (str && h->str[i]) {
		json_bytes(out, h->str[i], h->str_len[i] > max ? max : h->str_len[i]);
	} else if (ptr) {
		fprintf(out, "\"0x%" PRIx64 "\"", h->val[i]);
	} else if (a->type == USDT_TYPE_FLOAT) {
		usdt_float_text(a, h->val[i], num, sizeof(num));
		/* inf and nan are no JSON numbers */
		fprintf(out, strpbrk(num, "in") ? "\"%s\"" : "%s", num);
	} else if (a->is_signed) {
		fprintf(out, "%" PRId64, (int64_t)h->val[i]);
	} else {
		fprintf(out, "%" PRIu64, h->val[i]);
	}
}

static void json_usdt(struct sink *s, const struct task *k, const struct usdt_hit *h)
{
	struct json_sink *j = (struct json_sink *)s;
	FILE *out = j->env.out;
	char name[1024];

	fputs("{\"ts\":", out);
	json_ts(out, j, h->ts);
	fprintf(out, ",\"pid\":%u,\"tid\":%u,\"comm\":", k->pid, k->tid);
	json_string(out, k->comm);
	/* names come from the file: escaped like any other string */
	snprintf(name, sizeof(name), "%s:%s", h->probe->provider, h->probe->name);
	fputs(",\"usdt\":", out);
	json_string(out, name);
	fputs(",\"args\":[", out);
	for (int i = 0; i < h->nargs; i++) {
		if (i)
			fputc(',', out);
		json_usdt_arg(out, h, i, j->env.opts->strsize);
	}
	fputs("]}\n", out);
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
