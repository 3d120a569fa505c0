#include "pipeline/unwind.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/capture.h"
#include "decode/capture.h"
#include "stack/stack.h"

struct unwind {
	struct stack st;
	enum unwind_detail detail;
	int max;
	struct stack_pc *pc;	/* max of them */
	char *text;		/* the lines being made */
	size_t len, cap;
};

struct unwind *unwind_new(enum unwind_detail detail, int max_frames)
{
	struct unwind *u = calloc(1, sizeof(*u));

	if (!u)
		return NULL;
	u->detail = detail;
	u->max = max_frames > 0 ? max_frames : STACK_MAX_FRAMES;
	u->pc = calloc((size_t)u->max, sizeof(*u->pc));
	if (!u->pc || stack_init(&u->st)) {
		free(u->pc);
		free(u);
		return NULL;
	}
	return u;
}

void unwind_free(struct unwind *u)
{
	if (!u)
		return;
	stack_free(&u->st);
	free(u->pc);
	free(u->text);
	free(u);
}

void unwind_new_process(struct unwind *u, uint32_t pid)
{
	stack_exec(&u->st, pid);
}

/* A process first heard of by an event starts as /proc says it is now,
 * not empty: -p and -a see processes that mapped their files long ago. */
static void known(struct unwind *u, uint32_t pid)
{
	if (!stack_maps_find(&u->st.maps, pid))
		stack_seed(&u->st, pid);
}

void unwind_track(struct unwind *u, const struct event *ev)
{
	const struct event_mmap_file *f;

	switch (ev->kind) {
	case EV_MMAP:
		if (ev->mmap.exec) {
			stack_exec(&u->st, ev->pid);
			break;
		}
		known(u, ev->pid);
		f = ev->cap && ev->cap->size > sizeof(*f) ? (const void *)ev->cap->data : NULL;
		stack_mmap(&u->st, ev->pid, ev->mmap.start, ev->mmap.len, ev->mmap.pgoff,
			   ev->mmap.prot, f ? f->path : NULL, f && f->build_id_len ? f->build_id : NULL,
			   f ? f->build_id_len : 0);
		break;
	case EV_FORK:
		/* a new process starts with its parent's mappings; one whose
		 * parent is unknown is read from /proc when it is first seen */
		if (ev->pid == ev->tid && ev->pid != ev->fork.ppid &&
		    stack_maps_find(&u->st.maps, ev->fork.ppid))
			stack_fork(&u->st, ev->fork.ppid, ev->pid);
		break;
	case EV_TASK_EXIT:
		if (ev->pid == ev->tid)
			stack_exit(&u->st, ev->pid);
		break;
	default:
		break;
	}
}

/* The capture after cap among those from byte from on (the first when
 * cap is NULL); NULL past the last whole one. */
static const struct lt_cap *next_cap(const struct capture *c, size_t from,
				     const struct lt_cap *cap)
{
	size_t off = cap ? (size_t)((const uint8_t *)cap - c->data) + sizeof(*cap) +
			   ((cap->len + 7) & ~7u) : from;

	if (!c || off + sizeof(*cap) > c->size)
		return NULL;
	cap = (const struct lt_cap *)(c->data + off);
	if (cap->len > c->size - off - sizeof(*cap))
		return NULL;
	return cap;
}

static const struct lt_cap *find(const struct capture *c, size_t from, uint8_t kind)
{
	for (const struct lt_cap *cap = next_cap(c, from, NULL); cap; cap = next_cap(c, from, cap))
		if (cap->arg == LT_CAP_ARG_STACK && cap->kind == kind)
			return cap;
	return NULL;
}

const char *unwind_lines(const struct capture *c, size_t from, size_t *len)
{
	const struct lt_cap *cap = c ? find(c, from, LT_CAP_FRAMES) : NULL;

	if (!cap || !cap->len)
		return NULL;
	*len = cap->len;
	return (const char *)(cap + 1);
}

/* Room in u->text for need more bytes and the NUL. */
static int text_room(struct unwind *u, size_t need)
{
	size_t cap = u->cap ? u->cap : 4096;
	char *grown;

	while (cap < u->len + need + 1)
		cap *= 2;
	if (cap == u->cap)
		return 0;
	grown = realloc(u->text, cap);
	if (!grown)
		return -ENOMEM;
	u->text = grown;
	u->cap = cap;
	return 0;
}

static void add_frame(struct unwind *u, const struct stack_frame *f, unsigned flags)
{
	size_t need = stack_format_frame(NULL, 0, f, flags);

	if (text_room(u, need))
		return;
	u->len += stack_format_frame(u->text + u->len, u->cap - u->len, f, flags);
}

static void add_end(struct unwind *u, const struct stack_unwound *res)
{
	size_t need = stack_format_end(NULL, 0, res);

	if (text_room(u, need))
		return;
	u->len += stack_format_end(u->text + u->len, u->cap - u->len, res);
}

/* strace -k's lines for the registers and stack bytes of cap, in u->text. */
static void frames(struct unwind *u, uint32_t pid, uint32_t tid, const struct lt_cap *cap)
{
	static const unsigned fmt[] = {
		[UNWIND_SYMBOLS] = 0,
		[UNWIND_SOURCE] = STACK_FMT_SOURCE,
		[UNWIND_INLINE] = STACK_FMT_SOURCE | STACK_FMT_INLINE,
	};
	const uint8_t *bytes = (const uint8_t *)(cap + 1);
	struct stack_regs regs;
	struct stack_unwound res;
	struct stack_frame f;
	int err;

	u->len = 0;
	if (cap->len < sizeof(regs))
		return;
	memcpy(&regs, bytes, sizeof(regs));
	err = stack_unwind(&u->st, pid, tid, &regs, bytes + sizeof(regs), cap->len - sizeof(regs),
			   u->pc, u->max, &res);
	if (err && !res.why[0])
		snprintf(res.why, sizeof(res.why), "no mappings of process %u: %s", pid,
			 strerror(-err));
	for (int i = 0; i < res.n; i++) {
		stack_symbolize(&u->st, pid, &u->pc[i], u->detail >= UNWIND_SOURCE, &f);
		add_frame(u, &f, fmt[u->detail]);
	}
	add_end(u, &res);
}

void unwind_capture(struct unwind *u, uint32_t pid, uint32_t tid, struct capture **cap,
		    size_t from)
{
	const struct capture *c = *cap;
	const struct lt_cap *st = c ? find(c, from, LT_CAP_STACK) : NULL;
	struct lt_cap out = { .arg = LT_CAP_ARG_STACK, .kind = LT_CAP_FRAMES };
	size_t before, after, pad, size;
	struct capture *n;

	if (!st)
		return;
	frames(u, pid, tid, st);
	/* the other captures stay as they were, around the lines */
	before = (size_t)((const uint8_t *)st - c->data);
	after = before + sizeof(*st) + ((st->len + 7) & ~7u);
	after = after < c->size ? c->size - after : 0;
	out.len = (uint32_t)u->len;
	pad = ((u->len + 7) & ~7u) - u->len;
	size = before + sizeof(out) + u->len + pad + after;
	n = capture_new(size);
	if (!n)
		return;
	memset(n->data, 0, size);
	memcpy(n->data, c->data, before);
	memcpy(n->data + before, &out, sizeof(out));
	if (u->len)
		memcpy(n->data + before + sizeof(out), u->text, u->len);
	memcpy(n->data + before + sizeof(out) + u->len + pad, c->data + c->size - after, after);
	capture_free(*cap);
	*cap = n;
}
