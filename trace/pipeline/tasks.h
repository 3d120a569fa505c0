/* tasks: the threads lotrace traces, keyed by tid: their process, comm,
 * liveness, and the syscall each one is inside (for pair). Learned from
 * PERF_RECORD_FORK/COMM/EXIT and from the syscall records themselves. */
#ifndef LOTRACE_TASKS_H
#define LOTRACE_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/idtab.h"
#include "pipeline/event.h"

/* pair's state of a thread: the syscall it has entered and not yet left. */
struct pending {
	bool active;
	bool late;		/* recorded at its exit: entered before the attach */
	uint32_t epoch;		/* pair's loss count when the thread was last seen */
	uint64_t seen;		/* the time of its last record */
	uint32_t entry_tid;	/* the thread's id when it entered: another
				 * when it exec'd and took its leader's */
	int32_t nr;
	uint64_t ts;
	uint64_t args[6];
	uint64_t ip;		/* -i */
	struct capture *cap;	/* what was copied at entry, owned */
};

/* A signal sent to a task while it was inside a call, shown as strace
 * shows it: after that call returns. */
#define TASK_HELD_SIGNALS 4
struct held_signal {
	int sig;
	struct capture *info;	/* its siginfo, owned */
};

struct task {
	uint32_t tid, pid;
	char comm[EVENT_COMM_LEN];
	bool alive;
	bool pinned;		/* kept after its end (the started command, whose
				 * end wait(2) may tell later) */
	bool end_printed;	/* its "+++ ... +++" line is out */
	bool exit_known;	/* exit_code holds the exit(2)/exit_group(2) code */
	int exit_code;
	struct pending pending;
	struct held_signal held[TASK_HELD_SIGNALS];
	int nheld;
	struct idtab_node node;	/* in struct tasks' table, by tid */
};

/* Ended tasks are kept for this many more ends, for what comes after
 * their exit (a thread's end after its leader's, a late signal), then
 * freed: the table holds the live tasks and at most this many others,
 * however long the trace. */
#define TASKS_DEAD_KEPT 1024

struct tasks {
	struct idtab by_tid;
	size_t alive;
	uint32_t *dead;		/* the tids of the last ends, oldest at dead_head */
	size_t dead_head, ndead;
};

int tasks_init(struct tasks *t);
void tasks_free(struct tasks *t);

/* The task tid, created (alive, pid = tid when unknown) on first sight. */
struct task *tasks_get(struct tasks *t, uint32_t tid, uint32_t pid);
struct task *tasks_find(const struct tasks *t, uint32_t tid);

/* Apply a FORK, COMM or TASK_EXIT event. Returns the task concerned. */
struct task *tasks_update(struct tasks *t, const struct event *ev);

/* Number of tasks seen alive and not yet exited. */
size_t tasks_alive(const struct tasks *t);

/* The code an exit(2) (or, group, exit_group(2)) of task k passes. */
void tasks_exit_code(struct tasks *t, struct task *k, bool group, int code);

void tasks_set_comm(struct task *k, const char *comm);

/* Its "+++ ... +++" line is out. */
void tasks_ended(struct task *k);

/* Keep signal event ev (its capture is the siginfo) until task k's call
 * returns; false when no room is left (show it now). */
bool tasks_hold_signal(struct task *k, const struct event *ev);

/* Hand the kept signals of k to fn in the order they came, and forget them
 * (fn does not own info). */
void tasks_release_signals(struct task *k, void (*fn)(void *ctx, struct task *k, int sig,
							const struct capture *info),
			   void *ctx);

void tasks_foreach(const struct tasks *t, void (*fn)(struct task *, void *), void *ctx);

#endif
