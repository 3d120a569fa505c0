/* sysset: the set operations and -e trace= expressions (names, negation,
 * all/none), numbers from <sys/syscall.h>. */
#include "unit.h"

#include <errno.h>
#include <sys/syscall.h>

#include "syscalls/systab.h"
#include "syscalls/sysset.h"

static int named_syscalls(void)
{
	int n = 0;

	for (int nr = 0; nr < systab_size() && nr < SYSSET_MAX; nr++)
		n += systab_name(nr) != NULL;
	return n;
}

/* Parse expr into s (starting from *s), expecting success and silence. */
static void parse_ok(struct sysset *s, const char *expr)
{
	struct output err;

	output_open(&err);
	assert_int_equal(sysset_parse(s, expr, err.f), 0);
	assert_string_equal(output_text(&err), "");
	output_close(&err);
}

static void parse_fails(const char *expr, const char *line)
{
	struct output err;
	struct sysset s, before;

	sysset_clear(&s);
	sysset_add(&s, SYS_read);
	before = s;
	output_open(&err);
	assert_int_equal(sysset_parse(&s, expr, err.f), -EINVAL);
	assert_string_equal(output_text(&err), line);
	output_close(&err);
	/* a failed parse leaves the set alone */
	assert_memory_equal(&s, &before, sizeof(s));
}

static void test_clear(void **state)
{
	struct sysset s;

	(void)state;
	memset(&s, 0xff, sizeof(s));
	sysset_clear(&s);
	assert_int_equal(sysset_count(&s), 0);
	assert_false(sysset_has(&s, SYS_read));
	assert_false(sysset_full(&s));
}

static void test_fill_holds_every_named_syscall(void **state)
{
	struct sysset s;

	(void)state;
	sysset_fill(&s);
	assert_int_equal(sysset_count(&s), named_syscalls());
	assert_true(sysset_has(&s, SYS_read));
	assert_true(sysset_has(&s, SYS_openat));
	assert_true(sysset_has(&s, SYS_exit_group));
	for (int nr = 0; nr < SYSSET_MAX; nr++)
		assert_int_equal(sysset_has(&s, nr), nr < systab_size() && systab_name(nr) != NULL);
	assert_true(sysset_full(&s));
}

static void test_add_del_has(void **state)
{
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	sysset_add(&s, SYS_close);
	assert_true(sysset_has(&s, SYS_close));
	assert_false(sysset_has(&s, SYS_open));
	assert_int_equal(sysset_count(&s), 1);
	sysset_add(&s, SYS_close);
	assert_int_equal(sysset_count(&s), 1);
	sysset_del(&s, SYS_close);
	assert_false(sysset_has(&s, SYS_close));
	assert_int_equal(sysset_count(&s), 0);
	sysset_del(&s, SYS_close);
	assert_int_equal(sysset_count(&s), 0);
}

static void test_word_boundaries(void **state)
{
	static const int nrs[] = { 0, 63, 64, 127, 128, SYSSET_MAX - 1 };
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	for (size_t i = 0; i < UNIT_LEN(nrs); i++) {
		sysset_add(&s, nrs[i]);
		assert_true(sysset_has(&s, nrs[i]));
		assert_int_equal(sysset_count(&s), (int)i + 1);
	}
	assert_false(sysset_has(&s, 1));
	assert_false(sysset_has(&s, 62));
	assert_false(sysset_has(&s, 65));
	for (size_t i = 0; i < UNIT_LEN(nrs); i++)
		sysset_del(&s, nrs[i]);
	assert_int_equal(sysset_count(&s), 0);
}

static void test_out_of_range_ignored(void **state)
{
	struct sysset s, before;

	(void)state;
	sysset_fill(&s);
	before = s;
	sysset_add(&s, -1);
	sysset_add(&s, SYSSET_MAX);
	sysset_add(&s, SYSSET_MAX + 64);
	assert_memory_equal(&s, &before, sizeof(s));
	sysset_del(&s, -1);
	sysset_del(&s, SYSSET_MAX);
	assert_memory_equal(&s, &before, sizeof(s));
	assert_false(sysset_has(&s, -1));
	assert_false(sysset_has(&s, SYSSET_MAX));
}

static void test_full(void **state)
{
	struct sysset s;

	(void)state;
	sysset_fill(&s);
	assert_true(sysset_full(&s));
	/* more than every syscall is still every syscall */
	sysset_add(&s, SYSSET_MAX - 1);
	assert_true(sysset_full(&s));
	sysset_del(&s, SYS_write);
	assert_false(sysset_full(&s));
	sysset_clear(&s);
	sysset_add(&s, SYS_write);
	assert_false(sysset_full(&s));
}

static void test_parse_names(void **state)
{
	struct sysset s;

	(void)state;
	sysset_fill(&s);
	parse_ok(&s, "open,close");
	assert_int_equal(sysset_count(&s), 2);
	assert_true(sysset_has(&s, SYS_open));
	assert_true(sysset_has(&s, SYS_close));
}

static void test_parse_replaces(void **state)
{
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	sysset_add(&s, SYS_read);
	parse_ok(&s, "close");
	assert_int_equal(sysset_count(&s), 1);
	assert_true(sysset_has(&s, SYS_close));
	assert_false(sysset_has(&s, SYS_read));
}

static void test_parse_repeated_name(void **state)
{
	struct sysset s;

	(void)state;
	parse_ok(&s, "openat,openat");
	assert_int_equal(sysset_count(&s), 1);
	assert_true(sysset_has(&s, SYS_openat));
}

static void test_parse_negation(void **state)
{
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	parse_ok(&s, "!write");
	assert_int_equal(sysset_count(&s), named_syscalls() - 1);
	assert_false(sysset_has(&s, SYS_write));
	assert_true(sysset_has(&s, SYS_read));
	assert_false(sysset_full(&s));
}

static void test_parse_negated_list(void **state)
{
	struct sysset s;

	(void)state;
	parse_ok(&s, "!read,write");
	assert_int_equal(sysset_count(&s), named_syscalls() - 2);
	assert_false(sysset_has(&s, SYS_read));
	assert_false(sysset_has(&s, SYS_write));
	assert_true(sysset_has(&s, SYS_close));
}

static void test_parse_double_negation(void **state)
{
	struct sysset s;

	(void)state;
	parse_ok(&s, "!!write");
	assert_int_equal(sysset_count(&s), 1);
	assert_true(sysset_has(&s, SYS_write));
}

static void test_parse_all(void **state)
{
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	parse_ok(&s, "all");
	assert_true(sysset_full(&s));
	assert_int_equal(sysset_count(&s), named_syscalls());
}

static void test_parse_none(void **state)
{
	struct sysset s;

	(void)state;
	sysset_fill(&s);
	parse_ok(&s, "none");
	assert_int_equal(sysset_count(&s), 0);
}

static void test_parse_not_none(void **state)
{
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	parse_ok(&s, "!none");
	assert_true(sysset_full(&s));
	assert_int_equal(sysset_count(&s), named_syscalls());
}

static void test_parse_not_all(void **state)
{
	struct sysset s;

	(void)state;
	sysset_fill(&s);
	parse_ok(&s, "!all");
	assert_int_equal(sysset_count(&s), 0);
}

static void test_parse_none_with_names(void **state)
{
	struct sysset s;

	(void)state;
	parse_ok(&s, "none,close");
	assert_int_equal(sysset_count(&s), 1);
	assert_true(sysset_has(&s, SYS_close));
}

static void test_parse_unknown_name(void **state)
{
	(void)state;
	parse_fails("opne", "lotrace: unknown syscall 'opne' in -e trace= (did you mean 'open'?)\n");
}

static void test_parse_unknown_name_in_list(void **state)
{
	(void)state;
	parse_fails("read,clsoe,write",
		    "lotrace: unknown syscall 'clsoe' in -e trace= (did you mean 'close'?)\n");
}

static void test_parse_unknown_negated(void **state)
{
	(void)state;
	parse_fails("!wirte", "lotrace: unknown syscall 'wirte' in -e trace= (did you mean 'write'?)\n");
}

static void test_parse_empty(void **state)
{
	(void)state;
	parse_fails("", "lotrace: empty syscall list in -e trace=\n");
}

static void test_parse_only_bang(void **state)
{
	(void)state;
	parse_fails("!", "lotrace: empty syscall list in -e trace=\n");
}

/* strace -e trace=, says "invalid system call ','" as it does for "": a
 * list of empty items is empty */
static void test_parse_only_commas(void **state)
{
	(void)state;
	parse_fails(",", "lotrace: empty syscall list in -e trace=\n");
	parse_fails(",,", "lotrace: empty syscall list in -e trace=\n");
	parse_fails("!,", "lotrace: empty syscall list in -e trace=\n");
}

/* while strace skips an empty item beside a name */
static void test_parse_empty_items_skipped(void **state)
{
	static const char *const exprs[] = { "close,", ",close", "close,,read" };
	struct output err;

	(void)state;
	for (size_t i = 0; i < UNIT_LEN(exprs); i++) {
		struct sysset s;

		output_open(&err);
		sysset_clear(&s);
		assert_int_equal(sysset_parse(&s, exprs[i], err.f), 0);
		assert_string_equal(output_text(&err), "");
		assert_true(sysset_has(&s, systab_lookup("close")));
		assert_int_equal(sysset_count(&s), i == 2 ? 2 : 1);
		output_close(&err);
	}
}

/* strace's classes: %file is every syscall taking a file name. */
static void test_class_file(void **state)
{
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	parse_ok(&s, "%file");
	assert_true(sysset_has(&s, SYS_openat));
	assert_true(sysset_has(&s, SYS_open));
	assert_true(sysset_has(&s, SYS_chdir));
	assert_false(sysset_has(&s, SYS_read));
	assert_false(sysset_has(&s, SYS_close));
}

/* strace's /REGEX: every syscall whose name it matches, anywhere */
static void test_parse_regex(void **state)
{
	struct sysset s;

	(void)state;
	parse_ok(&s, "/^getpp?id$");
	assert_int_equal(sysset_count(&s), 2);
	assert_true(sysset_has(&s, SYS_getpid) && sysset_has(&s, SYS_getppid));
	parse_ok(&s, "/stat,close");
	assert_true(sysset_has(&s, SYS_fstat) && sysset_has(&s, SYS_newfstatat));
	assert_true(sysset_has(&s, SYS_statx) && sysset_has(&s, SYS_close));
	assert_false(sysset_has(&s, SYS_read));
	parse_ok(&s, "!/^read");
	assert_false(sysset_has(&s, SYS_readv) || sysset_has(&s, SYS_read));
	assert_true(sysset_has(&s, SYS_write));
}

static void test_parse_regex_errors(void **state)
{
	(void)state;
	parse_fails("/^no_such_call$", "lotrace: -e trace=/^no_such_call$ matches no syscall\n");
}

/* a bad regex: regcomp's own words after the expression */
static void test_parse_bad_regex(void **state)
{
	struct output err;
	struct sysset s;

	(void)state;
	sysset_clear(&s);
	output_open(&err);
	assert_int_equal(sysset_parse(&s, "/[", err.f), -EINVAL);
	assert_true(!strncmp(output_text(&err), "lotrace: -e trace=/[: ", 22));
	assert_int_equal(strchr(output_text(&err), '\n') - output_text(&err) + 1,
			 (long)strlen(output_text(&err)));
	output_close(&err);
}

/* ?NAME: a name this kernel may not have is no error */
static void test_parse_optional(void **state)
{
	struct sysset s;

	(void)state;
	parse_ok(&s, "?no_such_call,?close,?/^no_such");
	assert_int_equal(sysset_count(&s), 1);
	assert_true(sysset_has(&s, SYS_close));
	parse_ok(&s, "?no_such_call");
	assert_int_equal(sysset_count(&s), 0);
}

/* numbers, strace's class names in any case, personality suffixes */
static void test_parse_numbers_and_suffixes(void **state)
{
	struct sysset s;

	(void)state;
	parse_ok(&s, "0,close@64,open@32,write@x32");
	assert_int_equal(sysset_count(&s), 2);
	assert_true(sysset_has(&s, 0) && sysset_has(&s, SYS_close));
	parse_fails("close@16", "lotrace: -e trace=: 'close@16' has an unknown personality (@64, @32 or @x32)\n");
	parse_fails("99999", "lotrace: -e trace=99999 matches no syscall\n");
	parse_ok(&s, "%FILE");
	assert_true(sysset_has(&s, SYS_openat));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_parse_regex),
	cmocka_unit_test(test_parse_regex_errors),
	cmocka_unit_test(test_parse_bad_regex),
	cmocka_unit_test(test_parse_optional),
	cmocka_unit_test(test_parse_numbers_and_suffixes),
	cmocka_unit_test(test_clear),
	cmocka_unit_test(test_fill_holds_every_named_syscall),
	cmocka_unit_test(test_add_del_has),
	cmocka_unit_test(test_word_boundaries),
	cmocka_unit_test(test_out_of_range_ignored),
	cmocka_unit_test(test_full),
	cmocka_unit_test(test_parse_names),
	cmocka_unit_test(test_parse_replaces),
	cmocka_unit_test(test_parse_repeated_name),
	cmocka_unit_test(test_parse_negation),
	cmocka_unit_test(test_parse_negated_list),
	cmocka_unit_test(test_parse_double_negation),
	cmocka_unit_test(test_parse_all),
	cmocka_unit_test(test_parse_none),
	cmocka_unit_test(test_parse_not_none),
	cmocka_unit_test(test_parse_not_all),
	cmocka_unit_test(test_parse_none_with_names),
	cmocka_unit_test(test_parse_unknown_name),
	cmocka_unit_test(test_parse_unknown_name_in_list),
	cmocka_unit_test(test_parse_unknown_negated),
	cmocka_unit_test(test_parse_empty),
	cmocka_unit_test(test_parse_only_commas),
	cmocka_unit_test(test_parse_empty_items_skipped),
	cmocka_unit_test(test_parse_only_bang),
	cmocka_unit_test(test_class_file),
};

UNIT_MAIN("sysset", tests)
