/* idtab: a hash table of nodes keyed by a 32-bit id (a pid or a tid),
 * embedded in the caller's structs (container_of), chained, growing as
 * it fills. The tasks, the descriptor tables of -y and the mappings of -k
 * each keep their processes in one. */
#ifndef LOTRACE_IDTAB_H
#define LOTRACE_IDTAB_H

#include <stddef.h>
#include <stdint.h>

struct idtab_node {
	struct idtab_node *next;
	uint32_t id;
};

struct idtab {
	struct idtab_node **bucket;
	size_t nbucket;		/* a power of two */
	size_t count;
};

#define idtab_entry(node, type, member) \
	((type *)(void *)((char *)(node) - offsetof(type, member)))

/* 0 or -ENOMEM. */
int idtab_init(struct idtab *t);

/* Frees the buckets; each node goes to free_node first, when given. */
void idtab_free(struct idtab *t, void (*free_node)(struct idtab_node *n, void *ctx), void *ctx);

struct idtab_node *idtab_find(const struct idtab *t, uint32_t id);

/* n (its id set) goes in; ids are not checked for being there already. */
void idtab_add(struct idtab *t, struct idtab_node *n);

/* The node of id taken out, or NULL. */
struct idtab_node *idtab_remove(struct idtab *t, uint32_t id);

/* Every node, in no order; fn must not add or remove. */
void idtab_foreach(const struct idtab *t, void (*fn)(struct idtab_node *n, void *ctx),
		   void *ctx);

#endif
