/* A probe made with systemtap's <sys/sdt.h>, not lotrace's header. */
#include <sys/sdt.h>

int main(int argc, char **argv)
{
	(void)argv;
	for (int i = 0; i < 3; i++)
		DTRACE_PROBE2(stap, tick, i, argc + 40);
	return 0;
}
