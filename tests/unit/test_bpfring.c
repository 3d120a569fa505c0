/* bpfring: the reader's walk over a ring laid out in memory as the kernel
 * lays out a BPF ring's mapping (the positions, then the data pages twice
 * in a row): records in order, discarded ones skipped, a record being
 * written stopping the read, records added during a read left for the
 * next, one across the end read whole, and the space given back during
 * a long read. The kernel's own ring is read by the integration tests. */
#include "unit.h"

#include <linux/bpf.h>
#include <stdbool.h>

#include "transport/bpfring.h"

#define SIZE 4096u

struct fake {
	struct bpfring r;
	unsigned long cons, prod;
	uint8_t data[2 * SIZE];
	/* what the callback saw */
	uint32_t sizes[256];
	uint8_t first[256];
	unsigned long cons_seen[256];
	size_t n;
	/* records the callback adds, as producers would meanwhile */
	unsigned add_on_first;
};

static void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	f->r.fd = -1;
	f->r.cons = &f->cons;
	f->r.prod = &f->prod;
	f->r.data = f->data;
	f->r.size = SIZE;
}

/* Writes a record of len bytes, each byte fill, at the producer position
 * with header flags; the data's second copy mirrors the first. */
static void put(struct fake *f, uint32_t len, uint8_t fill, uint32_t flags)
{
	unsigned long pos = f->prod;
	uint8_t rec[8 + 512];
	uint32_t hdr[2] = { len | flags, 0 };
	size_t total = (8 + len + 7) & ~(size_t)7;

	assert_true(len <= 512);
	memcpy(rec, hdr, 8);
	memset(rec + 8, fill, len);
	for (size_t i = 0; i < total; i++) {
		size_t at = (pos + i) & (SIZE - 1);

		f->data[at] = f->data[at + SIZE] = i < 8 + len ? rec[i] : 0;
	}
	f->prod = pos + total;
}

/* The record at pos is written: its header's length without the busy bit. */
static void commit(struct fake *f, unsigned long pos, uint32_t len)
{
	size_t at = pos & (SIZE - 1);

	memcpy(f->data + at, &len, sizeof(len));
	memcpy(f->data + at + SIZE, &len, sizeof(len));
}

static void on_record(void *ctx, const void *data, uint32_t size)
{
	struct fake *f = ctx;
	const uint8_t *b = data;

	for (uint32_t i = 1; i < size; i++)
		assert_int_equal(b[i], b[0]);
	f->sizes[f->n] = size;
	f->first[f->n] = size ? b[0] : 0;
	f->cons_seen[f->n] = f->cons;
	f->n++;
	if (f->n == 1)
		for (unsigned i = 0; i < f->add_on_first; i++)
			put(f, 16, 0xee, 0);
}

static void test_in_order_discarded_skipped(void **state)
{
	struct fake f;

	(void)state;
	fake_init(&f);
	put(&f, 5, 1, 0);
	put(&f, 24, 2, BPF_RINGBUF_DISCARD_BIT);
	put(&f, 0, 0, 0);
	put(&f, 100, 3, 0);
	assert_int_equal(bpfring_read(&f.r, on_record, &f), 3);
	assert_int_equal(f.n, 3);
	assert_int_equal(f.sizes[0], 5);
	assert_int_equal(f.first[0], 1);
	assert_int_equal(f.sizes[1], 0);
	assert_int_equal(f.sizes[2], 100);
	assert_int_equal(f.first[2], 3);
	/* every byte given back, each record rounded up to 8 with its header */
	assert_int_equal(f.cons, f.prod);
	assert_int_equal(f.cons, 16 + 32 + 8 + 112);
	/* nothing new: nothing read, nothing moved */
	assert_int_equal(bpfring_read(&f.r, on_record, &f), 0);
	assert_int_equal(f.cons, f.prod);
}

static void test_busy_stops(void **state)
{
	struct fake f;
	unsigned long busy_at;

	(void)state;
	fake_init(&f);
	put(&f, 8, 1, 0);
	busy_at = f.prod;
	put(&f, 8, 2, BPF_RINGBUF_BUSY_BIT);
	put(&f, 8, 3, 0);
	assert_int_equal(bpfring_read(&f.r, on_record, &f), 1);
	assert_int_equal(f.cons, busy_at);
	/* committed: the rest is read from there */
	commit(&f, busy_at, 8);
	assert_int_equal(bpfring_read(&f.r, on_record, &f), 2);
	assert_int_equal(f.first[1], 2);
	assert_int_equal(f.first[2], 3);
	assert_int_equal(f.cons, f.prod);
}

static void test_added_during_read_wait(void **state)
{
	struct fake f;
	unsigned long end;

	(void)state;
	fake_init(&f);
	put(&f, 8, 1, 0);
	put(&f, 8, 2, 0);
	end = f.prod;
	f.add_on_first = 3;
	assert_int_equal(bpfring_read(&f.r, on_record, &f), 2);
	assert_int_equal(f.cons, end);
	f.add_on_first = 0;
	assert_int_equal(bpfring_read(&f.r, on_record, &f), 3);
	assert_int_equal(f.first[4], 0xee);
	assert_int_equal(f.cons, f.prod);
}

static void test_across_the_end(void **state)
{
	struct fake f;

	(void)state;
	fake_init(&f);
	f.cons = f.prod = 3 * SIZE - 40;
	put(&f, 200, 7, 0);
	put(&f, 8, 8, 0);
	assert_int_equal(bpfring_read(&f.r, on_record, &f), 2);
	/* on_record checked all 200 bytes alike: read whole */
	assert_int_equal(f.sizes[0], 200);
	assert_int_equal(f.first[0], 7);
	assert_int_equal(f.first[1], 8);
	assert_int_equal(f.cons, 3 * SIZE - 40 + 208 + 16);
}

/* A read of more than an eighth of the ring (here 512 bytes) gives space
 * back while it goes on, and never more than it read. */
static void test_space_given_back_during_read(void **state)
{
	struct fake f;
	bool moved = false;

	(void)state;
	fake_init(&f);
	for (int i = 0; i < 30; i++)
		put(&f, 96, (uint8_t)i, 0);
	assert_int_equal(bpfring_read(&f.r, on_record, &f), 30);
	for (size_t i = 0; i < f.n; i++) {
		/* the records before this one, 104 bytes each */
		assert_true(f.cons_seen[i] <= i * 104);
		assert_true(i * 104 - f.cons_seen[i] < 512 + 104);
		moved |= f.cons_seen[i] > 0;
	}
	assert_true(moved);
	assert_int_equal(f.cons, 30 * 104);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order_discarded_skipped),
		cmocka_unit_test(test_busy_stops),
		cmocka_unit_test(test_added_during_read_wait),
		cmocka_unit_test(test_across_the_end),
		cmocka_unit_test(test_space_given_back_during_read),
	};

	return cmocka_run_group_tests_name("bpfring", tests, NULL, NULL);
}
