/* Probes in a shared library, for the usdt integration test. In -fPIC code
 * gcc passes the address of a preemptible global as the memory operand
 * sym@GOTPCREL(%rip): lib_counter has a GOT slot (lib_counter_addr loads
 * it), lib_relaxed none (only the note names it). */
#include <lotrace/usdt.h>

int lib_counter = 5;
int lib_relaxed = 6;

void lib_probe(int n);
int *lib_counter_addr(void);

int *lib_counter_addr(void)
{
	return &lib_counter;
}

void lib_probe(int n)
{
	USDT(lttestlib, hit, n, n * 2);
	USDT(lttestlib, got, &lib_counter, &lib_relaxed);
}
