/* Socket option values, control messages and netlink messages as strace
 * prints them, between the markers close(-7700) and close(-7701): get and
 * setsockopt's ints, struct linger, ucred and SO_ERROR; a descriptor and
 * credentials passed over a socketpair (SCM_RIGHTS, SCM_CREDENTIALS); an
 * RTM_GETLINK request to the kernel, its answer and an error answer
 * (NLMSG_ERROR), on a netlink socket bound to a fixed port id so that
 * both runs see the same numbers. */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
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
	syscall(SYS_close, -7701);
	return 0;
}
