/* Unit tests of trace/usdt_types.c: the SDK's type records (section
 * .lotrace.usdt) matched to notes by address, provider, name and count;
 * other versions, contradictions and damaged records left alone. */
#include "unit.h"

#include "usdt/notes.h"

/* Append one version-1 record (8-byte address) at *off of buf. */
static void put_rec(uint8_t *buf, size_t *off, int version, uint64_t addr,
		    const uint8_t *types, int nargs, const char *prov, const char *name)
{
	size_t o = *off, p = o + 16;
	uint16_t size;

	buf[o] = (uint8_t)version;
	buf[o + 1] = (uint8_t)nargs;
	memset(buf + o + 4, 0, 4);
	memcpy(buf + o + 8, &addr, 8);
	memcpy(buf + p, types, (size_t)nargs);
	p += (size_t)nargs;
	memcpy(buf + p, prov, strlen(prov) + 1);
	p += strlen(prov) + 1;
	memcpy(buf + p, name, strlen(name) + 1);
	p += strlen(name) + 1;
	size = (uint16_t)(p - o);
	memcpy(buf + o + 2, &size, 2);
	*off = (p + 7) & ~(size_t)7;
}

/* Probes with the given addresses, each "kvd:<name>" taking (int, char *). */
static void make(struct usdt_file *f, struct usdt_probe *p, int n, const uint64_t *pcs,
		 char *const *names)
{
	memset(f, 0, sizeof(*f));
	memset(p, 0, (size_t)n * sizeof(*p));
	for (int i = 0; i < n; i++) {
		p[i].provider = "kvd";
		p[i].name = names[i];
		p[i].pc = pcs[i];
		p[i].nargs = 2;
		assert_int_equal(usdt_parse_arg("-4@%edi", 0, NULL, NULL, &p[i].args[0]), 0);
		assert_int_equal(usdt_parse_arg("8@%rsi", 0, NULL, NULL, &p[i].args[1]), 0);
	}
	f->probes = p;
	f->nprobes = n;
}

static const uint8_t int_str[] = { USDT_TYPE_SIGNED, USDT_TYPE_STRING };

static void test_match(void **state)
{
	uint64_t pcs[] = { 0x2000, 0x1000, 0x1000 };
	char *names[] = { "a", "b", "c" };
	struct usdt_probe p[3];
	struct usdt_file f;
	uint8_t buf[256];
	size_t len = 0;

	(void)state;
	make(&f, p, 3, pcs, names);
	put_rec(buf, &len, 1, 0x1000, int_str, 2, "kvd", "c");
	put_rec(buf, &len, 1, 0x2000, int_str, 2, "kvd", "a");
	put_rec(buf, &len, 1, 0x1000, int_str, 2, "kvd", "x");	/* no such note */
	assert_int_equal(usdt_apply_types(&f, buf, len, 8), 0);
	assert_true(p[0].typed);
	assert_int_equal(p[0].args[0].type, USDT_TYPE_SIGNED);
	assert_int_equal(p[0].args[1].type, USDT_TYPE_STRING);
	assert_false(p[1].typed);	/* same address, another name */
	assert_true(p[2].typed);
}

static void test_same_key_in_order(void **state)
{
	/* a relocatable object: every address 0, the same probe twice */
	uint64_t pcs[] = { 0, 0 };
	char *names[] = { "a", "a" };
	static const uint8_t int_ptr[] = { USDT_TYPE_SIGNED, USDT_TYPE_POINTER };
	struct usdt_probe p[2];
	struct usdt_file f;
	uint8_t buf[256];
	size_t len = 0;

	(void)state;
	make(&f, p, 2, pcs, names);
	put_rec(buf, &len, 1, 0, int_str, 2, "kvd", "a");
	put_rec(buf, &len, 1, 0, int_ptr, 2, "kvd", "a");
	assert_int_equal(usdt_apply_types(&f, buf, len, 8), 0);
	assert_true(p[0].typed && p[1].typed);
	assert_int_not_equal(p[0].args[1].type, p[1].args[1].type);
}

static void test_left_alone(void **state)
{
	uint64_t pcs[] = { 0x1000 };
	char *names[] = { "a" };
	static const uint8_t unsigned_first[] = { USDT_TYPE_UNSIGNED, USDT_TYPE_STRING };
	static const uint8_t unknown_code[] = { USDT_TYPE_SIGNED, 9 };
	struct usdt_probe p[1];
	struct usdt_file f;
	uint8_t buf[256];
	size_t len = 0;

	(void)state;
	make(&f, p, 1, pcs, names);
	put_rec(buf, &len, 2, 0x1000, int_str, 2, "kvd", "a");		/* a later version */
	put_rec(buf, &len, 1, 0x1000, int_str, 1, "kvd", "a");		/* one argument */
	put_rec(buf, &len, 1, 0x1000, unsigned_first, 2, "kvd", "a");	/* int is signed */
	put_rec(buf, &len, 1, 0x1000, unknown_code, 2, "kvd", "a");
	assert_int_equal(usdt_apply_types(&f, buf, len, 8), 0);
	assert_false(p[0].typed);
	assert_int_equal(p[0].args[1].type, USDT_TYPE_UNKNOWN);
}

static void test_damaged(void **state)
{
	uint64_t pcs[] = { 0x1000 };
	char *names[] = { "a" };
	struct usdt_probe p[1];
	struct usdt_file f;
	uint8_t buf[256], copy[256];
	size_t len = 0;
	uint16_t huge = 0xffff;

	(void)state;
	make(&f, p, 1, pcs, names);
	put_rec(buf, &len, 1, 0x1000, int_str, 2, "kvd", "a");
	/* every cut of the record: nothing read past it, nothing typed */
	for (size_t cut = 0; cut + 1 < len; cut++) {
		memcpy(copy, buf, cut);
		assert_int_equal(usdt_apply_types(&f, copy, cut, 8), 0);
		assert_false(p[0].typed);
	}
	memcpy(copy, buf, len);
	memcpy(copy + 2, &huge, 2);	/* a size past the section */
	assert_int_equal(usdt_apply_types(&f, copy, len, 8), 0);
	assert_false(p[0].typed);
	memcpy(copy, buf, len);
	copy[len - 2] = 'b';	/* the name without its NUL */
	copy[len - 1] = 'c';
	assert_int_equal(usdt_apply_types(&f, copy, len, 8), 0);
	assert_false(p[0].typed);
	assert_int_equal(usdt_apply_types(&f, buf, len, 8), 0);
	assert_true(p[0].typed);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_match),
	cmocka_unit_test(test_same_key_in_order),
	cmocka_unit_test(test_left_alone),
	cmocka_unit_test(test_damaged),
};

UNIT_MAIN("usdt_types", tests)
