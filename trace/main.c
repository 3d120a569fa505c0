/* lotrace: strace's command line and output, from the kernel's syscall
 * tracepoints read through perf_event_open ring buffers. No ptrace.
 *
 * main wires the pipeline (ring -> merge -> tasks -> pair -> sinks), owns
 * the event loop, signals and the traced command, and is the one place
 * that prints errors and chooses the exit status. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bpf/syscalls.h"
#include "capture.h"
#include "event.h"
#include "fdtrack.h"
#include "formats.h"
#include "launch.h"
#include "merge.h"
#include "opts.h"
#include "pair.h"
#include "probes.h"
#include "record.h"
#include "transport.h"
#include "sink.h"
#include "systab.h"
#include "tasks.h"

#ifndef LOTRACE_VERSION
#define LOTRACE_VERSION "0.0"
#endif

#define MAX_SINKS 2
#define POLL_MS 100

struct app {
	struct opts opts;
	FILE *out;
	struct formats *formats;
	struct transport *transport;
	struct transport_config cfg;
	struct merge merge;
	struct tasks tasks;
	struct pair pair;
	struct sink *sinks[MAX_SINKS];
	int nsinks;
	struct child child;
	bool have_child;
	bool child_reaped;
	int child_status;
	int *pidfds;		/* -p: one per process, -1 once it exited */
	int sigfd;
	int stop_signal;
	struct probes probes;	/* -u */
	struct fdtrack *fdtrack;	/* -y */
	struct sysset kernel_set;	/* -y: -e trace= and what changes descriptors */
	uint64_t lost_total;
	uint64_t *lost_cpu;
	int exit_code_nr, exit_group_nr;
	bool follow_failed;	/* -f: a child's probes could not be put on */
	char err[512];
};

static uint64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int fail(const char *msg)
{
	fprintf(stderr, "lotrace: %s\n", msg);
	return 1;
}

/* --- pipeline: from records to sinks ----------------------------------- */

static void emit_call(void *ctx, enum pair_what what, const struct call *c)
{
	struct app *a = ctx;
	bool tracked = a->fdtrack && what == PAIR_EXIT;
	/* -y has the kernel report calls that -e trace= does not show */
	bool shown = !a->fdtrack || sysset_has(&a->opts.trace, c->nr);

	if (tracked)
		fdtrack_prepare(a->fdtrack, c);
	for (int i = 0; i < a->nsinks && shown; i++)
		a->sinks[i]->ops->call(a->sinks[i], what, c);
	if (tracked)
		fdtrack_apply(a->fdtrack, c);
}

static void emit_end(struct app *a, struct task *k, const struct task_end *e)
{
	for (int i = 0; i < a->nsinks; i++)
		a->sinks[i]->ops->task_end(a->sinks[i], k, e);
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
static bool end_of(struct app *a, struct task *k, const struct event *ev, struct task_end *e)
{
	struct task *leader = tasks_find(&a->tasks, k->pid);

	memset(e, 0, sizeof(*e));
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
	if (a->have_child && a->child_reaped && k->tid == (uint32_t)a->child.pid) {
		end_from_status(e, a->child_status);
		return true;
	}
	return false;
}

static void read_comm(pid_t pid, pid_t tid, char comm[EVENT_COMM_LEN])
{
	char path[64];
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", (int)pid, (int)tid);
	fp = fopen(path, "re");
	if (!fp)
		return;
	if (fgets(comm, EVENT_COMM_LEN, fp))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(fp);
}

/* The task of a syscall record; one first seen here (-a, a lost FORK)
 * gets its comm from /proc. */
static struct task *known_task(struct app *a, const struct event *ev)
{
	struct task *k = tasks_find(&a->tasks, ev->tid);

	if (k)
		return k;
	k = tasks_get(&a->tasks, ev->tid, ev->pid);
	if (k)
		read_comm((pid_t)ev->pid, (pid_t)ev->tid, k->comm);
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

static void handle_usdt(struct app *a, const struct event *ev)
{
	struct usdt_values v;
	struct usdt_hit hit;
	/* probes on every task (-f) report other processes' hits too */
	struct task *k = a->opts.system_wide ? known_task(a, ev) : tasks_find(&a->tasks, ev->tid);

	if (!k || !ev->cap || ev->cap->size < sizeof(v) || ev->nr < 0 || ev->nr >= a->probes.nsel)
		return;
	memcpy(&v, ev->cap->data, sizeof(v));
	hit = (struct usdt_hit){
		.id = (uint32_t)ev->nr,
		.probe = a->probes.sel[ev->nr].probe,
		.ts = ev->ts,
		.nargs = v.nargs < USDT_MAX_ARGS ? v.nargs : USDT_MAX_ARGS,
		.val = v.val,
		.failed = v.failed,
		.as_string = a->probes.sel[ev->nr].str_mask,
	};
	usdt_strings(&hit, &v, (const char *)ev->cap->data + sizeof(v), ev->cap->size - sizeof(v),
		     a->opts.strsize);
	for (int i = 0; i < a->nsinks; i++)
		a->sinks[i]->ops->usdt(a->sinks[i], k, &hit);
}

static void handle_event(struct app *a, const struct event *ev)
{
	struct task *k;
	struct task_end end;

	switch (ev->kind) {
	case EV_SYS_ENTER:
		k = known_task(a, ev);
		if (!k) {
			capture_free(ev->cap);
			return;
		}
		if (ev->nr == a->exit_group_nr || ev->nr == a->exit_code_nr) {
			struct task *target = ev->nr == a->exit_group_nr ?
					      tasks_get(&a->tasks, ev->pid, ev->pid) : k;

			if (target) {
				target->exit_known = true;
				target->exit_code = (int)(ev->args[0] & 0xff);
			}
		}
		pair_enter(&a->pair, k, ev);
		break;
	case EV_SYS_EXIT:
		k = known_task(a, ev);
		if (k)
			pair_exit(&a->pair, k, ev);
		else
			capture_free(ev->cap);
		break;
	case EV_FORK:
		if (!a->opts.follow && !a->opts.system_wide)
			break;
		tasks_update(&a->tasks, ev);
		if (a->fdtrack && ev->pid == ev->tid && ev->pid != ev->fork.ppid)
			fdtrack_fork(a->fdtrack, ev->fork.ppid, ev->pid);
		break;
	case EV_COMM:
		if (tasks_find(&a->tasks, ev->tid) || a->opts.system_wide)
			tasks_update(&a->tasks, ev);
		break;
	case EV_TASK_EXIT:
		k = tasks_find(&a->tasks, ev->tid);
		if (!k || !k->alive)
			break;
		pair_task_exit(&a->pair, k);
		if (end_of(a, k, ev, &end)) {
			end.ts = ev->ts;
			emit_end(a, k, &end);
			k->end_printed = true;
		}
		tasks_update(&a->tasks, ev);
		if (a->fdtrack && ev->tid == ev->pid)
			fdtrack_exit(a->fdtrack, ev->pid);
		break;
	case EV_LOST:
		for (int i = 0; i < a->nsinks; i++)
			a->sinks[i]->ops->lost(a->sinks[i], ev->cpu, ev->lost, ev->ts);
		break;
	case EV_USDT:
		handle_usdt(a, ev);
		capture_free(ev->cap);
		break;
	case EV_SIGNAL:
		k = known_task(a, ev);
		for (int i = 0; k && ev->cap && i < a->nsinks; i++)
			if (a->sinks[i]->ops->signal)
				a->sinks[i]->ops->signal(a->sinks[i], k, ev->nr, ev->cap->data,
							 ev->cap->size, ev->ts);
		capture_free(ev->cap);
		break;
	}
}

static void follow_probes(struct app *a, const struct event *ev);

static void on_event(void *ctx, const struct event *ev)
{
	struct app *a = ctx;

	/* a child's probes go on before it gets far, not in merge order */
	if (ev->kind == EV_FORK || ev->kind == EV_TASK_EXIT)
		follow_probes(a, ev);
	if (ev->kind == EV_LOST) {
		/* said at once, not when the merge gets to it */
		fprintf(stderr, "lotrace: %" PRIu64 " events lost on cpu %d\n", ev->lost, ev->cpu);
		a->lost_total += ev->lost;
	}
	if (merge_push(&a->merge, ev->cpu, ev))
		fprintf(stderr, "lotrace: out of memory queueing events\n");
}

static void read_rings(struct app *a)
{
	a->transport->ops->read(a->transport, on_event, a);
}

static void process_until(struct app *a, uint64_t limit)
{
	struct event ev;

	while (merge_pop(&a->merge, limit, &ev))
		handle_event(a, &ev);
	fflush(a->out);
}

/* --- targets --------------------------------------------------------- */

static void seed_task(struct app *a, pid_t tid, pid_t pid)
{
	struct task *k = tasks_get(&a->tasks, (uint32_t)tid, (uint32_t)pid);

	if (k)
		read_comm(pid, tid, k->comm);
}

static int attach_pid(struct app *a, pid_t pid)
{
	char path[64];
	struct dirent *de;
	DIR *dir;
	int ret = 0, n = 0;

	if (pid == getpid()) {
		snprintf(a->err, sizeof(a->err), "lotrace cannot trace itself (pid %d)", (int)pid);
		return -EINVAL;
	}
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir) {
		snprintf(a->err, sizeof(a->err), "process %d does not exist", (int)pid);
		return -ESRCH;
	}
	while ((de = readdir(dir))) {
		pid_t tid = (pid_t)atoi(de->d_name);

		if (tid <= 0)
			continue;
		ret = a->transport->ops->attach(a->transport, tid, a->err, sizeof(a->err));
		if (ret == -ESRCH)	/* a thread that just ended */
			continue;
		if (ret)
			break;
		seed_task(a, tid, pid);
		n++;
	}
	closedir(dir);
	if (!ret && !n) {
		snprintf(a->err, sizeof(a->err), "process %d does not exist", (int)pid);
		ret = -ESRCH;
	}
	return ret;
}

/* Tasks whose exit record was lost would keep lotrace waiting: ask /proc. */
static void reap_vanished(struct task *k, void *ctx)
{
	struct app *a = ctx;
	char path[64];

	if (!k->alive)
		return;
	snprintf(path, sizeof(path), "/proc/%u/task/%u", k->pid, k->tid);
	if (access(path, F_OK) && errno == ENOENT) {
		struct event ev = { .kind = EV_TASK_EXIT, .pid = k->pid, .tid = k->tid,
				    .ts = now_ns(CLOCK_MONOTONIC) };

		handle_event(a, &ev);
	}
}

/* --- set-up ---------------------------------------------------------- */

static int open_output(struct app *a)
{
	if (!a->opts.outfile) {
		a->out = stderr;
		return 0;
	}
	a->out = fopen(a->opts.outfile, "we");
	if (!a->out) {
		snprintf(a->err, sizeof(a->err), "cannot open output file '%s': %s",
			 a->opts.outfile, strerror(errno));
		return -errno;
	}
	setvbuf(a->out, NULL, _IOFBF, 1 << 16);
	return 0;
}

static int make_sinks(struct app *a)
{
	struct sink_env env = {
		.out = a->out,
		.opts = &a->opts,
		.formats = a->formats,
		.tasks = &a->tasks,
		.fdtrack = a->fdtrack,
		.wall_offset = (int64_t)(now_ns(CLOCK_REALTIME) - now_ns(CLOCK_MONOTONIC)),
	};

	if (!a->opts.summary || a->opts.trace_too)
		a->sinks[a->nsinks++] = a->opts.json ? sink_json_new(&env) : sink_text_new(&env);
	if (a->opts.summary)
		a->sinks[a->nsinks++] = summary_new(&env);
	for (int i = 0; i < a->nsinks; i++)
		if (!a->sinks[i])
			return -ENOMEM;
	return 0;
}

static int block_signals(struct app *a)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGPIPE);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -errno;
	sigdelset(&set, SIGPIPE);
	a->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	return a->sigfd < 0 ? -errno : 0;
}

static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int setup(struct app *a)
{
	int ret;

	a->exit_code_nr = systab_lookup("exit");
	a->exit_group_nr = systab_lookup("exit_group");
	raise_fd_limit();
	ret = block_signals(a);
	if (ret) {
		snprintf(a->err, sizeof(a->err), "cannot set up signal handling: %s", strerror(-ret));
		return ret;
	}
	ret = formats_open(&a->formats, a->err, sizeof(a->err));
	if (ret)
		return ret;
	if (a->opts.fd_paths) {
		a->fdtrack = fdtrack_new();
		if (!a->fdtrack)
			return -ENOMEM;
		a->kernel_set = a->opts.trace;
		fdtrack_syscalls(&a->kernel_set);
	}
	a->cfg = (struct transport_config){
		.trace = a->fdtrack ? &a->kernel_set : &a->opts.trace,
		.raw = &a->opts.raw,
		.buffer_size = a->opts.buffer_size,
		.follow = a->opts.follow,
		.from_exec = a->opts.cmd != NULL,
		.system_wide = a->opts.system_wide,
		.self = getpid(),
		.strsize = a->opts.strsize,
		.fd_inodes = a->fdtrack != NULL,
		/* -c alone prints only sums: the kernel keeps them */
		.count_only = a->opts.summary && !a->opts.trace_too && !a->fdtrack &&
			      a->opts.status == STATUS_ALL,
	};
	if (!a->opts.no_bpf) {
		char why[256];

		a->transport = transport_bpf_new(a->formats, &a->cfg, why, sizeof(why));
		if (!a->transport)
			fprintf(stderr, "lotrace: %s; tracing by perf sampling: strings and structs print as addresses\n",
				why);
	}
	if (!a->transport)
		a->transport = transport_perf_new(a->formats, &a->cfg, a->err, sizeof(a->err));
	if (!a->transport)
		return -EINVAL;
	if (merge_init(&a->merge, a->transport->ncpus) || tasks_init(&a->tasks))
		return -ENOMEM;
	a->lost_cpu = calloc(a->transport->ncpus, sizeof(*a->lost_cpu));
	if (!a->lost_cpu)
		return -ENOMEM;
	ret = open_output(a);
	if (ret)
		return ret;
	ret = make_sinks(a);
	if (ret)
		return ret;
	pair_init(&a->pair, emit_call, a);
	return 0;
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
static bool on_every_task(const struct app *a, const struct probe_ref *r)
{
	return a->opts.system_wide || (a->opts.follow && !r->probe->sema_offset);
}

/* Probe i on the n targets, or on every task. A BPF program on a uprobe
 * runs for each of its events whose task filter passes, and that filter
 * compares the address space, whatever the event's thread or CPU: so one
 * event per process, or a single one on every task. Perf samples go to
 * the event of the CPU or thread. */
static int attach_probe(struct app *a, int i, const pid_t *pids, int n)
{
	const struct probe_ref *r = &a->probes.sel[i];
	bool every = on_every_task(a, r);

	if (every)
		n = a->transport->probe_per_process ? 1 : a->transport->ncpus;
	for (int t = 0; t < n; t++) {
		int ret = a->transport->ops->usdt_attach(a->transport, (uint32_t)i, r->probe,
							 r->str_mask, r->file->path,
							 every ? -1 : pids[t], every ? t : -1,
							 a->err, sizeof(a->err));

		if (ret == -ESRCH || (every && ret == -ENODEV))
			continue;	/* a thread that just ended, an offline CPU */
		if (ret)
			return ret;
	}
	return 0;
}

/* -u: resolve the specs and put every selected probe on each target. */
static int attach_probes(struct app *a, const pid_t *tids, int ntids)
{
	const pid_t *pids = tids;
	int n = ntids, ret;

	if (!a->opts.nusdt)
		return 0;
	if (a->transport->probe_per_process && !a->opts.system_wide) {
		pids = a->have_child ? &a->child.pid : a->opts.pids;
		n = a->have_child ? 1 : a->opts.npids;
	}
	ret = probes_resolve(&a->probes, a->opts.usdt, a->opts.nusdt,
			     a->have_child ? a->child.path : NULL, a->opts.pids, a->opts.npids,
			     a->err, sizeof(a->err));
	for (int i = 0; !ret && i < a->probes.nsel; i++)
		ret = attach_probe(a, i, pids, n);
	return ret;
}

/* -f: the probes kept off every task (on_every_task) follow the traced
 * tasks: on a new child as soon as its fork is read, off an ended one. */
static void follow_probes(struct app *a, const struct event *ev)
{
	const struct transport_ops *ops = a->transport->ops;
	bool per_process = a->transport->probe_per_process;
	pid_t task = per_process ? (pid_t)ev->pid : (pid_t)ev->tid;

	if (!a->opts.follow || a->opts.system_wide || !a->probes.nsel ||
	    (per_process && ev->pid != ev->tid))
		return;
	if (ev->kind == EV_TASK_EXIT && ops->usdt_detach)
		ops->usdt_detach(a->transport, task);
	if (ev->kind != EV_FORK)
		return;
	for (int i = 0; i < a->probes.nsel; i++) {
		if (on_every_task(a, &a->probes.sel[i]) ||
		    attach_probe(a, i, &task, 1) == 0 || a->follow_failed)
			continue;
		fprintf(stderr, "lotrace: -f: %s\n", a->err);
		a->follow_failed = true;	/* said once */
	}
}

/* Every thread of the -p processes, for their probes. */
static int all_tids(struct app *a, pid_t **out)
{
	int n = 0;

	*out = NULL;
	for (int i = 0; i < a->opts.npids; i++) {
		char path[64];
		struct dirent *de;
		DIR *dir;

		snprintf(path, sizeof(path), "/proc/%d/task", (int)a->opts.pids[i]);
		dir = opendir(path);
		while (dir && (de = readdir(dir))) {
			pid_t tid = (pid_t)atoi(de->d_name);
			pid_t *grown;

			if (tid <= 0 || !(grown = realloc(*out, (n + 1) * sizeof(*grown))))
				continue;
			*out = grown;
			(*out)[n++] = tid;
		}
		if (dir)
			closedir(dir);
	}
	return n;
}

static int start_targets(struct app *a)
{
	int ret;

	if (a->opts.cmd) {
		struct event ev = { .kind = EV_SYS_ENTER };
		struct task *k;

		ret = launch_prepare(&a->child, a->opts.cmd, a->err, sizeof(a->err));
		if (ret)
			return ret;
		a->have_child = true;
		ret = a->transport->ops->attach(a->transport, a->child.pid, a->err, sizeof(a->err));
		if (ret)
			return ret;
		k = tasks_get(&a->tasks, (uint32_t)a->child.pid, (uint32_t)a->child.pid);
		if (!k)
			return -ENOMEM;
		strncpy(k->comm, "lotrace", sizeof(k->comm) - 1);
		/* The events switch on inside execve, so its entry is never
		 * recorded: enter it here with the values the child passes. */
		ret = attach_probes(a, &a->child.pid, 1);
		if (ret)
			return ret;
		ev.pid = ev.tid = (uint32_t)a->child.pid;
		ev.nr = systab_lookup("execve");
		ev.args[0] = (uintptr_t)a->child.path;
		ev.args[1] = (uintptr_t)a->child.argv;
		ev.args[2] = (uintptr_t)a->child.envp;
		ev.ts = now_ns(CLOCK_MONOTONIC);
		if (!a->opts.no_bpf)
			ev.cap = capture_exec(a->child.path, a->child.argv, a->child.envp);
		if (ev.nr >= 0 && sysset_has(&a->opts.trace, ev.nr))
			pair_enter(&a->pair, k, &ev);
		else
			capture_free(ev.cap);
		ret = a->transport->ops->enable(a->transport);
		if (ret) {
			snprintf(a->err, sizeof(a->err), "cannot enable tracing: %s", strerror(-ret));
			return ret;
		}
		if (a->fdtrack)
			fdtrack_snapshot(a->fdtrack, (uint32_t)a->child.pid, true);
		return launch_start(&a->child, a->err, sizeof(a->err));
	}
	if (a->opts.system_wide) {
		pid_t cpus[1024];
		int ncpus = a->transport->ncpus < 1024 ? a->transport->ncpus : 1024;

		ret = a->transport->ops->attach(a->transport, -1, a->err, sizeof(a->err));
		if (ret)
			return ret;
		for (int c = 0; c < ncpus; c++)
			cpus[c] = c;
		ret = attach_probes(a, cpus, ncpus);
		if (ret)
			return ret;
		return a->transport->ops->enable(a->transport);
	}
	a->pidfds = malloc(a->opts.npids * sizeof(*a->pidfds));
	if (!a->pidfds)
		return -ENOMEM;
	for (int i = 0; i < a->opts.npids; i++) {
		a->pidfds[i] = -1;
		ret = attach_pid(a, a->opts.pids[i]);
		if (ret)
			return ret;
		a->pidfds[i] = (int)syscall(SYS_pidfd_open, a->opts.pids[i], 0);
	}
	if (a->opts.nusdt) {
		pid_t *tids;
		int n = all_tids(a, &tids);

		ret = attach_probes(a, tids, n);
		free(tids);
		if (ret)
			return ret;
	}
	ret = a->transport->ops->enable(a->transport);
	/* after enable: what changes from here on is in the trace */
	for (int i = 0; !ret && a->fdtrack && i < a->opts.npids; i++)
		fdtrack_snapshot(a->fdtrack, (uint32_t)a->opts.pids[i], false);
	return ret;
}

/* --- the loop -------------------------------------------------------- */

/* After SIGINT/SIGTERM, how long to wait for a started command to die of
 * the forwarded signal, so its last calls and its end are in the trace. */
#define STOP_GRACE_NS 1000000000ull

static bool targets_done(struct app *a, uint64_t stop_deadline)
{
	if (a->stop_signal)
		return !a->have_child || a->child_reaped ||
		       now_ns(CLOCK_MONOTONIC) > stop_deadline;
	if (a->opts.system_wide)
		return false;
	if (a->have_child) {
		if (!a->child_reaped)
			return false;
		return !a->opts.follow || tasks_alive(&a->tasks) == 0;
	}
	for (int i = 0; i < a->opts.npids; i++)
		if (a->pidfds[i] >= 0)
			return false;
	return !a->opts.follow || tasks_alive(&a->tasks) == 0;
}

static void on_signal(struct app *a)
{
	struct signalfd_siginfo si;

	while (read(a->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP || si.ssi_signo == SIGQUIT || si.ssi_signo == SIGINT ||
		    si.ssi_signo == SIGTERM) {
			a->stop_signal = (int)si.ssi_signo;
			/* like a foreground job, the command gets the signal too */
			if (a->have_child && !a->child_reaped)
				kill(a->child.pid, (int)si.ssi_signo);
		}
	}
}

static void on_child_exit(struct app *a)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PIDFD, (id_t)a->child.pidfd, &si, WEXITED | WNOHANG) || !si.si_pid)
		return;
	a->child_reaped = true;
	if (si.si_code == CLD_EXITED)
		a->child_status = (si.si_status & 0xff) << 8;
	else
		a->child_status = (si.si_status & 0x7f) | (si.si_code == CLD_DUMPED ? 0x80 : 0);
}

static int run(struct app *a)
{
	struct pollfd *pfd;
	int n, base, npfd = a->transport->ncpus + 2 + a->opts.npids;
	uint64_t prev_round = 0, stop_deadline = 0;
	int idle_rounds = 0;

	pfd = calloc(npfd, sizeof(*pfd));
	if (!pfd)
		return -ENOMEM;
	n = a->transport->ops->pollfds(a->transport, pfd, a->transport->ncpus);
	pfd[n++] = (struct pollfd){ .fd = a->sigfd, .events = POLLIN };
	base = n;
	if (a->have_child)
		pfd[n++] = (struct pollfd){ .fd = a->child.pidfd, .events = POLLIN };
	for (int i = 0; i < a->opts.npids; i++)
		pfd[n++] = (struct pollfd){ .fd = a->pidfds[i], .events = POLLIN };

	while (!targets_done(a, stop_deadline)) {
		uint64_t round = now_ns(CLOCK_MONOTONIC);
		int ready = poll(pfd, n, POLL_MS);

		if (ready < 0 && errno != EINTR)
			break;
		read_rings(a);
		/* a record stamped before the previous round began is in its
		 * ring by now: everything up to there is in final order */
		process_until(a, prev_round);
		prev_round = round;
		if (pfd[base - 1].revents && !a->stop_signal) {
			on_signal(a);
			stop_deadline = now_ns(CLOCK_MONOTONIC) + STOP_GRACE_NS;
		}
		if (a->have_child && !a->child_reaped && pfd[base].revents) {
			on_child_exit(a);
			/* its exit is in the ring by now: with -f, learn at once
			 * whether other tasks remain instead of a poll later */
			read_rings(a);
			process_until(a, now_ns(CLOCK_MONOTONIC));
		}
		for (int i = 0; i < a->opts.npids; i++) {
			if (a->pidfds[i] >= 0 && pfd[base + i].revents) {
				close(a->pidfds[i]);
				a->pidfds[i] = -1;
				pfd[base + i].fd = -1;
			}
		}
		if (a->child_reaped && a->have_child)
			pfd[base].fd = -1;
		if (a->child_reaped || (a->opts.npids && ready == 0)) {
			/* waiting for children of -f to end: check on them now and then */
			if (++idle_rounds % 10 == 0) {
				read_rings(a);
				process_until(a, now_ns(CLOCK_MONOTONIC));
				tasks_foreach(&a->tasks, reap_vanished, a);
			}
		}
	}
	free(pfd);
	return 0;
}

static void print_late_ends(struct task *k, void *ctx)
{
	struct app *a = ctx;
	struct task_end end;

	if (k->end_printed || !a->child_reaped || k->tid != (uint32_t)a->child.pid)
		return;
	if (end_of(a, k, NULL, &end)) {
		end.ts = now_ns(CLOCK_MONOTONIC);
		emit_end(a, k, &end);
		k->end_printed = true;
	}
}

static void on_count(void *ctx, int nr, uint64_t calls, uint64_t errors, uint64_t time_ns)
{
	struct app *a = ctx;

	for (int i = 0; i < a->nsinks; i++)
		if (a->sinks[i]->ops->counts)
			a->sinks[i]->ops->counts(a->sinks[i], nr, calls, errors, time_ns);
}

static void finish(struct app *a)
{
	a->transport->ops->disable(a->transport);
	read_rings(a);
	process_until(a, UINT64_MAX);
	tasks_foreach(&a->tasks, print_late_ends, a);
	if (a->cfg.count_only && a->transport->ops->counts)
		a->transport->ops->counts(a->transport, on_count, a);
	for (int i = 0; i < a->nsinks; i++)
		a->sinks[i]->ops->finish(a->sinks[i]);
	if (a->lost_total)
		fprintf(stderr, "lotrace: %" PRIu64 " events lost in total\n", a->lost_total);
}

static int exit_status(const struct app *a)
{
	if (a->stop_signal)
		return 128 + a->stop_signal;
	if (a->have_child && a->child_reaped) {
		if (WIFSIGNALED(a->child_status))
			return 128 + WTERMSIG(a->child_status);
		return WEXITSTATUS(a->child_status);
	}
	return 0;
}

static void teardown(struct app *a)
{
	for (int i = 0; i < a->nsinks; i++)
		a->sinks[i]->ops->free(a->sinks[i]);
	if (a->transport)
		a->transport->ops->close(a->transport);
	probes_free(&a->probes);
	if (a->have_child)
		launch_free(&a->child);
	for (int i = 0; a->pidfds && i < a->opts.npids; i++)
		if (a->pidfds[i] >= 0)
			close(a->pidfds[i]);
	free(a->pidfds);
	free(a->lost_cpu);
	merge_free(&a->merge);
	tasks_free(&a->tasks);
	formats_close(a->formats);
	fdtrack_free(a->fdtrack);
	if (a->out && a->out != stderr)
		fclose(a->out);
	if (a->sigfd > 0)
		close(a->sigfd);
	opts_free(&a->opts);
}

int main(int argc, char **argv)
{
	struct app a;
	int ret, status;

	memset(&a, 0, sizeof(a));
	a.sigfd = -1;
	if (opts_parse(&a.opts, argc, argv, stderr)) {
		opts_free(&a.opts);
		return 1;
	}
	if (a.opts.help) {
		opts_help(stdout);
		opts_free(&a.opts);
		return 0;
	}
	if (a.opts.version) {
		printf("lotrace " LOTRACE_VERSION "\n");
		opts_free(&a.opts);
		return 0;
	}
	if (a.opts.list_usdt) {
		ret = probes_list(stdout, a.opts.cmd ? a.opts.cmd[0] : NULL,
				  a.opts.npids ? a.opts.pids[0] : 0, a.err, sizeof(a.err));
		opts_free(&a.opts);
		return ret ? fail(a.err) : 0;
	}

	ret = setup(&a);
	if (!ret)
		ret = start_targets(&a);
	if (ret) {
		if (!a.err[0])
			snprintf(a.err, sizeof(a.err), "%s", strerror(-ret));
		teardown(&a);
		return fail(a.err);
	}
	if (a.opts.no_bpf)
		fprintf(stderr, "lotrace: --no-bpf: strings and structs print as addresses\n");
	/* as strace says it: tests and scripts wait for this line */
	for (int i = 0; !a.opts.quiet && i < a.opts.npids; i++)
		fprintf(stderr, "lotrace: Process %d attached\n", (int)a.opts.pids[i]);
	run(&a);
	finish(&a);
	for (int i = 0; !a.opts.quiet && i < a.opts.npids; i++)
		if (a.pidfds[i] >= 0)
			fprintf(stderr, "lotrace: Process %d detached\n", (int)a.opts.pids[i]);
	status = exit_status(&a);
	teardown(&a);
	return status;
}
