/* hist: --hist's buckets and bpftrace's hist() layout (the lines below are
 * what bpftrace 0.17 prints for the same values; test_hist.sh compares
 * with a running bpftrace too). */
#include "unit.h"

#include <stdlib.h>

#include "sink/hist.h"

static void test_buckets(void **state)
{
	(void)state;
	assert_int_equal(hist_bucket(0), 0);
	assert_int_equal(hist_bucket(1), 1);
	assert_int_equal(hist_bucket(2), 2);
	assert_int_equal(hist_bucket(3), 2);
	assert_int_equal(hist_bucket(4), 3);
	assert_int_equal(hist_bucket(1023), 10);
	assert_int_equal(hist_bucket(1024), 11);
	/* bpftrace 0.17 stops at [2G, 4G); a 5 s syscall is later */
	assert_int_equal(hist_bucket(5000000000ull), 33);
	assert_int_equal(hist_bucket(1ull << 62), 63);
	assert_int_equal(hist_bucket(~0ull), HIST_BUCKETS - 1);
}

static char *print(const uint64_t *bucket)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	hist_print(f, bucket, HIST_BUCKETS);
	fclose(f);
	return text;
}

static void test_layout(void **state)
{
	uint64_t b[HIST_BUCKETS] = { 0 };
	char *text;

	(void)state;
	b[hist_bucket(0)] = 1;
	b[hist_bucket(5)] = 2;
	b[hist_bucket(1500)] = 4;
	text = print(b);
	assert_string_equal(text,
		"[0]                    1 |@@@@@@@@@@@@@                                       |\n"
		"[1]                    0 |                                                    |\n"
		"[2, 4)                 0 |                                                    |\n"
		"[4, 8)                 2 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
		"[8, 16)                0 |                                                    |\n"
		"[16, 32)               0 |                                                    |\n"
		"[32, 64)               0 |                                                    |\n"
		"[64, 128)              0 |                                                    |\n"
		"[128, 256)             0 |                                                    |\n"
		"[256, 512)             0 |                                                    |\n"
		"[512, 1K)              0 |                                                    |\n"
		"[1K, 2K)               4 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n");
	free(text);
}

/* Only the buckets from the first to the last used, with K, M, G, T. */
static void test_suffixes(void **state)
{
	uint64_t b[HIST_BUCKETS] = { 0 };
	char *text;

	(void)state;
	b[hist_bucket(3000000)] = 3;
	b[hist_bucket(5000000000ull)] = 1;
	b[hist_bucket(1ull << 41)] = 1;
	text = print(b);
	assert_non_null(strstr(text, "\n[4G, 8G)               1 |@@@@@@@@@@@@@@@@@ "));
	assert_non_null(strstr(text, "\n[2T, 4T)               1 |"));
	assert_ptr_equal(strstr(text, "[2M, 4M)"), text);
	assert_null(strstr(text, "[4T, 8T)"));
	free(text);
}

static void test_empty(void **state)
{
	uint64_t b[HIST_BUCKETS] = { 0 };
	char *text;

	(void)state;
	text = print(b);
	assert_string_equal(text, "");
	free(text);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_buckets),
	cmocka_unit_test(test_layout),
	cmocka_unit_test(test_suffixes),
	cmocka_unit_test(test_empty),
};

UNIT_MAIN("hist", tests)
