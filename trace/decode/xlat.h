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

/* Name of val, the first listed among equal values, or NULL. O(log n). */
const char *xlat_name(const struct xlat *x, uint64_t val);

/* How xlat_enum prints a value the table does not name. */
enum xlat_num { XN_HEX, XN_DEC, XN_UDEC };

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

#endif
