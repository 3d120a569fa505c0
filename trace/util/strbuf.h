/* strbuf: a string that grows on the heap, for text whose size is not
 * known in advance (a tracepoint format file, a perf filter). The caller
 * owns buf: sb_release frees it, sb_detach hands it over. */
#ifndef LOTRACE_UTIL_STRBUF_H
#define LOTRACE_UTIL_STRBUF_H

#include <stddef.h>
#include <stdio.h>

struct strbuf {
	char *buf;		/* NUL-terminated once anything was added */
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

/* Append n bytes, or what printf makes, or all that fp still holds.
 * 0, or -ENOMEM (-errno for sb_read) with sb as it was. */
int sb_add(struct strbuf *sb, const char *s, size_t n);
int sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sb_read(struct strbuf *sb, FILE *fp);

void sb_release(struct strbuf *sb);
char *sb_detach(struct strbuf *sb);

#endif
