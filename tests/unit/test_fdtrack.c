/* fdtrack: -y's bookkeeping from the calls themselves, as each syscall's
 * row in the table says: open, dup, fcntl's F_DUPFD, pipe inodes, close,
 * close-on-exec across execve, a fork's copy, unlink and rename. The
 * process is one /proc does not know, so every name comes from the calls. */
#include "unit.h"

#include <fcntl.h>
#include <sys/syscall.h>

#include "bpf/capture.h"
#include "decode/capture.h"
#include "decode/decode.h"
#include "cli/opts.h"
#include "fd/fdtrack.h"
#include "pipeline/tasks.h"

/* far above pid_max: /proc never answers for it */
#define PID 0x7ffffff0u

struct blob {
	uint8_t data[512];
	size_t len;
};

static void add(struct blob *b, int arg, uint8_t kind, const void *bytes, uint32_t len)
{
	struct lt_cap cap = { .arg = (uint8_t)arg, .kind = kind, .len = len };

	memcpy(b->data + b->len, &cap, sizeof(cap));
	memcpy(b->data + b->len + sizeof(cap), bytes, len);
	b->len += sizeof(cap) + ((len + 7) & ~7u);
}

struct fixture {
	struct fdtrack *t;
	struct task task;
	struct dcall d;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->t = fdtrack_new(DECODE_FD_PATH);
	f->task.pid = f->task.tid = PID;
	*state = f;
	return f->t ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fdtrack_free(f->t);
	free(f);
	return 0;
}

/* Run call nr through fdtrack as the pipeline does, with a path capture
 * for argument path_arg when path is given. */
static void run(struct fixture *f, int nr, int64_t ret, const uint64_t args[6], int path_arg,
		const char *path)
{
	struct blob b = { .len = 0 };
	struct call c = { .task = &f->task, .nr = nr, .entered = true, .returned = true,
			  .ret = ret };

	memcpy(c.args, args, sizeof(c.args));
	if (path) {
		add(&b, path_arg, LT_CAP_PATH, path, (uint32_t)strlen(path) + 1);
		c.cap_enter = capture_from_record(b.data, b.len);
	}
	fdtrack_prepare(f->t, &c);
	fdtrack_apply(f->t, &c);
	capture_free((struct capture *)c.cap_enter);
}

/* How -y prints descriptor fd of the process now: "3</etc/x>", or "3". */
static const char *shown(struct fixture *f, int fd)
{
	struct call c = { .task = &f->task, .nr = SYS_close, .entered = true, .returned = true };
	struct dcall *d = &f->d;

	memset(d, 0, sizeof(*d));
	d->nargs = 1;
	d->arg[0] = (struct darg){ .kind = DARG_INT, .name = "fd", .value = (uint64_t)fd,
				   .fd = true };
	d->ret_kind = DRET_INT;
	fdtrack_prepare(f->t, &c);
	fdtrack_annotate(f->t, &c, d);
	if (d->arg[0].kind != DARG_SYM)
		return "(a number)";
	return d->arg[0].text;
}

static void open_at(struct fixture *f, const char *path, uint64_t flags, int fd)
{
	const uint64_t args[6] = { (uint64_t)AT_FDCWD, 0x1000, flags, 0 };

	run(f, SYS_openat, fd, args, 1, path);
}

static void test_open_dup_close(void **state)
{
	struct fixture *f = *state;
	const uint64_t dup2[6] = { 3, 7 }, dupfd[6] = { 3, F_DUPFD, 10 }, close3[6] = { 3 };

	open_at(f, "/nonexistent-lotrace/a", O_RDONLY, 3);
	assert_string_equal(shown(f, 3), "3</nonexistent-lotrace/a>");
	run(f, SYS_dup2, 7, dup2, -1, NULL);
	assert_string_equal(shown(f, 7), "7</nonexistent-lotrace/a>");
	run(f, SYS_fcntl, 10, dupfd, -1, NULL);
	assert_string_equal(shown(f, 10), "10</nonexistent-lotrace/a>");
	run(f, SYS_close, 0, close3, -1, NULL);
	assert_string_equal(shown(f, 3), "(a number)");
	assert_string_equal(shown(f, 7), "7</nonexistent-lotrace/a>");
}

/* A failed call changes nothing; close releases even then, but EBADF. */
static void test_failures(void **state)
{
	struct fixture *f = *state;
	const uint64_t close4[6] = { 4 };

	open_at(f, "/nonexistent-lotrace/b", O_RDONLY, -2);
	assert_string_equal(shown(f, 4), "(a number)");
	open_at(f, "/nonexistent-lotrace/b", O_RDONLY, 4);
	run(f, SYS_close, -9, close4, -1, NULL);
	assert_string_equal(shown(f, 4), "4</nonexistent-lotrace/b>");
	run(f, SYS_close, -4, close4, -1, NULL);
	assert_string_equal(shown(f, 4), "(a number)");
}

/* execve drops exactly the close-on-exec descriptors. */
static void test_exec_drops_cloexec(void **state)
{
	struct fixture *f = *state;
	const uint64_t exec[6] = { 0x1000, 0x2000, 0x3000 };

	open_at(f, "/nonexistent-lotrace/keep", O_RDONLY, 3);
	open_at(f, "/nonexistent-lotrace/drop", O_RDONLY | O_CLOEXEC, 4);
	run(f, SYS_execve, 0, exec, 0, "/bin/true");
	assert_string_equal(shown(f, 3), "3</nonexistent-lotrace/keep>");
	assert_string_equal(shown(f, 4), "(a number)");
}

/* A forked child starts with its parent's table; then they part. */
static void test_fork_copies(void **state)
{
	struct fixture *f = *state;
	const uint64_t close3[6] = { 3 };

	open_at(f, "/nonexistent-lotrace/shared", O_RDONLY, 3);
	fdtrack_fork(f->t, PID, PID + 1);
	f->task.pid = f->task.tid = PID + 1;
	assert_string_equal(shown(f, 3), "3</nonexistent-lotrace/shared>");
	run(f, SYS_close, 0, close3, -1, NULL);
	f->task.pid = f->task.tid = PID;
	assert_string_equal(shown(f, 3), "3</nonexistent-lotrace/shared>");
	fdtrack_exit(f->t, PID + 1);
}

/* unlink marks what is open as deleted; rename moves the name. */
static void test_unlink_and_rename(void **state)
{
	struct fixture *f = *state;
	struct blob b = { .len = 0 };
	struct call c = { .task = &f->task, .nr = SYS_rename, .entered = true, .returned = true };
	const uint64_t unlink[6] = { 0x1000 };

	open_at(f, "/nonexistent-lotrace/old", O_RDONLY, 3);
	add(&b, 0, LT_CAP_PATH, "/nonexistent-lotrace/old", 25);
	add(&b, 1, LT_CAP_PATH, "/nonexistent-lotrace/new", 25);
	c.cap_enter = capture_from_record(b.data, b.len);
	fdtrack_prepare(f->t, &c);
	fdtrack_apply(f->t, &c);
	capture_free((struct capture *)c.cap_enter);
	assert_string_equal(shown(f, 3), "3</nonexistent-lotrace/new>");
	run(f, SYS_unlink, 0, unlink, 0, "/nonexistent-lotrace/new");
	assert_string_equal(shown(f, 3), "3</nonexistent-lotrace/new>(deleted)");	/* as strace */
}

/* What the table makes -y ask of the kernel: the calls that change
 * descriptors, and inodes for pipes and sockets only. */
static void test_syscalls_and_plans(void **state)
{
	struct sysset set;
	struct lt_plan plan;

	(void)state;
	sysset_clear(&set);
	fdtrack_syscalls(&set);
	assert_true(sysset_has(&set, SYS_openat));
	assert_true(sysset_has(&set, SYS_close));
	assert_true(sysset_has(&set, SYS_dup3));
	assert_true(sysset_has(&set, SYS_execve));
	assert_false(sysset_has(&set, SYS_read));
	memset(&plan, 0, sizeof(plan));
	assert_true(fdtrack_plan(SYS_socket, &plan));
	assert_int_equal(plan.newfd, LT_NEWFD_RET);
	memset(&plan, 0, sizeof(plan));
	assert_true(fdtrack_plan(SYS_pipe2, &plan));
	assert_int_equal(plan.newfd, LT_NEWFD_PAIR);
	assert_int_equal(plan.newfd_arg, 0);
	assert_false(fdtrack_plan(SYS_openat, &plan));
	assert_false(fdtrack_plan(SYS_eventfd2, &plan));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_open_dup_close, setup, teardown),
	cmocka_unit_test_setup_teardown(test_failures, setup, teardown),
	cmocka_unit_test_setup_teardown(test_exec_drops_cloexec, setup, teardown),
	cmocka_unit_test_setup_teardown(test_fork_copies, setup, teardown),
	cmocka_unit_test_setup_teardown(test_unlink_and_rename, setup, teardown),
	cmocka_unit_test(test_syscalls_and_plans),
};

int main(void)
{
	return cmocka_run_group_tests_name("fdtrack", tests, NULL, NULL);
}
