/* launch: start the traced command. The child is forked and held before
 * execve until the tracer has opened its events, then released by one byte
 * (EOF, as when lotrace is killed, makes it exit 127 unrun); an exec
 * failure comes back to the parent through a close-on-exec pipe. */
#ifndef LOTRACE_LAUNCH_H
#define LOTRACE_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct child {
	pid_t pid;
	int pidfd;		/* readable when the child exits */
	bool by_signal;		/* pidfd is a signalfd of SIGCHLD: the kernel (or
				 * valgrind) has no pidfd_open */
	int go_fd;		/* write end: a byte releases the child, EOF ends it */
	int err_fd;		/* read end: an errno if execve failed */
	char *path;		/* the resolved executable */
	char **argv, **envp;	/* what execve gets, at the same addresses in the child */
	bool kill_on_exit;	/* --kill-on-exit: SIGKILL when lotrace dies */
};

/* Resolve argv[0] like execvp, fork, and hold the child (c->kill_on_exit
 * is the caller's, the rest of c is filled). -ENOENT/-EACCES with one line
 * in errbuf when the command cannot be executed. */
int launch_prepare(struct child *c, char **argv, char *errbuf, size_t errlen);

/* Let the child exec. Returns -errno (and a line in errbuf) when the exec
 * failed; the child has then exited. */
int launch_start(struct child *c, char *errbuf, size_t errlen);

void launch_free(struct child *c);

#endif
