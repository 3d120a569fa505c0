/*
 * stopwatch: run CMD and write its elapsed wall time in nanoseconds to OUT.
 *
 * Usage: stopwatch OUT CMD [ARGS...]
 *
 * The benchmark puts stopwatch between the tracer and the workload, so the
 * time covers the workload only: a tracer's start-up (loading tracepoint
 * formats, attaching) and its drain after the workload exits are left out,
 * and what remains is the cost the traced program itself pays.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long long start, elapsed;
	int status;
	FILE *out;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: stopwatch OUT CMD [ARGS...]\n");
		return 2;
	}
	start = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("stopwatch: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "stopwatch: cannot run %s: ", argv[2]);
		perror(NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("stopwatch: waiting for the workload");
		return 1;
	}
	elapsed = now_ns() - start;
	out = fopen(argv[1], "w");
	if (!out || fprintf(out, "%lld\n", elapsed) < 0 || fclose(out)) {
		fprintf(stderr, "stopwatch: cannot write %s\n", argv[1]);
		return 1;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
