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

void xb_init(struct xbuf *b, char *buf, size_t cap)
{
	b->buf = buf;
	b->len = 0;
	b->cap = cap;
	b->cut = false;
	if (cap)
		buf[0] = '\0';
}

static void xb_mem(struct xbuf *b, const char *s, size_t n)
{
	size_t room = b->cap ? b->cap - 1 - b->len : 0;

	if (n > room) {
		n = room;
		b->cut = true;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	if (b->cap)
		b->buf[b->len] = '\0';
}

void xb_str(struct xbuf *b, const char *s)
{
	xb_mem(b, s, strlen(s));
}

void xb_char(struct xbuf *b, char c)
{
	xb_mem(b, &c, 1);
}

void xb_u64(struct xbuf *b, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	do
		tmp[--i] = (char)('0' + v % 10);
	while (v /= 10);
	xb_mem(b, tmp + i, sizeof(tmp) - i);
}

void xb_i64(struct xbuf *b, int64_t v)
{
	if (v < 0) {
		xb_char(b, '-');
		xb_u64(b, -(uint64_t)v);
	} else {
		xb_u64(b, (uint64_t)v);
	}
}

void xb_hex(struct xbuf *b, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[18];
	int i = sizeof(tmp);

	if (!v) {	/* printf's %#x prints 0 without the prefix */
		xb_char(b, '0');
		return;
	}
	do
		tmp[--i] = digits[v & 15];
	while (v >>= 4);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	xb_mem(b, tmp + i, sizeof(tmp) - i);
}

void xb_oct(struct xbuf *b, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	do
		tmp[--i] = (char)('0' + (v & 7));
	while (v >>= 3);
	tmp[--i] = '0';	/* the # flag's leading zero */
	while (sizeof(tmp) - i < 3)
		tmp[--i] = '0';	/* width 3, zero-padded */
	xb_mem(b, tmp + i, sizeof(tmp) - i);
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
