/* outfile: the stream the trace goes to, -o FILE or standard error, and
 * the first error writing it. stdio's error flag says that a write failed
 * but not why; a file is written through a stdio cookie that keeps the
 * first errno (and drops the rest of the trace: said once, lotrace runs on
 * with the command). It owns the FILE and the descriptor under it. */
#ifndef LOTRACE_OUTFILE_H
#define LOTRACE_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

struct outfile;

/* path NULL: standard error; "|CMD" or "!CMD": a pipe into CMD run by
 * the shell; else a file, truncated or (-A) appended to. NULL and errno
 * set when path cannot be opened. */
struct outfile *outfile_open(const char *path, bool append);

/* A file at path, whatever its first character: the files sinks write
 * themselves (-ff's, --export-chrome's). */
struct outfile *outfile_open_file(const char *path, bool append);

/* The same, opened while lotrace traces (with its signals blocked): a
 * FIFO nobody reads fails with ENXIO instead of waiting for a reader. */
struct outfile *outfile_open_nowait(const char *path, bool append);

/* -o |CMD or !CMD. */
bool outfile_is_pipe(const char *path);

FILE *outfile_stream(const struct outfile *o);

/* What the messages call it: the path, or "standard error". */
const char *outfile_name(const struct outfile *o);

/* The errno of the first write or close that failed, else 0. */
int outfile_error(const struct outfile *o);

/* Flush and close (standard error stays open), then free o. Returns what
 * outfile_error would, the close included. */
int outfile_close(struct outfile *o);

#endif
