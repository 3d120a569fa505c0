/* pathtrace: -P PATH and --trace-fds=SET, strace's filters of the calls
 * that use a file: by a path argument the BPF program copied, or by a
 * descriptor argument that refers to PATH (fdtrack) or is in SET. It owns
 * the path list; the fdtrack is the tracer's. */
#ifndef LOTRACE_PATHTRACE_H
#define LOTRACE_PATHTRACE_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/opts.h"
#include "fd/fdtrack.h"
#include "pipeline/pair.h"

struct pathtrace;

/* The filter of o's -P paths (each also as realpath(3) resolves it, said
 * on err unless -e quiet=path-resolution) and --trace-fds; NULL when o
 * has neither, or when out of memory (*failed then). */
struct pathtrace *pathtrace_new(const struct opts *o, struct fdtrack *fdtrack, FILE *err,
				bool *failed);
void pathtrace_free(struct pathtrace *pt);

/* Whether call c uses a path or descriptor of the filter, as strace
 * decides it at the call: the descriptors as they were before it. */
bool pathtrace_match(const struct pathtrace *pt, const struct call *c);

#endif
