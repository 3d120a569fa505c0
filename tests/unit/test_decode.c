/* decode: raw syscall values to what strace 6.1 prints, per family, with
 * this kernel's tracepoint formats (so root; exits 77 without tracefs).
 * Values come from the headers; the expected text is strace's. */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/futex.h>
#include <linux/prctl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "decode/decode.h"
#include "decode/internal.h"
#include "syscalls/formats.h"

static struct formats *formats;

static int setup(void **state)
{
	char err[256];

	(void)state;
	if (formats_open(&formats, err, sizeof(err)))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	formats_close(formats);
	return 0;
}

/* The line the text sink would print, without the column padding. */
static const char *render(const struct dcall *d)
{
	static char line[2048];
	size_t n = 0;

	n += snprintf(line + n, sizeof(line) - n, "%s(", d->name);
	for (int i = 0, shown = 0; i < d->nargs; i++) {
		const struct darg *a = &d->arg[i];

		if (a->hidden)
			continue;
		n += snprintf(line + n, sizeof(line) - n, "%s%s%s", shown++ ? ", " : "",
			      a->label ? a->label : "", a->label ? "=" : "");
		switch (a->kind) {
		case DARG_INT:
			n += snprintf(line + n, sizeof(line) - n, "%" PRId64, (int64_t)a->value);
			break;
		case DARG_UINT:
			n += snprintf(line + n, sizeof(line) - n, "%" PRIu64, a->value);
			break;
		case DARG_HEX:
			n += snprintf(line + n, sizeof(line) - n, "%#" PRIx64, a->value);
			break;
		case DARG_PTR:
			if (a->value)
				n += snprintf(line + n, sizeof(line) - n, "%#" PRIx64, a->value);
			else
				n += snprintf(line + n, sizeof(line) - n, "NULL");
			break;
		case DARG_SYM:
			n += snprintf(line + n, sizeof(line) - n, "%s", a->text);
			break;
		case DARG_STR:
			n += snprintf(line + n, sizeof(line) - n, "\"%.*s\"", (int)a->len, a->text);
			break;
		}
	}
	n += snprintf(line + n, sizeof(line) - n, ") = ");
	switch (d->ret_kind) {
	case DRET_NONE:
		snprintf(line + n, sizeof(line) - n, "?");
		break;
	case DRET_ERR:
		snprintf(line + n, sizeof(line) - n, "-1 errno %d", d->err);
		break;
	case DRET_HEX:
		if (!d->ret_text) {
			snprintf(line + n, sizeof(line) - n, "%#" PRIx64, (uint64_t)d->ret);
			break;
		}
		/* fall through */
	case DRET_INT:
		if (d->ret_text)
			snprintf(line + n, sizeof(line) - n, "%s", d->ret_text);
		else
			snprintf(line + n, sizeof(line) - n, "%" PRId64, d->ret);
		break;
	}
	return line;
}

static void expect_call(const char *want, long nr, int64_t ret, int nargs, const uint64_t *args)
{
	static struct dcall d;
	struct call c = { .nr = (int32_t)nr, .entered = true, .returned = true, .ret = ret };

	for (int i = 0; i < nargs; i++)
		c.args[i] = args[i];
	decode_call(formats, &c, &d);
	assert_string_equal(render(&d), want);
}

/* EXPECT("strace's line", return value, SYS_x, arguments...) */
#define EXPECT(want, ret, nr, ...) \
	do { \
		const uint64_t args_[] = { __VA_ARGS__ }; \
		expect_call(want, nr, ret, (int)UNIT_LEN(args_), args_); \
	} while (0)
#define U(x) ((uint64_t)(x))
#define P 0x7ffd1000u	/* a pointer */

static void test_files(void **state)
{
	(void)state;
	EXPECT("openat(AT_FDCWD, 0x7ffd1000, O_RDONLY|O_CLOEXEC) = 3", 3, SYS_openat,
	       U(AT_FDCWD), P, O_RDONLY | O_CLOEXEC, 0);
	EXPECT("openat(AT_FDCWD, 0x7ffd1000, O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3", 3, SYS_openat,
	       U(AT_FDCWD), P, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	EXPECT("openat(5, 0x7ffd1000, O_RDWR|O_TMPFILE, 0600) = 3", 3, SYS_openat, 5, P,
	       O_RDWR | O_TMPFILE, 0600);
	EXPECT("openat(5, 0x7ffd1000, O_RDONLY|0x4000000) = 3", 3, SYS_openat, 5, P,
	       O_RDONLY | 0x4000000, 0);
	EXPECT("openat(5, 0x7ffd1000, O_ACCMODE|O_NONBLOCK) = 3", 3, SYS_openat, 5, P,
	       O_ACCMODE | O_NONBLOCK, 0);
	EXPECT("open(0x7ffd1000, O_RDONLY|O_NOCTTY|O_DIRECTORY|FASYNC) = 3", 3, SYS_open, P,
	       O_RDONLY | O_NOCTTY | O_DIRECTORY | FASYNC, 0);
	EXPECT("creat(0x7ffd1000, 000) = 3", 3, SYS_creat, P, 0);
	EXPECT("lseek(3, -1, SEEK_END) = 0", 0, SYS_lseek, 3, U(-1), SEEK_END);
	EXPECT("lseek(3, 0, 0x9 /* SEEK_??? */) = 0", 0, SYS_lseek, 3, 0, 9);
	EXPECT("close(-1) = 0", 0, SYS_close, U(-1));
	EXPECT("access(0x7ffd1000, R_OK|X_OK) = 0", 0, SYS_access, P, R_OK | X_OK);
	EXPECT("access(0x7ffd1000, F_OK) = 0", 0, SYS_access, P, F_OK);
	EXPECT("faccessat2(AT_FDCWD, 0x7ffd1000, W_OK, AT_EACCESS) = 0", 0, SYS_faccessat2,
	       U(AT_FDCWD), P, W_OK, AT_EACCESS);
	EXPECT("newfstatat(3, 0x7ffd1000, 0x7ffd1000, AT_EMPTY_PATH) = 0", 0, SYS_newfstatat,
	       3, P, P, AT_EMPTY_PATH);
	EXPECT("newfstatat(3, 0x7ffd1000, 0x7ffd1000, 0) = 0", 0, SYS_newfstatat, 3, P, P, 0);
	EXPECT("unlinkat(AT_FDCWD, 0x7ffd1000, AT_REMOVEDIR) = 0", 0, SYS_unlinkat,
	       U(AT_FDCWD), P, AT_REMOVEDIR);
	EXPECT("statx(AT_FDCWD, 0x7ffd1000, AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, "
	       "STATX_TYPE|STATX_SIZE, 0x7ffd1000) = 0", 0, SYS_statx, U(AT_FDCWD), P,
	       AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_SIZE, P);
	EXPECT("chmod(0x7ffd1000, 04755) = 0", 0, SYS_chmod, P, 04755);
	EXPECT("mkdirat(4, 0x7ffd1000, 0700) = 0", 0, SYS_mkdirat, 4, P, 0700);
	EXPECT("mknod(0x7ffd1000, S_IFCHR|0600, makedev(0x4, 0x40)) = 0", 0, SYS_mknod, P,
	       S_IFCHR | 0600, makedev(4, 64));
	EXPECT("mknod(0x7ffd1000, S_IFIFO|S_ISGID|0644) = 0", 0, SYS_mknod, P,
	       S_IFIFO | S_ISGID | 0644, 7);
	EXPECT("umask(077) = 022", 022, SYS_umask, 077);
	EXPECT("fchown(3, 1000, -1) = 0", 0, SYS_fchown, 3, 1000, U(-1));
	EXPECT("dup3(3, 4, O_CLOEXEC) = 4", 4, SYS_dup3, 3, 4, O_CLOEXEC);
	EXPECT("pipe2(0x7ffd1000, 0) = 0", 0, SYS_pipe2, P, 0);
	EXPECT("flock(3, LOCK_EX|LOCK_NB) = 0", 0, SYS_flock, 3, LOCK_EX | LOCK_NB);
}

static void test_fcntl(void **state)
{
	(void)state;
	EXPECT("fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)", 1, SYS_fcntl, 3, F_GETFD, 0);
	EXPECT("fcntl(3, F_GETFD) = 0", 0, SYS_fcntl, 3, F_GETFD, 0);
	EXPECT("fcntl(3, F_SETFD, FD_CLOEXEC) = 0", 0, SYS_fcntl, 3, F_SETFD, FD_CLOEXEC);
	EXPECT("fcntl(3, F_GETFL) = 0x8802 (flags O_RDWR|O_NONBLOCK|O_LARGEFILE)",
	       O_RDWR | O_NONBLOCK | 0100000, SYS_fcntl, 3, F_GETFL, 0);
	EXPECT("fcntl(3, F_SETFL, O_RDONLY|O_APPEND) = 0", 0, SYS_fcntl, 3, F_SETFL, O_APPEND);
	EXPECT("fcntl(3, F_DUPFD_CLOEXEC, 10) = 10", 10, SYS_fcntl, 3, F_DUPFD_CLOEXEC, 10);
	EXPECT("fcntl(3, F_SETSIG, SIGIO) = 0", 0, SYS_fcntl, 3, F_SETSIG, SIGIO);
	EXPECT("fcntl(3, F_GETSIG) = 10 (SIGUSR1)", SIGUSR1, SYS_fcntl, 3, F_GETSIG, 0);
	EXPECT("fcntl(3, F_SETLK, 0x7ffd1000) = 0", 0, SYS_fcntl, 3, F_SETLK, P);
	EXPECT("fcntl(3, 0x3e8 /* F_??? */, 0x5) = 0", 0, SYS_fcntl, 3, 1000, 5);
	EXPECT("fcntl(3, F_GETFL) = -1 errno 9", -EBADF, SYS_fcntl, 3, F_GETFL, 0);
}

static void test_ioctl(void **state)
{
	(void)state;
	EXPECT("ioctl(1, TCGETS, 0x7ffd1000) = 0", 0, SYS_ioctl, 1, TCGETS, P);
	/* two drivers share the number: strace names both, by name */
	EXPECT("ioctl(1, SNDCTL_TMR_START or TCSETS, 0x7ffd1000) = 0", 0, SYS_ioctl, 1, TCSETS, P);
	EXPECT("ioctl(1, FIOCLEX) = 0", 0, SYS_ioctl, 1, FIOCLEX, 0);
	EXPECT("ioctl(1, TCFLSH, TCIFLUSH) = 0", 0, SYS_ioctl, 1, TCFLSH, TCIFLUSH);
	EXPECT("ioctl(1, TCSBRK, 1) = 0", 0, SYS_ioctl, 1, TCSBRK, 1);
	EXPECT("ioctl(1, _IOC(_IOC_READ|_IOC_WRITE, 0x99, 0x12, 0x10), 0) = 0", 0, SYS_ioctl, 1,
	       _IOC(_IOC_READ | _IOC_WRITE, 0x99, 0x12, 0x10), 0);
	EXPECT("ioctl(1, _IOC(_IOC_NONE, 0xfe, 0x1, 0), 0x10) = 0", 0, SYS_ioctl, 1,
	       _IOC(_IOC_NONE, 0xfe, 0x1, 0), 0x10);
}

static void test_memory(void **state)
{
	(void)state;
	EXPECT("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
	       "0x7f0000000000", 0x7f0000000000, SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE,
	       MAP_PRIVATE | MAP_ANONYMOUS, U(-1), 0);
	EXPECT("mmap(0x7ffd1000, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, "
	       "3, 0x26000) = 0x7ffd1000", P, SYS_mmap, P, 4096, PROT_READ | PROT_EXEC,
	       MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE, 3, 0x26000);
	EXPECT("mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT, "
	       "-1, 0) = -1 errno 12", -ENOMEM, SYS_mmap, 0, 4096, PROT_NONE,
	       MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << MAP_HUGE_SHIFT), U(-1), 0);
	EXPECT("mmap(NULL, 4096, PROT_READ|0x100, 0xf /* MAP_??? */|MAP_ANONYMOUS, -1, 0) = "
	       "-1 errno 22", -EINVAL, SYS_mmap, 0, 4096, PROT_READ | 0x100, 0xf | MAP_ANONYMOUS,
	       U(-1), 0);
	EXPECT("mprotect(0x7ffd1000, 4096, PROT_NONE) = 0", 0, SYS_mprotect, P, 4096, PROT_NONE);
	EXPECT("madvise(0x7ffd1000, 4096, MADV_DONTNEED) = 0", 0, SYS_madvise, P, 4096,
	       MADV_DONTNEED);
	EXPECT("munmap(0x7ffd1000, 4096) = 0", 0, SYS_munmap, P, 4096);
	EXPECT("brk(NULL) = 0x55d000", 0x55d000, SYS_brk, 0);
	EXPECT("mremap(0x7ffd1000, 4096, 8192, MREMAP_MAYMOVE) = 0x7ffd1000", P, SYS_mremap, P,
	       4096, 8192, MREMAP_MAYMOVE, 0);
	EXPECT("mremap(0x7ffd1000, 4096, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7ffd1000) = 0x7ffd1000",
	       P, SYS_mremap, P, 4096, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, P);
	EXPECT("mlockall(MCL_CURRENT|MCL_FUTURE) = 0", 0, SYS_mlockall, MCL_CURRENT | MCL_FUTURE);
	EXPECT("msync(0x7ffd1000, 4096, MS_SYNC) = 0", 0, SYS_msync, P, 4096, MS_SYNC);
}

static void test_processes(void **state)
{
	(void)state;
	EXPECT("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
	       "child_tidptr=0x7ffd1000) = 1234", 1234, SYS_clone,
	       CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0, P, 0);
	EXPECT("clone(child_stack=NULL, flags=SIGCHLD) = 1234", 1234, SYS_clone, SIGCHLD, 0, 0, 0, 0);
	EXPECT("clone(child_stack=0x7ffd1000, flags=CLONE_VM|CLONE_SETTLS|CLONE_PARENT_SETTID, "
	       "parent_tid=0x10, tls=0x20) = 1234", 1234, SYS_clone,
	       CLONE_VM | CLONE_SETTLS | CLONE_PARENT_SETTID, P, 0x10, 0, 0x20);
	EXPECT("wait4(-1, 0x7ffd1000, 0, NULL) = 1234", 1234, SYS_wait4, U(-1), P, 0, 0);
	EXPECT("wait4(-1, 0x7ffd1000, WNOHANG|__WALL, NULL) = 0", 0, SYS_wait4, U(-1), P,
	       WNOHANG | __WALL, 0);
	EXPECT("kill(1234, SIGTERM) = 0", 0, SYS_kill, 1234, SIGTERM);
	EXPECT("kill(1234, 0) = 0", 0, SYS_kill, 1234, 0);
	EXPECT("rt_sigprocmask(SIG_BLOCK, 0x7ffd1000, NULL, 8) = 0", 0, SYS_rt_sigprocmask,
	       SIG_BLOCK, P, 0, 8);
	EXPECT("rt_sigaction(SIGINT, NULL, 0x7ffd1000, 8) = 0", 0, SYS_rt_sigaction, SIGINT, 0, P, 8);
	EXPECT("futex(0x7ffd1000, FUTEX_WAIT_PRIVATE, 2, NULL) = 0", 0, SYS_futex, P,
	       FUTEX_WAIT_PRIVATE, 2, 0, 0, 0);
	EXPECT("futex(0x7ffd1000, FUTEX_WAKE_PRIVATE, 1) = 0", 0, SYS_futex, P,
	       FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
	EXPECT("prctl(PR_SET_NAME, 0x7ffd1000) = 0", 0, SYS_prctl, PR_SET_NAME, P, 0, 0, 0);
	EXPECT("prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)", 1, SYS_prctl, PR_GET_DUMPABLE, 0, 0,
	       0, 0);
	EXPECT("prctl(0x7ff /* PR_??? */, 0x1, 0, 0, 0) = -1 errno 22", -EINVAL, SYS_prctl, 0x7ff,
	       1, 0, 0, 0);
	EXPECT("clock_nanosleep(CLOCK_REALTIME, 0, 0x7ffd1000, NULL) = 0", 0, SYS_clock_nanosleep,
	       CLOCK_REALTIME, 0, P, 0);
	EXPECT("clock_gettime(CLOCK_MONOTONIC, 0x7ffd1000) = 0", 0, SYS_clock_gettime,
	       CLOCK_MONOTONIC, P);
	EXPECT("prlimit64(0, RLIMIT_STACK, NULL, 0x7ffd1000) = 0", 0, SYS_prlimit64, 0,
	       RLIMIT_STACK, 0, P);
	EXPECT("setuid(-1) = -1 errno 22", -EINVAL, SYS_setuid, U(-1));
	EXPECT("sched_getscheduler(0) = 0 (SCHED_OTHER)", SCHED_OTHER, SYS_sched_getscheduler, 0);
}

static void test_network(void **state)
{
	(void)state;
	EXPECT("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3", 3, SYS_socket, AF_INET,
	       SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_IP);
	EXPECT("socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP) = 3", 3, SYS_socket, AF_INET6,
	       SOCK_DGRAM, IPPROTO_UDP);
	EXPECT("socket(AF_UNIX, SOCK_STREAM, 0) = 3", 3, SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	EXPECT("socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 3", 3, SYS_socket, AF_PACKET,
	       SOCK_RAW, 0x300);
	EXPECT("sendto(3, 0x7ffd1000, 5, MSG_NOSIGNAL, NULL, 0) = 5", 5, SYS_sendto, 3, P, 5,
	       MSG_NOSIGNAL, 0, 0);
	EXPECT("setsockopt(3, SOL_SOCKET, SO_REUSEADDR, 0x7ffd1000, 4) = 0", 0, SYS_setsockopt, 3,
	       SOL_SOCKET, SO_REUSEADDR, P, 4);
	EXPECT("shutdown(3, SHUT_WR) = 0", 0, SYS_shutdown, 3, SHUT_WR);
	EXPECT("epoll_ctl(4, EPOLL_CTL_DEL, 3, NULL) = 0", 0, SYS_epoll_ctl, 4, EPOLL_CTL_DEL, 3, 0);
}

/* The call's start was not seen: no arguments, the result still decodes. */
static void test_exit_only(void **state)
{
	static struct dcall d;
	struct call c = { .nr = SYS_fcntl, .returned = true, .ret = 1 };

	(void)state;
	decode_call(formats, &c, &d);
	assert_string_equal(render(&d), "fcntl() = 1");
}

/* JSON keeps what strace leaves out, as a number. */
static void test_hidden_is_numeric(void **state)
{
	static struct dcall d;
	struct call c = { .nr = SYS_openat, .entered = true, .returned = true, .ret = 3,
			  .args = { U(AT_FDCWD), P, O_RDONLY, 0 } };

	(void)state;
	decode_call(formats, &c, &d);
	assert_int_equal(d.nargs, 4);
	assert_true(d.arg[3].hidden);
	assert_int_equal(d.arg[3].kind, DARG_UINT);
	assert_int_equal(d.arg[3].value, 0);
	assert_int_equal(d.arg[2].kind, DARG_SYM);
	assert_string_equal(d.arg[2].text, "O_RDONLY");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_files),
	cmocka_unit_test(test_fcntl),
	cmocka_unit_test(test_ioctl),
	cmocka_unit_test(test_memory),
	cmocka_unit_test(test_processes),
	cmocka_unit_test(test_network),
	cmocka_unit_test(test_exit_only),
	cmocka_unit_test(test_hidden_is_numeric),
};

int main(void)
{
	char err[256];
	struct formats *probe;

	/* tracepoint formats need tracefs: skip, do not fail, without it */
	if (getuid() || formats_open(&probe, err, sizeof(err)))
		return 77;
	formats_close(probe);
	return cmocka_run_group_tests_name("decode", tests, setup, teardown);
}
