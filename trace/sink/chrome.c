/* The --export-chrome sink: the trace as Chrome trace-event JSON, the
 * format Perfetto's UI and chrome://tracing open. A track per thread,
 * named comm/tid by a thread_name metadata event and grouped under its
 * process (process_name); each call a complete event ("ph":"X", ts and
 * dur in microseconds) named after the syscall with its decoded
 * arguments, ret and errno in args; USDT hits, signals, exits and lost
 * records as instant events ("ph":"i"). The events go out as they come;
 * the viewers sort them. */
#include "sink/sink.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "decode/siginfo.h"
#include "decode/signames.h"
#include "pipeline/unwind.h"
#include "run/outfile.h"
#include "sink/jsonw.h"

/* The name each thread's or process's track was last given. */
struct name_slot {
	uint32_t id;		/* 0: empty */
	char comm[EVENT_COMM_LEN];
};

struct names {
	struct name_slot *slot;
	size_t cap, count;	/* cap: a power of two */
};

struct chrome_sink {
	struct sink base;
	struct sink_env env;
	struct outfile *file;	/* the export, until finish closes it */
	int err;		/* the first error writing or closing it */
	FILE *out;
	bool any;		/* an event was written: the next needs a comma */
	struct names threads, procs;
	struct dcall d;
};

static struct name_slot *names_slot(struct names *n, uint32_t id)
{
	size_t mask = n->cap - 1, i = (id * 2654435761u) & mask;

	while (n->slot[i].id && n->slot[i].id != id)
		i = (i + 1) & mask;
	return &n->slot[i];
}

static int names_grow(struct names *n)
{
	struct names bigger = { .cap = n->cap ? 2 * n->cap : 64 };

	bigger.slot = calloc(bigger.cap, sizeof(*bigger.slot));
	if (!bigger.slot)
		return -ENOMEM;
	for (size_t i = 0; i < n->cap; i++)
		if (n->slot[i].id)
			*names_slot(&bigger, n->slot[i].id) = n->slot[i];
	bigger.count = n->count;
	free(n->slot);
	*n = bigger;
	return 0;
}

static bool names_has(const struct names *n, uint32_t id)
{
	return n->cap && names_slot((struct names *)n, id)->id == id;
}

/* Whether id's track must be named comm (again): first seen, or renamed
 * by an execve. */
static bool names_changed(struct names *n, uint32_t id, const char *comm)
{
	struct name_slot *s;

	if ((n->count + 1) * 2 > n->cap && names_grow(n))
		return true;
	s = names_slot(n, id);
	if (s->id && !strncmp(s->comm, comm, sizeof(s->comm)))
		return false;
	if (!s->id)
		n->count++;
	s->id = id;
	strncpy(s->comm, comm, sizeof(s->comm) - 1);
	return true;
}

/* The start of an event: the separator, then its common fields. */
static void begin(struct chrome_sink *cs, const char *ph, uint32_t pid, uint32_t tid)
{
	fputs(cs->any ? ",\n{" : "\n{", cs->out);
	cs->any = true;
	fprintf(cs->out, "\"ph\":\"%s\",\"pid\":%u,\"tid\":%u", ph, pid, tid);
}

/* ,"ts":MICROSECONDS with the nanoseconds as decimals */
static void put_ts(struct chrome_sink *cs, const char *key, uint64_t ns)
{
	fprintf(cs->out, ",\"%s\":%" PRIu64 ".%03u", key, ns / 1000, (unsigned)(ns % 1000));
}

static void name_tracks(struct chrome_sink *cs, const struct task *k)
{
	char name[EVENT_COMM_LEN + 16];

	/* the process is named after its main thread, else the first seen */
	if ((k->tid == k->pid || !names_has(&cs->procs, k->pid)) &&
	    names_changed(&cs->procs, k->pid, k->comm)) {
		begin(cs, "M", k->pid, k->pid);
		fputs(",\"name\":\"process_name\",\"args\":{\"name\":", cs->out);
		jsonw_string(cs->out, k->comm);
		fputs("}}", cs->out);
	}
	if (!names_changed(&cs->threads, k->tid, k->comm))
		return;
	snprintf(name, sizeof(name), "%s/%u", k->comm, k->tid);
	begin(cs, "M", k->pid, k->tid);
	fputs(",\"name\":\"thread_name\",\"args\":{\"name\":", cs->out);
	jsonw_string(cs->out, name);
	fputs("}}", cs->out);
}

/* An instant event on k's track, its args to follow. */
static void instant(struct chrome_sink *cs, const struct task *k, const char *cat,
		    const char *name, uint64_t ts)
{
	name_tracks(cs, k);
	begin(cs, "i", k->pid, k->tid);
	fputs(",\"s\":\"t\",\"cat\":", cs->out);
	jsonw_string(cs->out, cat);
	fputs(",\"name\":", cs->out);
	jsonw_string(cs->out, name);
	put_ts(cs, "ts", ts);
	fputs(",\"args\":{", cs->out);
}

static void put_stack(struct chrome_sink *cs, const char *lines, size_t len, bool comma)
{
	if (!lines)
		return;
	fputs(comma ? ",\"stack\":" : "\"stack\":", cs->out);
	jsonw_stack(cs->out, lines, len);
}

static void chrome_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct chrome_sink *cs = (struct chrome_sink *)s;
	/* a call whose start was not seen shows where it ended */
	bool timed = c->entered && c->returned && !c->late;
	uint64_t ts = c->entered && !c->late ? c->ts_enter : c->ts_exit;
	const char *lines;
	size_t len;

	if (what == PAIR_ENTER || !sink_wanted(&cs->env, c))
		return;
	sink_decode(&cs->env, c, &cs->d);
	name_tracks(cs, c->task);
	begin(cs, "X", c->task->pid, c->task->tid);
	fputs(",\"cat\":\"syscall\",\"name\":", cs->out);
	jsonw_string(cs->out, cs->d.name);
	put_ts(cs, "ts", ts);
	put_ts(cs, "dur", timed ? c->ts_exit - c->ts_enter : 0);
	fputs(",\"args\":{", cs->out);
	for (int i = 0; i < cs->d.nargs; i++) {
		jsonw_string(cs->out, cs->d.arg[i].name);
		fputc(':', cs->out);
		jsonw_arg(cs->out, &cs->d.arg[i]);
		fputc(',', cs->out);
	}
	jsonw_result(cs->out, &cs->d);
	lines = unwind_lines(c->cap_enter, 0, &len);
	put_stack(cs, lines, len, true);
	fputs("}}", cs->out);
}

static void chrome_usdt(struct sink *s, const struct task *k, const struct usdt_hit *h)
{
	struct chrome_sink *cs = (struct chrome_sink *)s;
	char name[512];

	snprintf(name, sizeof(name), "usdt:%s:%s", h->probe->provider, h->probe->name);
	instant(cs, k, "usdt", name, h->ts);
	for (int i = 0; i < h->nargs; i++) {
		fprintf(cs->out, "%s\"arg%d\":", i ? "," : "", i);
		jsonw_usdt_arg(cs->out, h, i, cs->env.opts->strsize);
	}
	put_stack(cs, h->stack, h->stack_len, h->nargs > 0);
	fputs("}}", cs->out);
}

static void chrome_signal(struct sink *s, const struct task *k, int sig, const void *info,
			  size_t len, uint64_t ts)
{
	struct chrome_sink *cs = (struct chrome_sink *)s;
	char name[16], text[512];

	siginfo_format(text, sizeof(text), sig, info, len);
	instant(cs, k, "signal", signame(sig, name, sizeof(name)), ts);
	fputs("\"siginfo\":", cs->out);
	jsonw_string(cs->out, text);
	fputs("}}", cs->out);
}

static void chrome_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	struct chrome_sink *cs = (struct chrome_sink *)s;
	char name[16];

	instant(cs, k, "exit", e->signal ? "killed" : "exited", e->ts);
	if (e->signal) {
		fputs("\"signal\":", cs->out);
		jsonw_string(cs->out, signame(e->signal, name, sizeof(name)));
		fprintf(cs->out, ",\"core_dumped\":%s", e->core ? "true" : "false");
	} else {
		fprintf(cs->out, "\"code\":%d", e->code);
	}
	fputs("}}", cs->out);
}

static void chrome_lost(struct sink *s, int cpu, uint64_t count, uint64_t ts)
{
	struct chrome_sink *cs = (struct chrome_sink *)s;

	/* the loss belongs to no thread: a global instant */
	begin(cs, "i", 0, 0);
	fputs(",\"s\":\"g\",\"cat\":\"lotrace\",\"name\":\"lost records\"", cs->out);
	put_ts(cs, "ts", ts);
	fprintf(cs->out, ",\"args\":{\"cpu\":%d,\"lost\":%" PRIu64 "}}", cpu, count);
}

static void chrome_finish(struct sink *s)
{
	struct chrome_sink *cs = (struct chrome_sink *)s;

	fputs("\n],\"displayTimeUnit\":\"ns\"}\n", cs->out);
	cs->err = outfile_close(cs->file);
	cs->file = NULL;
	cs->out = NULL;
}

static int chrome_write_error(struct sink *s, char *msg, size_t len)
{
	struct chrome_sink *cs = (struct chrome_sink *)s;
	int err = cs->file ? outfile_error(cs->file) : cs->err;

	if (err)
		snprintf(msg, len, "writing the --export-chrome file '%s' failed: %s; the rest of "
			 "it is lost", cs->env.opts->chrome, strerror(err));
	return err;
}

static void chrome_free(struct sink *s)
{
	struct chrome_sink *cs = (struct chrome_sink *)s;

	outfile_close(cs->file);
	free(cs->threads.slot);
	free(cs->procs.slot);
	free(cs);
}

static const struct sink_ops chrome_ops = {
	.call = chrome_call,
	.task_end = chrome_task_end,
	.lost = chrome_lost,
	.usdt = chrome_usdt,
	.signal = chrome_signal,
	.finish = chrome_finish,
	.free = chrome_free,
	.write_error = chrome_write_error,
};

struct sink *sink_chrome_new(const struct sink_env *env, struct outfile *file)
{
	struct chrome_sink *cs = calloc(1, sizeof(*cs));

	if (!cs) {
		outfile_close(file);
		return NULL;
	}
	cs->file = file;
	cs->out = outfile_stream(file);
	cs->base.ops = &chrome_ops;
	cs->env = *env;
	fputs("{\"traceEvents\":[", cs->out);
	return &cs->base;
}
