/* unwind: -k's stage, beside tasks. It keeps each traced process's
 * mappings from the EV_MMAP, fork and exit events in timestamp order, and
 * turns the registers and stack bytes a transport copied at a syscall's
 * entry or a USDT hit (an LT_CAP_STACK capture) into strace -k's lines
 * (an LT_CAP_FRAMES capture), unwound and symbolized against the
 * mappings of that moment by trace/stack. The lines travel with the call
 * to the sinks, which print them after its line. Owns trace/stack's
 * state (mappings, objects, symbol caches). */
#ifndef LOTRACE_UNWIND_H
#define LOTRACE_UNWIND_H

#include <stddef.h>
#include <stdint.h>

#include "pipeline/event.h"

struct capture;
struct unwind;

enum unwind_detail {
	UNWIND_SYMBOLS = 1,	/* -k: object(function+0xoff) [0xaddr] */
	UNWIND_SOURCE,		/* -kk: and file:line, as strace -kk */
	UNWIND_INLINE,		/* -kkk: and a line per inlined call */
};

/* NULL when out of memory. max_frames: strace's --stack-trace-frame-limit. */
struct unwind *unwind_new(enum unwind_detail detail, int max_frames);
void unwind_free(struct unwind *u);

/* pid is a process lotrace starts: its mappings come as events from its
 * execve on, none are read from /proc. */
void unwind_new_process(struct unwind *u, uint32_t pid);

/* EV_MMAP, EV_FORK and EV_TASK_EXIT: the mappings follow them. */
void unwind_track(struct unwind *u, const struct event *ev);

/* Replace the LT_CAP_STACK capture among the captures of *cap that start
 * at byte from (0 for a syscall's) with the lines of its frames; *cap is
 * a new capture then (the old one is freed). */
void unwind_capture(struct unwind *u, uint32_t pid, uint32_t tid, struct capture **cap,
		    size_t from);

/* The lines of the frames among the captures of c that start at byte
 * from, each " > ...\n", and their length; NULL when there are none. */
const char *unwind_lines(const struct capture *c, size_t from, size_t *len);

#endif
