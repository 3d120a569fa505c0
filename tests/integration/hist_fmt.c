/* hist_fmt V...: lotrace's --hist lines for one call of each latency V,
 * for test_hist to compare with bpftrace's hist() of the same values. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sink/hist.h"

int main(int argc, char **argv)
{
	uint64_t bucket[HIST_BUCKETS] = { 0 };

	for (int i = 1; i < argc; i++)
		bucket[hist_bucket(strtoull(argv[i], NULL, 0))]++;
	hist_print(stdout, bucket, HIST_BUCKETS);
	return 0;
}
