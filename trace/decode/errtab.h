/* errtab: errno names (generated from <errno.h>) and their messages,
 * including the kernel-internal restart codes a tracer can observe. */
#ifndef LOTRACE_ERRTAB_H
#define LOTRACE_ERRTAB_H

#include <stdbool.h>

/* Symbolic name of err (positive), or NULL when unknown. */
const char *errtab_name(int err);

/* err (positive) is one of the kernel's restart codes, ERESTARTSYS and
 * its kin: the syscall was interrupted by a signal (strace's is_erestart). */
bool errtab_restart(int err);

/* Human-readable message for err (positive), never NULL. */
const char *errtab_message(int err);

#endif
