/* systab: this architecture's syscall numbers and names, generated from
 * <asm/unistd.h> at build time, with lookup and nearest-name suggestion. */
#ifndef LOTRACE_SYSTAB_H
#define LOTRACE_SYSTAB_H

/* One past the highest syscall number the table knows. */
int systab_size(void);

/* Name of syscall nr, or NULL when the headers do not know it. */
const char *systab_name(int nr);

/* Number of the syscall called name, or -ENOENT. */
int systab_lookup(const char *name);

/* The known syscall name closest to name by edit distance. */
const char *systab_nearest(const char *name);

#endif
