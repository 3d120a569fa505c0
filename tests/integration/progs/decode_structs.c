/* Structs and arrays the kernel reads or writes, between the markers
 * close(-7600) and close(-7601): statx, statfs, uname, sysinfo,
 * getrandom's bytes, fcntl's locks, CPU and NUMA node masks, select's fd
 * sets, clocks and timers, what nanosleep has left when a signal stops
 * it, rt_sigreturn's mask, wait4's statuses and rusage, openat2's
 * open_how, clone3's clone_args, getdents' entries; then, between
 * close(-7602) and close(-7603), buffers that end where a page ends, so a
 * copy longer than what the kernel wrote fails, and execve's environment
 * counted up to one. argv[1] is a scratch directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/mempolicy.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path[512];

static const char *at(const char *dir, const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* statx, statfs, getdents, fcntl's locks, openat2 */
static void files(const char *dir)
{
	struct statx stx;
	struct statfs sfs;
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 20 };
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS };
	struct { struct open_how h; unsigned long long more; } how2 = { .h = how };
	char ents[4096];
	int fd, d;

	fd = open(at(dir, "file"), O_RDWR | O_CREAT | O_TRUNC, 0640);
	if (fd < 0 || write(fd, "0123456789", 10) != 10)
		return;
	syscall(SYS_statx, AT_FDCWD, path, AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &stx);
	syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_SIZE | STATX_MODE, &stx);
	syscall(SYS_statx, AT_FDCWD, "/nonexistent", 0, STATX_ALL, &stx);
	syscall(SYS_statfs, dir, &sfs);
	syscall(SYS_fstatfs, fd, &sfs);
	syscall(SYS_statfs, "/proc", &sfs);

	syscall(SYS_fcntl, fd, F_SETLK, &fl);
	fl.l_type = F_WRLCK;
	syscall(SYS_fcntl, fd, F_GETLK, &fl);
	fl.l_type = F_UNLCK;
	syscall(SYS_fcntl, fd, F_SETLKW, &fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_END;
	fl.l_start = -5;
	fl.l_pid = 0;
	syscall(SYS_fcntl, fd, F_OFD_SETLK, &fl);
	syscall(SYS_fcntl, fd, F_OFD_GETLK, &fl);
	syscall(SYS_fcntl, fd, F_GETLK, (void *)16);
	syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);

	syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
	how.flags = O_WRONLY | O_CREAT;
	how.mode = 0600;
	how.resolve = 0;
	syscall(SYS_openat2, AT_FDCWD, at(dir, "new"), &how, sizeof(how));
	syscall(SYS_openat2, AT_FDCWD, path, &how2, sizeof(how2));
	syscall(SYS_openat2, AT_FDCWD, path, &how, 16);

	d = open(at(dir, "sub"), O_RDONLY | O_DIRECTORY);
	if (d >= 0) {
		syscall(SYS_getdents64, d, ents, sizeof(ents));
		syscall(SYS_getdents64, d, ents, sizeof(ents));
		lseek(d, 0, SEEK_SET);
		syscall(SYS_getdents, d, ents, sizeof(ents));
		syscall(SYS_getdents64, -1, ents, sizeof(ents));
	}
	syscall(SYS_getcwd, ents, sizeof(ents));
}

/* uname, sysinfo, getrandom, CPU and node masks, wait4, clone3 */
static void process(void)
{
	struct utsname u;
	struct sysinfo si;
	struct clone_args ca = { .flags = CLONE_PARENT_SETTID, .exit_signal = SIGCHLD };
	unsigned char rnd[16];
	unsigned long cpus[16] = { 0 }, nodes[2] = { 1, 0 };
	struct rusage ru;
	int status, mode, tid = 0;
	long pid;

	syscall(SYS_uname, &u);
	syscall(SYS_sysinfo, &si);
	syscall(SYS_getrandom, rnd, sizeof(rnd), GRND_NONBLOCK);
	syscall(SYS_getrandom, rnd, 3, 0);

	syscall(SYS_sched_getaffinity, 0, sizeof(cpus), cpus);
	syscall(SYS_sched_setaffinity, 0, sizeof(cpus), cpus);
	syscall(SYS_sched_setaffinity, 0, 0, cpus);
	syscall(SYS_sched_getaffinity, 0, 1, cpus);

	syscall(SYS_set_mempolicy, MPOL_BIND, nodes, 2);
	syscall(SYS_get_mempolicy, &mode, nodes, 65, 0, 0);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, 0, 0);
	syscall(SYS_get_mempolicy, &mode, 0, 0, 0, 0);
	syscall(SYS_mbind, 0, 0, MPOL_PREFERRED, nodes, 65, 0);

	syscall(SYS_getrusage, RUSAGE_CHILDREN, &ru);
	pid = fork();
	if (pid == 0)
		_exit(3);
	syscall(SYS_wait4, pid, &status, 0, &ru);
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		for (;;)
			pause();
	}
	syscall(SYS_wait4, pid, &status, WUNTRACED, 0);
	kill(pid, SIGCONT);
	syscall(SYS_wait4, pid, &status, WCONTINUED, 0);
	kill(pid, SIGKILL);
	syscall(SYS_wait4, pid, &status, 0, 0);
	syscall(SYS_wait4, -1, &status, WNOHANG, &ru);

	ca.parent_tid = (unsigned long)&tid;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		syscall(SYS_exit_group, 0);
	syscall(SYS_wait4, pid, &status, 0, 0);
	syscall(SYS_clone3, &ca, 8);
}

/* clocks, timers, sleeps; a signal that stops one; select */
static void time_and_select(void)
{
	struct timespec ts = { 0, 1000 }, left;
	struct timeval tv = { 0, 0 };
	struct timezone tz;
	struct itimerval it = { { 0, 0 }, { 100, 0 } }, old;
	struct itimerspec its = { { 0, 0 }, { 100, 0 } }, oits;
	struct sigaction sa = { .sa_handler = on_alarm };
	struct tms tm;
	sigset_t block;
	struct { const sigset_t *set; size_t size; } sigmask = { &block, 8 };
	fd_set rd, wr;
	timer_t timer;
	int p[2], tfd;

	syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	syscall(SYS_gettimeofday, &tv, &tz);
	syscall(SYS_times, &tm);
	ts.tv_sec = 0;
	ts.tv_nsec = 1000;
	syscall(SYS_nanosleep, &ts, &left);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, &left);

	syscall(SYS_setitimer, ITIMER_VIRTUAL, &it, &old);
	syscall(SYS_getitimer, ITIMER_VIRTUAL, &old);
	memset(&it, 0, sizeof(it));
	syscall(SYS_setitimer, ITIMER_VIRTUAL, &it, 0);
	if (!syscall(SYS_timer_create, CLOCK_MONOTONIC, 0, &timer)) {
		syscall(SYS_timer_settime, timer, 0, &its, &oits);
		syscall(SYS_timer_gettime, timer, &oits);
		syscall(SYS_timer_delete, timer);
	}
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	syscall(SYS_timerfd_settime, tfd, 0, &its, &oits);
	syscall(SYS_timerfd_gettime, tfd, &oits);

	/* a sleep a signal ends: its time left, the handler's return */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, 0);
	sigaction(SIGALRM, &sa, 0);
	it.it_value.tv_usec = 20000;
	syscall(SYS_setitimer, ITIMER_REAL, &it, 0);
	ts.tv_sec = 5;
	syscall(SYS_nanosleep, &ts, &left);

	if (pipe(p))
		return;
	if (write(p[1], "x", 1) != 1)
		return;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	FD_SET(p[1], &rd);
	tv.tv_sec = 1;
	tv.tv_usec = 0;
	syscall(SYS_select, p[1] + 1, &rd, &wr, 0, &tv);
	FD_ZERO(&rd);
	FD_SET(p[1], &rd);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	syscall(SYS_select, p[1] + 1, &rd, 0, 0, &tv);
	syscall(SYS_select, 0, 0, 0, 0, &tv);
	FD_ZERO(&wr);
	FD_SET(p[1], &wr);
	ts.tv_sec = 1;
	ts.tv_nsec = 0;
	syscall(SYS_pselect6, p[1] + 1, 0, &wr, 0, &ts, &sigmask);
	sigmask.set = 0;
	syscall(SYS_pselect6, p[1] + 1, 0, &wr, 0, 0, &sigmask);
	syscall(SYS_pselect6, p[1] + 1, 0, &wr, 0, 0, 0);
}

/* A page, and the one after it unmapped: objects placed against the end
 * of the first, as strace's tests place theirs. */
static unsigned char *page_end(void)
{
	long size = sysconf(_SC_PAGESIZE);
	unsigned char *p = mmap(0, 2 * size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	munmap(p + size, size);
	return p + size;
}

/* A datagram socket bound to dir/name. */
static int dgram(const char *dir, const char *name, struct sockaddr_un *un)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	un->sun_family = AF_UNIX;
	snprintf(un->sun_path, sizeof(un->sun_path), "%s/%s", dir, name);
	if (fd < 0 || bind(fd, (struct sockaddr *)un, sizeof(*un)))
		return -1;
	return fd;
}

/* what the kernel writes into buffers that end at a page's end */
static void page_ends(const char *dir)
{
	unsigned char *end = page_end();
	struct sockaddr_un un = { .sun_family = AF_UNIX }, to;
	socklen_t *len = (socklen_t *)(end - 64 - sizeof(*len));
	char *args[] = { "x", 0 }, **env;
	struct iovec iov;
	struct msghdr msg = { .msg_name = end - 10, .msg_namelen = 10, .msg_iov = &iov,
			      .msg_iovlen = 1 };
	int srv, cli, rcv, snd;

	if (!end)
		return;
	/* an environment with no NULL at its end, and one not readable */
	env = (char **)(end - 2 * sizeof(*env));
	env[0] = env[1] = "A=1";
	syscall(SYS_execve, "/nonexistent", args, env);
	syscall(SYS_execve, "/nonexistent", args, end);

	/* in no mapping, and the kernel never reads them: as strace can read
	 * them no more than lotrace, plain pointers */
	syscall(SYS_fcntl, -1, F_SETLK, end);
	syscall(SYS_sched_setaffinity, 0, 1, end);

	raise(SIGUSR2);	/* blocked: pending */
	syscall(SYS_rt_sigpending, end - 8, 8);
	syscall(SYS_rt_sigpending, end - 4, 4);
	syscall(SYS_rt_sigpending, end - 1, 1);
	syscall(SYS_rt_sigpending, end - 4, 8);

	snprintf(un.sun_path, sizeof(un.sun_path), "%s/sock", dir);
	srv = socket(AF_UNIX, SOCK_STREAM, 0);
	cli = socket(AF_UNIX, SOCK_STREAM, 0);
	if (bind(srv, (struct sockaddr *)&un, sizeof(un)) || listen(srv, 1))
		return;
	snprintf(un.sun_path, sizeof(un.sun_path), "%s/client", dir);
	if (bind(cli, (struct sockaddr *)&un, sizeof(un)))
		return;
	snprintf(un.sun_path, sizeof(un.sun_path), "%s/sock", dir);
	if (connect(cli, (struct sockaddr *)&un, sizeof(un)))
		return;
	*len = 16;
	syscall(SYS_accept, srv, end - 16, len);
	*len = 12;
	syscall(SYS_getsockname, srv, end - 12, len);
	*len = 6;
	syscall(SYS_getpeername, cli, end - 6, len);

	rcv = dgram(dir, "rcv", &to);
	snd = dgram(dir, "snd", &un);
	if (rcv < 0 || snd < 0)
		return;
	sendto(snd, "hi", 2, 0, (struct sockaddr *)&to, sizeof(to));
	*len = 8;
	syscall(SYS_recvfrom, rcv, end - 64, 2, 0, end - 8, len);
	sendto(snd, "hi", 2, 0, (struct sockaddr *)&to, sizeof(to));
	iov.iov_base = end - 64;
	iov.iov_len = 2;
	syscall(SYS_recvmsg, rcv, &msg, 0);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	char sub[256];
	sigset_t chld;

	snprintf(sub, sizeof(sub), "%s/sub", dir);
	mkdir(sub, 0755);
	close(open(at(sub, "a"), O_CREAT | O_WRONLY, 0600));
	close(open(at(sub, "b"), O_CREAT | O_WRONLY, 0600));

	/* no SIGCHLD: under ptrace it would interrupt wait4s it does not
	 * interrupt otherwise */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, 0);

	syscall(SYS_close, -7600);
	files(dir);
	process();
	time_and_select();
	syscall(SYS_close, -7601);

	syscall(SYS_close, -7602);
	page_ends(dir);
	syscall(SYS_close, -7603);
	return 0;
}
