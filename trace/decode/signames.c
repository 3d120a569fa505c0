#include "decode/signames.h"

#include <stdio.h>

static const struct {
	const char *name;
	int sig;
} signal_table[] = {
#define SIGNAL(name, value) { #name, value },
#include "signal_gen.h"
#undef SIGNAL
};

/* The kernel's first real-time signal; glibc reserves two more for itself. */
#define KERNEL_SIGRTMIN 32

const char *signame(int sig, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof(signal_table) / sizeof(signal_table[0]); i++)
		if (signal_table[i].sig == sig)
			return signal_table[i].name;
	if (sig == KERNEL_SIGRTMIN)
		snprintf(buf, len, "SIGRTMIN");	/* strace's name for 32 */
	else if (sig > KERNEL_SIGRTMIN && sig <= 64)
		snprintf(buf, len, "SIGRT_%d", sig - KERNEL_SIGRTMIN);
	else
		snprintf(buf, len, "%d", sig);
	return buf;
}
