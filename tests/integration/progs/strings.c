/* Syscalls whose arguments are strings and structs, between the markers
 * close(-7100) and close(-7101): lotrace must print them as strace does.
 * argv[1] is a scratch directory. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void at(const char *dir, const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s/%s", dir, name);
}

/* The kernel's struct sigaction on x86-64. A made-up restorer, so that
 * strace's run and lotrace's print the same address. */
struct ksigaction {
	unsigned long handler, flags, restorer, mask;
};

/* iovecs, poll, epoll, signal masks, actions and siginfo, limits; pid is
 * this process's, taken before the markers (its getpid would differ
 * between strace's run and lotrace's) */
static void arrays_and_structs(pid_t pid)
{
	char a[4], b[8], c[8], big[100];
	struct iovec out[2] = { { "ab", 2 }, { big, sizeof(big) } };
	struct iovec in[3] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };
	struct iovec many[8];	/* lotrace copies 8 */
	struct pollfd pfd[3];
	struct timespec ts = { 5, 0 };
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 0x100000005ull };
	struct epoll_event evs[4];
	struct ksigaction act = { 0x1234, SA_RESTART | SA_SIGINFO, 0, 0 }, old;
	struct rlimit rl;
	siginfo_t si;
	unsigned long set, oldset;
	int p[2], ep;

	memset(big, 'y', sizeof(big));
	for (int i = 0; i < 8; i++)
		many[i] = (struct iovec){ "z", 1 };
	if (pipe(p))
		return;
	syscall(SYS_writev, p[1], out, 2);
	syscall(SYS_readv, p[0], in, 3);
	syscall(SYS_writev, p[1], many, 8);
	syscall(SYS_pwritev, -1, out, 2, 0, 0);
	syscall(SYS_preadv, -1, in, 3, 0, 0);
	syscall(SYS_writev, -1, NULL, 0);
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = p[1], .events = POLLIN | POLLOUT };
	pfd[2] = (struct pollfd){ .fd = -1 };
	syscall(SYS_poll, pfd, 3, 0);
	syscall(SYS_readv, p[0], in, 3);
	syscall(SYS_poll, pfd, 1, 0);
	set = 1ul << (SIGCHLD - 1);
	syscall(SYS_ppoll, pfd, 2, &ts, &set, 8);
	syscall(SYS_ppoll, pfd, 1, NULL, NULL, 8);
	ep = epoll_create1(0);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], &ev);
	syscall(SYS_epoll_wait, ep, evs, 4, 0);
	syscall(SYS_epoll_pwait, ep, evs, 4, 0, &set, 8);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[1], NULL);
	syscall(SYS_epoll_wait, ep, evs, 4, 0);
	close(ep);
	syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 8);
	act.mask = ~0ul & ~(3ul << 31);
	syscall(SYS_rt_sigaction, SIGUSR1, &act, &old, 8);
	act = (struct ksigaction){ (unsigned long)SIG_IGN, 0x04000000 /* SA_RESTORER */, 0x10, set };
	syscall(SYS_rt_sigaction, SIGUSR1, &act, &old, 8);
	syscall(SYS_rt_sigaction, SIGUSR1, &old, NULL, 8);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &oldset, 8);
	set = 1ul | 1ul << 33 | 1ul << 39 | 1ul << 63;
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &oldset, 8);
	set = ~0ul & ~(1ul << 8);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &oldset, 8);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &oldset, 8);
	syscall(SYS_rt_sigpending, &set, 8);
	/* a queued signal with a made-up sender, taken back synchronously */
	set = 1ul << (SIGUSR2 - 1);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR2;
	si.si_code = SI_QUEUE;
	si.si_pid = 1234;
	si.si_uid = 5;
	si.si_value.sival_int = 7;
	syscall(SYS_rt_sigqueueinfo, pid, SIGUSR2, &si);
	ts = (struct timespec){ 0, 0 };
	syscall(SYS_rt_sigtimedwait, &set, &si, &ts, 8);
	syscall(SYS_rt_sigtimedwait, &set, NULL, &ts, 8);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4);	/* the wrong size */
	set = 0;
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8);
	syscall(SYS_getrlimit, RLIMIT_STACK, &rl);
	syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, &rl);
	rl = (struct rlimit){ 1000, 4096 * 1024 };
	syscall(SYS_setrlimit, 99, &rl);
	rl = (struct rlimit){ 1024, RLIM_INFINITY };
	syscall(SYS_prlimit64, 0, 99, &rl, NULL);
	close(p[0]);
	close(p[1]);
}

/* sendmsg and recvmsg between two bound AF_UNIX datagram sockets: v
 * sends to to, u receives */
static void message_headers(int u, int v, struct sockaddr_un *to)
{
	char a[4], b[8];
	struct iovec out[2] = { { "ab", 2 }, { "c", 1 } };
	struct iovec in[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct sockaddr_un from;
	struct msghdr m = { .msg_name = to, .msg_namelen = sizeof(*to), .msg_iov = out,
			    .msg_iovlen = 2 };

	syscall(SYS_sendmsg, v, &m, 0);
	m = (struct msghdr){ .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = in,
			     .msg_iovlen = 2 };
	syscall(SYS_recvmsg, u, &m, 0);
	m = (struct msghdr){ .msg_iov = out, .msg_iovlen = 1 };
	syscall(SYS_sendmsg, v, &m, MSG_DONTWAIT);	/* not connected */
	m = (struct msghdr){ .msg_iov = in, .msg_iovlen = 2 };
	syscall(SYS_recvmsg, u, &m, MSG_DONTWAIT);	/* nothing there */
	syscall(SYS_sendmsg, v, NULL, 0);
}

/* addresses the kernel writes: AF_UNIX ones, the same in every run */
static void output_addresses(const char *dir)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX }, from;
	char buf[8];
	socklen_t len;
	int l, c, s, u, v;

	at(dir, "listen.sock", addr.sun_path, sizeof(addr.sun_path));
	unlink(addr.sun_path);
	l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (bind(l, (struct sockaddr *)&addr, sizeof(addr)) || listen(l, 2))
		return;
	len = sizeof(from);
	syscall(SYS_getsockname, l, &from, &len);
	syscall(SYS_accept, l, &from, &len);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	syscall(SYS_connect, c, &addr, sizeof(addr));
	len = sizeof(from);
	s = syscall(SYS_accept4, l, &from, &len, SOCK_CLOEXEC);
	len = sizeof(from);
	syscall(SYS_getpeername, c, &from, &len);
	close(s);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	syscall(SYS_connect, c, &addr, sizeof(addr));
	s = syscall(SYS_accept, l, NULL, NULL);
	close(s);
	close(c);
	close(l);
	at(dir, "dgram.sock", addr.sun_path, sizeof(addr.sun_path));
	unlink(addr.sun_path);
	u = socket(AF_UNIX, SOCK_DGRAM, 0);
	v = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (bind(u, (struct sockaddr *)&addr, sizeof(addr)))
		return;
	at(dir, "sender.sock", from.sun_path, sizeof(from.sun_path));
	from.sun_family = AF_UNIX;
	unlink(from.sun_path);
	if (bind(v, (struct sockaddr *)&from, sizeof(from)))
		return;
	syscall(SYS_sendto, v, "hi", 2, 0, &addr, sizeof(addr));
	len = sizeof(from);
	syscall(SYS_recvfrom, u, buf, sizeof(buf), 0, &from, &len);
	syscall(SYS_sendto, v, "hi", 2, 0, NULL, 0);
	message_headers(u, v, &addr);
	close(u);
	close(v);
	unlink(from.sun_path);
	unlink(addr.sun_path);
	at(dir, "listen.sock", addr.sun_path, sizeof(addr.sun_path));
	unlink(addr.sun_path);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	char path[512], buf[256], big[100];
	struct timespec ts = { 0, 1000 };
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(9) };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6, .sin6_port = htons(9) };
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct stat st;
	int fds[2], s;
	char *mapped, *untouched;
	pid_t pid;

	inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
	inet_pton(AF_INET6, "::1", &in6.sin6_addr);
	strcpy(un.sun_path, "/nonexistent/lotrace.sock");
	memset(big, 'x', sizeof(big));

	/* a path in a file page nobody has touched yet: the copy at entry
	 * cannot fault it in, the one at exit finds it */
	at(dir, "pathfile", path, sizeof(path));
	s = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (write(s, "/etc/hostname", 14) != 14)
		return 1;
	close(s);
	s = open(path, O_RDONLY);
	mapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, s, 0);
	close(s);
	posix_fadvise(s, 0, 0, POSIX_FADV_DONTNEED);
	s = open(path, O_RDONLY);
	untouched = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, s, 0);
	close(s);

	pid = getpid();
	syscall(SYS_close, -7100);
	syscall(SYS_openat, AT_FDCWD, mapped, O_RDONLY);
	at(dir, "with space", path, sizeof(path));
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	at(dir, "quote\"and'apostrophe", path, sizeof(path));
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	at(dir, "caf\xc3\xa9\x01\n\t", path, sizeof(path));
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	at(dir, "a-name-much-longer-than-thirty-two-characters-which-paths-never-truncate",
	   path, sizeof(path));
	syscall(SYS_mkdir, path, 0755);
	syscall(SYS_rmdir, path);
	syscall(SYS_unlink, "/nonexistent/lotrace");
	syscall(SYS_write, -1, big, sizeof(big));
	syscall(SYS_write, -1, "short\n\0\x7f" "0", 9);
	syscall(SYS_newfstatat, AT_FDCWD, "/etc/hostname", &st, 0);
	syscall(SYS_newfstatat, AT_FDCWD, "/dev/null", &st, 0);
	syscall(SYS_newfstatat, AT_FDCWD, "/tmp", &st, 0);
	syscall(SYS_nanosleep, &ts, NULL);
	syscall(SYS_pipe2, fds, 0);
	syscall(SYS_write, fds[1], "hello\n", 6);
	syscall(SYS_read, fds[0], buf, sizeof(buf));
	syscall(SYS_close, fds[0]);
	syscall(SYS_close, fds[1]);
	syscall(SYS_readlink, "/proc/self/root", buf, sizeof(buf));
	syscall(SYS_chdir, "/");
	s = socket(AF_INET, SOCK_STREAM, 0);
	syscall(SYS_connect, s, &in, sizeof(in));
	close(s);
	s = socket(AF_INET6, SOCK_STREAM, 0);
	syscall(SYS_connect, s, &in6, sizeof(in6));
	close(s);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	syscall(SYS_connect, s, &un, sizeof(un));
	close(s);
	arrays_and_structs(pid);
	output_addresses(dir);
	syscall(SYS_execve, "/nonexistent/lotrace", NULL, NULL);
	syscall(SYS_close, -7101);
	/* a buffer in a page never touched, that the kernel never reads: the
	 * copy fails at entry and at exit (strace reads it: not compared) */
	syscall(SYS_write, -1, untouched, 9);
	munmap(mapped, 4096);
	return 0;
}
