/* decode: raw syscall values -> what strace prints, as data for the sinks.
 * The formatter for an argument is chosen from a table by syscall and
 * argument name, falling back on the type the tracepoint format gives.
 * Decoders never print; they fill a struct dcall. */
#ifndef LOTRACE_DECODE_H
#define LOTRACE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats.h"
#include "pair.h"

enum darg_kind {
	DARG_INT,	/* signed decimal */
	DARG_UINT,	/* unsigned decimal */
	DARG_HEX,	/* 0x-prefixed hex */
	DARG_PTR,	/* an address: hex, or NULL */
	DARG_SYM,	/* symbolic text: AT_FDCWD, O_RDONLY|O_CLOEXEC */
	DARG_STR,	/* bytes copied from the process: text, len, more */
};

struct darg {
	enum darg_kind kind;
	const char *name;	/* the argument's name in the tracepoint format */
	uint64_t value;
	const char *text;	/* DARG_SYM, DARG_STR: points into dcall.scratch */
	uint32_t len;		/* DARG_STR: bytes at text (not NUL-terminated) */
	bool more;		/* DARG_STR: the string went on: print "..." */
};

enum dret_kind {
	DRET_NONE,	/* never returned: "?" */
	DRET_INT,
	DRET_HEX,	/* addresses: mmap, brk */
	DRET_ERR,	/* -1 and errno */
};

struct dcall {
	const char *name;
	int nargs;
	struct darg arg[SC_MAX_ARGS];
	enum dret_kind ret_kind;
	int64_t ret;
	int err;		/* DRET_ERR: positive errno */
	char scratch[8192];
	size_t used;
};

/* A decoder for one argument: set a->kind, a->text (via decode_sym). */
typedef void (*decode_arg_fn)(struct dcall *d, struct darg *a);

void decode_call(struct formats *f, const struct call *c, struct dcall *d);

/* Store text in d's scratch space and make a symbolic. */
void decode_sym(struct dcall *d, struct darg *a, const char *text);

/* True when a syscall return value encodes an errno. */
static inline bool decode_is_error(int64_t ret)
{
	return ret < 0 && ret >= -4095;
}

#endif
