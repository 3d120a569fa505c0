/* Descriptors for -y, between the markers close(-7100) and close(-7101):
 * files by absolute and relative paths and through directory fds,
 * symlinks, duplicates, pipes, sockets, anonymous inodes, memfd, unlinked
 * and renamed files, close_range, a child that inherits them; then an
 * execve of itself where close-on-exec descriptors are gone and the others
 * remain (markers close(-7200) and close(-7201)). argv[1] is a scratch
 * directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void marker(int n)
{
	syscall(SYS_close, n);
}

static int after_exec(int kept, int gone)
{
	marker(-7200);
	if (write(kept, "after exec\n", 11) != 11)
		return 1;
	if (write(gone, "x", 1) != -1)	/* it was close-on-exec */
		return 1;
	close(kept);
	marker(-7201);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	char path[512], kept_s[16], gone_s[16];
	struct stat st;
	int fd, dfd, p[2], sv[2], s, e, ep, m, kept, gone;
	pid_t child;

	if (argc > 3)
		return after_exec(atoi(argv[2]), atoi(argv[3]));

	marker(-7100);
	snprintf(path, sizeof(path), "%s/plain file", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (write(fd, "hello", 5) != 5 || fstat(fd, &st))
		return 1;
	lseek(fd, 0, SEEK_SET);
	close(fd);
	/* relative to the working directory, and to a directory fd */
	if (chdir(dir))
		return 1;
	fd = open("plain file", O_RDONLY);
	close(fd);
	if (mkdir("sub", 0700))
		return 1;
	dfd = open("sub", O_RDONLY | O_DIRECTORY);
	fd = openat(dfd, "../sub/./inner", O_WRONLY | O_CREAT, 0600);
	if (fchdir(dfd))
		return 1;
	close(fd);
	fd = open("inner", O_RDONLY);
	close(fd);
	close(dfd);
	/* a symlink: strace -y shows where it leads */
	fd = open("/etc/localtime", O_RDONLY);
	close(fd);
	/* duplicates */
	fd = open("/etc/hostname", O_RDONLY);
	s = dup(fd);
	dup2(fd, 20);
	dup3(fd, 21, O_CLOEXEC);
	e = fcntl(fd, F_DUPFD, 30);
	close(s);
	close(20);
	close(21);
	close(e);
	/* pipes, sockets, anonymous inodes */
	if (pipe2(p, 0) || write(p[1], "x", 1) != 1)
		return 1;
	close(p[0]);
	close(p[1]);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || write(sv[0], "x", 1) != 1)
		return 1;
	close(sv[0]);
	close(sv[1]);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	close(s);
	e = eventfd(0, EFD_CLOEXEC);
	ep = epoll_create1(EPOLL_CLOEXEC);
	close(ep);
	close(e);
	m = memfd_create("lotrace-y", MFD_CLOEXEC);
	if (write(m, "x", 1) != 1)
		return 1;
	close(m);
	/* a file unlinked while open, a file renamed while open */
	snprintf(path, sizeof(path), "%s/doomed", dir);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	unlink(path);
	if (write(fd, "x", 1) != 1)
		return 1;
	close(fd);
	snprintf(path, sizeof(path), "%s/before", dir);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	rename(path, "../after");
	if (write(fd, "x", 1) != 1)
		return 1;
	close(fd);
	/* the child has the parent's descriptors */
	if (pipe(p))
		return 1;
	child = fork();
	if (child == 0) {
		close(p[0]);
		if (write(p[1], "c", 1) != 1)
			_exit(1);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	close(p[1]);
	close(p[0]);
	/* a closed descriptor, and close_range */
	fd = open("/etc/hostname", O_RDONLY);
	close(fd);
	close(fd);
	snprintf(path, sizeof(path), "%s/kept", dir);
	kept = open(path, O_WRONLY | O_CREAT, 0600);
	gone = open("/etc/hostname", O_RDONLY | O_CLOEXEC);
	s = open("/etc/passwd", O_RDONLY);
	syscall(SYS_close_range, s, ~0u, 0);
	close(s);
	marker(-7101);

	snprintf(kept_s, sizeof(kept_s), "%d", kept);
	snprintf(gone_s, sizeof(gone_s), "%d", gone);
	execl("/proc/self/exe", argv[0], dir, kept_s, gone_s, (char *)NULL);
	return 1;
}
