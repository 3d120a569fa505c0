/* lotrace: strace's command line and output, from the kernel's syscall
 * tracepoints. No ptrace.
 *
 * main parses the command line, drives the tracer (run/tracer.h) through
 * its steps, and is the one place that prints a failure and chooses the
 * exit status. */
#include <stdio.h>
#include <string.h>

#include "cli/opts.h"
#include "run/tracer.h"
#include "usdt/probes.h"

#ifndef LOTRACE_VERSION
#define LOTRACE_VERSION "0.0"
#endif

static int fail(const char *msg)
{
	fprintf(stderr, "lotrace: %s\n", msg);
	return 1;
}

/* The modes that print something and trace nothing. */
static int run_info(struct tracer *tr)
{
	int ret = 0;

	if (tr->opts.help)
		opts_help(stdout);
	else if (tr->opts.version)
		printf("lotrace " LOTRACE_VERSION "\n");
	else
		ret = probes_list(stdout, tr->opts.cmd ? tr->opts.cmd[0] : NULL,
				  tr->opts.npids ? tr->opts.pids[0] : 0, tr->err, sizeof(tr->err));
	opts_free(&tr->opts);
	return ret ? fail(tr->err) : 0;
}

int main(int argc, char **argv)
{
	struct tracer tr;
	int ret, status;

	memset(&tr, 0, sizeof(tr));
	tr.sigfd = -1;
	if (opts_parse(&tr.opts, argc, argv, stderr)) {
		opts_free(&tr.opts);
		return 1;
	}
	if (tr.opts.help || tr.opts.version || tr.opts.list_usdt)
		return run_info(&tr);

	ret = tracer_open(&tr);
	if (!ret)
		ret = tracer_start(&tr);
	if (ret && tr.stop_signal) {
		/* stopped during setup: nothing ran, nothing to say */
		tracer_close(&tr);
		return 128 + tr.stop_signal;
	}
	if (ret) {
		if (!tr.err[0])
			snprintf(tr.err, sizeof(tr.err), "%s", strerror(-ret));
		tracer_close(&tr);
		return fail(tr.err);
	}
	if (tr.opts.no_bpf)
		fprintf(stderr, "lotrace: --no-bpf: strings and structs print as addresses\n");
	/* as strace says it: tests and scripts wait for this line */
	for (int i = 0; !(tr.opts.quiet & QUIET_ATTACH) && i < tr.opts.npids; i++)
		fprintf(stderr, "lotrace: Process %d attached\n", (int)tr.opts.pids[i]);
	tracer_run(&tr);
	tracer_finish(&tr);
	for (int i = 0; !(tr.opts.quiet & QUIET_ATTACH) && i < tr.opts.npids; i++)
		if (tr.pidfds[i] >= 0)
			fprintf(stderr, "lotrace: Process %d detached\n", (int)tr.opts.pids[i]);
	status = tracer_exit_status(&tr);
	tracer_close(&tr);
	return status;
}
