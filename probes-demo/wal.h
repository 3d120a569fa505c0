/* wal: kvd's append-only log. Each SET and DEL is appended as its protocol
 * line; the lines of one event-loop turn reach the disk in one write and
 * one fsync (group commit), before any of their replies is sent. At start
 * the log is replayed line by line. Owns the log's fd and its buffer. */
#ifndef KVD_WAL_H
#define KVD_WAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

struct wal {
	int fd;
	char *buf;		/* appended, not yet written */
	size_t len, cap;
	uint64_t fsyncs;
};

/* Open (creating it) and lock the log at path, and apply its records to
 * store. A torn last record, left by a crash in the middle of a write,
 * is cut off. 0 and the number of records in *records, or -errno with one line
 * in err. */
int wal_open(struct wal *w, const char *path, struct store *store,
	     uint64_t *records, char *err, size_t errlen);
void wal_close(struct wal *w);

/* Queue one record; value is NULL for DEL. 0 or -ENOMEM. */
int wal_append(struct wal *w, const char *op, const char *key,
	       const char *value);

static inline bool wal_dirty(const struct wal *w)
{
	return w->len != 0;
}

/* Write the queued records and fsync the log. 0, or -errno with one line
 * in err: what reached the disk is then unknown, and kvd stops. */
int wal_commit(struct wal *w, char *err, size_t errlen);

#endif
