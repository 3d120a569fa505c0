/* util: xbuf (fixed-buffer text that says when it was cut), strbuf
 * (growing strings) and proc (/proc readers, on this process). */
#include "unit.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/idtab.h"
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

/* Every length of number, at each power of ten and either side of it, as
 * printf spells it: xb_dec_len counts and xb_dec_at writes in pairs. */
static void test_xbuf_decimal_lengths(void **state)
{
	char buf[32], want[32];
	struct xbuf b;

	(void)state;
	for (uint64_t p = 1;; p *= 10) {
		const uint64_t around[] = { p - 1, p, p + 1, p * 2 - 1 };

		for (size_t i = 0; i < sizeof(around) / sizeof(around[0]); i++) {
			snprintf(want, sizeof(want), "%" PRIu64, around[i]);
			assert_int_equal(xb_dec_len(around[i]), strlen(want));
			xb_init(&b, buf, sizeof(buf));
			xb_u64(&b, around[i]);
			assert_string_equal(buf, want);
		}
		if (p > UINT64_MAX / 10)
			break;
	}
	xb_init(&b, buf, sizeof(buf));
	xb_u64(&b, UINT64_MAX);
	assert_int_equal(xb_dec_len(UINT64_MAX), 20);
	assert_string_equal(buf, "18446744073709551615");
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

struct item {
	int value;
	struct idtab_node node;
};

static void sum_item(struct idtab_node *n, void *ctx)
{
	*(long *)ctx += idtab_entry(n, struct item, node)->value;
}

static void free_item(struct idtab_node *n, void *ctx)
{
	(*(int *)ctx)++;
	free(idtab_entry(n, struct item, node));
}

/* Ids that share a bucket, removal from a chain's middle, growth past the
 * first buckets with every node still found, and free of every node. */
static void test_idtab(void **state)
{
	enum { N = 5000 };
	struct idtab t;
	long sum = 0;
	int freed = 0;

	(void)state;
	assert_int_equal(idtab_init(&t), 0);
	for (int i = 0; i < N; i++) {
		struct item *it = calloc(1, sizeof(*it));

		assert_non_null(it);
		it->value = i;
		it->node.id = (uint32_t)i * 256;	/* a few buckets at first */
		idtab_add(&t, &it->node);
	}
	assert_int_equal(t.count, N);
	assert_true(t.nbucket > 256);
	for (int i = 0; i < N; i++) {
		struct idtab_node *n = idtab_find(&t, (uint32_t)i * 256);

		assert_non_null(n);
		assert_int_equal(idtab_entry(n, struct item, node)->value, i);
	}
	assert_null(idtab_find(&t, 1));
	free(idtab_entry(idtab_remove(&t, 256 * 7), struct item, node));
	assert_null(idtab_remove(&t, 256 * 7));
	assert_null(idtab_find(&t, 256 * 7));
	assert_non_null(idtab_find(&t, 256 * 8));
	assert_int_equal(t.count, N - 1);
	idtab_foreach(&t, sum_item, &sum);
	assert_int_equal(sum, (long)N * (N - 1) / 2 - 7);
	idtab_free(&t, free_item, &freed);
	assert_int_equal(freed, N - 1);
	assert_null(t.bucket);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_idtab),
	cmocka_unit_test(test_xbuf_numbers),
	cmocka_unit_test(test_xbuf_decimal_lengths),
	cmocka_unit_test(test_xbuf_pad_and_cut),
	cmocka_unit_test(test_strbuf),
	cmocka_unit_test(test_proc_self),
};

int main(void)
{
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
