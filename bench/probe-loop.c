/*
 * probe-loop: N iterations of a loop that fires one USDT probe (lotrace's
 * SDK) with two arguments, for bench/probe.sh.
 *
 * Usage: probe-loop N KIND
 *   none   the loop without a probe: the baseline
 *   nop    USDT(lbench, hit, i, n): a one-byte nop at the site
 *   sema   USDT_WITH_SEMA: a semaphore test around the same nop
 * Built twice: probe-loop (one nop per site) and probe-loop-nop10
 * (LOTRACE_USDT_NOP10: nop plus a 10-byte nop, the form kernels that
 * optimize x86-64 uprobes can turn into a call).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lotrace/usdt.h>

int main(int argc, char **argv)
{
	unsigned long long n;
	char *end;

	errno = 0;
	n = argc == 3 ? strtoull(argv[1], &end, 10) : 0;
	if (argc != 3 || errno || end == argv[1] || *end) {
		fprintf(stderr, "usage: probe-loop N none|nop|sema\n");
		return 2;
	}
	if (!strcmp(argv[2], "none")) {
		for (unsigned long long i = 0; i < n; i++)
			__asm__ __volatile__("" : : "r"(i) : "memory");
	} else if (!strcmp(argv[2], "nop")) {
		for (unsigned long long i = 0; i < n; i++) {
			USDT(lbench, hit, i, n);
			__asm__ __volatile__("" : : "r"(i) : "memory");
		}
	} else if (!strcmp(argv[2], "sema")) {
		for (unsigned long long i = 0; i < n; i++) {
			USDT_WITH_SEMA(lbench, guarded, i, n);
			__asm__ __volatile__("" : : "r"(i) : "memory");
		}
	} else {
		fprintf(stderr, "probe-loop: unknown kind '%s'\n", argv[2]);
		return 2;
	}
	return 0;
}
