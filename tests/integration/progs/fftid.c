/* -ff's files where the traced program chooses what they are: fftid
 * PREFIX forks a child that waits on a pipe, makes a FIFO named
 * PREFIX.<child's pid> (nobody reads it), then lets the child call
 * getppid(), whose line lotrace -ff -o PREFIX -e trace=getppid writes to
 * that name. The FIFO is left for the caller to remove. */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[4096], c = 0;
	int go[2], status;
	pid_t pid;

	if (argc != 2 || pipe(go))
		return 2;
	pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		getppid();
		_exit(0);
	}
	snprintf(path, sizeof(path), "%s.%d", argv[1], (int)pid);
	if (mkfifo(path, 0600)) {
		perror("fftid: mkfifo");
		return 2;
	}
	/* the FIFO stays: lotrace reads the child's line later */
	if (write(go[1], &c, 1) != 1 || waitpid(pid, &status, 0) != pid)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
