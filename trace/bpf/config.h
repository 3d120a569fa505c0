/* config: what lotrace sets in the BPF program's .rodata before loading
 * it, shared by the program (bpf/common.bpf.h) and its loader
 * (transport/bpfload.c). One struct, so that its layout is C's and the
 * same in both builds of the program. */
#ifndef LOTRACE_BPF_CONFIG_H
#define LOTRACE_BPF_CONFIG_H

#ifndef __VMLINUX_H__	/* the BPF side gets the types from vmlinux.h */
#include <linux/types.h>
#endif

struct lt_rodata_config {
	__u32 self_tgid;	/* never traced */
	__u8 system_wide;	/* every task but self */
	__u8 follow;		/* children of traced tasks are traced */
	__u16 enter_type;	/* raw_syscalls:sys_enter id */
	__u16 exit_type;	/* raw_syscalls:sys_exit id */
	__u64 wakeup_bytes;	/* wake the reader past this backlog */
	__u32 strsize;		/* -s: bytes of buffers and strings */
	__u8 capture;		/* copy pointed-to data by plan */
	__u8 count_only;	/* -c alone: sum in counts, no records */
	__u8 stack_on;		/* -k: the user stack with each entry and hit */
	__u8 hist_on;		/* --hist with count_only: latencies in hist */
	__u8 pidns;		/* lotrace runs in a pid namespace: pids as it
				 * sees them (its dev and inode) */
	__u64 pidns_dev, pidns_ino;
	__u8 late_entries;	/* -p: a call in progress at the attach is
				 * recorded at its exit (the verifier drops
				 * that path, and its cost, otherwise) */
	__u8 durations;		/* each call's entry time is wanted (-T, -C,
				 * --json): a quick call reads the clock at
				 * its entry too */
	__u8 untimed;		/* no line shows when a call happened, and no
				 * stream is merged by time (no -t, -r, -T, -c,
				 * -k, exports) */
	__u8 want_ip;		/* -i: the user ip in entry records */
	__u8 defer_on;		/* the deferred set may hold calls (and
				 * lt_switch is loaded) */
	__u8 want_cpu;		/* -c without -w: the task's CPU time */
	__u64 overhead_ns;	/* -O: taken off each call's time */
	__s32 fork_nr[4];	/* clone, clone3, fork, vfork: -c does not
				 * count a new child's return */
	__s32 sigreturn_nr;	/* rt_sigreturn: -c counts no error */
};

/* The plain build of the program (syscalls_plain.bpf.o, built with
 * LT_PLAIN): these switches, the values plain tracing of a command has
 * (none of -c, -C, -k, -p, -T, -t, -r, -i, --json, the exports, a
 * system-wide trace), fixed at compile time, so that the code of the
 * others is not in the object at all. The verifier would leave that code
 * out as dead anyway, but opening, relocating and removing it cost
 * `lotrace -- true` about 4 ms here (bench/README.md, 2026-12-08).
 * lotrace loads this build where the options give exactly these values
 * (bpfload.c's plain_fits), the generic one otherwise. */
#define LT_PLAIN_SYSTEM_WIDE	0
#define LT_PLAIN_CAPTURE	1
#define LT_PLAIN_COUNT_ONLY	0
#define LT_PLAIN_STACK_ON	0
#define LT_PLAIN_HIST_ON	0
#define LT_PLAIN_LATE_ENTRIES	0
#define LT_PLAIN_DURATIONS	0
#define LT_PLAIN_UNTIMED	1
#define LT_PLAIN_WANT_IP	0
#define LT_PLAIN_WANT_CPU	0

/* Each switch above with its field, for X(field, value): what plain_fits
 * compares, and all that the program takes as a constant (common.bpf.h's
 * LT_SWITCH), so that no switch is fixed in the plain build unchecked. */
#define LT_PLAIN_SWITCHES(X)					\
	X(system_wide, LT_PLAIN_SYSTEM_WIDE)			\
	X(capture, LT_PLAIN_CAPTURE)				\
	X(count_only, LT_PLAIN_COUNT_ONLY)			\
	X(stack_on, LT_PLAIN_STACK_ON)				\
	X(hist_on, LT_PLAIN_HIST_ON)				\
	X(late_entries, LT_PLAIN_LATE_ENTRIES)			\
	X(durations, LT_PLAIN_DURATIONS)			\
	X(untimed, LT_PLAIN_UNTIMED)				\
	X(want_ip, LT_PLAIN_WANT_IP)				\
	X(want_cpu, LT_PLAIN_WANT_CPU)

#endif
