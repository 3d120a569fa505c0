/* sink: where decoded events go. A sink receives calls from pair, task
 * ends and lost-event counts, in timestamp order, and renders them: strace
 * text (sink_text.c), JSON lines (sink_json.c), the -c table (summary.c). */
#ifndef LOTRACE_SINK_H
#define LOTRACE_SINK_H

#include <stdint.h>
#include <stdio.h>

#include "fd/fdtrack.h"
#include "sink/pathtrace.h"
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
	const char *stack;	/* -k: the frames' lines (" > ...\n"), or NULL */
	size_t stack_len;
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
	void (*counts)(struct sink *s, int nr, const struct event_sums *sums);
	/* --hist: latency buckets the kernel counted, before finish; NULL:
	 * ignored */
	void (*hist)(struct sink *s, int nr, const uint64_t *bucket, int n);
	/* finish closes the sink's own files, so that a failed close counts */
	void (*finish)(struct sink *s);
	void (*free)(struct sink *s);
	/* The first failure to open, write or close a file of the sink's own
	 * (-ff's per-thread files, --export-chrome's): its errno, and msg the
	 * line to say about it; 0 when none. NULL: the sink writes env->out
	 * alone, which the tracer checks. */
	int (*write_error)(struct sink *s, char *msg, size_t len);
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
	struct fdtrack *fdtrack;	/* -y, -P, --trace-fds, else NULL */
	struct pathtrace *pathtrace;	/* -P, --trace-fds, else NULL */
	int64_t wall_offset;	/* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
};

/* A call as the sinks print it: numbers and flags decoded, the copied
 * strings and structs (or, for -e raw=, the registers as they were), and
 * -y's paths. */
struct dcall;
void sink_decode(const struct sink_env *env, const struct call *c, struct dcall *d);

/* Whether -e status=, -P and --trace-fds show call c. */
bool sink_wanted(const struct sink_env *env, const struct call *c);

/* Whether -P and --trace-fds keep call c (what -c counts). */
bool sink_selected(const struct sink_env *env, const struct call *c);

/* Whether a call's line waits for its exit, which decides sink_wanted. */
bool sink_filtered(const struct sink_env *env);

struct sink *sink_text_new(const struct sink_env *env);
struct sink *sink_json_new(const struct sink_env *env);
struct sink *summary_new(const struct sink_env *env);
/* -ff: a file per thread, opts->outfile.TID, each with its own sink. */
struct sink *sink_perfile_new(const struct sink_env *env);
/* --hist: latency histograms under the -c table (sink/hist.c). */
struct sink *sink_hist_new(const struct sink_env *env);
/* --export-chrome (sink/chrome.c) into file, opened by the caller, which
 * the sink owns from here on, also when it returns NULL (out of memory). */
struct outfile;
struct sink *sink_chrome_new(const struct sink_env *env, struct outfile *file);

#endif
