// SPDX-License-Identifier: MIT
/* wal: append-only log with group commit, see wal.h. */
#define _GNU_SOURCE
#include "wal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "kvd_probes.h"
#include "proto.h"
#include "store.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int apply(struct store *store, char *line)
{
	struct proto_request req;

	proto_parse(line, &req);
	switch (req.op) {
	case PROTO_SET:
		return store_set(store, req.key, req.value);
	case PROTO_DEL:
		store_del(store, req.key);
		return 0;
	default:
		return -EINVAL;
	}
}

/* Apply each complete line of buf[0, len); the offset after the last one. */
static int replay_chunk(struct store *store, char *buf, size_t len,
			size_t *used, uint64_t *records)
{
	char *line = buf, *nl;
	int ret;

	while ((nl = memchr(line, '\n', len - (size_t)(line - buf)))) {
		*nl = '\0';
		ret = apply(store, line);
		if (ret)
			return ret;
		(*records)++;
		line = nl + 1;
	}
	*used = (size_t)(line - buf);
	return 0;
}

static int replay(struct wal *w, const char *path, struct store *store,
		  uint64_t *records, char *err, size_t errlen)
{
	char buf[2 * PROTO_LINE_MAX];
	size_t have = 0, used;
	off_t done = 0;		/* offset after the last complete record */
	ssize_t n;
	int ret;

	*records = 0;
	while ((n = read(w->fd, buf + have, sizeof(buf) - 1 - have)) > 0) {
		have += (size_t)n;
		buf[have] = '\0';
		ret = replay_chunk(store, buf, have, &used, records);
		if (ret) {
			snprintf(err, errlen, "%s: record %llu: %s", path,
				 (unsigned long long)*records + 1,
				 ret == -ENOMEM ? "out of memory" : "not a SET or DEL line");
			return ret;
		}
		if (!used && have == sizeof(buf) - 1) {
			snprintf(err, errlen, "%s: record %llu is longer than a request can be",
				 path, (unsigned long long)*records + 1);
			return -EINVAL;
		}
		memmove(buf, buf + used, have - used);
		have -= used;
		done += (off_t)used;
	}
	if (n < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return ret;
	}
	if (have) {
		fprintf(stderr, "kvd: %s: dropping a torn last record (%zu bytes)\n",
			path, have);
		if (ftruncate(w->fd, done) < 0) {
			ret = -errno;
			snprintf(err, errlen, "cannot cut the torn record off %s: %s",
				 path, strerror(errno));
			return ret;
		}
	}
	return 0;
}

int wal_open(struct wal *w, const char *path, struct store *store,
	     uint64_t *records, char *err, size_t errlen)
{
	int ret;

	*w = (struct wal){ .fd = -1 };
	w->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (w->fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot open the log %s: %s", path, strerror(errno));
		return ret;
	}
	/* One kvd per log: two would interleave their records. */
	if (flock(w->fd, LOCK_EX | LOCK_NB)) {
		ret = -errno;
		if (errno == EWOULDBLOCK)
			snprintf(err, errlen, "%s is in use by another kvd", path);
		else
			snprintf(err, errlen, "cannot lock %s: %s", path, strerror(errno));
		wal_close(w);
		return ret;
	}
	ret = replay(w, path, store, records, err, errlen);
	if (ret)
		wal_close(w);
	return ret;
}

void wal_close(struct wal *w)
{
	if (w->fd >= 0)
		close(w->fd);
	free(w->buf);
	*w = (struct wal){ .fd = -1 };
}

int wal_append(struct wal *w, const char *op, const char *key,
	       const char *value)
{
	size_t need = strlen(op) + 1 + strlen(key) + (value ? 1 + strlen(value) : 0) + 1;

	if (w->cap - w->len < need + 1) {
		size_t cap = w->cap ? w->cap : 4096;
		char *grown;

		while (cap - w->len < need + 1)
			cap *= 2;
		grown = realloc(w->buf, cap);
		if (!grown)
			return -ENOMEM;
		w->buf = grown;
		w->cap = cap;
	}
	w->len += (size_t)snprintf(w->buf + w->len, w->cap - w->len, "%s %s%s%s\n",
				   op, key, value ? " " : "", value ? value : "");
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int wal_commit(struct wal *w, char *err, size_t errlen)
{
	unsigned long long bytes = w->len, t0;
	int fd = w->fd, ret;

	if (!w->len)
		return 0;
	ret = write_all(fd, w->buf, w->len);
	if (ret) {
		snprintf(err, errlen, "cannot append to the log: %s", strerror(-ret));
		return ret;
	}
	w->len = 0;
	KVD_FSYNC_START(fd, bytes);
	t0 = now_ns();
	ret = fsync(fd) ? -errno : 0;
	KVD_FSYNC_DONE(fd, ret, now_ns() - t0);
	if (ret) {
		snprintf(err, errlen, "cannot fsync the log: %s", strerror(-ret));
		return ret;
	}
	w->fsyncs++;
	return 0;
}
