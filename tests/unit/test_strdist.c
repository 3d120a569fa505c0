/* strdist: Levenshtein distance, with the 63-byte prefix cap its header
 * documents. */
#include "unit.h"

#include "cli/strdist.h"

static void test_equal(void **state)
{
	(void)state;
	assert_int_equal(strdist("", ""), 0);
	assert_int_equal(strdist("openat", "openat"), 0);
}

static void test_against_empty(void **state)
{
	(void)state;
	assert_int_equal(strdist("abc", ""), 3);
	assert_int_equal(strdist("", "abcd"), 4);
}

static void test_single_edits(void **state)
{
	(void)state;
	assert_int_equal(strdist("open", "openat"), 2);	/* insertions */
	assert_int_equal(strdist("openat", "open"), 2);	/* deletions */
	assert_int_equal(strdist("read", "reax"), 1);		/* substitution */
	assert_int_equal(strdist("read", "ead"), 1);
	assert_int_equal(strdist("read", "rad"), 1);
}

static void test_transposition_costs_two(void **state)
{
	(void)state;
	/* plain Levenshtein, not Damerau */
	assert_int_equal(strdist("open", "opne"), 2);
	assert_int_equal(strdist("close", "clsoe"), 2);
}

static void test_classic_examples(void **state)
{
	(void)state;
	assert_int_equal(strdist("kitten", "sitting"), 3);
	assert_int_equal(strdist("flaw", "lawn"), 2);
	assert_int_equal(strdist("saturday", "sunday"), 3);
	assert_int_equal(strdist("abc", "xyz"), 3);
}

static void test_symmetric(void **state)
{
	static const char *const words[] = {
		"", "a", "open", "openat", "openat2", "close", "clone", "exit_group", "kitten",
	};

	(void)state;
	for (size_t i = 0; i < UNIT_LEN(words); i++)
		for (size_t j = 0; j < UNIT_LEN(words); j++)
			assert_int_equal(strdist(words[i], words[j]), strdist(words[j], words[i]));
}

static void test_case_sensitive(void **state)
{
	(void)state;
	assert_int_equal(strdist("OPEN", "open"), 4);
}

static void test_long_strings_compare_by_prefix(void **state)
{
	char a[101], b[101];

	(void)state;
	memset(a, 'a', 100);
	a[100] = '\0';
	memcpy(b, a, sizeof(b));
	/* differences past byte 63 do not count */
	b[70] = 'b';
	b[99] = 'c';
	assert_int_equal(strdist(a, b), 0);
	/* nor does the length past 63 */
	b[63] = '\0';
	assert_int_equal(strdist(a, b), 0);
	/* a difference at byte 62 does */
	memcpy(b, a, sizeof(b));
	b[62] = 'b';
	assert_int_equal(strdist(a, b), 1);
	/* 62 bytes against 100: 63 - 62 */
	b[62] = '\0';
	assert_int_equal(strdist(a, b), 1);
	assert_int_equal(strdist(b, a), 1);
}

static void test_long_against_empty(void **state)
{
	char a[201];

	(void)state;
	memset(a, 'x', 200);
	a[200] = '\0';
	assert_int_equal(strdist(a, ""), 63);
	assert_int_equal(strdist("", a), 63);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_equal),
	cmocka_unit_test(test_against_empty),
	cmocka_unit_test(test_single_edits),
	cmocka_unit_test(test_transposition_costs_two),
	cmocka_unit_test(test_classic_examples),
	cmocka_unit_test(test_symmetric),
	cmocka_unit_test(test_case_sensitive),
	cmocka_unit_test(test_long_strings_compare_by_prefix),
	cmocka_unit_test(test_long_against_empty),
};

UNIT_MAIN("strdist", tests)
