/* USDT probes with known argument values, built with lotrace's SDK: every
 * round fires each probe once, then closes a marker fd (close(-8000 - n)).
 * The program prints USDT_IS_ACTIVE for its semaphore probe every round so
 * a test can see it flip to 1 exactly while traced. argv[1]: rounds,
 * argv[2]: milliseconds between rounds, argv[3] "thread": a second thread
 * that only sleeps, so the process has two. */
#include <dlfcn.h>
#include <lotrace/usdt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct item {
	long id;
	short small;
};

volatile int global_counter = 41;
void lib_probe(int n);
int *lib_counter_addr(void);

static void *idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3;
	int ms = argc > 2 ? atoi(argv[2]) : 0;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	struct item it = { .id = -1234567890123L, .small = -7 };
	volatile unsigned char byte = 250;
	const char *names[] = { "GET", "a \"quoted\" key\n" };

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* what lttestlib:got passes: for the test to compare */
	printf("lib addresses %p %p\n", (void *)lib_counter_addr(),
	       dlsym(RTLD_DEFAULT, "lib_relaxed"));
	if (argc > 3 && !strcmp(argv[3], "thread")) {
		pthread_t t;

		if (pthread_create(&t, NULL, idle, NULL))
			return 1;
	}
	for (int n = 0; n < rounds; n++) {
		struct item *p = &it;
		long long big = 1LL << 40;

		USDT(lttest, zero);
		USDT(lttest, ints, n, -5, 4000000000u, big, (char)-3, byte);
		USDT(lttest, mem, p->id, p->small, global_counter);
		USDT(lttest, request__start, n * 10, n % 2);
		USDT(lttest, str, n, names[n % 2]);
		if (USDT_IS_ACTIVE(lttest, guarded))
			USDT_WITH_SEMA(lttest, guarded, n + 100);
		lib_probe(n);
		printf("round %d active %d\n", n, USDT_IS_ACTIVE(lttest, guarded));
		syscall(SYS_close, -8000 - n);
		global_counter++;
		if (ms)
			nanosleep(&ts, NULL);
	}
	return 0;
}
