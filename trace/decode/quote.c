#include "decode/quote.h"

#include <string.h>

static const char hexdigit[] = "0123456789abcdef";

/* -x: a string with a byte that is neither printable nor white space
 * prints all in \x, as strace decides it. */
static bool needs_hex(const uint8_t *s, size_t len, enum quote_style style,
		      enum hex_style hex)
{
	if (style == QUOTE_HEX || hex == HEX_ALL)
		return true;
	if (hex != HEX_NON_ASCII)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] > 0x7e || (s[i] < ' ' && (unsigned)(s[i] - 9) >= 5))
			return true;
	return false;
}

static size_t put_hex(char *out, uint8_t ch)
{
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hexdigit[ch >> 4];
	out[3] = hexdigit[ch & 15];
	return 4;
}

/* One byte as strace's string_quote spells it: C escapes, printable ASCII
 * as itself, octal (or \x with --strings-in-hex=non-ascii-chars) for the
 * rest, three octal digits when a digit follows, so that the next
 * character is not read as part of the escape. */
static size_t quote_byte(char *out, uint8_t ch, bool digit_next, enum quote_style style,
			 enum hex_style hex)
{
	static const char escapes[256] = {
		['"'] = '"', ['\\'] = '\\', ['\n'] = 'n', ['\t'] = 't', ['\r'] = 'r',
		['\f'] = 'f', ['\v'] = 'v',
	};
	bool angle = style == QUOTE_FD_PATH && (ch == '<' || ch == '>');
	size_t n = 0;

	if (escapes[ch]) {
		out[n++] = '\\';
		out[n++] = escapes[ch];
	} else if (ch >= ' ' && ch < 0x7f && !angle) {
		out[n++] = (char)ch;
	} else if (hex == HEX_NON_ASCII_CHARS) {
		n = put_hex(out, ch);
	} else {
		out[n++] = '\\';
		if (digit_next || ch >= 0100)
			out[n++] = (char)('0' + (ch >> 6));
		if (digit_next || ch >= 010)
			out[n++] = (char)('0' + ((ch >> 3) & 7));
		out[n++] = (char)('0' + (ch & 7));
	}
	return n;
}

/* Printable ASCII that needs no escape: itself in every style but the
 * descriptor path's, where < and > are octal. */
static inline bool plain(uint8_t ch, bool quoted)
{
	return ch >= ' ' && ch < 0x7f && ch != '"' && ch != '\\' &&
	       (quoted || (ch != '<' && ch != '>'));
}

/* Written byte by byte: read and write buffers full of NULs made snprintf
 * per escape the largest cost of text output. */
size_t quote(char *out, size_t room, const uint8_t *s, size_t len, bool more,
	     enum quote_style style, enum hex_style hex)
{
	bool quoted = style != QUOTE_FD_PATH, all_hex = needs_hex(s, len, style, hex);
	size_t n = 0;

	if (room < 8)
		return 0;
	if (quoted)
		out[n++] = '"';
	for (size_t i = 0; i < len && n + 6 < room; i++) {
		uint8_t ch = s[i];
		bool digit_next;
		uint64_t word;

		/* NULs eight at a time, where the byte after them is no
		 * octal digit: a read's or write's buffer of zeros is the
		 * commonest data there is (dd, zeroed pages), and byte by
		 * byte it took this function 13% of lotrace's time on dd */
		if (!ch && !all_hex && hex == HEX_NONE) {
			size_t from = i;

			/* the whole run at once: a 32-byte buffer of zeros was
			 * four turns of the outer loop, each testing again what
			 * cannot have changed */
			while (i + 8 <= len && n + 16 + 6 < room && (memcpy(&word, s + i, 8), !word) &&
			       !(i + 8 < len && s[i + 8] >= '0' && s[i + 8] <= '7')) {
				memcpy(out + n, "\\0\\0\\0\\0\\0\\0\\0\\0", 16);
				n += 16;
				i += 8;
			}
			if (i != from) {
				i--;	/* the loop's own i++ */
				continue;
			}
		}
		if (all_hex) {
			n += put_hex(out + n, ch);
			continue;
		}
		if (plain(ch, quoted)) {
			/* the commonest bytes first, text and a buffer's NULs:
			 * quote_byte's escape table and style tests were 14% of
			 * lotrace's user time tracing dd bs=512 */
			out[n++] = (char)ch;
			continue;
		}
		digit_next = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7';
		if (!ch && !digit_next && hex == HEX_NONE) {
			out[n++] = '\\';
			out[n++] = '0';
		} else {
			n += quote_byte(out + n, ch, digit_next, style, hex);
		}
	}
	if (quoted)
		out[n++] = '"';
	if (quoted && more && n + 4 < room) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return n;
}
