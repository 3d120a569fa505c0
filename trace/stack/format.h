/* stack/format: strace -k's lines for a symbolized user stack, one
 * " > /path/object(function+0xoff) [0xaddr]" per frame, innermost first,
 * as strace built with libdw prints them; pure functions of their input. */
#ifndef LOTRACE_STACK_FORMAT_H
#define LOTRACE_STACK_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "stack/objects.h"
#include "stack/unwind.h"

/* One frame, as stack_symbolize fills it. Strings belong to the stack's
 * objects and live until stack_free. */
struct stack_frame {
	uint64_t pc;		/* as unwound: a return address, but for the first frame */
	const char *object;	/* path of the file mapped there; NULL: none */
	const char *function;	/* ELF symbol covering the pc, or NULL */
	uint64_t func_off;	/* from the symbol's start */
	uint64_t rel;		/* strace's [0x...]: the address in the object */
	const char *file;	/* innermost source line, or NULL */
	int line;
	const struct stack_inline *inl;	/* calls inlined there, innermost first */
	int ninl;
	const char *call_file;	/* where the outermost inlined call is */
	int call_line;
};

enum stack_fmt {
	/* strace -kk: " file:line" after each frame that has a symbol */
	STACK_FMT_SOURCE = 1 << 0,
	/* lotrace's own: a " > obj(function) [0xaddr] (inlined)" line before
	 * its frame for each inlined call; the frame's line is then that of
	 * the outermost call rather than strace's innermost one */
	STACK_FMT_INLINE = 1 << 1,
};

/* The lines of one frame into buf, NUL-terminated when room > 0; returns
 * the length they need, as snprintf does. */
size_t stack_format_frame(char *buf, size_t room, const struct stack_frame *f,
			  unsigned flags);

/* The line said after the last frame when the walk stopped early (none
 * when it reached the outermost frame). */
size_t stack_format_end(char *buf, size_t room, const struct stack_unwound *res);

#endif
