// SPDX-License-Identifier: GPL-2.0
/* The running kernel's BTF for CO-RE, without reading it: libbpf parses
 * /sys/kernel/btf/vmlinux (5 MiB, 125k types) to relocate a dozen field
 * offsets, 40 ms of a 2-vCPU machine's start-up. The build keeps the few
 * types the program uses; they hold on the kernel they came from, which
 * its GNU build ID (in /sys/kernel/notes) and /proc/version identify. */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "transport/corebtf.h"

/* Whether file holds exactly the len bytes at want. */
static bool same_file(const char *file, const unsigned char *want, size_t len)
{
	unsigned char buf[4096];
	ssize_t n;
	int fd;

	if (!len || len >= sizeof(buf))
		return false;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n == (ssize_t)len && !memcmp(buf, want, len);
}

int corebtf_open(char *path, size_t len)
{
	size_t done = 0;
	int fd;

	if (!lt_core_btf_len || !same_file("/sys/kernel/notes", lt_core_notes, lt_core_notes_len) ||
	    !same_file("/proc/version", lt_core_version, lt_core_version_len))
		return -1;
	fd = memfd_create("lotrace-core-btf", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	while (done < lt_core_btf_len) {
		ssize_t n = write(fd, lt_core_btf + done, lt_core_btf_len - done);

		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return fd;
}
