#include "transport/record.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"
#include "stack/unwind.h"

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
		ev->cpu_ns = 0;
		ev->cpu_known = 0;
		return 1;
	}
	if ((uint32_t)(lay->args_off + 8 * lay->nargs) > raw_size)
		return -EINVAL;
	memset(ev->args, 0, sizeof(ev->args));
	ev->ip = 0;
	memcpy(ev->args, raw + lay->args_off, 8 * (lay->nargs > 6 ? 6 : lay->nargs));
	return 1;
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

_Static_assert(sizeof(struct lt_stack) == sizeof(struct stack_regs),
	       "struct lt_stack is not trace/stack's struct stack_regs");

int record_stack_regs(struct lt_stack *out, uint64_t mask, const uint64_t *val, size_t n)
{
	struct stack_regs r;
	int err = stack_regs_from_perf(&r, mask, val, n);

	if (!err)
		memcpy(out, &r, sizeof(*out));
	return err;
}

struct capture *record_stack_capture(const void *head, size_t head_len,
				     const struct lt_stack *regs, const void *stack, size_t len)
{
	struct lt_cap cap = { .arg = LT_CAP_ARG_STACK, .kind = LT_CAP_STACK,
			      .len = (uint32_t)(sizeof(*regs) + len) };
	size_t size = head_len + sizeof(cap) + ((cap.len + 7) & ~7u);
	struct capture *c = capture_new(size);
	uint8_t *p;

	if (!c)
		return NULL;
	p = c->data;
	memset(p, 0, size);
	if (head_len)
		memcpy(p, head, head_len);
	memcpy(p + head_len, &cap, sizeof(cap));
	memcpy(p + head_len + sizeof(cap), regs, sizeof(*regs));
	if (len)
		memcpy(p + head_len + sizeof(cap) + sizeof(*regs), stack, len);
	return c;
}

/* -k: REGS_USER (abi, the registers of STACK_PERF_REGS_MASK) and
 * STACK_USER (size, bytes, dyn_size) after an entry's RAW data, as the
 * entry's LT_CAP_STACK capture. */
static int parse_stack(const uint8_t *s, const uint8_t *end, struct event *ev)
{
	size_t nregs = __builtin_popcountll(STACK_PERF_REGS_MASK);
	uint64_t abi, size, dyn = 0, val[64];
	struct lt_stack regs;

	if (s + 8 > end)
		return -EINVAL;
	memcpy(&abi, s, 8);
	s += 8;
	if (abi == PERF_SAMPLE_REGS_ABI_NONE)	/* a kernel thread: no user stack */
		return 0;
	if (s + 8 * nregs + 8 > end)
		return -EINVAL;
	memcpy(val, s, 8 * nregs);
	s += 8 * nregs;
	if (record_stack_regs(&regs, STACK_PERF_REGS_MASK, val, nregs))
		return -EINVAL;
	ev->ip = regs.ip;	/* -i with -k */
	memcpy(&size, s, 8);
	s += 8;
	if (size && (size > (size_t)(end - s) || (size_t)(end - s) - size < 8))
		return -EINVAL;
	if (size)
		memcpy(&dyn, s + size, 8);
	ev->cap = record_stack_capture(NULL, 0, &regs, s, dyn < size ? dyn : size);
	return 0;
}

static int parse_sample(const struct record_parser *p, const struct perf_event_header *hdr,
			struct event *ev)
{
	const uint8_t *s = (const uint8_t *)(hdr + 1) + 8;	/* past IDENTIFIER */
	const uint8_t *end = (const uint8_t *)hdr + hdr->size;
	uint32_t raw_size;
	int ret;

	if (s + 20 > end)
		return -EINVAL;
	memcpy(&ev->pid, s, 4);
	memcpy(&ev->tid, s + 4, 4);
	memcpy(&ev->ts, s + 8, 8);
	memcpy(&raw_size, s + 16, 4);
	if (s + 20 + raw_size > end)
		return -EINVAL;
	ret = record_parse_tp(p, s + 20, raw_size, ev);
	if (ret != 1 || ev->kind != EV_SYS_ENTER)
		return ret;
	s += 20 + raw_size;
	if (p->enter_stack)
		return parse_stack(s, end, ev) ? -EINVAL : ret;
	/* -i: REGS_USER follows (abi, then the ip), when the event has it */
	if (s + 16 <= end) {
		uint64_t abi;

		memcpy(&abi, s, 8);
		if (abi != PERF_SAMPLE_REGS_ABI_NONE)
			memcpy(&ev->ip, s + 8, 8);
	}
	return ret;
}

/* u32 pid, tid; u64 addr, len, pgoff; the build-id or device union (24
 * bytes); u32 prot, flags; the file name, NUL-padded to 8; sample_id. */
struct mmap2_head {
	uint32_t pid, tid;
	uint64_t addr, len, pgoff;
	uint8_t build_id_size, r1;
	uint16_t r2;
	uint8_t build_id[EVENT_BUILD_ID_MAX];
	uint32_t prot, flags;
};

/* What the unwinder reads of a mapped file: a path, or the vdso's code;
 * anonymous memory (JIT code, "//anon", "[uprobes]") has none. */
static bool mapped_file(const char *name)
{
	return (name[0] == '/' && strcmp(name, "//anon")) || !strcmp(name, "[vdso]");
}

static int parse_mmap2(const struct perf_event_header *hdr, struct event *ev)
{
	struct mmap2_head m;
	const char *name = (const char *)(hdr + 1) + sizeof(m);
	size_t room = hdr->size - sizeof(*hdr) - sizeof(m), len;
	struct event_mmap_file *f;

	if (hdr->size < sizeof(*hdr) + sizeof(m) + sizeof(struct sample_id))
		return -EINVAL;
	memcpy(&m, hdr + 1, sizeof(m));
	len = strnlen(name, room);
	if (len == room)
		return -EINVAL;
	ev->kind = EV_MMAP;
	ev->pid = m.pid;
	ev->tid = m.tid;
	ev->mmap.start = m.addr;
	ev->mmap.len = m.len;
	ev->mmap.pgoff = m.pgoff;
	ev->mmap.prot = m.prot;
	ev->mmap.exec = 0;
	parse_sample_id(hdr, ev);
	if (!mapped_file(name))
		return 1;
	ev->cap = capture_new(sizeof(*f) + len + 1);
	if (!ev->cap)
		return -ENOMEM;
	memset(ev->cap->data, 0, ev->cap->size);
	f = (struct event_mmap_file *)ev->cap->data;
	if ((hdr->misc & PERF_RECORD_MISC_MMAP_BUILD_ID) && m.build_id_size <= EVENT_BUILD_ID_MAX) {
		memcpy(f->build_id, m.build_id, m.build_id_size);
		f->build_id_len = m.build_id_size;
	}
	memcpy(f->path, name, len);
	return 1;
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
	case PERF_RECORD_MMAP2:
		return parse_mmap2(hdr, ev);
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
