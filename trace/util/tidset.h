/* tidset: a set of thread ids, for the few per-thread flags a stage keeps
 * of its own (the text sink's "printed as unfinished"). */
#ifndef LOTRACE_UTIL_TIDSET_H
#define LOTRACE_UTIL_TIDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tidset {
	uint32_t *slot;		/* 0: empty (tid 0 is never a traced thread) */
	size_t cap, count;
};

/* Add tid; -ENOMEM when it could not grow. */
int tidset_add(struct tidset *s, uint32_t tid);
bool tidset_has(const struct tidset *s, uint32_t tid);
/* Remove tid; whether it was there. */
bool tidset_del(struct tidset *s, uint32_t tid);
void tidset_free(struct tidset *s);

#endif
