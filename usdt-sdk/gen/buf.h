/* SPDX-License-Identifier: MIT */
/*
 * buf: the containers usdt-gen's stages share: a growable string (struct
 * buf), a list of located words (struct words) and a string-keyed hash map
 * (struct strmap), so that every lookup in the parser costs O(1) and a
 * provider file of 100,000 probes is read in linear time.
 */
#ifndef USDT_GEN_BUF_H
#define USDT_GEN_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *s;		/* NUL-terminated once anything was added */
	size_t len, cap;
};

int buf_addn(struct buf *b, const char *s, size_t n);
int buf_add(struct buf *b, const char *s);
__attribute__((format(printf, 2, 3)))
int buf_printf(struct buf *b, const char *fmt, ...);

/* Where a token starts in the provider file, counted from 1. */
struct loc {
	int line, col;
};

/* A word of a type (an identifier or "*"), with where it was written. */
struct word {
	char *text;
	struct loc loc;
};

struct words {
	struct word *v;
	int n, cap;
};

int words_push(struct words *w, const char *text, size_t n, struct loc loc);
void words_pop(struct words *w);
void words_free(struct words *w);

/* Keys are copied; values are the caller's indexes (>= 0). */
struct strmap {
	struct strmap_slot *v;
	size_t cap, n;
};

/* The value stored under key, or -1. */
long strmap_get(const struct strmap *m, const char *key, size_t len);
/* Store val under a key not in the map yet. 0 or -ENOMEM. */
int strmap_put(struct strmap *m, const char *key, size_t len, long val);
void strmap_free(struct strmap *m);

#endif
