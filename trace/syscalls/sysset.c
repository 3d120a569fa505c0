#include "syscalls/sysset.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
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

/* strace's /REGEX: every syscall whose name it matches, anywhere in it. */
static int add_regex(struct sysset *s, const char *re, const char *what, FILE *err)
{
	regex_t preg;
	char msg[128];
	int rc = regcomp(&preg, re, REG_EXTENDED | REG_NOSUB), found = 0;

	if (rc) {
		regerror(rc, &preg, msg, sizeof(msg));
		fprintf(err, "lotrace: -e %s=/%s: %s\n", what, re, msg);
		regfree(&preg);
		return -EINVAL;
	}
	for (int nr = 0; nr < systab_size() && nr < SYSSET_MAX; nr++) {
		if (systab_name(nr) && !regexec(&preg, systab_name(nr), 0, NULL, 0)) {
			sysset_add(s, nr);
			found = 1;
		}
	}
	regfree(&preg);
	return found;
}

/* One token: a class, a name, a number or a /regex. Returns 1 when it
 * selected something, 0 when it names nothing, -EINVAL on a bad regex. */
static int add_token(struct sysset *s, const char *name, const char *what, FILE *err)
{
	unsigned class = sysclass_lookup(name);
	int nr;

	if (*name == '/')
		return add_regex(s, name + 1, what, err);
	if (class) {
		sysclass_each(class, add_member, s);
		return 1;
	}
	if (!strcmp(name, "all")) {
		sysset_fill(s);
		return 1;
	}
	if (!strcmp(name, "none"))	/* strace refuses it in a list; harmless */
		return 1;
	if (isdigit((unsigned char)*name)) {
		char *end;
		long n = strtol(name, &end, 10);

		if (*end || n < 0 || n >= systab_size() || !systab_name((int)n))
			return 0;
		sysset_add(s, (int)n);
		return 1;
	}
	nr = systab_lookup(name);
	if (nr < 0)
		return 0;
	sysset_add(s, nr);
	return 1;
}

/* strace's personality suffix: @64 is the one lotrace traces; @32 and
 * @x32 name syscalls of compat tasks, which the tracepoints lotrace reads
 * report under their 64-bit numbers, so they select nothing. */
static bool strip_personality(char *tok, bool *other)
{
	char *at = strrchr(tok, '@');

	*other = false;
	if (!at)
		return true;
	if (strcmp(at, "@64") && strcmp(at, "@32") && strcmp(at, "@x32"))
		return false;
	*other = strcmp(at, "@64") != 0;
	*at = '\0';
	return true;
}

static int add_name(struct sysset *s, char *tok, const char *what, FILE *err)
{
	bool optional = false, other;
	int found;

	/* ?NAME: no error when this kernel has no such syscall */
	for (; *tok == '?'; tok++)
		optional = true;
	if (!strip_personality(tok, &other)) {
		fprintf(err, "lotrace: -e %s=: '%s' has an unknown personality (@64, @32 or @x32)\n",
			what, tok);
		return -EINVAL;
	}
	if (other)
		return 0;
	found = add_token(s, tok, what, err);
	if (found < 0)
		return found;
	if (found || optional)
		return 0;
	if (*tok == '/' || isdigit((unsigned char)*tok))
		fprintf(err, "lotrace: -e %s=%s matches no syscall\n", what, tok);
	else
		fprintf(err, "lotrace: unknown syscall '%s' in -e %s= (did you mean '%s'?)\n",
			tok, what, systab_nearest(tok));
	return -EINVAL;
}

int sysset_parse(struct sysset *s, const char *expr, FILE *err)
{
	return sysset_parse_as(s, expr, "trace", err);
}

static void apply(struct sysset *s, const struct sysset *named, bool negate)
{
	if (!negate) {
		*s = *named;
		return;
	}
	sysset_fill(s);
	for (size_t i = 0; i < SYSSET_MAX / 64; i++)
		s->bits[i] &= ~named->bits[i];
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
	sysset_clear(&named);
	/* "none" only alone, as strace reads it */
	if (!strcmp(expr, "none")) {
		apply(s, &named, negate);
		return 0;
	}
	copy = strdup(expr);
	if (!copy)
		return -ENOMEM;
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
	apply(s, &named, negate);
out:
	free(copy);
	return ret;
}
