#include "stack/format.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

struct out {
	char *buf;
	size_t room, len;
};

static void put(struct out *o, const char *fmt, ...)
{
	size_t at = o->len < o->room ? o->len : o->room;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->buf ? o->buf + at : NULL, o->room - at, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += n;
}

static void put_source(struct out *o, const char *file, int line, unsigned flags)
{
	if ((flags & STACK_FMT_SOURCE) && file)
		put(o, " %s:%d", file, line);
}

size_t stack_format_frame(char *buf, size_t room, const struct stack_frame *f,
			  unsigned flags)
{
	struct out o = { .buf = buf, .room = room };
	const char *file = f->file;
	int line = f->line;

	if (room)
		buf[0] = '\0';
	if (!f->object) {
		/* strace's words for a pc outside every file mapping */
		put(&o, " > unexpected_backtracing_error [0x%" PRIx64 "]\n", f->pc);
		return o.len;
	}
	if (!f->function) {
		put(&o, " > %s() [0x%" PRIx64 "]\n", f->object, f->rel);
		return o.len;
	}
	if (flags & STACK_FMT_INLINE) {
		for (int i = 0; i < f->ninl; i++) {
			const struct stack_inline *in = &f->inl[i];

			put(&o, " > %s(%s) [0x%" PRIx64 "]", f->object,
			    in->function ? in->function : "??", f->rel);
			put_source(&o, in->file, in->line, flags);
			put(&o, " (inlined)\n");
		}
		file = f->call_file;
		line = f->call_line;
	}
	put(&o, " > %s(%s+0x%" PRIx64 ") [0x%" PRIx64 "]", f->object, f->function,
	    f->func_off, f->rel);
	put_source(&o, file, line, flags);
	put(&o, "\n");
	return o.len;
}

/* What each early end says; strace's own words for the frame limit. */
static const char *const end_text[] = {
	[STACK_END_OUTERMOST] = NULL,
	[STACK_END_LIMIT] = "too many stack frames",
	[STACK_END_TRUNCATED] = "end of the stack copy",
	[STACK_END_LOST] = NULL,
};

size_t stack_format_end(char *buf, size_t room, const struct stack_unwound *res)
{
	struct out o = { .buf = buf, .room = room };
	const char *text = end_text[res->end];

	if (room)
		buf[0] = '\0';
	if (res->end == STACK_END_LOST && res->why[0])
		text = res->why;
	if (text)
		put(&o, " > %s\n", text);
	return o.len;
}
