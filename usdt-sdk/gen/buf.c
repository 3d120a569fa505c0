// SPDX-License-Identifier: MIT
#include "buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int buf_grow(struct buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 64;
	char *s;

	while (cap < b->len + extra + 1)
		cap *= 2;
	if (cap == b->cap)
		return 0;
	s = realloc(b->s, cap);
	if (!s)
		return -ENOMEM;
	b->s = s;
	b->cap = cap;
	return 0;
}

int buf_addn(struct buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n))
		return -ENOMEM;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int buf_add(struct buf *b, const char *s)
{
	return buf_addn(b, s, strlen(s));
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n))
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int words_push(struct words *w, const char *text, size_t n, struct loc loc)
{
	struct word *v;
	char *t;

	if (w->n == w->cap) {
		int cap = w->cap ? w->cap * 2 : 8;

		v = realloc(w->v, (size_t)cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		w->v = v;
		w->cap = cap;
	}
	t = strndup(text, n);
	if (!t)
		return -ENOMEM;
	w->v[w->n].text = t;
	w->v[w->n].loc = loc;
	w->n++;
	return 0;
}

void words_pop(struct words *w)
{
	free(w->v[--w->n].text);
}

void words_free(struct words *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->v[i].text);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

struct strmap_slot {
	char *key;		/* NULL: free */
	size_t len;
	uint64_t hash;
	long val;
};

/* FNV-1a: short identifiers, no adversary worth a keyed hash. */
static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

/* The slot holding key, or the free slot where it would go. */
static struct strmap_slot *slot(const struct strmap *m, const char *key,
				size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct strmap_slot *s = &m->v[i];

		if (!s->key || (s->hash == h && s->len == len &&
				!memcmp(s->key, key, len)))
			return s;
	}
}

long strmap_get(const struct strmap *m, const char *key, size_t len)
{
	const struct strmap_slot *s;

	if (!m->n)
		return -1;
	s = slot(m, key, len, hash(key, len));
	return s->key ? s->val : -1;
}

/* Double the table; at most half full, so that probing stays short. */
static int strmap_grow(struct strmap *m)
{
	struct strmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->v = calloc(m->cap, sizeof(*m->v));
	if (!m->v) {
		*m = old;
		return -ENOMEM;
	}
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].key)
			*slot(m, old.v[i].key, old.v[i].len,
			      old.v[i].hash) = old.v[i];
	free(old.v);
	return 0;
}

int strmap_put(struct strmap *m, const char *key, size_t len, long val)
{
	struct strmap_slot *s;
	uint64_t h = hash(key, len);

	if (2 * (m->n + 1) > m->cap && strmap_grow(m))
		return -ENOMEM;
	s = slot(m, key, len, h);
	if (!s->key) {
		s->key = malloc(len + 1);
		if (!s->key)
			return -ENOMEM;
		memcpy(s->key, key, len);
		s->key[len] = '\0';
		s->len = len;
		s->hash = h;
		m->n++;
	}
	s->val = val;
	return 0;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}
