#include "decode/errtab.h"

#include <stddef.h>
#include <string.h>

struct errtab_entry {
	const char *name;
	int err;
};

static const struct errtab_entry errtab[] = {
#define ERRNO(name, value) { #name, value },
#include "errno_gen.h"
#undef ERRNO
};

/* Codes from the kernel's include/linux/errno.h: never returned to user
 * space, but visible at sys_exit when a signal interrupts a syscall. */
static const struct {
	const char *name;
	const char *message;
	int err;
} kernel_errtab[] = {
	{ "ERESTARTSYS", "To be restarted if SA_RESTART is set", 512 },
	{ "ERESTARTNOINTR", "To be restarted", 513 },
	{ "ERESTARTNOHAND", "To be restarted if no handler", 514 },
	{ "ENOIOCTLCMD", "No ioctl command", 515 },
	{ "ERESTART_RESTARTBLOCK", "Interrupted by signal", 516 },
	{ "EPROBE_DEFER", "Driver requests probe retry", 517 },
	{ "EOPENSTALE", "Open found a stale dentry", 518 },
	{ "ENOPARAM", "Parameter not supported", 519 },
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

bool errtab_restart(int err)
{
	for (size_t i = 0; i < LEN(kernel_errtab); i++)
		if (kernel_errtab[i].err == err)
			return !strncmp(kernel_errtab[i].name, "ERESTART", 8);
	return false;
}

const char *errtab_name(int err)
{
	for (size_t i = 0; i < LEN(errtab); i++)
		if (errtab[i].err == err)
			return errtab[i].name;
	for (size_t i = 0; i < LEN(kernel_errtab); i++)
		if (kernel_errtab[i].err == err)
			return kernel_errtab[i].name;
	return NULL;
}

const char *errtab_message(int err)
{
	for (size_t i = 0; i < LEN(kernel_errtab); i++)
		if (kernel_errtab[i].err == err)
			return kernel_errtab[i].message;
	return strerror(err);
}
