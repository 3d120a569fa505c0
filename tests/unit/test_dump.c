/* dump: -e read= and -e write=, strace's hex and ASCII layout, compared
 * with what strace 6.1 printed for the same bytes. */
#include "unit.h"

#include <sys/syscall.h>

#include "bpf/capture.h"
#include "cli/opts.h"
#include "decode/capture.h"
#include "pipeline/pair.h"
#include "sink/dump.h"

struct blob {
	uint8_t data[2048];
	size_t len;
};

static void add(struct blob *b, int arg, uint8_t kind, const void *bytes, uint32_t len)
{
	struct lt_cap cap = { .arg = (uint8_t)arg, .kind = kind, .len = len };

	memcpy(b->data + b->len, &cap, sizeof(cap));
	memcpy(b->data + b->len + sizeof(cap), bytes, len);
	b->len += sizeof(cap) + ((len + 7) & ~7u);
}

static const char *dumped(struct opts *o, struct call *c, struct output *out)
{
	output_open(out);
	dump_io(o, c, out->f);
	return output_text(out);
}

static void setup_opts(struct opts *o, const char *read, const char *write)
{
	struct output err;

	memset(o, 0, sizeof(*o));
	output_open(&err);
	assert_int_equal(numset_parse(&o->read_fds, read, NULL, "read", err.f), 0);
	assert_int_equal(numset_parse(&o->write_fds, write, NULL, "write", err.f), 0);
	output_close(&err);
}

static void test_write_100_bytes(void **state)
{
	struct task task = { .tid = 1, .pid = 1 };
	struct opts o;
	struct blob b = { .len = 0 };
	struct output out;
	uint8_t bytes[100];
	struct call c = { .task = &task, .nr = SYS_write, .entered = true, .returned = true,
			  .args = { 4, 0x1000, 100 }, .ret = 100 };

	(void)state;
	for (int i = 0; i < 100; i++)
		bytes[i] = (uint8_t)(i * 7);
	add(&b, 1, LT_CAP_BUF_IN, bytes, sizeof(bytes));
	c.cap_enter = capture_from_record(b.data, b.len);
	setup_opts(&o, "none", "4");
	assert_string_equal(dumped(&o, &c, &out),
		" | 00000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  .....#*18?FMT[bi |\n"
		" | 00010  70 77 7e 85 8c 93 9a a1  a8 af b6 bd c4 cb d2 d9  pw~............. |\n"
		" | 00020  e0 e7 ee f5 fc 03 0a 11  18 1f 26 2d 34 3b 42 49  ..........&-4;BI |\n"
		" | 00030  50 57 5e 65 6c 73 7a 81  88 8f 96 9d a4 ab b2 b9  PW^elsz......... |\n"
		" | 00040  c0 c7 ce d5 dc e3 ea f1  f8 ff 06 0d 14 1b 22 29  ..............\") |\n"
		" | 00050  30 37 3e 45 4c 53 5a 61  68 6f 76 7d 84 8b 92 99  07>ELSZahov}.... |\n"
		" | 00060  a0 a7 ae b5                                       ....             |\n");
	output_close(&out);
	/* another descriptor, or a read set: nothing */
	numset_free(&o.read_fds);
	numset_free(&o.write_fds);
	setup_opts(&o, "all", "3");
	assert_string_equal(dumped(&o, &c, &out), "");
	output_close(&out);
	capture_free((struct capture *)c.cap_enter);
	numset_free(&o.read_fds);
	numset_free(&o.write_fds);
}

/* what the program did not copy is said, never made up */
static void test_write_longer_than_copied(void **state)
{
	struct task task = { .tid = 1, .pid = 1 };
	struct opts o;
	struct blob b = { .len = 0 };
	struct output out;
	struct call c = { .task = &task, .nr = SYS_write, .entered = true, .returned = true,
			  .args = { 1, 0x1000, 5000 }, .ret = 5000 };

	(void)state;
	add(&b, 1, LT_CAP_BUF_IN, "hello", 5);
	c.cap_enter = capture_from_record(b.data, b.len);
	setup_opts(&o, "none", "all");
	assert_string_equal(dumped(&o, &c, &out),
		" | 00000  68 65 6c 6c 6f                                    hello            |\n"
		" | <4995 bytes not copied>\n");
	output_close(&out);
	capture_free((struct capture *)c.cap_enter);
	numset_free(&o.read_fds);
	numset_free(&o.write_fds);
}

/* readv: "* N bytes in buffer K" and each buffer, up to what was read */
static void test_readv(void **state)
{
	struct task task = { .tid = 1, .pid = 1 };
	struct opts o;
	struct blob b = { .len = 0 };
	struct output out;
	struct {
		struct lt_iov h;
		char data[8];
	} iov = { .h = { .n = 2, .got = { 3, 2 }, .iov = { { 0x1000, 3 }, { 0x2000, 27 } } },
		  .data = "abcde" };
	struct call c = { .task = &task, .nr = SYS_readv, .entered = true, .returned = true,
			  .args = { 3, 0x3000, 2 }, .ret = 5 };

	(void)state;
	add(&b, 1, LT_CAP_IOV_OUT, &iov, sizeof(iov.h) + 5);
	c.cap_exit = capture_from_record(b.data, b.len);
	setup_opts(&o, "3", "none");
	assert_string_equal(dumped(&o, &c, &out),
		" * 3 bytes in buffer 0\n"
		" | 00000  61 62 63                                          abc              |\n"
		" * 2 bytes in buffer 1\n"
		" | 00000  64 65                                             de               |\n");
	output_close(&out);
	/* a read that failed read nothing */
	c.ret = -14;
	assert_string_equal(dumped(&o, &c, &out), "");
	output_close(&out);
	capture_free((struct capture *)c.cap_exit);
	numset_free(&o.read_fds);
	numset_free(&o.write_fds);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_write_100_bytes),
	cmocka_unit_test(test_write_longer_than_copied),
	cmocka_unit_test(test_readv),
};

UNIT_MAIN("dump", tests)
