/* loop: wait for records, lotrace's own signals and the targets' ends;
 * read the rings and hand the merged events on, until nothing is left to
 * trace or a signal says stop. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run/tracer.h"

#define POLL_MS 100

/* A read that found less than this many events waits BATCH_MS before the
 * next, on the signals and the targets' ends only: the BPF ring's fd is
 * readable while it holds any record, so a reader that kept up would
 * otherwise wake for every few records the program writes (31k reads
 * for 2M getppid calls), paying a poll, a merge round and a write each
 * time. At 1M records a second a millisecond's worth fits the ring many
 * times over; a read that finds more (lotrace fell behind) reads on at
 * once. */
#define BATCH_EVENTS 4096
#define BATCH_MS 1

int tracer_signals(struct tracer *tr)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGPIPE);
	sigaddset(&set, SIGCHLD);	/* ignored anyway; kept for launch.c's
					 * signalfd where pidfd_open is missing */
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -errno;
	sigdelset(&set, SIGPIPE);
	sigdelset(&set, SIGCHLD);
	tr->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	return tr->sigfd < 0 ? -errno : 0;
}

static bool stops(uint32_t sig)
{
	return sig == SIGHUP || sig == SIGQUIT || sig == SIGINT || sig == SIGTERM;
}

/* Signals stay blocked from the first setup step on, so that none can
 * leave a half-made trace behind: each step asks here whether one came. */
int tracer_interrupted(struct tracer *tr)
{
	struct signalfd_siginfo si;

	while (!tr->stop_signal && read(tr->sigfd, &si, sizeof(si)) == sizeof(si))
		if (stops(si.ssi_signo))
			tr->stop_signal = (int)si.ssi_signo;
	return tr->stop_signal ? -EINTR : 0;
}


/* After SIGINT/SIGTERM, how long to wait for a started command to die of
 * the forwarded signal, so its last calls and its end are in the trace. */
#define STOP_GRACE_NS 1000000000ull
#define TRIM_NS 1000000000ull	/* the merge queues trimmed at most once a second */

static bool targets_done(struct tracer *tr, uint64_t stop_deadline)
{
	if (tr->stop_signal)
		return !tr->have_child || tr->child_reaped ||
		       tracer_now(CLOCK_MONOTONIC) > stop_deadline;
	if (tr->opts.system_wide)
		return false;
	if (tr->have_child) {
		if (!tr->child_reaped)
			return false;
		return !tr->opts.follow || tasks_alive(&tr->tasks) == 0;
	}
	for (int i = 0; i < tr->opts.npids; i++)
		if (tr->pidfds[i] >= 0)
			return false;
	return !tr->opts.follow || tasks_alive(&tr->tasks) == 0;
}

static void on_signal(struct tracer *tr)
{
	struct signalfd_siginfo si;

	while (read(tr->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (stops(si.ssi_signo)) {
			tr->stop_signal = (int)si.ssi_signo;
			/* like a foreground job, the command gets the signal too */
			if (tr->have_child && !tr->child_reaped)
				kill(tr->child.pid, (int)si.ssi_signo);
		}
	}
}

static void on_child_exit(struct tracer *tr)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (tr->child.by_signal) {
		struct signalfd_siginfo drained;

		while (read(tr->child.pidfd, &drained, sizeof(drained)) == sizeof(drained))
			;
		if (waitid(P_PID, (id_t)tr->child.pid, &si, WEXITED | WNOHANG) || !si.si_pid)
			return;
	} else if (waitid(P_PIDFD, (id_t)tr->child.pidfd, &si, WEXITED | WNOHANG) ||
		   !si.si_pid) {
		return;
	}
	tr->child_reaped = true;
	if (si.si_code == CLD_EXITED)
		tr->child_status = (si.si_status & 0xff) << 8;
	else
		tr->child_status = (si.si_status & 0x7f) | (si.si_code == CLD_DUMPED ? 0x80 : 0);
}

/* How often, at most, /proc is asked about the traced tasks after records
 * were lost: an exit among them would keep its task, its descriptors and
 * lotrace's wait for it for as long as the trace runs. */
#define SWEEP_NS 1000000000ull

static void sweep_after_loss(struct tracer *tr, uint64_t *lost_seen, uint64_t *last)
{
	uint64_t now = tracer_now(CLOCK_MONOTONIC);

	if (tr->lost_total == *lost_seen || now - *last < SWEEP_NS)
		return;
	tracer_reap_vanished(tr);
	*lost_seen = tr->lost_total;
	*last = now;
}

/* The reader's nice value, where lotrace started at the default 0 and may
 * raise it (CAP_SYS_NICE): with more busy tasks than CPUs, a reader at a
 * fair share fell behind its ring and lost events (four getppid loops on
 * two CPUs, 108k-379k of 4M in 6 of 6 runs; at -5, none in 6, the loops
 * as fast). It runs only while there are records, so it takes the CPU the
 * trace needs and no more. The command was forked before, at 0; a nice
 * value the user chose is kept. */
#define READER_NICE (-5)

static void reader_priority(void)
{
	/* getpriority's error is -1, never 0 */
	if (getpriority(PRIO_PROCESS, 0) == 0)
		(void)setpriority(PRIO_PROCESS, 0, READER_NICE);
}

int tracer_run(struct tracer *tr)
{
	struct pollfd *pfd;
	int n, nrings, base, npfd = tr->transport->ncpus + 2 + tr->opts.npids;
	uint64_t prev_round = 0, stop_deadline = 0, lost_swept = 0, last_sweep = 0, last_trim = 0;
	uint64_t read_before = 0;
	int idle_rounds = 0;

	pfd = calloc(npfd, sizeof(*pfd));
	if (!pfd)
		return -ENOMEM;
	reader_priority();
	n = nrings = tr->transport->ops->pollfds(tr->transport, pfd, tr->transport->ncpus);
	pfd[n++] = (struct pollfd){ .fd = tr->sigfd, .events = POLLIN };
	base = n;
	if (tr->have_child)
		pfd[n++] = (struct pollfd){ .fd = tr->child.pidfd, .events = POLLIN };
	for (int i = 0; i < tr->opts.npids; i++)
		pfd[n++] = (struct pollfd){ .fd = tr->pidfds[i], .events = POLLIN };

	while (!targets_done(tr, stop_deadline)) {
		uint64_t round;
		int ready;

		if (tr->read_events - read_before < BATCH_EVENTS && !tr->stop_signal)
			(void)poll(pfd + nrings, n - nrings, BATCH_MS);
		read_before = tr->read_events;
		round = tracer_now(CLOCK_MONOTONIC);
		ready = poll(pfd, n, POLL_MS);

		if (ready < 0 && errno != EINTR)
			break;
		tracer_read_rings(tr);
		/* a record stamped before the previous round began is in its
		 * ring by now: everything up to there is in final order */
		tracer_process_until(tr, prev_round);
		prev_round = round;
		/* a quiet round, a second after the last trim: the queues' burst
		 * memory goes back */
		if (ready == 0 && round - last_trim > TRIM_NS) {
			merge_trim(&tr->merge);
			last_trim = round;
		}
		if (pfd[base - 1].revents && !tr->stop_signal) {
			on_signal(tr);
			stop_deadline = tracer_now(CLOCK_MONOTONIC) + STOP_GRACE_NS;
		}
		if (tr->have_child && !tr->child_reaped && pfd[base].revents) {
			on_child_exit(tr);
			/* its exit is in the ring by now: with -f, learn at once
			 * whether other tasks remain instead of a poll later */
			tracer_read_rings(tr);
			tracer_process_until(tr, tracer_now(CLOCK_MONOTONIC));
		}
		for (int i = 0; i < tr->opts.npids; i++) {
			if (tr->pidfds[i] >= 0 && pfd[base + i].revents) {
				close(tr->pidfds[i]);
				tr->pidfds[i] = -1;
				pfd[base + i].fd = -1;
			}
		}
		if (tr->child_reaped && tr->have_child)
			pfd[base].fd = -1;
		if (tr->child_reaped || (tr->opts.npids && ready == 0)) {
			/* waiting for children of -f to end: check on them now and then */
			if (++idle_rounds % 10 == 0) {
				tracer_read_rings(tr);
				tracer_process_until(tr, tracer_now(CLOCK_MONOTONIC));
				tracer_reap_vanished(tr);
			}
		} else {
			sweep_after_loss(tr, &lost_swept, &last_sweep);
		}
	}
	free(pfd);
	return 0;
}
