/* targets: what lotrace traces — a command it starts and holds before its
 * execve until the events are on, the threads of -p processes, or every
 * CPU with -a — and the USDT probes of -u on each. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decode/capture.h"
#include "fd/fdtrack.h"
#include "pipeline/unwind.h"
#include "run/tracer.h"
#include "syscalls/systab.h"
#include "util/proc.h"

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL	/* Linux 6.9: a pidfd for one thread */
#endif

/* A descriptor that becomes readable when pid (a thread's id: that thread)
 * ends, or -1. */
static int pidfd_of(pid_t pid)
{
	pid_t tgid = proc_tgid(pid);

	return (int)syscall(SYS_pidfd_open, pid, tgid > 0 && tgid != pid ? PIDFD_THREAD : 0);
}

struct attach_ctx {
	struct tracer *tr;
	pid_t pid;
	int attached;
};

static int attach_tid(pid_t tid, void *ctx)
{
	struct attach_ctx *x = ctx;
	struct tracer *tr = x->tr;
	struct task *k;
	int ret = tracer_interrupted(tr);

	if (ret)	/* a process of many threads takes long */
		return ret;
	ret = tr->transport->ops->attach(tr->transport, tid, tr->err, sizeof(tr->err));
	if (ret == -ESRCH)	/* a thread that just ended */
		return 0;
	if (ret)
		return ret;
	k = tasks_get(&tr->tasks, (uint32_t)tid, (uint32_t)x->pid);
	if (k) {
		char comm[EVENT_COMM_LEN] = "";

		proc_comm(x->pid, tid, comm, sizeof(comm));
		tasks_set_comm(k, comm);
	}
	x->attached++;
	return 0;
}

static int attach_pid(struct tracer *tr, pid_t pid)
{
	struct attach_ctx x = { .tr = tr, .pid = proc_tgid(pid) };
	int ret;

	if (x.pid == getpid()) {
		snprintf(tr->err, sizeof(tr->err), "lotrace cannot trace itself (pid %d)", (int)pid);
		return -EINVAL;
	}
	/* a thread's id: that thread, as strace -p traces it */
	if (x.pid > 0 && x.pid != pid)
		ret = attach_tid(pid, &x);
	else
		ret = proc_each_tid(pid, attach_tid, &x);
	if (ret == -ESRCH || (!ret && !x.attached)) {
		snprintf(tr->err, sizeof(tr->err), "process %d does not exist", (int)pid);
		return -ESRCH;
	}
	return ret;
}

/*
 * Whether probe r goes on every task (pid -1) rather than on the traced
 * ones. -a traces every task. With -f, a uprobe event cannot be
 * inherited (the kernel would read its path from the forking task's
 * memory, and fork fails with EFAULT), so a probe goes on every task and
 * the BPF program (or handle_usdt) keeps the traced tasks' hits. But the
 * kernel counts a probe's semaphore up in every process its uprobe is in:
 * a probe with a semaphore goes on the traced tasks themselves, and on
 * each child as lotrace learns of its fork (follow_probes).
 */
static bool on_every_task(const struct tracer *tr, const struct probe_ref *r)
{
	return tr->opts.system_wide || (tr->opts.follow && !r->probe->sema_offset);
}

/* Probe i on the n targets, or on every task. A BPF program on a uprobe
 * runs for each of its events whose task filter passes, and that filter
 * compares the address space, whatever the event's thread or CPU: so one
 * event per process, or a single one on every task. Perf samples go to
 * the event of the CPU or thread. */
static int attach_probe(struct tracer *tr, int i, const pid_t *pids, int n)
{
	const struct probe_ref *r = &tr->probes.sel[i];
	bool every = on_every_task(tr, r);

	if (every)
		n = tr->transport->probe_per_process ? 1 : tr->transport->ncpus;
	for (int t = 0; t < n; t++) {
		int ret = tr->transport->ops->usdt_attach(tr->transport, (uint32_t)i, r->probe,
							 r->str_mask, r->file->path,
							 every ? -1 : pids[t], every ? t : -1,
							 tr->err, sizeof(tr->err));

		if (ret == -ESRCH || (every && ret == -ENODEV))
			continue;	/* a thread that just ended, an offline CPU */
		if (ret)
			return ret;
	}
	return 0;
}

/* -u: resolve the specs and put every selected probe on each target. */
static int attach_probes(struct tracer *tr, const pid_t *tids, int ntids)
{
	const pid_t *pids = tids;
	int n = ntids, ret;

	if (!tr->opts.nusdt)
		return 0;
	if (tr->transport->probe_per_process && !tr->opts.system_wide) {
		pids = tr->have_child ? &tr->child.pid : tr->opts.pids;
		n = tr->have_child ? 1 : tr->opts.npids;
	}
	ret = probes_resolve(&tr->probes, tr->opts.usdt, tr->opts.nusdt,
			     tr->have_child ? tr->child.path : NULL, tr->opts.pids, tr->opts.npids,
			     tr->sigfd, tr->err, sizeof(tr->err));
	if (ret == -EINTR)
		return tracer_interrupted(tr);
	for (int i = 0; !ret && i < tr->probes.nsel; i++) {
		ret = tracer_interrupted(tr);
		if (!ret)
			ret = attach_probe(tr, i, pids, n);
	}
	return ret;
}

/* -f: the probes kept off every task (on_every_task) follow the traced
 * tasks: on a new child as soon as its fork is read, off an ended one. */
void tracer_follow_probes(struct tracer *tr, const struct event *ev)
{
	const struct transport_ops *ops = tr->transport->ops;
	bool per_process = tr->transport->probe_per_process;
	pid_t task = per_process ? (pid_t)ev->pid : (pid_t)ev->tid;

	if (!tr->opts.follow || tr->opts.system_wide || !tr->probes.nsel ||
	    (per_process && ev->pid != ev->tid))
		return;
	if (ev->kind == EV_TASK_EXIT && ops->usdt_detach)
		ops->usdt_detach(tr->transport, task);
	if (ev->kind != EV_FORK)
		return;
	for (int i = 0; i < tr->probes.nsel; i++) {
		if (on_every_task(tr, &tr->probes.sel[i]) ||
		    attach_probe(tr, i, &task, 1) == 0 || tr->follow_failed)
			continue;
		fprintf(stderr, "lotrace: -f: %s\n", tr->err);
		tr->follow_failed = true;	/* said once */
	}
}

struct tid_list {
	pid_t *tids;
	int n;
};

static int add_tid(pid_t tid, void *ctx)
{
	struct tid_list *l = ctx;
	pid_t *grown = realloc(l->tids, (l->n + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	l->tids = grown;
	l->tids[l->n++] = tid;
	return 0;
}

/* Every thread of the -p processes, for their probes. */
static int all_tids(struct tracer *tr, pid_t **out)
{
	struct tid_list l = { NULL, 0 };

	for (int i = 0; i < tr->opts.npids; i++)
		proc_each_tid(tr->opts.pids[i], add_tid, &l);
	*out = l.tids;
	return l.n;
}

int tracer_start(struct tracer *tr)
{
	int ret;

	if (tr->opts.cmd) {
		struct event ev = { .kind = EV_SYS_ENTER };
		struct task *k;

		/* held since tracer_open */
		if (tr->unwind)	/* -k: its mappings come from its execve on */
			unwind_new_process(tr->unwind, (uint32_t)tr->child.pid);
		ret = tr->transport->ops->attach(tr->transport, tr->child.pid, tr->err, sizeof(tr->err));
		if (ret || (ret = tracer_interrupted(tr)))
			return ret;
		k = tasks_get(&tr->tasks, (uint32_t)tr->child.pid, (uint32_t)tr->child.pid);
		if (!k)
			return -ENOMEM;
		k->pinned = true;	/* its end may come from wait(2), late */
		tasks_set_comm(k, "lotrace");
		/* The events switch on inside execve, so its entry is never
		 * recorded: enter it here with the values the child passes. */
		ret = attach_probes(tr, &tr->child.pid, 1);
		if (ret)
			return ret;
		ev.pid = ev.tid = (uint32_t)tr->child.pid;
		ev.nr = systab_lookup("execve");
		ev.args[0] = (uintptr_t)tr->child.path;
		ev.args[1] = (uintptr_t)tr->child.argv;
		ev.args[2] = (uintptr_t)tr->child.envp;
		ev.ts = tracer_now(CLOCK_MONOTONIC);
		if (!tr->opts.no_bpf)
			ev.cap = capture_exec(tr->child.path, tr->child.argv, tr->child.envp);
		if (ev.nr >= 0 && sysset_has(&tr->opts.trace, ev.nr))
			pair_enter(&tr->pair, k, &ev);
		else
			capture_free(ev.cap);
		ret = tr->transport->ops->enable(tr->transport);
		if (ret) {
			snprintf(tr->err, sizeof(tr->err), "cannot enable tracing: %s", strerror(-ret));
			return ret;
		}
		if (tr->fdtrack)
			fdtrack_snapshot(tr->fdtrack, (uint32_t)tr->child.pid, true);
		/* the last moment a signal keeps the command from running */
		ret = tracer_interrupted(tr);
		if (ret)
			return ret;
		return launch_start(&tr->child, tr->err, sizeof(tr->err));
	}
	if (tr->opts.system_wide) {
		pid_t cpus[1024];
		int ncpus = tr->transport->ncpus < 1024 ? tr->transport->ncpus : 1024;

		ret = tr->transport->ops->attach(tr->transport, -1, tr->err, sizeof(tr->err));
		if (ret || (ret = tracer_interrupted(tr)))
			return ret;
		for (int c = 0; c < ncpus; c++)
			cpus[c] = c;
		ret = attach_probes(tr, cpus, ncpus);
		if (ret || (ret = tracer_interrupted(tr)))
			return ret;
		return tr->transport->ops->enable(tr->transport);
	}
	tr->pidfds = malloc(tr->opts.npids * sizeof(*tr->pidfds));
	if (!tr->pidfds)
		return -ENOMEM;
	for (int i = 0; i < tr->opts.npids; i++) {
		tr->pidfds[i] = -1;
		ret = attach_pid(tr, tr->opts.pids[i]);
		if (ret)
			return ret;
		tr->pidfds[i] = pidfd_of(tr->opts.pids[i]);
	}
	if (tr->opts.nusdt) {
		pid_t *tids;
		int n = all_tids(tr, &tids);

		ret = attach_probes(tr, tids, n);
		free(tids);
		if (ret)
			return ret;
	}
	ret = tracer_interrupted(tr);
	if (ret)
		return ret;
	ret = tr->transport->ops->enable(tr->transport);
	/* after enable: what changes from here on is in the trace */
	for (int i = 0; !ret && tr->fdtrack && i < tr->opts.npids; i++)
		fdtrack_snapshot(tr->fdtrack, (uint32_t)tr->opts.pids[i], false);
	return ret;
}
