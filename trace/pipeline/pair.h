/* pair: joins each thread's sys_enter with its sys_exit into one call, with
 * duration and return value; reports calls that never return (exit_group,
 * a lost exit) and exits whose entry was not seen (attach, exec). */
#ifndef LOTRACE_PAIR_H
#define LOTRACE_PAIR_H

#include <stdbool.h>
#include <stdint.h>

#include "pipeline/event.h"
#include "pipeline/tasks.h"

/* pair.c's call_from_pending sets each field by name: a new one goes there too. */
struct call {
	struct task *task;
	int32_t nr;
	bool entered;		/* args and ts_enter are valid */
	bool returned;		/* ret and ts_exit are valid */
	bool late;		/* entered before lotrace attached: ts_enter unknown */
	uint32_t entry_tid;	/* the thread's id when it entered (tid, unless it
				 * exec'd as another thread of its process) */
	uint64_t args[6];
	uint64_t ts_enter, ts_exit;
	int64_t ret;
	uint64_t ip;		/* -i: the user ip at entry, 0 when unknown */
	bool cpu_known;		/* -c: cpu_ns, the CPU time spent in it, was
				 * measured */
	uint64_t cpu_ns;
	const struct capture *cap_enter;	/* copied at entry, or NULL */
	const struct capture *cap_exit;		/* copied at exit, or NULL */
};

enum pair_what {
	PAIR_ENTER,	/* a call began; its exit may follow later */
	PAIR_EXIT,	/* a call ended (entered tells whether its start was seen) */
	PAIR_NORETURN,	/* a call that began will never be seen to return */
	PAIR_CALL,	/* a whole call at once, entered and returned, with no
			 * PAIR_ENTER before it (pair_call) */
};

typedef void (*pair_emit_fn)(void *ctx, enum pair_what what, const struct call *c);

struct pair {
	pair_emit_fn emit;
	void *ctx;
	uint32_t epoch;		/* how many losses the stream has had so far */
	uint64_t lost_until;	/* the latest time records may be missing up to */
};

void pair_init(struct pair *p, pair_emit_fn emit, void *ctx);

/* Records were lost here in the stream, and maybe until the time until
 * (perf says when the loss ended, not when it began): a call of a thread
 * not seen since, or seen no later than until, may have lost its entry or
 * its exit, and is not shown as if it had none (no orphan "<...
 * resumed>" line, no "= ?"). */
void pair_lost(struct pair *p, uint64_t until);
/* Both take ownership of ev->cap. */
void pair_enter(struct pair *p, struct task *k, const struct event *ev);
void pair_exit(struct pair *p, struct task *k, const struct event *ev);
/* EV_SYS_CALL: a quick or deferred call's entry and exit at one time, as
 * pair_enter and pair_exit would have them, in one PAIR_CALL; ev->cap
 * (the exit's captures) is taken over. */
void pair_call(struct pair *p, struct task *k, const struct event *ev);
/* The task is gone: a pending call never returns. */
/* More captures for the call k is in (execve's strings, copied at the
 * exec): they join its entry's; taken over. */
void pair_capture(struct pair *p, struct task *k, const struct event *ev);

/* Thread from exec'd and took the id of to (its process's leader): its
 * call goes on as to's; from is no more. */
void pair_move(struct pair *p, struct task *from, struct task *to);

void pair_task_exit(struct pair *p, struct task *k);
/* k ended and its exit record was lost (it is gone from /proc): the exit
 * of the call it was in may have been lost too, and is not shown as a
 * "= ?"; an exit_group still is. */
void pair_task_vanished(struct pair *p, struct task *k);

#endif
