/* util: xbuf (fixed-buffer text that says when it was cut), strbuf
 * (growing strings) and proc (/proc readers, on this process). */
#include "unit.h"

#include <errno.h>
#include <unistd.h>

#include "util/proc.h"
#include "util/strbuf.h"
#include "util/xbuf.h"

static void test_xbuf_numbers(void **state)
{
	char buf[64];
	struct xbuf b;

	(void)state;
	xb_init(&b, buf, sizeof(buf));
	xb_u64(&b, 0);
	xb_char(&b, ' ');
	xb_i64(&b, -42);
	xb_char(&b, ' ');
	xb_hex(&b, 0);
	xb_char(&b, ' ');
	xb_hex(&b, 0x2a);
	xb_char(&b, ' ');
	xb_oct(&b, 0644);
	xb_char(&b, ' ');
	xb_oct(&b, 0);
	xb_char(&b, ' ');
	xb_u64(&b, UINT64_MAX);
	assert_string_equal(buf, "0 -42 0 0x2a 0644 000 18446744073709551615");
	assert_false(b.cut);
}

static void test_xbuf_pad_and_cut(void **state)
{
	char buf[8];
	struct xbuf b;

	(void)state;
	xb_init(&b, buf, sizeof(buf));
	xb_str(&b, "ab");
	xb_pad(&b, 5);
	assert_string_equal(buf, "ab   ");
	xb_pad(&b, 3);		/* already past: nothing */
	assert_int_equal(b.len, 5);
	xb_printf(&b, "%d", 12345);
	assert_string_equal(buf, "ab   12");
	assert_true(b.cut);
	xb_init(&b, buf, sizeof(buf));
	xb_pad(&b, 40);
	assert_int_equal(b.len, 7);
	assert_true(b.cut);
}

static void test_strbuf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	FILE *fp;

	(void)state;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(sb_printf(&sb, "%d,", i), 0);
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_memory_equal(sb.buf, "0,1,2,", 6);
	assert_string_equal(sb.buf + sb.len - 4, "999,");
	assert_int_equal(sb_add(&sb, "x", 1), 0);
	s = sb_detach(&sb);
	assert_null(sb.buf);
	assert_int_equal(s[strlen(s) - 1], 'x');
	free(s);

	fp = fmemopen((void *)"read me whole", 13, "r");
	assert_non_null(fp);
	assert_int_equal(sb_read(&sb, fp), 0);
	assert_string_equal(sb.buf, "read me whole");
	fclose(fp);
	sb_release(&sb);
	assert_null(sb.buf);
}

static int count_tid(pid_t tid, void *ctx)
{
	(void)tid;
	(*(int *)ctx)++;
	return 0;
}

static void test_proc_self(void **state)
{
	char comm[16] = "", want[32] = "", link[256];
	FILE *fp = fopen("/proc/self/comm", "r");
	int n = 0;

	(void)state;
	assert_non_null(fp);
	assert_non_null(fgets(want, sizeof(want), fp));
	fclose(fp);
	want[strcspn(want, "\n")] = '\0';
	assert_int_equal(proc_each_tid(getpid(), count_tid, &n), 0);
	assert_true(n >= 1);	/* valgrind may add a thread */
	proc_comm(getpid(), getpid(), comm, sizeof(comm));
	assert_string_equal(comm, want);
	assert_true(proc_exists(getpid(), 0));
	assert_true(proc_exists(getpid(), getpid()));
	assert_int_equal(proc_tgid(getpid()), getpid());
	assert_int_equal(proc_readlink(getpid(), "cwd", link, sizeof(link)), 0);
	assert_int_equal(link[0], '/');
	/* far above pid_max */
	assert_false(proc_exists(0x7ffffff0, 0));
	assert_int_equal(proc_each_tid(0x7ffffff0, count_tid, &n), -ESRCH);
	assert_true(proc_tgid(0x7ffffff0) < 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_xbuf_numbers),
	cmocka_unit_test(test_xbuf_pad_and_cut),
	cmocka_unit_test(test_strbuf),
	cmocka_unit_test(test_proc_self),
};

int main(void)
{
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
