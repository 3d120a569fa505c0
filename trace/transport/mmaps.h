/* mmaps: -k's record of where traced processes map executable files, for
 * the BPF transport: a dummy perf event per CPU and target whose MMAP2
 * and COMM records (perf --call-graph dwarf's) become EV_MMAP events in
 * the stream. The BPF program's exec record comes after the new image's
 * mappings; the COMM record of an execve comes before them, so an exec
 * here is an EV_MMAP with mmap.exec. Owns the events and their rings. */
#ifndef LOTRACE_MMAPS_H
#define LOTRACE_MMAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "transport/record.h"
#include "transport/ring.h"
#include "transport/transport.h"

struct mmaps {
	int ncpus;
	struct ring *rings;	/* one per CPU */
	int *fds;
	int nfds, capfds;
	bool inherit;		/* -f: children are followed */
	bool enable_on_exec;	/* a started command: on at its execve */
	uint64_t lost;		/* records the kernel could not write */
	struct record_parser *parser;
	transport_event_fn fn;
	void *ctx;
};

int mmaps_init(struct mmaps *m, bool inherit, bool enable_on_exec);
/* Watch thread tid (its process's mappings), or with tid -1 every task. */
int mmaps_attach(struct mmaps *m, pid_t tid, char *err, size_t errlen);
int mmaps_enable(struct mmaps *m);
int mmaps_disable(struct mmaps *m);
/* Deliver the EV_MMAP events the rings hold now. */
void mmaps_read(struct mmaps *m, transport_event_fn fn, void *ctx);
void mmaps_close(struct mmaps *m);

#endif
