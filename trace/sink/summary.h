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
	uint64_t time_ns;	/* in-syscall time: CPU time, or -w's wall time */
	uint64_t min_ns, max_ns;	/* of one call */
	unsigned order;		/* summary_print's: the position rows had */
};

/* Print rows (sorted in place by key, ties in the order given: by syscall
 * number, as strace's stable sort leaves them) with header, total and, when lost is
 * non-zero, a "lost" row, in strace's columns: those of cols (-U, a
 * COL_NONE-terminated list), or strace's default when NULL; each as wide
 * as its widest value. */
void summary_print_columns(FILE *out, struct summary_row *rows, size_t n, enum sort_key key,
			   uint64_t lost, const uint8_t *cols);
void summary_print(FILE *out, struct summary_row *rows, size_t n, enum sort_key key,
		   uint64_t lost);

#endif
