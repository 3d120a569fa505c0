/* tidset: adds, lookups and deletions, through growth and through the
 * backward shifts that keep a probe run whole after a deletion. */
#include "unit.h"

#include "util/tidset.h"

static void test_add_has_del(void **state)
{
	struct tidset s = { 0 };

	(void)state;
	assert_false(tidset_has(&s, 7));
	assert_false(tidset_del(&s, 7));
	assert_int_equal(tidset_add(&s, 7), 0);
	assert_int_equal(tidset_add(&s, 7), 0);
	assert_true(tidset_has(&s, 7));
	assert_int_equal(s.count, 1);
	assert_true(tidset_del(&s, 7));
	assert_false(tidset_has(&s, 7));
	assert_false(tidset_del(&s, 7));
	tidset_free(&s);
}

/* Many tids, deleted in another order than added: every other one stays
 * findable after each deletion. */
static void test_many(void **state)
{
	struct tidset s = { 0 };
	enum { N = 5000 };

	(void)state;
	for (uint32_t t = 1; t <= N; t++)
		assert_int_equal(tidset_add(&s, t * 16), 0);
	assert_int_equal(s.count, N);
	for (uint32_t t = 1; t <= N; t += 2)
		assert_true(tidset_del(&s, t * 16));
	for (uint32_t t = 1; t <= N; t++)
		assert_int_equal(tidset_has(&s, t * 16), t % 2 == 0);
	for (uint32_t t = 2; t <= N; t += 2)
		assert_true(tidset_del(&s, t * 16));
	assert_int_equal(s.count, 0);
	for (size_t i = 0; i < s.cap; i++)
		assert_int_equal(s.slot[i], 0);
	tidset_free(&s);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_add_has_del),
	cmocka_unit_test(test_many),
};

int main(void)
{
	return cmocka_run_group_tests_name("tidset", tests, NULL, NULL);
}
