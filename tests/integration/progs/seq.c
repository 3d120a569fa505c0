/* A fixed sequence of syscalls between two markers, close(-4242) and
 * close(-4343), that lotrace and strace must report identically. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	int fds[2];
	long fd;

	syscall(SYS_close, -4242);
	fd = syscall(SYS_openat, AT_FDCWD, "/etc/hostname", O_RDONLY | O_CLOEXEC);
	syscall(SYS_read, fd, buf, sizeof(buf));
	syscall(SYS_lseek, fd, 0, SEEK_SET);
	syscall(SYS_close, fd);
	syscall(SYS_openat, AT_FDCWD, "/nonexistent/lotrace", O_RDONLY);
	syscall(SYS_pipe2, fds, O_CLOEXEC);
	syscall(SYS_write, fds[1], "lotrace", 7);
	syscall(SYS_read, fds[0], buf, 3);
	syscall(SYS_dup, fds[0]);
	syscall(SYS_close, fds[0]);
	syscall(SYS_close, fds[1]);
	syscall(SYS_lseek, 999, 0, SEEK_SET);
	syscall(SYS_getppid);
	syscall(SYS_mkdir, "/proc/lotrace-cannot", 0755);
	syscall(SYS_kill, 0x7ffffff0, 0);
	syscall(SYS_close, -4343);
	return 3;
}
