/* session: the kernel side of a trace. Opens the syscall tracepoints (and a
 * dummy event for task records) with perf_event_open per CPU for each
 * target, filters in the kernel, and maps one ring per CPU. Owns the fds,
 * the rings and the tracepoint layouts. */
#ifndef LOTRACE_SESSION_H
#define LOTRACE_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "syscalls/formats.h"
#include "transport/record.h"
#include "transport/ring.h"
#include "syscalls/sysset.h"
#include "transport/transport.h"

struct session_config {
	const struct sysset *trace;	/* syscalls to record */
	size_t buffer_size;		/* ring bytes per CPU */
	bool inherit;			/* follow children (-f) */
	bool enable_on_exec;		/* start at the target's execve */
	pid_t exclude_pid;		/* -a: never record this process (0: none) */
	bool ip;			/* -i: entries carry the user ip register */
	bool stack;			/* -k: stacks with entries, mmap records */
};

struct session {
	int ncpus;
	struct ring *rings;		/* one per CPU, indexed by CPU */
	int *fds;
	int *fd_cpus;			/* the CPU of each of fds */
	int nfds, capfds;
	uint64_t *closed;		/* per CPU: the counts of its events
					 * closed before the end */
	struct tp_layout *layouts;
	int nlayouts;
	char **filters;			/* per layout, NULL when none */
	struct record_parser parser;
	bool per_syscall;		/* syscalls:* rather than raw_syscalls:* */
};

/* Prepare the tracepoints for cfg; no fd is opened yet. On error fills
 * errbuf with one line. */
int session_init(struct session *s, struct formats *f, const struct session_config *cfg,
		 char *errbuf, size_t errlen);

/* Open the events on one thread (tid > 0) or on every task (tid == -1). */
int session_attach(struct session *s, const struct session_config *cfg, pid_t tid,
		   char *errbuf, size_t errlen);

int session_enable(struct session *s);
int session_disable(struct session *s);
void session_close(struct session *s);

/* perf_event_open(2), close-on-exec; the descriptor or -1 and errno. */
int session_open_event(struct perf_event_attr *attr, pid_t pid, int cpu, int group);

/* s closes fd, an event on cpu's ring, with the rest of its events. */
int session_keep_fd(struct session *s, int fd, int cpu);
/* Close kept event fd now; its count stays in session_samples's. */
void session_close_fd(struct session *s, int fd);

/* How many samples the events on cpu's ring made: written to the ring or
 * lost. Each samples every occurrence, so this is their counts' sum,
 * children's included; exact once they are disabled. */
uint64_t session_samples(const struct session *s, int cpu);

#endif
