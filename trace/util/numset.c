#include "util/numset.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The largest number a set holds: fds and signals stay far below it. */
#define NUMSET_MAX (1 << 24)

int64_t numset_number(const char *token)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*token))
		return -1;
	errno = 0;
	v = strtol(token, &end, 10);
	if (errno || *end || v > INT_MAX)
		return -1;
	return v;
}

int numset_add(struct numset *s, int64_t n)
{
	unsigned word;

	if (n < 0 || n >= NUMSET_MAX)
		return -ERANGE;
	word = (unsigned)(n / 64);
	if (word >= s->nwords) {
		unsigned grown = word + 1;
		uint64_t *bits = realloc(s->bits, grown * sizeof(*bits));

		if (!bits)
			return -ENOMEM;
		memset(bits + s->nwords, 0, (grown - s->nwords) * sizeof(*bits));
		s->bits = bits;
		s->nwords = grown;
	}
	s->bits[word] |= 1ull << (n % 64);
	return 0;
}

void numset_all(struct numset *s)
{
	numset_free(s);
	s->not = true;
}

void numset_free(struct numset *s)
{
	free(s->bits);
	s->bits = NULL;
	s->nwords = 0;
	s->not = false;
}

int numset_parse(struct numset *s, const char *expr, numset_token_fn fn, const char *what,
		 FILE *err)
{
	bool not = false;
	char *copy, *tok, *save = NULL;
	int ret = 0, count = 0;

	numset_free(s);
	/* as strace: each leading ! inverts what follows */
	for (; *expr == '!'; expr++)
		not = !not;
	if (!strcmp(expr, "all") || !strcmp(expr, "none")) {
		s->not = not != !strcmp(expr, "all");
		return 0;
	}
	copy = strdup(expr);
	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int64_t n = fn ? fn(tok) : numset_number(tok);

		ret = n < 0 ? -EINVAL : numset_add(s, n);
		if (ret) {
			fprintf(err, "lotrace: %s: '%s' is not valid here\n", what, tok);
			ret = -EINVAL;
			goto out;
		}
		count++;
	}
	if (!count) {
		fprintf(err, "lotrace: %s: empty list\n", what);
		ret = -EINVAL;
	}
out:
	s->not = not;
	free(copy);
	return ret;
}
