/* errtab: errno names against <errno.h>, messages against strerror, and
 * the kernel-internal restart codes strace shows. */
#include "unit.h"

#include <errno.h>

#include "decode/errtab.h"

/* From the kernel's include/linux/errno.h, which user space has no copy
 * of: the codes a syscall interrupted by a signal returns at sys_exit. */
#define K_ERESTARTSYS 512
#define K_ERESTARTNOINTR 513
#define K_ERESTARTNOHAND 514
#define K_ERESTART_RESTARTBLOCK 516

static const struct {
	const char *name;
	int err;
} known[] = {
#define E(name) { #name, name }
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(EBUSY), E(EEXIST), E(ENOTDIR), E(EISDIR), E(EINVAL),
	E(EMFILE), E(ENOTTY), E(ENOSPC), E(ESPIPE), E(EPIPE), E(ERANGE),
	E(EDEADLK), E(ENAMETOOLONG), E(ENOSYS), E(ENOTEMPTY), E(ELOOP),
	E(ENODATA), E(EOVERFLOW), E(EOPNOTSUPP), E(ECONNREFUSED),
	E(EINPROGRESS), E(ETIMEDOUT), E(ECANCELED), E(EOWNERDEAD),
	E(ERFKILL), E(EHWPOISON),
#undef E
};

static void test_known_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < UNIT_LEN(known); i++) {
		const char *name = errtab_name(known[i].err);

		if (!name || strcmp(name, known[i].name))
			fail_msg("errtab_name(%d) = %s, want %s", known[i].err,
				 name ? name : "NULL", known[i].name);
	}
}

static void test_known_messages_are_strerror(void **state)
{
	(void)state;
	for (size_t i = 0; i < UNIT_LEN(known); i++)
		assert_string_equal(errtab_message(known[i].err), strerror(known[i].err));
}

static void test_strace_messages(void **state)
{
	(void)state;
	assert_string_equal(errtab_message(ENOENT), "No such file or directory");
	assert_string_equal(errtab_message(EBADF), "Bad file descriptor");
	assert_string_equal(errtab_message(EAGAIN), "Resource temporarily unavailable");
}

static void test_aliases_print_the_canonical_name(void **state)
{
	(void)state;
	/* <errno.h> spells these as other names: strace prints the first */
	assert_int_equal(EWOULDBLOCK, EAGAIN);
	assert_string_equal(errtab_name(EWOULDBLOCK), "EAGAIN");
	assert_int_equal(EDEADLOCK, EDEADLK);
	assert_string_equal(errtab_name(EDEADLOCK), "EDEADLK");
	assert_int_equal(ENOTSUP, EOPNOTSUPP);
	assert_string_equal(errtab_name(ENOTSUP), "EOPNOTSUPP");
}

static void test_every_user_errno_named(void **state)
{
	int named = 0;

	(void)state;
	/* every number up to EHWPOISON that libc knows a message for; Linux
	 * leaves a few unused (41 and 58 on x86-64) */
	for (int err = 1; err <= EHWPOISON; err++) {
		char unknown[32];
		const char *name = errtab_name(err);

		snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
		if (!strcmp(strerror(err), unknown)) {
			assert_null(name);
			continue;
		}
		named++;
		if (!name)
			fail_msg("errno %d (%s) has no name", err, strerror(err));
		assert_true(name[0] == 'E');
		assert_string_equal(errtab_message(err), strerror(err));
	}
	assert_true(named > EHWPOISON - 4);
}

static void test_restart_codes(void **state)
{
	(void)state;
	assert_string_equal(errtab_name(K_ERESTARTSYS), "ERESTARTSYS");
	assert_string_equal(errtab_message(K_ERESTARTSYS), "To be restarted if SA_RESTART is set");
	assert_string_equal(errtab_name(K_ERESTARTNOINTR), "ERESTARTNOINTR");
	assert_string_equal(errtab_message(K_ERESTARTNOINTR), "To be restarted");
	assert_string_equal(errtab_name(K_ERESTARTNOHAND), "ERESTARTNOHAND");
	assert_string_equal(errtab_message(K_ERESTARTNOHAND), "To be restarted if no handler");
	assert_string_equal(errtab_name(K_ERESTART_RESTARTBLOCK), "ERESTART_RESTARTBLOCK");
	assert_string_equal(errtab_message(K_ERESTART_RESTARTBLOCK), "Interrupted by signal");
}

static void test_restart_codes_are_beyond_user_errnos(void **state)
{
	(void)state;
	assert_true(EHWPOISON < K_ERESTARTSYS);
	assert_null(errtab_name(EHWPOISON + 1));
}

static void test_unknown(void **state)
{
	char want[64];

	(void)state;
	assert_null(errtab_name(0));
	assert_null(errtab_name(-ENOENT));
	assert_null(errtab_name(4095));
	/* never NULL: what strerror says */
	snprintf(want, sizeof(want), "%s", strerror(4095));
	assert_string_equal(errtab_message(4095), want);
	assert_string_equal(errtab_message(4095), "Unknown error 4095");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_known_names),
	cmocka_unit_test(test_known_messages_are_strerror),
	cmocka_unit_test(test_strace_messages),
	cmocka_unit_test(test_aliases_print_the_canonical_name),
	cmocka_unit_test(test_every_user_errno_named),
	cmocka_unit_test(test_restart_codes),
	cmocka_unit_test(test_restart_codes_are_beyond_user_errnos),
	cmocka_unit_test(test_unknown),
};

UNIT_MAIN("errtab", tests)
