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

/* Codes from the kernel's include/linux/errno.h, as strace 6.1 names
 * them: the restart codes are never returned to user space, but visible
 * at sys_exit when a signal interrupts a syscall, and strace explains
 * them; the others leak out now and then (bpf's ENOTSUPP), with
 * strerror's message. */
static const struct {
	const char *name;
	const char *message;	/* NULL: strerror's */
	int err;
} kernel_errtab[] = {
	{ "ERESTARTSYS", "To be restarted if SA_RESTART is set", 512 },
	{ "ERESTARTNOINTR", "To be restarted", 513 },
	{ "ERESTARTNOHAND", "To be restarted if no handler", 514 },
	{ "ENOIOCTLCMD", NULL, 515 },
	{ "ERESTART_RESTARTBLOCK", "Interrupted by signal", 516 },
	{ "EPROBE_DEFER", NULL, 517 },
	{ "EOPENSTALE", NULL, 518 },
	{ "EBADHANDLE", NULL, 521 },
	{ "ENOTSYNC", NULL, 522 },
	{ "EBADCOOKIE", NULL, 523 },
	{ "ENOTSUPP", NULL, 524 },
	{ "ETOOSMALL", NULL, 525 },
	{ "ESERVERFAULT", NULL, 526 },
	{ "EBADTYPE", NULL, 527 },
	{ "EJUKEBOX", NULL, 528 },
	{ "EIOCBQUEUED", NULL, 529 },
	{ "ERECALLCONFLICT", NULL, 530 },
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
		if (kernel_errtab[i].err == err && kernel_errtab[i].message)
			return kernel_errtab[i].message;
	return strerror(err);
}
