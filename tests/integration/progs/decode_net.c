/* Integer arguments of the socket syscalls, between the markers
 * close(-7500) and close(-7501): domains, types with their flags,
 * protocols by domain, send and recv flags, shutdown, socket option
 * levels and names. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD ((long)0x10)

int main(void)
{
	long s;

	/* sendto on an unconnected socket; the socket does not block, so
	 * that accept4 returns */
	signal(SIGPIPE, SIG_IGN);
	syscall(SYS_close, -7500);
	s = syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_IP);
	syscall(SYS_socket, AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP);
	syscall(SYS_socket, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	syscall(SYS_socket, AF_INET6, SOCK_STREAM, IPPROTO_MPTCP);
	syscall(SYS_socket, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	syscall(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	syscall(SYS_socket, AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT);
	syscall(SYS_socket, AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	syscall(SYS_socket, AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
	syscall(SYS_socket, AF_INET, 15, 0);
	syscall(SYS_socket, AF_INET, SOCK_STREAM | 0x100000, 0);
	syscall(SYS_socket, 200, SOCK_STREAM, 0);
	syscall(SYS_socket, AF_INET, SOCK_STREAM, 200);
	syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, BAD);

	syscall(SYS_setsockopt, s, SOL_SOCKET, SO_REUSEADDR, BAD, 4);
	syscall(SYS_setsockopt, s, SOL_SOCKET, SO_KEEPALIVE, BAD, 4);
	syscall(SYS_setsockopt, s, SOL_SOCKET, SO_ATTACH_FILTER, BAD, 16);
	syscall(SYS_getsockopt, s, SOL_SOCKET, SO_ERROR, BAD, BAD);
	syscall(SYS_getsockopt, s, SOL_SOCKET, SO_GET_FILTER, BAD, BAD);
	syscall(SYS_setsockopt, s, SOL_TCP, TCP_NODELAY, BAD, 4);
	syscall(SYS_setsockopt, s, SOL_TCP, TCP_CONGESTION, BAD, 4);
	syscall(SYS_setsockopt, s, SOL_IP, IP_TOS, BAD, 4);
	syscall(SYS_setsockopt, s, SOL_IPV6, IPV6_V6ONLY, BAD, 4);
	syscall(SYS_setsockopt, s, SOL_UDP, UDP_SEGMENT, BAD, 4);
	syscall(SYS_setsockopt, s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, BAD, 4);
	syscall(SYS_setsockopt, s, SOL_SOCKET, 999, BAD, 4);
	syscall(SYS_setsockopt, s, 9999, 1, BAD, 4);

	syscall(SYS_sendto, s, BAD, 10, MSG_DONTWAIT | MSG_NOSIGNAL, 0, 0);
	syscall(SYS_sendto, s, BAD, 10, 0, 0, 0);
	syscall(SYS_sendto, s, BAD, 10, MSG_MORE | 0x800000, 0, 0);
	syscall(SYS_recvfrom, s, BAD, 10, MSG_PEEK | MSG_TRUNC | MSG_WAITALL, 0, 0);
	syscall(SYS_sendmsg, s, BAD, MSG_EOR | MSG_ZEROCOPY);
	syscall(SYS_recvmsg, s, BAD, MSG_CMSG_CLOEXEC | MSG_ERRQUEUE);
	syscall(SYS_sendmmsg, s, BAD, 2, MSG_BATCH);
	syscall(SYS_recvmmsg, s, BAD, 2, MSG_WAITFORONE, 0);
	syscall(SYS_shutdown, s, SHUT_RDWR);
	syscall(SYS_shutdown, s, 7);
	syscall(SYS_listen, s, 128);
	syscall(SYS_accept4, s, 0, 0, SOCK_CLOEXEC | SOCK_NONBLOCK);
	syscall(SYS_accept4, 9999, 0, 0, 0);
	syscall(SYS_close, s);
	syscall(SYS_close, -7501);
	return 0;
}
