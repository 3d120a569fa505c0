/* Syscalls whose arguments are strings and structs, between the markers
 * close(-7100) and close(-7101): lotrace must print them as strace does.
 * argv[1] is a scratch directory. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void at(const char *dir, const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s/%s", dir, name);
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
	char *mapped;

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
	syscall(SYS_close, -7101);
	munmap(mapped, 4096);
	return 0;
}
