/* sysset: a set of syscall numbers, as selected by -e trace=, parsed from
 * strace's expression syntax. */
#ifndef LOTRACE_SYSSET_H
#define LOTRACE_SYSSET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define SYSSET_MAX 1024

struct sysset {
	uint64_t bits[SYSSET_MAX / 64];
};

void sysset_fill(struct sysset *s);
void sysset_clear(struct sysset *s);
static inline bool sysset_has(const struct sysset *s, int nr)
{
	return nr >= 0 && nr < SYSSET_MAX && (s->bits[nr / 64] >> (nr % 64)) & 1;
}
void sysset_add(struct sysset *s, int nr);
void sysset_del(struct sysset *s, int nr);
int sysset_count(const struct sysset *s);
bool sysset_full(const struct sysset *s);

/* Apply a trace= expression ("open,close", "!write", "all", "none",
 * strace's classes "%file,%network", mixed with names, numbers, /REGEX
 * matched against the names, ?NAME for a name this kernel may lack, and
 * strace's @64/@32/@x32 suffixes) to s.
 * On error returns -EINVAL and writes one line to err. */
int sysset_parse(struct sysset *s, const char *expr, FILE *err);
/* The same for -e WHAT= (raw), which the messages name. */
int sysset_parse_as(struct sysset *s, const char *expr, const char *what, FILE *err);

#endif
