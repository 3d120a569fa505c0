/* The program stack_test traces for -k's unwinder: each mode makes
 * getppid() calls from a known chain of its own functions and prints, on
 * stdout, the chain the unwinder must find (function and the line of each
 * call, innermost first), as strace's tests print what strace must say.
 * Built with -g -O0, and as stripped and debuglink copies. It waits for
 * stdin to close before it exits, so /proc/PID/maps can still be read.
 *
 *   stack_target plain          leaf (an inlined call) <- middle <- outer
 *   stack_target dlopen LIB     a library loaded after start makes the call
 *   stack_target deep N         N frames of 512 bytes each, then the call
 *   stack_target loop N         N calls from the same stack
 *   stack_target vdso           clock_gettime(CLOCK_PROCESS_CPUTIME_ID),
 *                               a syscall made from the vdso
 *   stack_target probe          a USDT probe (lt_stack:hit) in probe_leaf
 *                               <- probe_outer, instead of a syscall
 *   stack_target repeat N       the plain chain N times, 20 ms apart
 *                               (for -p), its lines printed once
 *   stack_target swap LIB N     dlopen LIB, rename it to LIB.old and make
 *                               a FIFO named LIB, then call the library N
 *                               times 20 ms apart: the path its mapping
 *                               was made from is a FIFO now
 */
#include <dlfcn.h>
#include <lotrace/usdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

static int quiet;	/* repeat: the chain's lines once */

static inline __attribute__((always_inline)) void inl_getppid(void)
{
	int line = __LINE__ + 1;
	getppid();
	if (!quiet)
		printf("inline inl_getppid %d\n", line);
}

NOINLINE static void leaf(void)
{
	int line = __LINE__ + 1;
	inl_getppid();
	if (!quiet)
		printf("frame leaf %d\n", line);
}

NOINLINE static void middle(void)
{
	int line = __LINE__ + 1;
	leaf();
	if (!quiet)
		printf("frame middle %d\n", line);
}

NOINLINE void outer(void)
{
	int line = __LINE__ + 1;
	middle();
	if (!quiet)
		printf("frame outer %d\n", line);
}

NOINLINE static void recurse(int n)
{
	volatile char pad[512];

	pad[0] = (char)n;
	if (n > 0)
		recurse(n - 1);
	else
		getppid();
	(void)pad[0];
}

NOINLINE static int run_dlopen(const char *lib)
{
	void *h = dlopen(lib, RTLD_NOW);
	void (*entry)(void);

	if (!h) {
		fprintf(stderr, "stack_target: %s\n", dlerror());
		return 1;
	}
	*(void **)&entry = dlsym(h, "stack_lib_entry");
	if (!entry) {
		fprintf(stderr, "stack_target: no stack_lib_entry in %s\n", lib);
		return 1;
	}
	int line = __LINE__ + 1;
	entry();
	printf("frame run_dlopen %d\n", line);
	return 0;
}

NOINLINE static int run_swap(const char *lib, long n)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	void *h = dlopen(lib, RTLD_NOW);
	char old[4096];
	void (*entry)(void);

	if (!h || !(*(void **)&entry = dlsym(h, "stack_lib_entry"))) {
		fprintf(stderr, "stack_target: %s\n", dlerror());
		return 1;
	}
	snprintf(old, sizeof(old), "%s.old", lib);
	if (rename(lib, old) || mkfifo(lib, 0600)) {
		perror("stack_target: swapping the library for a FIFO");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		entry();
		nanosleep(&pause, NULL);
	}
	return 0;
}

NOINLINE static void loop(long n)
{
	for (long i = 0; i < n; i++)
		getppid();
}

NOINLINE static void probe_leaf(int n)
{
	int line = __LINE__ + 1;
	USDT(lt_stack, hit, n);
	printf("frame probe_leaf %d\n", line);
}

NOINLINE static void probe_outer(void)
{
	int line = __LINE__ + 1;
	probe_leaf(7);
	printf("frame probe_outer %d\n", line);
}

NOINLINE static void repeat(long n)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };

	for (long i = 0; i < n; i++) {
		int line = __LINE__ + 1;
		outer();
		if (!quiet)
			printf("frame repeat %d\n", line);
		quiet = 1;
		nanosleep(&pause, NULL);
	}
}

NOINLINE static void cputime(void)
{
	struct timespec ts;
	int line = __LINE__ + 1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	printf("frame cputime %d\n", line);
}

int main(int argc, char **argv)
{
	int line = 0, err = 0;
	char c;

	if (argc == 2 && !strcmp(argv[1], "plain")) {
		line = __LINE__ + 1;
		outer();
	} else if (argc == 3 && !strcmp(argv[1], "dlopen")) {
		line = __LINE__ + 1;
		err = run_dlopen(argv[2]);
	} else if (argc == 3 && !strcmp(argv[1], "deep")) {
		recurse(atoi(argv[2]));
	} else if (argc == 2 && !strcmp(argv[1], "vdso")) {
		line = __LINE__ + 1;
		cputime();
	} else if (argc == 3 && !strcmp(argv[1], "loop")) {
		loop(atol(argv[2]));
	} else if (argc == 2 && !strcmp(argv[1], "probe")) {
		line = __LINE__ + 1;
		probe_outer();
	} else if (argc == 3 && !strcmp(argv[1], "repeat")) {
		line = __LINE__ + 1;
		repeat(atol(argv[2]));
	} else if (argc == 4 && !strcmp(argv[1], "swap")) {
		err = run_swap(argv[2], atol(argv[3]));
	} else {
		fprintf(stderr, "usage: stack_target plain|dlopen LIB|deep N|loop N|vdso|probe|"
			"repeat N|swap LIB N\n");
		return 2;
	}
	if (line)
		printf("frame main %d\n", line);
	printf("end\n");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	return err;
}
