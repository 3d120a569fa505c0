#include "decode/xlat.h"

#include <string.h>


const char *xlat_name(const struct xlat *x, uint64_t val)
{
	uint32_t lo = 0, hi = x->n;

	/* lower bound: the first listed of equal values sorts first */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (x->ent[x->by_val[mid]].val < val)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->n && x->ent[x->by_val[lo]].val == val)
		return x->ent[x->by_val[lo]].name;
	return NULL;
}

static void comment(struct xbuf *b, const char *text)
{
	if (!text)
		return;
	xb_str(b, " /* ");
	xb_str(b, text);
	xb_str(b, " */");
}

static void number(struct xbuf *b, uint64_t val, enum xlat_num num)
{
	switch (num) {
	case XN_OCT:
		xb_oct(b, val);
		break;
	case XN_HEX:
		xb_hex(b, val);
		break;
	case XN_DEC:
		xb_i64(b, (int64_t)val);
		break;
	case XN_UDEC:
		xb_u64(b, val);
		break;
	}
}

bool xlat_enum(struct xbuf *b, const struct xlat *x, uint64_t val, const char *dflt,
	       enum xlat_num num)
{
	const char *name = xlat_name(x, val);

	/* -X raw: the number; -X verbose: the number and its name */
	if (b->xlat == XLAT_RAW) {
		number(b, val, num);
		return name != NULL;
	}
	if (name && b->xlat == XLAT_ABBREV) {
		xb_str(b, name);
		return true;
	}
	number(b, val, num);
	comment(b, name ? name : dflt);
	return name != NULL;
}

/* The names of the bits of val, table order, joined by "|"; what is left
 * over goes back in *rest. */
static int names(struct xbuf *b, const struct xlat *x, uint64_t *rest)
{
	uint64_t val = *rest;
	int n = 0;

	for (uint32_t i = 0; (val || !n) && i < x->n; i++) {
		uint64_t v = x->ent[i].val;

		if (val == v || (v && (val & v) == v)) {
			if (n++)
				xb_char(b, '|');
			xb_str(b, x->ent[i].name);
			val &= ~v;
		}
		if (!val)
			break;
	}
	*rest = val;
	return n;
}

/* strace's printflags with -X verbose: the number, then the names in a
 * comment; the unknown bits stay in the number alone. */
static int flags_verbose(struct xbuf *b, const struct xlat *x, uint64_t val, const char *dflt)
{
	uint64_t rest = val;
	size_t start = b->len, names_at;
	int n;

	xb_hex(b, val);
	names_at = b->len;
	xb_str(b, " /* ");
	n = names(b, x, &rest);
	if (!n) {
		/* 0 with no name for it and no dflt: nothing at all */
		b->len = val || dflt ? names_at : start;
		if (b->cap)
			b->buf[b->len] = '\0';
		if (val)
			comment(b, dflt);
		return 0;
	}
	if (rest) {
		xb_char(b, '|');
		xb_hex(b, rest);
	}
	xb_str(b, " */");
	return n;
}

int xlat_flags(struct xbuf *b, const struct xlat *x, uint64_t val, const char *dflt)
{
	int n;

	if (b->xlat == XLAT_RAW) {
		if (val || dflt)
			xb_hex(b, val);
		return 0;
	}
	if (b->xlat == XLAT_VERBOSE)
		return flags_verbose(b, x, val, dflt);
	n = names(b, x, &val);
	if (n) {
		if (val) {
			xb_char(b, '|');
			xb_hex(b, val);
		}
	} else if (val) {
		xb_hex(b, val);
		comment(b, dflt);
	} else if (dflt) {
		xb_char(b, '0');
	}
	return n;
}

int xlat_flags_bare(struct xbuf *b, const struct xlat *x, uint64_t val)
{
	int n = 0;

	size_t start = b->len;

	if (b->xlat == XLAT_RAW) {
		xb_hex(b, val);
		return 1;
	}
	if (b->xlat == XLAT_VERBOSE) {
		n = flags_verbose(b, x, val, NULL);
		return n + (b->len > start);
	}
	if (!val && x->n && x->ent[0].val == 0) {
		xb_str(b, x->ent[0].name);
		return 1;
	}
	for (uint32_t i = 0; val && i < x->n; i++) {
		uint64_t v = x->ent[i].val;

		if (v && (val & v) == v) {
			if (n++)
				xb_char(b, '|');
			xb_str(b, x->ent[i].name);
			val &= ~v;
		}
	}
	if (val) {
		if (n++)
			xb_char(b, '|');
		xb_hex(b, val);
	}
	return n;
}

int xlat_compose_begin(struct xbuf *b, uint64_t val, enum xlat_num num)
{
	int saved = b->xlat + 1;

	if (b->xlat == XLAT_ABBREV)
		return saved;
	number(b, val, num);
	if (b->xlat == XLAT_RAW)
		return 0;
	xb_str(b, " /* ");
	b->xlat = XLAT_ABBREV;
	return saved;
}

void xlat_compose_end(struct xbuf *b, int saved)
{
	if (!saved)
		return;
	b->xlat = (uint8_t)(saved - 1);
	if (b->xlat == XLAT_VERBOSE)
		xb_str(b, " */");
}

void xlat_named(struct xbuf *b, uint64_t val, const char *name, enum xlat_num num)
{
	if (name && b->xlat == XLAT_ABBREV) {
		xb_str(b, name);
		return;
	}
	number(b, val, num);
	if (b->xlat == XLAT_VERBOSE)
		comment(b, name);
}
