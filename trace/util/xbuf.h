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
};

void xb_init(struct xbuf *b, char *buf, size_t cap);
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
