#include "pipeline/tasks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"

int tasks_init(struct tasks *t)
{
	memset(t, 0, sizeof(*t));
	return idtab_init(&t->by_tid);
}

static void task_free(struct task *k)
{
	capture_free(k->pending.cap);
	for (int h = 0; h < k->nheld; h++)
		capture_free(k->held[h].info);
	free(k);
}

static void free_node(struct idtab_node *n, void *ctx)
{
	(void)ctx;
	task_free(idtab_entry(n, struct task, node));
}

void tasks_free(struct tasks *t)
{
	idtab_free(&t->by_tid, free_node, NULL);
	free(t->dead);
	memset(t, 0, sizeof(*t));
}

struct task *tasks_find(const struct tasks *t, uint32_t tid)
{
	struct idtab_node *n = idtab_find(&t->by_tid, tid);

	return n ? idtab_entry(n, struct task, node) : NULL;
}

/* Free task tid if it is still the ended one (not a new task of a
 * reused tid) and nothing keeps it. */
static void forget(struct tasks *t, uint32_t tid)
{
	struct task *k = tasks_find(t, tid);

	if (!k || k->alive || k->pinned)
		return;
	idtab_remove(&t->by_tid, tid);
	task_free(k);
}

/* Task tid ended: the oldest of the kept ended tasks goes. */
static void bury(struct tasks *t, uint32_t tid)
{
	uint32_t oldest;

	if (!t->dead && !(t->dead = malloc(TASKS_DEAD_KEPT * sizeof(*t->dead))))
		return;	/* kept then, as before */
	if (t->ndead < TASKS_DEAD_KEPT) {
		t->dead[(t->dead_head + t->ndead++) % TASKS_DEAD_KEPT] = tid;
		return;
	}
	oldest = t->dead[t->dead_head];
	t->dead[t->dead_head] = tid;
	t->dead_head = (t->dead_head + 1) % TASKS_DEAD_KEPT;
	/* the same tid ended twice meanwhile: the caller holds it now */
	if (oldest != tid)
		forget(t, oldest);
}

struct task *tasks_get(struct tasks *t, uint32_t tid, uint32_t pid)
{
	struct task *k = tasks_find(t, tid);

	if (k)
		return k;
	k = calloc(1, sizeof(*k));
	if (!k)
		return NULL;
	k->tid = tid;
	k->pid = pid ? pid : tid;
	k->alive = true;
	k->node.id = tid;
	idtab_add(&t->by_tid, &k->node);
	t->alive++;
	return k;
}

struct task *tasks_update(struct tasks *t, const struct event *ev)
{
	struct task *k, *parent;

	switch (ev->kind) {
	case EV_FORK:
		k = tasks_get(t, ev->tid, ev->pid);
		if (!k)
			return NULL;
		if (!k->alive) {
			/* the id of a task that ended, reused: a new task */
			struct idtab_node node = k->node;
			uint32_t tid = k->tid;

			for (int h = 0; h < k->nheld; h++)
				capture_free(k->held[h].info);
			memset(k, 0, sizeof(*k));
			k->node = node;
			k->tid = tid;
			k->alive = true;
			t->alive++;
		}
		k->pid = ev->pid;
		parent = tasks_find(t, ev->fork.ptid);
		if (parent && !k->comm[0])
			memcpy(k->comm, parent->comm, sizeof(k->comm));
		return k;
	case EV_COMM:
		k = tasks_get(t, ev->tid, ev->pid);
		if (!k)
			return NULL;
		if (!k->alive && ev->comm.exec) {
			/* the leader's id, taken over by the thread that
			 * exec'd after the leader ended: alive again */
			k->alive = true;
			k->end_printed = false;
			k->exit_known = false;
			t->alive++;
		}
		memcpy(k->comm, ev->comm.comm, sizeof(k->comm));
		return k;
	case EV_TASK_EXIT:
		k = tasks_find(t, ev->tid);
		if (k && k->alive) {
			k->alive = false;
			t->alive--;
			bury(t, k->tid);
		}
		return k;
	default:
		return NULL;
	}
}

size_t tasks_alive(const struct tasks *t)
{
	return t->alive;
}

struct foreach_ctx {
	void (*fn)(struct task *, void *);
	void *ctx;
};

static void foreach_node(struct idtab_node *n, void *ctx)
{
	const struct foreach_ctx *f = ctx;

	f->fn(idtab_entry(n, struct task, node), f->ctx);
}

void tasks_foreach(const struct tasks *t, void (*fn)(struct task *, void *), void *ctx)
{
	struct foreach_ctx f = { fn, ctx };

	idtab_foreach(&t->by_tid, foreach_node, &f);
}

void tasks_exit_code(struct tasks *t, struct task *k, bool group, int code)
{
	struct task *target = group ? tasks_get(t, k->pid, k->pid) : k;

	if (!target)
		return;
	target->exit_known = true;
	target->exit_code = code;
}

void tasks_set_comm(struct task *k, const char *comm)
{
	strncpy(k->comm, comm, sizeof(k->comm) - 1);
	k->comm[sizeof(k->comm) - 1] = '\0';
}

void tasks_ended(struct task *k)
{
	k->end_printed = true;
}

bool tasks_hold_signal(struct task *k, const struct event *ev)
{
	if (k->nheld >= TASK_HELD_SIGNALS || !ev->cap)
		return false;
	k->held[k->nheld].sig = ev->nr;
	k->held[k->nheld].info = ev->cap;
	k->nheld++;
	return true;
}

void tasks_release_signals(struct task *k, void (*fn)(void *ctx, struct task *k, int sig,
							const struct capture *info),
			   void *ctx)
{
	int n = k->nheld;

	k->nheld = 0;
	for (int i = 0; i < n; i++) {
		fn(ctx, k, k->held[i].sig, k->held[i].info);
		capture_free(k->held[i].info);
		k->held[i].info = NULL;
	}
}
