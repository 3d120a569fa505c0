/* summary_print: the -c table, text compared whole with strace -c's
 * layout (header, dashes, rows with a blank errors column when there were
 * none, the lost row, the total), for each sort key. */
#include "unit.h"

#include "sink/summary.h"

#define HEADER "% time     seconds  usecs/call     calls    errors syscall\n"
#define DASHES "------ ----------- ----------- --------- --------- ----------------\n"

/* read: 10 calls in 3 ms; close: 5 calls, 3 failed, 1 ms; openat: 4 calls,
 * 2 failed, 6 ms */
static void three_rows(struct summary_row rows[3])
{
	rows[0] = (struct summary_row){ .name = "read", .calls = 10, .errors = 0, .time_ns = 3000000 };
	rows[1] = (struct summary_row){ .name = "close", .calls = 5, .errors = 3, .time_ns = 1000000 };
	rows[2] = (struct summary_row){ .name = "openat", .calls = 4, .errors = 2, .time_ns = 6000000 };
}

static void print_is(struct summary_row *rows, size_t n, enum sort_key key, uint64_t lost,
		     const char *want)
{
	struct output out;

	output_open(&out);
	summary_print(out.f, rows, n, key, lost);
	assert_string_equal(output_text(&out), want);
	output_close(&out);
}

static void test_by_time(void **state)
{
	struct summary_row rows[3];

	(void)state;
	three_rows(rows);
	print_is(rows, 3, SORT_TIME, 0,
		 HEADER
		 DASHES
		 " 60.00    0.006000        1500         4         2 openat\n"
		 " 30.00    0.003000         300        10           read\n"
		 " 10.00    0.001000         200         5         3 close\n"
		 DASHES
		 "100.00    0.010000         526        19         5 total\n");
}

static void test_by_calls(void **state)
{
	struct summary_row rows[3];

	(void)state;
	three_rows(rows);
	print_is(rows, 3, SORT_CALLS, 0,
		 HEADER
		 DASHES
		 " 30.00    0.003000         300        10           read\n"
		 " 10.00    0.001000         200         5         3 close\n"
		 " 60.00    0.006000        1500         4         2 openat\n"
		 DASHES
		 "100.00    0.010000         526        19         5 total\n");
}

static void test_by_name(void **state)
{
	struct summary_row rows[3];

	(void)state;
	three_rows(rows);
	print_is(rows, 3, SORT_NAME, 0,
		 HEADER
		 DASHES
		 " 10.00    0.001000         200         5         3 close\n"
		 " 60.00    0.006000        1500         4         2 openat\n"
		 " 30.00    0.003000         300        10           read\n"
		 DASHES
		 "100.00    0.010000         526        19         5 total\n");
}

static void test_by_errors(void **state)
{
	struct summary_row rows[3];

	(void)state;
	three_rows(rows);
	print_is(rows, 3, SORT_ERRORS, 0,
		 HEADER
		 DASHES
		 " 10.00    0.001000         200         5         3 close\n"
		 " 60.00    0.006000        1500         4         2 openat\n"
		 " 30.00    0.003000         300        10           read\n"
		 DASHES
		 "100.00    0.010000         526        19         5 total\n");
}

static void test_sorts_in_place(void **state)
{
	struct summary_row rows[3];
	struct output out;

	(void)state;
	three_rows(rows);
	output_open(&out);
	summary_print(out.f, rows, 3, SORT_NAME, 0);
	output_close(&out);
	assert_string_equal(rows[0].name, "close");
	assert_string_equal(rows[1].name, "openat");
	assert_string_equal(rows[2].name, "read");
	assert_int_equal(rows[0].calls, 5);
	assert_int_equal(rows[0].errors, 3);
	assert_int_equal(rows[0].time_ns, 1000000);
}

static void test_lost_row(void **state)
{
	struct summary_row rows[3];

	(void)state;
	three_rows(rows);
	/* after the syscalls, before the total, which it does not add to */
	print_is(rows, 3, SORT_TIME, 12,
		 HEADER
		 DASHES
		 " 60.00    0.006000        1500         4         2 openat\n"
		 " 30.00    0.003000         300        10           read\n"
		 " 10.00    0.001000         200         5         3 close\n"
		 "  0.00    0.000000           0        12           lost\n"
		 DASHES
		 "100.00    0.010000         526        19         5 total\n");
}

static void test_rounding(void **state)
{
	struct summary_row rows[] = {
		{ .name = "write", .calls = 3, .errors = 0, .time_ns = 123456789 },
		{ .name = "fsync", .calls = 1, .errors = 1, .time_ns = 876543211 },
	};

	(void)state;
	/* percentages and seconds round; usecs/call truncates, as strace's */
	print_is(rows, 2, SORT_TIME, 0,
		 HEADER
		 DASHES
		 " 87.65    0.876543      876543         1         1 fsync\n"
		 " 12.35    0.123457       41152         3           write\n"
		 DASHES
		 "100.00    1.000000      250000         4         1 total\n");
}

static void test_time_ties_in_given_order(void **state)
{
	struct summary_row rows[] = {
		{ .name = "b", .calls = 2, .time_ns = 500 },
		{ .name = "a", .calls = 2, .time_ns = 500 },
		{ .name = "c", .calls = 3, .time_ns = 500 },
	};

	(void)state;
	/* the rows come by syscall number; strace's stable sort keeps that */
	print_is(rows, 3, SORT_TIME, 0,
		 HEADER
		 DASHES
		 " 33.33    0.000000           0         2           b\n"
		 " 33.33    0.000000           0         2           a\n"
		 " 33.33    0.000000           0         3           c\n"
		 DASHES
		 "100.00    0.000002           0         7           total\n");
}

static void test_zero_time(void **state)
{
	struct summary_row rows[] = {
		{ .name = "getpid", .calls = 2, .time_ns = 0 },
		{ .name = "close", .calls = 1, .errors = 1, .time_ns = 0 },
	};

	(void)state;
	/* as strace prints it when no time was measured */
	print_is(rows, 2, SORT_TIME, 0,
		 HEADER
		 DASHES
		 "  0.00    0.000000           0         2           getpid\n"
		 "  0.00    0.000000           0         1         1 close\n"
		 DASHES
		 "100.00    0.000000           0         3         1 total\n");
}

static void test_wide_numbers(void **state)
{
	struct summary_row rows[] = {
		{ .name = "getppid", .calls = 123456789, .time_ns = 98765432101ull },
	};

	(void)state;
	print_is(rows, 1, SORT_TIME, 0,
		 HEADER
		 DASHES
		 "100.00   98.765432           0 123456789           getppid\n"
		 DASHES
		 "100.00   98.765432           0 123456789           total\n");
}

static void test_empty(void **state)
{
	struct summary_row none[1];

	(void)state;
	print_is(none, 0, SORT_TIME, 0,
		 HEADER
		 DASHES
		 DASHES
		 "100.00    0.000000           0         0           total\n");
}

static void test_empty_with_lost(void **state)
{
	struct summary_row none[1];

	(void)state;
	print_is(none, 0, SORT_CALLS, 7,
		 HEADER
		 DASHES
		 "  0.00    0.000000           0         7           lost\n"
		 DASHES
		 "100.00    0.000000           0         0           total\n");
}

/* as strace: the name column's dashes reach one past the longest name */
#define WIDE_DASHES \
	"------ ----------- ----------- --------- --------- ----------------------\n"

static void test_usdt_row_name(void **state)
{
	struct summary_row rows[] = {
		{ .name = "usdt:kvd:request_done", .calls = 4, .time_ns = 0 },
	};

	(void)state;
	print_is(rows, 1, SORT_NAME, 0,
		 HEADER
		 WIDE_DASHES
		 "  0.00    0.000000           0         4           usdt:kvd:request_done\n"
		 WIDE_DASHES
		 "100.00    0.000000           0         4           total\n");
}

/* -U: strace's columns, in the order given, each as wide as its widest
 * value; the name left-aligned, padded only when it is not last */
static void test_columns(void **state)
{
	static const uint8_t cols[COL_COUNT] = { COL_NAME, COL_CALLS, COL_MAX, COL_MIN };
	struct summary_row rows[] = {
		{ .name = "read", .calls = 10, .time_ns = 3000000, .min_ns = 100000, .max_ns = 900000 },
		{ .name = "close", .calls = 5, .errors = 3, .time_ns = 1000000, .min_ns = 1000,
		  .max_ns = 500000 },
	};
	struct output out;

	(void)state;
	output_open(&out);
	summary_print_columns(out.f, rows, 2, SORT_NAME, 0, cols);
	assert_string_equal(output_text(&out),
			    "syscall              calls  longest shortest\n"
			    "---------------- --------- -------- --------\n"
			    "close                    5 0.000500 0.000001\n"
			    "read                    10 0.000900 0.000100\n"
			    "---------------- --------- -------- --------\n"
			    "total                   15 0.000900 0.000001\n");
	output_close(&out);
}

/* strace widens a column to its widest value: a long syscall name, many
 * calls, a total over 9999 seconds */
static void test_columns_widen(void **state)
{
	struct summary_row rows[] = {
		{ .name = "sched_get_priority_max", .calls = 12345678901ull, .errors = 1,
		  .time_ns = 12345678901234ull },
	};

	(void)state;
	print_is(rows, 1, SORT_TIME, 0,
		 "% time      seconds  usecs/call       calls    errors syscall\n"
		 "------ ------------ ----------- ----------- --------- -----------------------\n"
		 "100.00 12345.678901           1 12345678901         1 sched_get_priority_max\n"
		 "------ ------------ ----------- ----------- --------- -----------------------\n"
		 "100.00 12345.678901           1 12345678901         1 total\n");
}

/* -S nothing: the rows as given, by syscall number */
static void test_sort_nothing(void **state)
{
	struct summary_row rows[3];

	(void)state;
	three_rows(rows);
	print_is(rows, 3, SORT_NOTHING, 0,
		 HEADER
		 DASHES
		 " 30.00    0.003000         300        10           read\n"
		 " 10.00    0.001000         200         5         3 close\n"
		 " 60.00    0.006000        1500         4         2 openat\n"
		 DASHES
		 "100.00    0.010000         526        19         5 total\n");
}

static void test_sort_avg_max(void **state)
{
	struct summary_row rows[3];
	struct output out;

	(void)state;
	three_rows(rows);
	rows[1].max_ns = 7;	/* close has the longest call */
	output_open(&out);
	summary_print(out.f, rows, 3, SORT_MAX_TIME, 0);
	assert_string_equal(rows[0].name, "close");
	summary_print(out.f, rows, 3, SORT_AVG_TIME, 0);	/* openat: 1500 us a call */
	assert_string_equal(rows[0].name, "openat");
	output_close(&out);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_by_time),
	cmocka_unit_test(test_by_calls),
	cmocka_unit_test(test_by_name),
	cmocka_unit_test(test_by_errors),
	cmocka_unit_test(test_sorts_in_place),
	cmocka_unit_test(test_lost_row),
	cmocka_unit_test(test_rounding),
	cmocka_unit_test(test_time_ties_in_given_order),
	cmocka_unit_test(test_zero_time),
	cmocka_unit_test(test_wide_numbers),
	cmocka_unit_test(test_empty),
	cmocka_unit_test(test_empty_with_lost),
	cmocka_unit_test(test_usdt_row_name),
	cmocka_unit_test(test_columns),
	cmocka_unit_test(test_columns_widen),
	cmocka_unit_test(test_sort_nothing),
	cmocka_unit_test(test_sort_avg_max),
};

UNIT_MAIN("summary", tests)
