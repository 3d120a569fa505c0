/* sink: where decoded events go. A sink receives calls from pair, task
 * ends and lost-event counts, in timestamp order, and renders them: strace
 * text (sink_text.c), JSON lines (sink_json.c), the -c table (summary.c). */
#ifndef LOTRACE_SINK_H
#define LOTRACE_SINK_H

#include <stdint.h>
#include <stdio.h>

#include "fd/fdtrack.h"
#include "syscalls/formats.h"
#include "cli/opts.h"
#include "pipeline/pair.h"
#include "pipeline/tasks.h"
#include "usdt/notes.h"

/* How a task ended, as strace's "+++ ... +++" line says it. */
struct task_end {
	int signal;		/* killed by this signal, or 0 */
	int code;		/* exit code when signal == 0 */
	int core;		/* a core was dumped */
	uint32_t superseded;	/* killed by the execve of this thread */
	uint64_t ts;		/* when the task was seen to end */
};

/* A USDT probe hit with its arguments, fetched at the probe. */
struct usdt_hit {
	uint32_t id;		/* the probe's index among those attached */
	const struct usdt_probe *probe;
	uint64_t ts;
	int nargs;
	const uint64_t *val;
	unsigned failed;	/* bit i: argument i could not be read */
	unsigned as_string;	/* bit i: argument i prints as a string (its
				 * type, or -u NAME/sN) */
	const char *str[USDT_MAX_ARGS];	/* the bytes copied at the hit, or
					 * NULL: print the pointer */
	size_t str_len[USDT_MAX_ARGS];	/* their length, NUL excluded */
	unsigned str_cut;	/* bit i: the string goes on beyond str_len */
};

struct sink;

struct sink_ops {
	void (*call)(struct sink *s, enum pair_what what, const struct call *c);
	void (*task_end)(struct sink *s, const struct task *k, const struct task_end *e);
	void (*lost)(struct sink *s, int cpu, uint64_t count, uint64_t ts);
	void (*usdt)(struct sink *s, const struct task *k, const struct usdt_hit *h);
	/* a signal delivered to k: info is the siginfo_t's first bytes */
	void (*signal)(struct sink *s, const struct task *k, int sig, const void *info,
		       size_t len, uint64_t ts);
	/* sums the kernel counted (-c alone), before finish; NULL: ignored */
	void (*counts)(struct sink *s, int nr, uint64_t calls, uint64_t errors, uint64_t time_ns);
	void (*finish)(struct sink *s);
	void (*free)(struct sink *s);
};

struct sink {
	const struct sink_ops *ops;
};

/* What every sink may read; owned by main. */
struct sink_env {
	FILE *out;
	const struct opts *opts;
	struct formats *formats;
	const struct tasks *tasks;
	struct fdtrack *fdtrack;	/* -y, else NULL */
	int64_t wall_offset;	/* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
};

/* A call as the sinks print it: numbers and flags decoded, the copied
 * strings and structs (or, for -e raw=, the registers as they were), and
 * -y's paths. */
struct dcall;
void sink_decode(const struct sink_env *env, const struct call *c, struct dcall *d);

/* Whether -e status= shows call c. */
bool sink_wanted(const struct sink_env *env, const struct call *c);

struct sink *sink_text_new(const struct sink_env *env);
struct sink *sink_json_new(const struct sink_env *env);
struct sink *summary_new(const struct sink_env *env);

#endif
