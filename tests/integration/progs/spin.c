/* Runs until killed: two threads doing a marker syscall every few ms, for
 * attaching with -p. Prints its pid, then "alive N" on SIGUSR1. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks;

static void *worker(void *arg)
{
	struct timespec ts = { 0, 2000000 };

	(void)arg;
	for (;;) {
		syscall(SYS_close, -6001);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

int main(void)
{
	struct timespec ts = { 0, 2000000 };
	pthread_t th;

	printf("%ld\n", (long)getpid());
	fflush(stdout);
	pthread_create(&th, NULL, worker, NULL);
	for (;;) {
		syscall(SYS_close, -6000);
		ticks++;
		nanosleep(&ts, NULL);
	}
}
