/* proc: what lotrace reads about other processes from /proc. */
#ifndef LOTRACE_UTIL_PROC_H
#define LOTRACE_UTIL_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Call fn for each thread of process pid until it returns non-zero, which
 * is then returned; -ESRCH when pid has no thread. */
int proc_each_tid(pid_t pid, int (*fn)(pid_t tid, void *ctx), void *ctx);

/* Thread tid's comm into comm (len bytes); left as it was when unknown. */
void proc_comm(pid_t pid, pid_t tid, char *comm, size_t len);

/* Whether thread tid of pid (or, tid 0, process pid) still exists. */
bool proc_exists(pid_t pid, pid_t tid);

/* The process (thread group) thread tid belongs to; -errno. */
pid_t proc_tgid(pid_t tid);

/* readlink of /proc/PID/WHAT ("cwd", "fd/3") into out; -errno. */
int proc_readlink(pid_t pid, const char *what, char *out, size_t len);

#endif
