/* dump: -e read=SET and -e write=SET, strace's hex and ASCII dump of the
 * data a call read from or wrote to a descriptor of the set, written
 * after the call's line. */
#ifndef LOTRACE_SINK_DUMP_H
#define LOTRACE_SINK_DUMP_H

#include <stdio.h>

#include "cli/opts.h"
#include "pipeline/pair.h"

/* Write the dump of call c to out, when o's sets want one. */
void dump_io(const struct opts *o, const struct call *c, FILE *out);

#endif
