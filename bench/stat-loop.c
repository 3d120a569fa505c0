/*
 * stat-loop: N newfstatat(2) calls on PATH: exactly N syscalls, each of
 * which lotrace's BPF program copies a path into at entry and a struct
 * stat out of at exit.
 *
 * Usage: stat-loop N PATH
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long long n;
	struct stat st;
	char *end;

	errno = 0;
	n = argc == 3 ? strtoull(argv[1], &end, 10) : 0;
	if (argc != 3 || errno || end == argv[1] || *end) {
		fprintf(stderr, "usage: stat-loop N PATH\n");
		return 2;
	}
	for (unsigned long long i = 0; i < n; i++) {
		/* the raw syscall: glibc's stat may pick statx instead */
		if (syscall(SYS_newfstatat, AT_FDCWD, argv[2], &st, 0)) {
			perror("stat-loop: newfstatat");
			return 1;
		}
	}
	return 0;
}
