/* The BPF transport: loads bpf/syscalls.bpf.c (through its bpftool
 * skeleton), tells it which tasks and syscalls to keep, and reads its ring
 * buffer. Records carry the raw_syscalls payload layout, so record.c's
 * libtraceevent-derived offsets parse them as they parse perf samples. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bpf/records.h"
#include "transport/closer.h"
#include "transport/mmaps.h"
#include "transport/bpfrec.h"
#include "transport/record.h"
#include "bpf/config.h"
#include "syscalls.skel.h"
#include "syscalls/systab.h"
#include "transport/transport.h"
#include "usdt/uprobe.h"
#include "transport/bpfstate.h"

/* The program writes struct lt_rec_enter/exit; the kernel's format must put
 * the fields where those structs do, or the parser would misread them. */
static bool layout_matches(const struct tp_layout *enter, const struct tp_layout *exit)
{
	size_t base = offsetof(struct lt_rec_enter, c);

	return enter->nr_off == (int)(offsetof(struct lt_rec_enter, id) - base) &&
	       enter->nr_size == 8 &&
	       enter->args_off == (int)(offsetof(struct lt_rec_enter, args) - base) &&
	       enter->nargs == 6 && exit->nr_off == (int)(offsetof(struct lt_rec_exit, id) - base) &&
	       exit->ret_off == (int)(offsetof(struct lt_rec_exit, ret) - base);
}

/* The ring's callback: one record as its events, to b->fn. */
static void on_sample(void *ctx, const void *data, uint32_t size)
{
	struct bpf_transport *b = ctx;
	struct event ev[2];
	int n = bpfrec_parse(&b->parser, data, size, ev);

	if (n == 1 && ev[0].kind == EV_LOST) {
		if (ev[0].cpu >= b->nposs)
			return;
		b->lost_seen[ev[0].cpu] += ev[0].lost;
	}
	for (int i = 0; i < n; i++) {
		bpfrec_order(&b->latest, &ev[i]);
		b->fn(b->ctx, &ev[i]);
	}
}

static int bpf_attach_task(struct transport *t, pid_t tid, char *err, size_t errlen)
{
	struct bpf_transport *b = (struct bpf_transport *)t;
	/* a started command from its execve; a -p task as it is, maybe
	 * inside a call whose exit then brings its arguments */
	uint8_t state = b->from_exec ? LT_TASK_ARMED : LT_TASK_FRESH;
	uint32_t key = (uint32_t)tid;

	if (b->maps) {
		int ret = mmaps_attach(b->maps, tid, err, errlen);

		if (ret == -ESRCH)
			snprintf(err, errlen, "process %d does not exist", (int)tid);
		if (ret)
			return ret;
	}
	if (tid < 0)	/* system-wide: the program's own switch */
		return 0;
	if (kill(tid, 0) && errno == ESRCH) {
		snprintf(err, errlen, "process %d does not exist", (int)tid);
		return -ESRCH;
	}
	bpfstate_mark_traced(b, tid);
	if (bpf_map_update_elem(bpf_map__fd(b->skel->maps.traced), &key, &state, BPF_ANY)) {
		snprintf(err, errlen, "cannot add task %d to the BPF program's map: %s", (int)tid,
			 strerror(errno));
		return -errno;
	}
	return 0;
}

/* BPF_RAW_TRACEPOINT_OPEN's attribute as the kernel reads it since 6.10,
 * with the cookie Debian's headers (and libbpf 1.1) do not know yet. */
struct raw_tp_attr {
	uint64_t name;
	uint32_t prog_fd;
	uint32_t pad;
	uint64_t cookie;
};

/* lt_sys on the raw sys_enter (cookie 0) and sys_exit (1) tracepoints. */
static int attach_sys(struct bpf_transport *b)
{
	static const char *const tps[2] = { "sys_enter", "sys_exit" };

	for (int i = 0; i < 2; i++) {
		struct raw_tp_attr attr = {
			.name = (uintptr_t)tps[i],
			.prog_fd = (uint32_t)bpf_program__fd(b->sides[0]->progs.lt_sys),
			.cookie = (uint64_t)i,
		};
		int fd = (int)syscall(__NR_bpf, BPF_RAW_TRACEPOINT_OPEN, &attr, sizeof(attr));

		if (fd < 0)
			return -errno;
		b->sys_links[i] = fd;
	}
	return 0;
}

static void detach_sys(struct bpf_transport *b)
{
	for (int i = 0; i < 2; i++) {
		if (b->sys_links[i] >= 0)
			close(b->sys_links[i]);
		b->sys_links[i] = -1;
	}
}

/* The objects, after the mapping of their task bits: the split pair's
 * (closed first, their maps are skel's), then skel. */
static void destroy_objects(struct bpf_transport *b)
{
	bpfstate_unmap(b);
	if (b->split) {
		lotrace_bpf__destroy(b->sides[0]);
		lotrace_bpf__destroy(b->sides[1]);
	}
	b->sides[0] = b->sides[1] = NULL;
	lotrace_bpf__destroy(b->skel);
	b->skel = NULL;
}

static int bpf_enable(struct transport *t)
{
	struct bpf_transport *b = (struct bpf_transport *)t;
	int ret;

	if (b->attached)
		return 0;
	if (b->maps && mmaps_enable(b->maps))
		return -errno;
	for (int i = 0; i < 2; i++) {
		if (b->sides[i] && lotrace_bpf__attach(b->sides[i]))
			return -errno;
		b->attached = true;
	}
	if (b->one_prog && !b->use_per_syscall && !b->no_syscalls && (ret = attach_sys(b)))
		return ret;
	for (int nr = 0; b->use_per_syscall && nr < LT_MAX_NR; nr++) {
		struct bpf_program *progs[2] = {
			b->sides[0]->progs.lt_tp_enter,
			(b->sides[1] ? b->sides[1] : b->sides[0])->progs.lt_tp_exit,
		};
		static const char *const side[2] = { "sys_enter_", "sys_exit_" };

		if (!sysset_has(&b->per_syscall, nr))
			continue;
		for (int i = 0; i < 2; i++) {
			LIBBPF_OPTS(bpf_tracepoint_opts, opts, .bpf_cookie = (uint64_t)i);
			struct bpf_program *prog = b->one_prog ? b->sides[0]->progs.lt_tp : progs[i];
			struct bpf_link *link, **grown;
			char event[128];

			snprintf(event, sizeof(event), "%s%s", side[i],
				 formats_syscall_event(b->formats, nr));
			link = bpf_program__attach_tracepoint_opts(prog, "syscalls", event, &opts);
			if (!link)
				return -errno;
			grown = realloc(b->tp_links, (b->ntp_links + 1) * sizeof(*grown));
			if (!grown) {
				bpf_link__destroy(link);
				return -ENOMEM;
			}
			b->tp_links = grown;
			b->tp_links[b->ntp_links++] = link;
		}
	}
	return 0;
}

/* Detaching a syscall's own tracepoint is slow (closer.h): with no task
 * traced any more, the last references go to the background. */
static void detach_in_background(struct bpf_transport *b)
{
	int traced = bpf_map__fd(b->skel->maps.traced), fds[2 * TRANSPORT_PER_SYSCALL_MAX], n = 0;
	int handle;
	uint32_t key;

	if (!b->ntp_links)
		return;
	/* the program stays attached a moment longer: it sees no task */
	b->skel->bss->tracing_over = 1;
	while (!bpf_map_get_next_key(traced, NULL, &key) && !bpf_map_delete_elem(traced, &key))
		;
	for (int i = 0; i < b->ntp_links && n < 2 * TRANSPORT_PER_SYSCALL_MAX; i++)
		fds[n++] = bpf_link__fd(b->tp_links[i]);
	handle = closer_begin(fds, n);
	for (int i = 0; i < b->ntp_links; i++)
		bpf_link__destroy(b->tp_links[i]);
	closer_end(handle);
	free(b->tp_links);
	b->tp_links = NULL;
	b->ntp_links = 0;
}

static int bpf_disable(struct transport *t)
{
	struct bpf_transport *b = (struct bpf_transport *)t;

	for (int i = 0; i < 2 && b->attached; i++) {
		if (b->sides[i])
			lotrace_bpf__detach(b->sides[i]);
	}
	detach_sys(b);
	if (b->maps)
		mmaps_disable(b->maps);
	detach_in_background(b);
	b->attached = false;
	return 0;
}

static int bpf_pollfds(struct transport *t, struct pollfd *pfd, int max)
{
	struct bpf_transport *b = (struct bpf_transport *)t;

	if (max < 1)
		return 0;
	pfd[0] = (struct pollfd){ .fd = b->ring.fd, .events = POLLIN };
	return 1;
}

/* What the stream did not say yet: losses with no record after them on
 * their CPU, when tracing ends. */
static void report_lost(struct bpf_transport *b)
{
	uint32_t zero = 0;

	if (bpf_map_lookup_elem(bpf_map__fd(b->skel->maps.lost), &zero, b->lost_now))
		return;
	for (int cpu = 0; cpu < b->nposs; cpu++) {
		struct event ev = { .kind = EV_LOST, .nr = -1, .cpu = (uint16_t)cpu };
		struct timespec ts;

		if (b->lost_now[cpu] == b->lost_seen[cpu])
			continue;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ev.ts = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
		ev.lost = b->lost_now[cpu] - b->lost_seen[cpu];
		b->lost_seen[cpu] = b->lost_now[cpu];
		b->fn(b->ctx, &ev);
	}
}

static void bpf_read(struct transport *t, transport_event_fn fn, void *ctx)
{
	struct bpf_transport *b = (struct bpf_transport *)t;

	b->fn = fn;
	b->ctx = ctx;
	/* first: a mapping is older than most records read after it */
	if (b->maps)
		mmaps_read(b->maps, fn, ctx);
	/* What the ring holds now, not what producers add meanwhile: a
	 * lotrace that read on behind busy producers queued records by the
	 * million (224 MiB with four getppid loops) without printing any.
	 * Bounded so, the ring is the back-pressure, and what does not fit
	 * in it is counted lost by the program. Everything stamped before
	 * the read began is read, which is what the merge's release rule
	 * needs. */
	bpfring_read(&b->ring, on_sample, b);
	if (!b->attached)
		report_lost(b);
}

static int bpf_usdt_attach(struct transport *t, uint32_t id, const struct usdt_probe *p,
			   unsigned str_mask, const char *path, pid_t pid, int cpu, char *err,
			   size_t errlen)
{
	struct bpf_transport *b = (struct bpf_transport *)t;
	struct perf_event_attr attr;
	struct lt_usdt_spec spec;
	struct bpf_link *link, **grown;
	pid_t *pids;
	int pfd, ret;

	LIBBPF_OPTS(bpf_perf_event_opts, opts, .bpf_cookie = id);

	ret = uprobe_attr(&attr, path, p, err, errlen);
	if (ret)
		return ret;
	if (id >= LT_USDT_MAX_PROBES) {
		snprintf(err, errlen, "more than %d USDT probes selected", LT_USDT_MAX_PROBES);
		return -E2BIG;
	}
	memset(&spec, 0, sizeof(spec));
	spec.nargs = (uint32_t)p->nargs;
	spec.str_mask = (uint16_t)str_mask;
	for (int i = 0; i < p->nargs && i < LT_USDT_MAX_ARGS; i++) {
		static const uint8_t kinds[] = {
			[USDT_ARG_CONST] = LT_USDT_CONST, [USDT_ARG_REG] = LT_USDT_REG,
			[USDT_ARG_MEM] = LT_USDT_MEM, [USDT_ARG_RIP] = LT_USDT_RIP,
			[USDT_ARG_BAD] = LT_USDT_BAD, [USDT_ARG_RIP_ADDR] = LT_USDT_RIP_ADDR,
		};

		spec.args[i].kind = kinds[p->args[i].kind];
		spec.args[i].size = (uint8_t)p->args[i].size;
		spec.args[i].is_signed = p->args[i].is_signed;
		spec.args[i].reg = (uint16_t)p->args[i].reg;
		spec.args[i].idx_reg = (uint16_t)p->args[i].idx_reg;
		spec.args[i].scale = (uint8_t)p->args[i].scale;
		spec.args[i].val = p->args[i].val;
	}
	if (bpf_map_update_elem(bpf_map__fd(b->skel->maps.usdt_specs), &id, &spec, BPF_ANY)) {
		snprintf(err, errlen, "cannot store the argument specs of %s:%s: %s", p->provider,
			 p->name, strerror(errno));
		return -errno;
	}
	pfd = (int)syscall(SYS_perf_event_open, &attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0) {
		snprintf(err, errlen, "cannot put a uprobe on %s:%s in %s: %s", p->provider, p->name,
			 path, strerror(errno));
		return -errno;
	}
	link = bpf_program__attach_perf_event_opts(b->sides[0]->progs.lt_usdt, pfd, &opts);
	if (!link) {
		int e = errno;

		close(pfd);
		snprintf(err, errlen, "cannot attach the USDT program to %s:%s: %s", p->provider,
			 p->name, strerror(e));
		return -e;
	}
	grown = realloc(b->usdt_links, (b->nusdt_links + 1) * sizeof(*grown));
	if (grown)
		b->usdt_links = grown;
	pids = realloc(b->usdt_link_pid, (b->nusdt_links + 1) * sizeof(*pids));
	if (pids)
		b->usdt_link_pid = pids;
	if (!grown || !pids) {
		bpf_link__destroy(link);
		return -ENOMEM;
	}
	b->usdt_link_pid[b->nusdt_links] = pid;
	b->usdt_links[b->nusdt_links++] = link;
	return 0;
}

static void bpf_usdt_detach(struct transport *t, pid_t pid)
{
	struct bpf_transport *b = (struct bpf_transport *)t;
	int kept = 0;

	for (int i = 0; i < b->nusdt_links; i++) {
		if (b->usdt_link_pid[i] == pid) {
			bpf_link__destroy(b->usdt_links[i]);
			continue;
		}
		b->usdt_links[kept] = b->usdt_links[i];
		b->usdt_link_pid[kept++] = b->usdt_link_pid[i];
	}
	b->nusdt_links = kept;
}

static void bpf_close(struct transport *t)
{
	struct bpf_transport *b = (struct bpf_transport *)t;

	/* closing the uprobe events removes the probes and drops the
	 * semaphores back */
	for (int i = 0; i < b->nusdt_links; i++)
		bpf_link__destroy(b->usdt_links[i]);
	free(b->usdt_links);
	free(b->usdt_link_pid);
	for (int i = 0; i < b->ntp_links; i++)
		bpf_link__destroy(b->tp_links[i]);
	free(b->tp_links);
	detach_sys(b);
	bpfring_unmap(&b->ring);
	destroy_objects(b);
	if (b->maps)
		mmaps_close(b->maps);
	free(b->maps);
	free(b->lost_seen);
	free(b->lost_now);
	free(b);
}

static void bpf_hist(struct transport *t, transport_hist_fn fn, void *ctx)
{
	struct bpf_transport *b = (struct bpf_transport *)t;
	int ncpus = libbpf_num_possible_cpus(), fd = bpf_map__fd(b->skel->maps.hist);
	uint32_t max = bpf_map__max_entries(b->skel->maps.hist);
	struct lt_hist *per_cpu;

	if (ncpus <= 0 || !(per_cpu = calloc((size_t)ncpus, sizeof(*per_cpu))))
		return;
	for (uint32_t nr = 0; nr < max; nr++) {
		struct lt_hist sum = { { 0 } };
		uint64_t any = 0;

		if (bpf_map_lookup_elem(fd, &nr, per_cpu))
			continue;
		for (int c = 0; c < ncpus; c++)
			for (int i = 0; i < LT_HIST_BUCKETS; i++) {
				sum.bucket[i] += per_cpu[c].bucket[i];
				any |= per_cpu[c].bucket[i];
			}
		if (any)
			fn(ctx, (int)nr, (const uint64_t *)sum.bucket, LT_HIST_BUCKETS);
	}
	free(per_cpu);
}

static void bpf_counts(struct transport *t, transport_count_fn fn, void *ctx)
{
	struct bpf_transport *b = (struct bpf_transport *)t;
	int ncpus = libbpf_num_possible_cpus(), fd = bpf_map__fd(b->skel->maps.counts);
	struct lt_count *per_cpu;

	if (ncpus <= 0 || !(per_cpu = calloc((size_t)ncpus, sizeof(*per_cpu))))
		return;
	for (uint32_t nr = 0; nr < LT_MAX_NR; nr++) {
		struct event_sums sum = { 0 };

		if (bpf_map_lookup_elem(fd, &nr, per_cpu))
			continue;
		for (int c = 0; c < ncpus; c++) {
			const struct lt_count *pc = &per_cpu[c];

			sum.calls += pc->calls;
			sum.errors += pc->errors;
			sum.time_ns += pc->time_ns;
			if (pc->timed && (!sum.timed || pc->min_ns < sum.min_ns))
				sum.min_ns = pc->min_ns;
			if (pc->max_ns > sum.max_ns)
				sum.max_ns = pc->max_ns;
			sum.timed += pc->timed;
		}
		if (sum.calls)
			fn(ctx, (int)nr, &sum);
	}
	free(per_cpu);
}

static const struct transport_ops bpf_ops = {
	.attach = bpf_attach_task,
	.enable = bpf_enable,
	.disable = bpf_disable,
	.pollfds = bpf_pollfds,
	.read = bpf_read,
	.close = bpf_close,
	.usdt_attach = bpf_usdt_attach,
	.usdt_detach = bpf_usdt_detach,
	.counts = bpf_counts,
	.hist = bpf_hist,
};

size_t transport_bpf_max_buffer(int ncpus)
{
	return bpfrec_max_per_cpu(ncpus);
}

int transport_bpf_ncpus(void)
{
	long conf = sysconf(_SC_NPROCESSORS_CONF);
	int poss = libbpf_num_possible_cpus();

	return poss > conf ? poss : (conf > 0 ? (int)conf : 1);
}

struct transport *transport_bpf_new(struct formats *f, const struct transport_config *cfg,
				    char *err, size_t errlen)
{
	struct bpf_transport *b = calloc(1, sizeof(*b));

	if (!b) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	b->base.ops = &bpf_ops;
	b->base.probe_per_process = true;
	/* Untimed, a call's record has no time of its own: its place in the
	 * one ring, the order the records were reserved in, is its order
	 * (bpfrec_order). The records stamped with the clock (tasks,
	 * signals, captures, probes) are in that ring too, each after what
	 * its task did before it. Only -k's mappings come from elsewhere,
	 * and -k times every call. */
	b->base.ordered = !cfg->call_times;
	b->sys_links[0] = b->sys_links[1] = -1;
	b->from_exec = cfg->from_exec;
	b->nposs = transport_bpf_ncpus();
	b->base.ncpus = b->nposs;	/* records name any possible CPU */
	b->lost_seen = calloc(b->nposs, sizeof(*b->lost_seen));
	b->lost_now = calloc(b->nposs, sizeof(*b->lost_now));
	if (!b->lost_seen || !b->lost_now)
		goto fail;
	if (formats_load_tp(f, "raw_syscalls", "sys_enter", &b->enter) ||
	    formats_load_tp(f, "raw_syscalls", "sys_exit", &b->exit)) {
		snprintf(err, errlen, "cannot read the raw_syscalls tracepoint formats");
		goto fail;
	}
	if (!layout_matches(&b->enter, &b->exit)) {
		snprintf(err, errlen, "this kernel's raw_syscalls layout is not the BPF program's");
		goto fail;
	}
	record_parser_init(&b->parser);
	record_parser_add(&b->parser, &b->enter);
	record_parser_add(&b->parser, &b->exit);
	if (cfg->stack && !cfg->count_only) {
		b->maps = malloc(sizeof(*b->maps));
		if (!b->maps || mmaps_init(b->maps, cfg->follow, cfg->from_exec)) {
			snprintf(err, errlen, "out of memory");
			goto fail;
		}
	}
	if (bpfstate_load(b, f, cfg, err, errlen))
		goto fail;
	return &b->base;
fail:
	if (b->maps)
		mmaps_close(b->maps);
	free(b->maps);
	bpfring_unmap(&b->ring);
	detach_sys(b);
	destroy_objects(b);
	free(b->lost_seen);
	free(b->lost_now);
	free(b);
	return NULL;
}
