/* closer: the background grandchild holds the handed fds, and only those,
 * until closer_end, then lets them go. A pipe's write end stands in for a
 * tracepoint event: its reader sees EOF exactly when the last copy closes. */
#include "unit.h"

#include "transport/closer.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

/* What the read end sees within ms: 0 nothing yet, 1 EOF. */
static int eof_within(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;

	if (poll(&p, 1, ms) <= 0)
		return 0;
	return read(fd, &c, 1) == 0;
}

static void test_held_until_end(void **state)
{
	int held[2], other[2], handle;

	(void)state;
	assert_int_equal(pipe2(held, O_CLOEXEC), 0);
	assert_int_equal(pipe2(other, O_CLOEXEC), 0);
	handle = closer_begin(&held[1], 1);
	assert_true(handle >= 0);
	close(held[1]);
	close(other[1]);
	/* the grandchild keeps the handed fd open, and no other */
	assert_int_equal(eof_within(held[0], 200), 0);
	assert_int_equal(eof_within(other[0], 2000), 1);
	closer_end(handle);
	assert_int_equal(eof_within(held[0], 5000), 1);
	close(held[0]);
	close(other[0]);
}

static void test_nothing_to_hand(void **state)
{
	(void)state;
	assert_int_equal(closer_begin(NULL, 0), -1);
	closer_end(-1);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_held_until_end),
	cmocka_unit_test(test_nothing_to_hand),
};

UNIT_MAIN("closer", tests)
