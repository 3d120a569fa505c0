/* SPDX-License-Identifier: MIT */
/*
 * files: reading the provider file and writing the header, all or nothing:
 * a regular file is replaced by rename, so that a failed run leaves the old
 * header; a character device or a FIFO (/dev/null, /dev/stdout on a pipe)
 * is written through, never replaced.
 */
#ifndef USDT_GEN_FILES_H
#define USDT_GEN_FILES_H

#include <stddef.h>

#include "buf.h"

/* The most a provider file may hold: PostgreSQL's is 7 KB, 60,000 probes
 * take 2.5 MB. */
#define FILE_READ_MAX (16u << 20)

/* The whole file, NUL-terminated (*text is malloc'ed). 0 or -errno, with
 * -EILSEQ for a file holding a NUL byte and -EFBIG for one larger than
 * FILE_READ_MAX (both said as soon as read, a device or pipe included). */
int file_read(const char *path, char **text, size_t *len);

/* Write len bytes to path as described above. 0, or -errno with one line
 * in msg saying what went wrong. */
int file_write(const char *path, const char *data, size_t len, char *msg,
	       size_t msglen);

/* provider.d -> provider.h, as dtrace -h names its output (malloc'ed). */
char *file_default_output(const char *in);

#endif
