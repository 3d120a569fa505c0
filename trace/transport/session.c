/* session: the perf events of one trace (perf.h), opened per CPU, with
 * their rings; the transport over it is perf.c. */
#include "transport/perf.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bpf/records.h"
#include "transport/closer.h"
#include "stack/unwind.h"
#include "syscalls/systab.h"
#include "util/strbuf.h"

int session_open_event(struct perf_event_attr *attr, pid_t pid, int cpu, int group)
{
	return (int)syscall(SYS_perf_event_open, attr, pid, cpu, group, PERF_FLAG_FD_CLOEXEC);
}

static int add_layout(struct session *s, struct formats *f, const char *system,
		      const char *event, const char *filter)
{
	struct tp_layout *grown;
	char **fgrown;
	int ret;

	grown = realloc(s->layouts, (s->nlayouts + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	s->layouts = grown;
	fgrown = realloc(s->filters, (s->nlayouts + 1) * sizeof(*fgrown));
	if (!fgrown)
		return -ENOMEM;
	s->filters = fgrown;
	ret = formats_load_tp(f, system, event, &s->layouts[s->nlayouts]);
	if (ret)
		return ret;
	s->filters[s->nlayouts] = filter ? strdup(filter) : NULL;
	if (filter && !s->filters[s->nlayouts])
		return -ENOMEM;
	s->nlayouts++;
	return 0;
}

/* "id == 1 || id == 2" or "id != 3 && ...", whichever is shorter; NULL
 * when every syscall is selected. */
static char *id_filter(const struct sysset *set)
{
	struct strbuf sb = STRBUF_INIT;
	int n = sysset_count(set), total = 0;
	bool negate, want;

	for (int nr = 0; nr < systab_size(); nr++)
		if (systab_name(nr))
			total++;
	if (sysset_full(set))
		return NULL;
	negate = n > total / 2;
	want = !negate;
	for (int nr = 0; nr < systab_size(); nr++) {
		if (!systab_name(nr) || sysset_has(set, nr) != want)
			continue;
		if (sb_printf(&sb, "%sid %s %d", sb.len ? (negate ? " && " : " || ") : "",
			      negate ? "!=" : "==", nr)) {
			sb_release(&sb);
			return NULL;
		}
	}
	if (!sb.len && sb_printf(&sb, "id == -1"))
		return NULL;
	return sb_detach(&sb);
}

static char *with_exclude(char *filter, pid_t exclude)
{
	char *out;

	if (!exclude)
		return filter;
	if (asprintf(&out, filter ? "(%s) && common_pid != %d" : "%scommon_pid != %d",
		     filter ? filter : "", exclude) < 0)
		out = NULL;
	free(filter);
	return out;
}

int session_init(struct session *s, struct formats *f, const struct session_config *cfg,
		 char *errbuf, size_t errlen)
{
	int n = sysset_count(cfg->trace), ret = 0;
	long ncpus = sysconf(_SC_NPROCESSORS_CONF);

	memset(s, 0, sizeof(*s));
	s->ncpus = ncpus > 0 ? (int)ncpus : 1;
	s->rings = calloc(s->ncpus, sizeof(*s->rings));
	s->closed = calloc(s->ncpus, sizeof(*s->closed));
	if (!s->rings || !s->closed)
		return -ENOMEM;
	for (int c = 0; c < s->ncpus; c++)
		s->rings[c].fd = -1;
	record_parser_init(&s->parser);

	s->per_syscall = n <= TRANSPORT_PER_SYSCALL_MAX;
	for (int nr = 0; s->per_syscall && nr < systab_size(); nr++)
		if (sysset_has(cfg->trace, nr) && !formats_syscall_event(f, nr))
			s->per_syscall = false;

	if (s->per_syscall) {
		char *filter = with_exclude(NULL, cfg->exclude_pid);

		for (int nr = 0; nr < systab_size() && !ret; nr++) {
			char enter[128], exit_[128];
			const char *ev;

			if (!sysset_has(cfg->trace, nr))
				continue;
			ev = formats_syscall_event(f, nr);
			snprintf(enter, sizeof(enter), "sys_enter_%s", ev);
			snprintf(exit_, sizeof(exit_), "sys_exit_%s", ev);
			ret = add_layout(s, f, "syscalls", enter, filter);
			if (!ret)
				ret = add_layout(s, f, "syscalls", exit_, filter);
		}
		free(filter);
	} else {
		char *filter = with_exclude(id_filter(cfg->trace), cfg->exclude_pid);

		ret = add_layout(s, f, "raw_syscalls", "sys_enter", filter);
		if (!ret)
			ret = add_layout(s, f, "raw_syscalls", "sys_exit", filter);
		free(filter);
	}
	/* signals: those a traced task takes, and those it sends that the
	 * kernel discards or turns into a group kill */
	if (!ret) {
		char *filter = with_exclude(NULL, cfg->exclude_pid);

		ret = add_layout(s, f, "signal", "signal_deliver", filter);
		if (!ret)
			ret = add_layout(s, f, "signal", "signal_generate", filter);
		free(filter);
	}
	if (ret) {
		snprintf(errbuf, errlen, "cannot load the syscall tracepoint formats from %s/events: %s",
			 formats_tracefs(f), strerror(-ret));
		return ret;
	}
	for (int i = 0; i < s->nlayouts; i++)
		record_parser_add(&s->parser, &s->layouts[i]);
	s->parser.enter_stack = cfg->stack;
	return 0;
}

int session_keep_fd(struct session *s, int fd, int cpu)
{
	if (s->nfds == s->capfds) {
		int cap = s->capfds ? s->capfds * 2 : 64;
		int *fds = realloc(s->fds, cap * sizeof(*fds)), *cpus;

		if (!fds)
			return -ENOMEM;
		s->fds = fds;
		cpus = realloc(s->fd_cpus, cap * sizeof(*cpus));
		if (!cpus)
			return -ENOMEM;
		s->fd_cpus = cpus;
		s->capfds = cap;
	}
	s->fd_cpus[s->nfds] = cpu;
	s->fds[s->nfds++] = fd;
	return 0;
}

/* The event's count, with its inherited children's; 0 when unreadable. */
static uint64_t event_count(int fd)
{
	uint64_t n;

	return read(fd, &n, sizeof(n)) == (ssize_t)sizeof(n) ? n : 0;
}

void session_close_fd(struct session *s, int fd)
{
	for (int i = 0; i < s->nfds; i++) {
		int cpu = s->fd_cpus[i];

		if (s->fds[i] != fd)
			continue;
		if (cpu >= 0 && cpu < s->ncpus)
			s->closed[cpu] += event_count(fd);
		close(fd);
		s->fds[i] = -1;
	}
}

uint64_t session_samples(const struct session *s, int cpu)
{
	uint64_t n = s->closed[cpu];

	for (int i = 0; i < s->nfds; i++)
		if (s->fds[i] >= 0 && s->fd_cpus[i] == cpu)
			n += event_count(s->fds[i]);
	return n;
}

static void base_attr(struct perf_event_attr *a, const struct session_config *cfg)
{
	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	a->sample_period = 1;
	a->sample_type = RECORD_SAMPLE_TYPE;
	a->use_clockid = 1;
	a->clockid = CLOCK_MONOTONIC;
	a->inherit = cfg->inherit;
	a->disabled = 1;
	a->enable_on_exec = cfg->enable_on_exec;
	a->sample_id_all = 1;
	/* wake the reader when a quarter of the ring is full, not per event */
	a->watermark = 1;
	a->wakeup_watermark = (uint32_t)(cfg->buffer_size / 4);
}

static void explain_open_error(int err, pid_t tid, char *errbuf, size_t errlen)
{
	if (err == EACCES || err == EPERM) {
		FILE *fp = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
		int paranoid = 2;

		if (fp) {
			if (fscanf(fp, "%d", &paranoid) != 1)
				paranoid = 2;
			fclose(fp);
		}
		snprintf(errbuf, errlen,
			 "perf_event_open on syscall tracepoints was refused (perf_event_paranoid is %d): "
			 "run as root, or grant CAP_PERFMON (setcap cap_perfmon,cap_bpf+ep lotrace) "
			 "and set 'sysctl kernel.perf_event_paranoid=-1'",
			 paranoid);
	} else if (err == ESRCH) {
		snprintf(errbuf, errlen, "process %d does not exist", (int)tid);
	} else if (err == EMFILE || err == ENFILE) {
		snprintf(errbuf, errlen,
			 "out of file descriptors opening perf events (raise 'ulimit -n' or trace fewer syscalls)");
	} else {
		snprintf(errbuf, errlen, "perf_event_open for task %d: %s", (int)tid, strerror(err));
	}
}

/* An event opened for tid on cpu and kept with the session's; its
 * descriptor, or -errno with errbuf said. */
static int open_kept(struct session *s, struct perf_event_attr *a, pid_t tid, int cpu,
		     char *errbuf, size_t errlen)
{
	int fd = session_open_event(a, tid, cpu, -1), ret;

	if (fd < 0) {
		ret = -errno;
		explain_open_error(-ret, tid, errbuf, errlen);
		return ret;
	}
	ret = session_keep_fd(s, fd, cpu);
	if (ret) {
		close(fd);
		snprintf(errbuf, errlen, "out of memory");
		return ret;
	}
	return fd;
}

static int attach_cpu(struct session *s, const struct session_config *cfg, pid_t tid, int cpu,
		      char *errbuf, size_t errlen)
{
	struct perf_event_attr a;
	struct ring *r = &s->rings[cpu];
	int fd, ret;

	/* A dummy event carries FORK/COMM/EXIT records, once per ring. */
	base_attr(&a, cfg);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_DUMMY;
	a.task = 1;
	a.comm = 1;
	a.comm_exec = 1;
	/* -k: where executable files are mapped (perf has no munmap record;
	 * a later mapping replaces what it overlaps) */
	a.mmap = a.mmap2 = a.build_id = cfg->stack;
	fd = open_kept(s, &a, tid, cpu, errbuf, errlen);
	if (fd < 0)
		return fd;
	if (r->fd < 0) {
		ret = ring_map(r, fd, cpu, cfg->buffer_size);
		if (ret) {
			snprintf(errbuf, errlen,
				 "cannot map a %zu-byte ring buffer for cpu %d: %s (try a smaller -m or --buffer-size, or raise kernel.perf_event_mlock_kb)",
				 cfg->buffer_size, cpu, strerror(-ret));
			return ret;
		}
	} else if (ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, r->fd)) {
		snprintf(errbuf, errlen, "cannot share the ring of cpu %d: %s", cpu, strerror(errno));
		return -errno;
	}

	for (int i = 0; i < s->nlayouts; i++) {
		base_attr(&a, cfg);
		a.type = PERF_TYPE_TRACEPOINT;
		a.config = (uint64_t)s->layouts[i].id;
		if (cfg->stack && s->layouts[i].kind == EV_SYS_ENTER) {
			/* -k: the unwinder's registers (the ip among them) */
			a.sample_type |= RECORD_STACK_SAMPLE_TYPE;
			a.sample_regs_user = STACK_PERF_REGS_MASK;
			a.sample_stack_user = LT_STACK_BYTES;
		} else if (cfg->ip && s->layouts[i].kind == EV_SYS_ENTER) {
			/* -i: the user ip after the RAW data */
			a.sample_type |= PERF_SAMPLE_REGS_USER;
			a.sample_regs_user = RECORD_IP_REGS_MASK;
		}
		fd = open_kept(s, &a, tid, cpu, errbuf, errlen);
		if (fd < 0)
			return fd;
		if (ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, r->fd)) {
			snprintf(errbuf, errlen, "cannot share the ring of cpu %d: %s", cpu, strerror(errno));
			return -errno;
		}
		if (s->filters[i] && ioctl(fd, PERF_EVENT_IOC_SET_FILTER, s->filters[i])) {
			snprintf(errbuf, errlen, "the kernel rejected the tracepoint filter '%.200s': %s",
				 s->filters[i], strerror(errno));
			return -errno;
		}
	}
	return 0;
}

int session_attach(struct session *s, const struct session_config *cfg, pid_t tid,
		   char *errbuf, size_t errlen)
{
	for (int cpu = 0; cpu < s->ncpus; cpu++) {
		int ret = attach_cpu(s, cfg, tid, cpu, errbuf, errlen);

		/* an offline CPU has no events to give */
		if (ret == -ENODEV && cpu > 0)
			continue;
		if (ret)
			return ret;
	}
	return 0;
}

static int ioctl_all(struct session *s, unsigned long req)
{
	int ret = 0;

	for (int i = 0; i < s->nfds; i++)
		if (s->fds[i] >= 0 && ioctl(s->fds[i], req, 0) && !ret)
			ret = -errno;
	return ret;
}

int session_enable(struct session *s)
{
	return ioctl_all(s, PERF_EVENT_IOC_ENABLE);
}

int session_disable(struct session *s)
{
	return ioctl_all(s, PERF_EVENT_IOC_DISABLE);
}

void session_close(struct session *s)
{
	int handle, n = 0;

	for (int c = 0; s->rings && c < s->ncpus; c++)
		if (s->rings[c].base)
			ring_unmap(&s->rings[c]);
	/* each tracepoint's last close waits ~45 ms (closer.h) */
	for (int i = 0; i < s->nfds; i++)
		if (s->fds[i] >= 0)
			s->fds[n++] = s->fds[i];
	handle = closer_begin(s->fds, n);
	for (int i = 0; i < n; i++)
		close(s->fds[i]);
	closer_end(handle);
	for (int i = 0; i < s->nlayouts; i++)
		free(s->filters[i]);
	free(s->filters);
	free(s->layouts);
	free(s->fds);
	free(s->fd_cpus);
	free(s->closed);
	free(s->rings);
	memset(s, 0, sizeof(*s));
}
