#include "transport/mmaps.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "decode/capture.h"

/* MMAP2 records are ~100 bytes: 1 MiB holds a burst of thousands of
 * mappings (an exec of a large program maps a few dozen) between reads. */
#define MMAPS_RING_BYTES (1u << 20)

int mmaps_init(struct mmaps *m, bool inherit, bool enable_on_exec)
{
	long ncpus = sysconf(_SC_NPROCESSORS_CONF);

	memset(m, 0, sizeof(*m));
	m->ncpus = ncpus > 0 ? (int)ncpus : 1;
	m->inherit = inherit;
	m->enable_on_exec = enable_on_exec;
	m->rings = calloc(m->ncpus, sizeof(*m->rings));
	m->parser = calloc(1, sizeof(*m->parser));
	if (!m->rings || !m->parser)
		return -ENOMEM;
	for (int c = 0; c < m->ncpus; c++)
		m->rings[c].fd = -1;
	record_parser_init(m->parser);
	return 0;
}

static int keep_fd(struct mmaps *m, int fd)
{
	if (m->nfds == m->capfds) {
		int cap = m->capfds ? 2 * m->capfds : 16;
		int *grown = realloc(m->fds, cap * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		m->fds = grown;
		m->capfds = cap;
	}
	m->fds[m->nfds++] = fd;
	return 0;
}

static int attach_cpu(struct mmaps *m, pid_t tid, int cpu)
{
	struct perf_event_attr a = {
		.size = sizeof(a),
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_DUMMY,
		/* record.c parses the sample_id trailer of this layout */
		.sample_type = RECORD_SAMPLE_TYPE,
		.sample_id_all = 1,
		.use_clockid = 1,
		.clockid = CLOCK_MONOTONIC,
		.disabled = 1,
		.enable_on_exec = m->enable_on_exec,
		.inherit = m->inherit,
		.mmap = 1,
		.mmap2 = 1,
		.build_id = 1,
		.comm = 1,
		.comm_exec = 1,
		.watermark = 1,
		.wakeup_watermark = MMAPS_RING_BYTES / 2,
	};
	struct ring *r = &m->rings[cpu];
	int fd, ret;

	fd = (int)syscall(SYS_perf_event_open, &a, tid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = keep_fd(m, fd);
	if (ret) {
		close(fd);
		return ret;
	}
	if (r->fd < 0)
		return ring_map(r, fd, cpu, MMAPS_RING_BYTES);
	return ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, r->fd) ? -errno : 0;
}

int mmaps_attach(struct mmaps *m, pid_t tid, char *err, size_t errlen)
{
	for (int cpu = 0; cpu < m->ncpus; cpu++) {
		int ret = attach_cpu(m, tid, cpu);

		if (ret == -ENODEV && cpu > 0)	/* an offline CPU */
			continue;
		if (ret == -ESRCH)
			return ret;
		if (ret) {
			snprintf(err, errlen, "-k: cannot follow the mappings of task %d on cpu %d: %s",
				 (int)tid, cpu, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

static int ioctl_all(struct mmaps *m, unsigned long req)
{
	int ret = 0;

	for (int i = 0; i < m->nfds; i++)
		if (ioctl(m->fds[i], req, 0) && !ret)
			ret = -errno;
	return ret;
}

int mmaps_enable(struct mmaps *m)
{
	return m->enable_on_exec ? 0 : ioctl_all(m, PERF_EVENT_IOC_ENABLE);
}

int mmaps_disable(struct mmaps *m)
{
	return ioctl_all(m, PERF_EVENT_IOC_DISABLE);
}

static void on_record(void *ctx, int cpu, const struct perf_event_header *hdr)
{
	struct mmaps *m = ctx;
	struct event ev;

	if (record_parse(m->parser, cpu, hdr, &ev) != 1)
		return;
	if (ev.kind == EV_LOST) {
		if (!m->lost)
			fprintf(stderr, "lotrace: -k: mapping records lost: stacks may name the wrong objects (try a larger -m)\n");
		m->lost += ev.lost;
		return;
	}
	if (ev.kind == EV_COMM && ev.comm.exec) {
		memset(&ev.mmap, 0, sizeof(ev.mmap));
		ev.kind = EV_MMAP;
		ev.mmap.exec = 1;
	}
	if (ev.kind == EV_MMAP)
		m->fn(m->ctx, &ev);
	else
		capture_free(ev.cap);
}

void mmaps_read(struct mmaps *m, transport_event_fn fn, void *ctx)
{
	m->fn = fn;
	m->ctx = ctx;
	for (int c = 0; c < m->ncpus; c++)
		if (m->rings[c].base)
			ring_read(&m->rings[c], on_record, m);
}

void mmaps_close(struct mmaps *m)
{
	for (int c = 0; m->rings && c < m->ncpus; c++)
		if (m->rings[c].base)
			ring_unmap(&m->rings[c]);
	for (int i = 0; i < m->nfds; i++)
		close(m->fds[i]);
	free(m->fds);
	free(m->rings);
	free(m->parser);
	memset(m, 0, sizeof(*m));
}
