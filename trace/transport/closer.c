#include "transport/closer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int by_value(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* In the grandchild: close every fd but keep[0..n-1] (sorted). */
static void keep_only(const int *keep, int n)
{
	unsigned lo = 0;

	for (int i = 0; i < n; i++) {
		if ((unsigned)keep[i] > lo)
			syscall(SYS_close_range, lo, (unsigned)keep[i] - 1, 0);
		lo = (unsigned)keep[i] + 1;
	}
	syscall(SYS_close_range, lo, ~0u, 0);
}

int closer_begin(const int *fds, int n)
{
	int go[2], *keep;
	pid_t pid;

	if (n <= 0 || pipe2(go, O_CLOEXEC))
		return -1;
	/* allocated before fork: the grandchild only closes and exits */
	keep = malloc((size_t)(n + 1) * sizeof(*keep));
	if (!keep)
		goto fail;
	for (int i = 0; i < n; i++)
		keep[i] = fds[i];
	keep[n] = go[0];
	qsort(keep, (size_t)n + 1, sizeof(*keep), by_value);
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			char c;

			/* not the output, not lotrace's other events: only these */
			keep_only(keep, n + 1);
			while (read(go[0], &c, 1) < 0 && errno == EINTR)
				;
			for (int i = 0; i <= n; i++)
				close(keep[i]);
		}
		_exit(0);
	}
	free(keep);
	if (pid < 0)
		goto fail;
	waitpid(pid, NULL, 0);
	close(go[0]);
	return go[1];
fail:
	close(go[0]);
	close(go[1]);
	return -1;
}

void closer_end(int handle)
{
	if (handle >= 0)
		close(handle);
}
