// SPDX-License-Identifier: MIT
/*
 * usdt-gen's reader of provider files: any bytes as a .d file through the
 * lexer, the preprocessor and the parser, and the emitter when they accept
 * it. A parse must end in a header or in one message, never more memory
 * or time than the input's size explains (libFuzzer's -rss_limit_mb and
 * -timeout catch a #define bomb).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf header = { 0 };
	struct input in;
	char *text;
	int err;

	/* files.c refuses a NUL byte before the parser sees the text */
	if (memchr(data, '\0', size))
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	input_init(&in, "fuzz.d", text, size);
	in.warn = NULL;
	err = parse(&in);
	if (err == -EINVAL && (!in.err.s || strncmp(in.err.s, "fuzz.d:", 7)))
		abort();	/* an error without its file:line:col message */
	if (!err && (emit(&header, &in, "fuzz.h") || !header.len))
		abort();
	free(header.s);
	input_free(&in);
	return 0;
}
