/* Open addressing with linear probing; deletion shifts the run back, so
 * no tombstones build up over a long trace. */
#include "util/tidset.h"

#include <errno.h>
#include <stdlib.h>

static size_t home(const struct tidset *s, uint32_t tid)
{
	return (tid * 2654435761u) & (s->cap - 1);
}

static void put(struct tidset *s, uint32_t tid)
{
	size_t i = home(s, tid);

	while (s->slot[i] && s->slot[i] != tid)
		i = (i + 1) & (s->cap - 1);
	if (!s->slot[i]) {
		s->slot[i] = tid;
		s->count++;
	}
}

static int grow(struct tidset *s)
{
	struct tidset n = { .cap = s->cap ? s->cap * 2 : 16 };

	n.slot = calloc(n.cap, sizeof(*n.slot));
	if (!n.slot)
		return -ENOMEM;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i])
			put(&n, s->slot[i]);
	free(s->slot);
	*s = n;
	return 0;
}

int tidset_add(struct tidset *s, uint32_t tid)
{
	if ((s->count + 1) * 2 > s->cap && grow(s))
		return -ENOMEM;
	put(s, tid);
	return 0;
}

bool tidset_has(const struct tidset *s, uint32_t tid)
{
	if (!s->cap)
		return false;
	for (size_t i = home(s, tid); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == tid)
			return true;
	return false;
}

bool tidset_del(struct tidset *s, uint32_t tid)
{
	size_t i, j;

	if (!s->cap)
		return false;
	for (i = home(s, tid); s->slot[i] != tid; i = (i + 1) & (s->cap - 1))
		if (!s->slot[i])
			return false;
	s->slot[i] = 0;
	s->count--;
	/* move back the entries of the run after i that may sit at i */
	for (j = (i + 1) & (s->cap - 1); s->slot[j]; j = (j + 1) & (s->cap - 1)) {
		size_t h = home(s, s->slot[j]);

		/* j's entry may move to i when i lies cyclically in [h, j) */
		if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
			s->slot[i] = s->slot[j];
			s->slot[j] = 0;
			i = j;
		}
	}
	return true;
}

void tidset_free(struct tidset *s)
{
	free(s->slot);
	*s = (struct tidset){ 0 };
}
