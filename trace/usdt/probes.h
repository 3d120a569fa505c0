/* probes: the USDT probes lotrace attaches: -u specs ([PATH:]PROVIDER:NAME)
 * resolved against the objects of the traced command or processes, and
 * --list-usdt's listing. Owns the objects' probe tables. */
#ifndef LOTRACE_PROBES_H
#define LOTRACE_PROBES_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "usdt/notes.h"

struct probe_ref {
	const struct usdt_file *file;
	const struct usdt_probe *probe;
	unsigned str_mask;	/* bit i: argument i prints as a string, copied
				 * at the hit (a char * by its type, -u NAME/sN) */
};

struct probes {
	struct usdt_file **files;	/* each allocated alone: refs point in */
	int nfiles;
	struct probe_ref *sel;	/* selected by -u, indexed by probe id */
	int nsel;
};

/* Select the probes matching specs in the objects: the spec's PATH, or else
 * defaults (the command's binary, or every object the -p processes map).
 * One line in err (with the nearest probe name) when a spec matches nothing.
 * -EINTR, with nothing said, once stop_fd (-1: none) turns readable while
 * the command's loader lists its libraries. */
int probes_resolve(struct probes *ps, char **specs, int nspecs, const char *binary,
		   const pid_t *pids, int npids, int stop_fd, char *err, size_t errlen);
void probes_free(struct probes *ps);

/* --list-usdt: one line per note of path, or of every object pid maps. */
int probes_list(FILE *out, const char *path, pid_t pid, char *err, size_t errlen);

#endif
