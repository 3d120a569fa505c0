/* hist: --hist's log2 latency histograms, in the layout of bpftrace's
 * hist(): "[LO, HI)  COUNT |@@@@   |", power-of-two buckets labelled
 * with K, M, G and T as bpftrace labels them. Pure functions; the sink
 * that collects the latencies is in hist.c too. */
#ifndef LOTRACE_HIST_H
#define LOTRACE_HIST_H

#include <stdint.h>
#include <stdio.h>

/* As the BPF program's LT_HIST_BUCKETS: [0], [1], [2, 4), ... */
#define HIST_BUCKETS 64

/* The bucket of a value: 0 for 0, else 1 + the index of its top bit; the
 * last one also holds 2^63 and more. */
int hist_bucket(uint64_t v);

/* The lines of the buckets from the first to the last that is not
 * empty, as bpftrace prints a hist() map under its name; nothing when
 * all are. */
void hist_print(FILE *out, const uint64_t *bucket, int n);

#endif
