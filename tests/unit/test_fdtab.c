/* fdtab: the per-process descriptor table behind -y (set, close, dup,
 * close_range, close-on-exec across execve, fork, rename and unlink) and
 * its path text: joining and resolving "." and "..", strace's quoting. */
#include "unit.h"

#include <errno.h>
#include <string.h>

#include "fd/fdtab.h"

struct fixture {
	struct fdtab t;
	struct fd_proc *p;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || fdtab_init(&f->t))
		return -1;
	f->p = fdtab_proc(&f->t, 100);
	*state = f;
	return f->p ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fdtab_free(&f->t);
	free(f);
	return 0;
}

static void assert_open(const struct fd_proc *p, int fd, const char *path)
{
	const struct fd_entry *e = fdtab_get(p, fd);

	assert_non_null(e);
	assert_int_equal(e->state, FD_OPEN);
	assert_string_equal(e->path, path);
}

static void assert_state(const struct fd_proc *p, int fd, enum fd_state state)
{
	const struct fd_entry *e = fdtab_get(p, fd);

	assert_non_null(e);
	assert_int_equal(e->state, state);
}

static void test_new_process_knows_nothing(void **state)
{
	struct fixture *f = *state;

	assert_state(f->p, 0, FD_UNKNOWN);
	assert_state(f->p, 5000, FD_UNKNOWN);
	assert_null(fdtab_get(f->p, -1));
	assert_null(fdtab_get(f->p, FDTAB_MAX_FD));
	assert_null(f->p->cwd);
	assert_ptr_equal(fdtab_proc(&f->t, 100), f->p);
	assert_null(fdtab_find(&f->t, 101));
}

static void test_set_and_close(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(fdtab_set(f->p, 3, "/etc/hostname", CLOEXEC_NO, false), 0);
	assert_open(f->p, 3, "/etc/hostname");
	assert_int_equal(fdtab_set(f->p, 3, "/etc/passwd", CLOEXEC_NO, false), 0);
	assert_open(f->p, 3, "/etc/passwd");
	fdtab_close(f->p, 3);
	assert_state(f->p, 3, FD_CLOSED);
	assert_null(fdtab_get(f->p, 3)->path);
	assert_int_equal(fdtab_set(f->p, 70000, "/big", CLOEXEC_NO, false), 0);
	assert_open(f->p, 70000, "/big");
	assert_int_equal(fdtab_set(f->p, FDTAB_MAX_FD, "/x", CLOEXEC_NO, false), -EINVAL);
	fdtab_forget(f->p, 70000);
	assert_state(f->p, 70000, FD_UNKNOWN);
}

static void test_dup(void **state)
{
	struct fixture *f = *state;

	fdtab_set(f->p, 3, "/tmp/a", CLOEXEC_YES, true);
	assert_int_equal(fdtab_dup(f->p, 3, 10, CLOEXEC_NO), 0);
	assert_open(f->p, 10, "/tmp/a");
	assert_true(fdtab_get(f->p, 10)->deleted);
	assert_int_equal(fdtab_get(f->p, 10)->cloexec, CLOEXEC_NO);
	assert_int_equal(fdtab_dup(f->p, 3, 3, CLOEXEC_NO), 0);
	assert_int_equal(fdtab_get(f->p, 3)->cloexec, CLOEXEC_YES);
	assert_int_equal(fdtab_dup(f->p, 4, 11, CLOEXEC_NO), -ENOENT);
	assert_state(f->p, 11, FD_UNKNOWN);
}

static void test_close_range(void **state)
{
	struct fixture *f = *state;

	for (int fd = 0; fd < 6; fd++)
		fdtab_set(f->p, fd, "/dev/null", CLOEXEC_NO, false);
	fdtab_close_range(f->p, 4, 4, true);
	assert_int_equal(fdtab_get(f->p, 4)->cloexec, CLOEXEC_YES);
	assert_open(f->p, 4, "/dev/null");
	fdtab_close_range(f->p, 3, ~0u, false);
	assert_open(f->p, 2, "/dev/null");
	assert_state(f->p, 3, FD_CLOSED);
	assert_state(f->p, 5, FD_CLOSED);
	/* far past what the table holds, and after it grows */
	assert_state(f->p, 100000, FD_CLOSED);
	fdtab_set(f->p, 200, "/x", CLOEXEC_NO, false);
	assert_state(f->p, 150, FD_CLOSED);
	assert_open(f->p, 200, "/x");
}

static void test_exec_closes_cloexec(void **state)
{
	struct fixture *f = *state;

	fdtab_set(f->p, 0, "/dev/pts/0", CLOEXEC_NO, false);
	fdtab_set(f->p, 3, "/etc/passwd", CLOEXEC_YES, false);
	fdtab_set(f->p, 4, "/etc/group", CLOEXEC_MAYBE, false);
	fdtab_set(f->p, 5, "/etc/hosts", CLOEXEC_NO, false);
	fdtab_set_cloexec(f->p, 5, true);
	fdtab_exec(f->p);
	assert_open(f->p, 0, "/dev/pts/0");
	assert_state(f->p, 3, FD_CLOSED);
	assert_state(f->p, 4, FD_UNKNOWN);
	assert_state(f->p, 5, FD_CLOSED);
}

static void test_fork_copies(void **state)
{
	struct fixture *f = *state;
	struct fd_proc *child;

	fdtab_set(f->p, 1, "/dev/null", CLOEXEC_NO, false);
	fdtab_close(f->p, 2);
	fdtab_set_cwd(f->p, "/tmp");
	assert_int_equal(fdtab_fork(&f->t, 100, 200), 0);
	child = fdtab_find(&f->t, 200);
	assert_non_null(child);
	assert_open(child, 1, "/dev/null");
	assert_state(child, 2, FD_CLOSED);
	assert_string_equal(child->cwd, "/tmp");
	/* the child's table is its own */
	fdtab_close(child, 1);
	assert_open(f->p, 1, "/dev/null");
	/* a parent lotrace never saw: the child starts knowing nothing */
	assert_int_equal(fdtab_fork(&f->t, 999, 300), 0);
	assert_state(fdtab_find(&f->t, 300), 1, FD_UNKNOWN);
	fdtab_drop(&f->t, 200);
	assert_null(fdtab_find(&f->t, 200));
}

static void test_unlink_and_rename(void **state)
{
	struct fixture *f = *state;
	struct fd_proc *other = fdtab_proc(&f->t, 356);	/* same hash bucket */

	fdtab_set(f->p, 3, "/tmp/a", CLOEXEC_NO, false);
	fdtab_set(f->p, 4, "/tmp/ab", CLOEXEC_NO, false);
	fdtab_set(f->p, 5, "/tmp/d/f", CLOEXEC_NO, false);
	fdtab_set(other, 3, "/tmp/a", CLOEXEC_NO, false);
	fdtab_unlinked(&f->t, "/tmp/a");
	assert_true(fdtab_get(f->p, 3)->deleted);
	assert_true(fdtab_get(other, 3)->deleted);
	assert_false(fdtab_get(f->p, 4)->deleted);
	fdtab_renamed(&f->t, "/tmp/d", "/var/e");
	assert_open(f->p, 5, "/var/e/f");
	fdtab_renamed(&f->t, "/tmp/ab", "/tmp/c");
	assert_open(f->p, 4, "/tmp/c");
	assert_open(f->p, 3, "/tmp/a");	/* deleted: no longer by that name */
}

static void join_is(const char *base, const char *rel, const char *want)
{
	char out[64];

	assert_int_equal(fdpath_join(out, sizeof(out), base, rel), 0);
	assert_string_equal(out, want);
}

static void test_join(void **state)
{
	char small[8];

	(void)state;
	join_is("/tmp", "a", "/tmp/a");
	join_is("/tmp/", "./a//b/", "/tmp/a/b");
	join_is("/tmp", "/etc/hostname", "/etc/hostname");
	join_is("/a/b", "../c", "/a/c");
	join_is("/", "../../x", "/x");
	join_is("/a", "..", "/");
	join_is("/", ".", "/");
	join_is(NULL, "/etc/./passwd", "/etc/passwd");
	assert_int_equal(fdpath_join(small, sizeof(small), "/", "abcdefgh"), -ENAMETOOLONG);
}

static void quote_is(const char *path, const char *want)
{
	char out[128];

	assert_int_equal(fdpath_quote(out, sizeof(out), path), strlen(want));
	assert_string_equal(out, want);
}

static void test_quote(void **state)
{
	(void)state;
	quote_is("/etc/hostname", "/etc/hostname");
	/* as strace -y prints them: <> in octal, quotes and escapes as in
	 * its strings, three octal digits when a digit follows */
	quote_is("/t/a b\"c<d>e\\f\001g\n", "/t/a b\\\"c\\74d\\76e\\\\f\\1g\\n");
	quote_is("/t/<1", "/t/\\0741");
	quote_is("/t/\303\251", "/t/\\303\\251");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_new_process_knows_nothing, setup, teardown),
	cmocka_unit_test_setup_teardown(test_set_and_close, setup, teardown),
	cmocka_unit_test_setup_teardown(test_dup, setup, teardown),
	cmocka_unit_test_setup_teardown(test_close_range, setup, teardown),
	cmocka_unit_test_setup_teardown(test_exec_closes_cloexec, setup, teardown),
	cmocka_unit_test_setup_teardown(test_fork_copies, setup, teardown),
	cmocka_unit_test_setup_teardown(test_unlink_and_rename, setup, teardown),
	cmocka_unit_test(test_join),
	cmocka_unit_test(test_quote),
};

UNIT_MAIN("fdtab", tests)
