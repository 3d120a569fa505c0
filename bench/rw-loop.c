/*
 * rw-loop: N rounds of a 1-byte write(2) into a pipe and a 1-byte read(2)
 * back out of it: exactly 2*N syscalls that move data through the kernel.
 *
 * Usage: rw-loop N
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long long n;
	char *end, c = 'x';
	int fds[2];

	errno = 0;
	n = argc == 2 ? strtoull(argv[1], &end, 10) : 0;
	if (argc != 2 || errno || end == argv[1] || *end) {
		fprintf(stderr, "usage: rw-loop N\n");
		return 2;
	}
	if (pipe(fds)) {
		perror("rw-loop: creating the pipe");
		return 1;
	}
	for (unsigned long long i = 0; i < n; i++) {
		if (write(fds[1], &c, 1) != 1 || read(fds[0], &c, 1) != 1) {
			perror("rw-loop: 1-byte write/read on the pipe");
			return 1;
		}
	}
	return 0;
}
