/*
 * getppid-loop: make exactly N getppid(2) calls, optionally paced to RATE
 * calls per second, so the benchmark knows the syscall count exactly.
 *
 * Usage: getppid-loop N [RATE]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Pacing reads the vDSO clock only every PACE_BATCH calls, so the loop
 * stays dominated by the syscall even at several million calls per second. */
#define PACE_BATCH 16

static int parse_count(const char *s, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || end == s || *end ? -EINVAL : 0;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* Spin (no syscall) until call number i is due at the target rate. */
static void pace(unsigned long long start, unsigned long long i,
		 unsigned long long rate)
{
	unsigned long long due = start + i * 1000000000ull / rate;

	while (now_ns() < due)
		;
}

int main(int argc, char **argv)
{
	unsigned long long n, rate = 0, start;

	if (argc < 2 || argc > 3 || parse_count(argv[1], &n) ||
	    (argc == 3 && (parse_count(argv[2], &rate) || rate == 0))) {
		fprintf(stderr, "usage: getppid-loop N [CALLS_PER_SECOND]\n");
		return 2;
	}
	start = now_ns();
	for (unsigned long long i = 0; i < n; i++) {
		if (rate && i % PACE_BATCH == 0)
			pace(start, i, rate);
		/* Direct syscall: no libc caching can ever skip a call. */
		syscall(SYS_getppid);
	}
	return 0;
}
