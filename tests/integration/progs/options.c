/* The calls test_strace_options.sh traces under strace and lotrace with
 * each of strace's options, between the markers close(-9100) and
 * close(-9199): files, a pipe, strings with and without non-ASCII bytes,
 * buffers for -e read=/write=, failures, a signal, a child process, and
 * long-named syscalls for -c's column. Usage: it-options DIR [SECTION]:
 * SECTION "setup" makes the file the calls read and does nothing else,
 * "net" makes sockets and a pidfd that stay open a moment (-yy looks them
 * up while they exist), "exec" has a child exec true. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BEGIN (-9100)
#define END (-9199)
/* sockets stay open this long for -yy: lotrace prints a line up to a few
 * hundred ms after the call, and looks the socket up then */
#define HOLD_US 1500000

static void on_usr1(int sig)
{
	(void)sig;
}

/* A file with fixed times, made once (SECTION "setup") so that -v's
 * stat fields, its change time included, are the same in each run. */
static void make_file(const char *dir, char *path, size_t len)
{
	static const struct timespec times[2] = { { 1700000000, 123456789 }, { 1700000001, 0 } };
	struct stat st;
	int fd;

	snprintf(path, len, "%s/options.txt", dir);
	if (!stat(path, &st))
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		if (write(fd, "lotrace\n", 8) != 8)
			_exit(2);
		futimens(fd, times);
		close(fd);
	}
}

static void files(const char *path)
{
	char buf[128];
	struct stat st;
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);

	syscall(SYS_fstat, fd, &st);
	syscall(SYS_read, fd, buf, sizeof(buf));
	syscall(SYS_lseek, fd, 1, SEEK_CUR);
	syscall(SYS_close, fd);
	syscall(SYS_openat, AT_FDCWD, "/nonexistent/lotrace", O_RDONLY);
	syscall(SYS_close, -5);
}

static void pipes(void)
{
	char text[] = "hi\1\377 there\n", plain[] = "plain text\n", big[100], buf[256];
	char a[] = "abc", b[] = "defghijklmnopqrstuvwxyz0123";
	struct iovec iov[2] = { { a, 3 }, { b, 27 } };
	int fds[2];

	for (int i = 0; i < (int)sizeof(big); i++)
		big[i] = (char)(i * 7);
	syscall(SYS_pipe2, fds, 0);
	syscall(SYS_write, fds[1], text, strlen(text));
	syscall(SYS_write, fds[1], plain, strlen(plain));
	syscall(SYS_write, fds[1], big, sizeof(big));
	syscall(SYS_writev, fds[1], iov, 2);
	syscall(SYS_read, fds[0], buf, sizeof(buf));
	syscall(SYS_write, -1, big, 10);
	syscall(SYS_close, fds[0]);
	syscall(SYS_close, fds[1]);
}

static void process(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	pid_t child;
	int status;

	sigaction(SIGUSR1, &sa, NULL);
	syscall(SYS_kill, syscall(SYS_getpid), SIGUSR1);
	syscall(SYS_sched_get_priority_max, SCHED_FIFO);
	syscall(SYS_sched_get_priority_min, SCHED_FIFO);
	child = fork();
	if (child == 0) {
		syscall(SYS_close, -42);
		_exit(3);
	}
	syscall(SYS_wait4, child, &status, 0, NULL);
}

static void exec_child(void)
{
	char *argv[] = { "/bin/true", NULL };
	pid_t child = fork();
	int status;

	if (child == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	syscall(SYS_wait4, child, &status, 0, NULL);
}

static void net(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int sv[2], l, c, s, pfd, nul;

	syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
	l = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	syscall(SYS_bind, l, &a, sizeof(a));
	syscall(SYS_listen, l, 1);
	syscall(SYS_getsockname, l, &a, &len);
	c = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	syscall(SYS_connect, c, &a, sizeof(a));
	s = (int)syscall(SYS_accept, l, NULL, NULL);
	pfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	nul = (int)syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY);
	usleep(HOLD_US);
	syscall(SYS_write, sv[0], "x", 1);
	syscall(SYS_write, c, "y", 1);
	syscall(SYS_write, s, "z", 1);
	syscall(SYS_write, nul, "n", 1);
	syscall(SYS_close, pfd);
	syscall(SYS_close, nul);
	usleep(HOLD_US);
	syscall(SYS_close, s);
	syscall(SYS_close, c);
	syscall(SYS_close, l);
	syscall(SYS_close, sv[0]);
	syscall(SYS_close, sv[1]);
}

int main(int argc, char **argv)
{
	const char *section = argc > 2 ? argv[2] : "all";
	char path[4096];

	if (argc < 2)
		return 2;
	make_file(argv[1], path, sizeof(path));
	if (!strcmp(section, "setup"))
		return 0;
	signal(SIGUSR1, on_usr1);
	syscall(SYS_close, BEGIN);
	if (!strcmp(section, "net")) {
		net();
	} else if (!strcmp(section, "exec")) {
		exec_child();
	} else {
		files(path);
		pipes();
		process();
	}
	syscall(SYS_close, END);
	return 0;
}
