/* transport: how syscall records travel from the kernel to lotrace. Two
 * implementations deliver the same struct events: the BPF program writing a
 * BPF ring buffer (transport_bpf.c, the default: measured about 2x cheaper
 * per syscall) and perf sampling of the tracepoints (session.c, for
 * --no-bpf or where BPF cannot be loaded). */
#ifndef LOTRACE_TRANSPORT_H
#define LOTRACE_TRANSPORT_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "pipeline/event.h"
#include "syscalls/formats.h"
#include "syscalls/sysset.h"
#include "usdt/notes.h"

/* Up to this many syscalls in -e trace=, both transports go on the
 * syscalls' own tracepoints (syscalls:sys_enter_NAME): a syscall outside
 * the set then costs the kernel's bitmap test (+11 ns, the floor's noise)
 * instead of two BPF runs (+60 ns) or a filtered raw_syscalls record.
 * Attaching 32 tracepoints costs a few ms; detaching each waits for an
 * RCU-tasks grace period, ~45 ms, which closer.c moves out of the way. */
#define TRANSPORT_PER_SYSCALL_MAX 24

struct transport_config {
	const struct sysset *trace;	/* syscalls to record */
	const struct sysset *raw;	/* -e raw=: copy nothing for these */
	size_t buffer_size;		/* ring bytes per CPU */
	bool follow;			/* children of traced tasks are traced (-f) */
	bool from_exec;			/* started commands are traced from execve */
	bool system_wide;		/* -a */
	pid_t self;			/* never traced */
	unsigned strsize;		/* -s: bytes of strings and buffers to copy */
	bool fd_inodes;			/* -y: inodes of new pipes and sockets */
	bool count_only;		/* -c alone: sums per syscall, no records */
	bool stack;			/* -k: the user stack with each entry and USDT
					 * hit, and EV_MMAP events */
	bool hist;			/* --hist with count_only: latencies in buckets */
	bool usdt;			/* -u: USDT probes will be attached */
	bool durations;			/* each call's time from entry to exit is
					 * printed (-T, -C, --json, --export-chrome) */
	bool call_times;		/* some line shows when a call happened
					 * (durations, -t, -r), or another stream
					 * is merged with the ring by time (-k) */
	bool ip;			/* -i: the user ip with each entry */
	bool cpu_time;			/* -c without -w: the task's CPU time in calls */
	uint64_t overhead_ns;		/* -O, for sums made in the kernel */
};

/* One syscall's sums from a transport that counts in the kernel. */
typedef void (*transport_count_fn)(void *ctx, int nr, const struct event_sums *sums);

/* --hist: one syscall's latency buckets (LT_HIST_BUCKETS of them, bucket i
 * > 0 holding calls of [2^(i-1), 2^i) ns). */
typedef void (*transport_hist_fn)(void *ctx, int nr, const uint64_t *bucket, int n);

typedef void (*transport_event_fn)(void *ctx, const struct event *ev);

struct transport;

struct transport_ops {
	/* Trace thread tid (from its next execve when cfg->from_exec). */
	int (*attach)(struct transport *t, pid_t tid, char *err, size_t errlen);
	int (*enable)(struct transport *t);
	int (*disable)(struct transport *t);
	/* Fill up to max pollfds that become readable when records wait. */
	int (*pollfds)(struct transport *t, struct pollfd *pfd, int max);
	/* Deliver every record available now, including lost-event counts. */
	void (*read)(struct transport *t, transport_event_fn fn, void *ctx);
	void (*close)(struct transport *t);
	/* Put USDT probe id (probe p of the object at path) on task pid, or on
	 * every task of cpu when pid is -1; bit i of str_mask: copy argument
	 * i's string at the hit. NULL when the transport cannot. */
	int (*usdt_attach)(struct transport *t, uint32_t id, const struct usdt_probe *p,
			   unsigned str_mask, const char *path, pid_t pid, int cpu, char *err,
			   size_t errlen);
	/* Take the probes put on task pid away (it ended); NULL: kept. */
	void (*usdt_detach)(struct transport *t, pid_t pid);
	/* config.count_only: report the kernel's sums; NULL when the
	 * transport does not count (the calls come as records then). */
	void (*counts)(struct transport *t, transport_count_fn fn, void *ctx);
	/* config.hist: report the kernel's latency buckets; NULL when the
	 * transport does not count. */
	void (*hist)(struct transport *t, transport_hist_fn fn, void *ctx);
};

struct transport {
	const struct transport_ops *ops;
	int ncpus;
	bool probe_per_process;	/* usdt_attach once per process, not per thread */
	bool ordered;		/* events come in the stream's final order: each
				 * is handled as it is read, none is merged */
};

struct transport *transport_perf_new(struct formats *f, const struct transport_config *cfg,
				     char *err, size_t errlen);
struct transport *transport_bpf_new(struct formats *f, const struct transport_config *cfg,
				    char *err, size_t errlen);

/* The largest ring buffer per CPU the BPF transport can have on ncpus
 * possible CPUs (one ring for all of them, at most 2 GiB). */
size_t transport_bpf_max_buffer(int ncpus);

/* The possible CPUs, for which the BPF transport sizes its ring. */
int transport_bpf_ncpus(void);

#endif
