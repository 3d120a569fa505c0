/* values: the option arguments that are not sets: numbers, sizes, the -c
 * table's sort key and columns, durations. Each returns 0, or -EINVAL
 * without a word: opts.c says which option it was. */
#ifndef LOTRACE_CLI_VALUES_H
#define LOTRACE_CLI_VALUES_H

#include <stddef.h>
#include <stdint.h>

#include "cli/opts.h"

/* A decimal number, digits only. */
int value_ulong(const char *s, unsigned long *out);

/* Bytes with an optional K or M suffix (4096, 512K, 8M). */
int value_size(const char *s, size_t *out);

/* strace's -S keys: time, min-time, max-time, avg-time, calls, errors,
 * name, nothing, and their aliases. */
int value_sort(const char *s, enum sort_key *out);

/* strace's -U list into a COL_NONE-terminated array of COL_COUNT; the name
 * column is added at the end when not listed. */
int value_columns(const char *s, uint8_t out[COL_COUNT]);

/* strace's -O: a number of microseconds, or with s, ms, us or ns. */
int value_duration(const char *s, uint64_t *ns);

#endif
