// SPDX-License-Identifier: MIT
/*
 * kvd: a small key-value daemon, the service that lotrace's probes-demo
 * instruments with the USDT probes declared in kvd.d.
 *
 *	kvd -d DIR [-p PORT] [-m MAXKEYS]
 *
 * It listens on 127.0.0.1:PORT (0: a free port, printed at start) and on
 * the unix socket DIR/kvd.sock, speaks the line protocol of proto.h, and
 * keeps every SET and DEL in the append-only log DIR/kvd.log (wal.h).
 *
 * One thread, one epoll loop. Each turn reads the ready connections and
 * executes their complete lines against the in-memory store, then commits
 * the turn's log records with one fsync, then fires request__done and
 * sends the replies: no reply leaves before its change is durable. A
 * connection with unsent replies is not read again until they are sent,
 * which bounds its buffers. SIGTERM and SIGINT stop kvd cleanly; SIGUSR1
 * prints its counters and which of its probes are being traced.
 */
#define _GNU_SOURCE	/* accept4, struct ucred */

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "kvd_probes.h"
#include "proto.h"
#include "store.h"
#include "wal.h"

#define KVD_MAX_CONNS 1000
#define KVD_MAX_EVENTS 64
#define KVD_DEFAULT_PORT 7379
#define KVD_DEFAULT_MAX_KEYS 1000000
/* Room for two maximal request lines: one being parsed, one arriving. */
#define KVD_IN_CAP (2 * PROTO_LINE_MAX)
#define KVD_SUMMARY_MAX 256
#define KVD_OUT_CHUNK 4096

static const char usage[] =
	"usage: kvd -d DIR [-p PORT] [-m MAXKEYS]\n"
	"\n"
	"A key-value daemon on 127.0.0.1:PORT and DIR/kvd.sock, with its\n"
	"append-only log in DIR/kvd.log.\n"
	"\n"
	"  -d DIR       directory of the unix socket and the log (required)\n"
	"  -p PORT      TCP port on 127.0.0.1; 0 picks a free one (7379)\n"
	"  -m MAXKEYS   refuse SETs of new keys beyond this many (1000000)\n"
	"\n"
	"SIGTERM or SIGINT: stop. SIGUSR1: print counters and traced probes.\n";

struct options {
	const char *dir;
	unsigned port;
	size_t max_keys;
};

enum source_kind { SRC_TCP, SRC_UNIX, SRC_SIGNAL, SRC_CONN };

/* What an epoll event's data.ptr points at. */
struct source {
	enum source_kind kind;
	int fd;
};

struct conn {
	struct source src;		/* first: the epoll data of the connection */
	struct conn *prev, *next;	/* the open connections */
	struct conn *next_touched;	/* this turn's connections */
	bool touched;
	bool eof;			/* the peer is done sending */
	bool broken;			/* reading or writing failed */
	bool writing;			/* waits for EPOLLOUT, does not read */
	const char *transport;		/* "tcp" or "unix" */
	char peer[48];
	uint64_t requests;
	uint64_t accepted_ns;
	char *out;			/* replies, out[outoff, outlen) unsent */
	size_t outoff, outlen, outcap;
	size_t inlen;
	char in[KVD_IN_CAP];
};

/* A request of this turn, waiting for the commit before its reply. */
struct pending {
	struct conn *conn;
	const char *op;
	uint64_t start_ns;
	int status;
	char key[PROTO_KEY_MAX + 1];
};

struct counters {
	uint64_t connections;
	uint64_t requests;
	uint64_t ops[PROTO_NOPS];
	uint64_t summaries;	/* store__summary arguments computed */
};

struct server {
	int epfd;
	struct source tcp, unix_sock, sig;
	unsigned port;
	char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct store store;
	struct wal wal;
	size_t max_keys;
	struct conn *conns;
	size_t nconns;
	struct conn *touched;
	struct pending *pending;
	size_t npending, cappending;
	struct counters n;
	int stop_signal;
	char err[512];
};

enum { STATUS_OK = 0, STATUS_NOTFOUND = 1, STATUS_ERROR = -1 };

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int fail(struct server *s, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	return ret;
}

static int watch(struct server *s, struct source *src, uint32_t events, int op)
{
	struct epoll_event ev = { .events = events, .data.ptr = src };

	return epoll_ctl(s->epfd, op, src->fd, &ev) ? -errno : 0;
}

/* ---- replies ---- */

static int reply(struct server *s, struct conn *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = c->outcap - c->outlen;
		char *grown;

		if (!c->out) {
			c->out = malloc(KVD_OUT_CHUNK);
			if (!c->out)
				return fail(s, -ENOMEM, "out of memory for a reply");
			c->outcap = room = KVD_OUT_CHUNK;
		}
		va_start(ap, fmt);
		n = vsnprintf(c->out + c->outlen, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			return fail(s, -EINVAL, "cannot format a reply");
		if ((size_t)n < room)
			break;
		grown = realloc(c->out, c->outcap + (size_t)n + KVD_OUT_CHUNK);
		if (!grown)
			return fail(s, -ENOMEM, "out of memory for a reply");
		c->out = grown;
		c->outcap += (size_t)n + KVD_OUT_CHUNK;
	}
	c->outlen += (size_t)n;
	return 0;
}

static void format_stats(const struct server *s, char *buf, size_t len)
{
	const struct counters *n = &s->n;

	snprintf(buf, len, "keys=%zu connections=%llu open=%zu requests=%llu "
		 "get=%llu set=%llu del=%llu stats=%llu bad=%llu fsyncs=%llu "
		 "summaries=%llu",
		 s->store.nkeys, (unsigned long long)n->connections, s->nconns,
		 (unsigned long long)n->requests,
		 (unsigned long long)n->ops[PROTO_GET],
		 (unsigned long long)n->ops[PROTO_SET],
		 (unsigned long long)n->ops[PROTO_DEL],
		 (unsigned long long)n->ops[PROTO_STATS],
		 (unsigned long long)n->ops[PROTO_BAD],
		 (unsigned long long)s->wal.fsyncs,
		 (unsigned long long)n->summaries);
}

/* ---- requests ---- */

static struct pending *request_begin(struct server *s, struct conn *c,
				     const char *op, const char *key)
{
	struct pending *p;

	KVD_REQUEST_START(c->src.fd, op, key);
	if (s->npending == s->cappending) {
		size_t cap = s->cappending ? 2 * s->cappending : 64;
		struct pending *grown = realloc(s->pending, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		s->pending = grown;
		s->cappending = cap;
	}
	p = &s->pending[s->npending++];
	*p = (struct pending){ .conn = c, .op = op, .start_ns = now_ns() };
	snprintf(p->key, sizeof(p->key), "%s", key);
	c->requests++;
	s->n.requests++;
	return p;
}

static int do_get(struct server *s, struct conn *c, const struct proto_request *req,
		  struct pending *p)
{
	const char *v = store_get(&s->store, req->key);

	p->status = v ? STATUS_OK : STATUS_NOTFOUND;
	return v ? reply(s, c, "VALUE %s\n", v) : reply(s, c, "NOTFOUND\n");
}

static int do_set(struct server *s, struct conn *c, const struct proto_request *req,
		  struct pending *p)
{
	int ret;

	if (s->store.nkeys >= s->max_keys && !store_get(&s->store, req->key)) {
		p->status = STATUS_ERROR;
		return reply(s, c, "ERR store full (%zu keys)\n", s->max_keys);
	}
	ret = wal_append(&s->wal, req->name, req->key, req->value);
	if (!ret)
		ret = store_set(&s->store, req->key, req->value);
	if (ret)
		return fail(s, ret, "out of memory for a SET");
	return reply(s, c, "OK\n");
}

static int do_del(struct server *s, struct conn *c, const struct proto_request *req,
		  struct pending *p)
{
	if (!store_get(&s->store, req->key)) {
		p->status = STATUS_NOTFOUND;
		return reply(s, c, "NOTFOUND\n");
	}
	if (wal_append(&s->wal, req->name, req->key, NULL))
		return fail(s, -ENOMEM, "out of memory for a DEL");
	store_del(&s->store, req->key);
	return reply(s, c, "DELETED\n");
}

static int execute(struct server *s, struct conn *c, char *line)
{
	struct proto_request req;
	struct pending *p;
	char stats[512];

	proto_parse(line, &req);
	p = request_begin(s, c, req.name, req.key);
	if (!p)
		return fail(s, -ENOMEM, "out of memory for a request");
	s->n.ops[req.op]++;
	switch (req.op) {
	case PROTO_GET:
		return do_get(s, c, &req, p);
	case PROTO_SET:
		return do_set(s, c, &req, p);
	case PROTO_DEL:
		return do_del(s, c, &req, p);
	case PROTO_STATS:
		format_stats(s, stats, sizeof(stats));
		return reply(s, c, "STATS %s\n", stats);
	case PROTO_BAD:
		break;
	}
	p->status = STATUS_ERROR;
	return reply(s, c, "ERR %s\n", req.error);
}

/* ---- connections ---- */

static void touch(struct server *s, struct conn *c)
{
	if (c->touched)
		return;
	c->touched = true;
	c->next_touched = s->touched;
	s->touched = c;
}

static void conn_peer(struct conn *c, const struct sockaddr_storage *ss)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
	struct ucred cred;
	socklen_t len = sizeof(cred);
	char ip[INET_ADDRSTRLEN];

	if (ss->ss_family == AF_INET) {
		inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof(ip));
		snprintf(c->peer, sizeof(c->peer), "%s:%u", ip, ntohs(sin->sin_port));
	} else if (!getsockopt(c->src.fd, SOL_SOCKET, SO_PEERCRED, &cred, &len)) {
		snprintf(c->peer, sizeof(c->peer), "pid:%d", (int)cred.pid);
	} else {
		snprintf(c->peer, sizeof(c->peer), "unix");
	}
}

static int conn_open(struct server *s, int fd, const char *transport,
		     const struct sockaddr_storage *ss)
{
	struct conn *c = calloc(1, sizeof(*c));
	int one = 1, ret;

	if (!c) {
		close(fd);
		return fail(s, -ENOMEM, "out of memory for a connection");
	}
	c->src = (struct source){ .kind = SRC_CONN, .fd = fd };
	c->transport = transport;
	c->accepted_ns = now_ns();
	conn_peer(c, ss);
	if (ss->ss_family == AF_INET)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	ret = watch(s, &c->src, EPOLLIN, EPOLL_CTL_ADD);
	if (ret) {
		close(fd);
		free(c);
		return fail(s, ret, "cannot watch a connection: %s", strerror(-ret));
	}
	c->next = s->conns;
	if (s->conns)
		s->conns->prev = c;
	s->conns = c;
	s->nconns++;
	s->n.connections++;
	KVD_CONN_ACCEPT(fd, c->transport, c->peer);
	return 0;
}

static void conn_close(struct server *s, struct conn *c)
{
	unsigned long long requests = c->requests;

	KVD_CONN_CLOSE(c->src.fd, requests, now_ns() - c->accepted_ns);
	close(c->src.fd);
	if (c->prev)
		c->prev->next = c->next;
	else
		s->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	s->nconns--;
	free(c->out);
	free(c);
}

static int accept_all(struct server *s, struct source *src)
{
	const char *transport = src->kind == SRC_TCP ? "tcp" : "unix";

	for (;;) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		int fd = accept4(src->fd, (struct sockaddr *)&ss, &len,
				 SOCK_NONBLOCK | SOCK_CLOEXEC);
		int ret;

		if (fd < 0) {
			if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED)
				return 0;
			/* EMFILE and friends: the next turn may do better */
			fprintf(stderr, "kvd: cannot accept a %s connection: %s\n",
				transport, strerror(errno));
			return 0;
		}
		if (s->nconns >= KVD_MAX_CONNS) {
			fprintf(stderr, "kvd: refusing a %s connection: %d are open\n",
				transport, KVD_MAX_CONNS);
			close(fd);
			continue;
		}
		ret = conn_open(s, fd, transport, &ss);
		if (ret)
			return ret;
	}
}

/* Execute each complete line in c->in; keep a partial last one. */
static int conn_lines(struct server *s, struct conn *c)
{
	char *line = c->in, *end = c->in + c->inlen, *nl;
	int ret;

	while ((nl = memchr(line, '\n', (size_t)(end - line)))) {
		*nl = '\0';
		ret = execute(s, c, line);
		if (ret)
			return ret;
		line = nl + 1;
	}
	c->inlen = (size_t)(end - line);
	memmove(c->in, line, c->inlen);
	if (c->inlen > PROTO_LINE_MAX) {
		/* No valid request is that long: answer and hang up. */
		struct pending *p = request_begin(s, c, proto_op_name(PROTO_BAD), "");

		if (!p)
			return fail(s, -ENOMEM, "out of memory for a request");
		s->n.ops[PROTO_BAD]++;
		p->status = STATUS_ERROR;
		c->inlen = 0;
		c->eof = true;
		return reply(s, c, "ERR line too long\n");
	}
	return 0;
}

/* Readable, writable or hung up: read unless replies wait to be sent;
 * conn_settle() sends them after the commit. */
static int conn_ready(struct server *s, struct conn *c)
{
	ssize_t n;

	touch(s, c);
	if (c->eof || c->writing)
		return 0;
	n = read(c->src.fd, c->in + c->inlen, sizeof(c->in) - c->inlen);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			c->broken = true;
		return 0;
	}
	if (n == 0) {
		c->eof = true;	/* a partial last line is dropped */
		return 0;
	}
	c->inlen += (size_t)n;
	return conn_lines(s, c);
}

static void conn_flush(struct conn *c)
{
	while (c->outoff < c->outlen) {
		ssize_t n = send(c->src.fd, c->out + c->outoff, c->outlen - c->outoff,
				 MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				c->broken = true;
			return;
		}
		c->outoff += (size_t)n;
	}
	c->outoff = c->outlen = 0;
}

/* After the commit: send what can be sent, then read or wait to write. */
static int conn_settle(struct server *s, struct conn *c)
{
	bool writing;
	int ret;

	c->touched = false;
	conn_flush(c);
	if (c->broken || (c->eof && c->outlen == 0)) {
		conn_close(s, c);
		return 0;
	}
	writing = c->outlen != 0;
	if (writing == c->writing)
		return 0;
	c->writing = writing;
	ret = watch(s, &c->src, writing ? EPOLLOUT : EPOLLIN, EPOLL_CTL_MOD);
	return ret ? fail(s, ret, "cannot watch a connection: %s", strerror(-ret)) : 0;
}

/* ---- the loop ---- */

static void dump_state(struct server *s)
{
	const struct {
		const char *name;
		int traced;
	} probes[] = {
		{ "conn__accept", KVD_CONN_ACCEPT_ENABLED() },
		{ "conn__close", KVD_CONN_CLOSE_ENABLED() },
		{ "request__start", KVD_REQUEST_START_ENABLED() },
		{ "request__done", KVD_REQUEST_DONE_ENABLED() },
		{ "fsync__start", KVD_FSYNC_START_ENABLED() },
		{ "fsync__done", KVD_FSYNC_DONE_ENABLED() },
		{ "store__summary", KVD_STORE_SUMMARY_ENABLED() },
	};
	const int nprobes = (int)(sizeof(probes) / sizeof(probes[0]));
	char stats[512];
	int traced = 0;

	format_stats(s, stats, sizeof(stats));
	for (int i = 0; i < nprobes; i++)
		traced += probes[i].traced;
	printf("kvd: stats %s\nkvd: probes traced %d/%d", stats, traced, nprobes);
	for (int i = 0; i < nprobes; i++)
		if (probes[i].traced)
			printf(" %s", probes[i].name);
	printf("\n");
	fflush(stdout);
}

static void on_signal(struct server *s)
{
	struct signalfd_siginfo si;

	while (read(s->sig.fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGUSR1)
			dump_state(s);
		else
			s->stop_signal = (int)si.ssi_signo;
	}
}

static int dispatch(struct server *s, struct source *src)
{
	switch (src->kind) {
	case SRC_TCP:
	case SRC_UNIX:
		return accept_all(s, src);
	case SRC_SIGNAL:
		on_signal(s);
		return 0;
	case SRC_CONN:
		return conn_ready(s, (struct conn *)src);
	}
	return 0;
}

/* Make this turn's changes durable, then finish its requests. */
static int commit(struct server *s)
{
	bool synced = wal_dirty(&s->wal);
	uint64_t now;
	int ret;

	ret = wal_commit(&s->wal, s->err, sizeof(s->err));
	if (ret)
		return ret;
	if (synced && KVD_STORE_SUMMARY_ENABLED()) {
		unsigned long long keys = s->store.nkeys;
		char summary[KVD_SUMMARY_MAX];

		store_summary(&s->store, summary, sizeof(summary));
		s->n.summaries++;
		KVD_STORE_SUMMARY(keys, summary);
	}
	now = now_ns();
	for (size_t i = 0; i < s->npending; i++) {
		struct pending *p = &s->pending[i];

		KVD_REQUEST_DONE(p->conn->src.fd, p->op, p->key, now - p->start_ns,
				 p->status);
	}
	s->npending = 0;
	return 0;
}

static int run(struct server *s)
{
	struct epoll_event evs[KVD_MAX_EVENTS];
	int ret;

	while (!s->stop_signal) {
		int n = epoll_wait(s->epfd, evs, KVD_MAX_EVENTS, -1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(s, -errno, "epoll_wait: %s", strerror(errno));
		for (int i = 0; i < n; i++) {
			ret = dispatch(s, evs[i].data.ptr);
			if (ret)
				return ret;
		}
		ret = commit(s);
		while (!ret && s->touched) {
			struct conn *c = s->touched;

			s->touched = c->next_touched;
			ret = conn_settle(s, c);
		}
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- start and stop ---- */

static int listen_tcp(struct server *s, unsigned port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(sin);
	int one = 1, fd;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail(s, -errno, "cannot create a TCP socket: %s", strerror(errno));
	s->tcp = (struct source){ .kind = SRC_TCP, .fd = fd };
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || listen(fd, SOMAXCONN) ||
	    getsockname(fd, (struct sockaddr *)&sin, &len))
		return fail(s, -errno, "cannot listen on 127.0.0.1:%u: %s", port,
			    strerror(errno));
	s->port = ntohs(sin.sin_port);
	return watch(s, &s->tcp, EPOLLIN, EPOLL_CTL_ADD);
}

/* The log's lock (wal_open) says no other kvd uses DIR, so a socket file
 * left there is stale. */
static int listen_unix(struct server *s, const char *dir)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, n;

	n = snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/kvd.sock", dir);
	if (n < 0 || (size_t)n >= sizeof(sun.sun_path))
		return fail(s, -ENAMETOOLONG, "%s/kvd.sock: a unix socket path has at most %zu bytes",
			    dir, sizeof(sun.sun_path) - 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail(s, -errno, "cannot create a unix socket: %s", strerror(errno));
	s->unix_sock = (struct source){ .kind = SRC_UNIX, .fd = fd };
	unlink(sun.sun_path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)))
		return fail(s, -errno, "cannot bind %s: %s", sun.sun_path, strerror(errno));
	memcpy(s->sock_path, sun.sun_path, sizeof(s->sock_path));
	if (listen(fd, SOMAXCONN))
		return fail(s, -errno, "cannot listen on %s: %s", sun.sun_path, strerror(errno));
	return watch(s, &s->unix_sock, EPOLLIN, EPOLL_CTL_ADD);
}

static int listen_signals(struct server *s)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return fail(s, -errno, "cannot block signals: %s", strerror(errno));
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return fail(s, -errno, "cannot create a signalfd: %s", strerror(errno));
	s->sig = (struct source){ .kind = SRC_SIGNAL, .fd = fd };
	return watch(s, &s->sig, EPOLLIN, EPOLL_CTL_ADD);
}

static int server_start(struct server *s, const struct options *o)
{
	char path[PATH_MAX];
	uint64_t records = 0;
	int ret;

	*s = (struct server){
		.epfd = -1, .max_keys = o->max_keys,
		.tcp.fd = -1, .unix_sock.fd = -1, .sig.fd = -1, .wal.fd = -1,
	};
	ret = store_init(&s->store);
	if (ret)
		return fail(s, ret, "out of memory for the store");
	if (snprintf(path, sizeof(path), "%s/kvd.log", o->dir) >= (int)sizeof(path))
		return fail(s, -ENAMETOOLONG, "%s: directory name too long", o->dir);
	ret = wal_open(&s->wal, path, &s->store, &records, s->err, sizeof(s->err));
	if (ret)
		return ret;
	s->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (s->epfd < 0)
		return fail(s, -errno, "cannot create an epoll instance: %s", strerror(errno));
	ret = listen_signals(s);
	if (!ret)
		ret = listen_tcp(s, o->port);
	if (!ret)
		ret = listen_unix(s, o->dir);
	if (ret)
		return ret;
	printf("kvd: pid %d serving 127.0.0.1:%u and %s, log %s (%llu records replayed)\n",
	       (int)getpid(), s->port, s->sock_path, path, (unsigned long long)records);
	fflush(stdout);
	return 0;
}

static void server_stop(struct server *s)
{
	while (s->conns)
		conn_close(s, s->conns);
	if (s->stop_signal) {
		printf("kvd: stopping on %s: %llu connections, %llu requests, %llu fsyncs\n",
		       s->stop_signal == SIGINT ? "SIGINT" : "SIGTERM",
		       (unsigned long long)s->n.connections,
		       (unsigned long long)s->n.requests,
		       (unsigned long long)s->wal.fsyncs);
		fflush(stdout);
	}
	if (s->sock_path[0])
		unlink(s->sock_path);
	if (s->unix_sock.fd >= 0)
		close(s->unix_sock.fd);
	if (s->tcp.fd >= 0)
		close(s->tcp.fd);
	if (s->sig.fd >= 0)
		close(s->sig.fd);
	if (s->epfd >= 0)
		close(s->epfd);
	wal_close(&s->wal);
	store_free(&s->store);
	free(s->pending);
}

static int parse_number(const char *arg, unsigned long long max,
			unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(arg, &end, 10);
	return !errno && end != arg && !*end && arg[0] != '-' && *out <= max ? 0 : -EINVAL;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	unsigned long long v;
	int c;

	*o = (struct options){ .port = KVD_DEFAULT_PORT, .max_keys = KVD_DEFAULT_MAX_KEYS };
	while ((c = getopt(argc, argv, "d:p:m:h")) != -1) {
		switch (c) {
		case 'd':
			o->dir = optarg;
			break;
		case 'p':
			if (parse_number(optarg, 65535, &v)) {
				fprintf(stderr, "kvd: -p %s: a port is 0 to 65535\n", optarg);
				return -EINVAL;
			}
			o->port = (unsigned)v;
			break;
		case 'm':
			if (parse_number(optarg, SIZE_MAX, &v) || !v) {
				fprintf(stderr, "kvd: -m %s: a positive number of keys\n", optarg);
				return -EINVAL;
			}
			o->max_keys = (size_t)v;
			break;
		case 'h':
			fputs(usage, stdout);
			exit(0);
		default:
			fputs(usage, stderr);
			return -EINVAL;
		}
	}
	if (!o->dir || optind != argc) {
		fprintf(stderr, "kvd: %s\n%s", o->dir ? "unexpected arguments" : "-d DIR is required",
			usage);
		return -EINVAL;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct server s;
	int ret;

	if (parse_options(argc, argv, &o))
		return 1;
	ret = server_start(&s, &o);
	if (!ret)
		ret = run(&s);
	server_stop(&s);
	if (ret) {
		fprintf(stderr, "kvd: %s\n", s.err);
		return 1;
	}
	return 0;
}
