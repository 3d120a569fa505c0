#include "util/strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int grow(struct strbuf *sb, size_t more)
{
	size_t cap;
	char *buf;

	if (sb->len + more + 1 <= sb->cap)
		return 0;
	cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + more + 1)
		cap *= 2;
	buf = realloc(sb->buf, cap);
	if (!buf)
		return -ENOMEM;
	sb->buf = buf;
	sb->cap = cap;
	return 0;
}

int sb_add(struct strbuf *sb, const char *s, size_t n)
{
	if (grow(sb, n))
		return -ENOMEM;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if (grow(sb, (size_t)n))
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
	return 0;
}

int sb_read(struct strbuf *sb, FILE *fp)
{
	for (;;) {
		size_t n;

		if (grow(sb, 4096))
			return -ENOMEM;
		n = fread(sb->buf + sb->len, 1, sb->cap - sb->len - 1, fp);
		sb->len += n;
		sb->buf[sb->len] = '\0';
		if (!n)
			return ferror(fp) ? -EIO : 0;
	}
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	*sb = (struct strbuf)STRBUF_INIT;
}

char *sb_detach(struct strbuf *sb)
{
	char *buf = sb->buf;

	*sb = (struct strbuf)STRBUF_INIT;
	return buf;
}
