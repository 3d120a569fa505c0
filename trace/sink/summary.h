/* summary: the -c table in strace's layout. Counting is a few additions per
 * call and formats nothing until the end; the table printer is separate
 * so it can be tested on its own. */
#ifndef LOTRACE_SUMMARY_H
#define LOTRACE_SUMMARY_H

#include <stdint.h>
#include <stdio.h>

#include "cli/opts.h"

struct summary_row {
	const char *name;
	uint64_t calls;
	uint64_t errors;
	uint64_t time_ns;	/* in-syscall time, from sys_enter to sys_exit */
};

/* Print rows (sorted in place by key) with header, total and, when lost is
 * non-zero, a "lost" row. */
void summary_print(FILE *out, struct summary_row *rows, size_t n, enum sort_key key,
		   uint64_t lost);

#endif
