/* xlat: flag and enum tables (generated from the system headers by
 * gen-xlat.sh, one per decode/xlat/NAME.in) and strace's ways of printing a
 * value with them, into a caller's buffer. Owns nothing. */
#ifndef LOTRACE_XLAT_H
#define LOTRACE_XLAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/xbuf.h"

struct xlat_entry {
	uint64_t val;
	const char *name;
};

struct xlat {
	const char *family;
	const struct xlat_entry *ent;	/* in the order strace prints flags */
	const uint16_t *by_val;		/* ent indices sorted by value */
	uint32_t n;
};

/* -X: how named constants print: O_RDWR, 0x2, or 0x2 / * O_RDWR * /. */
enum xlat_style { XLAT_ABBREV, XLAT_RAW, XLAT_VERBOSE };

/* Name of val, the first listed among equal values, or NULL. O(log n). */
const char *xlat_name(const struct xlat *x, uint64_t val);

/* How xlat_enum prints a value the table does not name. */
enum xlat_num { XN_HEX, XN_DEC, XN_UDEC, XN_OCT };

/* strace's printxval: the name, or the number and " / * dflt * /" (without
 * the spaces inside) when dflt is not NULL. Returns whether val was named. */
bool xlat_enum(struct xbuf *b, const struct xlat *x, uint64_t val, const char *dflt,
	       enum xlat_num num);

/* strace's printflags: names of the entries whose bits are all set, in
 * table order, joined by "|", then the unknown bits in hex
 * ("O_RDONLY|0x400000"); 0 prints the table's zero-valued first entry, or
 * "0" when dflt is set; bits that no entry names print as hex and
 * " / * dflt * /". Returns how many names were printed. */
int xlat_flags(struct xbuf *b, const struct xlat *x, uint64_t val, const char *dflt);

/* strace's sprintflags with a separator: like xlat_flags, but nothing at
 * all for 0 unless the table names 0, and no comment. Returns the count
 * of names and hex parts written. */
int xlat_flags_bare(struct xbuf *b, const struct xlat *x, uint64_t val);

/* A value with a name from outside the tables (a signal, SIG_IGN), or
 * none (NULL), as -X says: the name, the number, or both. */
void xlat_named(struct xbuf *b, uint64_t val, const char *name, enum xlat_num num);

/* A value whose names a decoder writes itself, from several tables or
 * with numbers among them (open's access mode and flags, a mode's type
 * and permissions): -X raw writes the number alone and returns 0, the
 * decoder then writes nothing more; otherwise the decoder writes the
 * names and ends with xlat_compose_end(b, what this returned), which
 * makes them -X verbose's comment after the number. */
int xlat_compose_begin(struct xbuf *b, uint64_t val, enum xlat_num num);
void xlat_compose_end(struct xbuf *b, int saved);

#endif
