/* table: one row per syscall. Every syscall the headers name has its row;
 * every row names its arguments as this kernel's tracepoint formats do (so
 * root: exits 77 without tracefs); what a row says about an argument
 * points at arguments that exist and copies only through pointers. */
#include "unit.h"

#include <sys/syscall.h>
#include <unistd.h>

#include "bpf/capture.h"
#include "syscalls/formats.h"
#include "syscalls/systab.h"
#include "syscalls/table.h"

static struct formats *formats;

static int setup(void **state)
{
	char err[256];

	(void)state;
	return formats_open(&formats, err, sizeof(err)) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	formats_close(formats);
	return 0;
}

/* The index is the number: each row is the syscall the headers name so. */
static void test_every_syscall_has_its_row(void **state)
{
	int rows = 0;

	(void)state;
	for (int nr = 0; nr < systab_size(); nr++) {
		const char *name = systab_name(nr);

		if (!name)
			continue;
		if (!table_get(nr)->name)
			fail_msg("syscall %d (%s) has no row in table.def", nr, name);
		assert_string_equal(table_get(nr)->name, name);
		rows++;
	}
	assert_true(rows > 300);
	assert_null(table_get(-1)->name);
	assert_null(table_get(table_size())->name);
	assert_string_equal(table_get(SYS_openat)->name, "openat");
}

/* A row's arguments are the tracepoint's, by name and in order. */
static void test_rows_match_the_formats(void **state)
{
	int checked = 0;

	(void)state;
	for (int nr = 0; nr < table_size(); nr++) {
		const struct sc_info *s = table_get(nr);
		const struct sc_desc *sd;

		/* no tracepoint (module and long-gone syscalls): the row alone
		 * says their arguments */
		if (!s->name || !formats_syscall_event(formats, nr))
			continue;
		sd = formats_syscall(formats, nr);
		if (sd->nargs != table_nargs(s))
			fail_msg("%s: the kernel has %d arguments, the row %d", s->name, sd->nargs,
				 table_nargs(s));
		for (int i = 0; i < sd->nargs; i++) {
			if (strcmp(sd->argname[i], s->arg[i].name))
				fail_msg("%s: argument %d is '%s', the row says '%s'", s->name, i,
					 sd->argname[i], s->arg[i].name);
			/* fcntl's arg is a pointer only for the commands its
			 * row copies for (cap_when); an unsigned long that is
			 * a pointer only for some calls (prctl's arg2): the
			 * row's fix decides, per call; a socket's descriptor:
			 * the program reads the socket */
			if (s->arg[i].cap && !sd->is_pointer[i] && !s->cap_when && !s->fix &&
			    s->arg[i].cap != LT_CAP_SOCK)
				fail_msg("%s: the row copies through '%s', which is no pointer",
					 s->name, s->arg[i].name);
			checked++;
		}
	}
	assert_true(checked > 800);
}

static bool arg_ok(const struct sc_info *s, int i)
{
	return i >= 0 && i < table_nargs(s);
}

/* What a row points at exists: lengths, flags and paths are arguments. */
static void test_references_are_arguments(void **state)
{
	(void)state;
	for (int nr = 0; nr < table_size(); nr++) {
		const struct sc_info *s = table_get(nr);

		for (int i = 0; i < table_nargs(s); i++) {
			const struct sc_arg *a = &s->arg[i];
			bool counted = a->cap == LT_CAP_BUF_IN || a->cap == LT_CAP_ADDR_IN ||
				       a->cap == LT_CAP_ADDR_OUT || a->cap == LT_CAP_IOV_IN ||
				       a->cap == LT_CAP_IOV_OUT || a->cap == LT_CAP_ARR_OUT ||
				       a->cap == LT_CAP_ARR_INOUT || a->cap == LT_CAP_ARR_IN;

			assert_non_null(a->name);
			if (counted && a->lenarg != LT_LEN_RET && a->lenarg != LT_LEN_ONE &&
			    !arg_ok(s, a->lenarg))
				fail_msg("%s: %s's length is argument %d", s->name, a->name,
					 a->lenarg);
			if ((a->fmt == F_FN) != (a->fn != NULL))
				fail_msg("%s: %s: FN without a function", s->name, a->name);
		}
		if (s->cap_when && !arg_ok(s, s->cap_arg))
			fail_msg("%s: what it copies depends on argument %d", s->name, s->cap_arg);
		for (int i = 0, follows = 0; i < table_nargs(s); i++)
			if (s->arg[i].follow_size && (++follows > 1 || !s->arg[i].cap))
				fail_msg("%s: FOLLOW through %s: one per row, on a copied struct",
					 s->name, s->arg[i].name);
		if (s->fd.fx == FX_NONE)
			continue;
		if (s->fd.arg >= 0 && !arg_ok(s, s->fd.arg))
			fail_msg("%s: the descriptor effect names argument %d", s->name, s->fd.arg);
		if (s->fd.cx == CX_FLAG && !arg_ok(s, s->fd.flags))
			fail_msg("%s: close-on-exec is in argument %d", s->name, s->fd.flags);
		if (s->fd.fx == FX_RENAME && (!arg_ok(s, s->fd.arg2)))
			fail_msg("%s: the new name is argument %d", s->name, s->fd.arg2);
	}
}

/* A quick syscall never sleeps: with nothing to copy, its entry waits for
 * its exit, so one that can block must not be quick. */
static void test_quick_rows(void **state)
{
	static const int blocking[] = {
		SYS_read, SYS_write, SYS_futex, SYS_wait4, SYS_poll, SYS_epoll_wait, SYS_nanosleep,
		SYS_openat, SYS_fcntl, SYS_ioctl, SYS_accept, SYS_connect, SYS_recvfrom,
		SYS_pause, SYS_execve, SYS_clone,
	};
	int quick = 0;

	(void)state;
	for (int nr = 0; nr < table_size(); nr++)
		quick += table_get(nr)->quick;
	for (size_t i = 0; i < sizeof(blocking) / sizeof(blocking[0]); i++)
		if (table_get(blocking[i])->quick)
			fail_msg("%s can block, and is quick", table_get(blocking[i])->name);
	assert_true(table_get(SYS_getppid)->quick);
	assert_true(quick > 50);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_every_syscall_has_its_row),
	cmocka_unit_test(test_rows_match_the_formats),
	cmocka_unit_test(test_references_are_arguments),
	cmocka_unit_test(test_quick_rows),
};

int main(void)
{
	char err[256];
	struct formats *probe;

	/* tracepoint formats need tracefs: skip, do not fail, without it */
	if (getuid() || formats_open(&probe, err, sizeof(err)))
		return 77;
	formats_close(probe);
	return cmocka_run_group_tests_name("table", tests, setup, teardown);
}
