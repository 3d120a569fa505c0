/* Signals as strace shows them: one the process ignores, one it handles,
 * a child's SIGCHLD at its default disposition while the parent waits,
 * and at last a fatal SIGPIPE. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void handler(int sig)
{
	(void)sig;
}

int main(void)
{
	int p[2];
	pid_t child;

	signal(SIGUSR1, SIG_IGN);
	kill(getpid(), SIGUSR1);
	signal(SIGUSR2, handler);
	kill(getpid(), SIGUSR2);
	child = fork();
	if (!child) {
		usleep(50000);
		_exit(7);
	}
	waitpid(child, NULL, 0);
	if (pipe(p))
		return 1;
	close(p[0]);
	if (write(p[1], "x", 1) < 0)
		return 2;	/* never: SIGPIPE kills first */
	return 3;
}
