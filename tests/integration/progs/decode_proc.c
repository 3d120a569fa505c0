/* Integer arguments of the process, signal, time and scheduling
 * syscalls, between the markers close(-7400) and close(-7401): clone
 * flags, wait options, signal names and rt_sigprocmask's how, futex
 * operations, prctl and arch_prctl options, clock ids, rlimits,
 * priorities, personality, ids. Signals go to a pid that does not exist. */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <linux/futex.h>
#include <linux/ioprio.h>
#include <linux/keyctl.h>
#include <errno.h>
#include <linux/membarrier.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <asm/prctl.h>
#include <sched.h>
#include <signal.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD ((long)0x10)
#define NOPID 0x7ffffff0

/* statics: the same addresses whatever the environment makes of the stack */
static unsigned int word;
static int status;

int main(void)
{
	long pid;

	syscall(SYS_close, -7400);

	/* clone: child_stack=, flags= with the exit signal; the child exits */
	pid = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		syscall(SYS_exit_group, 0);
	syscall(SYS_wait4, pid, &status, 0, 0);
	syscall(SYS_wait4, -1, &status, WNOHANG, 0);
	syscall(SYS_wait4, -1, &status, WNOHANG | WUNTRACED | WCONTINUED | __WALL, 0);
	syscall(SYS_wait4, NOPID, &status, __WCLONE | __WNOTHREAD, 0);
	syscall(SYS_waitid, P_ALL, 0, BAD, WEXITED | WNOHANG, 0);
	syscall(SYS_waitid, P_PID, NOPID, BAD, WEXITED | WSTOPPED | WNOWAIT, 0);
	syscall(SYS_waitid, P_PIDFD, -1, BAD, WEXITED, 0);
	syscall(SYS_waitid, 9, 0, BAD, 0, 0);
	syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWNET | CLONE_VM | CLONE_THREAD, 0, 0, 0, 0);
	/* CLONE_SIGHAND and CLONE_THREAD without CLONE_VM: refused */
	syscall(SYS_clone,
		CLONE_PARENT_SETTID | CLONE_SETTLS | CLONE_CHILD_CLEARTID | CLONE_SIGHAND | SIGUSR1,
		BAD, BAD, BAD, BAD);
	syscall(SYS_clone, CLONE_SIGHAND | CLONE_IO | CLONE_UNTRACED, 0, 0, 0, 0);
	syscall(SYS_unshare, CLONE_NEWTIME | CLONE_FILES | 0x80);
	syscall(SYS_setns, -1, CLONE_NEWNS | CLONE_NEWUTS);
	syscall(SYS_setns, -1, 0);

	/* signals */
	syscall(SYS_kill, NOPID, 0);
	syscall(SYS_kill, NOPID, SIGTERM);
	syscall(SYS_kill, NOPID, SIGKILL);
	syscall(SYS_kill, NOPID, SIGIO);
	syscall(SYS_kill, NOPID, SIGABRT);
	syscall(SYS_kill, NOPID, 33);
	syscall(SYS_kill, NOPID, 64);
	syscall(SYS_kill, NOPID, 65);
	syscall(SYS_kill, NOPID, -3);
	syscall(SYS_tkill, NOPID, SIGSTOP);
	syscall(SYS_tgkill, NOPID, NOPID, SIGUSR2);
	syscall(SYS_rt_sigaction, SIGSEGV, 0, 0, 8);
	syscall(SYS_rt_sigaction, 77, 0, 0, 8);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, 0, 8);
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, 0, 0, 8);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, 0, 0, 8);
	syscall(SYS_rt_sigprocmask, 5, 0, 0, 8);
	syscall(SYS_rt_sigqueueinfo, NOPID, SIGHUP, BAD);
	syscall(SYS_pidfd_send_signal, -1, SIGINT, 0, 0);

	/* futex operations and the arguments each takes */
	syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
	syscall(SYS_futex, &word, FUTEX_WAKE, 2147483647, 0, 0, 0);
	syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 1, 0, 0, 0);
	syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 1, 0, 0,
		FUTEX_BITSET_MATCH_ANY);
	syscall(SYS_futex, &word, FUTEX_WAKE_BITSET, 1, 0, 0, 0x10);
	syscall(SYS_futex, &word, FUTEX_REQUEUE_PRIVATE, 1, 2, &word, 0);
	syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE, 1, 2, &word, 3);
	syscall(SYS_futex, &word, FUTEX_WAKE_OP_PRIVATE, 1, 1, &word, FUTEX_OP(FUTEX_OP_ADD, 1,
		FUTEX_OP_CMP_GT, 0));
	/* FUTEX_OP() by hand: the macro shifts an int into its sign bit */
	syscall(SYS_futex, &word, FUTEX_WAKE_OP, 1, 1, &word,
		(unsigned int)(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT) << 28 | 7u << 24 | 3u << 12 | 5u);
	syscall(SYS_futex, &word, FUTEX_LOCK_PI, 0, 0, 0, 0);
	syscall(SYS_futex, &word, FUTEX_UNLOCK_PI_PRIVATE, 0, 0, 0, 0);
	syscall(SYS_futex, &word, FUTEX_TRYLOCK_PI, 0, 0, 0, 0);
	syscall(SYS_futex, &word, FUTEX_WAIT_REQUEUE_PI, 1, 0, &word, 0);
	syscall(SYS_futex, &word, 99, 1, 0, 0, 0x42);

	/* prctl and arch_prctl */
	syscall(SYS_prctl, PR_SET_NAME, "decode", 0, 0, 0);
	syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_DUMPABLE, 7, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_PDEATHSIG, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_PDEATHSIG, BAD, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0);
	syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0);
	syscall(SYS_prctl, PR_GET_KEEPCAPS, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_KEEPCAPS, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_SECUREBITS, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_TIMERSLACK, 50000, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_TIMERSLACK, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_SECCOMP, 7, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_VMA, PR_SET_VMA_ANON_NAME, BAD, 4096, BAD);
	syscall(SYS_prctl, PR_SET_MM, 99, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_PTRACER, -1, 0, 0, 0);
	syscall(SYS_prctl, 0x12345678, 1, 2, 3, 4);
	syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0);
	syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
	syscall(SYS_arch_prctl, 0x3001, BAD);

	/* clocks and timers */
	syscall(SYS_clock_gettime, CLOCK_REALTIME, BAD);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC_RAW, BAD);
	syscall(SYS_clock_gettime, CLOCK_BOOTTIME, BAD);
	syscall(SYS_clock_gettime, -6, BAD);
	syscall(SYS_clock_gettime, 99, BAD);
	syscall(SYS_clock_getres, CLOCK_TAI, 0);
	syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, BAD, 0);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, BAD, 0);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0x10, BAD, 0);
	syscall(SYS_timer_create, CLOCK_PROCESS_CPUTIME_ID, 0, BAD);
	syscall(SYS_timer_settime, -1, TIMER_ABSTIME, BAD, 0);
	syscall(SYS_timer_delete, -1);
	syscall(SYS_getitimer, ITIMER_VIRTUAL, BAD);
	syscall(SYS_setitimer, ITIMER_PROF, 0, 0);
	syscall(SYS_time, 0);
	syscall(SYS_alarm, 0);

	/* resources, priorities, scheduling */
	syscall(SYS_getrlimit, RLIMIT_NOFILE, BAD);
	syscall(SYS_setrlimit, RLIMIT_CORE, BAD);
	syscall(SYS_prlimit64, 0, RLIMIT_STACK, 0, BAD);
	syscall(SYS_prlimit64, NOPID, 99, 0, 0);
	syscall(SYS_getrusage, RUSAGE_CHILDREN, BAD);
	syscall(SYS_getrusage, RUSAGE_THREAD, BAD);
	syscall(SYS_getpriority, PRIO_PROCESS, 0);
	syscall(SYS_setpriority, PRIO_USER, NOPID, 19);
	syscall(SYS_getpriority, 9, 0);
	syscall(SYS_sched_get_priority_max, SCHED_FIFO);
	syscall(SYS_sched_get_priority_min, SCHED_IDLE);
	syscall(SYS_sched_getscheduler, 0);
	syscall(SYS_sched_setscheduler, NOPID, SCHED_BATCH, BAD);
	syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);
	syscall(SYS_ioprio_set, IOPRIO_WHO_PGRP, NOPID, (2 << 13) | 4);
	syscall(SYS_personality, 0xffffffff);
	syscall(SYS_personality, PER_LINUX);
	syscall(SYS_personality, 0xffffffff);
	syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_FLAG_CPU, 1);
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG | 0x100, 0);
	syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, BAD);
	syscall(SYS_kcmp, NOPID, NOPID, 0, 1, 2);
	syscall(SYS_kcmp, NOPID, NOPID, 1, 1, 2);
	syscall(SYS_syslog, 10, 0, 0);
	syscall(SYS_syslog, 3, BAD, 16);
	syscall(SYS_syslog, 8, 0, 9);
	syscall(SYS_ptrace, PTRACE_PEEKDATA, NOPID, BAD, 0);

	/* keyctl: key serials by name, each command's arguments */
	syscall(SYS_keyctl, KEYCTL_REVOKE, 0x7fffffff, 0, 0, 0);
	syscall(SYS_keyctl, KEYCTL_SET_TIMEOUT, KEY_SPEC_THREAD_KEYRING, 10, 0, 0);
	syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_THREAD_KEYRING, BAD, BAD,
		KEY_SPEC_SESSION_KEYRING);
	syscall(SYS_keyctl, KEYCTL_CHOWN, 0x7fffffff, -1, 0, 0);
	syscall(SYS_keyctl, KEYCTL_REJECT, 0x7fffffff, 5, EKEYREJECTED, 0);
	syscall(SYS_keyctl, 9999, 1, 2, 3, 4);
	syscall(SYS_request_key, BAD, BAD, 0, KEY_SPEC_PROCESS_KEYRING);

	/* ids: -1 is -1 */
	syscall(SYS_setuid, -1);
	syscall(SYS_setresuid, -1, -1, -1);
	syscall(SYS_setregid, -1, 0);
	syscall(SYS_setfsuid, -1);
	syscall(SYS_setgroups, -1, 0);
	syscall(SYS_getuid);
	syscall(SYS_sched_yield);
	syscall(SYS_close, -7401);
	return 0;
}
