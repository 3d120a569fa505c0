/*
 * One probe fired N times, for consumers_test.py: built once per form of
 * probe site (the default 1-byte nop, USDT_NOP's 5-byte nop, the nop +
 * 10-byte nop), each read by readelf, BCC, perf, bpftrace and lotrace.
 */
#include <stdlib.h>

#include <lotrace/usdt.h>

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1;

	for (unsigned long i = 0; i < n; i++)
		USDT(site, hit, i, n);
	return 0;
}
