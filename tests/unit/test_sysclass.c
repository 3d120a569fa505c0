/* sysclass: strace's syscall classes in -e trace=, with strace 6.1's
 * membership, mixed with names and negation. */
#include "unit.h"

#include <errno.h>
#include <sys/syscall.h>

#include "syscalls/sysclass.h"
#include "syscalls/sysset.h"
#include "syscalls/systab.h"

static void parse_ok(struct sysset *s, const char *expr)
{
	struct output err;

	output_open(&err);
	assert_int_equal(sysset_parse(s, expr, err.f), 0);
	assert_string_equal(output_text(&err), "");
	output_close(&err);
}

static void test_file(void **state)
{
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	parse_ok(&s, "%file");
	assert_true(sysset_has(&s, SYS_openat));
	assert_true(sysset_has(&s, SYS_open));
	assert_true(sysset_has(&s, SYS_chdir));
	assert_true(sysset_has(&s, SYS_execve));
	assert_true(sysset_has(&s, SYS_newfstatat));
	assert_true(sysset_has(&s, SYS_stat));
	assert_false(sysset_has(&s, SYS_read));
	assert_false(sysset_has(&s, SYS_close));
	assert_false(sysset_has(&s, SYS_fstat));
}

static void test_each_class(void **state)
{
	static const struct {
		const char *expr;
		int in, out;
	} cases[] = {
		{ "%desc", SYS_read, SYS_getpid },
		{ "%desc", SYS_close, SYS_chdir },
		{ "%network", SYS_socket, SYS_read },
		{ "%net", SYS_sendto, SYS_write },
		{ "%process", SYS_clone, SYS_getpid },
		{ "%process", SYS_exit_group, SYS_getppid },
		{ "%process", SYS_kill, SYS_rt_sigaction },
		{ "%process", SYS_wait4, SYS_mmap },
		{ "%signal", SYS_rt_sigaction, SYS_getpid },
		{ "%signal", SYS_kill, SYS_clone },
		{ "%memory", SYS_mmap, SYS_read },
		{ "%memory", SYS_brk, SYS_open },
		{ "%ipc", SYS_shmget, SYS_socket },
		{ "%creds", SYS_setuid, SYS_getpid },
		{ "%creds", SYS_capget, SYS_kill },
		{ "%clock", SYS_clock_gettime, SYS_nanosleep },
		{ "%stat", SYS_stat, SYS_lstat },
		{ "%lstat", SYS_lstat, SYS_stat },
		{ "%fstat", SYS_fstat, SYS_stat },
		{ "%fstat", SYS_newfstatat, SYS_statfs },
		{ "%%stat", SYS_statx, SYS_statfs },
		{ "%statfs", SYS_statfs, SYS_fstatfs },
		{ "%fstatfs", SYS_fstatfs, SYS_statfs },
		{ "%%statfs", SYS_ustat, SYS_stat },
		{ "%pure", SYS_getpid, SYS_getpgid },
		{ "%pure", SYS_getuid, SYS_read },
		/* strace's names before classes had a %, and any case */
		{ "file", SYS_open, SYS_read },
		{ "%FILE", SYS_open, SYS_read },
	};
	struct sysset s;

	(void)state;
	for (size_t i = 0; i < UNIT_LEN(cases); i++) {
		sysset_clear(&s);
		parse_ok(&s, cases[i].expr);
		if (!sysset_has(&s, cases[i].in))
			fail_msg("%s lacks %s", cases[i].expr, systab_name(cases[i].in));
		if (sysset_has(&s, cases[i].out))
			fail_msg("%s has %s", cases[i].expr, systab_name(cases[i].out));
	}
}

/* strace 6.1's class sizes on x86_64 */
static void test_class_sizes(void **state)
{
	static const struct {
		const char *expr;
		int count;
	} cases[] = {
		{ "%file", 67 }, { "%desc", 123 }, { "%network", 21 }, { "%process", 16 },
		{ "%signal", 17 }, { "%memory", 26 }, { "%ipc", 12 }, { "%creds", 19 },
		{ "%clock", 8 }, { "%pure", 8 }, { "%stat", 1 }, { "%lstat", 1 },
		{ "%fstat", 3 }, { "%%stat", 5 }, { "%statfs", 1 }, { "%fstatfs", 1 },
		{ "%%statfs", 3 },
	};
	struct sysset s;

	(void)state;
	for (size_t i = 0; i < UNIT_LEN(cases); i++) {
		sysset_clear(&s);
		parse_ok(&s, cases[i].expr);
		if (sysset_count(&s) != cases[i].count)
			fail_msg("%s: %d syscalls, strace has %d", cases[i].expr, sysset_count(&s),
				 cases[i].count);
	}
}

static void test_with_names_and_negation(void **state)
{
	struct sysset s, net;

	(void)state;
	sysset_clear(&net);
	parse_ok(&net, "%network");
	parse_ok(&s, "%network,close");
	assert_int_equal(sysset_count(&s), sysset_count(&net) + 1);
	assert_true(sysset_has(&s, SYS_close));
	assert_true(sysset_has(&s, SYS_connect));

	parse_ok(&s, "!%file");
	assert_false(sysset_has(&s, SYS_openat));
	assert_true(sysset_has(&s, SYS_read));

	parse_ok(&s, "!%file,%network,getpid");
	assert_false(sysset_has(&s, SYS_openat));
	assert_false(sysset_has(&s, SYS_socket));
	assert_false(sysset_has(&s, SYS_getpid));
	assert_true(sysset_has(&s, SYS_read));

	parse_ok(&s, "%stat,%lstat");
	assert_int_equal(sysset_count(&s), 2);
}

static void test_unknown_class(void **state)
{
	struct output err;
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	output_open(&err);
	assert_int_equal(sysset_parse(&s, "%fiel", err.f), -EINVAL);
	assert_non_null(strstr(output_text(&err), "unknown syscall '%fiel'"));
	output_close(&err);
}

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(sysclass_lookup("%net"), CL_NETWORK);
	assert_int_equal(sysclass_lookup("%Network"), CL_NETWORK);
	assert_int_equal(sysclass_lookup("%%stat"), CL_STAT_LIKE);
	assert_int_equal(sysclass_lookup("read"), 0);
	assert_int_equal(sysclass_lookup("%"), 0);
	assert_int_equal(sysclass_of("openat"), CL_DESC | CL_FILE);
	assert_int_equal(sysclass_of("getpid"), CL_PURE);
	assert_int_equal(sysclass_of("no_such_call"), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_file),
	cmocka_unit_test(test_each_class),
	cmocka_unit_test(test_class_sizes),
	cmocka_unit_test(test_with_names_and_negation),
	cmocka_unit_test(test_unknown_class),
	cmocka_unit_test(test_lookup),
};

UNIT_MAIN("sysclass", tests)
