#include "decode/quote.h"

#include <string.h>

/* One byte as strace's string_quote spells it: C escapes, printable ASCII
 * as itself, octal for the rest (three digits when a digit follows, so
 * that the next character is not read as part of the escape). */
static size_t quote_byte(char *out, uint8_t ch, bool digit_next, enum quote_style style)
{
	static const char escapes[256] = {
		['"'] = '"', ['\\'] = '\\', ['\n'] = 'n', ['\t'] = 't', ['\r'] = 'r',
		['\f'] = 'f', ['\v'] = 'v',
	};
	static const char hex[] = "0123456789abcdef";
	bool angle = style == QUOTE_FD_PATH && (ch == '<' || ch == '>');
	size_t n = 0;

	if (style == QUOTE_HEX) {
		out[n++] = '\\';
		out[n++] = 'x';
		out[n++] = hex[ch >> 4];
		out[n++] = hex[ch & 15];
	} else if (escapes[ch]) {
		out[n++] = '\\';
		out[n++] = escapes[ch];
	} else if (ch >= ' ' && ch < 0x7f && !angle) {
		out[n++] = (char)ch;
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

/* Written byte by byte: read and write buffers full of NULs made snprintf
 * per escape the largest cost of text output. */
size_t quote(char *out, size_t room, const uint8_t *s, size_t len, bool more,
	     enum quote_style style)
{
	bool quoted = style != QUOTE_FD_PATH;
	size_t n = 0;

	if (room < 8)
		return 0;
	if (quoted)
		out[n++] = '"';
	for (size_t i = 0; i < len && n + 6 < room; i++) {
		bool digit_next = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7';

		n += quote_byte(out + n, s[i], digit_next, style);
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
