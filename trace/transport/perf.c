#include "transport/perf.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "bpf/records.h"
#include "decode/capture.h"
#include "stack/unwind.h"
#include "usdt/uprobe.h"

/* A uprobe event of a USDT probe (-u): its samples carry its perf id. */
struct perf_probe {
	int fd;				/* -1: closed, its samples still read */
	uint64_t ident;
	uint32_t id;			/* the probe's index among those attached */
	const struct usdt_probe *probe;
	pid_t pid;			/* the task it is on, -1: every task */
	uint64_t closed_in;		/* the reading pass that closed it */
};

#define PERF_SENT_SLOTS 64

struct perf_transport {
	struct transport base;
	struct session s;
	struct session_config cfg;
	bool from_exec;
	bool enabled;			/* set up: probes put on now work at once */
	transport_event_fn fn;
	void *ctx;
	struct perf_probe *probes;
	int nprobes;
	uint64_t pass;			/* reading passes over the rings begun */
	bool disabled;			/* tracing ended: nothing more comes */
	struct tally {			/* per ring */
		uint64_t last_ts;	/* the time of its last record */
		uint64_t samples;	/* samples read from it */
		uint64_t lost;		/* records its LOST records counted */
	} *tally;
	struct sent {		/* a signal queued for tid, not yet delivered */
		uint32_t tid;
		int sig;
		struct capture *info;
	} sent[PERF_SENT_SLOTS];
};

static int perf_attach(struct transport *t, pid_t tid, char *err, size_t errlen)
{
	struct perf_transport *p = (struct perf_transport *)t;

	return session_attach(&p->s, &p->cfg, tid, err, errlen);
}

static int perf_enable(struct transport *t)
{
	struct perf_transport *p = (struct perf_transport *)t;

	p->enabled = true;
	/* enable_on_exec switches a started command's events on */
	return p->from_exec ? 0 : session_enable(&p->s);
}

static int perf_disable(struct transport *t)
{
	struct perf_transport *p = (struct perf_transport *)t;

	p->disabled = true;
	return session_disable(&p->s);
}

static int perf_pollfds(struct transport *t, struct pollfd *pfd, int max)
{
	struct perf_transport *p = (struct perf_transport *)t;
	int n = 0;

	for (int c = 0; c < p->s.ncpus && n < max; c++)
		if (p->s.rings[c].base)
			pfd[n++] = (struct pollfd){ .fd = p->s.rings[c].fd, .events = POLLIN };
	return n;
}

static const struct perf_probe *probe_of(const struct perf_transport *p, uint64_t ident)
{
	for (int i = 0; ident && i < p->nprobes; i++)
		if (p->probes[i].ident == ident)
			return &p->probes[i];
	return NULL;
}

/* A USDT hit: IDENTIFIER, TID, TIME, REGS_USER (abi, regs), STACK_USER
 * (size, bytes, dyn_size), as the BPF program's record would carry it. */
static void usdt_sample(struct perf_transport *p, int cpu, const struct perf_probe *pr,
			const struct perf_event_header *hdr)
{
	const uint8_t *s = (const uint8_t *)(hdr + 1) + 8, *end = (const uint8_t *)hdr + hdr->size;
	int nregs = __builtin_popcountll(UPROBE_REGS_MASK);
	struct uprobe_regs regs = { 0 };
	struct lt_rec_usdt u = { 0 };
	struct event ev = { .kind = EV_USDT, .cpu = (uint16_t)cpu };
	uint64_t abi, size = 0, dyn = 0, val[USDT_MAX_ARGS];
	struct lt_stack sregs;

	if (s + 24 > end)
		return;
	memcpy(&ev.pid, s, 4);
	memcpy(&ev.tid, s + 4, 4);
	memcpy(&ev.ts, s + 8, 8);
	memcpy(&abi, s + 16, 8);
	s += 24;
	if (abi != PERF_SAMPLE_REGS_ABI_NONE) {
		if (s + 8 * nregs > end)
			return;
		regs.regs = (const uint64_t *)s;
		regs.nregs = nregs;
		s += 8 * nregs;
	}
	if (s + 8 <= end)
		memcpy(&size, s, 8);
	if (size && s + 16 + size <= end) {
		memcpy(&dyn, s + 8 + size, 8);
		regs.stack = s + 8;
		regs.stack_len = dyn < size ? dyn : size;
	}
	u.probe = pr->id;
	u.nargs = (uint16_t)pr->probe->nargs;
	u.failed = (uint16_t)uprobe_args(pr->probe, &regs, val);
	for (int i = 0; i < USDT_MAX_ARGS; i++)
		u.val[i] = val[i];
	/* strings are not copied at the hit without BPF: str_len 0, their address */
	ev.nr = (int32_t)pr->id;
	if (p->cfg.stack && regs.regs &&
	    !record_stack_regs(&sregs, UPROBE_REGS_MASK, regs.regs, (size_t)nregs))
		/* -k: as the BPF program appends it, after the fixed part */
		ev.cap = record_stack_capture(&u.probe, sizeof(u) - sizeof(u.h), &sregs,
					      regs.stack, regs.stack_len);
	else
		ev.cap = capture_from_record(&u.probe, sizeof(u) - sizeof(u.h));
	p->fn(p->ctx, &ev);
}

/* Signals as the BPF program shows them (bpf/syscalls.bpf.c): a send the
 * kernel discards shows at once for its target; one it queues is kept
 * until its delivery, so that a group SIGKILL shows as the fatal signal
 * that was sent. Whether ev is shown; it may be rewritten. */
#define SIG_DISCARDED 1		/* TRACE_SIGNAL_IGNORED */

static bool signal_seen(struct perf_transport *p, struct event *ev)
{
	struct sent *slot = NULL;

	if (ev->args[0]) {	/* signal_generate, in the sender */
		uint32_t target = (uint32_t)ev->args[2];

		if (ev->args[1] == SIG_DISCARDED) {
			ev->pid = ev->tid = target;
			return true;
		}
		if (ev->args[1] == 0 && ev->nr != SIGKILL) {
			slot = &p->sent[target % PERF_SENT_SLOTS];
			capture_free(slot->info);
			*slot = (struct sent){ .tid = target, .sig = ev->nr, .info = ev->cap };
			ev->cap = NULL;
		}
		capture_free(ev->cap);
		return false;
	}
	slot = &p->sent[ev->tid % PERF_SENT_SLOTS];
	if (slot->tid != ev->tid || !slot->info)
		slot = NULL;
	if (ev->nr == SIGKILL) {
		/* strace never sees a SIGKILL: only what a fatal one was */
		capture_free(ev->cap);
		ev->cap = NULL;
		if (!slot)
			return false;
		ev->nr = slot->sig;
		ev->cap = slot->info;
		slot->info = NULL;
		return true;
	}
	if (slot) {
		capture_free(slot->info);
		slot->info = NULL;
	}
	return true;
}

static void perf_record(void *ctx, int cpu, const struct perf_event_header *hdr)
{
	struct perf_transport *p = ctx;
	const struct perf_probe *pr = p->nprobes ? probe_of(p, record_sample_ident(hdr)) : NULL;
	struct tally *tl = cpu >= 0 && cpu < p->s.ncpus ? &p->tally[cpu] : NULL;
	struct event ev;

	if (tl && hdr->type == PERF_RECORD_SAMPLE)
		tl->samples++;
	if (pr) {
		usdt_sample(p, cpu, pr, hdr);
		return;
	}
	if (record_parse(&p->s.parser, cpu, hdr, &ev) != 1)
		return;
	if (ev.kind == EV_SIGNAL && !signal_seen(p, &ev))
		return;
	/* The kernel stamps a LOST record when it writes it, after the
	 * record that follows it took its time: the loss happened after the
	 * ring's last record, and goes there in the stream, but went on
	 * until that stamp, on a CPU the task may have left meanwhile. */
	if (ev.kind == EV_LOST && tl) {
		tl->lost += ev.lost;
		ev.lost_until = ev.ts;
		ev.ts = tl->last_ts;
	} else if (tl && ev.ts) {
		tl->last_ts = ev.ts;
	}
	if (ev.kind == EV_COMM && ev.comm.exec && p->cfg.stack) {
		/* -k: the old image's mappings are gone; the COMM record comes
		 * before the new image's MMAP2 records */
		struct event x = { .kind = EV_MMAP, .ts = ev.ts, .pid = ev.pid, .tid = ev.tid,
				   .cpu = ev.cpu, .nr = -1, .mmap.exec = 1 };

		p->fn(p->ctx, &x);
	}
	p->fn(p->ctx, &ev);
}

static int open_probe(struct perf_transport *p, uint32_t id, const struct usdt_probe *probe,
		      const char *path, pid_t pid, int cpu, char *err, size_t errlen)
{
	struct perf_event_attr attr;
	struct perf_probe *grown;
	uint64_t ident;
	int fd, ret;

	ret = uprobe_attr(&attr, path, probe, err, errlen);
	if (ret)
		return ret;
	attr.sample_period = 1;
	attr.sample_type = RECORD_USDT_SAMPLE_TYPE | PERF_SAMPLE_STACK_USER;
	attr.sample_regs_user = UPROBE_REGS_MASK;
	/* -k unwinds from this copy too */
	attr.sample_stack_user = p->cfg.stack ? LT_STACK_BYTES : UPROBE_STACK_BYTES;
	attr.use_clockid = 1;
	attr.clockid = CLOCK_MONOTONIC;
	/* on every task (pid -1, for -f) exec enables nothing: a started
	 * command's probes are on from here, others' hits are dropped */
	attr.disabled = !(pid < 0 && p->from_exec) && !p->enabled;
	/* a -f child's probes go on while it runs: on at once */
	attr.enable_on_exec = pid >= 0 && p->cfg.enable_on_exec && !p->enabled;
	attr.sample_id_all = 1;
	fd = session_open_event(&attr, pid, cpu, -1);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot put a uprobe on %s:%s in %s: %s", probe->provider,
			 probe->name, path, strerror(errno));
		return ret;
	}
	ret = session_keep_fd(&p->s, fd, cpu);
	if (ret) {
		close(fd);
		return ret;
	}
	if (ioctl(fd, PERF_EVENT_IOC_ID, &ident) ||
	    ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, p->s.rings[cpu].fd)) {
		snprintf(err, errlen, "cannot add the uprobe of %s:%s to the ring of cpu %d: %s",
			 probe->provider, probe->name, cpu, strerror(errno));
		return -errno;
	}
	grown = realloc(p->probes, (p->nprobes + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	p->probes = grown;
	p->probes[p->nprobes++] = (struct perf_probe){ .fd = fd, .ident = ident, .id = id,
						       .probe = probe, .pid = pid };
	return 0;
}

/* Without BPF the probe's arguments are read from the registers and stack
 * the kernel copies into the sample; a probe event per CPU, so it shares
 * that CPU's ring with the syscalls and stays in time order. */
static int perf_usdt_attach(struct transport *t, uint32_t id, const struct usdt_probe *probe,
			    unsigned str_mask, const char *path, pid_t pid, int cpu, char *err,
			    size_t errlen)
{
	struct perf_transport *p = (struct perf_transport *)t;

	(void)str_mask;
	for (int c = cpu < 0 ? 0 : cpu; c < (cpu < 0 ? p->s.ncpus : cpu + 1); c++) {
		int ret;

		if (p->s.rings[c].fd < 0)	/* an offline CPU */
			continue;
		ret = open_probe(p, id, probe, path, pid, c, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

/* The kernel writes a LOST record before the next record that fits in the
 * ring: losses with no record after them, at the end of a trace, it never
 * reports. The events' counts say how many samples were made; what was
 * neither read nor reported lost is reported here, once the events are off
 * and their rings read. (Lost task records are not counted so, and may
 * hide as many lost samples.) */
static void report_unsaid_lost(struct perf_transport *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	for (int c = 0; c < p->s.ncpus; c++) {
		struct tally *tl = &p->tally[c];
		uint64_t made = session_samples(&p->s, c), known = tl->samples + tl->lost;
		struct event ev = { .kind = EV_LOST, .nr = -1, .cpu = (uint16_t)c,
				    .ts = tl->last_ts };

		if (!p->s.rings[c].base || made <= known)
			continue;
		ev.lost = made - known;
		ev.lost_until = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
		tl->lost += ev.lost;
		p->fn(p->ctx, &ev);
	}
}

/* Forget the closed probes whose samples have all been read: those
 * closed before the pass that has just read every ring. */
static void forget_closed_probes(struct perf_transport *p)
{
	int kept = 0;

	for (int i = 0; i < p->nprobes; i++)
		if (p->probes[i].fd >= 0 || p->probes[i].closed_in >= p->pass)
			p->probes[kept++] = p->probes[i];
	p->nprobes = kept;
}

static void perf_read(struct transport *t, transport_event_fn fn, void *ctx)
{
	struct perf_transport *p = (struct perf_transport *)t;

	p->fn = fn;
	p->ctx = ctx;
	p->pass++;
	for (int c = 0; c < p->s.ncpus; c++)
		if (p->s.rings[c].base)
			ring_read(&p->s.rings[c], perf_record, p);
	forget_closed_probes(p);
	if (p->disabled)
		report_unsaid_lost(p);
}

/* Close the probe's fd, which the session also holds to close at the end. */
static void close_probe(struct perf_transport *p, const struct perf_probe *pr)
{
	session_close_fd(&p->s, pr->fd);
}

/* An ended task's probes are closed, but the samples they wrote may
 * still wait in another CPU's ring: its last hit on one CPU, its EXIT
 * record, read first, on the next. So a closed probe still names its
 * samples until a whole pass over every ring has begun after the pass
 * that closed it: each ring is read to its head, and the hit was written
 * before the EXIT that was read. */
static void perf_usdt_detach(struct transport *t, pid_t pid)
{
	struct perf_transport *p = (struct perf_transport *)t;

	for (int i = 0; i < p->nprobes; i++) {
		if (p->probes[i].pid != pid || p->probes[i].fd < 0)
			continue;
		close_probe(p, &p->probes[i]);
		p->probes[i].fd = -1;
		p->probes[i].closed_in = p->pass;
	}
}

static void perf_close(struct transport *t)
{
	struct perf_transport *p = (struct perf_transport *)t;

	/* the uprobes go now, not with the tracepoints in the background:
	 * their semaphores drop and untraced runs no longer trap */
	for (int i = 0; i < p->nprobes; i++)
		if (p->probes[i].fd >= 0)
			close_probe(p, &p->probes[i]);
	session_close(&p->s);
	free(p->probes);
	free(p->tally);
	for (int i = 0; i < PERF_SENT_SLOTS; i++)
		capture_free(p->sent[i].info);
	free(p);
}

static const struct transport_ops perf_ops = {
	.attach = perf_attach,
	.enable = perf_enable,
	.disable = perf_disable,
	.pollfds = perf_pollfds,
	.read = perf_read,
	.close = perf_close,
	.usdt_attach = perf_usdt_attach,
	.usdt_detach = perf_usdt_detach,
};

struct transport *transport_perf_new(struct formats *f, const struct transport_config *cfg,
				     char *err, size_t errlen)
{
	struct perf_transport *p = calloc(1, sizeof(*p));

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->base.ops = &perf_ops;
	p->from_exec = cfg->from_exec;
	p->cfg = (struct session_config){
		.trace = cfg->trace,
		.buffer_size = cfg->buffer_size,
		.inherit = cfg->follow,
		.enable_on_exec = cfg->from_exec,
		.exclude_pid = cfg->system_wide ? cfg->self : 0,
		.ip = cfg->ip,
		.stack = cfg->stack,
	};
	if (session_init(&p->s, f, &p->cfg, err, errlen)) {
		session_close(&p->s);
		free(p);
		return NULL;
	}
	p->base.ncpus = p->s.ncpus;
	p->tally = calloc(p->s.ncpus, sizeof(*p->tally));
	if (!p->tally) {
		snprintf(err, errlen, "out of memory");
		perf_close(&p->base);
		return NULL;
	}
	return &p->base;
}
