/* tracer: one trace from start to end, wiring the stages together: the
 * transport's records through merge, tasks and pair to the sinks
 * (dispatch.c), the traced command and processes (targets.c), the event
 * loop and lotrace's own signals (loop.c). It owns struct tracer; main.c
 * only parses the command line, drives these calls and prints the one
 * error line. */
#ifndef LOTRACE_TRACER_H
#define LOTRACE_TRACER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "cli/opts.h"
#include "fd/fdtrack.h"
#include "pipeline/merge.h"
#include "pipeline/pair.h"
#include "pipeline/tasks.h"
#include "run/launch.h"
#include "sink/pathtrace.h"
#include "run/outfile.h"
#include "syscalls/formats.h"
#include "syscalls/sysset.h"
#include "transport/transport.h"
#include "usdt/probes.h"

#define TRACER_MAX_SINKS 4
#define TRACER_LOST_CPUS 256	/* losses said once per reading up to this CPU */

struct sink;
struct unwind;

struct tracer {
	struct opts opts;
	struct outfile *output;	/* -o FILE, |CMD or stderr */
	struct outfile *chrome;	/* --export-chrome's, until its sink owns it */
	FILE *out;		/* its stream, what the sinks write */
	int output_err;		/* the first write error, said once */
	bool output_said;	/* out's write error is said */
	unsigned sinks_failed;	/* bit i: sinks[i]'s write error is said */
	struct formats *formats;
	struct transport *transport;
	struct transport_config cfg;
	struct merge merge;
	struct tasks tasks;
	struct pair pair;
	struct sink *sinks[TRACER_MAX_SINKS];
	int nsinks;
	struct child child;
	bool have_child;
	bool child_reaped;
	int child_status;
	int *pidfds;		/* -p: one per process, -1 once it exited */
	int sigfd;
	int stop_signal;
	struct probes probes;	/* -u */
	struct fdtrack *fdtrack;	/* -y, -P, --trace-fds */
	struct pathtrace *pathtrace;	/* -P, --trace-fds */
	struct unwind *unwind;		/* -k */
	/* what the kernel reports: -e trace=, and what -y follows
	 * descriptors by or, without BPF, how tasks end; the calls
	 * outside -e trace= are not shown (hides_calls) */
	struct sysset kernel_set;
	bool hides_calls;
	uint64_t lost_total;
	uint64_t read_events;	/* events read from the rings so far */
	uint64_t lost_now[TRACER_LOST_CPUS];	/* per CPU, not yet said */
	int exit_code_nr, exit_group_nr;
	bool follow_failed;	/* -f: a child's probes could not be put on */
	int execve_nr, execveat_nr;
	bool child_execed;	/* -b execve: the command's own execve was seen */
	struct numset detached;	/* -b execve: processes let go */
	char err[512];
};

/* Open the formats, the transport, the output and the sinks for tr->opts.
 * On failure, -errno and one line in tr->err. */
int tracer_open(struct tracer *tr);

/* Start the command or attach to the processes of tr->opts, and enable
 * tracing. On failure, -errno and one line in tr->err. */
int tracer_start(struct tracer *tr);

/* Trace until the targets are gone or a signal says stop. */
int tracer_run(struct tracer *tr);

/* Drain what is left, print the ends and the summaries. */
void tracer_finish(struct tracer *tr);

/* lotrace's exit status: the command's, or 128 + the signal that stopped
 * it; 1 instead of 0 when the trace could not be written. */
int tracer_exit_status(const struct tracer *tr);

/* Free everything tracer_open and tracer_start made; safe after a failure. */
void tracer_close(struct tracer *tr);

/* --- between the files of run/ --------------------------------------- */

uint64_t tracer_now(clockid_t clk);

/* The transport's callback: queue one record in the merge. */
void tracer_on_event(void *ctx, const struct event *ev);

/* Read every ring, then hand the merged events up to limit to the stages. */
void tracer_read_rings(struct tracer *tr);
void tracer_process_until(struct tracer *tr, uint64_t limit);

/* The pair stage's callback: a call to show. */
void tracer_emit_call(void *ctx, enum pair_what what, const struct call *c);

/* Say once, on stderr, that writing the trace failed, and why. */
void tracer_check_output(struct tracer *tr);

/* Print the end of the started command once its wait status is known. */
void tracer_late_ends(struct tracer *tr);

/* Tasks whose exit record was lost would keep lotrace waiting: ask /proc. */
void tracer_reap_vanished(struct tracer *tr);

/* -f -u: the probes kept off every task follow the traced tasks: on a new
 * child as soon as its fork is read, off an ended one (targets.c). */
void tracer_follow_probes(struct tracer *tr, const struct event *ev);

/* Block the signals lotrace handles and read them from tr->sigfd. */
int tracer_signals(struct tracer *tr);

/* Between setup steps: -EINTR once SIGINT, SIGTERM, SIGHUP or SIGQUIT came
 * (tr->stop_signal says which), else 0. */
int tracer_interrupted(struct tracer *tr);

#endif
