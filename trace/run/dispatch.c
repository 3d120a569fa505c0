/* dispatch: each merged event to the stage that consumes it, in order:
 * tasks learn of forks, comms and exits, pair joins entries with exits,
 * fdtrack follows descriptors, and the sinks get calls, ends, probe hits,
 * signals and lost counts. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bpf/records.h"
#include "decode/capture.h"
#include "pipeline/unwind.h"
#include "run/tracer.h"
#include "sink/sink.h"
#include "util/proc.h"

uint64_t tracer_now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* -b execve: a process that calls execve (but the command lotrace
 * started, at its start) is let go, as strace detaches from it: its
 * execve line is the last, and neither it nor its children show again. */
static void detach_on_execve(struct tracer *tr, const struct call *c)
{
	bool first = tr->have_child && c->task->pid == (uint32_t)tr->child.pid && !tr->child_execed;

	if (c->nr != tr->execve_nr && c->nr != tr->execveat_nr)
		return;
	if (first) {
		tr->child_execed = true;
		return;
	}
	if (numset_add(&tr->detached, c->task->pid))
		return;
	if (!(tr->opts.quiet & QUIET_ATTACH))
		fprintf(stderr, "lotrace: Process %u detached\n", c->task->pid);
}

static bool is_detached(const struct tracer *tr, uint32_t pid)
{
	return tr->opts.detach_on_execve && numset_has(&tr->detached, pid);
}

void tracer_emit_call(void *ctx, enum pair_what what, const struct call *c)
{
	struct tracer *tr = ctx;
	bool tracked = tr->fdtrack && (what == PAIR_EXIT || what == PAIR_CALL);
	bool shown = !tr->hides_calls || sysset_has(&tr->opts.trace, c->nr);

	if (tracked)
		fdtrack_prepare(tr->fdtrack, c);
	for (int i = 0; i < tr->nsinks && shown; i++)
		tr->sinks[i]->ops->call(tr->sinks[i], what, c);
	if (tracked)
		fdtrack_apply(tr->fdtrack, c);
	if (tr->opts.detach_on_execve && what == PAIR_ENTER)
		detach_on_execve(tr, c);
}

static void emit_end(struct tracer *tr, struct task *k, const struct task_end *e)
{
	for (int i = 0; i < tr->nsinks; i++)
		tr->sinks[i]->ops->task_end(tr->sinks[i], k, e);
}

static void end_from_status(struct task_end *e, int status)
{
	if (WIFSIGNALED(status)) {
		e->signal = WTERMSIG(status);
		e->core = WCOREDUMP(status);
	} else {
		e->code = WEXITSTATUS(status);
	}
}

/* How task k ended: from the kernel when the transport says (ev), else
 * from its exit(2)/exit_group(2) argument, else from wait(2) for the
 * command lotrace started. */
static bool end_of(struct tracer *tr, struct task *k, const struct event *ev, struct task_end *e)
{
	struct task *leader = tasks_find(&tr->tasks, k->pid);

	memset(e, 0, sizeof(*e));
	if (ev && ev->exit.superseded) {
		e->superseded = ev->exit.superseded;
		return true;
	}
	if (ev && ev->exit.known) {
		end_from_status(e, ev->exit.status);
		return true;
	}
	if (k->exit_known) {
		e->code = k->exit_code;
		return true;
	}
	if (leader && leader->exit_known) {
		e->code = leader->exit_code;
		return true;
	}
	if (tr->have_child && tr->child_reaped && k->tid == (uint32_t)tr->child.pid) {
		end_from_status(e, tr->child_status);
		return true;
	}
	return false;
}

/* The task of a syscall record; one first seen here (-a, a lost FORK)
 * gets its comm from /proc. */
static struct task *known_task(struct tracer *tr, const struct event *ev)
{
	struct task *k = tasks_find(&tr->tasks, ev->tid);

	if (k)
		return k;
	k = tasks_get(&tr->tasks, ev->tid, ev->pid);
	if (k) {
		char comm[EVENT_COMM_LEN] = "";

		proc_comm((pid_t)ev->pid, (pid_t)ev->tid, comm, sizeof(comm));
		tasks_set_comm(k, comm);
	}
	return k;
}

/* The values of a probe hit travel as the BPF record's tail, its strings
 * after it (struct lt_rec_usdt). */
struct usdt_values {
	uint32_t probe;
	uint16_t nargs;
	uint16_t failed;
	uint64_t val[LT_USDT_SLOTS];
	int16_t str_len[LT_USDT_SLOTS];
};

_Static_assert(sizeof(struct usdt_values) == sizeof(struct lt_rec_usdt) - sizeof(struct lt_rec_head),
	       "struct usdt_values is not lt_rec_usdt's tail");

/* Point the hit at each string the program copied, in argument order; a
 * string is cut when it filled what the program could copy of it. */
static void usdt_strings(struct usdt_hit *hit, const struct usdt_values *v, const char *s,
			 size_t len, unsigned strsize)
{
	size_t off = 0, full = (size_t)strsize + 2;

	for (int i = 0; i < hit->nargs; i++) {
		size_t n = v->str_len[i] > 0 ? (size_t)v->str_len[i] : 0;
		size_t room = LT_USDT_STR_AREA - (off < LT_USDT_STR_AREA ? off : LT_USDT_STR_AREA);

		if (!n || n > len - off || s[off + n - 1])
			continue;	/* not copied: the pointer prints */
		hit->str[i] = s + off;
		hit->str_len[i] = n - 1;
		if (n - 1 > strsize || n == (full < room ? full : room))
			hit->str_cut |= 1u << i;
		off += n;
	}
}

/* -k: the stack's capture follows the strings, 8-aligned. */
static size_t usdt_stack_at(const struct usdt_values *v)
{
	size_t off = sizeof(*v);

	for (int i = 0; i < LT_USDT_SLOTS; i++)
		if (v->str_len[i] > 0)
			off += (size_t)v->str_len[i];
	return (off + 7) & ~(size_t)7;
}

/* Takes ev->cap. */
static void handle_usdt(struct tracer *tr, const struct event *ev)
{
	struct capture *cap = ev->cap;
	struct usdt_values v;
	struct usdt_hit hit;
	/* probes on every task (-f) report other processes' hits too */
	struct task *k = tr->opts.system_wide ? known_task(tr, ev) : tasks_find(&tr->tasks, ev->tid);

	if (!k || !cap || cap->size < sizeof(v) || ev->nr < 0 || ev->nr >= tr->probes.nsel) {
		capture_free(cap);
		return;
	}
	memcpy(&v, cap->data, sizeof(v));
	if (tr->unwind)
		unwind_capture(tr->unwind, ev->pid, ev->tid, &cap, usdt_stack_at(&v));
	hit = (struct usdt_hit){
		.id = (uint32_t)ev->nr,
		.probe = tr->probes.sel[ev->nr].probe,
		.ts = ev->ts,
		.nargs = v.nargs < USDT_MAX_ARGS ? v.nargs : USDT_MAX_ARGS,
		.val = v.val,
		.failed = v.failed,
		.as_string = tr->probes.sel[ev->nr].str_mask,
	};
	usdt_strings(&hit, &v, (const char *)cap->data + sizeof(v), cap->size - sizeof(v),
		     tr->opts.strsize);
	hit.stack = unwind_lines(cap, usdt_stack_at(&v), &hit.stack_len);
	for (int i = 0; i < tr->nsinks; i++)
		tr->sinks[i]->ops->usdt(tr->sinks[i], k, &hit);
	capture_free(cap);
}

/* -k: the entry's stack becomes its frames' lines, which travel with
 * the call (syscalls -e trace= does not show are not unwound). */
static const struct event *unwound(struct tracer *tr, const struct event *ev, struct event *copy)
{
	if (!tr->unwind || !ev->cap || !sysset_has(&tr->opts.trace, ev->nr))
		return ev;
	*copy = *ev;
	unwind_capture(tr->unwind, ev->pid, ev->tid, &copy->cap, 0);
	return copy;
}

static void emit_signal(struct tracer *tr, struct task *k, int sig, const struct capture *info,
			uint64_t ts)
{
	/* -e signal=: the others are not shown at all */
	if (!numset_has(&tr->opts.signals, sig))
		return;
	for (int i = 0; i < tr->nsinks; i++)
		if (tr->sinks[i]->ops->signal)
			tr->sinks[i]->ops->signal(tr->sinks[i], k, sig, info->data, info->size, ts);
}

struct release_ctx {
	struct tracer *tr;
	uint64_t ts;
};

static void release_one(void *ctx, struct task *k, int sig, const struct capture *info)
{
	struct release_ctx *x = ctx;

	emit_signal(x->tr, k, sig, info, x->ts);
}

/* The signals held while k was inside a call, now that it left it. */
static void release_signals(struct tracer *tr, struct task *k, uint64_t ts)
{
	struct release_ctx x = { tr, ts };

	if (k->nheld)
		tasks_release_signals(k, release_one, &x);
}

/* A thread other than the leader exec'd: the kernel gave it the leader's
 * id (the leader's end said "superseded"), and its old id is no more. Its
 * execve goes on under the leader's id, as strace shows it. */
static void exec_by_thread(struct tracer *tr, const struct event *ev)
{
	struct task *from = tasks_find(&tr->tasks, ev->comm.old_tid), *to;
	struct event gone = { .kind = EV_TASK_EXIT, .pid = ev->pid, .tid = ev->comm.old_tid,
			      .ts = ev->ts };

	if (!from && !tr->opts.system_wide)
		return;
	to = tasks_update(&tr->tasks, ev);
	if (!to)
		return;
	if (from) {
		pair_move(&tr->pair, from, to);
		tasks_ended(from);
		tasks_update(&tr->tasks, &gone);
	}
}

static void handle_event(struct tracer *tr, const struct event *ev)
{
	struct task *k;
	struct task_end end;
	struct event copy;

	if (is_detached(tr, ev->pid)) {
		/* -b execve: it ends unseen, and its children are let go with it */
		k = ev->kind == EV_TASK_EXIT ? tasks_find(&tr->tasks, ev->tid) : NULL;
		if (k && k->alive) {
			pair_task_exit(&tr->pair, k);
			tasks_ended(k);
			tasks_update(&tr->tasks, ev);
		}
		capture_free(ev->cap);
		return;
	}
	if (ev->kind == EV_FORK && is_detached(tr, ev->fork.ppid)) {
		numset_add(&tr->detached, ev->pid);
		return;
	}
	switch (ev->kind) {
	case EV_SYS_CALL:
		/* what EV_SYS_ENTER and EV_SYS_EXIT would do, in one go: a
		 * quick or deferred call never exits the task, and has no -k
		 * stack */
		k = known_task(tr, ev);
		if (!k) {
			capture_free(ev->cap);
			break;
		}
		pair_call(&tr->pair, k, ev);
		release_signals(tr, k, ev->ts);
		break;
	case EV_SYS_ENTER:
		k = known_task(tr, ev);
		if (!k) {
			capture_free(ev->cap);
			return;
		}
		if (ev->nr == tr->exit_group_nr || ev->nr == tr->exit_code_nr)
			tasks_exit_code(&tr->tasks, k, ev->nr == tr->exit_group_nr,
					(int)(ev->args[0] & 0xff));
		pair_enter(&tr->pair, k, unwound(tr, ev, &copy));
		break;
	case EV_SYS_EXIT:
		k = known_task(tr, ev);
		if (!k) {
			capture_free(ev->cap);
			break;
		}
		pair_exit(&tr->pair, k, ev);
		release_signals(tr, k, ev->ts);
		break;
	case EV_FORK:
		if (!tr->opts.follow && !tr->opts.system_wide)
			break;
		if (tr->unwind)
			unwind_track(tr->unwind, ev);
		tasks_update(&tr->tasks, ev);
		if (tr->fdtrack && ev->pid == ev->tid && ev->pid != ev->fork.ppid)
			fdtrack_fork(tr->fdtrack, ev->fork.ppid, ev->pid);
		break;
	case EV_COMM:
		if (ev->comm.exec && ev->comm.old_tid && ev->comm.old_tid != ev->tid) {
			exec_by_thread(tr, ev);
			break;
		}
		if (tasks_find(&tr->tasks, ev->tid) || tr->opts.system_wide)
			tasks_update(&tr->tasks, ev);
		break;
	case EV_TASK_EXIT:
		if (tr->unwind)
			unwind_track(tr->unwind, ev);
		k = tasks_find(&tr->tasks, ev->tid);
		if (!k || !k->alive)
			break;
		pair_task_exit(&tr->pair, k);
		release_signals(tr, k, ev->ts);
		if (end_of(tr, k, ev, &end)) {
			end.ts = ev->ts;
			emit_end(tr, k, &end);
			tasks_ended(k);
		}
		tasks_update(&tr->tasks, ev);
		if (tr->fdtrack && ev->tid == ev->pid)
			fdtrack_exit(tr->fdtrack, ev->pid);
		break;
	case EV_CAPTURE:
		k = tasks_find(&tr->tasks, ev->tid);
		if (k)
			pair_capture(&tr->pair, k, ev);
		else
			capture_free(ev->cap);
		break;
	case EV_LOST:
		pair_lost(&tr->pair, ev->lost_until);
		for (int i = 0; i < tr->nsinks; i++)
			tr->sinks[i]->ops->lost(tr->sinks[i], ev->cpu, ev->lost, ev->ts);
		break;
	case EV_USDT:
		handle_usdt(tr, ev);
		break;
	case EV_MMAP:
		if (tr->unwind)
			unwind_track(tr->unwind, ev);
		capture_free(ev->cap);
		break;
	case EV_SIGNAL:
		k = known_task(tr, ev);
		if (!k || !ev->cap) {
			capture_free(ev->cap);
			break;
		}
		/* one sent while the task is inside a call shows after it, as
		 * strace sees it when the task would take it; one it sent
		 * itself, after the call whose record is still to come (in
		 * ring order, a quick call's comes at its exit) */
		if ((k->pending.active || ev->late) && tasks_hold_signal(k, ev))
			break;
		emit_signal(tr, k, ev->nr, ev->cap, ev->ts);
		capture_free(ev->cap);
		break;
	}
}

void tracer_on_event(void *ctx, const struct event *ev)
{
	struct tracer *tr = ctx;

	tr->read_events++;
	/* a child's probes go on before it gets far, not in merge order */
	if (ev->kind == EV_FORK || ev->kind == EV_TASK_EXIT)
		tracer_follow_probes(tr, ev);
	if (ev->kind == EV_LOST) {
		/* said at once, not when the merge gets to it; once per CPU
		 * and reading, when losses go on */
		tr->lost_total += ev->lost;
		if (ev->cpu < TRACER_LOST_CPUS)
			tr->lost_now[ev->cpu] += ev->lost;
		else
			fprintf(stderr, "lotrace: %" PRIu64 " events lost on cpu %d\n", ev->lost,
				ev->cpu);
	}
	/* in order already: handled while it is still in the cache, not
	 * copied into a queue and out again a round later (merge_push and
	 * merge_pop were 9% of lotrace's CPU, and their cache misses more) */
	if (tr->transport->ordered) {
		handle_event(tr, ev);
		return;
	}
	if (merge_push(&tr->merge, ev->cpu, ev))
		fprintf(stderr, "lotrace: out of memory queueing events\n");
}

void tracer_read_rings(struct tracer *tr)
{
	tr->transport->ops->read(tr->transport, tracer_on_event, tr);
	for (int cpu = 0; cpu < TRACER_LOST_CPUS; cpu++) {
		if (!tr->lost_now[cpu])
			continue;
		fprintf(stderr, "lotrace: %" PRIu64 " events lost on cpu %d\n", tr->lost_now[cpu],
			cpu);
		tr->lost_now[cpu] = 0;
	}
}

void tracer_process_until(struct tracer *tr, uint64_t limit)
{
	struct event ev;

	while (merge_pop(&tr->merge, limit, &ev))
		handle_event(tr, &ev);
	fflush(tr->out);
	tracer_check_output(tr);
}

struct vanished {
	struct event *ev;	/* the exits to make */
	size_t n, cap;
};

static void find_vanished(struct task *k, void *ctx)
{
	struct vanished *v = ctx;

	if (!k->alive || proc_exists((pid_t)k->pid, (pid_t)k->tid))
		return;
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		struct event *grown = realloc(v->ev, cap * sizeof(*grown));

		if (!grown)
			return;	/* asked again next time */
		v->ev = grown;
		v->cap = cap;
	}
	v->ev[v->n++] = (struct event){ .kind = EV_TASK_EXIT, .pid = k->pid, .tid = k->tid };
}

/* Tasks whose exit record was lost would keep lotrace waiting, and their
 * state kept: ask /proc. A task gone from there wrote its exit record
 * before it went, so the rings are read once more after asking: only one
 * whose exit is still not seen then is ended here, with no end line. */
void tracer_reap_vanished(struct tracer *tr)
{
	struct vanished v = { 0 };

	tasks_foreach(&tr->tasks, find_vanished, &v);
	if (v.n) {
		tracer_read_rings(tr);
		tracer_process_until(tr, tracer_now(CLOCK_MONOTONIC));
	}
	for (size_t i = 0; i < v.n; i++) {
		struct task *k = tasks_find(&tr->tasks, v.ev[i].tid);

		v.ev[i].ts = tracer_now(CLOCK_MONOTONIC);
		if (k && k->alive) {
			pair_task_vanished(&tr->pair, k);
			handle_event(tr, &v.ev[i]);
		}
	}
	free(v.ev);
}

static void print_late_ends(struct task *k, void *ctx)
{
	struct tracer *tr = ctx;
	struct task_end end;

	if (k->end_printed || !tr->child_reaped || k->tid != (uint32_t)tr->child.pid)
		return;
	if (end_of(tr, k, NULL, &end)) {
		end.ts = tracer_now(CLOCK_MONOTONIC);
		emit_end(tr, k, &end);
		tasks_ended(k);
	}
}


void tracer_late_ends(struct tracer *tr)
{
	tasks_foreach(&tr->tasks, print_late_ends, tr);
}
