#include "pipeline/tasks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"

int tasks_init(struct tasks *t)
{
	memset(t, 0, sizeof(*t));
	t->nbucket = 256;
	t->bucket = calloc(t->nbucket, sizeof(*t->bucket));
	return t->bucket ? 0 : -ENOMEM;
}

static void task_free(struct task *k)
{
	capture_free(k->pending.cap);
	for (int h = 0; h < k->nheld; h++)
		capture_free(k->held[h].info);
	free(k);
}

void tasks_free(struct tasks *t)
{
	for (size_t i = 0; i < t->nbucket; i++) {
		struct task *k = t->bucket[i];

		while (k) {
			struct task *next = k->next;

			task_free(k);
			k = next;
		}
	}
	free(t->bucket);
	free(t->dead);
	memset(t, 0, sizeof(*t));
}

static size_t slot(const struct tasks *t, uint32_t tid)
{
	return (tid * 2654435761u) & (t->nbucket - 1);
}

struct task *tasks_find(const struct tasks *t, uint32_t tid)
{
	for (struct task *k = t->bucket[slot(t, tid)]; k; k = k->next)
		if (k->tid == tid)
			return k;
	return NULL;
}

static void rehash(struct tasks *t)
{
	size_t n = t->nbucket * 2;
	struct task **b = calloc(n, sizeof(*b));
	struct tasks grown = { .bucket = b, .nbucket = n };

	if (!b)
		return; /* longer chains, still correct */
	for (size_t i = 0; i < t->nbucket; i++) {
		struct task *k = t->bucket[i];

		while (k) {
			struct task *next = k->next;
			size_t s = slot(&grown, k->tid);

			k->next = b[s];
			b[s] = k;
			k = next;
		}
	}
	free(t->bucket);
	t->bucket = b;
	t->nbucket = n;
}

/* Free task tid if it is still the ended one (not a new task of a
 * reused tid) and nothing keeps it. */
static void forget(struct tasks *t, uint32_t tid)
{
	struct task **kp = &t->bucket[slot(t, tid)], *k;

	while (*kp && (*kp)->tid != tid)
		kp = &(*kp)->next;
	k = *kp;
	if (!k || k->alive || k->pinned)
		return;
	*kp = k->next;
	task_free(k);
	t->count--;
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
	size_t s;

	if (k)
		return k;
	k = calloc(1, sizeof(*k));
	if (!k)
		return NULL;
	k->tid = tid;
	k->pid = pid ? pid : tid;
	k->alive = true;
	s = slot(t, tid);
	k->next = t->bucket[s];
	t->bucket[s] = k;
	t->count++;
	t->alive++;
	if (t->count > t->nbucket * 2)
		rehash(t);
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
			struct task *next = k->next;
			uint32_t tid = k->tid;

			for (int h = 0; h < k->nheld; h++)
				capture_free(k->held[h].info);
			memset(k, 0, sizeof(*k));
			k->next = next;
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

void tasks_foreach(const struct tasks *t, void (*fn)(struct task *, void *), void *ctx)
{
	for (size_t i = 0; i < t->nbucket; i++)
		for (struct task *k = t->bucket[i]; k; k = k->next)
			fn(k, ctx);
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
