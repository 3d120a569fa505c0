/* formats: tracefs access and the tracepoint formats lotrace uses, parsed by
 * libtraceevent and loaded lazily; the layout of syscall records and each
 * syscall's argument names and types. Owns the tep handle. */
#ifndef LOTRACE_FORMATS_H
#define LOTRACE_FORMATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pipeline/event.h"

#define SC_MAX_ARGS 6

/* Where a syscall tracepoint keeps its fields, read from its format. */
struct tp_layout {
	int id;			/* tracepoint id, the record's common_type */
	uint8_t kind;		/* EV_SYS_ENTER, EV_SYS_EXIT or EV_SIGNAL */
	int nr_off, nr_size;	/* syscall number field; a signal's sig */
	int args_off, nargs;	/* enter: arguments, 8 bytes each */
	int ret_off;		/* exit: return value */
	int errno_off, code_off;	/* signal: its siginfo's errno and code */
	int pid_off, result_off;	/* signal_generate: the target and the
					 * outcome; -1 for signal_deliver */
};

/* What the per-syscall format says about one syscall's arguments. */
struct sc_desc {
	const char *name;
	int nargs;
	const char *argname[SC_MAX_ARGS];
	const char *argtype[SC_MAX_ARGS];
	bool is_pointer[SC_MAX_ARGS];
	bool is_signed[SC_MAX_ARGS];
	bool is_int32[SC_MAX_ARGS];	/* a 4-byte C type widened to 8 */
};

struct formats;

/* Find tracefs, mounting it when it is not mounted. -EACCES/-ENODEV with a
 * message in errbuf when it cannot be reached. */
int formats_open(struct formats **out, char *errbuf, size_t errlen);
void formats_close(struct formats *f);

/* Path of the tracefs mount. */
const char *formats_tracefs(const struct formats *f);

/* Load "raw_syscalls/sys_enter", "syscalls/sys_exit_openat" or
 * "signal/signal_deliver"; fills *lay. */
int formats_load_tp(struct formats *f, const char *system, const char *event,
		    struct tp_layout *lay);

/* The tracepoint event name of syscall nr ("openat", "newstat" for stat),
 * or NULL when the kernel has no tracepoint for it. */
const char *formats_syscall_event(struct formats *f, int nr);

/* Argument description of syscall nr, loaded on first use; never NULL
 * (an unknown syscall gets six raw arguments). */
const struct sc_desc *formats_syscall(struct formats *f, int nr);

#endif
