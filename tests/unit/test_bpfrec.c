/* bpfrec: records of the BPF program's ring (bpf/records.h) built in
 * memory as the program writes them, each turned into its events; the
 * same records cut short or with a payload size past the record give no
 * event and read nothing past the record (ASan and valgrind watch). And
 * the ring's size: a power of two, 2 GiB at most for all CPUs. */
#include "unit.h"

#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bpf/records.h"
#include "decode/capture.h"
#include "transport/bpfrec.h"

enum { ID_ENTER = 21, ID_EXIT = 22 };

/* raw_syscalls' layouts, where the program puts the fields */
static const struct tp_layout enter_layout = {
	.id = ID_ENTER, .kind = EV_SYS_ENTER,
	.nr_off = offsetof(struct lt_rec_enter, id) - sizeof(struct lt_rec_head), .nr_size = 8,
	.args_off = offsetof(struct lt_rec_enter, args) - sizeof(struct lt_rec_head), .nargs = 6,
};

static const struct tp_layout exit_layout = {
	.id = ID_EXIT, .kind = EV_SYS_EXIT,
	.nr_off = offsetof(struct lt_rec_exit, id) - sizeof(struct lt_rec_head), .nr_size = 8,
	.ret_off = offsetof(struct lt_rec_exit, ret) - sizeof(struct lt_rec_head),
};

static struct record_parser parser;

static int setup(void **state)
{
	(void)state;
	record_parser_init(&parser);
	record_parser_add(&parser, &enter_layout);
	record_parser_add(&parser, &exit_layout);
	return 0;
}

static void head(struct lt_rec_head *h, uint16_t kind, size_t total)
{
	h->ts = 1000;
	h->pid = 40;
	h->tid = 41;
	h->kind = kind;
	h->cpu = 1;
	h->size = (uint32_t)(total - sizeof(*h));
}

/* Parse the first len bytes of rec from a buffer of exactly len bytes,
 * so that a read past the record is one past the allocation. */
static int parse(const void *rec, size_t len, struct event ev[2])
{
	void *copy = malloc(len ? len : 1);
	int n;

	assert_non_null(copy);
	memcpy(copy, rec, len);
	n = bpfrec_parse(&parser, copy, len, ev);
	free(copy);
	return n;
}

static void test_enter_with_capture(void **state)
{
	struct {
		struct lt_rec_enter r;
		struct lt_cap cap;
		char path[16];
	} rec = { 0 };
	struct event ev[2];

	(void)state;
	head(&rec.r.h, LT_REC_SYSCALL, sizeof(rec));
	rec.r.c.common_type = ID_ENTER;
	rec.r.id = SYS_openat;
	rec.r.args[1] = 0x1000;
	rec.cap = (struct lt_cap){ .arg = 1, .kind = LT_CAP_STR, .len = 11 };
	memcpy(rec.path, "/etc/hosts", 11);
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_SYS_ENTER);
	assert_int_equal(ev[0].nr, SYS_openat);
	assert_int_equal(ev[0].tid, 41);
	assert_int_equal(ev[0].args[1], 0x1000);
	assert_non_null(ev[0].cap);
	assert_int_equal(ev[0].cap->size, sizeof(rec.cap) + sizeof(rec.path));
	assert_string_equal((const char *)capture_bytes(capture_find(ev[0].cap, 1)), "/etc/hosts");
	capture_free(ev[0].cap);
}

static void test_late_enter(void **state)
{
	struct lt_rec_enter rec = { 0 };
	struct event ev[2];

	(void)state;
	head(&rec.h, LT_REC_SYSCALL, sizeof(rec));
	rec.c.common_type = ID_ENTER;
	rec.c.common_flags = LT_ENTER_LATE;
	rec.id = SYS_read;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].late, 1);
	assert_null(ev[0].cap);
}

static void test_exit(void **state)
{
	struct lt_rec_exit rec = { 0 };
	struct event ev[2];

	(void)state;
	head(&rec.h, LT_REC_SYSCALL, sizeof(rec));
	rec.c.common_type = ID_EXIT;
	rec.id = SYS_read;
	rec.ret = -11;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_SYS_EXIT);
	assert_int_equal(ev[0].ret, -11);
	assert_null(ev[0].cap);
}

/* A getppid call record of thread 41, returning 7, stamped 1000 at its
 * exit and ts_enter at its entry, with cpu_ns of CPU time. */
static void quick_call(struct lt_rec_call *rec, uint64_t ts_enter, uint64_t cpu_ns)
{
	memset(rec, 0, sizeof(*rec));
	head(&rec->h, LT_REC_CALL, sizeof(*rec));
	rec->id = SYS_getppid;
	rec->ret = 7;
	rec->ts_enter = ts_enter;
	rec->cpu_ns = cpu_ns;
	rec->args[0] = 5;
}

/* A call's record the program read no clock for (ts 0) is timed just
 * after the latest event before it in the ring, on any CPU; timed events
 * keep their time, even one stamped before the latest (stamped after its
 * reservation). */
static void test_untimed_in_ring_order(void **state)
{
	struct lt_rec_enter rec = { 0 };
	struct lt_rec_call call;
	struct event ev[2], timed = { .ts = 5000 }, early = { .ts = 4000 };
	uint64_t latest = 0;

	(void)state;
	head(&rec.h, LT_REC_SYSCALL, sizeof(rec));
	rec.h.ts = 0;
	rec.c.common_type = ID_ENTER;
	rec.c.common_flags = LT_ENTER_LATE;
	rec.id = SYS_read;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].ts, 0);
	assert_int_equal(ev[0].late, 1);

	bpfrec_order(&latest, &timed);
	assert_int_equal(timed.ts, 5000);
	bpfrec_order(&latest, &early);
	assert_int_equal(early.ts, 4000);
	assert_int_equal(latest, 5000);
	bpfrec_order(&latest, &ev[0]);
	assert_int_equal(ev[0].ts, 5001);

	/* a lazy quick call, untimed: one event, after the entry */
	quick_call(&call, 0, LT_CPU_UNKNOWN);
	call.h.ts = 0;
	assert_int_equal(parse(&call, sizeof(call), ev), 1);
	assert_int_equal(ev[0].kind, EV_SYS_CALL);
	bpfrec_order(&latest, &ev[0]);
	assert_int_equal(ev[0].ts, 5002);

	/* one whose entry was stamped (a signal came in the call): the
	 * entry keeps its time, to go back before the signal; the exit
	 * follows the latest */
	quick_call(&call, 4500, LT_CPU_UNKNOWN);
	call.h.ts = 0;
	assert_int_equal(parse(&call, sizeof(call), ev), 2);
	bpfrec_order(&latest, &ev[0]);
	bpfrec_order(&latest, &ev[1]);
	assert_int_equal(ev[0].ts, 4500);
	assert_int_equal(ev[1].ts, 5003);

	/* a timed record is left as it is */
	rec.h.ts = 7000;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	bpfrec_order(&latest, &ev[0]);
	assert_int_equal(ev[0].ts, 7000);
	assert_int_equal(latest, 7000);
}

static void test_call_is_two_events(void **state)
{
	struct lt_rec_call rec;
	struct event ev[2];

	(void)state;
	quick_call(&rec, 900, 0);
	assert_int_equal(parse(&rec, sizeof(rec), ev), 2);
	assert_int_equal(ev[0].kind, EV_SYS_ENTER);
	assert_int_equal(ev[0].ts, 900);
	assert_int_equal(ev[0].args[0], 5);
	assert_int_equal(ev[1].kind, EV_SYS_EXIT);
	assert_int_equal(ev[1].ts, 1000);
	assert_int_equal(ev[1].tid, 41);
	assert_int_equal(ev[1].ret, 7);
}

/* A lazy quick call (its entry took no time, ip or CPU time of its own)
 * is one event: one queue slot, split again when it is handled. */
static void test_lazy_call_is_one_event(void **state)
{
	struct lt_rec_call rec;
	struct event ev[2];

	(void)state;
	quick_call(&rec, 1000, LT_CPU_UNKNOWN);
	rec.args[5] = 6;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_SYS_CALL);
	assert_int_equal(ev[0].nr, SYS_getppid);
	assert_int_equal(ev[0].ts, 1000);
	assert_int_equal(ev[0].tid, 41);
	assert_int_equal(ev[0].call.args[0], 5);
	assert_int_equal(ev[0].call.args[5], 6);
	assert_int_equal(ev[0].call.ret, 7);
	assert_null(ev[0].cap);
	/* with -i's ip, or a time or CPU time of its own, two */
	rec.ip = 0x401000;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 2);
	assert_int_equal(ev[0].ip, 0x401000);
	rec.ip = 0;
	rec.cpu_ns = 30;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 2);
	assert_true(ev[1].cpu_known);
	rec.cpu_ns = LT_CPU_UNKNOWN;
	rec.ts_enter = 900;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 2);
}

static void test_task_records(void **state)
{
	struct lt_rec_task rec = { 0 };
	struct event ev[2];

	(void)state;
	head(&rec.h, LT_REC_FORK, sizeof(rec));
	rec.ppid = 39;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_FORK);
	assert_int_equal(ev[0].fork.ppid, 39);
	head(&rec.h, LT_REC_EXEC, sizeof(rec));
	/* a comm of 16 bytes without NUL: cut to 15 */
	memcpy(rec.comm, "0123456789abcdef", LT_COMM_LEN);
	rec.ptid = 45;	/* exec'd by thread 45, now 41 */
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_COMM);
	assert_string_equal(ev[0].comm.comm, "0123456789abcde");
	assert_int_equal(ev[0].comm.old_tid, 45);
	head(&rec.h, LT_REC_EXIT, sizeof(rec));
	rec.status = 3 << 8;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_TASK_EXIT);
	assert_int_equal(ev[0].exit.status, 3 << 8);
	assert_int_equal(ev[0].exit.superseded, 45);
}

/* A deferred call (a read that did not sleep): the whole call in one
 * record, its exit's captures after it: one event with the captures,
 * or two, the captures the exit's, when its entry has an ip of its own. */
static void test_deferred_call_with_captures(void **state)
{
	struct {
		struct lt_rec_call call;
		struct lt_cap cap;
		char buf[8];
	} rec = { 0 };
	struct event ev[2];

	(void)state;
	quick_call(&rec.call, 1000, LT_CPU_UNKNOWN);
	head(&rec.call.h, LT_REC_CALL, sizeof(rec));
	rec.call.id = SYS_read;
	rec.call.args[1] = 0x7000;
	rec.call.ret = 3;
	rec.cap = (struct lt_cap){ .arg = 1, .kind = LT_CAP_BUF_OUT, .at_exit = 1, .len = 3 };
	memcpy(rec.buf, "hi\n", 3);
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_SYS_CALL);
	assert_int_equal(ev[0].nr, SYS_read);
	assert_int_equal(ev[0].call.args[1], 0x7000);
	assert_int_equal(ev[0].call.ret, 3);
	assert_non_null(ev[0].cap);
	assert_memory_equal(capture_bytes(capture_find(ev[0].cap, 1)), "hi\n", 3);
	capture_free(ev[0].cap);

	rec.call.ip = 0x401000;
	assert_int_equal(parse(&rec, sizeof(rec), ev), 2);
	assert_int_equal(ev[0].kind, EV_SYS_ENTER);
	assert_int_equal(ev[0].nr, SYS_read);
	assert_int_equal(ev[0].args[1], 0x7000);
	assert_int_equal(ev[0].ip, 0x401000);
	assert_null(ev[0].cap);
	assert_int_equal(ev[1].kind, EV_SYS_EXIT);
	assert_int_equal(ev[1].ret, 3);
	assert_false(ev[1].cpu_known);
	assert_non_null(ev[1].cap);
	assert_memory_equal(capture_bytes(capture_find(ev[1].cap, 1)), "hi\n", 3);
	capture_free(ev[1].cap);
}

/* A deferred write that did not sleep: its buffer, copied at its exit,
 * goes with its entry, also when the record stands for two events. */
static void test_deferred_write(void **state)
{
	struct {
		struct lt_rec_call call;
		struct lt_cap cap;
		char buf[8];
	} rec = { 0 };
	struct event ev[2];

	(void)state;
	quick_call(&rec.call, 1000, LT_CPU_UNKNOWN);
	head(&rec.call.h, LT_REC_CALL, sizeof(rec));
	rec.call.id = SYS_write;
	rec.call.args[1] = 0x7000;
	rec.call.ret = 3;
	rec.cap = (struct lt_cap){ .arg = 1, .kind = LT_CAP_BUF_IN, .at_exit = 0, .len = 3 };
	memcpy(rec.buf, "ok\n", 3);
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_SYS_CALL);
	assert_true(capture_is_entry(ev[0].cap));
	capture_free(ev[0].cap);

	rec.call.ip = 0x401000;	/* -i: two events */
	assert_int_equal(parse(&rec, sizeof(rec), ev), 2);
	assert_int_equal(ev[0].kind, EV_SYS_ENTER);
	assert_non_null(ev[0].cap);
	assert_memory_equal(capture_bytes(capture_find(ev[0].cap, 1)), "ok\n", 3);
	assert_null(ev[1].cap);
	capture_free(ev[0].cap);
}

/* A direct record (a write's entry) is reserved with room for -s's
 * bytes: the ring's record is longer than its head says, and the padding
 * is no capture. */
static void test_direct_record_padding(void **state)
{
	struct {
		struct lt_rec_enter r;
		struct lt_cap cap;
		uint64_t data[5];
	} rec;
	struct event ev[2];

	(void)state;
	memset(&rec, 0xa5, sizeof(rec));	/* what the ring left there */
	memset(&rec.r, 0, sizeof(rec.r));
	head(&rec.r.h, LT_REC_SYSCALL, sizeof(rec.r) + sizeof(rec.cap) + 8);
	rec.r.c.common_type = ID_ENTER;
	rec.r.id = SYS_write;
	rec.r.args[1] = 0x2000;
	rec.cap = (struct lt_cap){ .arg = 1, .kind = LT_CAP_BUF_IN, .len = 3 };
	memcpy(rec.data, "ab\n", 3);
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_SYS_ENTER);
	assert_non_null(ev[0].cap);
	assert_int_equal(ev[0].cap->size, sizeof(rec.cap) + 8);
	assert_memory_equal(capture_bytes(capture_find(ev[0].cap, 1)), "ab\n", 3);
	assert_null(capture_find(ev[0].cap, 0xa5));
	capture_free(ev[0].cap);
}

/* LT_REC_CAPS: the head, then captures as after an entry record */
static void test_captures_record(void **state)
{
	struct {
		struct lt_rec_head h;
		struct lt_cap cap;
		char path[8];
	} rec = { 0 };
	struct event ev[2];

	(void)state;
	head(&rec.h, LT_REC_CAPS, sizeof(rec));
	rec.cap = (struct lt_cap){ .arg = 0, .kind = LT_CAP_PATH, .len = 5 };
	memcpy(rec.path, "/tmp", 5);
	assert_int_equal(parse(&rec, sizeof(rec), ev), 1);
	assert_int_equal(ev[0].kind, EV_CAPTURE);
	assert_int_equal(ev[0].tid, 41);
	assert_string_equal((const char *)capture_bytes(capture_find(ev[0].cap, 0)), "/tmp");
	capture_free(ev[0].cap);
	/* none: no event */
	head(&rec.h, LT_REC_CAPS, sizeof(rec.h));
	assert_int_equal(parse(&rec, sizeof(rec.h), ev), 0);
}

static void test_lost_usdt_signal(void **state)
{
	struct lt_rec_lost lost = { 0 };
	struct lt_rec_usdt usdt = { 0 };
	struct lt_rec_signal sig = { 0 };
	struct event ev[2];

	(void)state;
	head(&lost.h, LT_REC_LOST, sizeof(lost));
	lost.count = 12;
	assert_int_equal(parse(&lost, sizeof(lost), ev), 1);
	assert_int_equal(ev[0].kind, EV_LOST);
	assert_int_equal(ev[0].lost, 12);
	head(&usdt.h, LT_REC_USDT, sizeof(usdt));
	usdt.probe = 3;
	assert_int_equal(parse(&usdt, sizeof(usdt), ev), 1);
	assert_int_equal(ev[0].kind, EV_USDT);
	assert_int_equal(ev[0].nr, 3);
	assert_int_equal(ev[0].cap->size, sizeof(usdt) - sizeof(usdt.h));
	capture_free(ev[0].cap);
	head(&sig.h, LT_REC_SIGNAL, sizeof(sig));
	sig.sig = 15;
	assert_int_equal(parse(&sig, sizeof(sig), ev), 1);
	assert_int_equal(ev[0].kind, EV_SIGNAL);
	assert_int_equal(ev[0].nr, 15);
	assert_int_equal(ev[0].cap->size, LT_SIGINFO_SIZE);
	capture_free(ev[0].cap);
}

/* Every kind cut at every length short of its fixed part, and with a
 * payload size one past the record: no event, no read past the record. */
static void test_cut_short_and_oversized(void **state)
{
	union {
		struct lt_rec_head h;
		struct lt_rec_enter enter;
		struct lt_rec_exit exit;
		struct lt_rec_call call;
		struct lt_rec_lost lost;
		struct lt_rec_task task;
		struct lt_rec_usdt usdt;
		struct lt_rec_signal sig;
	} rec;
	static const struct {
		uint16_t kind, type;
		size_t size;
	} kinds[] = {
		{ LT_REC_SYSCALL, ID_ENTER, sizeof(struct lt_rec_enter) },
		{ LT_REC_SYSCALL, ID_EXIT, sizeof(struct lt_rec_exit) },
		{ LT_REC_CALL, 0, sizeof(struct lt_rec_call) },
		{ LT_REC_LOST, 0, sizeof(struct lt_rec_lost) },
		{ LT_REC_FORK, 0, sizeof(struct lt_rec_task) },
		{ LT_REC_EXEC, 0, sizeof(struct lt_rec_task) },
		{ LT_REC_EXIT, 0, sizeof(struct lt_rec_task) },
		{ LT_REC_USDT, 0, sizeof(struct lt_rec_usdt) },
		{ LT_REC_SIGNAL, 0, sizeof(struct lt_rec_signal) },
		{ LT_REC_CAPS, 0, sizeof(struct lt_rec_head) + 1 },
	};
	struct event ev[2];

	(void)state;
	for (size_t k = 0; k < UNIT_LEN(kinds); k++) {
		for (size_t len = 0; len < kinds[k].size; len++) {
			memset(&rec, 0, sizeof(rec));
			/* the header says the whole record; the ring gives len */
			head(&rec.h, kinds[k].kind, kinds[k].size);
			rec.enter.c.common_type = kinds[k].type;
			assert_int_equal(parse(&rec, len, ev), 0);
			/* and a header that says what the ring gives */
			if (len >= sizeof(rec.h)) {
				head(&rec.h, kinds[k].kind, len);
				assert_int_equal(parse(&rec, len, ev), 0);
			}
		}
		memset(&rec, 0, sizeof(rec));
		head(&rec.h, kinds[k].kind, kinds[k].size + 1);
		rec.enter.c.common_type = kinds[k].type;
		assert_int_equal(parse(&rec, kinds[k].size, ev), 0);
	}
}

static void test_unknown_kind_and_type(void **state)
{
	struct lt_rec_enter rec = { 0 };
	struct event ev[2];

	(void)state;
	head(&rec.h, 99, sizeof(rec));
	assert_int_equal(parse(&rec, sizeof(rec), ev), 0);
	head(&rec.h, LT_REC_SYSCALL, sizeof(rec));
	rec.c.common_type = 555;	/* no layout */
	assert_int_equal(parse(&rec, sizeof(rec), ev), 0);
	rec.c.common_type = 0xffff;	/* past the parser's table */
	assert_int_equal(parse(&rec, sizeof(rec), ev), 0);
}

static void test_ring_sizes(void **state)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	(void)state;
	assert_int_equal(bpfrec_ring_bytes(4 << 20, 2), 8 << 20);
	assert_int_equal(bpfrec_ring_bytes(4 << 20, 3), 16 << 20);
	assert_int_equal(bpfrec_ring_bytes(1, 1), page);
	/* the ring holds 2 GiB: per CPU, the largest power of two that fits */
	assert_int_equal(bpfrec_max_per_cpu(1), (size_t)2 << 30);
	assert_int_equal(bpfrec_max_per_cpu(2), (size_t)1 << 30);
	assert_int_equal(bpfrec_max_per_cpu(3), (size_t)512 << 20);
	assert_int_equal(bpfrec_max_per_cpu(64), (size_t)32 << 20);
	assert_int_equal(bpfrec_max_per_cpu(65), (size_t)16 << 20);
	for (int n = 1; n <= 4096; n++)
		assert_true(bpfrec_ring_bytes(bpfrec_max_per_cpu(n), n) <= (size_t)2 << 30);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(test_enter_with_capture, setup),
	cmocka_unit_test_setup(test_late_enter, setup),
	cmocka_unit_test_setup(test_untimed_in_ring_order, setup),
	cmocka_unit_test_setup(test_exit, setup),
	cmocka_unit_test_setup(test_call_is_two_events, setup),
	cmocka_unit_test_setup(test_lazy_call_is_one_event, setup),
	cmocka_unit_test_setup(test_deferred_call_with_captures, setup),
	cmocka_unit_test_setup(test_direct_record_padding, setup),
	cmocka_unit_test_setup(test_deferred_write, setup),
	cmocka_unit_test_setup(test_task_records, setup),
	cmocka_unit_test_setup(test_captures_record, setup),
	cmocka_unit_test_setup(test_lost_usdt_signal, setup),
	cmocka_unit_test_setup(test_cut_short_and_oversized, setup),
	cmocka_unit_test_setup(test_unknown_kind_and_type, setup),
	cmocka_unit_test(test_ring_sizes),
};

UNIT_MAIN("bpfrec", tests)
