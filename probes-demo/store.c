// SPDX-License-Identifier: MIT
/* store: chained hash table (FNV-1a), see store.h. */
#include "store.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORE_MIN_BUCKETS 64
/* Chains of this length and longer share the summary's last column. */
#define STORE_CHAIN_COLUMNS 5

struct store_entry {
	struct store_entry *next;
	uint64_t hash;
	char *value;
	char key[];
};

static uint64_t hash_key(const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *key; key++) {
		h ^= (unsigned char)*key;
		h *= 0x100000001b3ULL;
	}
	return h;
}

int store_init(struct store *s)
{
	*s = (struct store){ .nbuckets = STORE_MIN_BUCKETS };
	s->buckets = calloc(s->nbuckets, sizeof(*s->buckets));
	return s->buckets ? 0 : -ENOMEM;
}

void store_free(struct store *s)
{
	for (size_t i = 0; i < s->nbuckets; i++) {
		struct store_entry *e = s->buckets[i], *next;

		for (; e; e = next) {
			next = e->next;
			free(e->value);
			free(e);
		}
	}
	free(s->buckets);
	*s = (struct store){ 0 };
}

static struct store_entry **find(const struct store *s, const char *key,
				 uint64_t hash)
{
	struct store_entry **p = &s->buckets[hash & (s->nbuckets - 1)];

	for (; *p; p = &(*p)->next)
		if ((*p)->hash == hash && !strcmp((*p)->key, key))
			break;
	return p;
}

const char *store_get(const struct store *s, const char *key)
{
	struct store_entry *e = *find(s, key, hash_key(key));

	return e ? e->value : NULL;
}

/* Keep the load factor at or below 1; a failed grow only costs speed. */
static void grow(struct store *s)
{
	size_t n = s->nbuckets * 2;
	struct store_entry **b;

	if (s->nkeys < s->nbuckets || n < s->nbuckets)
		return;
	b = calloc(n, sizeof(*b));
	if (!b)
		return;
	for (size_t i = 0; i < s->nbuckets; i++) {
		struct store_entry *e = s->buckets[i], *next;

		for (; e; e = next) {
			next = e->next;
			e->next = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	}
	free(s->buckets);
	s->buckets = b;
	s->nbuckets = n;
}

int store_set(struct store *s, const char *key, const char *value)
{
	uint64_t hash = hash_key(key);
	struct store_entry **p = find(s, key, hash), *e;
	size_t klen = strlen(key), vlen = strlen(value);
	char *v = malloc(vlen + 1);

	if (!v)
		return -ENOMEM;
	memcpy(v, value, vlen + 1);
	if (*p) {
		s->bytes -= strlen((*p)->value);
		s->bytes += vlen;
		free((*p)->value);
		(*p)->value = v;
		return 0;
	}
	e = malloc(sizeof(*e) + klen + 1);
	if (!e) {
		free(v);
		return -ENOMEM;
	}
	e->hash = hash;
	e->value = v;
	memcpy(e->key, key, klen + 1);
	e->next = NULL;
	*p = e;
	s->nkeys++;
	s->bytes += klen + vlen;
	grow(s);
	return 0;
}

bool store_del(struct store *s, const char *key)
{
	struct store_entry **p = find(s, key, hash_key(key)), *e = *p;

	if (!e)
		return false;
	*p = e->next;
	s->nkeys--;
	s->bytes -= strlen(e->key) + strlen(e->value);
	free(e->value);
	free(e);
	return true;
}

void store_summary(const struct store *s, char *buf, size_t len)
{
	size_t chains[STORE_CHAIN_COLUMNS] = { 0 }, longest = 0, vbytes = 0;
	int n;

	for (size_t i = 0; i < s->nbuckets; i++) {
		size_t chain = 0;

		for (const struct store_entry *e = s->buckets[i]; e; e = e->next) {
			vbytes += strlen(e->value);
			chain++;
		}
		chains[chain < STORE_CHAIN_COLUMNS ? chain : STORE_CHAIN_COLUMNS - 1]++;
		if (chain > longest)
			longest = chain;
	}
	n = snprintf(buf, len, "keys=%zu value_bytes=%zu buckets=%zu longest=%zu chains=",
		     s->nkeys, vbytes, s->nbuckets, longest);
	for (int i = 0; i < STORE_CHAIN_COLUMNS && n >= 0 && (size_t)n < len; i++)
		n += snprintf(buf + n, len - (size_t)n, "%s%d%s:%zu", i ? "," : "", i,
			      i == STORE_CHAIN_COLUMNS - 1 ? "+" : "", chains[i]);
}
