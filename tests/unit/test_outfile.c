/* outfile: the trace's stream keeps the first write error with its errno
 * (/dev/full: ENOSPC; a pipe without reader: EPIPE), takes the rest of the
 * trace without a second error, and a good file reads back whole. */
#include "unit.h"

#include "run/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_full_device(void **state)
{
	struct outfile *o = outfile_open("/dev/full", false);

	(void)state;
	assert_non_null(o);
	assert_string_equal(outfile_name(o), "/dev/full");
	assert_int_equal(outfile_error(o), 0);
	fprintf(outfile_stream(o), "read(3, \"\", 1) = 0\n");
	/* buffered: nothing was written yet */
	assert_int_equal(outfile_error(o), 0);
	fflush(outfile_stream(o));
	assert_int_equal(outfile_error(o), ENOSPC);
	/* the rest goes nowhere, and the first error stays */
	for (int i = 0; i < 100000; i++)
		fprintf(outfile_stream(o), "line %d\n", i);
	assert_int_equal(outfile_error(o), ENOSPC);
	assert_int_equal(outfile_close(o), ENOSPC);
}

static void test_error_at_close(void **state)
{
	struct outfile *o = outfile_open("/dev/full", false);

	(void)state;
	assert_non_null(o);
	/* never flushed before: the close's flush fails */
	fprintf(outfile_stream(o), "exit_group(0) = ?\n");
	assert_int_equal(outfile_close(o), ENOSPC);
}

static void test_reader_gone(void **state)
{
	char path[] = "/tmp/test_outfile.XXXXXX", fifo[64];
	struct outfile *o;
	int rfd;

	(void)state;
	signal(SIGPIPE, SIG_IGN);
	assert_non_null(mkdtemp(path));
	snprintf(fifo, sizeof(fifo), "%s/fifo", path);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	rfd = open(fifo, O_RDONLY | O_NONBLOCK);
	assert_true(rfd >= 0);
	o = outfile_open(fifo, false);
	assert_non_null(o);
	close(rfd);
	fprintf(outfile_stream(o), "write(1, \"x\", 1) = 1\n");
	fflush(outfile_stream(o));
	assert_int_equal(outfile_error(o), EPIPE);
	assert_int_equal(outfile_close(o), EPIPE);
	unlink(fifo);
	rmdir(path);
}

static void test_good_file(void **state)
{
	char path[] = "/tmp/test_outfile.XXXXXX", line[64];
	struct outfile *o;
	FILE *f;
	int fd = mkstemp(path), n = 0;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	o = outfile_open(path, false);
	assert_non_null(o);
	for (int i = 0; i < 20000; i++)
		fprintf(outfile_stream(o), "line %d\n", i);
	assert_int_equal(outfile_close(o), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	unlink(path);
	assert_int_equal(n, 20000);
}

/* the files sinks write themselves: a name starting with | is a file */
static void test_file_named_like_a_pipe(void **state)
{
	char dir[] = "/tmp/test_outfile.XXXXXX";
	int cwd = open(".", O_RDONLY | O_DIRECTORY);
	struct outfile *o;

	(void)state;
	assert_true(cwd >= 0);
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	o = outfile_open_file("|touch piped", false);
	assert_non_null(o);
	fprintf(outfile_stream(o), "getpid() = 1\n");
	assert_int_equal(outfile_close(o), 0);
	assert_int_equal(access("|touch piped", F_OK), 0);
	assert_int_not_equal(access("piped", F_OK), 0);
	unlink("|touch piped");
	assert_int_equal(fchdir(cwd), 0);
	close(cwd);
	rmdir(dir);
}

/* -ff's files, opened while lotrace's signals are blocked: a FIFO with
 * nobody reading is ENXIO at once; with a reader it is written as usual */
static void test_nowait_fifo(void **state)
{
	char dir[] = "/tmp/test_outfile.XXXXXX", fifo[64], got[32] = "";
	struct outfile *o;
	int rfd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	errno = 0;
	assert_null(outfile_open_nowait(fifo, false));
	assert_int_equal(errno, ENXIO);
	rfd = open(fifo, O_RDONLY | O_NONBLOCK);
	assert_true(rfd >= 0);
	o = outfile_open_nowait(fifo, false);
	assert_non_null(o);
	fprintf(outfile_stream(o), "getppid() = 1\n");
	assert_int_equal(outfile_close(o), 0);
	assert_int_equal(read(rfd, got, sizeof(got) - 1), 14);
	assert_string_equal(got, "getppid() = 1\n");
	close(rfd);
	unlink(fifo);
	rmdir(dir);
}

static int count_lines(const char *path)
{
	char line[64];
	FILE *f = fopen(path, "r");
	int n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

/* -A: a second trace goes after the first */
static void test_append(void **state)
{
	char path[] = "/tmp/test_outfile.XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (int round = 0; round < 2; round++) {
		struct outfile *o = outfile_open(path, true);

		assert_non_null(o);
		fprintf(outfile_stream(o), "round %d\n", round);
		assert_int_equal(outfile_close(o), 0);
	}
	assert_int_equal(count_lines(path), 2);
	unlink(path);
}

/* -o '|CMD': the command reads the whole trace before close returns */
static void test_pipe(void **state)
{
	char path[] = "/tmp/test_outfile.XXXXXX", cmd[64];
	int fd = mkstemp(path);
	struct outfile *o;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_true(outfile_is_pipe("|cat") && outfile_is_pipe("!cat"));
	assert_false(outfile_is_pipe("trace.txt") || outfile_is_pipe(NULL));
	snprintf(cmd, sizeof(cmd), "|cat > %s", path);
	o = outfile_open(cmd, false);
	assert_non_null(o);
	for (int i = 0; i < 20000; i++)
		fprintf(outfile_stream(o), "line %d\n", i);
	assert_int_equal(outfile_close(o), 0);
	assert_int_equal(count_lines(path), 20000);
	unlink(path);
}

static void test_cannot_open(void **state)
{
	(void)state;
	assert_null(outfile_open("/nonexistent/dir/trace.txt", false));
	assert_int_equal(errno, ENOENT);
}

static void test_stderr(void **state)
{
	struct outfile *o = outfile_open(NULL, false);

	(void)state;
	assert_non_null(o);
	assert_ptr_equal(outfile_stream(o), stderr);
	assert_string_equal(outfile_name(o), "standard error");
	assert_int_equal(outfile_close(o), 0);
	/* still open */
	assert_true(fprintf(stderr, "%s", "") >= 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_full_device),
	cmocka_unit_test(test_error_at_close),
	cmocka_unit_test(test_reader_gone),
	cmocka_unit_test(test_good_file),
	cmocka_unit_test(test_append),
	cmocka_unit_test(test_pipe),
	cmocka_unit_test(test_file_named_like_a_pipe),
	cmocka_unit_test(test_nowait_fifo),
	cmocka_unit_test(test_cannot_open),
	cmocka_unit_test(test_stderr),
};

UNIT_MAIN("outfile", tests)
