/* signames: signal names from <signal.h>, generated at build time, with
 * SIGRTMIN+n for real-time signals as strace prints them. */
#ifndef LOTRACE_SIGNAMES_H
#define LOTRACE_SIGNAMES_H

#include <stddef.h>

/* Write the name of sig into buf (e.g. "SIGKILL", "SIGRT_2", "35"). */
const char *signame(int sig, char *buf, size_t len);

#endif
