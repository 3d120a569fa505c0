#include "syscalls/sysset.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "syscalls/sysclass.h"
#include "syscalls/systab.h"

void sysset_fill(struct sysset *s)
{
	sysset_clear(s);
	for (int nr = 0; nr < systab_size() && nr < SYSSET_MAX; nr++)
		if (systab_name(nr))
			sysset_add(s, nr);
}

void sysset_clear(struct sysset *s)
{
	memset(s, 0, sizeof(*s));
}

void sysset_add(struct sysset *s, int nr)
{
	if (nr >= 0 && nr < SYSSET_MAX)
		s->bits[nr / 64] |= 1ull << (nr % 64);
}

void sysset_del(struct sysset *s, int nr)
{
	if (nr >= 0 && nr < SYSSET_MAX)
		s->bits[nr / 64] &= ~(1ull << (nr % 64));
}

int sysset_count(const struct sysset *s)
{
	int n = 0;

	for (size_t i = 0; i < SYSSET_MAX / 64; i++)
		n += __builtin_popcountll(s->bits[i]);
	return n;
}

bool sysset_full(const struct sysset *s)
{
	struct sysset all;

	sysset_fill(&all);
	for (size_t i = 0; i < SYSSET_MAX / 64; i++)
		if ((all.bits[i] & s->bits[i]) != all.bits[i])
			return false;
	return true;
}

static void add_member(int nr, void *ctx)
{
	sysset_add(ctx, nr);
}

static int add_name(struct sysset *s, const char *name, const char *what, FILE *err)
{
	unsigned class = sysclass_lookup(name);
	int nr;

	if (class) {
		sysclass_each(class, add_member, s);
		return 0;
	}
	if (!strcmp(name, "all")) {
		sysset_fill(s);
		return 0;
	}
	if (!strcmp(name, "none"))
		return 0;
	nr = systab_lookup(name);
	if (nr < 0) {
		fprintf(err, "lotrace: unknown syscall '%s' in -e %s= (did you mean '%s'?)\n",
			name, what, systab_nearest(name));
		return -EINVAL;
	}
	sysset_add(s, nr);
	return 0;
}

int sysset_parse(struct sysset *s, const char *expr, FILE *err)
{
	return sysset_parse_as(s, expr, "trace", err);
}

int sysset_parse_as(struct sysset *s, const char *expr, const char *what, FILE *err)
{
	bool negate = false;
	struct sysset named;
	char *copy, *tok, *save = NULL;
	int ret = 0, ntok = 0;

	while (*expr == '!') {
		negate = !negate;
		expr++;
	}
	if (!*expr) {
		fprintf(err, "lotrace: empty syscall list in -e %s=\n", what);
		return -EINVAL;
	}
	copy = strdup(expr);
	if (!copy)
		return -ENOMEM;
	sysset_clear(&named);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		ret = add_name(&named, tok, what, err);
		if (ret)
			goto out;
		ntok++;
	}
	/* as strace: empty items are skipped ("open,,close"), but a list of
	 * nothing else (",") is as empty as "" */
	if (!ntok) {
		fprintf(err, "lotrace: empty syscall list in -e %s=\n", what);
		ret = -EINVAL;
		goto out;
	}
	if (negate) {
		sysset_fill(s);
		for (size_t i = 0; i < SYSSET_MAX / 64; i++)
			s->bits[i] &= ~named.bits[i];
	} else {
		*s = named;
	}
out:
	free(copy);
	return ret;
}
