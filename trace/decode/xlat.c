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

bool xlat_enum(struct xbuf *b, const struct xlat *x, uint64_t val, const char *dflt,
	       enum xlat_num num)
{
	const char *name = xlat_name(x, val);

	if (name) {
		xb_str(b, name);
		return true;
	}
	switch (num) {
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
	comment(b, dflt);
	return false;
}

int xlat_flags(struct xbuf *b, const struct xlat *x, uint64_t val, const char *dflt)
{
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
