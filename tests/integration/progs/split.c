/* Calls that another thread's or process's calls interrupt in the output,
 * so strace and lotrace print them as "<unfinished ...>" then "<...
 * resumed>": a read, an epoll_wait and a nanosleep in the main thread
 * while a second thread works, and a wait4 for a child. */
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int p[2], q[2];

static void nap(long ms)
{
	struct timespec ts = { 0, ms * 1000000 };

	nanosleep(&ts, NULL);
}

static void *worker(void *arg)
{
	nap(100);
	if (write(p[1], "hi", 2) != 2)
		return NULL;
	nap(100);
	if (write(q[1], "ok", 2) != 2)
		return NULL;
	nap(100);
	return arg;
}

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 }, got[4];
	struct timespec ts = { 0, 150000000 };
	char buf[77];
	pthread_t th;
	pid_t child;
	int st, ep;

	if (pipe(p) || pipe(q))
		return 1;
	ep = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev);
	pthread_create(&th, NULL, worker, NULL);
	if (read(p[0], buf, sizeof(buf)) != 2)
		return 1;
	epoll_wait(ep, got, 4, -1);
	nanosleep(&ts, NULL);
	pthread_join(th, NULL);
	child = fork();
	if (!child) {
		nap(50);
		_exit(3);
	}
	wait4(child, &st, 0, NULL);
	return 0;
}
