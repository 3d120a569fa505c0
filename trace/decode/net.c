/* Sockets: socket(2)'s domain, type and protocol, and the level and
 * option names of [gs]etsockopt(2). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sys/socket.h>

#include "decode/internal.h"

/* The type by name, then SOCK_CLOEXEC and SOCK_NONBLOCK. */
void decode_socket_type(struct dcall *d, struct darg *a)
{
	/* the kernel's SOCK_TYPE_MASK: the bits below the first flag */
	const unsigned int type_mask = 0xf;
	unsigned int type = (uint32_t)a->value;
	const char *name = xlat_name(&xlat_socket_types, type & type_mask);
	struct xbuf b;

	dt_begin(d, &b);
	if (name) {
		xb_str(&b, name);
		type &= ~type_mask;
		if (!type) {
			dt_arg(d, a, &b);
			return;
		}
		xb_char(&b, '|');
	}
	xlat_flags(&b, &xlat_socket_type_flags, type, "SOCK_???");
	dt_arg(d, a, &b);
}

/* The protocol's meaning depends on the domain. */
static const struct {
	int domain;
	const struct xlat *x;
	const char *dflt;
} protocols[] = {
	{ AF_INET, &xlat_inet_protocols, "IPPROTO_???" },
	{ AF_INET6, &xlat_inet_protocols, "IPPROTO_???" },
	{ AF_NETLINK, &xlat_netlink_protocols, "NETLINK_???" },
	{ AF_CAN, &xlat_can_protocols, "CAN_???" },
	{ AF_RXRPC, &xlat_address_families, "AF_???" },
};

void fix_socket(struct dcall *d, const struct call *c)
{
	struct darg *proto = darg_at(d, 2);
	struct xbuf b;

	if (!proto)
		return;
	if (c->args[0] == AF_PACKET) {
		dt_begin(d, &b);
		xb_str(&b, "htons(");
		xlat_enum(&b, &xlat_ethernet_protocols, ntohs((uint16_t)c->args[2]), "ETH_P_???",
			  XN_HEX);
		xb_char(&b, ')');
		dt_arg(d, proto, &b);
		return;
	}
	for (size_t i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++) {
		if (c->args[0] == (uint64_t)protocols[i].domain) {
			decode_fmt(d, proto, F_ENUM, protocols[i].x, protocols[i].dflt);
			return;
		}
	}
	decode_fmt(d, proto, F_UINT, NULL, NULL);
}

/* The option names of each level; a level's get- or set-only names are
 * looked up after the common ones. */
static const struct {
	int level;
	const struct xlat *x, *get, *set;
	const char *dflt;
} sockopt_names[] = {
	{ SOL_SOCKET, &xlat_socket_options, &xlat_getsockopt_options,
	  &xlat_setsockopt_options, "SO_???" },
	{ SOL_IP, &xlat_ip_options, NULL, NULL, "IP_???" },
	{ SOL_IPV6, &xlat_ipv6_options, NULL, NULL, "IPV6_???" },
	{ SOL_TCP, &xlat_tcp_options, NULL, NULL, "TCP_???" },
	{ SOL_UDP, &xlat_udp_options, NULL, NULL, "UDP_???" },
	{ SOL_NETLINK, &xlat_netlink_options, NULL, NULL, "NETLINK_???" },
	{ SOL_PACKET, &xlat_packet_options, NULL, NULL, "PACKET_???" },
	{ SOL_RAW, &xlat_raw_options, NULL, NULL, "RAW_???" },
};

void fix_sockopt(struct dcall *d, const struct call *c)
{
	unsigned int level = (unsigned int)c->args[1], name = (unsigned int)c->args[2];
	struct darg *opt = darg_at(d, 2);
	const struct xlat *extra;
	struct xbuf b;

	if (!opt)
		return;
	for (size_t i = 0; i < sizeof(sockopt_names) / sizeof(sockopt_names[0]); i++) {
		if (level != (unsigned int)sockopt_names[i].level)
			continue;
		extra = d->name[0] == 'g' ? sockopt_names[i].get : sockopt_names[i].set;
		opt->value = name;
		if (!extra || xlat_name(sockopt_names[i].x, name)) {
			decode_fmt(d, opt, F_ENUM, sockopt_names[i].x, sockopt_names[i].dflt);
		} else {
			dt_begin(d, &b);
			xlat_enum(&b, extra, name, sockopt_names[i].dflt, XN_HEX);
			dt_arg(d, opt, &b);
		}
		return;
	}
	decode_fmt(d, opt, F_U32, NULL, NULL);
}
