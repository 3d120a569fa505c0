/* A thread that is not the leader calls execve: the kernel kills the
 * leader and gives the thread the leader's id. Prints "tid TID" first. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *run(void *arg)
{
	printf("tid %ld\n", (long)syscall(SYS_gettid));
	fflush(stdout);
	usleep(100000);
	execl("/bin/true", "true", (char *)0);
	return arg;
}

int main(void)
{
	pthread_t th;

	pthread_create(&th, NULL, run, NULL);
	pause();
	return 1;
}
