/* fdname: -yy and --decode-fds=socket,dev,pidfd: what a descriptor shows
 * beyond its path, as strace shows it: a socket's protocol and endpoints
 * (TCP:[127.0.0.1:5432->127.0.0.1:40412], UNIX-STREAM:[1234->1235]), a
 * device's type and numbers (/dev/null<char 1:3>), a pidfd's process
 * (pid:1234). Owns a cache of what sockets were found to be. */
#ifndef LOTRACE_FDNAME_H
#define LOTRACE_FDNAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fdname;

/* decode_fds: the DECODE_FD_* bits of --decode-fds. */
struct fdname *fdname_new(unsigned decode_fds);
void fdname_free(struct fdname *n);

/* What descriptor fd of process pid, which refers to path, shows between
 * < and >: text in buf (*raw: already quoted), path itself (not quoted
 * yet), or NULL when --decode-fds shows nothing for it. */
const char *fdname_text(struct fdname *n, uint32_t pid, int fd, const char *path, char *buf,
			size_t len, bool *raw);

/* pidfd_open(target) made descriptor fd of pid: what its pidfd shows
 * when /proc no longer has it (closed before lotrace printed it). */
void fdname_pidfd(struct fdname *n, uint32_t pid, int fd, long target);

#endif
