/* fdtab: for each traced process, what its file descriptors refer to as
 * strace -y names them ("/etc/hostname", "socket:[1234]") and its working
 * directory; plus the path arithmetic and quoting -y needs. Plain data:
 * which syscalls change the table is fdtrack's business. */
#ifndef LOTRACE_FDTAB_H
#define LOTRACE_FDTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/idtab.h"

#define FDTAB_MAX_FD (1 << 20)	/* descriptors above are never tracked */

enum fd_state {
	FD_UNKNOWN,	/* never seen: ask /proc */
	FD_CLOSED,	/* known not to be open */
	FD_OPEN,
};

enum fd_cloexec {
	CLOEXEC_NO,
	CLOEXEC_YES,
	CLOEXEC_MAYBE,	/* opened by a call whose flags lotrace cannot see */
};

struct fd_entry {
	uint8_t state;		/* enum fd_state */
	uint8_t cloexec;	/* enum fd_cloexec */
	bool deleted;		/* strace's "(deleted)" after the path */
	char *path;		/* FD_OPEN: owned */
};

struct fd_proc {
	uint32_t pid;
	bool gone;		/* /proc has nothing more to say about it */
	char *cwd;		/* owned, or NULL when unknown */
	struct fd_entry *fd;
	int nfd;
	int closed_from;	/* descriptors from here past fd[] are closed */
	struct idtab_node node;	/* in fdtab's table, by pid */
};

struct fdtab {
	struct idtab procs;
};

int fdtab_init(struct fdtab *t);
void fdtab_free(struct fdtab *t);

/* The process pid, created with every descriptor unknown on first use;
 * NULL only when out of memory. */
struct fd_proc *fdtab_proc(struct fdtab *t, uint32_t pid);
struct fd_proc *fdtab_find(const struct fdtab *t, uint32_t pid);
void fdtab_drop(struct fdtab *t, uint32_t pid);

/* A new process: a copy of parent's descriptors and directory. */
int fdtab_fork(struct fdtab *t, uint32_t parent, uint32_t child);

/* The entry of fd, or NULL when it is out of range. */
const struct fd_entry *fdtab_get(const struct fd_proc *p, int fd);

int fdtab_set(struct fd_proc *p, int fd, const char *path, enum fd_cloexec cloexec,
	      bool deleted);
void fdtab_close(struct fd_proc *p, int fd);
/* Nothing is known of fd any more: /proc is asked next time. */
void fdtab_forget(struct fd_proc *p, int fd);
/* Close (or only mark close-on-exec) every descriptor in first..last. */
void fdtab_close_range(struct fd_proc *p, unsigned first, unsigned last, bool cloexec_only);
/* newfd becomes what oldfd is; -ENOENT when oldfd is not known open. */
int fdtab_dup(struct fd_proc *p, int oldfd, int newfd, enum fd_cloexec cloexec);
void fdtab_set_cloexec(struct fd_proc *p, int fd, bool on);
/* execve succeeded: close-on-exec descriptors are gone, unsure ones are
 * unknown again. */
void fdtab_exec(struct fd_proc *p);
/* path NULL: unknown, /proc is asked next time */
int fdtab_set_cwd(struct fd_proc *p, const char *path);

/* Every descriptor of every process open on path: renamed or unlinked. */
void fdtab_renamed(struct fdtab *t, const char *from, const char *to);
void fdtab_unlinked(struct fdtab *t, const char *path);

/* base joined with rel (rel alone when absolute), with ".", ".." and
 * repeated slashes resolved as text; -ENAMETOOLONG when out is short. */
int fdpath_join(char *out, size_t len, const char *base, const char *rel);

/* strace -y's spelling of a path between < and >: as in a quoted string,
 * with < and > in octal too. Returns the length written. */
size_t fdpath_quote(char *out, size_t room, const char *path);

#endif
