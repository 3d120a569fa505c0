/* bpfrec: the pure half of the BPF transport. One record of the BPF
 * program's ring (bpf/records.h) as the struct events it stands for, for
 * records of any size, and the size of that ring. No BPF here: the
 * unit tests and the fuzzer feed it bytes. */
#ifndef LOTRACE_BPFREC_H
#define LOTRACE_BPFREC_H

#include <stddef.h>
#include <stdint.h>

#include "pipeline/event.h"
#include "transport/record.h"

/* The events a record of size bytes stands for, into ev: 0 for a record
 * lotrace does not know or that is cut short, 1, or 2 (a quick call's
 * entry and exit, where one EV_SYS_CALL cannot carry both). Each event's
 * cap, when set, is the caller's to free.
 * p parses the raw_syscalls payload of LT_REC_SYSCALL. */
int bpfrec_parse(const struct record_parser *p, const void *data, size_t size,
		 struct event ev[2]);

/* ev, the next event of the ring, timed by its place there when the
 * program read no clock for it (ts 0): just after the latest time before
 * it, so that it stays after what was reserved before it, on any CPU, and
 * before what comes after it. Others keep theirs. latest starts at 0. The
 * ring holds records in the order they were reserved, which is the order
 * of the events to within the stamping of a record after its
 * reservation. Such a time can be far too early (after a quiet spell), so
 * the program reads no clock only where no line shows when a call
 * happened and nothing else is merged by time. */
void bpfrec_order(uint64_t *latest, struct event *ev);

/* The ring's size for per_cpu bytes on each of ncpus CPUs: one ring for
 * all of them, a power of two of at least a page. */
size_t bpfrec_ring_bytes(size_t per_cpu, int ncpus);

/* The largest per_cpu whose ring fits the 2 GiB a BPF ring can be. */
size_t bpfrec_max_per_cpu(int ncpus);

#endif
