#include "pipeline/pair.h"

#include <string.h>

#include "decode/capture.h"
#include "syscalls/table.h"

void pair_init(struct pair *p, pair_emit_fn emit, void *ctx)
{
	p->emit = emit;
	p->ctx = ctx;
}

/* Every field set once: a memset of the whole call first was a rep stos,
 * 13% of lotrace's user time at one call per event (pair_call's
 * initializer did the same, half of its time). */
static void call_from_pending(struct call *c, struct task *k)
{
	c->task = k;
	c->nr = k->pending.nr;
	c->entered = true;
	c->returned = false;
	c->late = k->pending.late;
	c->entry_tid = k->pending.entry_tid ? k->pending.entry_tid : k->tid;
	memcpy(c->args, k->pending.args, sizeof(c->args));
	c->ts_enter = k->pending.ts;
	c->ts_exit = 0;
	c->ret = 0;
	c->ip = k->pending.ip;
	c->cpu_known = false;
	c->cpu_ns = 0;
	c->cap_enter = k->pending.cap;
	c->cap_exit = NULL;
}

void pair_lost(struct pair *p, uint64_t until)
{
	p->epoch++;
	if (until > p->lost_until)
		p->lost_until = until;
}

/* Whether records of k may have been lost since it was last seen. */
static bool lost_since(const struct pair *p, const struct task *k)
{
	return k->pending.epoch != p->epoch || (p->lost_until && k->pending.seen <= p->lost_until);
}

static void seen(const struct pair *p, struct task *k, uint64_t ts)
{
	k->pending.epoch = p->epoch;
	k->pending.seen = ts;
}

/* The pending call of k never returns: the task ended in it (exit_group),
 * or, when records were lost since k was last seen (lost), its exit was
 * lost and the loss is reported instead of a "= ?". */
static void flush_pending(struct pair *p, struct task *k, bool lost)
{
	struct call c;

	if (!k->pending.active)
		return;
	call_from_pending(&c, k);
	k->pending.active = false;
	if (!lost)
		p->emit(p->ctx, PAIR_NORETURN, &c);
	capture_free(k->pending.cap);
	k->pending.cap = NULL;
}

/* A call of k begins: the one pending before ends (a call that can
 * return and did not: its exit was lost, perf may report a loss after
 * what followed it, not a "= ?"), and this one is the task's latest (-n
 * and -i print its number and ip on the task's later lines). */
static void begin_call(struct pair *p, struct task *k, const struct event *ev,
		       const uint64_t *args, uint64_t ip, bool late)
{
	flush_pending(p, k, lost_since(p, k) || !table_get(k->pending.nr)->noreturn);
	seen(p, k, ev->ts);
	k->pending.late = late;
	k->pending.entry_tid = k->tid;
	k->pending.nr = ev->nr;
	k->pending.ts = ev->ts;
	memcpy(k->pending.args, args, sizeof(k->pending.args));
	k->pending.ip = ip;
}

void pair_enter(struct pair *p, struct task *k, const struct event *ev)
{
	struct call c;

	begin_call(p, k, ev, ev->args, ev->ip, ev->late);
	k->pending.active = true;
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
	if (k->pending.active && lost_since(p, k)) {
		/* records were lost while the call ran: this exit may end a
		 * later call whose entry was lost; the loss is reported */
		flush_pending(p, k, true);
		seen(p, k, ev->ts);
		capture_free(ev->cap);
		return;
	}
	if (k->pending.active && (k->pending.nr == ev->nr || ev->nr < 0)) {
		call_from_pending(&c, k);
		k->pending.active = false;
		entered = k->pending.cap;
		k->pending.cap = NULL;
	} else if ((ev->ret == 0 && table_get(ev->nr)->fork) || lost_since(p, k)) {
		/* a new task's first return, from its parent's clone: strace
		 * shows none, the parent's line has it all; or a call whose
		 * entry may have been lost: no orphan line */
		flush_pending(p, k, true);
		seen(p, k, ev->ts);
		capture_free(ev->cap);
		return;
	} else {
		flush_pending(p, k, false);
		memset(&c, 0, sizeof(c));
		c.task = k;
		c.nr = ev->nr;
		c.entry_tid = k->tid;
	}
	seen(p, k, ev->ts);
	c.returned = true;
	c.ret = ev->ret;
	c.ts_exit = ev->ts;
	c.cpu_known = ev->cpu_known;
	c.cpu_ns = ev->cpu_ns;
	c.cap_exit = ev->cap;
	p->emit(p->ctx, PAIR_EXIT, &c);
	capture_free(entered);
	capture_free(ev->cap);
}

void pair_call(struct pair *p, struct task *k, const struct event *ev)
{
	struct call c;
	bool at_entry = capture_is_entry(ev->cap);

	/* as pair_enter, then at once no longer pending: it returned */
	begin_call(p, k, ev, ev->call.args, 0, false);
	call_from_pending(&c, k);
	c.returned = true;
	c.ret = ev->call.ret;
	c.ts_exit = ev->ts;
	/* a deferred write's buffer, copied at its exit, is its entry's */
	c.cap_enter = at_entry ? ev->cap : NULL;
	c.cap_exit = at_entry ? NULL : ev->cap;
	p->emit(p->ctx, PAIR_CALL, &c);
	capture_free(ev->cap);
}

void pair_capture(struct pair *p, struct task *k, const struct event *ev)
{
	struct capture *joined;

	(void)p;
	if (!k->pending.active) {
		capture_free(ev->cap);
		return;
	}
	joined = capture_join(k->pending.cap, ev->cap);
	if (!joined)
		return;	/* out of memory: the entry's as they were */
	k->pending.cap = joined;
}

void pair_move(struct pair *p, struct task *from, struct task *to)
{
	(void)p;
	capture_free(to->pending.cap);
	to->pending = from->pending;
	from->pending.active = false;
	from->pending.cap = NULL;
}

void pair_task_exit(struct pair *p, struct task *k)
{
	/* a task ends in exit_group, or killed inside a call ("= ?"); but a
	 * call whose exit may have been lost is not one it was killed in */
	flush_pending(p, k, k->pending.active && lost_since(p, k) &&
			    !table_get(k->pending.nr)->noreturn);
}

void pair_task_vanished(struct pair *p, struct task *k)
{
	flush_pending(p, k, k->pending.active && !table_get(k->pending.nr)->noreturn);
}
