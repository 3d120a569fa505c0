/* systab: syscall names and numbers against <sys/syscall.h>, and the
 * nearest-name suggestion. */
#include "unit.h"

#include <errno.h>
#include <sys/syscall.h>

#include "cli/strdist.h"
#include "syscalls/systab.h"

static const struct {
	const char *name;
	int nr;
} known[] = {
#define S(name) { #name, SYS_##name }
	S(read), S(write), S(open), S(close), S(stat), S(fstat), S(lstat), S(mmap),
	S(brk), S(rt_sigaction), S(rt_sigreturn), S(ioctl), S(pread64), S(access),
	S(pipe), S(dup2), S(pause), S(nanosleep), S(getpid), S(sendfile), S(socket),
	S(clone), S(fork), S(vfork), S(execve), S(exit), S(wait4), S(kill), S(uname),
	S(fcntl), S(chdir), S(rename), S(umount2), S(gettid), S(futex),
	S(exit_group), S(openat), S(newfstatat), S(pselect6), S(ppoll), S(accept4),
	S(pipe2), S(prlimit64), S(getrandom), S(execveat), S(statx), S(rseq),
	S(pidfd_send_signal), S(io_uring_setup), S(clone3), S(close_range),
	S(openat2), S(pidfd_getfd), S(faccessat2), S(epoll_pwait2),
	S(futex_waitv),
#undef S
};

static void test_name_of_known_numbers(void **state)
{
	(void)state;
	for (size_t i = 0; i < UNIT_LEN(known); i++) {
		const char *name = systab_name(known[i].nr);

		if (!name || strcmp(name, known[i].name))
			fail_msg("systab_name(%d) = %s, want %s", known[i].nr,
				 name ? name : "NULL", known[i].name);
	}
}

static void test_lookup_of_known_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < UNIT_LEN(known); i++)
		assert_int_equal(systab_lookup(known[i].name), known[i].nr);
}

static void test_read_is_number_zero(void **state)
{
	(void)state;
	/* the first entry: a lookup must not confuse 0 with "not found" */
	assert_int_equal(systab_lookup("read"), SYS_read);
	assert_string_equal(systab_name(SYS_read), "read");
}

static void test_lookup_unknown(void **state)
{
	(void)state;
	assert_int_equal(systab_lookup("nosuchcall"), -ENOENT);
	assert_int_equal(systab_lookup(""), -ENOENT);
	assert_int_equal(systab_lookup("OPEN"), -ENOENT);
	assert_int_equal(systab_lookup("open "), -ENOENT);
	/* tracepoint event names are not syscall names */
	assert_int_equal(systab_lookup("newstat"), -ENOENT);
	assert_int_equal(systab_lookup("sys_enter_openat"), -ENOENT);
}

static void test_name_out_of_range(void **state)
{
	(void)state;
	assert_null(systab_name(-1));
	assert_null(systab_name(systab_size()));
	assert_null(systab_name(systab_size() + 1000));
}

static void test_size_is_one_past_the_highest(void **state)
{
	(void)state;
	assert_non_null(systab_name(systab_size() - 1));
	for (size_t i = 0; i < UNIT_LEN(known); i++)
		assert_true(known[i].nr < systab_size());
}

#ifdef __x86_64__
static void test_gap_has_no_names(void **state)
{
	(void)state;
	/* x86-64 numbers nothing between rseq and the first shared number */
	assert_true(SYS_rseq + 1 < SYS_pidfd_send_signal);
	for (int nr = SYS_rseq + 1; nr < SYS_pidfd_send_signal; nr++)
		assert_null(systab_name(nr));
}
#endif

static void test_every_name_round_trips(void **state)
{
	int named = 0;

	(void)state;
	for (int nr = 0; nr < systab_size(); nr++) {
		const char *name = systab_name(nr);

		if (!name)
			continue;
		named++;
		assert_true(name[0] != '\0');
		assert_int_equal(systab_lookup(name), nr);
	}
	assert_true(named >= (int)UNIT_LEN(known));
}

static void test_nearest_exact_name(void **state)
{
	(void)state;
	assert_string_equal(systab_nearest("openat"), "openat");
	assert_string_equal(systab_nearest("read"), "read");
}

static void test_nearest_misspellings(void **state)
{
	(void)state;
	assert_string_equal(systab_nearest("opne"), "open");
	assert_string_equal(systab_nearest("opnat"), "openat");
	assert_string_equal(systab_nearest("wirte"), "write");
	assert_string_equal(systab_nearest("exit_grop"), "exit_group");
	assert_string_equal(systab_nearest("execv"), "execve");
}

static void test_nearest_tie_takes_lowest_number(void **state)
{
	(void)state;
	/* "clsoe" is two edits from both close and clone */
	assert_int_equal(strdist("clsoe", "close"), 2);
	assert_int_equal(strdist("clsoe", "clone"), 2);
	assert_true(SYS_close < SYS_clone);
	assert_string_equal(systab_nearest("clsoe"), "close");
}

static void test_nearest_is_minimal(void **state)
{
	static const char *const queries[] = { "opne", "getpdi", "xyzzy", "", "mmap3" };

	(void)state;
	for (size_t q = 0; q < UNIT_LEN(queries); q++) {
		const char *best = systab_nearest(queries[q]);
		size_t d;

		assert_non_null(best);
		assert_true(systab_lookup(best) >= 0);
		d = strdist(queries[q], best);
		for (int nr = 0; nr < systab_size(); nr++)
			if (systab_name(nr))
				assert_true(strdist(queries[q], systab_name(nr)) >= d);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_name_of_known_numbers),
	cmocka_unit_test(test_lookup_of_known_names),
	cmocka_unit_test(test_read_is_number_zero),
	cmocka_unit_test(test_lookup_unknown),
	cmocka_unit_test(test_name_out_of_range),
	cmocka_unit_test(test_size_is_one_past_the_highest),
#ifdef __x86_64__
	cmocka_unit_test(test_gap_has_no_names),
#endif
	cmocka_unit_test(test_every_name_round_trips),
	cmocka_unit_test(test_nearest_exact_name),
	cmocka_unit_test(test_nearest_misspellings),
	cmocka_unit_test(test_nearest_tie_takes_lowest_number),
	cmocka_unit_test(test_nearest_is_minimal),
};

UNIT_MAIN("systab", tests)
