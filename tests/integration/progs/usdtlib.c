/* A probe in a shared library, for the usdt integration test. */
#include <lotrace/usdt.h>

void lib_probe(int n);

void lib_probe(int n)
{
	USDT(lttestlib, hit, n, n * 2);
}
