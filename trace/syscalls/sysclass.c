#include "syscalls/sysclass.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "syscalls/systab.h"
#include "syscalls/table.h"

/* Class names as strace spells them, and its pre-% spellings. */
static const struct {
	const char *name;
	unsigned mask;
} class_names[] = {
	{ "%desc", CL_DESC },
	{ "%file", CL_FILE },
	{ "%memory", CL_MEMORY },
	{ "%process", CL_PROCESS },
	{ "%creds", CL_CREDS },
	{ "%signal", CL_SIGNAL },
	{ "%ipc", CL_IPC },
	{ "%net", CL_NETWORK },
	{ "%network", CL_NETWORK },
	{ "%stat", CL_STAT },
	{ "%lstat", CL_LSTAT },
	{ "%fstat", CL_FSTAT },
	{ "%%stat", CL_STAT_LIKE },
	{ "%statfs", CL_STATFS },
	{ "%fstatfs", CL_FSTATFS },
	{ "%%statfs", CL_STATFS_LIKE },
	{ "%pure", CL_PURE },
	{ "%clock", CL_CLOCK },
	{ "desc", CL_DESC },
	{ "file", CL_FILE },
	{ "memory", CL_MEMORY },
	{ "process", CL_PROCESS },
	{ "signal", CL_SIGNAL },
	{ "ipc", CL_IPC },
	{ "network", CL_NETWORK },
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

unsigned sysclass_lookup(const char *name)
{
	for (size_t i = 0; i < LEN(class_names); i++)
		if (!strcasecmp(class_names[i].name, name))
			return class_names[i].mask;
	return 0;
}

unsigned sysclass_of(const char *syscall)
{
	int nr = systab_lookup(syscall);

	return nr >= 0 ? table_get(nr)->classes : 0;
}

void sysclass_each(unsigned mask, void (*fn)(int nr, void *ctx), void *ctx)
{
	for (int nr = 0; nr < table_size(); nr++) {
		unsigned classes = table_get(nr)->classes;

		if (classes && (classes & mask) == mask)
			fn(nr, ctx);
	}
}
