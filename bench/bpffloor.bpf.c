// SPDX-License-Identifier: GPL-2.0
/* bpffloor: the least a BPF syscall tracer can do on sys_enter and
 * sys_exit, one step at a time, to measure what each step costs a traced
 * call on this machine (bench/bpffloor.sh). Each pair below is loaded
 * alone, for every task (no filter: the machine is otherwise idle).
 *
 *   nop     both programs return at once: the raw tracepoints' dispatch
 *   clock1  one clock read, at the exit: a timed record's head
 *   clock2  one at each side: what timing every call (-c, -T) needs
 *   record  at the exit, one 120-byte record into a ring buffer, no clock:
 *           lotrace's record of a quick call (struct lt_rec_call)
 *   copy    as record, 160 bytes, and 1 byte of the call's second argument
 *           copied from user memory through the stack: lotrace's record
 *           of a 1-byte read or write with its buffer
 */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 2 << 20);	/* lotrace's default */
} ring SEC(".maps");

/* where the clock reads go, so that they are not optimised out */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} stamp SEC(".maps");

#define RECORD_WORDS	15	/* 120 bytes */
#define COPY_WORDS	20	/* 160 bytes */
#define BOUNCE_WORDS	5

static __always_inline __u64 *stamp_slot(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&stamp, &zero);
}

SEC("raw_tracepoint/sys_enter")
int nop_enter(struct bpf_raw_tracepoint_args *ctx)
{
	(void)ctx;
	return 0;
}

SEC("raw_tracepoint/sys_exit")
int nop_exit(struct bpf_raw_tracepoint_args *ctx)
{
	(void)ctx;
	return 0;
}

SEC("raw_tracepoint/sys_enter")
int clock_enter(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 *at = stamp_slot();

	(void)ctx;
	if (at)
		*at = bpf_ktime_get_ns();
	return 0;
}

/* clock1's and clock2's exit */
SEC("raw_tracepoint/sys_exit")
int clock_exit(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 *at = stamp_slot();

	(void)ctx;
	if (at)
		*at = bpf_ktime_get_ns() - *at;
	return 0;
}

SEC("raw_tracepoint/sys_exit")
int record_exit(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 *r = bpf_ringbuf_reserve(&ring, RECORD_WORDS * 8, 0);

	if (!r)
		return 0;
	for (int i = 0; i < RECORD_WORDS; i++)
		r[i] = ctx->args[1] + i;
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}

SEC("raw_tracepoint/sys_exit")
int copy_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	__u64 *r = bpf_ringbuf_reserve(&ring, COPY_WORDS * 8, 0);
	__u64 b[BOUNCE_WORDS] = {};

	if (!r)
		return 0;
	for (int i = 0; i < COPY_WORDS - BOUNCE_WORDS; i++)
		r[i] = ctx->args[1] + i;
	if (!bpf_probe_read_user(b, 1, (const void *)PT_REGS_PARM2_CORE(regs)))
		for (int i = 0; i < BOUNCE_WORDS; i++)
			r[COPY_WORDS - BOUNCE_WORDS + i] = b[i];
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}
