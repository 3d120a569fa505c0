/* decode: raw syscall values -> what strace prints, as data for the sinks.
 * The formatter for an argument is chosen by syscall and argument name
 * from the rule table (decode_rules.c), falling back on the type the
 * tracepoint format gives; flags and enums print through the tables of
 * xlat.h. Decoders never print; they fill a struct dcall. */
#ifndef LOTRACE_DECODE_H
#define LOTRACE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscalls/formats.h"
#include "pipeline/pair.h"

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
	const char *label;	/* strace's "name=" in front of the value
				 * (clone's child_stack=), or NULL */
	bool hidden;		/* strace leaves it out of the line (openat's
				 * mode without O_CREAT); JSON still has it */
	bool fd;		/* a file descriptor or directory fd (-y) */
	bool keep;		/* the row's fix decoded it for this call: no
				 * capture replaces it (prctl's arg2 is a string
				 * only for PR_SET_NAME) */
};

enum dret_kind {
	DRET_NONE,	/* never returned: "?" */
	DRET_INT,
	DRET_HEX,	/* addresses: mmap, brk */
	DRET_ERR,	/* -1 and errno */
};

/* How the decoders spell what they print: strace's -X, -x and -v. */
struct decode_style {
	uint8_t xlat;		/* enum xlat_style */
	uint8_t hex;		/* enum hex_style */
	bool whole;		/* -v: structs, arrays and environments whole */
	bool no_structs;	/* -e verbose= leaves it out: structs as addresses */
};

struct dcall {
	const char *name;
	struct decode_style style;
	int nargs;
	struct darg arg[SC_MAX_ARGS];
	enum dret_kind ret_kind;
	int64_t ret;
	int err;		/* DRET_ERR: positive errno */
	const char *ret_text;	/* DRET_INT, DRET_HEX: what strace prints after
				 * "= " ("0x1 (flags FD_CLOEXEC)", "022"), in
				 * scratch; NULL: the number */
	unsigned strsize;	/* -s, for fix-ups that print copied strings */
	char scratch[8192];
	size_t used;
};

/* Argument a holds value, and nothing decoded yet. */
static inline void darg_reset(struct darg *a, uint64_t value)
{
	a->value = value;
	a->text = NULL;
	a->len = 0;
	a->more = false;
	a->label = NULL;
	a->hidden = false;
	a->keep = false;
}

/* Decode call c into d, with the argument names and types of f, spelt
 * as style says (strace's default when NULL). */
void decode_call_as(struct formats *f, const struct call *c, struct dcall *d,
		    const struct decode_style *style);
void decode_call(struct formats *f, const struct call *c, struct dcall *d);

/* strace's -e raw=: every argument as its register in hex, the result in
 * hex, nothing left out (decode_raw.c). */
void decode_raw(const struct call *c, struct dcall *d);

/* Store text in d's scratch space and make a symbolic. */
void decode_sym(struct dcall *d, struct darg *a, const char *text);

/* Print text after "= " instead of the return value (-y's "3</etc/hostname>"). */
void decode_ret_text(struct dcall *d, const char *text);

/* True when a syscall return value encodes an errno. */
static inline bool decode_is_error(int64_t ret)
{
	return ret < 0 && ret >= -4095;
}

#endif
