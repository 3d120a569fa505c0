/* siginfo: a delivered signal's siginfo as strace prints it,
 * {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=..., ...}, with the codes
 * named from <signal.h>. */
#ifndef LOTRACE_SIGINFO_H
#define LOTRACE_SIGINFO_H

#include <stddef.h>

/* Format the siginfo in info (len bytes of a siginfo_t) into out. */
void siginfo_format(char *out, size_t len, int sig, const void *info, size_t info_len);

#endif
