/* Unit tests of usdt-gen's modules (usdt-sdk/gen/): the hash map every
 * lookup goes through, the parsed model of a provider file, and the
 * bounds that keep hostile input cheap. The generated header and the
 * messages are checked end to end by tests/sdk/gen_test.py. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "buf.h"
#include "model.h"
#include "parser.h"
#include "preproc.h"

static void test_strmap(void **state)
{
	struct strmap m = { 0 };
	char key[32];

	(void)state;
	assert_int_equal(strmap_get(&m, "a", 1), -1);
	/* enough keys to grow the table several times */
	for (long i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "k%ld", i);

		assert_int_equal(strmap_put(&m, key, (size_t)n, i), 0);
	}
	for (long i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "k%ld", i);

		assert_int_equal(strmap_get(&m, key, (size_t)n), i);
	}
	assert_int_equal(m.n, 5000);
	/* a prefix, or a key that is not NUL-terminated, is its own key */
	assert_int_equal(strmap_get(&m, "k1", 1), -1);
	assert_int_equal(strmap_get(&m, "k12xyz", 3), 12);
	assert_int_equal(strmap_put(&m, "k12", 3, 7), 0);
	assert_int_equal(strmap_get(&m, "k12", 3), 7);
	assert_int_equal(m.n, 5000);
	strmap_free(&m);
	assert_int_equal(strmap_get(&m, "k1", 2), -1);
}

/* Parse text as a provider file; in->err holds the message on error. */
static int parse_text(struct input *in, const char *text)
{
	char *copy = strdup(text);

	assert_non_null(copy);
	input_init(in, "t.d", copy, strlen(copy));
	in->warn = NULL;
	return parse(in);
}

static void test_model(void **state)
{
	struct input in;
	const struct probe *p;

	(void)state;
	assert_int_equal(parse_text(&in,
		"#define Oid unsigned int\n"
		"provider a { probe x__y(const char *const s, Oid); };\n"
		"provider b { probe z(void); probe w(struct sk *, _Bool); };\n"),
		0);
	assert_int_equal(in.nproviders, 2);
	assert_int_equal(in.nprobes, 3);
	assert_int_equal(in.providers[1].first, 1);
	assert_int_equal(in.providers[1].nprobes, 2);
	p = &in.probes[0];
	assert_string_equal(p->name, "x__y");
	assert_string_equal(p->macro, "A_X_Y");
	assert_int_equal(p->nargs, 2);
	assert_string_equal(p->types[0], "const char *const");
	assert_string_equal(p->casts[0], "const char *");
	assert_string_equal(p->types[1], "unsigned int");
	assert_int_equal(in.probes[1].nargs, 0);
	assert_string_equal(in.probes[2].types[1], "bool");
	assert_true(in.uses_bool);
	assert_int_equal(in.tags.n, 1);
	assert_string_equal(in.tags.v[0].text, "struct sk");
	input_free(&in);
}

/* Clashes are found across providers and between NAME and NAME_ENABLED,
 * through the macro index. */
static void test_clashes(void **state)
{
	struct input in;

	(void)state;
	assert_int_equal(parse_text(&in, "provider a_b { probe c(); };\n"
				    "provider a { probe b__c(); };\n"),
			 -EINVAL);
	assert_non_null(strstr(in.err.s, "t.d:2:20: error: the macros of "
			       "probe 'b__c' clash with those of probe 'c' "
			       "(line 1): A_B_C and A_B_C"));
	input_free(&in);
	assert_int_equal(parse_text(&in, "provider p { probe x_enabled(); "
				    "probe x(); };\n"), -EINVAL);
	assert_non_null(strstr(in.err.s, "P_X and P_X_ENABLED"));
	input_free(&in);
	assert_int_equal(parse_text(&in, "provider p { probe x(); };\n"
				    "provider q { probe x(); };\n"), 0);
	input_free(&in);
}

/* Each #define doubles the last: bounded, not 2^29 words. */
static void test_expansion_bound(void **state)
{
	struct buf b = { 0 };
	struct input in;

	(void)state;
	assert_int_equal(buf_add(&b, "#define T0 int\n"), 0);
	for (int i = 1; i < 30; i++)
		assert_int_equal(buf_printf(&b, "#define T%d T%d T%d\n", i,
					    i - 1, i - 1), 0);
	assert_int_equal(buf_add(&b, "provider p { probe a(T29); };\n"), 0);
	assert_int_equal(parse_text(&in, b.s), -EINVAL);
	assert_non_null(strstr(in.err.s, "t.d:31:22: error: expanding 'T29' "
			       "takes more than"));
	input_free(&in);
	free(b.s);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_strmap),
	cmocka_unit_test(test_model),
	cmocka_unit_test(test_clashes),
	cmocka_unit_test(test_expansion_bound),
};

UNIT_MAIN("gen", tests)
