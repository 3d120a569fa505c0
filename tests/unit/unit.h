/* unit: what lotrace's cmocka unit tests share. output_* collects what a
 * module writes to a FILE* in memory; UNIT_MAIN runs a file's tests.
 *
 * Known bugs: a test that reproduces a bug in trace/ not fixed yet lives in
 * the file's known_bugs[] array, is named bug_*, and says in a comment what
 * is wrong. `test_X` alone never runs it; `test_X --known-bug NAME` runs
 * just that one, and CMakeLists.txt registers that as knownbug_X_NAME,
 * which passes while the bug is there. Once it is fixed, move the test into
 * tests[] and drop its CMake entry. */
#ifndef LOTRACE_UNIT_H
#define LOTRACE_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

struct output {
	FILE *f;
	char *buf;
	size_t len;
};

static inline void output_open(struct output *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

/* Everything written so far, NUL-terminated. */
static inline const char *output_text(struct output *c)
{
	assert_int_equal(fflush(c->f), 0);
	return c->buf ? c->buf : "";
}

static inline void output_close(struct output *c)
{
	if (c->f)
		fclose(c->f);
	free(c->buf);
	c->f = NULL;
	c->buf = NULL;
}

#define UNIT_LEN(a) (sizeof(a) / sizeof((a)[0]))

static inline int unit_main(int argc, char **argv, const char *group,
			    const struct CMUnitTest *tests, size_t ntests,
			    const struct CMUnitTest *bugs, size_t nbugs)
{
	if (argc == 3 && !strcmp(argv[1], "--known-bug")) {
		if (!bugs) {
			fprintf(stderr, "%s: no known bugs\n", argv[0]);
			return 2;
		}
		cmocka_set_test_filter(argv[2]);
		return _cmocka_run_group_tests(group, bugs, nbugs, NULL, NULL);
	}
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--known-bug NAME]\n", argv[0]);
		return 2;
	}
	return _cmocka_run_group_tests(group, tests, ntests, NULL, NULL);
}

#define UNIT_MAIN(group, tests) \
	int main(int argc, char **argv) \
	{ \
		return unit_main(argc, argv, group, tests, UNIT_LEN(tests), NULL, 0); \
	}

#define UNIT_MAIN_WITH_BUGS(group, tests, bugs) \
	int main(int argc, char **argv) \
	{ \
		return unit_main(argc, argv, group, tests, UNIT_LEN(tests), \
				 bugs, UNIT_LEN(bugs)); \
	}

#endif
