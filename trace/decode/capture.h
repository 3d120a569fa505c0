/* capture: the bytes the BPF program copied from the traced process at the
 * syscall (strings, buffers, structs): which syscall arguments it copies
 * (the plan, from the syscall table), the per-record blob,
 * and how each is printed the way strace prints it. */
#ifndef LOTRACE_CAPTURE_H
#define LOTRACE_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/types.h>

#include "bpf/capture.h"
#include "syscalls/formats.h"

struct dcall;
struct call;

/* The captures of one record, as the program wrote them: a sequence of
 * struct lt_cap headers each followed by its bytes, padded to 8. */
struct capture {
	uint32_t size;
	uint32_t room;	/* bytes allocated for data: size and more */
	uint8_t data[];
};

/* A capture with room for len bytes of data, size len, the data not
 * cleared; NULL when out of memory. Every capture comes from here and goes
 * back through capture_free, which keeps small ones for the next. */
struct capture *capture_new(size_t len);
/* Frees the captures capture_free keeps for reuse: when the load is over,
 * and at the end. */
void capture_trim(void);

/* The captures of the execve lotrace makes to start a command: it knows
 * the path, argv and envp it passes, as the program would have copied. */
struct capture *capture_exec(const char *path, char *const argv[], char *const envp[]);

/* Copy the captures that follow a record's fixed part; NULL when none. */
struct capture *capture_from_record(const void *bytes, size_t len);
void capture_free(struct capture *c);

/* a's captures then b's, in one capture that replaces a; b is freed.
 * NULL when out of memory: a is left as it was. */
struct capture *capture_join(struct capture *a, struct capture *b);

/* The capture of argument arg, preferring one with data; NULL if none. */
const struct lt_cap *capture_find(const struct capture *c, int arg);
/* Whether c's captures were copied for the call's entry (a deferred
 * write's, made at its exit), not its exit: its first one says. */
bool capture_is_entry(const struct capture *c);
static inline const uint8_t *capture_bytes(const struct lt_cap *cap)
{
	return (const uint8_t *)(cap + 1);
}

/* Fill plan with what to copy for syscall nr, from its row in the table. */
bool capture_plan(int nr, struct lt_plan *plan);

/* Replace the decoded arguments of d that have captures in c with strings
 * and structs. strsize is -s. */
void capture_decode(const struct call *c, struct dcall *d, unsigned strsize);

/* For fix-ups, where an argument is a string only for some calls
 * (prctl's PR_SET_NAME): argument i as strace's printstr_ex prints the
 * string its capture at entry holds, at most limit bytes (and -s), "..."
 * when no NUL came before; its address when the copy failed. The capture
 * then leaves the argument alone. False when it printed no string. */
bool capture_cstring(const struct call *c, struct dcall *d, int i, size_t limit);

/* strace's quoting of len bytes of s (octal escapes, "..." when more, \x
 * as hex, an enum hex_style, says) into out; returns the length written. */
size_t capture_quote(char *out, size_t room, const uint8_t *s, size_t len, bool more,
		     int hex);

#endif
