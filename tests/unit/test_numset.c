/* numset: strace's sets of numbers (descriptors, signals): lists, "all",
 * "none", "!" inverting, and the one line a bad token gets. */
#include "unit.h"

#include <errno.h>

#include "util/numset.h"

static int parse(struct numset *s, const char *expr, struct output *err)
{
	output_open(err);
	return numset_parse(s, expr, NULL, "-e read", err->f);
}

static void test_list(void **state)
{
	struct numset s = { 0 };
	struct output err;

	(void)state;
	assert_int_equal(parse(&s, "3,5,200", &err), 0);
	assert_true(numset_has(&s, 3));
	assert_true(numset_has(&s, 200));
	assert_false(numset_has(&s, 4));
	assert_false(numset_has(&s, -1));
	assert_false(numset_has(&s, 100000));
	assert_false(numset_empty(&s));
	assert_string_equal(output_text(&err), "");
	output_close(&err);
	numset_free(&s);
}

static void test_all_none_and_inversion(void **state)
{
	struct numset s = { 0 };
	struct output err;

	(void)state;
	assert_int_equal(parse(&s, "all", &err), 0);
	assert_true(numset_has(&s, 0) && numset_has(&s, 1 << 20));
	assert_false(numset_has(&s, -1));	/* negative numbers never are */
	output_close(&err);
	assert_int_equal(parse(&s, "none", &err), 0);
	assert_true(numset_empty(&s));
	output_close(&err);
	assert_int_equal(parse(&s, "!none", &err), 0);
	assert_true(numset_has(&s, 7));
	output_close(&err);
	assert_int_equal(parse(&s, "!1,2", &err), 0);
	assert_false(numset_has(&s, 1));
	assert_false(numset_has(&s, 2));
	assert_true(numset_has(&s, 3));
	output_close(&err);
	/* "!!" is no inversion */
	assert_int_equal(parse(&s, "!!4", &err), 0);
	assert_true(numset_has(&s, 4));
	assert_false(numset_has(&s, 5));
	output_close(&err);
	numset_free(&s);
}

static void test_bad_token(void **state)
{
	struct numset s = { 0 };
	struct output err;

	(void)state;
	assert_int_equal(parse(&s, "3,x", &err), -EINVAL);
	assert_string_equal(output_text(&err), "lotrace: -e read: 'x' is not valid here\n");
	output_close(&err);
	assert_int_equal(parse(&s, "", &err), -EINVAL);
	assert_string_equal(output_text(&err), "lotrace: -e read: empty list\n");
	output_close(&err);
	numset_free(&s);
}

static int64_t odd_only(const char *token)
{
	int64_t n = numset_number(token);

	return n % 2 ? n : -1;
}

static void test_token_function(void **state)
{
	struct numset s = { 0 };
	struct output err;

	(void)state;
	output_open(&err);
	assert_int_equal(numset_parse(&s, "1,3", odd_only, "x", err.f), 0);
	assert_int_equal(numset_parse(&s, "2", odd_only, "x", err.f), -EINVAL);
	assert_string_equal(output_text(&err), "lotrace: x: '2' is not valid here\n");
	output_close(&err);
	numset_free(&s);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_list),
	cmocka_unit_test(test_all_none_and_inversion),
	cmocka_unit_test(test_bad_token),
	cmocka_unit_test(test_token_function),
};

UNIT_MAIN("numset", tests)
