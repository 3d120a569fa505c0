/* quote: strace's spelling of bytes from the traced process: C escapes,
 * octal for the rest (three digits when a digit follows), in quotes with
 * "..." when cut, or bare between -y's < and >; or every byte in hex where
 * strace forces hex (random bytes, netlink payloads). */
#ifndef LOTRACE_QUOTE_H
#define LOTRACE_QUOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum quote_style {
	QUOTE_STRING,	/* "text", then ... when more */
	QUOTE_FD_PATH,	/* text as after 3<: no quotes, < and > in octal too */
	QUOTE_HEX,	/* "\x61\x62", then ... when more: strace's QUOTE_FORCE_HEX */
};

/* len bytes of s into out (NUL-terminated, room bytes at most); returns
 * the length written, 0 when room is too small to say anything. */
size_t quote(char *out, size_t room, const uint8_t *s, size_t len, bool more,
	     enum quote_style style);

#endif
