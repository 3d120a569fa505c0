/* The library stack_target dlopen()s after it started: a syscall made
 * from it must resolve to its functions, with their source lines. */
#include <stdio.h>
#include <unistd.h>

__attribute__((noinline)) static void stack_lib_leaf(void)
{
	int line = __LINE__ + 1;
	getppid();
	printf("frame stack_lib_leaf %d\n", line);
}

__attribute__((noinline)) void stack_lib_entry(void)
{
	int line = __LINE__ + 1;
	stack_lib_leaf();
	printf("frame stack_lib_entry %d\n", line);
}
