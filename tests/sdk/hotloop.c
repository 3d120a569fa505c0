/*
 * A hot loop with a probe in it, for nop_test.py: untraced, the probe must
 * cost one nop and no branch; with a semaphore, one load and one branch.
 */
#include <lotrace/usdt.h>

unsigned long hot_plain(const unsigned long *v, unsigned long n)
{
	unsigned long sum = 0;

	for (unsigned long i = 0; i < n; i++) {
		sum += v[i];
		USDT(hot, plain, i, sum);
	}
	return sum;
}

unsigned long hot_sema(const unsigned long *v, unsigned long n)
{
	unsigned long sum = 0;

	for (unsigned long i = 0; i < n; i++) {
		sum += v[i];
		if (USDT_IS_ACTIVE(hot, sema))
			USDT_WITH_SEMA(hot, sema, i, sum);
	}
	return sum;
}

int main(int argc, char **argv)
{
	unsigned long v[4] = { 1, 2, 3, 4 };

	(void)argv;
	return (int)(hot_plain(v, (unsigned long)argc) +
		     hot_sema(v, (unsigned long)argc));
}
