/* Typed USDT probes, for test_usdt_types.sh: lotrace's SDK records each
 * argument's type, so strings, pointers, signed and unsigned integers and
 * floats print as what they are, with no /sN; through USDT() and through a
 * header usdt-gen made from usdttypes.d. Prints the pointers it passes, so
 * the test can compare them. argv[1]: the long string's length. */
#include <lotrace/usdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usdttypes_probes.h"

struct req {
	int fd;
	char pad[12];
	unsigned char tag[4];
};

/* gcc -O2 passes r->tag[idx & 3] as 1@16(%rsi,%rdi): an index, no scale */
__attribute__((noinline)) static void tagged(struct req *r, unsigned long idx)
{
	USDT(lttypes, tag, r->tag[idx & 3]);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 40;
	struct req r = { .fd = 7, .tag = { 10, 20, 30, 40 } };
	volatile double d = 1.5;
	volatile float f = 0.1f;
	const char *none = NULL;
	char key[16], *big = malloc(n + 1);

	if (!big)
		return 1;
	memset(big, 'x', n);
	big[n] = '\0';
	snprintf(key, sizeof(key), "k%04d", 1);
	printf("ptr %p\n", (void *)&r);
	fflush(stdout);
	USDT(lttypes, typed, r.fd, "GET", key, (void *)&r, -5L, 4000000000u, d, f, none, big);
	USDT(lttypes, chars, (signed char)-3, (unsigned char)250, (short)-300,
	     (unsigned short)60000, (long long)-1, 18446744073709551615ull);
	tagged(&r, (unsigned long)argc + 4);	/* 6 with one argument: tag[2] */
	LTGEN_REQUEST(8, "SET", key, 12345678901234ull, (void *)&r);
	STAP_PROBE2(lttypes, stap, key, (const char *)"literal");
	free(big);
	return 0;
}
