/* fdtrack: -y. Keeps an fdtab up to date from the calls that open,
 * duplicate and close descriptors or change directory, reads /proc/PID/fd
 * for what was open before lotrace looked, and rewrites decoded calls the
 * way strace -y prints them: read(3</etc/hostname>, ...) = 3</etc/hostname>. */
#ifndef LOTRACE_FDTRACK_H
#define LOTRACE_FDTRACK_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/decode.h"
#include "pipeline/pair.h"
#include "syscalls/sysset.h"

struct fdtrack;

/* decode_fds: --decode-fds's DECODE_FD_* bits, what annotate shows. */
struct fdtrack *fdtrack_new(unsigned decode_fds);
void fdtrack_free(struct fdtrack *t);

/* Add to set the syscalls that change descriptors: -y must see them even
 * when -e trace= does not show them. */
void fdtrack_syscalls(struct sysset *set);

/* Have the BPF program copy the inodes of the descriptors syscall nr makes
 * (pipes and sockets are named by them) into plan; false when it makes
 * none that need it. */
struct lt_plan;
bool fdtrack_plan(int nr, struct lt_plan *plan);

/* What /proc says pid has open now. before_exec: pid has not yet run the
 * execve lotrace started it with, so close-on-exec descriptors are gone. */
void fdtrack_snapshot(struct fdtrack *t, uint32_t pid, bool before_exec);

/* A new process (not a thread) forked from parent. */
void fdtrack_fork(struct fdtrack *t, uint32_t parent, uint32_t child);
void fdtrack_exit(struct fdtrack *t, uint32_t pid);

/* What descriptor fd of process pid refers to before the call being
 * emitted ("/etc/hostname", "socket:[1234]"), or NULL when not open. */
const char *fdtrack_path(struct fdtrack *t, uint32_t pid, int fd, bool *deleted);

/* Around the sinks, for each call that returned: prepare works out what
 * the call's new descriptors are, annotate (from the sinks) rewrites its
 * decoded arguments and return value, apply records the call's effect. */
void fdtrack_prepare(struct fdtrack *t, const struct call *c);
void fdtrack_annotate(struct fdtrack *t, const struct call *c, struct dcall *d);
void fdtrack_apply(struct fdtrack *t, const struct call *c);

#endif
