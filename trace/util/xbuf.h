/* xbuf: text being built in a caller's fixed buffer: appends never
 * overflow, and say when they were cut. Numbers are formatted by hand,
 * since printf was the largest cost of text output. Owns nothing. */
#ifndef LOTRACE_UTIL_XBUF_H
#define LOTRACE_UTIL_XBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xbuf {
	char *buf;
	size_t len, cap;	/* cap includes the terminating NUL */
	bool cut;
	/* how decode/ spells what it writes here (-X, -x): its enum
	 * xlat_style and enum hex_style, 0 (strace's default) after xb_init */
	uint8_t xlat, hex;
};

static inline void xb_init(struct xbuf *b, char *buf, size_t cap)
{
	b->buf = buf;
	b->len = 0;
	b->cap = cap;
	b->cut = false;
	b->xlat = 0;
	b->hex = 0;
	if (cap)
		buf[0] = '\0';
}

/* How many decimal digits v has: compares, not divisions. */
static inline size_t xb_dec_len(uint64_t v)
{
	size_t n = 1;

	for (uint64_t p = 10; v >= p; p *= 10) {
		n++;
		if (n == 20)
			break;	/* 10^19 is the last power below 2^64 */
	}
	return n;
}

/* v's decimal digits, its last at end[-1]: two at a time from a table,
 * which halves the divisions (numbers were a twentieth of a line's
 * instructions, dividing by ten twice over). */
static inline void xb_dec_at(char *end, uint64_t v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";

	while (v >= 100) {
		end -= 2;
		end[0] = pairs[v % 100 * 2];
		end[1] = pairs[v % 100 * 2 + 1];
		v /= 100;
	}
	if (v >= 10) {
		end[-2] = pairs[v * 2];
		end[-1] = pairs[v * 2 + 1];
	} else {
		end[-1] = (char)('0' + v);
	}
}

void xb_mem(struct xbuf *b, const char *s, size_t n);
void xb_str(struct xbuf *b, const char *s);
void xb_char(struct xbuf *b, char c);
void xb_u64(struct xbuf *b, uint64_t v);		/* 42 */
void xb_i64(struct xbuf *b, int64_t v);		/* -42 */
void xb_hex(struct xbuf *b, uint64_t v);		/* 0x2a, 0 */
void xb_oct(struct xbuf *b, uint64_t v);		/* 052, 000: strace's %#03o */
void xb_pad(struct xbuf *b, size_t col);		/* spaces up to column col */
void xb_printf(struct xbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
