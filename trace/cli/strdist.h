/* strdist: edit distance between two short strings, for "did you mean"
 * suggestions on unknown syscall and probe names. */
#ifndef LOTRACE_STRDIST_H
#define LOTRACE_STRDIST_H

#include <stddef.h>

/* Levenshtein distance; strings longer than 63 bytes compare by prefix. */
size_t strdist(const char *a, const char *b);

#endif
