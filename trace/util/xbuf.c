/* xbuf: text built in a fixed buffer without printf on the hot path. */
#include "util/xbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void xb_mem(struct xbuf *b, const char *s, size_t n)
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
	size_t n = xb_dec_len(v);

	xb_dec_at(tmp + n, v);
	xb_mem(b, tmp, n);
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

void xb_printf(struct xbuf *b, const char *fmt, ...)
{
	size_t room = b->cap ? b->cap - b->len : 0;
	va_list ap;
	int n;

	if (!room)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= room) {
		n = (int)room - 1;
		b->cut = true;
	}
	b->len += (size_t)n;
}

void xb_pad(struct xbuf *b, size_t col)
{
	size_t room = b->cap ? b->cap - 1 - b->len : 0, n;

	if (col <= b->len)
		return;
	n = col - b->len;
	if (n > room) {
		n = room;
		b->cut = true;
	}
	memset(b->buf + b->len, ' ', n);
	b->len += n;
	if (b->cap)
		b->buf[b->len] = '\0';
}
