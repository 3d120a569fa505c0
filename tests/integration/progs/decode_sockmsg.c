/* Socket option values, control messages and netlink messages as strace
 * prints them, between the markers close(-7700) and close(-7701): get and
 * setsockopt's ints, struct linger, ucred and SO_ERROR; a descriptor and
 * credentials passed over a socketpair (SCM_RIGHTS, SCM_CREDENTIALS); an
 * RTM_GETLINK request to the kernel, its answer and an error answer
 * (NLMSG_ERROR), on a netlink socket bound to a fixed port id so that
 * both runs see the same numbers; sock_diag requests (inet, unix, netlink,
 * packet, a family strace has no struct for) and the kernel's answers
 * about a listening TCP and a unix socket of this program, with their
 * attributes. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

/* a fixed netlink port id: the kernel echoes it in its answers */
#define PORT 0x4c07

static void send_fd(int s, int fd)
{
	char data[] = "x";
	struct iovec iov = { data, 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
			      .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	syscall(SYS_sendmsg, s, &msg, 0);
}

static void recv_one(int s)
{
	char data[8], buf[256];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = buf,
			      .msg_controllen = sizeof(buf) };

	syscall(SYS_recvmsg, s, &msg, 0);
}

static void netlink(void)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = PORT };
	struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
	} req = {
		.h = { .nlmsg_len = sizeof(req), .nlmsg_type = RTM_GETLINK,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = 1 },
		.i = { .ifi_family = AF_UNSPEC, .ifi_index = 1 },
	};
	char buf[4096];
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (s < 0 || bind(s, (struct sockaddr *)&nl, sizeof(nl)))
		return;
	syscall(SYS_sendto, s, &req, sizeof(req), 0, NULL, 0);
	syscall(SYS_recvfrom, s, buf, sizeof(buf), 0, NULL, NULL);
	/* an interface that is not there: an error answer */
	req.i.ifi_index = 0x7fff0000;
	req.h.nlmsg_seq = 2;
	syscall(SYS_sendto, s, &req, sizeof(req), 0, NULL, 0);
	syscall(SYS_recvfrom, s, buf, sizeof(buf), 0, NULL, NULL);
	close(s);
}

/* one request and the answer to it */
static void diag_ask(int s, void *req, size_t len)
{
	char buf[4096];

	syscall(SYS_sendto, s, req, len, 0, NULL, 0);
	syscall(SYS_recvfrom, s, buf, sizeof(buf), 0, NULL, NULL);
}

static void sock_diag(void)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = PORT + 1 };
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(47123),
				   .sin_addr = { htonl(INADDR_LOOPBACK) } };
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "\0lotrace-diag" };
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} in = {
		{ sizeof(in), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 1, 0 },
		{ .sdiag_family = AF_INET, .sdiag_protocol = IPPROTO_TCP, .idiag_states = 1 << 10,
		  .idiag_ext = 1 << (INET_DIAG_MEMINFO - 1),
		  .id = { .idiag_sport = htons(47123), .idiag_src = { htonl(INADDR_LOOPBACK) },
			  .idiag_cookie = { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE } } },
	};
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} un = {
		{ sizeof(un), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 2, 0 },
		{ .sdiag_family = AF_UNIX, .udiag_states = 1 << 10,
		  .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_RQLEN },
	};
	struct {
		struct nlmsghdr h;
		struct netlink_diag_req r;
	} nd = {
		{ sizeof(nd), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 3, 0 },
		{ .sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL,
		  .ndiag_show = NDIAG_SHOW_MEMINFO },
	};
	struct {
		struct nlmsghdr h;
		struct packet_diag_req r;
	} pd = {
		{ sizeof(pd), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 4, 0 },
		{ .sdiag_family = AF_PACKET, .pdiag_show = PACKET_SHOW_INFO },
	};
	struct {
		struct nlmsghdr h;
		uint8_t family, data[3];
	} other = { { sizeof(other), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 5, 0 }, AF_DECnet, { 1 } };
	int s = socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_UNIX, SOCK_STREAM, 0);

	if (s < 0 || t < 0 || u < 0 || bind(s, (struct sockaddr *)&nl, sizeof(nl)) ||
	    bind(t, (struct sockaddr *)&sin, sizeof(sin)) || listen(t, 1) ||
	    bind(u, (struct sockaddr *)&sun, sizeof(sa_family_t) + 13) || listen(u, 1))
		return;
	diag_ask(s, &in, sizeof(in));
	diag_ask(s, &un, sizeof(un));
	diag_ask(s, &nd, sizeof(nd));
	diag_ask(s, &pd, sizeof(pd));
	syscall(SYS_sendto, s, &other, sizeof(other), 0, NULL, 0);
	close(u);
	close(t);
	close(s);
}

int main(void)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 5 };
	int one = 1, v = 0, sv[2], tcp;
	socklen_t len = sizeof(v);

	tcp = socket(AF_INET, SOCK_STREAM, 0);
	if (tcp < 0 || socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return 77;
	syscall(SYS_close, -7700);
	syscall(SYS_setsockopt, tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	syscall(SYS_getsockopt, tcp, SOL_SOCKET, SO_REUSEADDR, &v, &len);
	syscall(SYS_setsockopt, tcp, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	len = sizeof(lg);
	syscall(SYS_getsockopt, tcp, SOL_SOCKET, SO_LINGER, &lg, &len);
	len = sizeof(v);
	syscall(SYS_getsockopt, tcp, SOL_SOCKET, SO_ERROR, &v, &len);
	len = sizeof(v) + 4;
	syscall(SYS_getsockopt, tcp, SOL_SOCKET, SO_TYPE, &v, &len);
	syscall(SYS_setsockopt, tcp, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	syscall(SYS_setsockopt, tcp, SOL_SOCKET, SO_LINGER, &lg, 3);
	syscall(SYS_setsockopt, tcp, SOL_SOCKET, SO_PASSCRED, NULL, 4);
	/* a descriptor, then credentials */
	send_fd(sv[0], 1);
	recv_one(sv[1]);
	syscall(SYS_setsockopt, sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	syscall(SYS_sendto, sv[0], "y", 1, 0, NULL, 0);
	recv_one(sv[1]);
	netlink();
	sock_diag();
	syscall(SYS_close, -7701);
	return 0;
}
