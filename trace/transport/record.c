#include "transport/record.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "decode/capture.h"

/* The trailer of non-sample records under sample_id_all, for our
 * RECORD_SAMPLE_TYPE: TID, TIME, then IDENTIFIER. */
struct sample_id {
	uint32_t pid, tid;
	uint64_t time;
	uint64_t ident;
};

void record_parser_init(struct record_parser *p)
{
	memset(p, 0, sizeof(*p));
}

int record_parser_add(struct record_parser *p, const struct tp_layout *lay)
{
	if (lay->id < 0 || lay->id >= RECORD_MAX_TP)
		return -ERANGE;
	p->layout[lay->id] = lay;
	return 0;
}

static int64_t read_int(const uint8_t *raw, int off, int size)
{
	int32_t v32;
	int64_t v64;

	if (size == 4) {
		memcpy(&v32, raw + off, 4);
		return v32;
	}
	memcpy(&v64, raw + off, 8);
	return v64;
}

/* A signal tracepoint: its siginfo's first fields (signo, errno, code: no
 * sender, which the tracepoints do not carry) as the event's capture;
 * for signal_generate, args[0] 1, args[1] the outcome, args[2] the target. */
static int parse_signal(const struct tp_layout *lay, const uint8_t *raw, uint32_t raw_size,
			struct event *ev)
{
	int32_t info[3];

	if ((uint32_t)lay->errno_off + 4 > raw_size || (uint32_t)lay->code_off + 4 > raw_size ||
	    (lay->pid_off >= 0 && ((uint32_t)lay->pid_off + 4 > raw_size ||
				   (uint32_t)lay->result_off + 4 > raw_size)))
		return -EINVAL;
	info[0] = ev->nr;
	info[1] = (int32_t)read_int(raw, lay->errno_off, 4);
	info[2] = (int32_t)read_int(raw, lay->code_off, 4);
	memset(ev->args, 0, sizeof(ev->args));
	if (lay->pid_off >= 0) {
		ev->args[0] = 1;
		ev->args[1] = (uint64_t)read_int(raw, lay->result_off, 4);
		ev->args[2] = (uint64_t)read_int(raw, lay->pid_off, 4);
	}
	ev->cap = capture_from_record(info, sizeof(info));
	return ev->cap ? 1 : -ENOMEM;
}

int record_parse_tp(const struct record_parser *p, const void *data, uint32_t raw_size,
		    struct event *ev)
{
	const uint8_t *raw = data;
	const struct tp_layout *lay;
	uint16_t type;

	if (raw_size < 2)
		return -EINVAL;
	memcpy(&type, raw, 2);
	lay = type < RECORD_MAX_TP ? p->layout[type] : NULL;
	if (!lay)
		return 0;
	if ((uint32_t)lay->nr_off + (uint32_t)lay->nr_size > raw_size)
		return -EINVAL;
	ev->kind = lay->kind;
	ev->nr = (int32_t)read_int(raw, lay->nr_off, lay->nr_size);
	if (lay->kind == EV_SIGNAL)
		return parse_signal(lay, raw, raw_size, ev);
	if (lay->kind == EV_SYS_EXIT) {
		if ((uint32_t)lay->ret_off + 8 > raw_size)
			return -EINVAL;
		ev->ret = read_int(raw, lay->ret_off, 8);
		return 1;
	}
	if ((uint32_t)(lay->args_off + 8 * lay->nargs) > raw_size)
		return -EINVAL;
	memset(ev->args, 0, sizeof(ev->args));
	memcpy(ev->args, raw + lay->args_off, 8 * (lay->nargs > 6 ? 6 : lay->nargs));
	return 1;
}

static int parse_sample(const struct record_parser *p, const struct perf_event_header *hdr,
			struct event *ev)
{
	const uint8_t *s = (const uint8_t *)(hdr + 1) + 8;	/* past IDENTIFIER */
	const uint8_t *end = (const uint8_t *)hdr + hdr->size;
	uint32_t raw_size;

	if (s + 20 > end)
		return -EINVAL;
	memcpy(&ev->pid, s, 4);
	memcpy(&ev->tid, s + 4, 4);
	memcpy(&ev->ts, s + 8, 8);
	memcpy(&raw_size, s + 16, 4);
	if (s + 20 + raw_size > end)
		return -EINVAL;
	return record_parse_tp(p, s + 20, raw_size, ev);
}

static void parse_sample_id(const struct perf_event_header *hdr, struct event *ev)
{
	struct sample_id id;

	memcpy(&id, (const uint8_t *)hdr + hdr->size - sizeof(id), sizeof(id));
	ev->ts = id.time;
	if (!ev->pid)
		ev->pid = id.pid;
	if (!ev->tid)
		ev->tid = id.tid;
}

uint64_t record_sample_ident(const struct perf_event_header *hdr)
{
	uint64_t id;

	if (hdr->type != PERF_RECORD_SAMPLE || hdr->size < sizeof(*hdr) + sizeof(id))
		return 0;
	memcpy(&id, hdr + 1, sizeof(id));
	return id;
}

int record_parse(const struct record_parser *p, int cpu,
		 const struct perf_event_header *hdr, struct event *ev)
{
	const uint32_t *u = (const uint32_t *)(hdr + 1);

	memset(ev, 0, offsetof(struct event, args));
	ev->cpu = (uint16_t)cpu;
	ev->nr = -1;
	switch (hdr->type) {
	case PERF_RECORD_SAMPLE:
		return parse_sample(p, hdr, ev);
	case PERF_RECORD_FORK:
	case PERF_RECORD_EXIT:
		/* u32 pid, ppid, tid, ptid; u64 time; sample_id */
		if (hdr->size < sizeof(*hdr) + 24 + sizeof(struct sample_id))
			return -EINVAL;
		ev->kind = hdr->type == PERF_RECORD_FORK ? EV_FORK : EV_TASK_EXIT;
		ev->pid = u[0];
		ev->tid = u[2];
		if (ev->kind == EV_FORK) {
			ev->fork.ppid = u[1];
			ev->fork.ptid = u[3];
		} else {
			ev->exit.known = 0;	/* PERF_RECORD_EXIT has no status */
			ev->exit.superseded = 0;
		}
		parse_sample_id(hdr, ev);
		return 1;
	case PERF_RECORD_COMM:
		/* u32 pid, tid; char comm[] (NUL-padded to 8); sample_id */
		if (hdr->size < sizeof(*hdr) + 16 + sizeof(struct sample_id))
			return -EINVAL;
		ev->kind = EV_COMM;
		ev->pid = u[0];
		ev->tid = u[1];
		memset(&ev->comm, 0, sizeof(ev->comm));
		strncpy(ev->comm.comm, (const char *)&u[2], EVENT_COMM_LEN - 1);
		ev->comm.exec = !!(hdr->misc & PERF_RECORD_MISC_COMM_EXEC);
		parse_sample_id(hdr, ev);
		return 1;
	case PERF_RECORD_LOST:
		/* u64 id, lost; sample_id */
		if (hdr->size < sizeof(*hdr) + 16 + sizeof(struct sample_id))
			return -EINVAL;
		ev->kind = EV_LOST;
		memcpy(&ev->lost, (const uint8_t *)(hdr + 1) + 8, 8);
		parse_sample_id(hdr, ev);
		ev->pid = ev->tid = 0;
		return 1;
	default:
		return 0;
	}
}
