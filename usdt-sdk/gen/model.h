/* SPDX-License-Identifier: MIT */
/*
 * model: what a provider file declares (providers, probes, #define aliases,
 * struct tags) and the state of reading it, with its one diagnostic. The
 * lexer, preprocessor and parser fill a struct input; the emitter reads it.
 * Owns everything it points to (input_free).
 */
#ifndef USDT_GEN_MODEL_H
#define USDT_GEN_MODEL_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"

#define MAX_ARGS 12		/* what the note format's tools and usdt.h take */

struct probe {
	char *name;		/* as written: request__start */
	char *macro;		/* KVD_REQUEST_START */
	struct loc loc;
	char *types[MAX_ARGS];	/* C types after #define expansion */
	char *casts[MAX_ARGS];	/* the same without top-level qualifiers */
	int nargs;
};

struct provider {
	char *name;
	struct loc loc;
	int first, nprobes;	/* its probes: input.probes[first...] */
};

/* An object-like #define, used as a type alias (PostgreSQL's probes.d). */
struct alias {
	char *name;
	struct words body;
	bool expanding;
};

struct input {
	/* The text and where the lexer is in it. */
	const char *path;
	char *text;
	size_t len, pos;
	struct loc at;		/* of text[pos] */
	bool line_start;	/* only blanks since the last newline */

	/* What it declares, in the order written. */
	struct provider *providers;
	int nproviders, providers_cap;
	struct probe *probes;
	int nprobes, probes_cap;
	struct alias *aliases;
	int naliases, aliases_cap;
	struct words tags;	/* "struct foo", declared ahead of use */
	bool uses_bool;

	/* Indexes of the above, so that a large file reads in linear time. */
	struct strmap provider_index;	/* name -> providers[] */
	struct strmap probe_index;	/* "provider:name" -> probes[] */
	struct strmap macro_index;	/* macro name -> probes[] */
	struct strmap alias_index;	/* name -> aliases[] */
	struct strmap tag_index;	/* "struct foo" -> tags */

	struct buf err;		/* the one message printed on failure */
	FILE *warn;		/* where warnings go; NULL: nowhere */
};

/* Take text (malloc'ed, NUL-terminated, len bytes) read from path. */
void input_init(struct input *in, const char *path, char *text, size_t len);
void input_free(struct input *in);

/*
 * Record an error at loc in the compiler's format (file:line:col: error:
 * ...) as in->err; returns -EINVAL so that parsers can `return error(...)`,
 * or -ENOMEM. A warning is printed to in->warn at once.
 */
__attribute__((format(printf, 3, 4)))
int error(struct input *in, struct loc loc, const char *fmt, ...);
__attribute__((format(printf, 3, 4)))
void warning(struct input *in, struct loc loc, const char *fmt, ...);

/* Make room for element n of the array *array (a `struct T **`) of cap
 * elements of size bytes, doubling it when full. 0 or -ENOMEM. */
int grow_array(void *array, int *cap, int n, size_t size);

#endif
