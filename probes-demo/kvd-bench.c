// SPDX-License-Identifier: MIT
/*
 * kvd-bench: kvd's load generator.
 *
 *	kvd-bench (-p PORT | -u PATH) [-n REQUESTS] [-c CONNS] [-k PER_CONN]
 *		  [-K KEYS] [-s SEED]
 *	kvd-bench (-p PORT | -u PATH) -S
 *
 * Sends REQUESTS requests over CONNS connections in parallel (one thread
 * each), reconnecting after every PER_CONN requests, and waits for each
 * reply before the next request. The mix is 60% GET, 30% SET and 10% DEL
 * over KEYS keys, drawn from SEED: the same options send the same
 * requests, so the counts it prints are what a tracer must see. Each
 * connection ends with shutdown(SHUT_WR) and waits for kvd to close its
 * side, so that kvd has closed it when kvd-bench exits. -S prints kvd's
 * STATS line.
 */
#define _GNU_SOURCE

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define BENCH_MAX_REQUESTS 10000000ULL
#define BENCH_MAX_CONNS 256ULL
#define BENCH_MAX_KEYS 1000000ULL

static const char usage[] =
	"usage: kvd-bench (-p PORT | -u PATH) [-n REQUESTS] [-c CONNS] [-k PER_CONN]\n"
	"                 [-K KEYS] [-s SEED]\n"
	"       kvd-bench (-p PORT | -u PATH) -S\n"
	"\n"
	"Send a deterministic mix of GET (60%), SET (30%) and DEL (10%) to kvd.\n"
	"\n"
	"  -p PORT      kvd's TCP port on 127.0.0.1\n"
	"  -u PATH      kvd's unix socket\n"
	"  -n REQUESTS  requests in all (1000)\n"
	"  -c CONNS     connections in parallel, one thread each (4)\n"
	"  -k PER_CONN  reconnect after this many requests; 0: never (0)\n"
	"  -K KEYS      size of the key space, keys k0000 ... (100)\n"
	"  -s SEED      seed of the mix (1)\n"
	"  -S           print kvd's STATS reply and exit\n";

enum op { OP_GET, OP_SET, OP_DEL, NOPS };
static const char *const op_names[NOPS] = { "GET", "SET", "DEL" };

/* The replies kvd gives, by their first word. */
enum reply { REPLY_VALUE, REPLY_NOTFOUND, REPLY_OK, REPLY_DELETED, REPLY_ERR, NREPLIES };
static const char *const reply_names[NREPLIES] = {
	"VALUE", "NOTFOUND", "OK", "DELETED", "ERR",
};

struct bench {
	unsigned port;			/* or */
	const char *path;
	unsigned long long requests, conns, per_conn, keys, seed;
	bool stats;
};

struct reader {
	int fd;
	size_t off, len;
	char buf[4096];
};

struct worker {
	const struct bench *b;
	pthread_t thread;
	unsigned index;
	unsigned long long requests;	/* this worker's share */
	unsigned long long sent[NOPS], answered[NOPS], replies[NREPLIES];
	unsigned long long connections;
	uint64_t *latency_ns;		/* one per answered request */
	size_t nlatency;
	unsigned char *keys_used;	/* one byte per key */
	char err[256];
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* splitmix64: small, fast, and the same sequence everywhere. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int werr(struct worker *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->err, sizeof(w->err), fmt, ap);
	va_end(ap);
	return -1;
}

static int dial(const struct bench *b, char *err, size_t errlen)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)b->port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int one = 1, fd;

	fd = socket(b->path ? AF_UNIX : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create a socket: %s", strerror(errno));
		return -1;
	}
	if (b->path)
		snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", b->path);
	if (b->path ? connect(fd, (struct sockaddr *)&sun, sizeof(sun))
		    : connect(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		if (b->path)
			snprintf(err, errlen, "cannot connect to %s: %s", b->path, strerror(errno));
		else
			snprintf(err, errlen, "cannot connect to 127.0.0.1:%u: %s", b->port,
				 strerror(errno));
		close(fd);
		return -1;
	}
	if (!b->path)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static int send_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The next line without its "\n": 1, 0 at the end of the stream, or
 * -errno (-EMSGSIZE for a line longer than the buffer). */
static int read_line(struct reader *r, char *line, size_t size)
{
	for (;;) {
		char *nl = memchr(r->buf + r->off, '\n', r->len - r->off);
		ssize_t n;

		if (nl) {
			size_t len = (size_t)(nl - (r->buf + r->off));

			if (len >= size)
				return -EMSGSIZE;
			memcpy(line, r->buf + r->off, len);
			line[len] = '\0';
			r->off += len + 1;
			return 1;
		}
		memmove(r->buf, r->buf + r->off, r->len - r->off);
		r->len -= r->off;
		r->off = 0;
		if (r->len == sizeof(r->buf))
			return -EMSGSIZE;
		n = read(r->fd, r->buf + r->len, sizeof(r->buf) - r->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return r->len ? -EPROTO : 0;
		r->len += (size_t)n;
	}
}

static int classify(const char *line)
{
	for (int i = 0; i < NREPLIES; i++) {
		size_t n = strlen(reply_names[i]);

		if (!strncmp(line, reply_names[i], n) && (line[n] == ' ' || !line[n]))
			return i;
	}
	return -1;
}

/* Send one request and read its reply. */
static int request(struct worker *w, struct reader *r, uint64_t *rng)
{
	uint64_t x = next_random(rng), t0;
	enum op op = x % 100 < 60 ? OP_GET : x % 100 < 90 ? OP_SET : OP_DEL;
	unsigned long long key = (x >> 32) % w->b->keys;
	char line[128], got[2048];
	int n, ret, kind;

	if (op == OP_SET)
		n = snprintf(line, sizeof(line), "SET k%04llu v%016llx\n", key,
			     (unsigned long long)x);
	else
		n = snprintf(line, sizeof(line), "%s k%04llu\n", op_names[op], key);
	t0 = now_ns();
	ret = send_all(r->fd, line, (size_t)n);
	if (ret)
		return werr(w, "sending a request: %s", strerror(-ret));
	w->sent[op]++;
	w->keys_used[key] = 1;
	ret = read_line(r, got, sizeof(got));
	if (ret <= 0)
		return werr(w, "reading a reply: %s", ret ? strerror(-ret) : "kvd closed the connection");
	w->latency_ns[w->nlatency++] = now_ns() - t0;
	kind = classify(got);
	if (kind < 0)
		return werr(w, "unexpected reply '%s'", got);
	w->answered[op]++;
	w->replies[kind]++;
	return 0;
}

/* Half-close and wait for kvd to close its side: it has closed the
 * connection by the time this returns. */
static int hang_up(struct worker *w, struct reader *r)
{
	char line[2048];
	int ret;

	if (shutdown(r->fd, SHUT_WR))
		return werr(w, "shutdown: %s", strerror(errno));
	ret = read_line(r, line, sizeof(line));
	if (ret < 0)
		return werr(w, "waiting for kvd to close: %s", strerror(-ret));
	if (ret > 0)
		return werr(w, "unexpected data after the last reply: '%s'", line);
	return 0;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	const struct bench *b = w->b;
	uint64_t rng = b->seed * 0x100000001b3ULL + w->index;
	unsigned long long done = 0;

	while (done < w->requests) {
		unsigned long long batch = w->requests - done;
		struct reader r = { .fd = dial(b, w->err, sizeof(w->err)) };
		int ret = 0;

		if (r.fd < 0)
			return NULL;
		w->connections++;
		if (b->per_conn && batch > b->per_conn)
			batch = b->per_conn;
		for (unsigned long long i = 0; i < batch && !ret; i++)
			ret = request(w, &r, &rng);
		if (!ret)
			ret = hang_up(w, &r);
		close(r.fd);
		if (ret)
			return NULL;
		done += batch;
	}
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void print_counts(const char *what, const unsigned long long *n)
{
	printf("%s GET=%llu SET=%llu DEL=%llu total=%llu\n", what, n[OP_GET], n[OP_SET],
	       n[OP_DEL], n[OP_GET] + n[OP_SET] + n[OP_DEL]);
}

/* Sum the workers' counts and print them; 0 if every request was answered
 * without an error. */
static int report(const struct bench *b, struct worker *ws)
{
	unsigned long long sent[NOPS] = { 0 }, answered[NOPS] = { 0 };
	unsigned long long replies[NREPLIES] = { 0 }, conns = 0, keys = 0;
	uint64_t *lat = NULL, total = 0;
	size_t nlat = 0;
	int failed = 0;

	for (unsigned i = 0; i < b->conns; i++) {
		struct worker *w = &ws[i];

		for (int o = 0; o < NOPS; o++) {
			sent[o] += w->sent[o];
			answered[o] += w->answered[o];
		}
		for (int k = 0; k < NREPLIES; k++)
			replies[k] += w->replies[k];
		conns += w->connections;
		if (w->err[0]) {
			fprintf(stderr, "kvd-bench: connection %u: %s\n", i, w->err);
			failed = 1;
		}
	}
	for (unsigned long long k = 0; k < b->keys; k++) {
		unsigned char used = 0;

		for (unsigned i = 0; i < b->conns; i++)
			used |= ws[i].keys_used[k];
		keys += used;
	}
	print_counts("sent", sent);
	print_counts("answered", answered);
	printf("replies");
	for (int k = 0; k < NREPLIES; k++)
		printf(" %s=%llu", reply_names[k], replies[k]);
	printf("\nconnections %llu\nkeys %llu\n", conns, keys);

	lat = malloc((b->requests ? b->requests : 1) * sizeof(*lat));
	if (!lat) {
		fprintf(stderr, "kvd-bench: out of memory for the latencies\n");
		return 1;
	}
	for (unsigned i = 0; i < b->conns; i++) {
		memcpy(lat + nlat, ws[i].latency_ns, ws[i].nlatency * sizeof(*lat));
		nlat += ws[i].nlatency;
	}
	for (size_t i = 0; i < nlat; i++)
		total += lat[i];
	qsort(lat, nlat, sizeof(*lat), cmp_u64);
	if (nlat)
		printf("latency_ns total=%llu p50=%llu p99=%llu max=%llu\n",
		       (unsigned long long)total, (unsigned long long)lat[nlat / 2],
		       (unsigned long long)lat[nlat * 99 / 100],
		       (unsigned long long)lat[nlat - 1]);
	free(lat);
	return failed || replies[REPLY_ERR] != 0;
}

static int run(const struct bench *b)
{
	struct worker *ws = calloc(b->conns, sizeof(*ws));
	int ret = 1;
	unsigned started = 0;

	if (!ws)
		goto oom;
	for (unsigned i = 0; i < b->conns; i++) {
		struct worker *w = &ws[i];

		w->b = b;
		w->index = i;
		w->requests = b->requests / b->conns + (i < b->requests % b->conns);
		w->latency_ns = malloc((w->requests ? w->requests : 1) * sizeof(*w->latency_ns));
		w->keys_used = calloc(b->keys, 1);
		if (!w->latency_ns || !w->keys_used)
			goto oom;
	}
	printf("kvd-bench: %llu requests over %llu connection%s to ", b->requests, b->conns,
	       b->conns == 1 ? "" : "s");
	if (b->path)
		printf("%s", b->path);
	else
		printf("127.0.0.1:%u", b->port);
	printf(b->per_conn ? ", %llu per connection\n" : "\n", b->per_conn);
	fflush(stdout);
	for (; started < b->conns; started++) {
		int err = pthread_create(&ws[started].thread, NULL, work, &ws[started]);

		if (err) {
			fprintf(stderr, "kvd-bench: cannot start a thread: %s\n", strerror(err));
			break;
		}
	}
	for (unsigned i = 0; i < started; i++)
		pthread_join(ws[i].thread, NULL);
	if (started == b->conns)
		ret = report(b, ws);
	goto out;
oom:
	fprintf(stderr, "kvd-bench: out of memory for %llu requests\n", b->requests);
out:
	for (unsigned i = 0; ws && i < b->conns; i++) {
		free(ws[i].latency_ns);
		free(ws[i].keys_used);
	}
	free(ws);
	return ret;
}

static int stats(const struct bench *b)
{
	char err[256], line[2048];
	struct reader r = { .fd = dial(b, err, sizeof(err)) };
	int ret;

	if (r.fd < 0) {
		fprintf(stderr, "kvd-bench: %s\n", err);
		return 1;
	}
	ret = send_all(r.fd, "STATS\n", 6);
	if (!ret)
		ret = read_line(&r, line, sizeof(line));
	close(r.fd);
	if (ret <= 0) {
		fprintf(stderr, "kvd-bench: STATS: %s\n",
			ret ? strerror(-ret) : "kvd closed the connection");
		return 1;
	}
	printf("%s\n", line);
	return 0;
}

static int number(int opt, const char *arg, unsigned long long min,
		  unsigned long long max, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || *out < min || *out > max) {
		fprintf(stderr, "kvd-bench: -%c %s: a number from %llu to %llu\n", opt, arg,
			min, max);
		return -1;
	}
	return 0;
}

static int parse_options(int argc, char **argv, struct bench *b)
{
	unsigned long long port = 0;
	int c, ret = 0;

	*b = (struct bench){ .requests = 1000, .conns = 4, .keys = 100, .seed = 1 };
	while ((c = getopt(argc, argv, "p:u:n:c:k:K:s:Sh")) != -1 && !ret) {
		switch (c) {
		case 'p': ret = number(c, optarg, 1, 65535, &port); break;
		case 'u': b->path = optarg; break;
		case 'n': ret = number(c, optarg, 0, BENCH_MAX_REQUESTS, &b->requests); break;
		case 'c': ret = number(c, optarg, 1, BENCH_MAX_CONNS, &b->conns); break;
		case 'k': ret = number(c, optarg, 0, BENCH_MAX_REQUESTS, &b->per_conn); break;
		case 'K': ret = number(c, optarg, 1, BENCH_MAX_KEYS, &b->keys); break;
		case 's': ret = number(c, optarg, 0, UINT64_MAX, &b->seed); break;
		case 'S': b->stats = true; break;
		case 'h': fputs(usage, stdout); exit(0);
		default: ret = -1; break;
		}
	}
	b->port = (unsigned)port;
	if (!ret && (!port == !b->path || optind != argc)) {
		fprintf(stderr, "kvd-bench: %s\n",
			optind != argc ? "unexpected arguments" : "give one of -p PORT and -u PATH");
		ret = -1;
	}
	if (!ret && b->path && strlen(b->path) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		fprintf(stderr, "kvd-bench: -u %s: path too long for a unix socket\n", b->path);
		ret = -1;
	}
	if (ret)
		fputs(usage, stderr);
	return ret;
}

int main(int argc, char **argv)
{
	struct bench b;

	if (parse_options(argc, argv, &b))
		return 1;
	return b.stats ? stats(&b) : run(&b);
}
