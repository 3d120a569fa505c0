/* fdname: what -yy (--decode-fds=socket,dev,pidfd) shows of a descriptor
 * beyond its path, found as strace finds it: a socket's protocol from the
 * socket's "system.sockprotoname" attribute and its endpoints from
 * sock_diag (inet_diag for TCP, UDP and their kin, unix_diag for UNIX,
 * netlink_diag for NETLINK), a device's numbers from stat(2), a pidfd's
 * process from /proc/PID/fdinfo. lotrace prints a call when it has
 * returned, so a socket is looked up after the call rather than before
 * it, and a socket already closed by then is found in the cache of what
 * earlier lines said about its inode (strace keeps the same cache). */
#include "fd/fdname.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "cli/opts.h"
#include "decode/quote.h"
#include "decode/xlat.h"
#include "xlat_gen.h"

#ifndef IPPROTO_L2TP
#define IPPROTO_L2TP 115	/* <linux/l2tp.h>'s, which clashes with <netinet/in.h> */
#endif

#define FDNAME_CACHE 1024	/* strace's size, by inode */
#define DETAILS_MAX 256

#define PIDFD_CACHE 256

struct fdname {
	unsigned bits;		/* DECODE_FD_* */
	/* pidfds by process and descriptor: close(3<pid:1234>) prints
	 * once the descriptor is gone */
	struct {
		uint64_t key;
		long pid;
	} pidfd[PIDFD_CACHE];
	struct fdname_entry {
		uint64_t ino;
		char proto[32];		/* "TCP": while its descriptor was open */
		char text[DETAILS_MAX];	/* what sock_diag said, "" before */
	} cache[FDNAME_CACHE];
};

struct fdname *fdname_new(unsigned decode_fds)
{
	struct fdname *n = calloc(1, sizeof(*n));

	if (n)
		n->bits = decode_fds;
	return n;
}

void fdname_free(struct fdname *n)
{
	free(n);
}

/* The kernel's protocol names and how sock_diag is asked about each. */
static const struct proto {
	const char *name;
	int family, protocol;
} protos[] = {
	{ "UNIX", AF_UNIX, 0 }, { "UNIX-STREAM", AF_UNIX, 0 },
	{ "TCP", AF_INET, IPPROTO_TCP }, { "UDP", AF_INET, IPPROTO_UDP },
	{ "UDPLITE", AF_INET, IPPROTO_UDPLITE }, { "DCCP", AF_INET, IPPROTO_DCCP },
	{ "SCTP", AF_INET, IPPROTO_SCTP }, { "L2TP/IP", AF_INET, IPPROTO_L2TP },
	{ "PING", AF_INET, IPPROTO_ICMP }, { "RAW", AF_INET, IPPROTO_RAW },
	{ "TCPv6", AF_INET6, IPPROTO_TCP }, { "UDPv6", AF_INET6, IPPROTO_UDP },
	{ "UDPLITEv6", AF_INET6, IPPROTO_UDPLITE }, { "DCCPv6", AF_INET6, IPPROTO_DCCP },
	{ "SCTPv6", AF_INET6, IPPROTO_SCTP }, { "L2TP/IPv6", AF_INET6, IPPROTO_L2TP },
	{ "PINGv6", AF_INET6, IPPROTO_ICMP }, { "RAWv6", AF_INET6, IPPROTO_RAW },
	{ "NETLINK", AF_NETLINK, 0 },
};

static int query(int sk, void *req, size_t len)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };

	return sendto(sk, req, len, 0, (struct sockaddr *)&nl, sizeof(nl)) < 0 ? -errno : 0;
}

typedef int (*parse_fn)(const struct nlmsghdr *h, uint64_t ino, const char *name, char *out);

/* Read answers until parse finds ino (1), says stop (-1) or they end. */
static int answers(int sk, uint64_t ino, const char *name, parse_fn parse, char *out)
{
	long buf[8192 / sizeof(long)];	/* aligned for struct nlmsghdr */
	int flags = 0;

	for (;;) {
		ssize_t n = recv(sk, buf, sizeof(buf), flags);
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;

		if (n < 0)
			return errno == EINTR ? 0 : -1;
		for (; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			int rc;

			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
				return -1;
			rc = parse(h, ino, name, out);
			if (rc)
				return rc;
		}
		flags = MSG_DONTWAIT;
	}
}

static int parse_inet(const struct nlmsghdr *h, uint64_t ino, const char *name, char *out)
{
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	static const uint8_t zero[16];
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	bool v6 = m->idiag_family == AF_INET6;
	const char *ob = v6 ? "[" : "", *cb = v6 ? "]" : "";

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return -1;
	if (m->idiag_inode != ino)
		return 0;
	if (!inet_ntop(m->idiag_family, m->id.idiag_src, src, sizeof(src)))
		return -1;
	if (!m->id.idiag_dport && !memcmp(m->id.idiag_dst, zero, v6 ? 16 : 4)) {
		snprintf(out, DETAILS_MAX, "%s:[%s%s%s:%u]", name, ob, src, cb,
			 ntohs(m->id.idiag_sport));
		return 1;
	}
	if (!inet_ntop(m->idiag_family, m->id.idiag_dst, dst, sizeof(dst)))
		return -1;
	snprintf(out, DETAILS_MAX, "%s:[%s%s%s:%u->%s%s%s:%u]", name, ob, src, cb,
		 ntohs(m->id.idiag_sport), ob, dst, cb, ntohs(m->id.idiag_dport));
	return 1;
}

static int parse_unix(const struct nlmsghdr *h, uint64_t ino, const char *name, char *out)
{
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	int left = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*m));
	char path[4 * 108 + 8] = "";
	uint32_t peer = 0;
	size_t n;

	if (left < 0)
		return -1;
	if (m->udiag_ino != ino)
		return 0;
	for (const struct rtattr *a = (const struct rtattr *)(m + 1); RTA_OK(a, left);
	     a = RTA_NEXT(a, left)) {
		size_t len = RTA_PAYLOAD(a);
		const uint8_t *p = RTA_DATA(a);

		if (a->rta_type == UNIX_DIAG_PEER && len >= 4)
			memcpy(&peer, p, 4);
		if (a->rta_type != UNIX_DIAG_NAME || !len || path[0])
			continue;
		/* an abstract name starts with a NUL: strace writes '@' */
		n = (size_t)snprintf(path, sizeof(path), ",%s", p[0] ? "" : "@");
		len = strnlen((const char *)p + !p[0], len - !p[0]);
		quote(path + n, sizeof(path) - n, p + (p[0] == 0), len, false, QUOTE_STRING,
		      HEX_NONE);
	}
	if (!peer && !path[0])
		return -1;
	n = (size_t)snprintf(out, DETAILS_MAX, "%s:[%" PRIu64, name, ino);
	if (peer)
		n += (size_t)snprintf(out + n, DETAILS_MAX - n, "->%u", peer);
	snprintf(out + n, DETAILS_MAX - n, "%s]", path);
	return 1;
}

static int parse_netlink(const struct nlmsghdr *h, uint64_t ino, const char *name, char *out)
{
	const struct netlink_diag_msg *m = NLMSG_DATA(h);
	const char *proto;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return -1;
	if (m->ndiag_ino != ino)
		return 0;
	proto = xlat_name(&xlat_netlink_protocols, m->ndiag_protocol);
	if (proto && !strncmp(proto, "NETLINK_", 8))
		snprintf(out, DETAILS_MAX, "%s:[%s:%u]", name, proto + 8, m->ndiag_portid);
	else
		snprintf(out, DETAILS_MAX, "%s:[%u]", name, m->ndiag_protocol);
	return 1;
}

/* Ask sock_diag about socket ino of protocol p; 1 with out filled. */
static int lookup(const struct proto *p, uint64_t ino, char *out)
{
	union {
		struct {
			struct nlmsghdr h;
			struct inet_diag_req_v2 r;
		} inet;
		struct {
			struct nlmsghdr h;
			struct unix_diag_req r;
		} unx;
		struct {
			struct nlmsghdr h;
			struct netlink_diag_req r;
		} nl;
	} req;
	int sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG), rc = -1;
	parse_fn parse;
	size_t len;

	if (sk < 0)
		return -1;
	memset(&req, 0, sizeof(req));
	if (p->family == AF_UNIX) {
		/* unix_diag finds one socket by its inode */
		req.unx.h.nlmsg_len = len = sizeof(req.unx);
		req.unx.h.nlmsg_flags = NLM_F_REQUEST;
		req.unx.r = (struct unix_diag_req){ .sdiag_family = AF_UNIX, .udiag_ino = (uint32_t)ino,
			.udiag_states = ~0u, .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
			.udiag_cookie = { ~0u, ~0u } };
		parse = parse_unix;
	} else if (p->family == AF_NETLINK) {
		req.nl.h.nlmsg_len = len = sizeof(req.nl);
		req.nl.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		req.nl.r = (struct netlink_diag_req){ .sdiag_family = AF_NETLINK,
			.sdiag_protocol = NDIAG_PROTO_ALL };
		parse = parse_netlink;
	} else {
		/* inet_diag lists them all; the inode picks ours */
		req.inet.h.nlmsg_len = len = sizeof(req.inet);
		req.inet.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		req.inet.r = (struct inet_diag_req_v2){ .sdiag_family = (uint8_t)p->family,
			.sdiag_protocol = (uint8_t)p->protocol, .idiag_states = ~0u };
		parse = parse_inet;
	}
	req.inet.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	if (!query(sk, &req, len))
		rc = answers(sk, ino, p->name, parse, out);
	close(sk);
	return rc;
}

static uint64_t socket_inode(const char *path)
{
	unsigned long long ino;
	char *end;

	if (strncmp(path, "socket:[", 8))
		return 0;
	ino = strtoull(path + 8, &end, 10);
	return end[0] == ']' && !end[1] ? ino : 0;
}

/* The protocol name of socket ino at descriptor fd of pid, when that
 * descriptor still is that socket. */
static bool protocol_of(uint32_t pid, int fd, uint64_t ino, char *name, size_t len)
{
	char what[64];
	struct stat st;
	ssize_t got;

	snprintf(what, sizeof(what), "/proc/%u/fd/%d", pid, fd);
	if (stat(what, &st) || st.st_ino != ino)
		return false;
	got = getxattr(what, "system.sockprotoname", name, len - 1);
	if (got <= 0)
		return false;
	name[got] = '\0';
	return true;
}

/* "TCP:[127.0.0.1:5432->127.0.0.1:40412]", "UDPv6:[1234]", or NULL when
 * not even the protocol is known: the descriptor is gone and no socket
 * of the usual protocols has that inode any more. */
static const char *socket_text(struct fdname *n, uint32_t pid, int fd, uint64_t ino, char *buf,
			       size_t len)
{
	struct fdname_entry *e = &n->cache[ino % FDNAME_CACHE];
	char name[32];
	bool known;

	if (e->ino == ino && e->text[0])
		return e->text;
	known = protocol_of(pid, fd, ino, name, sizeof(name));
	if (!known && e->ino == ino && e->proto[0]) {
		snprintf(name, sizeof(name), "%s", e->proto);
		known = true;
	}
	if (e->ino != ino || !e->proto[0]) {
		e->ino = ino;
		e->text[0] = '\0';
		snprintf(e->proto, sizeof(e->proto), "%s", known ? name : "");
	}
	/* as strace: an unknown protocol is looked for among them all */
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (known ? strcmp(protos[i].name, name) : i && protos[i].family == protos[i - 1].family &&
		    protos[i].protocol == protos[i - 1].protocol)
			continue;
		if (lookup(&protos[i], ino, e->text) == 1) {
			if (!known)	/* the family's first name: UNIX, not UNIX-STREAM */
				snprintf(e->proto, sizeof(e->proto), "%s", protos[i].name);
			return e->text;
		}
		e->text[0] = '\0';
		if (known)
			break;
	}
	if (!known)
		return NULL;
	/* not found (not bound yet, say): the protocol and the inode, not
	 * kept, so that a later line finds the endpoints */
	snprintf(buf, len, "%s:[%" PRIu64 "]", name, ino);
	return buf;
}

/* "/dev/null<char 1:3>", with the path in -y's quoting. */
static const char *dev_text(const char *path, char *buf, size_t len)
{
	struct stat st;
	size_t n;

	if (path[0] != '/' || stat(path, &st) || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		return NULL;
	n = quote(buf, len - 32, (const uint8_t *)path, strlen(path), false, QUOTE_FD_PATH,
		  HEX_NONE);
	snprintf(buf + n, len - n, "<%s %u:%u>", S_ISBLK(st.st_mode) ? "block" : "char",
		 major(st.st_rdev), minor(st.st_rdev));
	return buf;
}

/* "pid:1234", from the "Pid:" line the kernel shows for a pidfd, or
 * from what an earlier line found while it was open. */
static const char *pidfd_text(struct fdname *n, uint32_t pid, int fd, char *buf, size_t len)
{
	uint64_t key = (uint64_t)pid << 32 | (uint32_t)fd;
	char what[64], line[128];
	long target = -1;
	FILE *fp;

	snprintf(what, sizeof(what), "/proc/%u/fdinfo/%d", pid, fd);
	fp = fopen(what, "re");
	if (fp) {
		while (fgets(line, sizeof(line), fp))
			if (!strncmp(line, "Pid:", 4))
				target = strtol(line + 4, NULL, 10);
		fclose(fp);
	}
	if (target > 0) {
		n->pidfd[key % PIDFD_CACHE].key = key;
		n->pidfd[key % PIDFD_CACHE].pid = target;
	} else if (n->pidfd[key % PIDFD_CACHE].key == key) {
		target = n->pidfd[key % PIDFD_CACHE].pid;
	}
	if (target <= 0)
		return NULL;
	snprintf(buf, len, "pid:%ld", target);
	return buf;
}

void fdname_pidfd(struct fdname *n, uint32_t pid, int fd, long target)
{
	uint64_t key = (uint64_t)pid << 32 | (uint32_t)fd;

	if (!n || target <= 0)
		return;
	n->pidfd[key % PIDFD_CACHE].key = key;
	n->pidfd[key % PIDFD_CACHE].pid = target;
}

const char *fdname_text(struct fdname *n, uint32_t pid, int fd, const char *path, char *buf,
			size_t len, bool *raw)
{
	const char *text = NULL;
	uint64_t ino;

	*raw = true;
	if (n->bits & DECODE_FD_SOCKET && (ino = socket_inode(path)))
		text = socket_text(n, pid, fd, ino, buf, len);
	if (!text && n->bits & DECODE_FD_DEV)
		text = dev_text(path, buf, len);
	if (!text && n->bits & DECODE_FD_PIDFD && !strcmp(path, "anon_inode:[pidfd]"))
		text = pidfd_text(n, pid, fd, buf, len);
	if (text)
		return text;
	*raw = false;
	return n->bits & DECODE_FD_PATH ? path : NULL;
}
