/* A process with a thread and a child that execs: each does a marker
 * syscall with its own number, and the program prints who is who, so a test
 * can check that lotrace -f attributes every line to the right task. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread_main(void *arg)
{
	(void)arg;
	printf("thread %ld\n", (long)syscall(SYS_gettid));
	fflush(stdout);
	syscall(SYS_close, -5002);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th;
	pid_t child;
	int status;

	if (argc > 1) {	/* the exec'ed child */
		syscall(SYS_close, -5004);
		return 0;
	}
	printf("parent %ld\n", (long)getpid());
	fflush(stdout);
	syscall(SYS_close, -5000);
	pthread_create(&th, NULL, thread_main, NULL);
	pthread_join(th, NULL);
	child = fork();
	if (child == 0) {
		printf("child %ld\n", (long)getpid());
		fflush(stdout);
		syscall(SYS_close, -5001);
		execl(argv[0], argv[0], "exec", (char *)NULL);
		_exit(127);
	}
	waitpid(child, &status, 0);
	syscall(SYS_close, -5003);
	return 0;
}
