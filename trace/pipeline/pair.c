#include "pipeline/pair.h"

#include <string.h>

#include "decode/capture.h"

void pair_init(struct pair *p, pair_emit_fn emit, void *ctx)
{
	p->emit = emit;
	p->ctx = ctx;
}

static void call_from_pending(struct call *c, struct task *k)
{
	memset(c, 0, sizeof(*c));
	c->task = k;
	c->nr = k->pending.nr;
	c->entered = true;
	c->ts_enter = k->pending.ts;
	memcpy(c->args, k->pending.args, sizeof(c->args));
	c->cap_enter = k->pending.cap;
}

static void flush_pending(struct pair *p, struct task *k)
{
	struct call c;

	if (!k->pending.active)
		return;
	call_from_pending(&c, k);
	k->pending.active = false;
	p->emit(p->ctx, PAIR_NORETURN, &c);
	capture_free(k->pending.cap);
	k->pending.cap = NULL;
}

void pair_enter(struct pair *p, struct task *k, const struct event *ev)
{
	struct call c;

	flush_pending(p, k);
	k->pending.active = true;
	k->pending.shown = false;
	k->pending.nr = ev->nr;
	k->pending.ts = ev->ts;
	memcpy(k->pending.args, ev->args, sizeof(k->pending.args));
	k->pending.cap = ev->cap;
	call_from_pending(&c, k);
	p->emit(p->ctx, PAIR_ENTER, &c);
}

void pair_exit(struct pair *p, struct task *k, const struct event *ev)
{
	struct capture *entered = NULL;
	struct call c;

	/* rt_sigreturn restores the interrupted registers, so its exit is
	 * recorded with the number the restored frame holds (-1): it still
	 * ends the call the thread is in. */
	if (ev->nr < 0 && !k->pending.active) {
		/* ends nothing lotrace saw begin (-e trace= left it out) */
		capture_free(ev->cap);
		return;
	}
	if (k->pending.active && (k->pending.nr == ev->nr || ev->nr < 0)) {
		call_from_pending(&c, k);
		k->pending.active = false;
		entered = k->pending.cap;
		k->pending.cap = NULL;
	} else {
		flush_pending(p, k);
		memset(&c, 0, sizeof(c));
		c.task = k;
		c.nr = ev->nr;
	}
	c.returned = true;
	c.ret = ev->ret;
	c.ts_exit = ev->ts;
	c.cap_exit = ev->cap;
	p->emit(p->ctx, PAIR_EXIT, &c);
	capture_free(entered);
	capture_free(ev->cap);
}

void pair_task_exit(struct pair *p, struct task *k)
{
	flush_pending(p, k);
}
