/* merge: puts the per-CPU event streams into one timestamp-ordered
 * stream. Holds only events not yet released. */
#ifndef LOTRACE_MERGE_H
#define LOTRACE_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pipeline/event.h"

/* Events per block of a queue: a power of two, so a position splits with a
 * shift and a mask; 1024 events are 104 KiB, under glibc's mmap threshold,
 * so blocks come from the heap that merge_trim trims. */
#define MERGE_BLOCK_SHIFT 10
#define MERGE_BLOCK ((size_t)1 << MERGE_BLOCK_SHIFT)

/* A queue is a row of fixed blocks: it grows by one block, never by
 * copying what it holds, and a drained block goes to the spares, where
 * the next push finds it already faulted in. */
struct merge_queue {
	struct event **blk;	/* blk[0] holds the oldest event */
	size_t nblk, blk_cap;
	size_t head, len;	/* head: the oldest's index in blk[0] */
};

struct merge {
	struct merge_queue *q;	/* one per CPU */
	int nq;
	struct event **spare;	/* drained blocks, for the next pushes */
	size_t nspare, spare_cap;
};

int merge_init(struct merge *m, int ncpus);
void merge_free(struct merge *m);

/* Queue ev (copied) for cpu. Events of one CPU come mostly in time order;
 * one that comes late (a quick syscall's entry) is put into place. */
int merge_push(struct merge *m, int cpu, const struct event *ev);

/* Take the oldest queued event with ts <= limit. False when none. */
bool merge_pop(struct merge *m, uint64_t limit, struct event *out);

size_t merge_queued(const struct merge *m);

/* Blocks a queue drains stay as spares while the load goes on: freeing
 * and faulting them in again each round cost a third of lotrace's CPU at
 * full rate (bench/README.md). Called when the load has gone, it frees the
 * spares and the blocks of empty queues, so that lotrace's memory follows
 * the load down. */
void merge_trim(struct merge *m);

#endif
