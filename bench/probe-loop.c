/*
 * probe-loop: N iterations of a loop that fires one USDT probe (lotrace's
 * SDK) with two arguments, for bench/probe.sh. It times the loop itself
 * and writes the nanoseconds to NSFILE, so that a tracer's start and end
 * are left out and the tracer can start it directly (no -f).
 *
 * Usage: probe-loop N KIND NSFILE
 *   none   the loop without a probe: the baseline
 *   nop    USDT(lbench, hit, i, n): the probe instruction at the site
 *   sema   USDT_WITH_SEMA: a semaphore test around the same site
 * Built three times: probe-loop (the SDK's default, one 1-byte nop),
 * probe-loop-nop5 (USDT_NOP as the 5-byte nopl 0x0(%rax,%rax,1), the form
 * Linux 6.18 turns into a call) and probe-loop-nop10 (LOTRACE_USDT_NOP10:
 * nop plus a 10-byte nop).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef PROBE_LOOP_NOP5
#define USDT_NOP .byte 0x0f, 0x1f, 0x44, 0x00, 0x00
#endif
#include <lotrace/usdt.h>

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

static int run(const char *kind, unsigned long long n)
{
	if (!strcmp(kind, "none")) {
		for (unsigned long long i = 0; i < n; i++)
			__asm__ __volatile__("" : : "r"(i) : "memory");
	} else if (!strcmp(kind, "nop")) {
		for (unsigned long long i = 0; i < n; i++) {
			USDT(lbench, hit, i, n);
			__asm__ __volatile__("" : : "r"(i) : "memory");
		}
	} else if (!strcmp(kind, "sema")) {
		for (unsigned long long i = 0; i < n; i++) {
			USDT_WITH_SEMA(lbench, guarded, i, n);
			__asm__ __volatile__("" : : "r"(i) : "memory");
		}
	} else {
		fprintf(stderr, "probe-loop: unknown kind '%s'\n", kind);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long n, start, ns;
	char *end;
	FILE *out;
	int ret;

	errno = 0;
	n = argc == 4 ? strtoull(argv[1], &end, 10) : 0;
	if (argc != 4 || errno || end == argv[1] || *end) {
		fprintf(stderr, "usage: probe-loop N none|nop|sema NSFILE\n");
		return 2;
	}
	start = now_ns();
	ret = run(argv[2], n);
	ns = now_ns() - start;
	if (ret)
		return ret;
	out = fopen(argv[3], "w");
	if (!out || fprintf(out, "%llu\n", ns) < 0 || fclose(out)) {
		fprintf(stderr, "probe-loop: cannot write '%s'\n", argv[3]);
		return 1;
	}
	return 0;
}
