/* tracer: open the stages for the options given, finish and close them. */
#include "run/tracer.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpf/capture.h"
#include "decode/capture.h"
#include "pipeline/unwind.h"
#include "sink/sink.h"
#include "sink/summary.h"
#include "syscalls/systab.h"

/* First of all, before signals are blocked: an -o or --export-chrome FIFO
 * without a reader blocks in open(2), and Ctrl-C must still end lotrace
 * then. -o FILE (-A: appended to), -o |CMD or !CMD; with -ff the
 * per-thread sink opens its own files and this stream is standard error. */
static int open_output(struct tracer *tr)
{
	const char *name = tr->opts.separately ? NULL : tr->opts.outfile;
	bool piped = outfile_is_pipe(name);

	tr->output = outfile_open(name, tr->opts.append);
	if (!tr->output) {
		snprintf(tr->err, sizeof(tr->err), "cannot %s '%s': %s",
			 piped ? "start the output command" : "open output file",
			 piped ? name + 1 : name, strerror(errno));
		return errno ? -errno : -ENOMEM;
	}
	tr->out = outfile_stream(tr->output);
	if (!tr->opts.chrome)
		return 0;
	tr->chrome = outfile_open_file(tr->opts.chrome, false);
	if (!tr->chrome) {
		snprintf(tr->err, sizeof(tr->err), "cannot open the --export-chrome file '%s': %s",
			 tr->opts.chrome, strerror(errno));
		return errno ? -errno : -ENOMEM;
	}
	return 0;
}

/* The files sinks write themselves: each one's first failure, said once. */
static void check_sink_files(struct tracer *tr)
{
	char msg[PATH_MAX + 256];

	for (int i = 0; i < tr->nsinks; i++) {
		const struct sink_ops *ops = tr->sinks[i]->ops;
		int err;

		if ((tr->sinks_failed & (1u << i)) || !ops->write_error)
			continue;
		err = ops->write_error(tr->sinks[i], msg, sizeof(msg));
		if (!err)
			continue;
		tr->sinks_failed |= 1u << i;
		if (!tr->output_err)
			tr->output_err = err;
		fprintf(stderr, "lotrace: %s\n", msg);
	}
}

void tracer_check_output(struct tracer *tr)
{
	int err = tr->output ? outfile_error(tr->output) : 0;

	check_sink_files(tr);
	if (!err || tr->output_said)
		return;
	tr->output_said = true;
	if (!tr->output_err)
		tr->output_err = err;
	fprintf(stderr, "lotrace: writing the trace to %s%s%s failed: %s; the rest of it is lost\n",
		tr->opts.outfile ? "'" : "", outfile_name(tr->output), tr->opts.outfile ? "'" : "",
		strerror(err));
}

static int make_sinks(struct tracer *tr)
{
	struct sink_env env = {
		.out = tr->out,
		.opts = &tr->opts,
		.formats = tr->formats,
		.tasks = &tr->tasks,
		.fdtrack = tr->fdtrack,
		.pathtrace = tr->pathtrace,
		.wall_offset = (int64_t)(tracer_now(CLOCK_REALTIME) - tracer_now(CLOCK_MONOTONIC)),
	};

	/* --export-chrome without -o writes the export alone */
	bool trace = (!tr->opts.summary || tr->opts.trace_too) &&
		     (!tr->opts.chrome || tr->opts.outfile);

	if (tr->opts.separately)
		tr->sinks[tr->nsinks++] = sink_perfile_new(&env);
	else if (trace)
		tr->sinks[tr->nsinks++] = tr->opts.json ? sink_json_new(&env) : sink_text_new(&env);
	if (tr->opts.summary)
		tr->sinks[tr->nsinks++] = summary_new(&env);
	/* after the table: it prints under it */
	if (tr->opts.hist)
		tr->sinks[tr->nsinks++] = sink_hist_new(&env);
	for (int i = 0; i < tr->nsinks; i++)
		if (!tr->sinks[i])
			return -ENOMEM;
	if (tr->chrome) {
		tr->sinks[tr->nsinks] = sink_chrome_new(&env, tr->chrome);
		tr->chrome = NULL;
		if (!tr->sinks[tr->nsinks])
			return -ENOMEM;
		tr->nsinks++;
	}
	return 0;
}

static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Perf's EXIT record does not say how a task ended, and only the
 * command's status comes from wait(2): without BPF the kernel reports
 * exit(2) and exit_group(2) too, whose argument says it for a -f child,
 * a thread, a -p process. */
static void report_exits(struct tracer *tr)
{
	const int nrs[] = { tr->exit_code_nr, tr->exit_group_nr };

	for (size_t i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		if (nrs[i] < 0 || sysset_has(&tr->opts.trace, nrs[i]))
			continue;
		sysset_add(&tr->kernel_set, nrs[i]);
		tr->hides_calls = true;
	}
}

int tracer_open(struct tracer *tr)
{
	int ret;

	tr->exit_code_nr = systab_lookup("exit");
	tr->exit_group_nr = systab_lookup("exit_group");
	tr->execve_nr = systab_lookup("execve");
	tr->execveat_nr = systab_lookup("execveat");
	raise_fd_limit();
	ret = open_output(tr);
	if (ret)
		return ret;
	ret = tracer_signals(tr);
	if (ret) {
		snprintf(tr->err, sizeof(tr->err), "cannot set up signal handling: %s", strerror(-ret));
		return ret;
	}
	/* the command's process first, held until tracing is on: forked
	 * while lotrace is small, it copies few page tables, lotrace's
	 * later writes take no copy-on-write faults and its exec has
	 * little to tear down (start-up 4-5 ms less, bench/README.md); a
	 * command that cannot run is said before anything loads */
	if (tr->opts.cmd) {
		tr->child.kill_on_exit = tr->opts.kill_on_exit;
		ret = launch_prepare(&tr->child, tr->opts.cmd, tr->err, sizeof(tr->err));
		if (ret)
			return ret;
		tr->have_child = true;
	}
	ret = formats_open(&tr->formats, tr->err, sizeof(tr->err));
	if (ret || (ret = tracer_interrupted(tr)))
		return ret;
	tr->kernel_set = tr->opts.trace;
	/* -y prints descriptors; -P and --trace-fds need them followed too */
	if (tr->opts.fd_paths || opts_call_filter(&tr->opts)) {
		bool failed;

		tr->fdtrack = fdtrack_new(tr->opts.decode_fds);
		if (!tr->fdtrack)
			return -ENOMEM;
		fdtrack_syscalls(&tr->kernel_set);
		tr->hides_calls = true;
		tr->pathtrace = pathtrace_new(&tr->opts, tr->fdtrack, stderr, &failed);
		if (failed)
			return -ENOMEM;
	}
	tr->cfg = (struct transport_config){
		.trace = &tr->kernel_set,
		.raw = &tr->opts.raw,
		.buffer_size = tr->opts.buffer_size,
		.follow = tr->opts.follow,
		.from_exec = tr->opts.cmd != NULL,
		.system_wide = tr->opts.system_wide,
		.self = getpid(),
		/* -e read=/write= dump every byte the program can copy */
		.strsize = numset_empty(&tr->opts.read_fds) && numset_empty(&tr->opts.write_fds) ?
			   tr->opts.strsize : LT_STR_MAX,
		.fd_inodes = tr->fdtrack != NULL,
		.ip = tr->opts.ip,
		.cpu_time = tr->opts.summary && !tr->opts.wall_clock,
		.overhead_ns = tr->opts.overhead_ns,
		/* -c alone prints only sums: the kernel keeps them */
		.count_only = tr->opts.summary && !tr->opts.trace_too && !tr->fdtrack &&
			      !opts_call_filter(&tr->opts) && !tr->opts.chrome,
		.hist = tr->opts.hist,
		.usdt = tr->opts.nusdt > 0,
		/* --export-chrome's events have a duration too */
		.durations = tr->opts.syscall_times || tr->opts.summary || tr->opts.json ||
			     tr->opts.chrome,
	};
	/* -k: the mappings come from perf's own stream, merged by time */
	tr->cfg.call_times = tr->cfg.durations || tr->opts.ts != TS_NONE || tr->opts.relative ||
			      tr->opts.stack;
	tr->cfg.stack = tr->opts.stack && !tr->cfg.count_only;
	if (tr->cfg.stack) {
		tr->unwind = unwind_new((enum unwind_detail)tr->opts.stack, 0);
		if (!tr->unwind)
			return -ENOMEM;
	}
	if (!tr->opts.no_bpf) {
		int ncpus = transport_bpf_ncpus();
		size_t max = transport_bpf_max_buffer(ncpus);
		char why[256];

		/* said here in one line: not a failed load, then perf's */
		if (tr->cfg.buffer_size > max) {
			snprintf(tr->err, sizeof(tr->err),
				 "-m/--buffer-size: %zuK per CPU is too much for the BPF ring buffer, one of at most 2 GiB for all %d CPUs: at most %zuK here (or --no-bpf)",
				 tr->cfg.buffer_size >> 10, ncpus, max >> 10);
			return -E2BIG;
		}

		tr->transport = transport_bpf_new(tr->formats, &tr->cfg, why, sizeof(why));
		if (!tr->transport && getenv("LOTRACE_BPF_REQUIRED")) {
			/* the tests of the BPF transport: a program the
			 * verifier refuses in one mode is a failure there,
			 * not a quiet run through perf sampling */
			snprintf(tr->err, sizeof(tr->err), "%s (LOTRACE_BPF_REQUIRED is set)", why);
			return -ENOTSUP;
		}
		if (!tr->transport)
			fprintf(stderr, "lotrace: %s; tracing by perf sampling: strings and structs print as addresses\n",
				why);
		else if (tr->opts.strsize > LT_STR_MAX)
			fprintf(stderr, "lotrace: -s %u: the BPF program copies at most %u bytes of a string or buffer; longer ones print that much, then ...\n",
				tr->opts.strsize, LT_STR_MAX);
	}
	/* loading the BPF program is the slowest step */
	ret = tracer_interrupted(tr);
	if (ret)
		return ret;
	if (!tr->transport) {
		report_exits(tr);
		tr->transport = transport_perf_new(tr->formats, &tr->cfg, tr->err, sizeof(tr->err));
		if (tr->transport && tr->cfg.cpu_time)
			fprintf(stderr, "lotrace: --no-bpf: -c times calls by the wall clock, as -w does: perf's records carry no CPU time\n");
	}
	if (!tr->transport)
		return -EINVAL;
	if (merge_init(&tr->merge, tr->transport->ncpus) || tasks_init(&tr->tasks))
		return -ENOMEM;
	ret = make_sinks(tr);
	if (ret)
		return ret;
	pair_init(&tr->pair, tracer_emit_call, tr);
	return 0;
}

static void on_hist(void *ctx, int nr, const uint64_t *bucket, int n)
{
	struct tracer *tr = ctx;

	for (int i = 0; i < tr->nsinks; i++)
		if (tr->sinks[i]->ops->hist)
			tr->sinks[i]->ops->hist(tr->sinks[i], nr, bucket, n);
}

static void on_count(void *ctx, int nr, const struct event_sums *sums)
{
	struct tracer *tr = ctx;

	for (int i = 0; i < tr->nsinks; i++)
		if (tr->sinks[i]->ops->counts)
			tr->sinks[i]->ops->counts(tr->sinks[i], nr, sums);
}

/* --kill-on-exit: no traced process outlives lotrace, as under strace's
 * PTRACE_O_EXITKILL. */
static void kill_task(struct task *k, void *ctx)
{
	(void)ctx;
	if (k->alive)
		kill((pid_t)k->tid, SIGKILL);
}

void tracer_finish(struct tracer *tr)
{
	if (tr->opts.kill_on_exit) {
		tasks_foreach(&tr->tasks, kill_task, NULL);
		if (tr->have_child && !tr->child_reaped)
			kill(tr->child.pid, SIGKILL);
	}
	tr->transport->ops->disable(tr->transport);
	tracer_read_rings(tr);
	tracer_process_until(tr, UINT64_MAX);
	tracer_late_ends(tr);
	if (tr->cfg.count_only && tr->transport->ops->counts)
		tr->transport->ops->counts(tr->transport, on_count, tr);
	if (tr->cfg.count_only && tr->cfg.hist && tr->transport->ops->hist)
		tr->transport->ops->hist(tr->transport, on_hist, tr);
	for (int i = 0; i < tr->nsinks; i++)
		tr->sinks[i]->ops->finish(tr->sinks[i]);
	/* closed here, so that a failed close counts in the exit status */
	tracer_check_output(tr);
	if (tr->output) {
		int err = outfile_close(tr->output);

		tr->output = NULL;
		tr->out = NULL;
		if (err && !tr->output_said) {
			tr->output_said = true;
			tr->output_err = err;
			fprintf(stderr, "lotrace: closing the trace file '%s' failed: %s\n",
				tr->opts.outfile, strerror(err));
		}
	}
	if (tr->lost_total)
		fprintf(stderr, "lotrace: %" PRIu64 " events lost in total\n", tr->lost_total);
}

static int status_of_targets(const struct tracer *tr)
{
	if (tr->stop_signal)
		return 128 + tr->stop_signal;
	if (tr->have_child && tr->child_reaped) {
		if (WIFSIGNALED(tr->child_status))
			return 128 + WTERMSIG(tr->child_status);
		return WEXITSTATUS(tr->child_status);
	}
	return 0;
}

int tracer_exit_status(const struct tracer *tr)
{
	int status = status_of_targets(tr);

	/* a lost trace is a failure, whatever the command did */
	return status == 0 && tr->output_err ? 1 : status;
}

void tracer_close(struct tracer *tr)
{
	for (int i = 0; i < tr->nsinks; i++)
		tr->sinks[i]->ops->free(tr->sinks[i]);
	if (tr->transport)
		tr->transport->ops->close(tr->transport);
	probes_free(&tr->probes);
	if (tr->have_child)
		launch_free(&tr->child);
	for (int i = 0; tr->pidfds && i < tr->opts.npids; i++)
		if (tr->pidfds[i] >= 0)
			close(tr->pidfds[i]);
	free(tr->pidfds);
	merge_free(&tr->merge);
	tasks_free(&tr->tasks);
	formats_close(tr->formats);
	pathtrace_free(tr->pathtrace);
	fdtrack_free(tr->fdtrack);
	numset_free(&tr->detached);
	unwind_free(tr->unwind);
	outfile_close(tr->output);
	outfile_close(tr->chrome);
	if (tr->sigfd > 0)
		close(tr->sigfd);
	opts_free(&tr->opts);
	/* what the stages freed last waits in the capture cache */
	capture_trim();
}
