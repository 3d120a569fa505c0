#include "syscalls/systab.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "cli/strdist.h"

struct systab_entry {
	const char *name;
	int nr;
};

static const struct systab_entry systab[] = {
#define SYSCALL(name, nr) { #name, nr },
#include "systab_gen.h"
#undef SYSCALL
};

#define SYSTAB_LEN (sizeof(systab) / sizeof(systab[0]))

int systab_size(void)
{
	/* systab_gen.h is sorted by number. */
	return systab[SYSTAB_LEN - 1].nr + 1;
}

const char *systab_name(int nr)
{
	size_t lo = 0, hi = SYSTAB_LEN;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (systab[mid].nr == nr)
			return systab[mid].name;
		if (systab[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int systab_lookup(const char *name)
{
	for (size_t i = 0; i < SYSTAB_LEN; i++)
		if (!strcmp(systab[i].name, name))
			return systab[i].nr;
	return -ENOENT;
}

const char *systab_nearest(const char *name)
{
	const char *best = NULL;
	size_t best_dist = (size_t)-1;

	for (size_t i = 0; i < SYSTAB_LEN; i++) {
		size_t d = strdist(name, systab[i].name);

		if (d < best_dist) {
			best_dist = d;
			best = systab[i].name;
		}
	}
	return best;
}
