/* store: kvd's in-memory table, string keys to string values, in a hash
 * table with chaining that doubles as it fills. Owns copies of every key
 * and value it holds; callers keep their own strings. */
#ifndef KVD_STORE_H
#define KVD_STORE_H

#include <stdbool.h>
#include <stddef.h>

struct store_entry;

struct store {
	struct store_entry **buckets;
	size_t nbuckets;	/* a power of two */
	size_t nkeys;
	size_t bytes;		/* key and value bytes held */
};

int store_init(struct store *s);
void store_free(struct store *s);

/* The value of key, or NULL; valid until the next store_set/store_del. */
const char *store_get(const struct store *s, const char *key);
/* 0, or -ENOMEM (the store is unchanged then). */
int store_set(struct store *s, const char *key, const char *value);
/* true if key was there. */
bool store_del(struct store *s, const char *key);

/* A one-line description of the table's shape, made by walking every
 * bucket: O(buckets + keys), meant for a probe that nobody pays for
 * unless it is traced. Truncated to fit len. */
void store_summary(const struct store *s, char *buf, size_t len);

#endif
