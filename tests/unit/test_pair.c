/* pair: sys_enter and sys_exit joined per thread into calls; what comes
 * out for interleaved threads, exits without entries, entries without
 * exits, tasks that end inside a call, and rt_sigreturn's exit. */
#include "unit.h"

#include <errno.h>
#include <sys/syscall.h>

#include "decode/capture.h"
#include "pipeline/pair.h"
#include "pipeline/tasks.h"

#define MAX_EMITS 16

struct emitted {
	enum pair_what what;
	struct call c;
	uint8_t exit_byte;	/* argument 1's first exit byte, while it was there */
	uint8_t entry_byte;	/* and its first entry byte */
};

struct fx {
	struct tasks tasks;
	struct pair pair;
	struct emitted out[MAX_EMITS];
	int n;
};

static void record(void *ctx, enum pair_what what, const struct call *c)
{
	struct fx *fx = ctx;

	assert_true(fx->n < MAX_EMITS);
	fx->out[fx->n].what = what;
	fx->out[fx->n].c = *c;
	if (c->cap_exit && capture_find(c->cap_exit, 1))
		fx->out[fx->n].exit_byte = capture_bytes(capture_find(c->cap_exit, 1))[0];
	if (c->cap_enter && capture_find(c->cap_enter, 1))
		fx->out[fx->n].entry_byte = capture_bytes(capture_find(c->cap_enter, 1))[0];
	fx->n++;
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (!fx || tasks_init(&fx->tasks)) {
		free(fx);
		return -1;
	}
	pair_init(&fx->pair, record, fx);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	tasks_free(&fx->tasks);
	free(fx);
	return 0;
}

static struct task *task(struct fx *fx, uint32_t tid)
{
	struct task *k = tasks_get(&fx->tasks, tid, tid);

	assert_non_null(k);
	return k;
}

static void enter(struct fx *fx, uint32_t tid, int nr, uint64_t ts, uint64_t a0, uint64_t a1)
{
	struct event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = EV_SYS_ENTER;
	ev.pid = ev.tid = tid;
	ev.nr = nr;
	ev.ts = ts;
	ev.args[0] = a0;
	ev.args[1] = a1;
	ev.args[5] = 0x5555;
	pair_enter(&fx->pair, task(fx, tid), &ev);
}

static void leave(struct fx *fx, uint32_t tid, int nr, uint64_t ts, int64_t ret)
{
	struct event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = EV_SYS_EXIT;
	ev.pid = ev.tid = tid;
	ev.nr = nr;
	ev.ts = ts;
	ev.ret = ret;
	pair_exit(&fx->pair, task(fx, tid), &ev);
}

/* The i-th emitted call is what, on tid, syscall nr. */
static const struct call *emitted(struct fx *fx, int i, enum pair_what what, uint32_t tid, int nr)
{
	const struct emitted *e;

	assert_true(i < fx->n);
	e = &fx->out[i];
	assert_int_equal(e->what, what);
	assert_non_null(e->c.task);
	assert_int_equal(e->c.task->tid, tid);
	assert_ptr_equal(e->c.task, tasks_find(&fx->tasks, tid));
	assert_int_equal(e->c.nr, nr);
	return &e->c;
}

static void test_enter_then_exit(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	enter(fx, 10, SYS_read, 1000, 3, 0x7ffd0000);
	assert_int_equal(fx->n, 1);
	c = emitted(fx, 0, PAIR_ENTER, 10, SYS_read);
	assert_true(c->entered);
	assert_false(c->returned);
	assert_int_equal(c->ts_enter, 1000);
	assert_int_equal(c->args[0], 3);
	assert_int_equal(c->args[1], 0x7ffd0000);
	assert_int_equal(c->args[5], 0x5555);

	leave(fx, 10, SYS_read, 1500, 42);
	assert_int_equal(fx->n, 2);
	c = emitted(fx, 1, PAIR_EXIT, 10, SYS_read);
	assert_true(c->entered);
	assert_true(c->returned);
	assert_int_equal(c->ts_enter, 1000);
	assert_int_equal(c->ts_exit, 1500);
	assert_int_equal(c->ret, 42);
	assert_int_equal(c->args[0], 3);
	assert_int_equal(c->args[1], 0x7ffd0000);
	assert_false(task(fx, 10)->pending.active);
}

/* EV_SYS_CALL: one PAIR_CALL, entered and returned at its one time; an
 * entry pending before it ends as another entry would end it. */
static void test_whole_call(void **state)
{
	struct fx *fx = *state;
	struct event ev;
	const struct call *c;

	enter(fx, 15, SYS_execve, 500, 0x1000, 0x2000);
	memset(&ev, 0, sizeof(ev));
	ev.kind = EV_SYS_CALL;
	ev.pid = ev.tid = 15;
	ev.nr = SYS_getppid;
	ev.ts = 1000;
	ev.call.args[0] = 7;
	ev.call.ret = 1;
	pair_call(&fx->pair, task(fx, 15), &ev);
	assert_int_equal(fx->n, 3);
	emitted(fx, 1, PAIR_NORETURN, 15, SYS_execve);
	c = emitted(fx, 2, PAIR_CALL, 15, SYS_getppid);
	assert_true(c->entered);
	assert_true(c->returned);
	assert_false(c->late);
	assert_int_equal(c->entry_tid, 15);
	assert_int_equal(c->ts_enter, 1000);
	assert_int_equal(c->ts_exit, 1000);
	assert_int_equal(c->args[0], 7);
	assert_int_equal(c->ret, 1);
	assert_null(c->cap_enter);
	assert_null(c->cap_exit);
	assert_false(task(fx, 15)->pending.active);
	/* the task's latest call, for -n and -i */
	assert_int_equal(task(fx, 15)->pending.nr, SYS_getppid);
	assert_int_equal(task(fx, 15)->pending.ip, 0);
}

/* A deferred call (a read that did not sleep) comes whole with its
 * exit's captures: they are the PAIR_CALL's, and freed after it
 * (valgrind and ASan watch). */
static void test_whole_call_with_captures(void **state)
{
	struct fx *fx = *state;
	struct lt_cap cap = { .arg = 1, .kind = LT_CAP_BUF_OUT, .at_exit = 1, .len = 2 };
	uint8_t bytes[sizeof(cap) + 8] = { 0 };
	struct event ev;
	const struct call *c;

	memcpy(bytes, &cap, sizeof(cap));
	memcpy(bytes + sizeof(cap), "hi", 2);
	memset(&ev, 0, sizeof(ev));
	ev.kind = EV_SYS_CALL;
	ev.pid = ev.tid = 16;
	ev.nr = SYS_read;
	ev.ts = 1000;
	ev.call.args[1] = 0x7000;
	ev.call.ret = 2;
	ev.cap = capture_from_record(bytes, sizeof(bytes));
	assert_non_null(ev.cap);
	pair_call(&fx->pair, task(fx, 16), &ev);
	assert_int_equal(fx->n, 1);
	c = emitted(fx, 0, PAIR_CALL, 16, SYS_read);
	assert_non_null(c->cap_exit);
	assert_int_equal(fx->out[0].exit_byte, 'h');
	assert_null(c->cap_enter);
	assert_int_equal(c->ret, 2);
}

/* A deferred write that did not sleep: its buffer, copied at its exit,
 * is its entry's capture. */
static void test_whole_call_with_entry_captures(void **state)
{
	struct fx *fx = *state;
	struct lt_cap cap = { .arg = 1, .kind = LT_CAP_BUF_IN, .at_exit = 0, .len = 2 };
	uint8_t bytes[sizeof(cap) + 8] = { 0 };
	struct event ev;
	const struct call *c;

	memcpy(bytes, &cap, sizeof(cap));
	memcpy(bytes + sizeof(cap), "ok", 2);
	memset(&ev, 0, sizeof(ev));
	ev.kind = EV_SYS_CALL;
	ev.pid = ev.tid = 16;
	ev.nr = SYS_write;
	ev.ts = 1000;
	ev.call.args[1] = 0x7000;
	ev.call.ret = 2;
	ev.cap = capture_from_record(bytes, sizeof(bytes));
	assert_non_null(ev.cap);
	pair_call(&fx->pair, task(fx, 16), &ev);
	assert_int_equal(fx->n, 1);
	c = emitted(fx, 0, PAIR_CALL, 16, SYS_write);
	assert_non_null(c->cap_enter);
	assert_int_equal(fx->out[0].entry_byte, 'o');
	assert_null(c->cap_exit);
}

static void test_enter_sets_pending(void **state)
{
	struct fx *fx = *state;
	struct task *k = task(fx, 11);

	enter(fx, 11, SYS_write, 77, 1, 2);
	assert_true(k->pending.active);
	assert_int_equal(k->pending.nr, SYS_write);
	assert_int_equal(k->pending.ts, 77);
	assert_int_equal(k->pending.args[0], 1);
	assert_int_equal(k->pending.args[1], 2);
}

static void test_error_return(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	enter(fx, 12, SYS_openat, 10, 0, 0);
	leave(fx, 12, SYS_openat, 20, -ENOENT);
	c = emitted(fx, 1, PAIR_EXIT, 12, SYS_openat);
	assert_int_equal(c->ret, -ENOENT);
}

static void test_interleaved_threads(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	enter(fx, 20, SYS_read, 100, 0, 0);
	enter(fx, 21, SYS_write, 110, 1, 0);
	enter(fx, 22, SYS_nanosleep, 115, 0, 0);
	leave(fx, 21, SYS_write, 120, 5);
	leave(fx, 20, SYS_read, 130, 7);
	assert_int_equal(fx->n, 5);
	emitted(fx, 0, PAIR_ENTER, 20, SYS_read);
	emitted(fx, 1, PAIR_ENTER, 21, SYS_write);
	emitted(fx, 2, PAIR_ENTER, 22, SYS_nanosleep);
	c = emitted(fx, 3, PAIR_EXIT, 21, SYS_write);
	assert_true(c->entered);
	assert_int_equal(c->ts_enter, 110);
	assert_int_equal(c->ts_exit, 120);
	assert_int_equal(c->args[0], 1);
	assert_int_equal(c->ret, 5);
	c = emitted(fx, 4, PAIR_EXIT, 20, SYS_read);
	assert_true(c->entered);
	assert_int_equal(c->ts_enter, 100);
	assert_int_equal(c->ts_exit, 130);
	assert_int_equal(c->ret, 7);
	/* the third thread is still inside its call */
	assert_true(task(fx, 22)->pending.active);
	assert_false(task(fx, 20)->pending.active);
	assert_false(task(fx, 21)->pending.active);
}

static void test_exit_without_enter(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	/* attached while the thread was inside the call */
	leave(fx, 30, SYS_wait4, 500, 31);
	assert_int_equal(fx->n, 1);
	c = emitted(fx, 0, PAIR_EXIT, 30, SYS_wait4);
	assert_false(c->entered);
	assert_true(c->returned);
	assert_int_equal(c->ts_exit, 500);
	assert_int_equal(c->ts_enter, 0);
	assert_int_equal(c->ret, 31);
	for (int i = 0; i < 6; i++)
		assert_int_equal(c->args[i], 0);
}

static void test_enter_after_enter_is_noreturn(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	/* the exit of the first was lost, or it never returns (execve seen
	 * from the old image) */
	enter(fx, 40, SYS_execve, 100, 0x1000, 0x2000);
	enter(fx, 40, SYS_brk, 200, 0, 0);
	assert_int_equal(fx->n, 3);
	emitted(fx, 0, PAIR_ENTER, 40, SYS_execve);
	c = emitted(fx, 1, PAIR_NORETURN, 40, SYS_execve);
	assert_true(c->entered);
	assert_false(c->returned);
	assert_int_equal(c->ts_enter, 100);
	assert_int_equal(c->args[0], 0x1000);
	assert_int_equal(c->args[1], 0x2000);
	c = emitted(fx, 2, PAIR_ENTER, 40, SYS_brk);
	assert_int_equal(c->ts_enter, 200);
	assert_int_equal(task(fx, 40)->pending.nr, SYS_brk);

	leave(fx, 40, SYS_brk, 210, 0x55550000);
	c = emitted(fx, 3, PAIR_EXIT, 40, SYS_brk);
	assert_true(c->entered);
	assert_int_equal(c->ts_enter, 200);
}

static void test_exit_of_other_syscall(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	enter(fx, 50, SYS_read, 100, 0, 0);
	leave(fx, 50, SYS_write, 200, 1);
	/* the pending read never returned; the write's entry was not seen */
	assert_int_equal(fx->n, 3);
	c = emitted(fx, 1, PAIR_NORETURN, 50, SYS_read);
	assert_true(c->entered);
	assert_false(c->returned);
	c = emitted(fx, 2, PAIR_EXIT, 50, SYS_write);
	assert_false(c->entered);
	assert_true(c->returned);
	assert_int_equal(c->ret, 1);
	assert_false(task(fx, 50)->pending.active);
}

static void test_task_exit_with_pending_call(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	enter(fx, 60, SYS_exit_group, 100, 3, 0);
	pair_task_exit(&fx->pair, task(fx, 60));
	assert_int_equal(fx->n, 2);
	c = emitted(fx, 1, PAIR_NORETURN, 60, SYS_exit_group);
	assert_true(c->entered);
	assert_false(c->returned);
	assert_int_equal(c->args[0], 3);
	assert_int_equal(c->ts_enter, 100);
	assert_false(task(fx, 60)->pending.active);
	/* said once */
	pair_task_exit(&fx->pair, task(fx, 60));
	assert_int_equal(fx->n, 2);
}

static void test_task_exit_without_pending_call(void **state)
{
	struct fx *fx = *state;

	enter(fx, 61, SYS_close, 100, 3, 0);
	leave(fx, 61, SYS_close, 110, 0);
	pair_task_exit(&fx->pair, task(fx, 61));
	assert_int_equal(fx->n, 2);
}

static void test_task_exit_leaves_other_threads(void **state)
{
	struct fx *fx = *state;

	enter(fx, 62, SYS_futex, 100, 0, 0);
	enter(fx, 63, SYS_exit, 110, 0, 0);
	pair_task_exit(&fx->pair, task(fx, 63));
	assert_int_equal(fx->n, 3);
	emitted(fx, 2, PAIR_NORETURN, 63, SYS_exit);
	assert_true(task(fx, 62)->pending.active);
}

static void test_rt_sigreturn_exit_nr_minus_one(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	/* rt_sigreturn restores the interrupted frame, so its sys_exit
	 * carries nr -1: it still ends the pending call */
	enter(fx, 70, SYS_rt_sigreturn, 100, 0, 0);
	leave(fx, 70, -1, 120, 0);
	assert_int_equal(fx->n, 2);
	c = emitted(fx, 1, PAIR_EXIT, 70, SYS_rt_sigreturn);
	assert_true(c->entered);
	assert_true(c->returned);
	assert_int_equal(c->ts_enter, 100);
	assert_int_equal(c->ts_exit, 120);
	assert_int_equal(c->ret, 0);
	assert_false(task(fx, 70)->pending.active);
}

/* An exit numbered -1 (the kernel's for rt_sigreturn and restarts) with
 * no call pending ends nothing lotrace saw begin: -e trace= left the call
 * out, so it is not shown as a "<... syscall resumed>" line either. */
static void test_exit_nr_minus_one_without_pending(void **state)
{
	struct fx *fx = *state;

	leave(fx, 71, -1, 120, 0);
	assert_int_equal(fx->n, 0);
}

static void test_same_syscall_twice(void **state)
{
	struct fx *fx = *state;
	const struct call *c;

	enter(fx, 80, SYS_close, 100, 3, 0);
	leave(fx, 80, SYS_close, 110, 0);
	enter(fx, 80, SYS_close, 120, 4, 0);
	leave(fx, 80, SYS_close, 130, -EBADF);
	assert_int_equal(fx->n, 4);
	c = emitted(fx, 3, PAIR_EXIT, 80, SYS_close);
	assert_int_equal(c->args[0], 4);
	assert_int_equal(c->ts_enter, 120);
	assert_int_equal(c->ret, -EBADF);
}

/* A call that returns but whose exit never came (lost, perhaps reported
 * later) is no "= ?" line; records lost while a call ran make its exit
 * uncertain: neither is shown, nor an orphan exit. */
static void test_lost_exits_are_no_noreturn(void **state)
{
	struct fx *fx = *state;

	enter(fx, 50, SYS_read, 10, 3, 0);
	enter(fx, 50, SYS_getppid, 20, 0, 0);
	assert_int_equal(fx->n, 2);
	emitted(fx, 1, PAIR_ENTER, 50, SYS_getppid);
	pair_lost(&fx->pair, 0);
	leave(fx, 50, SYS_close, 40, 0);	/* its entry may have been lost */
	assert_int_equal(fx->n, 2);
	assert_false(task(fx, 50)->pending.active);
	pair_lost(&fx->pair, 0);
	leave(fx, 51, SYS_close, 45, 0);	/* a task first seen after a loss */
	assert_int_equal(fx->n, 2);
	enter(fx, 50, SYS_getppid, 50, 0, 0);
	leave(fx, 50, SYS_getppid, 60, 1);
	assert_int_equal(fx->n, 4);
	emitted(fx, 3, PAIR_EXIT, 50, SYS_getppid);
}

/* perf puts a loss after the ring's last record but knows only when it
 * ended: a call entered before that end may have lost its exit, even
 * when its entry comes after the loss in the stream (the task moved to
 * another CPU); one entered later has not. */
static void test_loss_until_covers_later_entries(void **state)
{
	struct fx *fx = *state;

	pair_lost(&fx->pair, 150);
	enter(fx, 90, SYS_getppid, 120, 0, 0);
	pair_task_exit(&fx->pair, task(fx, 90));
	assert_int_equal(fx->n, 1);	/* its entry, no "= ?" */
	emitted(fx, 0, PAIR_ENTER, 90, SYS_getppid);
	enter(fx, 91, SYS_getppid, 130, 0, 0);
	leave(fx, 91, SYS_getppid, 160, 1);	/* its exit may end another call */
	assert_int_equal(fx->n, 2);
	enter(fx, 92, SYS_exit_group, 170, 0, 0);
	pair_task_exit(&fx->pair, task(fx, 92));
	assert_int_equal(fx->n, 4);
	emitted(fx, 3, PAIR_NORETURN, 92, SYS_exit_group);
	/* an earlier end does not shorten the window */
	pair_lost(&fx->pair, 100);
	enter(fx, 93, SYS_getppid, 140, 0, 0);
	pair_task_exit(&fx->pair, task(fx, 93));
	assert_int_equal(fx->n, 5);
}

/* A task gone without its exit record lost that record, and perhaps the
 * exit of the call it was in: no "= ?" for a call that returns, but one
 * for the exit_group it ended in. */
static void test_vanished_task(void **state)
{
	struct fx *fx = *state;

	enter(fx, 95, SYS_getppid, 10, 0, 0);
	pair_task_vanished(&fx->pair, task(fx, 95));
	pair_task_exit(&fx->pair, task(fx, 95));
	assert_int_equal(fx->n, 1);
	enter(fx, 96, SYS_exit_group, 20, 0, 0);
	pair_task_vanished(&fx->pair, task(fx, 96));
	assert_int_equal(fx->n, 3);
	emitted(fx, 2, PAIR_NORETURN, 96, SYS_exit_group);
}

/* A new task's first event is its return from the parent's clone: strace
 * shows no line for it, so neither does pair; the parent's clone pairs. */
static void test_child_return_from_clone(void **state)
{
	struct fx *fx = *state;

	enter(fx, 40, SYS_clone, 10, 0x1200011, 0);
	leave(fx, 41, SYS_clone, 20, 0);
	leave(fx, 42, SYS_vfork, 21, 0);
	leave(fx, 40, SYS_clone, 30, 41);
	assert_int_equal(fx->n, 2);
	emitted(fx, 0, PAIR_ENTER, 40, SYS_clone);
	assert_int_equal(emitted(fx, 1, PAIR_EXIT, 40, SYS_clone)->ret, 41);
	/* a clone that failed, without its entry, is still shown */
	leave(fx, 43, SYS_clone, 40, -11);
	assert_int_equal(fx->n, 3);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static const struct CMUnitTest tests[] = {
	T(test_enter_then_exit),
	T(test_whole_call),
	T(test_whole_call_with_captures),
	T(test_whole_call_with_entry_captures),
	T(test_enter_sets_pending),
	T(test_error_return),
	T(test_interleaved_threads),
	T(test_exit_without_enter),
	T(test_enter_after_enter_is_noreturn),
	T(test_exit_of_other_syscall),
	T(test_task_exit_with_pending_call),
	T(test_task_exit_without_pending_call),
	T(test_task_exit_leaves_other_threads),
	T(test_rt_sigreturn_exit_nr_minus_one),
	T(test_exit_nr_minus_one_without_pending),
	T(test_same_syscall_twice),
	T(test_child_return_from_clone),
	T(test_lost_exits_are_no_noreturn),
	T(test_loss_until_covers_later_entries),
	T(test_vanished_task),
};

UNIT_MAIN("pair", tests)
