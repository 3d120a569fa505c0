#include "pipeline/merge.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"

int merge_init(struct merge *m, int ncpus)
{
	memset(m, 0, sizeof(*m));
	m->q = calloc(ncpus, sizeof(*m->q));
	if (!m->q)
		return -ENOMEM;
	m->nq = ncpus;
	return 0;
}

static inline struct event *slot(const struct merge_queue *q, size_t i)
{
	size_t at = q->head + i;

	return &q->blk[at >> MERGE_BLOCK_SHIFT][at & (MERGE_BLOCK - 1)];
}

void merge_free(struct merge *m)
{
	for (int i = 0; i < m->nq; i++) {
		struct merge_queue *q = &m->q[i];

		/* events never delivered still own their captures */
		for (size_t j = 0; j < q->len; j++)
			capture_free(slot(q, j)->cap);
		for (size_t j = 0; j < q->nblk; j++)
			free(q->blk[j]);
		free(q->blk);
	}
	for (size_t j = 0; j < m->nspare; j++)
		free(m->spare[j]);
	free(m->spare);
	free(m->q);
	memset(m, 0, sizeof(*m));
	capture_trim();
}

static void put_spare(struct merge *m, struct event *blk)
{
	if (m->nspare == m->spare_cap) {
		size_t cap = m->spare_cap ? m->spare_cap * 2 : 16;
		struct event **grown = realloc(m->spare, cap * sizeof(*grown));

		if (!grown) {
			free(blk);
			return;
		}
		m->spare = grown;
		m->spare_cap = cap;
	}
	m->spare[m->nspare++] = blk;
}

/* One more block at the queue's end: a spare when there is one. */
static int add_block(struct merge *m, struct merge_queue *q)
{
	struct event *blk;

	if (q->nblk == q->blk_cap) {
		size_t cap = q->blk_cap ? q->blk_cap * 2 : 4;
		struct event **grown = realloc(q->blk, cap * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		q->blk = grown;
		q->blk_cap = cap;
	}
	if (m->nspare)
		blk = m->spare[--m->nspare];
	else if (!(blk = malloc(MERGE_BLOCK * sizeof(*blk))))
		return -ENOMEM;
	q->blk[q->nblk++] = blk;
	return 0;
}

void merge_trim(struct merge *m)
{
	bool freed = m->nspare > 0;

	capture_trim();

	/* an empty queue's last block too: with many CPUs, one each adds up */
	for (int i = 0; i < m->nq; i++) {
		struct merge_queue *q = &m->q[i];

		if (q->len || !q->nblk)
			continue;
		while (q->nblk)
			free(q->blk[--q->nblk]);
		q->head = 0;
		freed = true;
	}
	if (!freed)
		return;
	while (m->nspare)
		free(m->spare[--m->nspare]);
	/* the burst is over: its blocks, and the captures its events held,
	 * went back into the heap, which glibc keeps unless asked */
	malloc_trim(0);
}

int merge_push(struct merge *m, int cpu, const struct event *ev)
{
	struct merge_queue *q;
	size_t i;

	if (cpu < 0 || cpu >= m->nq)
		return -ERANGE;
	q = &m->q[cpu];
	if (q->head + q->len == q->nblk << MERGE_BLOCK_SHIFT && add_block(m, q))
		return -ENOMEM;
	/* A quick syscall's record comes at its exit but stands for its entry
	 * too, which is older than what the CPU recorded meanwhile (a signal
	 * sent during the call): it is put back into place, so each queue
	 * stays in time order. Equal times keep their arrival order. */
	i = q->len;
	while (i && slot(q, i - 1)->ts > ev->ts) {
		*slot(q, i) = *slot(q, i - 1);
		i--;
	}
	*slot(q, i) = *ev;
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
		ts = q->blk[0][q->head].ts;
		if (ts <= best_ts && (!best || ts < best_ts)) {
			best = q;
			best_ts = ts;
		}
	}
	if (!best)
		return false;
	*out = best->blk[0][best->head];
	best->len--;
	if (++best->head == MERGE_BLOCK || !best->len) {
		/* the oldest block is drained: to the spares, unless it is the
		 * last one, which the next push reuses from its start */
		if (best->head == MERGE_BLOCK && best->nblk > 1) {
			put_spare(m, best->blk[0]);
			memmove(best->blk, best->blk + 1, (best->nblk - 1) * sizeof(*best->blk));
			best->nblk--;
		} else if (!best->len) {
			while (best->nblk > 1)
				put_spare(m, best->blk[--best->nblk]);
		}
		best->head = 0;
	}
	return true;
}

size_t merge_queued(const struct merge *m)
{
	size_t n = 0;

	for (int i = 0; i < m->nq; i++)
		n += m->q[i].len;
	return n;
}
