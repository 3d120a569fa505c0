/* event: one record from the kernel after parsing, the unit that flows from
 * ring through merge, tasks and pair to the sinks. Plain data, no pointers
 * into ring buffers. */
#ifndef LOTRACE_EVENT_H
#define LOTRACE_EVENT_H

#include <stdint.h>

struct capture;

enum event_kind {
	EV_SYS_ENTER,	/* nr, args */
	EV_SYS_EXIT,	/* nr, ret */
	EV_SYS_CALL,	/* a quick or deferred call's entry and exit at one
			 * time: nr, call.args, call.ret, cap the exit's
			 * captures; no ip or CPU time. One queue slot where
			 * two would do (issue 20) */
	EV_FORK,	/* a new task: ppid/ptid are its creator */
	EV_COMM,	/* comm changed; exec says whether by execve */
	EV_TASK_EXIT,	/* a task ended; exit.status when the transport knows it */
	EV_LOST,	/* the kernel dropped lost records on cpu */
	EV_USDT,	/* a USDT probe hit: nr is the probe's index, cap its values */
	EV_SIGNAL,	/* a signal delivered: nr is the signal, cap its siginfo */
	EV_CAPTURE,	/* more captures for the call the task is in (cap) */
	EV_MMAP,	/* -k: pid mapped a file (cap: struct event_mmap_file), or
			 * with mmap.exec its image was replaced, before the
			 * new image's mappings */
};

#define EVENT_COMM_LEN 16
#define EVENT_BUILD_ID_MAX 20

/* What an EV_MMAP's cap holds: the file's build-id when the kernel gave
 * it, and its path, NUL-terminated ("[vdso]" for the vdso). */
struct event_mmap_file {
	uint8_t build_id[EVENT_BUILD_ID_MAX];
	uint8_t build_id_len;
	char path[];
};

/* -c alone: one syscall's sums, counted in the kernel. */
struct event_sums {
	uint64_t calls, errors;
	uint64_t time_ns;		/* of the calls timed (entry seen) */
	uint64_t min_ns, max_ns;	/* of one call */
	uint64_t timed;
};

struct event {
	uint64_t ts;		/* CLOCK_MONOTONIC, ns */
	uint32_t pid;		/* thread group id */
	uint32_t tid;
	uint16_t cpu;
	uint8_t kind;		/* enum event_kind */
	uint8_t late;		/* EV_SYS_ENTER: recorded at the exit of a call
				 * made before the task was traced; ts unknown.
				 * EV_SIGNAL: the task sent it to itself inside
				 * a call whose event comes after this one */
	int32_t nr;		/* syscall number, -1 when not a syscall */
	struct capture *cap;	/* bytes copied with a syscall record, owned */
	/* What only some kinds carry shares the space: the merge queues hold
	 * a round of events, 88 bytes each rather than 104 (issue 20). A
	 * transport sets the fields of the kind it makes. */
	union {
		struct {		/* EV_SYS_ENTER (and EV_SIGNAL's args) */
			uint64_t args[6];
			uint64_t ip;	/* with -i: the user instruction pointer
					 * after the syscall, 0 when unknown */
		};
		struct {		/* EV_SYS_EXIT */
			int64_t ret;
			uint64_t cpu_ns;	/* with -c: the CPU time the task
						 * spent in the call, when
						 * cpu_known */
			uint8_t cpu_known;
		};
		struct {		/* EV_SYS_CALL */
			uint64_t args[6];
			int64_t ret;
		} call;
		struct {
			uint32_t ppid, ptid;
		} fork;
		struct {
			char comm[EVENT_COMM_LEN];
			int exec;
			uint32_t old_tid;	/* exec by another thread of the
						 * process: its id before, which
						 * the task now drops */
		} comm;
		struct {
			int status;	/* wait(2) status, when known */
			int known;
			uint32_t superseded;	/* killed by the execve of this
						 * thread of its process */
		} exit;
		struct {		/* EV_LOST: how many, and until when */
			uint64_t lost;
			uint64_t lost_until;	/* records may be missing from
						 * ts up to this time, when the
						 * transport knows it is later
						 * (perf), else 0 */
		};
		struct {
			uint64_t start, len, pgoff;
			uint32_t prot;
			uint8_t exec;
		} mmap;
	};
};

_Static_assert(sizeof(struct event) == 88, "struct event grew: the merge queues hold many");

#endif
