#include "run/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/prctl.h>
#include <unistd.h>

extern char **environ;

static int executable(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (access(path, X_OK))
		return -errno;
	return 0;
}

/* execvp's search, done in the parent so a bad command is reported before
 * anything is traced. */
static int resolve(const char *name, char **out)
{
	const char *path = getenv("PATH");
	int first_err = -ENOENT;

	if (strchr(name, '/')) {
		int ret = executable(name);

		if (ret)
			return ret;
		*out = strdup(name);
		return *out ? 0 : -ENOMEM;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *end = strchrnul(path, ':');
		char *cand;
		int ret;

		if (asprintf(&cand, "%.*s%s%s", (int)(end - path), path, end == path ? "" : "/",
			     name) < 0)
			return -ENOMEM;
		ret = executable(cand);
		if (!ret) {
			*out = cand;
			return 0;
		}
		if (ret == -EACCES)
			first_err = ret;
		free(cand);
		path = *end ? end + 1 : end;
	}
	return first_err;
}

/* The byte launch_start writes: the one thing that lets the child exec. */
#define LAUNCH_GO 'g'

/* In the child: wait for the tracer's go. EOF (the tracer died, or gave
 * up without releasing it) or anything else means never run the command:
 * it would run untraced. PR_SET_PDEATHSIG covers a write end some other
 * process still holds; it is taken back before execve so the command
 * outlives lotrace as it would outlive strace. */
static void held(int go_fd, pid_t tracer)
{
	char byte = 0;
	ssize_t n;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != tracer)
		_exit(127);
	do
		n = read(go_fd, &byte, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1 || byte != LAUNCH_GO)
		_exit(127);
	prctl(PR_SET_PDEATHSIG, 0);
}

int launch_prepare(struct child *c, char **argv, char *errbuf, size_t errlen)
{
	bool kill_on_exit = c->kill_on_exit;	/* the caller's choice */
	int go[2], err[2], ret;
	pid_t tracer = getpid();
	sigset_t none;

	memset(c, 0, sizeof(*c));
	c->kill_on_exit = kill_on_exit;
	c->pidfd = c->go_fd = c->err_fd = -1;
	ret = resolve(argv[0], &c->path);
	if (ret) {
		snprintf(errbuf, errlen, "cannot execute '%s': %s", argv[0],
			 ret == -ENOENT && !strchr(argv[0], '/') ? "command not found" : strerror(-ret));
		return ret;
	}
	c->argv = argv;
	c->envp = environ;
	if (pipe2(go, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
		snprintf(errbuf, errlen, "cannot create a pipe to start '%s': %s", argv[0],
			 strerror(errno));
		return -errno;
	}
	c->pid = fork();
	if (c->pid < 0) {
		snprintf(errbuf, errlen, "cannot fork to start '%s': %s", argv[0], strerror(errno));
		return -errno;
	}
	if (c->pid == 0) {
		int e;

		close(go[1]);
		close(err[0]);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		held(go[0], tracer);
		/* --kill-on-exit: ptrace's EXITKILL, for lotrace killed outright */
		if (c->kill_on_exit)
			prctl(PR_SET_PDEATHSIG, SIGKILL);
		execve(c->path, c->argv, c->envp);
		e = errno;
		if (write(err[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	close(go[0]);
	close(err[1]);
	c->go_fd = go[1];
	c->err_fd = err[0];
	c->pidfd = (int)syscall(SYS_pidfd_open, c->pid, 0);
	if (c->pidfd < 0 && errno == ENOSYS) {
		/* before Linux 5.3, and under valgrind 3.19: SIGCHLD, which
		 * tracer_signals blocked before the fork, tells the exit */
		sigset_t chld;

		sigemptyset(&chld);
		sigaddset(&chld, SIGCHLD);
		c->pidfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
		c->by_signal = c->pidfd >= 0;
	}
	if (c->pidfd < 0) {
		snprintf(errbuf, errlen, "pidfd_open on the command's process: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

int launch_start(struct child *c, char *errbuf, size_t errlen)
{
	const char go = LAUNCH_GO;
	ssize_t n;
	int e;

	do
		n = write(c->go_fd, &go, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1) {
		snprintf(errbuf, errlen, "cannot release '%s' to run: %s", c->argv[0],
			 strerror(errno));
		return -errno;
	}
	close(c->go_fd);
	c->go_fd = -1;
	do
		n = read(c->err_fd, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(c->err_fd);
	c->err_fd = -1;
	if (n == sizeof(e)) {
		snprintf(errbuf, errlen, "cannot execute '%s': %s", c->argv[0], strerror(e));
		waitpid(c->pid, NULL, 0);
		c->pid = 0;
		return -e;
	}
	return 0;
}

void launch_free(struct child *c)
{
	if (c->go_fd >= 0) {
		/* never released: it exits without running (held()) */
		kill(c->pid, SIGKILL);
		close(c->go_fd);
		waitpid(c->pid, NULL, 0);
	}
	if (c->err_fd >= 0)
		close(c->err_fd);
	if (c->pidfd >= 0)
		close(c->pidfd);
	free(c->path);
	bool kill_on_exit = c->kill_on_exit;	/* the caller's choice */

	memset(c, 0, sizeof(*c));
	c->kill_on_exit = kill_on_exit;
	c->pidfd = c->go_fd = c->err_fd = -1;
}
