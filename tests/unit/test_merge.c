/* merge: per-CPU streams come out as one stream in timestamp order, only
 * up to the limit, across queue growth and the blocks' edges. */
#include "unit.h"

#include <errno.h>

#include "pipeline/merge.h"

static struct event ev_at(uint64_t ts, uint64_t id)
{
	struct event ev;

	memset(&ev, 0, sizeof(ev));
	ev.ts = ts;
	ev.kind = EV_SYS_ENTER;
	ev.args[0] = id;
	return ev;
}

static void push(struct merge *m, int cpu, uint64_t ts, uint64_t id)
{
	struct event ev = ev_at(ts, id);

	ev.cpu = (uint16_t)cpu;
	assert_int_equal(merge_push(m, cpu, &ev), 0);
}

/* Pop one event, expecting it to be (ts, id) from cpu. */
static void pop_is(struct merge *m, uint64_t limit, uint64_t ts, uint64_t id, int cpu)
{
	struct event out;

	memset(&out, 0xa5, sizeof(out));
	assert_true(merge_pop(m, limit, &out));
	assert_int_equal(out.ts, ts);
	assert_int_equal(out.args[0], id);
	assert_int_equal(out.cpu, cpu);
}

static void test_empty(void **state)
{
	struct merge m;
	struct event out;

	(void)state;
	assert_int_equal(merge_init(&m, 4), 0);
	assert_int_equal(m.nq, 4);
	assert_int_equal(merge_queued(&m), 0);
	assert_false(merge_pop(&m, UINT64_MAX, &out));
	merge_free(&m);
	assert_null(m.q);
	assert_int_equal(m.nq, 0);
}

static void test_bad_cpu(void **state)
{
	struct merge m;
	struct event ev = ev_at(1, 1);

	(void)state;
	assert_int_equal(merge_init(&m, 2), 0);
	assert_int_equal(merge_push(&m, -1, &ev), -ERANGE);
	assert_int_equal(merge_push(&m, 2, &ev), -ERANGE);
	assert_int_equal(merge_queued(&m), 0);
	merge_free(&m);
}

static void test_two_cpus_in_order(void **state)
{
	struct merge m;

	(void)state;
	assert_int_equal(merge_init(&m, 2), 0);
	push(&m, 0, 100, 1);
	push(&m, 0, 400, 4);
	push(&m, 0, 500, 5);
	push(&m, 1, 200, 2);
	push(&m, 1, 300, 3);
	push(&m, 1, 600, 6);
	assert_int_equal(merge_queued(&m), 6);
	pop_is(&m, UINT64_MAX, 100, 1, 0);
	pop_is(&m, UINT64_MAX, 200, 2, 1);
	pop_is(&m, UINT64_MAX, 300, 3, 1);
	pop_is(&m, UINT64_MAX, 400, 4, 0);
	pop_is(&m, UINT64_MAX, 500, 5, 0);
	pop_is(&m, UINT64_MAX, 600, 6, 1);
	assert_int_equal(merge_queued(&m), 0);
	merge_free(&m);
}

static void test_pop_copies_the_whole_event(void **state)
{
	struct merge m;
	struct event ev, out;

	(void)state;
	assert_int_equal(merge_init(&m, 1), 0);
	memset(&ev, 0, sizeof(ev));
	ev.ts = 7;
	ev.pid = 10;
	ev.tid = 11;
	ev.kind = EV_COMM;
	strcpy(ev.comm.comm, "worker");
	ev.comm.exec = 1;
	assert_int_equal(merge_push(&m, 0, &ev), 0);
	/* pushed by value: later changes to the caller's copy do not count */
	strcpy(ev.comm.comm, "changed");
	assert_true(merge_pop(&m, UINT64_MAX, &out));
	assert_int_equal(out.ts, 7);
	assert_int_equal(out.pid, 10);
	assert_int_equal(out.tid, 11);
	assert_int_equal(out.kind, EV_COMM);
	assert_string_equal(out.comm.comm, "worker");
	assert_int_equal(out.comm.exec, 1);
	merge_free(&m);
}

static void test_limit(void **state)
{
	struct merge m;
	struct event out;

	(void)state;
	assert_int_equal(merge_init(&m, 2), 0);
	push(&m, 0, 10, 1);
	push(&m, 1, 20, 2);
	push(&m, 0, 30, 3);
	push(&m, 1, 40, 4);
	/* the limit is inclusive */
	pop_is(&m, 20, 10, 1, 0);
	pop_is(&m, 20, 20, 2, 1);
	assert_false(merge_pop(&m, 20, &out));
	assert_false(merge_pop(&m, 29, &out));
	assert_int_equal(merge_queued(&m), 2);
	pop_is(&m, 30, 30, 3, 0);
	assert_false(merge_pop(&m, 39, &out));
	pop_is(&m, UINT64_MAX, 40, 4, 1);
	assert_false(merge_pop(&m, UINT64_MAX, &out));
	merge_free(&m);
}

static void test_limit_zero(void **state)
{
	struct merge m;
	struct event out;

	(void)state;
	assert_int_equal(merge_init(&m, 1), 0);
	push(&m, 0, 1, 1);
	assert_false(merge_pop(&m, 0, &out));
	push(&m, 0, 1, 2);
	assert_int_equal(merge_queued(&m), 2);
	merge_free(&m);
}

static void test_older_event_blocked_behind_limit_on_other_cpu(void **state)
{
	struct merge m;
	struct event out;

	(void)state;
	assert_int_equal(merge_init(&m, 3), 0);
	push(&m, 2, 50, 1);
	push(&m, 0, 90, 2);
	/* only what is at or before the limit, oldest first, whatever the CPU */
	pop_is(&m, 60, 50, 1, 2);
	assert_false(merge_pop(&m, 60, &out));
	merge_free(&m);
}

static void test_ties_across_cpus(void **state)
{
	struct merge m;

	(void)state;
	assert_int_equal(merge_init(&m, 3), 0);
	push(&m, 2, 10, 3);
	push(&m, 1, 10, 2);
	push(&m, 0, 10, 1);
	push(&m, 1, 11, 4);
	/* equal stamps: each once, lowest CPU first, deterministically */
	pop_is(&m, UINT64_MAX, 10, 1, 0);
	pop_is(&m, UINT64_MAX, 10, 2, 1);
	pop_is(&m, UINT64_MAX, 10, 3, 2);
	pop_is(&m, UINT64_MAX, 11, 4, 1);
	assert_int_equal(merge_queued(&m), 0);
	merge_free(&m);
}

static void test_ties_within_cpu_keep_order(void **state)
{
	struct merge m;

	(void)state;
	assert_int_equal(merge_init(&m, 2), 0);
	push(&m, 1, 5, 1);
	push(&m, 1, 5, 2);
	push(&m, 1, 5, 3);
	pop_is(&m, 5, 5, 1, 1);
	pop_is(&m, 5, 5, 2, 1);
	pop_is(&m, 5, 5, 3, 1);
	merge_free(&m);
}

/* More than one block holds: 5000 events span five. */
static void test_growth(void **state)
{
	enum { N = 5000 };
	struct merge m;

	(void)state;
	assert_int_equal(merge_init(&m, 2), 0);
	for (uint64_t i = 0; i < N; i++)
		push(&m, 1, 1000 + i, i);
	assert_int_equal(merge_queued(&m), N);
	assert_true(m.q[1].nblk * MERGE_BLOCK >= N);
	for (uint64_t i = 0; i < N; i++)
		pop_is(&m, UINT64_MAX, 1000 + i, i, 1);
	assert_int_equal(merge_queued(&m), 0);
	merge_free(&m);
}

/* The oldest block drains while pushes fill new ones: the order survives
 * blocks moving to the spares and coming back. */
static void test_blocks_recycled(void **state)
{
	struct merge m;
	uint64_t next_push = 0, next_pop = 0;
	size_t blocks;

	(void)state;
	assert_int_equal(merge_init(&m, 1), 0);
	/* fill three blocks and a bit, drain all but a few */
	while (next_push < 3 * MERGE_BLOCK + 5) {
		push(&m, 0, next_push, next_push);
		next_push++;
	}
	blocks = m.q[0].nblk;
	assert_int_equal(blocks, 4);
	while (next_pop < next_push - 3) {
		pop_is(&m, UINT64_MAX, next_pop, next_pop, 0);
		next_pop++;
	}
	assert_int_equal(m.q[0].nblk, 1);
	assert_int_equal(m.nspare, 3);
	/* refill: the spares are taken before anything is allocated */
	while (next_push < next_pop + 3 * MERGE_BLOCK) {
		push(&m, 0, next_push, next_push);
		next_push++;
	}
	assert_int_equal(m.nspare, 0);
	assert_int_equal(merge_queued(&m), next_push - next_pop);
	while (next_pop < next_push) {
		pop_is(&m, UINT64_MAX, next_pop, next_pop, 0);
		next_pop++;
	}
	assert_int_equal(merge_queued(&m), 0);
	merge_free(&m);
}

static void test_interleaved_push_pop(void **state)
{
	struct merge m;
	uint64_t next_push = 0, next_pop = 0;

	(void)state;
	assert_int_equal(merge_init(&m, 2), 0);
	/* push three, pop two: the queues wrap many times and grow twice */
	for (int round = 0; round < 3000; round++) {
		for (int k = 0; k < 3; k++) {
			push(&m, (int)(next_push % 2), next_push, next_push);
			next_push++;
		}
		for (int k = 0; k < 2; k++) {
			pop_is(&m, UINT64_MAX, next_pop, next_pop, (int)(next_pop % 2));
			next_pop++;
		}
	}
	assert_int_equal(merge_queued(&m), next_push - next_pop);
	while (next_pop < next_push) {
		pop_is(&m, UINT64_MAX, next_pop, next_pop, (int)(next_pop % 2));
		next_pop++;
	}
	merge_free(&m);
}

/* A quick syscall's entry comes after what its CPU recorded during the
 * call: it goes back into place, also across a block's edge. */
static void test_late_event_goes_into_place(void **state)
{
	struct merge m;

	(void)state;
	assert_int_equal(merge_init(&m, 1), 0);
	for (uint64_t i = 0; i < MERGE_BLOCK - 3; i++)
		push(&m, 0, i, i);
	for (uint64_t i = 0; i < MERGE_BLOCK - 3; i++)
		pop_is(&m, UINT64_MAX, i, i, 0);
	for (uint64_t i = 0; i < MERGE_BLOCK - 3; i++)
		push(&m, 0, 1000 + i, i);
	for (uint64_t i = 0; i < MERGE_BLOCK - 3; i++)
		pop_is(&m, UINT64_MAX, 1000 + i, i, 0);
	push(&m, 0, 2000, 1);
	push(&m, 0, 2010, 2);
	push(&m, 0, 2020, 3);
	push(&m, 0, 2005, 4);	/* late, and across the block's edge */
	push(&m, 0, 2010, 5);	/* a tie keeps arrival order */
	pop_is(&m, UINT64_MAX, 2000, 1, 0);
	pop_is(&m, UINT64_MAX, 2005, 4, 0);
	pop_is(&m, UINT64_MAX, 2010, 2, 0);
	pop_is(&m, UINT64_MAX, 2010, 5, 0);
	pop_is(&m, UINT64_MAX, 2020, 3, 0);
	merge_free(&m);
}

static void test_many_cpus(void **state)
{
	enum { CPUS = 8, PER_CPU = 1500 };
	struct merge m;

	(void)state;
	assert_int_equal(merge_init(&m, CPUS), 0);
	/* CPU c holds stamps c, c + CPUS, c + 2 * CPUS, ... */
	for (int c = CPUS - 1; c >= 0; c--)
		for (uint64_t i = 0; i < PER_CPU; i++)
			push(&m, c, i * CPUS + (uint64_t)c, i * CPUS + (uint64_t)c);
	for (uint64_t ts = 0; ts < (uint64_t)CPUS * PER_CPU; ts++)
		pop_is(&m, UINT64_MAX, ts, ts, (int)(ts % CPUS));
	assert_int_equal(merge_queued(&m), 0);
	merge_free(&m);
}

/* A burst grows a queue to what the rings held; draining keeps its blocks
 * as spares (nothing to fault in again next round), and merge_trim, once
 * the load is gone, gives the memory back (it used to keep its peak for
 * the rest of the trace), in order and without losing what is queued. */
static void test_shrinks_after_burst(void **state)
{
	enum { BURST = 200000 };
	struct merge m;
	size_t peak;

	(void)state;
	assert_int_equal(merge_init(&m, 2), 0);
	for (uint64_t i = 0; i < BURST; i++)
		push(&m, (int)(i & 1), i + 1, i);
	peak = m.q[0].nblk + m.q[1].nblk;
	assert_true(peak * MERGE_BLOCK >= BURST);
	/* half of it out: still in order, nothing lost */
	for (uint64_t i = 0; i < BURST / 2; i++)
		pop_is(&m, UINT64_MAX, i + 1, i, (int)(i & 1));
	for (uint64_t i = BURST / 2; i < BURST - 10; i++)
		pop_is(&m, UINT64_MAX, i + 1, i, (int)(i & 1));
	assert_int_equal(merge_queued(&m), 10);
	assert_int_equal(m.q[0].nblk + m.q[1].nblk + m.nspare, peak);
	merge_trim(&m);
	assert_int_equal(m.nspare, 0);
	assert_true(m.q[0].nblk <= 1 && m.q[1].nblk <= 1);
	merge_trim(&m);		/* nothing more to give back */
	for (uint64_t i = BURST - 10; i < BURST; i++)
		pop_is(&m, UINT64_MAX, i + 1, i, (int)(i & 1));
	assert_int_equal(merge_queued(&m), 0);
	/* drained, the queues keep nothing either, and work on afterwards */
	merge_trim(&m);
	assert_int_equal(m.q[0].nblk + m.q[1].nblk + m.nspare, 0);
	push(&m, 1, 5, 1);
	push(&m, 1, 4, 2);
	pop_is(&m, UINT64_MAX, 4, 2, 1);
	pop_is(&m, UINT64_MAX, 5, 1, 1);
	merge_free(&m);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_empty),
	cmocka_unit_test(test_bad_cpu),
	cmocka_unit_test(test_two_cpus_in_order),
	cmocka_unit_test(test_pop_copies_the_whole_event),
	cmocka_unit_test(test_limit),
	cmocka_unit_test(test_limit_zero),
	cmocka_unit_test(test_older_event_blocked_behind_limit_on_other_cpu),
	cmocka_unit_test(test_ties_across_cpus),
	cmocka_unit_test(test_ties_within_cpu_keep_order),
	cmocka_unit_test(test_growth),
	cmocka_unit_test(test_blocks_recycled),
	cmocka_unit_test(test_interleaved_push_pop),
	cmocka_unit_test(test_many_cpus),
	cmocka_unit_test(test_late_event_goes_into_place),
	cmocka_unit_test(test_shrinks_after_burst),
};

UNIT_MAIN("merge", tests)
