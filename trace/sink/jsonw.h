/* jsonw: the JSON values lotrace's JSON outputs share (--json lines and
 * --export-chrome's trace events): strings, decoded arguments, results,
 * USDT arguments and -k's frames, written the same way in both. */
#ifndef LOTRACE_JSONW_H
#define LOTRACE_JSONW_H

#include <stddef.h>
#include <stdio.h>

#include "decode/decode.h"
#include "sink/sink.h"

/* len bytes as a JSON string: quotes and backslashes escaped, other bytes
 * outside printable ASCII as \u00XX. */
void jsonw_bytes(FILE *out, const char *s, size_t len);
void jsonw_string(FILE *out, const char *s);

/* A decoded syscall argument: numbers as numbers, addresses as "0x..."
 * text (a double cannot hold them), symbols and strings as strings. */
void jsonw_arg(FILE *out, const struct darg *a);

/* "ret":N,"errno":"ENAME" (or null), as SPEC.md's --json schema says. */
void jsonw_result(FILE *out, const struct dcall *d);

/* USDT argument i of h, as its type says; strings cut at max bytes. */
void jsonw_usdt_arg(FILE *out, const struct usdt_hit *h, int i, size_t max);

/* -k's lines (" > frame\n" each) as a JSON array of the frames' text. */
void jsonw_stack(FILE *out, const char *lines, size_t len);

#endif
