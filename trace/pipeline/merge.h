/* merge: puts the per-CPU event streams, each already in time order, into
 * one timestamp-ordered stream. Holds only events not yet released. */
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

/* Append ev (copied) to cpu's queue; events of one CPU come in time order. */
int merge_push(struct merge *m, int cpu, const struct event *ev);

/* Take the oldest queued event with ts <= limit. False when none. */
bool merge_pop(struct merge *m, uint64_t limit, struct event *out);

size_t merge_queued(const struct merge *m);

#endif
