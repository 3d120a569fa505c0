#include "pipeline/merge.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"

int merge_init(struct merge *m, int ncpus)
{
	m->q = calloc(ncpus, sizeof(*m->q));
	if (!m->q)
		return -ENOMEM;
	m->nq = ncpus;
	return 0;
}

void merge_free(struct merge *m)
{
	for (int i = 0; i < m->nq; i++) {
		struct merge_queue *q = &m->q[i];

		/* events never delivered still own their captures */
		for (size_t j = 0; j < q->len; j++)
			capture_free(q->ev[(q->head + j) & (q->cap - 1)].cap);
		free(q->ev);
	}
	free(m->q);
	m->q = NULL;
	m->nq = 0;
}

#define MERGE_MIN_CAP 1024

/* A new array of cap events for the queue (a power of two, so positions
 * wrap with a mask). */
static int resize(struct merge_queue *q, size_t cap)
{
	struct event *ev = malloc(cap * sizeof(*ev));

	if (!ev)
		return -ENOMEM;
	/* unroll the circle into the new array */
	for (size_t i = 0; i < q->len; i++)
		ev[i] = q->ev[(q->head + i) & (q->cap - 1)];
	free(q->ev);
	q->ev = ev;
	q->cap = cap;
	q->head = 0;
	return 0;
}

static int grow(struct merge_queue *q)
{
	return resize(q, q->cap ? q->cap * 2 : MERGE_MIN_CAP);
}

void merge_trim(struct merge *m)
{
	bool trimmed = false;

	for (int i = 0; i < m->nq; i++) {
		struct merge_queue *q = &m->q[i];
		size_t cap = q->cap;

		while (cap > MERGE_MIN_CAP && q->len <= cap / 8)
			cap /= 2;
		if (cap < q->cap && !resize(q, cap))
			trimmed = true;
	}
	/* the burst is over: the captures its events held were freed into
	 * the heap, which glibc keeps unless asked */
	if (trimmed)
		malloc_trim(0);
}

int merge_push(struct merge *m, int cpu, const struct event *ev)
{
	struct merge_queue *q;

	if (cpu < 0 || cpu >= m->nq)
		return -ERANGE;
	q = &m->q[cpu];
	if (q->len == q->cap && grow(q))
		return -ENOMEM;
	/* A quick syscall's record comes at its exit but stands for its entry
	 * too, which is older than what the CPU recorded meanwhile (a signal
	 * sent during the call): it is put back into place, so each queue
	 * stays in time order. Equal times keep their arrival order. */
	size_t i = q->len;

	while (i && q->ev[(q->head + i - 1) & (q->cap - 1)].ts > ev->ts) {
		q->ev[(q->head + i) & (q->cap - 1)] = q->ev[(q->head + i - 1) & (q->cap - 1)];
		i--;
	}
	q->ev[(q->head + i) & (q->cap - 1)] = *ev;
	q->len++;
	return 0;
}

bool merge_pop(struct merge *m, uint64_t limit, struct event *out)
{
	struct merge_queue *best = NULL;
	uint64_t best_ts = limit;

	for (int i = 0; i < m->nq; i++) {
		struct merge_queue *q = &m->q[i];
		uint64_t ts;

		if (!q->len)
			continue;
		ts = q->ev[q->head].ts;
		if (ts <= best_ts && (!best || ts < best_ts)) {
			best = q;
			best_ts = ts;
		}
	}
	if (!best)
		return false;
	*out = best->ev[best->head];
	best->head = (best->head + 1) & (best->cap - 1);
	best->len--;
	return true;
}

size_t merge_queued(const struct merge *m)
{
	size_t n = 0;

	for (int i = 0; i < m->nq; i++)
		n += m->q[i].len;
	return n;
}
