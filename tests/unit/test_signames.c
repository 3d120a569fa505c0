/* signames: names of the <signal.h> constants, SIGRT_n for real-time
 * signals counted from the kernel's first one (as strace prints them), the
 * number for anything else. */
#include "unit.h"

#include <signal.h>

#include "decode/signames.h"

static const struct {
	const char *name;
	int sig;
} known[] = {
#define S(name) { #name, name }
	S(SIGHUP), S(SIGINT), S(SIGQUIT), S(SIGILL), S(SIGTRAP), S(SIGABRT),
	S(SIGBUS), S(SIGFPE), S(SIGKILL), S(SIGUSR1), S(SIGSEGV), S(SIGUSR2),
	S(SIGPIPE), S(SIGALRM), S(SIGTERM), S(SIGSTKFLT), S(SIGCHLD), S(SIGCONT),
	S(SIGSTOP), S(SIGTSTP), S(SIGTTIN), S(SIGTTOU), S(SIGURG), S(SIGXCPU),
	S(SIGXFSZ), S(SIGVTALRM), S(SIGPROF), S(SIGWINCH), S(SIGIO), S(SIGPWR),
	S(SIGSYS),
#undef S
};

static void test_standard_signals(void **state)
{
	char buf[16];

	(void)state;
	for (size_t i = 0; i < UNIT_LEN(known); i++) {
		const char *name = signame(known[i].sig, buf, sizeof(buf));

		if (strcmp(name, known[i].name))
			fail_msg("signame(%d) = %s, want %s", known[i].sig, name, known[i].name);
	}
}

static void test_every_standard_signal_named(void **state)
{
	char buf[16];

	(void)state;
	/* all of 1 .. the last before the real-time range have a name */
	for (int sig = 1; sig < __SIGRTMIN; sig++) {
		const char *name = signame(sig, buf, sizeof(buf));

		if (strncmp(name, "SIG", 3))
			fail_msg("signame(%d) = %s", sig, name);
	}
}

static void test_aliases_print_strace_names(void **state)
{
	char buf[16];

	(void)state;
	/* glibc makes SIGIO an alias of SIGPOLL; strace prints SIGIO */
	assert_int_equal(SIGPOLL, SIGIO);
	assert_string_equal(signame(SIGPOLL, buf, sizeof(buf)), "SIGIO");
	assert_int_equal(SIGIOT, SIGABRT);
	assert_string_equal(signame(SIGIOT, buf, sizeof(buf)), "SIGABRT");
	assert_int_equal(SIGCLD, SIGCHLD);
	assert_string_equal(signame(SIGCLD, buf, sizeof(buf)), "SIGCHLD");
}

static void test_static_names_do_not_use_buf(void **state)
{
	char buf[16] = "untouched";

	(void)state;
	assert_string_equal(signame(SIGKILL, buf, sizeof(buf)), "SIGKILL");
	assert_string_equal(buf, "untouched");
}

static void test_realtime(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(signame(__SIGRTMIN, buf, sizeof(buf)), "SIGRTMIN");
	assert_ptr_equal(signame(__SIGRTMIN, buf, sizeof(buf)), buf);
	assert_string_equal(signame(__SIGRTMIN + 1, buf, sizeof(buf)), "SIGRT_1");
	assert_string_equal(signame(__SIGRTMAX, buf, sizeof(buf)), "SIGRT_32");
}

static void test_glibc_sigrtmin(void **state)
{
	char buf[16], want[32];

	(void)state;
	/* glibc keeps the first real-time signals for itself: strace prints
	 * its SIGRTMIN as SIGRT_2 (SIGRTMIN is 34 under glibc) */
	snprintf(want, sizeof(want), "SIGRT_%d", SIGRTMIN - __SIGRTMIN);
	assert_string_equal(signame(SIGRTMIN, buf, sizeof(buf)), want);
	assert_string_equal(signame(SIGRTMIN, buf, sizeof(buf)), "SIGRT_2");
	snprintf(want, sizeof(want), "SIGRT_%d", SIGRTMAX - __SIGRTMIN);
	assert_string_equal(signame(SIGRTMAX, buf, sizeof(buf)), want);
}

static void test_out_of_range_is_a_number(void **state)
{
	char buf[16], want[32];

	(void)state;
	assert_string_equal(signame(0, buf, sizeof(buf)), "0");
	snprintf(want, sizeof(want), "%d", __SIGRTMAX + 1);
	assert_string_equal(signame(__SIGRTMAX + 1, buf, sizeof(buf)), want);
	assert_string_equal(signame(-1, buf, sizeof(buf)), "-1");
	assert_string_equal(signame(1000, buf, sizeof(buf)), "1000");
}

static void test_small_buffer_truncates(void **state)
{
	char buf[5];

	(void)state;
	assert_string_equal(signame(__SIGRTMAX, buf, sizeof(buf)), "SIGR");
	assert_string_equal(signame(123456, buf, sizeof(buf)), "1234");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_standard_signals),
	cmocka_unit_test(test_every_standard_signal_named),
	cmocka_unit_test(test_aliases_print_strace_names),
	cmocka_unit_test(test_static_names_do_not_use_buf),
	cmocka_unit_test(test_realtime),
	cmocka_unit_test(test_glibc_sigrtmin),
	cmocka_unit_test(test_out_of_range_is_a_number),
	cmocka_unit_test(test_small_buffer_truncates),
};

UNIT_MAIN("signames", tests)
