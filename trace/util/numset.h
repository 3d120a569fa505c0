/* numset: a set of small non-negative numbers (descriptors for -e read=,
 * -e write= and --trace-fds=, signals for -e signal=), parsed from
 * strace's qualifier syntax: "3,5", "all", "none", a leading "!" inverts.
 * It owns its bit array: numset_free releases it. */
#ifndef LOTRACE_UTIL_NUMSET_H
#define LOTRACE_UTIL_NUMSET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct numset {
	uint64_t *bits;		/* NULL: no number listed */
	unsigned nwords;
	bool not;		/* the set is everything but the numbers listed */
};

/* Whether n is in s (negative numbers never are). */
static inline bool numset_has(const struct numset *s, int64_t n)
{
	bool listed = n >= 0 && (uint64_t)n / 64 < s->nwords &&
		      (s->bits[n / 64] >> (n % 64)) & 1;

	return n >= 0 && listed != s->not;
}

/* Nothing is in it (the set strace's "none" makes). */
static inline bool numset_empty(const struct numset *s)
{
	if (s->not)
		return false;
	for (unsigned i = 0; i < s->nwords; i++)
		if (s->bits[i])
			return false;
	return true;
}

/* Turn one token into a number, or -1 when it names none. */
typedef int64_t (*numset_token_fn)(const char *token);

/* Replace s by expr; tokens are read by fn (numset_number when NULL).
 * On error -EINVAL and one line on err naming what ("-e read"). */
int numset_parse(struct numset *s, const char *expr, numset_token_fn fn, const char *what,
		 FILE *err);
int numset_add(struct numset *s, int64_t n);
void numset_all(struct numset *s);
void numset_free(struct numset *s);

/* A decimal number up to 2^31 - 1, else -1. */
int64_t numset_number(const char *token);

#endif
