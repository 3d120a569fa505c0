/*
 * selfusage: run CMD (a tracer) and write "WALL_NS CPU_NS PEAK_RSS_KIB
 * USER_NS SYS_NS" to OUT: its wall time, and the CPU time (user + system,
 * then each apart) and peak RSS of CMD itself, without the children it
 * waited for (the traced workload).
 *
 * Usage: selfusage [-t SECONDS] OUT CMD [ARGS...]
 *
 * -t sends SIGINT to CMD after SECONDS, the way a user detaches "-p" tracing
 * with Ctrl-C. SIGINT and SIGTERM sent to selfusage are passed on to CMD.
 *
 * wait4()'s rusage cannot be used: it adds in every descendant CMD reaped,
 * and reports the largest RSS among them. Instead CMD is left a zombie
 * (waitid WNOWAIT) while its own utime+stime are read from /proc/PID/stat,
 * and its VmHWM, a high-water mark, is sampled while it runs, 1 ms after the
 * start and then at intervals growing to 10 ms, so that even a start-up of a
 * few milliseconds is sampled.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SAMPLE_MAX_MS 10

static volatile sig_atomic_t child_pid;

static void forward_signal(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

/* VmHWM of pid in KiB, or -1 once its memory is gone. */
static long read_hwm_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* utime and stime of pid's own threads (not its children) in nanoseconds;
 * their sum, or -1. */
static long long read_cpu_ns(pid_t pid, long long *user, long long *sys)
{
	long long tick = 1000000000ll / sysconf(_SC_CLK_TCK);
	unsigned long long utime, stime;
	char path[64], buf[1024], *p;
	size_t len;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	/* comm may hold spaces and parentheses: fields start after the last ')'. */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			 &utime, &stime) != 2)
		return -1;
	*user = (long long)utime * tick;
	*sys = (long long)stime * tick;
	return *user + *sys;
}

static int usage(void)
{
	fprintf(stderr, "usage: selfusage [-t SECONDS] OUT CMD [ARGS...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	long long start, wall, cpu, user = -1, sys = -1, deadline = 0;
	struct sigaction sa = { .sa_handler = forward_signal };
	long hwm, peak = 0;
	struct pollfd pfd;
	siginfo_t info;
	int status, argi = 1, sample_ms = 1;
	FILE *out;
	pid_t pid;

	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		char *end;
		double secs = strtod(argv[2], &end);

		if (end == argv[2] || *end || secs <= 0)
			return usage();
		deadline = (long long)(secs * 1e9);
		argi = 3;
	}
	if (argc - argi < 2)
		return usage();

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	start = now_ns();
	if (deadline)
		deadline += start;
	pid = fork();
	if (pid < 0) {
		perror("selfusage: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[argi + 1], argv + argi + 1);
		fprintf(stderr, "selfusage: cannot run %s: ", argv[argi + 1]);
		perror(NULL);
		_exit(127);
	}
	child_pid = pid;
	pfd.fd = syscall(SYS_pidfd_open, pid, 0);
	pfd.events = POLLIN;
	if (pfd.fd < 0) {
		perror("selfusage: pidfd_open");
		return 1;
	}
	for (;;) {
		int ready = poll(&pfd, 1, sample_ms);

		if (ready < 0 && errno != EINTR) {
			perror("selfusage: poll");
			return 1;
		}
		if (ready > 0)
			break;
		if (sample_ms < SAMPLE_MAX_MS)
			sample_ms++;
		hwm = read_hwm_kib(pid);
		if (hwm > peak)
			peak = hwm;
		if (deadline && now_ns() >= deadline) {
			kill(pid, SIGINT);
			deadline = 0;
		}
	}
	wall = now_ns() - start;
	if (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0) {
		perror("selfusage: waitid");
		return 1;
	}
	cpu = read_cpu_ns(pid, &user, &sys);
	if (waitpid(pid, &status, 0) < 0) {
		perror("selfusage: waitpid");
		return 1;
	}
	out = fopen(argv[argi], "w");
	if (!out || fprintf(out, "%lld %lld %ld %lld %lld\n", wall, cpu, peak, user, sys) < 0 || fclose(out)) {
		fprintf(stderr, "selfusage: cannot write %s\n", argv[argi]);
		return 1;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
