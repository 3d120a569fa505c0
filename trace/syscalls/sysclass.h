/* sysclass: strace's syscall classes for -e trace= (%file, %network, ...);
 * which syscalls belong to each is in their rows of table.def. */
#ifndef LOTRACE_SYSCLASS_H
#define LOTRACE_SYSCLASS_H

#include <stdbool.h>

enum sysclass {
	CL_DESC = 1 << 0,	/* %desc: takes or returns a descriptor */
	CL_FILE = 1 << 1,	/* %file: takes a file name */
	CL_IPC = 1 << 2,	/* %ipc: System V IPC */
	CL_NETWORK = 1 << 3,	/* %network, %net */
	CL_PROCESS = 1 << 4,	/* %process: process lifecycle */
	CL_SIGNAL = 1 << 5,	/* %signal */
	CL_MEMORY = 1 << 6,	/* %memory: mappings */
	CL_STAT = 1 << 7,	/* %stat: stat by name */
	CL_LSTAT = 1 << 8,	/* %lstat */
	CL_FSTAT = 1 << 9,	/* %fstat: stat by descriptor (or dirfd) */
	CL_STAT_LIKE = 1 << 10,	/* %%stat: every stat variant */
	CL_STATFS = 1 << 11,	/* %statfs */
	CL_FSTATFS = 1 << 12,	/* %fstatfs */
	CL_STATFS_LIKE = 1 << 13, /* %%statfs */
	CL_PURE = 1 << 14,	/* %pure: getters without arguments that never fail */
	CL_CREDS = 1 << 15,	/* %creds: user and group ids, capabilities */
	CL_CLOCK = 1 << 16,	/* %clock: read or set a clock */
};

/* The class named name ("%file", "%net", or strace's old spelling
 * "file"; case does not matter), or 0 when name is no class. */
unsigned sysclass_lookup(const char *name);

/* The classes syscall name belongs to (0 for none or unknown). */
unsigned sysclass_of(const char *syscall);

/* Call fn(nr, ctx) for every syscall in all of the classes of mask. */
void sysclass_each(unsigned mask, void (*fn)(int nr, void *ctx), void *ctx);

#endif
