#include "transport/bpfrec.h"

#include <string.h>
#include <unistd.h>

#include "bpf/records.h"
#include "decode/capture.h"

/* A BPF ring's size is a u32 power of two: 2 GiB at most. */
#define RING_MAX ((size_t)1 << 31)

static void head_event(struct event *ev, const struct lt_rec_head *h)
{
	memset(ev, 0, offsetof(struct event, args));
	ev->ts = h->ts;
	ev->pid = h->pid;
	ev->tid = h->tid;
	ev->cpu = h->cpu;
	ev->nr = -1;
}

/* -c: the CPU time the program measured for a call, when it did. */
static void set_cpu_time(struct event *ev, uint64_t ns)
{
	ev->cpu_known = ns != LT_CPU_UNKNOWN;
	ev->cpu_ns = ev->cpu_known ? ns : 0;
}

/* LT_REC_SYSCALL: the raw_syscalls payload, then what was copied. */
static int syscall_record(const struct record_parser *p, const struct lt_rec_head *h,
			  struct event *ev)
{
	size_t fixed;

	if (record_parse_tp(p, h + 1, h->size, ev) != 1)
		return 0;
	fixed = (ev->kind == EV_SYS_ENTER ? sizeof(struct lt_rec_enter) :
					    sizeof(struct lt_rec_exit)) - sizeof(*h);
	if (h->size < fixed)
		return 0;	/* cut short */
	if (ev->kind == EV_SYS_ENTER) {
		const struct lt_rec_enter *e = (const void *)h;

		ev->late = !!(e->c.common_flags & LT_ENTER_LATE);
		ev->ip = e->ip;
	} else {
		set_cpu_time(ev, ((const struct lt_rec_exit *)h)->cpu_ns);
	}
	if (h->size > fixed)
		ev->cap = capture_from_record((const uint8_t *)(h + 1) + fixed, h->size - fixed);
	return 1;
}

/* LT_REC_CALL: one event when the entry has no time, ip or CPU time of its
 * own, else the two records it stands for, the entry, then the exit. A
 * deferred call's record has its exit's captures after it (a deferred
 * write's: its entry's). */
static int call_record(const struct lt_rec_head *h, size_t size, struct event ev[2])
{
	const struct lt_rec_call *c = (const void *)h;
	size_t fixed = sizeof(*c) - sizeof(*h);
	bool copied = h->size > fixed;

	if (size < sizeof(*c))
		return 0;
	if (c->ts_enter == h->ts && !c->ip && c->cpu_ns == LT_CPU_UNKNOWN) {
		/* a lazy or deferred call, nothing of its own at its entry */
		ev[0].kind = EV_SYS_CALL;
		ev[0].nr = (int32_t)c->id;
		memcpy(ev[0].call.args, c->args, sizeof(ev[0].call.args));
		ev[0].call.ret = c->ret;
		if (copied)
			ev[0].cap = capture_from_record((const uint8_t *)(h + 1) + fixed,
							h->size - fixed);
		return 1;
	}
	ev[0].kind = EV_SYS_ENTER;
	ev[0].nr = (int32_t)c->id;
	ev[0].ts = c->ts_enter;
	ev[0].ip = c->ip;
	memcpy(ev[0].args, c->args, sizeof(ev[0].args));
	head_event(&ev[1], h);
	ev[1].kind = EV_SYS_EXIT;
	ev[1].nr = (int32_t)c->id;
	ev[1].ret = c->ret;
	set_cpu_time(&ev[1], c->cpu_ns);
	if (copied) {
		struct capture *cap = capture_from_record((const uint8_t *)(h + 1) + fixed,
							  h->size - fixed);

		/* a deferred write's buffer goes with its entry */
		ev[capture_is_entry(cap) ? 0 : 1].cap = cap;
	}
	return 2;
}

static int task_record(const struct lt_rec_head *h, size_t size, struct event *ev)
{
	const struct lt_rec_task *task = (const void *)h;

	if (size < sizeof(*task))
		return 0;
	switch (h->kind) {
	case LT_REC_FORK:
		ev->kind = EV_FORK;
		ev->fork.ppid = task->ppid;
		ev->fork.ptid = task->ptid;
		break;
	case LT_REC_EXEC:
		ev->kind = EV_COMM;
		memset(&ev->comm, 0, sizeof(ev->comm));
		memcpy(ev->comm.comm, task->comm, EVENT_COMM_LEN - 1);
		ev->comm.exec = 1;
		ev->comm.old_tid = task->ptid;
		break;
	default:	/* LT_REC_EXIT */
		ev->kind = EV_TASK_EXIT;
		ev->exit.status = task->status;
		ev->exit.known = 1;
		ev->exit.superseded = task->ptid;
		break;
	}
	return 1;
}

void bpfrec_order(uint64_t *latest, struct event *ev)
{
	if (!ev->ts)
		ev->ts = *latest + 1;
	if (ev->ts > *latest)
		*latest = ev->ts;
}

int bpfrec_parse(const struct record_parser *p, const void *data, size_t size,
		 struct event ev[2])
{
	const struct lt_rec_head *h = data;

	/* h->size counts the payload; the ring's size counts the whole */
	if (size < sizeof(*h) || h->size > size - sizeof(*h))
		return 0;
	head_event(&ev[0], h);
	switch (h->kind) {
	case LT_REC_SYSCALL:
		return syscall_record(p, h, &ev[0]);
	case LT_REC_CALL:
		return call_record(h, size, ev);
	case LT_REC_CAPS:
		/* the captures of the call the task is in, for its exit */
		ev[0].kind = EV_CAPTURE;
		ev[0].cap = capture_from_record(h + 1, h->size);
		return ev[0].cap ? 1 : 0;
	case LT_REC_LOST:
		if (size < sizeof(struct lt_rec_lost))
			return 0;
		ev[0].kind = EV_LOST;
		ev[0].lost = ((const struct lt_rec_lost *)data)->count;
		return 1;
	case LT_REC_FORK:
	case LT_REC_EXEC:
	case LT_REC_EXIT:
		return task_record(h, size, &ev[0]);
	case LT_REC_USDT:
		if (h->size < sizeof(struct lt_rec_usdt) - sizeof(*h))
			return 0;
		ev[0].kind = EV_USDT;
		ev[0].nr = (int32_t)((const struct lt_rec_usdt *)data)->probe;
		/* the fixed part and the strings that follow it */
		ev[0].cap = capture_from_record(&((const struct lt_rec_usdt *)data)->probe, h->size);
		return 1;
	case LT_REC_SIGNAL: {
		const struct lt_rec_signal *sg = data;

		if (size < sizeof(*sg))
			return 0;
		ev[0].kind = EV_SIGNAL;
		ev[0].nr = sg->sig;
		ev[0].late = !!(sg->flags & LT_SIG_OWN_CALL);
		ev[0].cap = capture_from_record(sg->info, sizeof(sg->info));
		return 1;
	}
	default:
		return 0;
	}
}

size_t bpfrec_ring_bytes(size_t per_cpu, int ncpus)
{
	size_t want = per_cpu * (size_t)(ncpus > 0 ? ncpus : 1), bytes = (size_t)sysconf(_SC_PAGESIZE);

	while (bytes < want)
		bytes <<= 1;
	return bytes;
}

size_t bpfrec_max_per_cpu(int ncpus)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), max = page;

	while (bpfrec_ring_bytes(max * 2, ncpus) <= RING_MAX)
		max *= 2;
	return max;
}
