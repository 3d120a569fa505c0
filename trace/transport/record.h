/* record: turn one perf record (a tracepoint sample or a PERF_RECORD_FORK,
 * COMM, EXIT or LOST) into a struct event, using the tracepoint layouts
 * that formats read through libtraceevent. */
#ifndef LOTRACE_RECORD_H
#define LOTRACE_RECORD_H

#include <asm/perf_regs.h>
#include <linux/perf_event.h>
#include <stdbool.h>
#include <stddef.h>

#include "bpf/capture.h"

#include "pipeline/event.h"
#include "syscalls/formats.h"

/* The sample_type lotrace asks for; record parsing depends on it. */
/* Every event's samples start with PERF_SAMPLE_IDENTIFIER, so samples of
 * other events (USDT uprobes, RECORD_USDT_SAMPLE_TYPE) can share a ring. */
#define RECORD_SAMPLE_TYPE \
	(PERF_SAMPLE_IDENTIFIER | PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_RAW)
#define RECORD_USDT_SAMPLE_TYPE \
	(PERF_SAMPLE_IDENTIFIER | PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_REGS_USER)

/* -i: syscall entries add PERF_SAMPLE_REGS_USER with the ip alone. */
#define RECORD_IP_REGS_MASK (1ull << PERF_REG_X86_IP)
/* -k: syscall entries add the registers the unwinder needs and the top of
 * the user stack (perf record --call-graph dwarf's way). */
#define RECORD_STACK_SAMPLE_TYPE (PERF_SAMPLE_REGS_USER | PERF_SAMPLE_STACK_USER)

#define RECORD_MAX_TP 4096

struct record_parser {
	/* indexed by tracepoint id (common_type) */
	const struct tp_layout *layout[RECORD_MAX_TP];
	bool enter_stack;	/* entries carry RECORD_STACK_SAMPLE_TYPE (-k) */
};

void record_parser_init(struct record_parser *p);
/* Register a tracepoint layout; it must outlive the parser. */
int record_parser_add(struct record_parser *p, const struct tp_layout *lay);

/* Fill ev's kind, nr and args or ret from a tracepoint payload (starting
 * with common_type). 1 when filled, 0 when not a syscall tracepoint. */
int record_parse_tp(const struct record_parser *p, const void *raw, uint32_t size,
		    struct event *ev);

/* The event id a PERF_RECORD_SAMPLE starts with, 0 for other records. */
uint64_t record_sample_ident(const struct perf_event_header *hdr);

/* head_len bytes of head (a record's captures so far), then an
 * LT_CAP_STACK capture of regs and the len stack bytes; NULL when out of
 * memory. */
struct capture *record_stack_capture(const void *head, size_t head_len,
				     const struct lt_stack *regs, const void *stack, size_t len);

/* The registers -k needs out of a PERF_SAMPLE_REGS_USER block taken with
 * mask; -EINVAL when it lacks one. */
int record_stack_regs(struct lt_stack *out, uint64_t mask, const uint64_t *val, size_t n);

/* 1 when ev was filled, 0 for records lotrace ignores, -EINVAL when bad.
 * PERF_RECORD_MMAP2 becomes EV_MMAP. */
int record_parse(const struct record_parser *p, int cpu,
		 const struct perf_event_header *hdr, struct event *ev);

#endif
