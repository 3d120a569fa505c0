#include "util/idtab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define IDTAB_FIRST 256

static size_t slot(size_t nbucket, uint32_t id)
{
	return (id * 2654435761u) & (nbucket - 1);
}

int idtab_init(struct idtab *t)
{
	memset(t, 0, sizeof(*t));
	t->bucket = calloc(IDTAB_FIRST, sizeof(*t->bucket));
	if (!t->bucket)
		return -ENOMEM;
	t->nbucket = IDTAB_FIRST;
	return 0;
}

void idtab_free(struct idtab *t, void (*free_node)(struct idtab_node *n, void *ctx), void *ctx)
{
	for (size_t b = 0; b < t->nbucket; b++) {
		struct idtab_node *n = t->bucket[b], *next;

		for (; n; n = next) {
			next = n->next;
			if (free_node)
				free_node(n, ctx);
		}
	}
	free(t->bucket);
	memset(t, 0, sizeof(*t));
}

struct idtab_node *idtab_find(const struct idtab *t, uint32_t id)
{
	struct idtab_node *n = t->bucket[slot(t->nbucket, id)];

	while (n && n->id != id)
		n = n->next;
	return n;
}

/* Twice the buckets; when that memory is not there, longer chains, still
 * correct. */
static void grow(struct idtab *t)
{
	size_t n = t->nbucket * 2;
	struct idtab_node **b = calloc(n, sizeof(*b));

	if (!b)
		return;
	for (size_t i = 0; i < t->nbucket; i++) {
		struct idtab_node *node = t->bucket[i], *next;

		for (; node; node = next) {
			size_t s = slot(n, node->id);

			next = node->next;
			node->next = b[s];
			b[s] = node;
		}
	}
	free(t->bucket);
	t->bucket = b;
	t->nbucket = n;
}

void idtab_add(struct idtab *t, struct idtab_node *n)
{
	size_t s = slot(t->nbucket, n->id);

	n->next = t->bucket[s];
	t->bucket[s] = n;
	if (++t->count > t->nbucket * 2)
		grow(t);
}

struct idtab_node *idtab_remove(struct idtab *t, uint32_t id)
{
	struct idtab_node **np = &t->bucket[slot(t->nbucket, id)], *n;

	while (*np && (*np)->id != id)
		np = &(*np)->next;
	n = *np;
	if (!n)
		return NULL;
	*np = n->next;
	n->next = NULL;
	t->count--;
	return n;
}

void idtab_foreach(const struct idtab *t, void (*fn)(struct idtab_node *n, void *ctx),
		   void *ctx)
{
	for (size_t b = 0; b < t->nbucket; b++)
		for (struct idtab_node *n = t->bucket[b]; n; n = n->next)
			fn(n, ctx);
}
