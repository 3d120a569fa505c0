/* A server in miniature: the main thread blocks in read(0, ...) and echoes
 * what it reads, a second thread naps in a loop. Prints "pid PID" and
 * "tid TID" (the napping thread) on stdout before it reads. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void *napper(void *arg)
{
	struct timespec ts = { 0, 100000000 };

	printf("tid %ld\n", (long)syscall(SYS_gettid));
	fflush(stdout);
	for (;;)
		nanosleep(&ts, NULL);
	return arg;
}

int main(void)
{
	char buf[4096];
	pthread_t th;
	ssize_t n;

	printf("pid %d\n", (int)getpid());
	fflush(stdout);
	pthread_create(&th, NULL, napper, NULL);
	while ((n = read(0, buf, sizeof(buf))) > 0)
		if (write(2, buf, (size_t)n) != n)
			return 1;
	return 0;
}
