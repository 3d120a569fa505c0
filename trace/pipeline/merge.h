/* merge: puts the per-CPU event streams into one timestamp-ordered
 * stream. Holds only events not yet released. */
#ifndef LOTRACE_MERGE_H
#define LOTRACE_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pipeline/event.h"

struct merge_queue {
	struct event *ev;
	size_t cap, head, len;	/* circular */
};

struct merge {
	struct merge_queue *q;	/* one per CPU */
	int nq;
};

int merge_init(struct merge *m, int ncpus);
void merge_free(struct merge *m);

/* Queue ev (copied) for cpu. Events of one CPU come mostly in time order;
 * one that comes late (a quick syscall's entry) is put into place. */
int merge_push(struct merge *m, int cpu, const struct event *ev);

/* Take the oldest queued event with ts <= limit. False when none. */
bool merge_pop(struct merge *m, uint64_t limit, struct event *out);

size_t merge_queued(const struct merge *m);

/* A burst (a storm filling the rings) grows a queue to what a round of
 * the ring holds, and it keeps that size while the load goes on: shrinking
 * as it drained and growing again each round cost a third of lotrace's CPU
 * at full rate (page faults and copies, bench/README.md). Called when the
 * load has gone, it gives back what an eighth of the queue does not use,
 * so that lotrace's memory follows the load down. */
void merge_trim(struct merge *m);

#endif
