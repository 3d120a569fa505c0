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

#endif
