/* bpfstate: the BPF transport's state, shared by the transport (bpf.c)
 * and the loading of its program (bpfload.c). Only those two include it. */
#ifndef LOTRACE_BPFSTATE_H
#define LOTRACE_BPFSTATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "syscalls/formats.h"
#include "syscalls/sysset.h"
#include "transport/bpfring.h"
#include "transport/record.h"
#include "transport/transport.h"

struct lotrace_bpf;
struct bpf_link;
struct mmaps;

struct bpf_transport {
	struct transport base;
	struct lotrace_bpf *skel;	/* the maps, and all programs unless split */
	/* the pair of syscall programs loaded in parallel, each in its own
	 * object on skel's maps: [0] the entry side with the task, signal
	 * and USDT programs, [1] the exit side. Unsplit, [0] is skel and [1]
	 * NULL */
	bool split;
	/* the plain build of the program loads (bpf/config.h) */
	bool plain;
	struct lotrace_bpf *sides[2];
	struct bpf_link **usdt_links;
	pid_t *usdt_link_pid;		/* the task each link is on, -1: every task */
	int nusdt_links;
	struct bpfring ring;	/* the events map's */
	struct record_parser parser;
	struct tp_layout enter, exit;
	bool from_exec;
	bool attached;
	/* -e trace=none (-u alone): no syscall program at all */
	bool no_syscalls;
	/* a small -e trace= set: the program on each syscall's own tracepoints */
	struct sysset per_syscall;
	bool use_per_syscall;
	/* one program on both sides, told apart by its attach cookie */
	bool one_prog;
	/* calls that copy at exit alone are deferred (lt_switch loaded) */
	bool defer;
	int sys_links[2];	/* its raw sys_enter and sys_exit links, or -1 */
	struct bpf_link **tp_links;
	int ntp_links;
	struct formats *formats;
	uint64_t *lost_seen;	/* per possible CPU */
	uint64_t latest;	/* the latest time in the ring so far */
	uint64_t *lost_now;
	int nposs;
	struct mmaps *maps;	/* -k: where the traced processes map files */
	/* the maybe_traced map's bits, mapped: one per tid below 64 *
	 * ntid_words */
	uint64_t *tid_bits;
	size_t ntid_words;
	transport_event_fn fn;
	void *ctx;
};

/* Open, configure from cfg, load and verify the program, attach its
 * per-syscall set and map its ring into b; 0, or -errno and one line in
 * err. */
int bpfstate_load(struct bpf_transport *b, struct formats *f, const struct transport_config *cfg,
		  char *err, size_t errlen);

/* The task of tid may be traced from now on (the program's maybe_traced):
 * before it goes into the traced map. */
void bpfstate_mark_traced(struct bpf_transport *b, pid_t tid);

/* Unmap the task bits bpfstate_load mapped (the ring is bpfring_unmap's). */
void bpfstate_unmap(struct bpf_transport *b);

#endif
