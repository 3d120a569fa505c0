/* xlat: every generated table against the headers it comes from (each
 * entry's name and value as the compiler sees the header's constant,
 * trace/xlat/NAME.in compiled on its own), the by-value index, and
 * strace's ways of printing a value with a table. */
#include "unit.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "decode/xlat.h"
#include "xlat_gen.h"
#include "xlat_hdr.h"

static const struct {
	const struct xlat_hdr *hdr;
	const struct xlat *x;
} families[] = {
#define X(f) { &xlat_hdr_##f, &xlat_##f },
	XLAT_HDR_FAMILIES(X)
#undef X
};

static void test_every_entry_is_the_headers_constant(void **state)
{
	(void)state;
	assert_true(UNIT_LEN(families) > 50);
	for (size_t f = 0; f < UNIT_LEN(families); f++) {
		const struct xlat_hdr *h = families[f].hdr;
		const struct xlat *x = families[f].x;

		assert_string_equal(h->family, x->family);
		assert_int_equal(h->n, x->n);
		for (unsigned i = 0; i < h->n; i++) {
			if (strcmp(h->ent[i].name, x->ent[i].name) || h->ent[i].val != x->ent[i].val)
				fail_msg("%s[%u]: %s = %#llx, the header says %s = %#llx", x->family, i,
					 x->ent[i].name, (unsigned long long)x->ent[i].val,
					 h->ent[i].name, h->ent[i].val);
		}
	}
}

static void test_no_table_is_empty(void **state)
{
	(void)state;
	for (size_t f = 0; f < UNIT_LEN(families); f++)
		if (!families[f].x->n)
			fail_msg("%s: no entry is in the headers", families[f].x->family);
}

static void test_xlat_all_lists_every_table(void **state)
{
	size_t n = 0;

	(void)state;
	while (xlat_all[n])
		n++;
	assert_int_equal(n, UNIT_LEN(families));
}

/* The index is a permutation sorted by value, and a lookup finds the first
 * listed of equal values, as strace's linear lookup does. */
static void test_index_and_lookup(void **state)
{
	(void)state;
	for (size_t f = 0; f < UNIT_LEN(families); f++) {
		const struct xlat *x = families[f].x;
		bool seen[4096] = { false };

		assert_true(x->n <= UNIT_LEN(seen));
		for (uint32_t i = 0; i < x->n; i++) {
			assert_true(x->by_val[i] < x->n);
			assert_false(seen[x->by_val[i]]);
			seen[x->by_val[i]] = true;
			if (i)
				assert_true(x->ent[x->by_val[i - 1]].val <= x->ent[x->by_val[i]].val);
		}
		for (uint32_t i = 0; i < x->n; i++) {
			uint32_t first = 0;

			while (x->ent[first].val != x->ent[i].val)
				first++;
			assert_string_equal(xlat_name(x, x->ent[i].val), x->ent[first].name);
		}
	}
}

static void test_name_not_found(void **state)
{
	(void)state;
	assert_null(xlat_name(&xlat_whence, 77));
	assert_null(xlat_name(&xlat_whence, (uint64_t)-1));
	assert_string_equal(xlat_name(&xlat_whence, SEEK_END), "SEEK_END");
}

static const char *flags(const struct xlat *x, uint64_t v, const char *dflt)
{
	static char buf[256];
	struct xbuf b;

	xb_init(&b, buf, sizeof(buf));
	xlat_flags(&b, x, v, dflt);
	return buf;
}

static const char *enums(const struct xlat *x, uint64_t v, const char *dflt, enum xlat_num num)
{
	static char buf[256];
	struct xbuf b;

	xb_init(&b, buf, sizeof(buf));
	xlat_enum(&b, x, v, dflt, num);
	return buf;
}

/* strace 6.1's printflags */
static void test_flags(void **state)
{
	(void)state;
	assert_string_equal(flags(&xlat_mmap_prot, PROT_READ | PROT_WRITE, "PROT_???"),
			    "PROT_READ|PROT_WRITE");
	/* the zero-valued first entry names 0 */
	assert_string_equal(flags(&xlat_mmap_prot, 0, "PROT_???"), "PROT_NONE");
	/* no zero entry: 0 with a default, nothing without */
	assert_string_equal(flags(&xlat_open_flags, 0, "O_???"), "0");
	assert_string_equal(flags(&xlat_open_flags, 0, NULL), "");
	/* unknown bits after the names, in hex */
	assert_string_equal(flags(&xlat_open_flags, O_CLOEXEC | 0x4000000, "O_???"),
			    "O_CLOEXEC|0x4000000");
	/* only unknown bits: the number and the default as a comment */
	assert_string_equal(flags(&xlat_open_flags, 0x4000000, "O_???"), "0x4000000 /* O_??? */");
	assert_string_equal(flags(&xlat_open_flags, 0x4000000, NULL), "0x4000000");
	/* table order, not bit order; a multi-bit entry before its parts */
	assert_string_equal(flags(&xlat_open_flags, O_DIRECTORY | O_CLOEXEC, NULL),
			    "O_CLOEXEC|O_DIRECTORY");
	assert_string_equal(flags(&xlat_open_flags, O_SYNC, NULL), "O_SYNC");
	assert_string_equal(flags(&xlat_open_flags, O_DSYNC, NULL), "O_DSYNC");
	assert_string_equal(flags(&xlat_access_modes, R_OK | W_OK, "?_OK"), "R_OK|W_OK");
	assert_string_equal(flags(&xlat_access_modes, F_OK, "?_OK"), "F_OK");
}

static void test_enum(void **state)
{
	(void)state;
	assert_string_equal(enums(&xlat_whence, SEEK_SET, "SEEK_???", XN_HEX), "SEEK_SET");
	assert_string_equal(enums(&xlat_whence, 7, "SEEK_???", XN_HEX), "0x7 /* SEEK_??? */");
	assert_string_equal(enums(&xlat_whence, 7, NULL, XN_HEX), "0x7");
	assert_string_equal(enums(&xlat_whence, (uint64_t)-2, "X", XN_DEC), "-2 /* X */");
	assert_string_equal(enums(&xlat_whence, 0xffffffff, NULL, XN_UDEC), "4294967295");
	assert_string_equal(enums(&xlat_whence, 0, NULL, XN_HEX), "SEEK_SET");
	assert_string_equal(enums(&xlat_madvise_advice, 1000, "MADV_???", XN_HEX),
			    "0x3e8 /* MADV_??? */");
}

/* strace's sprintflags: for return values ("flags FD_CLOEXEC") */
static void test_flags_bare(void **state)
{
	char buf[64];
	struct xbuf b;

	(void)state;
	xb_init(&b, buf, sizeof(buf));
	assert_int_equal(xlat_flags_bare(&b, &xlat_fd_flags, FD_CLOEXEC), 1);
	assert_string_equal(buf, "FD_CLOEXEC");
	xb_init(&b, buf, sizeof(buf));
	assert_int_equal(xlat_flags_bare(&b, &xlat_fd_flags, FD_CLOEXEC | 0x10), 2);
	assert_string_equal(buf, "FD_CLOEXEC|0x10");
	xb_init(&b, buf, sizeof(buf));
	assert_int_equal(xlat_flags_bare(&b, &xlat_fd_flags, 0), 0);
	assert_string_equal(buf, "");
	xb_init(&b, buf, sizeof(buf));
	xlat_flags_bare(&b, &xlat_mmap_prot, 0);
	assert_string_equal(buf, "PROT_NONE");
}

static void test_numbers(void **state)
{
	char buf[128];
	struct xbuf b;

	(void)state;
	xb_init(&b, buf, sizeof(buf));
	xb_oct(&b, 0644);
	xb_char(&b, ' ');
	xb_oct(&b, 0);
	xb_char(&b, ' ');
	xb_oct(&b, 7);
	xb_char(&b, ' ');
	xb_hex(&b, 0);
	xb_char(&b, ' ');
	xb_hex(&b, 0xdeadbeef);
	xb_char(&b, ' ');
	xb_i64(&b, INT64_MIN);
	xb_char(&b, ' ');
	xb_u64(&b, UINT64_MAX);
	/* printf's %#03o, %#x, %lld and %llu */
	assert_string_equal(buf, "0644 000 007 0 0xdeadbeef -9223372036854775808 18446744073709551615");
	assert_false(b.cut);
}

static void test_buffer_never_overflows(void **state)
{
	char buf[8];
	struct xbuf b;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	xb_init(&b, buf, sizeof(buf));
	xlat_flags(&b, &xlat_open_flags, O_CREAT | O_EXCL | O_TRUNC, NULL);
	assert_true(b.cut);
	assert_int_equal(strlen(buf), sizeof(buf) - 1);
	assert_string_equal(buf, "O_CREAT");
}

/* -X: what strace 6.1 prints with -X raw and -X verbose */
static const char *styled(enum xlat_style style, int (*fn)(struct xbuf *, uint64_t), uint64_t v)
{
	static char buf[256];
	struct xbuf b;

	xb_init(&b, buf, sizeof(buf));
	b.xlat = (uint8_t)style;
	fn(&b, v);
	return buf;
}

static int open_flags(struct xbuf *b, uint64_t v)
{
	return xlat_flags(b, &xlat_open_flags, v, "O_???");
}

static int prot(struct xbuf *b, uint64_t v)
{
	return xlat_flags(b, &xlat_mmap_prot, v, "PROT_???");
}

static int whence(struct xbuf *b, uint64_t v)
{
	return xlat_enum(b, &xlat_whence, v, "SEEK_???", XN_HEX);
}

static int bare_fd(struct xbuf *b, uint64_t v)
{
	return xlat_flags_bare(b, &xlat_fd_flags, v);
}

static int named_signal(struct xbuf *b, uint64_t v)
{
	xlat_named(b, v, v == 10 ? "SIGUSR1" : NULL, XN_DEC);
	return 0;
}

/* a mode composed by its decoder: S_IFREG|0755 */
static int mode(struct xbuf *b, uint64_t v)
{
	int style = xlat_compose_begin(b, v, XN_OCT);

	if (!style)
		return 0;
	xb_str(b, "S_IFREG|");
	xb_oct(b, v & 0777);
	xlat_compose_end(b, style);
	return 0;
}

static void test_style_raw(void **state)
{
	(void)state;
	assert_string_equal(styled(XLAT_RAW, open_flags, O_CLOEXEC | O_DIRECTORY), "0x90000");
	assert_string_equal(styled(XLAT_RAW, open_flags, 0), "0");
	assert_string_equal(styled(XLAT_RAW, prot, 0), "0");
	assert_string_equal(styled(XLAT_RAW, whence, SEEK_CUR), "0x1");
	assert_string_equal(styled(XLAT_RAW, bare_fd, FD_CLOEXEC), "0x1");
	assert_string_equal(styled(XLAT_RAW, named_signal, 10), "10");
	assert_string_equal(styled(XLAT_RAW, mode, 0100755), "0100755");
}

static void test_style_verbose(void **state)
{
	(void)state;
	assert_string_equal(styled(XLAT_VERBOSE, open_flags, O_CLOEXEC | O_DIRECTORY),
			    "0x90000 /* O_CLOEXEC|O_DIRECTORY */");
	/* unknown bits stay in the number and after the names */
	assert_string_equal(styled(XLAT_VERBOSE, open_flags, O_CLOEXEC | 0x4000000),
			    "0x4080000 /* O_CLOEXEC|0x4000000 */");
	assert_string_equal(styled(XLAT_VERBOSE, open_flags, 0x4000000), "0x4000000 /* O_??? */");
	assert_string_equal(styled(XLAT_VERBOSE, open_flags, 0), "0");
	assert_string_equal(styled(XLAT_VERBOSE, prot, 0), "0 /* PROT_NONE */");
	assert_string_equal(styled(XLAT_VERBOSE, whence, SEEK_CUR), "0x1 /* SEEK_CUR */");
	assert_string_equal(styled(XLAT_VERBOSE, whence, 9), "0x9 /* SEEK_??? */");
	assert_string_equal(styled(XLAT_VERBOSE, bare_fd, FD_CLOEXEC), "0x1 /* FD_CLOEXEC */");
	assert_string_equal(styled(XLAT_VERBOSE, named_signal, 10), "10 /* SIGUSR1 */");
	assert_string_equal(styled(XLAT_VERBOSE, named_signal, 99), "99");
	assert_string_equal(styled(XLAT_VERBOSE, mode, 0100755), "0100755 /* S_IFREG|0755 */");
}

static void test_style_abbrev_is_the_default(void **state)
{
	(void)state;
	assert_string_equal(styled(XLAT_ABBREV, open_flags, O_CLOEXEC | O_DIRECTORY),
			    "O_CLOEXEC|O_DIRECTORY");
	assert_string_equal(styled(XLAT_ABBREV, named_signal, 10), "SIGUSR1");
	assert_string_equal(styled(XLAT_ABBREV, mode, 0100755), "S_IFREG|0755");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_style_raw),
	cmocka_unit_test(test_style_verbose),
	cmocka_unit_test(test_style_abbrev_is_the_default),
	cmocka_unit_test(test_every_entry_is_the_headers_constant),
	cmocka_unit_test(test_no_table_is_empty),
	cmocka_unit_test(test_xlat_all_lists_every_table),
	cmocka_unit_test(test_index_and_lookup),
	cmocka_unit_test(test_name_not_found),
	cmocka_unit_test(test_flags),
	cmocka_unit_test(test_enum),
	cmocka_unit_test(test_flags_bare),
	cmocka_unit_test(test_numbers),
	cmocka_unit_test(test_buffer_never_overflows),
};

UNIT_MAIN("xlat", tests)
