/* quote: strace's spelling of bytes from the traced process: C escapes,
 * octal for the rest (three digits when a digit follows) or -x's \x, in
 * quotes with "..." when cut, or bare between -y's < and >; or every byte
 * in hex where strace forces hex (random bytes, netlink payloads). */
#ifndef LOTRACE_QUOTE_H
#define LOTRACE_QUOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* -x, -xx, --strings-in-hex=: when strings print as \x escapes. */
enum hex_style {
	HEX_NONE,		/* C escapes and octal, strace's default */
	HEX_NON_ASCII_CHARS,	/* the same, \x instead of octal */
	HEX_NON_ASCII,		/* -x: a string with any such byte all in \x */
	HEX_ALL,		/* -xx: every string all in \x */
};

enum quote_style {
	QUOTE_STRING,	/* "text", then ... when more */
	QUOTE_FD_PATH,	/* text as after 3<: no quotes, < and > in octal too */
	QUOTE_HEX,	/* "\x61\x62", then ... when more: strace's QUOTE_FORCE_HEX */
};

/* len bytes of s into out (NUL-terminated, room bytes at most), in \x
 * as hex says; returns the length written, 0 when room is too small to
 * say anything. */
size_t quote(char *out, size_t room, const uint8_t *s, size_t len, bool more,
	     enum quote_style style, enum hex_style hex);

#endif
