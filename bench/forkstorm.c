/* forkstorm ROUNDS FDS [DIR]: a fork/exec storm for bench/memory.sh.
 * Each round forks 4 children at once; each opens FDS descriptors on 64
 * files in DIR (default /tmp), then every other round execs /bin/true,
 * else exits. What a -f -y trace of a build looks like, faster. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define PARALLEL 4

static void child(int fds, const char *dir, int exec)
{
	char path[4096];

	for (int i = 0; i < fds; i++) {
		snprintf(path, sizeof(path), "%s/forkstorm.%d", dir, i % 64);
		if (open(path, O_RDONLY | O_CREAT, 0600) < 0)
			break;
	}
	if (exec)
		execl("/bin/true", "true", (char *)NULL);
	_exit(0);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 1000;
	int fds = argc > 2 ? atoi(argv[2]) : 100;
	const char *dir = argc > 3 ? argv[3] : "/tmp";

	for (int r = 0; r < rounds; r++) {
		for (int p = 0; p < PARALLEL; p++) {
			pid_t pid = fork();

			if (pid < 0)
				return 1;
			if (pid == 0)
				child(fds, dir, r % 2);
		}
		while (wait(NULL) > 0)
			;
	}
	return 0;
}
