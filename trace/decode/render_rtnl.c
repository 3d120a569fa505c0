/* NETLINK_ROUTE's payloads as strace's decode_netlink_route prints them:
 * the link, address and route messages' structs (ifinfomsg, ifaddrmsg,
 * rtmsg) and their attributes; the other messages' structs (neighbours,
 * rules, traffic control, statistics, next hops...) with their
 * attributes' types in hex, where strace names them; a message strace has
 * no struct for prints its family and data. */
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/dcbnl.h>
#include <linux/fib_rules.h>
#include <linux/if_addrlabel.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/pkt_cls.h>
#include <linux/netconf.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/internal.h"
#include "decode/nlattr.h"
#include "decode/render.h"

/* the attribute kinds of this file's tables, past the generic ones */
enum {
	K_HWADDR = NLA_K_OWN,	/* a hardware address, as many bytes as the family says */
	K_ADDR,			/* an address of the message's family */
	K_STATS,		/* struct rtnl_link_stats */
	K_STATS64,		/* struct rtnl_link_stats64 */
	K_EXT_MASK,		/* RTEXT_FILTER_* flags */
	K_IFA_FLAGS,		/* IFA_F_* flags */
	K_IFA_CACHEINFO,	/* struct ifa_cacheinfo */
	K_RTA_CACHEINFO,	/* struct rta_cacheinfo */
	K_RT_CLASS,		/* a routing table id */
	K_METRICS,		/* RTAX_* attributes */
	K_IFMAP,		/* struct rtnl_link_ifmap */
	K_IFLA_EVENT,		/* IFLA_EVENT_* */
	K_ENCAP_TYPE,		/* LWTUNNEL_ENCAP_* */
	K_MFC_STATS,		/* struct rta_mfc_stats */
	K_VIA,			/* struct rtvia */
	K_MULTIPATH,		/* struct rtnexthop, then RTA_* attributes, each */
	K_LINKINFO,		/* IFLA_INFO_* attributes */
	K_VF_PORTS,		/* IFLA_VF_PORT attributes */
	K_PROP_LIST,		/* IFLA_ALT_IFNAME attributes */
	K_LLADDR,		/* a hardware address, all its bytes */
};

static bool rtnl_decode(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
			unsigned int kind, const void *ctx);

static const uint8_t link_kinds[] = {
	[IFLA_ADDRESS] = K_HWADDR,
	[IFLA_BROADCAST] = K_HWADDR,
	[IFLA_IFNAME] = NLA_K_STR,
	[IFLA_MTU] = NLA_K_U32,
	[IFLA_LINK] = NLA_K_U32,
	[IFLA_QDISC] = NLA_K_STR,
	[IFLA_STATS] = K_STATS,
	[IFLA_MAP] = K_IFMAP,
	[IFLA_MASTER] = NLA_K_U32,
	[IFLA_TXQLEN] = NLA_K_U32,
	[IFLA_WEIGHT] = NLA_K_U32,
	[IFLA_OPERSTATE] = NLA_K_U8,
	[IFLA_LINKMODE] = NLA_K_U8,
	[IFLA_LINKINFO] = K_LINKINFO,
	[IFLA_NET_NS_PID] = NLA_K_U32,
	[IFLA_IFALIAS] = NLA_K_STR,
	[IFLA_NUM_VF] = NLA_K_U32,
	[IFLA_STATS64] = K_STATS64,
	[IFLA_VF_PORTS] = K_VF_PORTS,
	[IFLA_GROUP] = NLA_K_U32,
	[IFLA_NET_NS_FD] = NLA_K_S32,
	[IFLA_EXT_MASK] = K_EXT_MASK,
	[IFLA_PROMISCUITY] = NLA_K_U32,
	[IFLA_NUM_TX_QUEUES] = NLA_K_U32,
	[IFLA_NUM_RX_QUEUES] = NLA_K_U32,
	[IFLA_CARRIER] = NLA_K_U8,
	[IFLA_CARRIER_CHANGES] = NLA_K_U32,
	[IFLA_LINK_NETNSID] = NLA_K_S32,
	[IFLA_PHYS_PORT_NAME] = NLA_K_STR,
	[IFLA_PROTO_DOWN] = NLA_K_U8,
	[IFLA_GSO_MAX_SEGS] = NLA_K_U32,
	[IFLA_GSO_MAX_SIZE] = NLA_K_U32,
	[IFLA_EVENT] = K_IFLA_EVENT,
	[IFLA_NEW_NETNSID] = NLA_K_S32,
	[IFLA_IF_NETNSID] = NLA_K_S32,
	[IFLA_CARRIER_UP_COUNT] = NLA_K_U32,
	[IFLA_CARRIER_DOWN_COUNT] = NLA_K_U32,
	[IFLA_NEW_IFINDEX] = NLA_K_IFINDEX,
	[IFLA_MIN_MTU] = NLA_K_U32,
	[IFLA_MAX_MTU] = NLA_K_U32,
	[IFLA_PROP_LIST] = K_PROP_LIST,
	[IFLA_ALT_IFNAME] = NLA_K_STR,
	[IFLA_PERM_ADDRESS] = K_HWADDR,
	[IFLA_PARENT_DEV_NAME] = NLA_K_STR,
	[IFLA_PARENT_DEV_BUS_NAME] = NLA_K_STR,
	[IFLA_GRO_MAX_SIZE] = NLA_K_U32,
	[IFLA_TSO_MAX_SIZE] = NLA_K_U32,
	[IFLA_TSO_MAX_SEGS] = NLA_K_U32,
	[IFLA_ALLMULTI] = NLA_K_U32,
};

static const struct nla_table link_attrs = {
	&xlat_rtnl_link_attrs, "IFLA_???", link_kinds, sizeof(link_kinds), rtnl_decode,
};

static const uint8_t linkinfo_kinds[] = {
	[IFLA_INFO_KIND] = NLA_K_CSTR,
	[IFLA_INFO_SLAVE_KIND] = NLA_K_CSTR,
};

static const struct nla_table linkinfo_attrs = {
	&xlat_rtnl_ifla_info_attrs, "IFLA_INFO_???", linkinfo_kinds, sizeof(linkinfo_kinds), NULL,
};

static const struct nla_table vf_port_attrs = {
	&xlat_rtnl_ifla_vf_port_attrs, "IFLA_VF_PORT_???", NULL, 0, NULL,
};

static const uint8_t prop_list_kinds[] = {
	[IFLA_ALT_IFNAME] = NLA_K_STR,
};

static const struct nla_table prop_list_attrs = {
	&xlat_rtnl_link_attrs, "IFLA_???", prop_list_kinds, sizeof(prop_list_kinds), NULL,
};

static const uint8_t addr_kinds[] = {
	[IFA_ADDRESS] = K_ADDR,
	[IFA_LOCAL] = K_ADDR,
	[IFA_LABEL] = NLA_K_STR,
	[IFA_BROADCAST] = K_ADDR,
	[IFA_ANYCAST] = K_ADDR,
	[IFA_CACHEINFO] = K_IFA_CACHEINFO,
	[IFA_MULTICAST] = K_ADDR,
	[IFA_FLAGS] = K_IFA_FLAGS,
	[IFA_RT_PRIORITY] = NLA_K_U32,
	[IFA_TARGET_NETNSID] = NLA_K_S32,
};

static const struct nla_table addr_attrs = {
	&xlat_rtnl_addr_attrs, "IFA_???", addr_kinds, sizeof(addr_kinds), rtnl_decode,
};

static const uint8_t route_kinds[] = {
	[RTA_DST] = K_ADDR,
	[RTA_SRC] = K_ADDR,
	[RTA_IIF] = NLA_K_IFINDEX,
	[RTA_OIF] = NLA_K_IFINDEX,
	[RTA_GATEWAY] = K_ADDR,
	[RTA_PRIORITY] = NLA_K_U32,
	[RTA_PREFSRC] = K_ADDR,
	[RTA_METRICS] = K_METRICS,
	[RTA_MULTIPATH] = K_MULTIPATH,
	[RTA_PROTOINFO] = NLA_K_U32,
	[RTA_FLOW] = NLA_K_U32,
	[RTA_CACHEINFO] = K_RTA_CACHEINFO,
	[RTA_MP_ALGO] = NLA_K_U32,
	[RTA_TABLE] = K_RT_CLASS,
	[RTA_MARK] = NLA_K_U32,
	[RTA_MFC_STATS] = K_MFC_STATS,
	[RTA_VIA] = K_VIA,
	[RTA_NEWDST] = K_ADDR,
	[RTA_PREF] = NLA_K_U8,
	[RTA_ENCAP_TYPE] = K_ENCAP_TYPE,
	[RTA_EXPIRES] = NLA_K_U64,
	[RTA_UID] = NLA_K_U32,
	[RTA_TTL_PROPAGATE] = NLA_K_U8,
	[RTA_IP_PROTO] = NLA_K_U8,
	[RTA_SPORT] = NLA_K_U16,
	[RTA_DPORT] = NLA_K_U16,
};

static const struct nla_table route_attrs = {
	&xlat_rtnl_route_attrs, "RTA_???", route_kinds, sizeof(route_kinds), rtnl_decode,
};

static const uint8_t metrics_kinds[] = {
	[RTAX_LOCK] = NLA_K_U32,
	[RTAX_MTU] = NLA_K_U32,
	[RTAX_WINDOW] = NLA_K_U32,
	[RTAX_RTT] = NLA_K_U32,
	[RTAX_RTTVAR] = NLA_K_U32,
	[RTAX_SSTHRESH] = NLA_K_U32,
	[RTAX_CWND] = NLA_K_U32,
	[RTAX_ADVMSS] = NLA_K_U32,
	[RTAX_REORDERING] = NLA_K_U32,
	[RTAX_HOPLIMIT] = NLA_K_U32,
	[RTAX_INITCWND] = NLA_K_U32,
	[RTAX_FEATURES] = NLA_K_U32,
	[RTAX_RTO_MIN] = NLA_K_U32,
	[RTAX_INITRWND] = NLA_K_U32,
	[RTAX_QUICKACK] = NLA_K_U32,
	[RTAX_CC_ALGO] = NLA_K_STR,
};

static const struct nla_table metrics_attrs = {
	&xlat_rtnl_rta_metrics_attrs, "RTAX_???", metrics_kinds, sizeof(metrics_kinds), NULL,
};

/* strace's print_hwaddr as decode_ifla_hwaddr calls it: with the message's
 * family where a hardware type belongs, so that the bytes printed are as
 * many as that number's ARPHRD_* type has (ARPHRD_NETROM's 7 for
 * AF_UNSPEC), all of them for most */
static unsigned int hwaddr_size(unsigned int family)
{
	switch (family) {
	case 0: /* ARPHRD_NETROM */
	case 3: /* ARPHRD_AX25 */
		return 7;
	case 1: /* ARPHRD_ETHER */
	case 6: /* ARPHRD_IEEE802 */
		return 6;
	case 7: /* ARPHRD_ARCNET */
		return 1;
	case 15: /* ARPHRD_DLCI */
		return 2;
	case 24: /* ARPHRD_IEEE1394 */
		return 16;
	case 27: /* ARPHRD_EUI64 */
		return 8;
	case 32: /* ARPHRD_INFINIBAND */
		return 20;
	default:
		return 255;
	}
}

static bool hwaddr(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		   unsigned int family)
{
	const uint8_t *p;
	unsigned int n = hwaddr_size(family);

	if (len > 32) /* MAX_ADDR_LEN */
		return false;
	p = nl_bytes(nb, off, len);
	if (!p) {
		xb_hex(b, nb->addr + off);
		return true;
	}
	if (n > len)
		n = (unsigned int)len;
	for (unsigned int i = 0; i < n; i++)
		xb_printf(b, "%s%02x", i ? ":" : "", p[i]);
	return true;
}

/* strace's decode_inet_addr: inet_addr("...") or inet_pton(AF_INET6,
 * "..."), hex for other families or short data; with the name of the
 * field it is when name is not NULL */
static void inet_address(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
			 unsigned int family, const char *name)
{
	size_t size = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
	uint8_t a[16];
	char text[INET6_ADDRSTRLEN];

	if (name && family != AF_INET6)
		xb_printf(b, "%s=", name);
	if (!size || len < size) {
		if (name && family == AF_INET6)
			xb_printf(b, "%s=", name);
		nl_hex(b, nb, off, len);
		return;
	}
	if (!nl_bytes(nb, off, size) && name && family == AF_INET6)
		xb_printf(b, "%s=", name);
	if (nl_get(b, nb, off, len, size, a) != NL_OK)
		return;
	inet_ntop((int)family, a, text, sizeof(text));
	xb_str(b, family == AF_INET ? "inet_addr(\"" : "inet_pton(AF_INET6, \"");
	xb_str(b, text);
	xb_char(b, '"');
	if (name && family == AF_INET6)
		xb_printf(b, ", &%s", name);
	xb_char(b, ')');
}

/* rtnl_link_stats and rtnl_link_stats64: the same fields, 32 or 64 bits */
static const char *const stats_fields[] = {
	"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
	"rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors",
	"rx_over_errors", "rx_crc_errors", "rx_frame_errors", "rx_fifo_errors",
	"rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
	"tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed",
	"rx_nohandler", "rx_otherhost_dropped",
};

/* the fields strace prints: 23 at least, rx_nohandler when there are 24
 * (rtnl_link_stats' whole size), and rx_otherhost_dropped past that in
 * the 64-bit struct; another length prints in hex */
static bool link_stats(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		       unsigned int width)
{
	unsigned int fields = (unsigned int)(len / width), want = width == 4 ? 24 : 25;
	const uint8_t *p;

	if (fields >= want)
		fields = want;
	else if (!(len == 23ull * width || (width == 8 && len == 24ull * width)))
		return false;
	p = nl_bytes(nb, off, fields * width);
	if (!p) {
		xb_hex(b, nb->addr + off);
		return true;
	}
	xb_char(b, '{');
	for (unsigned int i = 0; i < fields; i++) {
		uint64_t v;

		if (width == 4) {
			uint32_t v32;

			memcpy(&v32, p + i * 4, 4);
			v = v32;
		} else {
			memcpy(&v, p + i * 8, 8);
		}
		xb_printf(b, "%s%s=%llu", i ? ", " : "", stats_fields[i], (unsigned long long)v);
	}
	xb_char(b, '}');
	return true;
}

static bool u32_fields(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		       const char *const *names, unsigned int n, unsigned int hex_field)
{
	uint32_t v[8];

	switch (nl_get(b, nb, off, len, n * 4, v)) {
	case NL_SHORT:
		return false;
	case NL_ADDR:
		return true;
	case NL_OK:
		break;
	}
	xb_char(b, '{');
	for (unsigned int i = 0; i < n; i++) {
		xb_printf(b, "%s%s=", i ? ", " : "", names[i]);
		if (i == hex_field)
			xb_hex(b, v[i]);
		else
			xb_u64(b, v[i]);
	}
	xb_char(b, '}');
	return true;
}

static bool flags32(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		    const struct xlat *x, const char *dflt)
{
	uint32_t v;

	switch (nl_get(b, nb, off, len, 4, &v)) {
	case NL_SHORT:
		return false;
	case NL_ADDR:
		return true;
	case NL_OK:
		break;
	}
	xlat_flags(b, x, v, dflt);
	return true;
}

static bool ifmap(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct rtnl_link_ifmap m;

	switch (nl_get(b, nb, off, len, offsetof(struct rtnl_link_ifmap, port) + 1, &m)) {
	case NL_SHORT:
		return false;
	case NL_ADDR:
		return true;
	case NL_OK:
		break;
	}
	xb_printf(b, "{mem_start=%#llx, mem_end=%#llx, base_addr=%#llx, irq=%u, dma=%u, port=%u}",
		  (unsigned long long)m.mem_start, (unsigned long long)m.mem_end,
		  (unsigned long long)m.base_addr, m.irq, m.dma, m.port);
	return true;
}

static bool enum_of(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		    size_t size, const struct xlat *x, const char *dflt)
{
	uint32_t v = 0;

	switch (nl_get(b, nb, off, len, size, &v)) {
	case NL_SHORT:
		return false;
	case NL_ADDR:
		return true;
	case NL_OK:
		break;
	}
	xlat_enum(b, x, size == 2 ? (uint16_t)v : v, dflt, XN_HEX);
	return true;
}

static bool mfc_stats(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	uint64_t v[3];

	switch (nl_get(b, nb, off, len, sizeof(v), v)) {
	case NL_SHORT:
		return false;
	case NL_ADDR:
		return true;
	case NL_OK:
		break;
	}
	xb_printf(b, "{mfcs_packets=%llu, mfcs_bytes=%llu, mfcs_wrong_if=%llu}",
		  (unsigned long long)v[0], (unsigned long long)v[1], (unsigned long long)v[2]);
	return true;
}

static bool via(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	uint16_t family;

	switch (nl_get(b, nb, off, len, sizeof(family), &family)) {
	case NL_SHORT:
		return false;
	case NL_ADDR:
		return true;
	case NL_OK:
		break;
	}
	xb_str(b, "{rtvia_family=");
	xlat_enum(b, &xlat_address_families, family, "AF_???", XN_HEX);
	if (len > sizeof(family)) {
		xb_str(b, ", ");
		inet_address(b, nb, off + sizeof(family), len - sizeof(family), family,
			     "rtvia_addr");
	}
	xb_char(b, '}');
	return true;
}

/* strace's decode_rta_multipath: each struct rtnexthop, whole whatever
 * its rtnh_len, then the attributes its rtnh_len holds */
static bool multipath(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		      const void *ctx)
{
	const size_t hdr = RTNH_ALIGN(sizeof(struct rtnexthop));
	uint64_t cur = off, left = len;
	bool array = false;
	struct rtnexthop nh;

	if (len < sizeof(nh))
		return false;
	for (;;) {
		const uint8_t *p = nl_bytes(nb, cur, sizeof(nh));
		uint64_t nh_len;

		if (!p) {
			xb_hex(b, nb->addr + cur);
			break;
		}
		memcpy(&nh, p, sizeof(nh));
		nh_len = nh.rtnh_len < left ? nh.rtnh_len : left;
		if (cur == off && nh.rtnh_len < len) {
			xb_char(b, '[');
			array = true;
		}
		if (cur > off)
			xb_str(b, ", ");
		if (nh_len > hdr)
			xb_char(b, '[');
		xb_printf(b, "{rtnh_len=%u, rtnh_flags=", nh.rtnh_len);
		xlat_flags(b, &xlat_route_nexthop_flags, nh.rtnh_flags, "RTNH_F_???");
		xb_printf(b, ", rtnh_hops=%u, rtnh_ifindex=", nh.rtnh_hops);
		render_ifindex(b, (unsigned int)nh.rtnh_ifindex);
		xb_char(b, '}');
		if (nh_len > hdr) {
			xb_str(b, ", ");
			nlattrs(b, nb, cur + hdr, nh_len - hdr, &route_attrs, ctx);
			xb_char(b, ']');
		}
		if (RTNH_ALIGN(nh_len) >= left)
			break;
		cur += RTNH_ALIGN(nh_len);
		left -= RTNH_ALIGN(nh_len);
	}
	if (array)
		xb_char(b, ']');
	return true;
}

/* ctx: the message's family */
static bool rtnl_decode(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
			unsigned int kind, const void *ctx)
{
	static const char *const ifa_ci[] = { "ifa_prefered", "ifa_valid", "cstamp", "tstamp" };
	static const char *const rta_ci[] = { "rta_clntref", "rta_lastuse", "rta_expires",
					      "rta_error",   "rta_used",    "rta_id",
					      "rta_ts",      "rta_tsage" };
	unsigned int family = *(const uint8_t *)ctx;
	uint32_t v;

	switch (kind) {
	case K_HWADDR:
		return hwaddr(b, nb, off, len, family);
	case K_LLADDR:
		return hwaddr(b, nb, off, len, ~0u);
	case K_ADDR:
		inet_address(b, nb, off, len, family, NULL);
		return true;
	case K_STATS:
		return link_stats(b, nb, off, len, 4);
	case K_STATS64:
		return link_stats(b, nb, off, len, 8);
	case K_EXT_MASK:
		return flags32(b, nb, off, len, &xlat_rtnl_ifla_ext_filter_flags,
			       "RTEXT_FILTER_???");
	case K_IFA_FLAGS:
		return flags32(b, nb, off, len, &xlat_ifaddrflags, "IFA_F_???");
	case K_IFA_CACHEINFO:
		return u32_fields(b, nb, off, len, ifa_ci, 4, ~0u);
	case K_RTA_CACHEINFO:
		return u32_fields(b, nb, off, len, rta_ci, 8, 5);
	case K_RT_CLASS:
		switch (nl_get(b, nb, off, len, 4, &v)) {
		case NL_SHORT:
			return false;
		case NL_ADDR:
			return true;
		case NL_OK:
			break;
		}
		xlat_enum(b, &xlat_routing_table_ids, v, NULL, XN_HEX);
		return true;
	case K_METRICS:
		nlattrs(b, nb, off, len, &metrics_attrs, NULL);
		return true;
	case K_IFMAP:
		return ifmap(b, nb, off, len);
	case K_IFLA_EVENT:
		return enum_of(b, nb, off, len, 4, &xlat_rtnl_ifla_events, "IFLA_EVENT_???");
	case K_ENCAP_TYPE:
		return enum_of(b, nb, off, len, 2, &xlat_lwtunnel_encap_types,
			       "LWTUNNEL_ENCAP_???");
	case K_MFC_STATS:
		return mfc_stats(b, nb, off, len);
	case K_VIA:
		return via(b, nb, off, len);
	case K_MULTIPATH:
		return multipath(b, nb, off, len, ctx);
	case K_LINKINFO:
		nlattrs(b, nb, off, len, &linkinfo_attrs, NULL);
		return true;
	case K_VF_PORTS:
		nlattrs(b, nb, off, len, &vf_port_attrs, NULL);
		return true;
	case K_PROP_LIST:
		nlattrs(b, nb, off, len, &prop_list_attrs, NULL);
		return true;
	default:
		return false;
	}
}

/* the struct's fields past its family, when the payload holds all of it:
 * "..." when it is shorter, the address when it was not copied; false
 * when the attributes after it are not to be printed */
static bool head(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len, void *s,
		 size_t size)
{
	const uint8_t *p = nl_bytes(nb, off, size);

	if (len < size) {
		xb_str(b, "...}");
		return false;
	}
	if (!p) {
		xb_hex(b, nb->addr + off + 1);
		xb_char(b, '}');
		return false;
	}
	memcpy(s, p, size);
	return true;
}

static void ifinfomsg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct ifinfomsg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_str(b, "ifi_type=");
	xlat_enum(b, &xlat_arp_hardware_types, m.ifi_type, "ARPHRD_???", XN_HEX);
	xb_str(b, ", ifi_index=");
	render_ifindex(b, (unsigned int)m.ifi_index);
	xb_str(b, ", ifi_flags=");
	xlat_flags(b, &xlat_iffflags, m.ifi_flags, "IFF_???");
	xb_str(b, ", ifi_change=");
	xb_hex(b, m.ifi_change);
	xb_char(b, '}');
	if (len > NLMSG_ALIGN(sizeof(m))) {
		xb_str(b, ", ");
		nlattrs(b, nb, off + NLMSG_ALIGN(sizeof(m)), len - NLMSG_ALIGN(sizeof(m)),
			&link_attrs, &m.ifi_family);
	}
}

static void ifaddrmsg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct ifaddrmsg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_str(b, "ifa_prefixlen=");
	xb_u64(b, m.ifa_prefixlen);
	xb_str(b, ", ifa_flags=");
	xlat_flags(b, &xlat_ifaddrflags, m.ifa_flags, "IFA_F_???");
	xb_str(b, ", ifa_scope=");
	xlat_enum(b, &xlat_routing_scopes, m.ifa_scope, NULL, XN_HEX);
	xb_str(b, ", ifa_index=");
	render_ifindex(b, m.ifa_index);
	xb_char(b, '}');
	if (len > NLMSG_ALIGN(sizeof(m))) {
		xb_str(b, ", ");
		nlattrs(b, nb, off + NLMSG_ALIGN(sizeof(m)), len - NLMSG_ALIGN(sizeof(m)),
			&addr_attrs, &m.ifa_family);
	}
}

static void rtmsg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct rtmsg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_printf(b, "rtm_dst_len=%u, rtm_src_len=%u, rtm_tos=", m.rtm_dst_len, m.rtm_src_len);
	xlat_flags(b, &xlat_ip_type_of_services, m.rtm_tos, "IPTOS_TOS_???");
	xb_str(b, ", rtm_table=");
	xlat_enum(b, &xlat_routing_table_ids, m.rtm_table, NULL, XN_HEX);
	xb_str(b, ", rtm_protocol=");
	xlat_enum(b, &xlat_routing_protocols, m.rtm_protocol, "RTPROT_???", XN_HEX);
	xb_str(b, ", rtm_scope=");
	xlat_enum(b, &xlat_routing_scopes, m.rtm_scope, NULL, XN_HEX);
	xb_str(b, ", rtm_type=");
	xlat_enum(b, &xlat_routing_types, m.rtm_type, "RTN_???", XN_HEX);
	xb_str(b, ", rtm_flags=");
	xlat_flags(b, &xlat_routing_flags, m.rtm_flags, "RTM_F_???");
	xb_char(b, '}');
	if (len > NLMSG_ALIGN(sizeof(m))) {
		xb_str(b, ", ");
		nlattrs(b, nb, off + NLMSG_ALIGN(sizeof(m)), len - NLMSG_ALIGN(sizeof(m)),
			&route_attrs, &m.rtm_family);
	}
}

/* The other messages' attributes: their names, and the data of the
 * simplest (strace decodes more of them: the rest print in hex here) */
#define NAMES_ONLY(name, table, dflt) \
	static const struct nla_table name = { &(table), dflt, NULL, 0, NULL }

NAMES_ONLY(mdb_attrs, xlat_rtnl_mdb_attrs, "MDBA_???");
NAMES_ONLY(dcb_attrs, xlat_rtnl_dcb_attrs, "DCB_ATTR_???");
NAMES_ONLY(neightbl_attrs, xlat_rtnl_neightbl_attrs, "NDTA_???");
NAMES_ONLY(nexthop_attrs, xlat_rtnl_nexthop_attrs, "NHA_???");
NAMES_ONLY(ifstats_attrs, xlat_ifstats_attrs, "IFLA_STATS_???");

static const uint8_t addrlabel_kinds[] = {
	[IFAL_ADDRESS] = K_ADDR,
	[IFAL_LABEL] = NLA_K_U32,
};

static const struct nla_table addrlabel_attrs = {
	&xlat_rtnl_addrlabel_attrs, "IFAL_???", addrlabel_kinds, sizeof(addrlabel_kinds),
	rtnl_decode,
};

static const uint8_t netconf_kinds[] = {
	[NETCONFA_IFINDEX] = NLA_K_IFINDEX,
	[NETCONFA_FORWARDING] = NLA_K_S32,
	[NETCONFA_RP_FILTER] = NLA_K_S32,
	[NETCONFA_MC_FORWARDING] = NLA_K_S32,
	[NETCONFA_PROXY_NEIGH] = NLA_K_S32,
	[NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN] = NLA_K_S32,
	[NETCONFA_INPUT] = NLA_K_S32,
	[NETCONFA_BC_FORWARDING] = NLA_K_S32,
};

static const struct nla_table netconf_attrs = {
	&xlat_rtnl_netconf_attrs, "NETCONFA_???", netconf_kinds, sizeof(netconf_kinds), NULL,
};

static const uint8_t nsid_kinds[] = {
	[NETNSA_NSID] = NLA_K_S32,
	[NETNSA_PID] = NLA_K_U32,
	[NETNSA_FD] = NLA_K_S32,
	[NETNSA_TARGET_NSID] = NLA_K_S32,
	[NETNSA_CURRENT_NSID] = NLA_K_S32,
};

static const struct nla_table nsid_attrs = {
	&xlat_rtnl_nsid_attrs, "NETNSA_???", nsid_kinds, sizeof(nsid_kinds), NULL,
};

static const uint8_t tc_kinds[] = {
	[TCA_KIND] = NLA_K_STR,
	[TCA_FCNT] = NLA_K_U32,
	[TCA_CHAIN] = NLA_K_U32,
	[TCA_HW_OFFLOAD] = NLA_K_U8,
	[TCA_INGRESS_BLOCK] = NLA_K_U32,
	[TCA_EGRESS_BLOCK] = NLA_K_U32,
	[TCA_DUMP_FLAGS] = NLA_K_U32,
};

static const struct nla_table tc_attrs = {
	&xlat_rtnl_tc_attrs, "TCA_???", tc_kinds, sizeof(tc_kinds), NULL,
};

static const uint8_t tca_kinds[] = {
	[TCA_ACT_KIND] = NLA_K_STR,
	[TCA_ACT_INDEX] = NLA_K_U32,
	[TCA_ACT_IN_HW_COUNT] = NLA_K_U32,
};

static const struct nla_table tca_attrs = {
	&xlat_rtnl_tc_action_attrs, "TCA_ACT_???", tca_kinds, sizeof(tca_kinds), NULL,
};

static const uint8_t neigh_kinds[] = {
	[NDA_DST] = K_ADDR,
	[NDA_LLADDR] = K_LLADDR,
	[NDA_PROBES] = NLA_K_U32,
	[NDA_VLAN] = NLA_K_U16,
	[NDA_VNI] = NLA_K_U32,
	[NDA_IFINDEX] = NLA_K_IFINDEX,
	[NDA_MASTER] = NLA_K_IFINDEX,
	[NDA_LINK_NETNSID] = NLA_K_U32,
	[NDA_SRC_VNI] = NLA_K_U32,
	[NDA_NH_ID] = NLA_K_U32,
};

static const struct nla_table neigh_attrs = {
	&xlat_rtnl_neigh_attrs, "NDA_???", neigh_kinds, sizeof(neigh_kinds), rtnl_decode,
};

static const uint8_t rule_kinds[] = {
	[FRA_DST] = K_ADDR,
	[FRA_SRC] = K_ADDR,
	[FRA_IIFNAME] = NLA_K_STR,
	[FRA_GOTO] = NLA_K_U32,
	[FRA_PRIORITY] = NLA_K_U32,
	[FRA_FWMARK] = NLA_K_U32,
	[FRA_FLOW] = NLA_K_U32,
	[FRA_SUPPRESS_IFGROUP] = NLA_K_U32,
	[FRA_SUPPRESS_PREFIXLEN] = NLA_K_U32,
	[FRA_TABLE] = K_RT_CLASS,
	[FRA_FWMASK] = NLA_K_U32,
	[FRA_OIFNAME] = NLA_K_STR,
	[FRA_L3MDEV] = NLA_K_U8,
};

static const struct nla_table rule_attrs = {
	&xlat_rtnl_rule_attrs, "FRA_???", rule_kinds, sizeof(rule_kinds), rtnl_decode,
};

static void attrs_after(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
			size_t size, const struct nla_table *t)
{
	const uint8_t *family = nl_bytes(nb, off, 1);

	if (len > NLMSG_ALIGN(size)) {
		xb_str(b, ", ");
		nlattrs(b, nb, off + NLMSG_ALIGN(size), len - NLMSG_ALIGN(size), t, family);
	}
}

static void ndmsg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct ndmsg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_str(b, "ndm_ifindex=");
	render_ifindex(b, (unsigned int)m.ndm_ifindex);
	xb_str(b, ", ndm_state=");
	xlat_flags(b, &xlat_neighbor_cache_entry_states, m.ndm_state, "NUD_???");
	xb_str(b, ", ndm_flags=");
	xlat_flags(b, &xlat_neighbor_cache_entry_flags, m.ndm_flags, "NTF_???");
	xb_str(b, ", ndm_type=");
	xlat_enum(b, &xlat_routing_types, m.ndm_type, "RTN_???", XN_HEX);
	xb_char(b, '}');
	attrs_after(b, nb, off, len, sizeof(m), &neigh_attrs);
}

static void fib_rule_hdr(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct fib_rule_hdr m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_printf(b, "dst_len=%u, src_len=%u, tos=", m.dst_len, m.src_len);
	xlat_flags(b, &xlat_ip_type_of_services, m.tos, "IPTOS_TOS_???");
	xb_str(b, ", table=");
	xlat_enum(b, &xlat_routing_table_ids, m.table, "RT_TABLE_???", XN_HEX);
	xb_str(b, ", action=");
	xlat_enum(b, &xlat_fib_rule_actions, m.action, "FR_ACT_???", XN_HEX);
	xb_str(b, ", flags=");
	xlat_flags(b, &xlat_fib_rule_flags, m.flags, "FIB_RULE_???");
	xb_char(b, '}');
	attrs_after(b, nb, off, len, sizeof(m), &rule_attrs);
}

static void tcmsg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct tcmsg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_str(b, "tcm_ifindex=");
	render_ifindex(b, (unsigned int)m.tcm_ifindex);
	xb_printf(b, ", tcm_handle=%u, tcm_parent=%u, tcm_info=%u}", m.tcm_handle, m.tcm_parent,
		  m.tcm_info);
	attrs_after(b, nb, off, len, sizeof(m), &tc_attrs);
}

static void ifaddrlblmsg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct ifaddrlblmsg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_printf(b, "ifal_prefixlen=%u, ifal_flags=%u, ifal_index=", m.ifal_prefixlen,
		  m.ifal_flags);
	render_ifindex(b, m.ifal_index);
	xb_printf(b, ", ifal_seq=%u}", m.ifal_seq);
	attrs_after(b, nb, off, len, sizeof(m), &addrlabel_attrs);
}

static void dcbmsg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct dcbmsg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_str(b, "cmd=");
	xlat_enum(b, &xlat_dcb_commands, m.cmd, "DCB_CMD_???", XN_HEX);
	xb_char(b, '}');
	attrs_after(b, nb, off, len, sizeof(m), &dcb_attrs);
}

static void br_port_msg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct br_port_msg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_str(b, "ifindex=");
	render_ifindex(b, m.ifindex);
	xb_char(b, '}');
	attrs_after(b, nb, off, len, sizeof(m), &mdb_attrs);
}

static void if_stats_msg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct if_stats_msg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	if (m.pad1)
		xb_printf(b, "pad1=%#x, ", m.pad1);
	if (m.pad2)
		xb_printf(b, "pad2=%#x, ", m.pad2);
	xb_str(b, "ifindex=");
	render_ifindex(b, m.ifindex);
	xb_str(b, ", filter_mask=");
	xlat_flags(b, &xlat_ifstats_attr_flags, m.filter_mask, "1<<IFLA_STATS_???");
	xb_char(b, '}');
	attrs_after(b, nb, off, len, sizeof(m), &ifstats_attrs);
}

static void nhmsg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct nhmsg m;

	if (!head(b, nb, off, len, &m, sizeof(m)))
		return;
	xb_str(b, "nh_scope=");
	xlat_enum(b, &xlat_routing_scopes, m.nh_scope, NULL, XN_HEX);
	xb_str(b, ", nh_protocol=");
	xlat_enum(b, &xlat_routing_protocols, m.nh_protocol, "RTPROT_???", XN_HEX);
	if (m.resvd)
		xb_printf(b, ", resvd=%#x", m.resvd);
	xb_str(b, ", nh_flags=");
	xlat_flags(b, &xlat_route_nexthop_flags, m.nh_flags, "RTNH_F_???");
	xb_char(b, '}');
	attrs_after(b, nb, off, len, sizeof(m), &nexthop_attrs);
}

/* a struct of the family alone (rtgenmsg, tcamsg, ndtmsg, netconfmsg),
 * then attributes */
static void family_only(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
			size_t size, const struct nla_table *t)
{
	xb_char(b, '}');
	attrs_after(b, nb, off, len, size, t);
}

enum route_struct {
	RS_NONE, RS_LINK, RS_ADDR, RS_ROUTE, RS_NEIGH, RS_RULE, RS_TC, RS_TCA, RS_NDT,
	RS_ADDRLABEL, RS_DCB, RS_NETCONF, RS_MDB, RS_NSID, RS_STATS, RS_CACHEREPORT, RS_NH,
};

/* the struct strace prints a message type's payload as */
static enum route_struct route_struct(uint16_t type, unsigned int family)
{
	switch (type) {
	case RTM_NEWLINK: case RTM_DELLINK: case RTM_GETLINK: case RTM_SETLINK:
		return RS_LINK;
	case RTM_NEWADDR: case RTM_DELADDR: case RTM_GETADDR:
	case RTM_GETMULTICAST: case RTM_GETANYCAST:
		return RS_ADDR;
	case RTM_NEWROUTE: case RTM_DELROUTE: case RTM_GETROUTE:
		return RS_ROUTE;
	case RTM_GETNEIGH:
		return family == AF_BRIDGE ? RS_LINK : RS_NEIGH;
	case RTM_NEWNEIGH: case RTM_DELNEIGH:
		return RS_NEIGH;
	case RTM_NEWRULE: case RTM_DELRULE: case RTM_GETRULE:
		return RS_RULE;
	case RTM_NEWQDISC: case RTM_DELQDISC: case RTM_GETQDISC:
	case RTM_NEWTCLASS: case RTM_DELTCLASS: case RTM_GETTCLASS:
	case RTM_NEWTFILTER: case RTM_DELTFILTER: case RTM_GETTFILTER:
	case RTM_NEWCHAIN: case RTM_DELCHAIN: case RTM_GETCHAIN:
		return RS_TC;
	case RTM_NEWACTION: case RTM_DELACTION: case RTM_GETACTION:
		return RS_TCA;
	case RTM_NEWNEIGHTBL: case RTM_GETNEIGHTBL: case RTM_SETNEIGHTBL:
		return RS_NDT;
	case RTM_NEWADDRLABEL: case RTM_DELADDRLABEL: case RTM_GETADDRLABEL:
		return RS_ADDRLABEL;
	case RTM_GETDCB: case RTM_SETDCB:
		return RS_DCB;
	case RTM_NEWNETCONF: case RTM_DELNETCONF: case RTM_GETNETCONF:
		return RS_NETCONF;
	case RTM_NEWMDB: case RTM_DELMDB: case RTM_GETMDB:
		return RS_MDB;
	case RTM_NEWNSID: case RTM_DELNSID: case RTM_GETNSID:
		return RS_NSID;
	case RTM_NEWSTATS: case RTM_GETSTATS:
		return RS_STATS;
	case RTM_NEWCACHEREPORT:
		return RS_CACHEREPORT;
	case RTM_NEWNEXTHOP: case RTM_DELNEXTHOP: case RTM_GETNEXTHOP:
		return RS_NH;
	default:
		return RS_NONE;
	}
}

bool rtnl_payload(struct xbuf *b, const struct nlbuf *nb, uint16_t type, uint64_t off,
		  uint64_t len)
{
	static const char *const family_field[] = {
		[RS_NONE] = "family", [RS_LINK] = "ifi_family", [RS_ADDR] = "ifa_family",
		[RS_ROUTE] = "rtm_family", [RS_NEIGH] = "ndm_family", [RS_RULE] = "family",
		[RS_TC] = "tcm_family", [RS_TCA] = "tca_family", [RS_NDT] = "ndtm_family",
		[RS_ADDRLABEL] = "ifal_family", [RS_DCB] = "dcb_family",
		[RS_NETCONF] = "ncm_family", [RS_MDB] = "family", [RS_NSID] = "rtgen_family",
		[RS_STATS] = "family", [RS_CACHEREPORT] = "rtgen_family", [RS_NH] = "nh_family",
	};
	const uint8_t *p = nl_bytes(nb, off, 1);
	enum route_struct which;

	if (!p) {
		xb_hex(b, nb->addr + off);
		return true;
	}
	which = route_struct(type, *p);
	xb_char(b, '{');
	xb_str(b, family_field[which]);
	xb_char(b, '=');
	xlat_enum(b, &xlat_address_families, *p, "AF_???", XN_HEX);
	if (which != RS_NONE && which != RS_TCA && which != RS_NDT && which != RS_NETCONF &&
	    which != RS_NSID && which != RS_CACHEREPORT)
		xb_str(b, ", ");
	switch (which) {
	case RS_NONE:
		/* strace's decode_family */
		if (len > 1) {
			xb_str(b, ", data=");
			nl_hex(b, nb, off + 1, len - 1);
		}
		xb_char(b, '}');
		break;
	case RS_LINK:
		ifinfomsg(b, nb, off, len);
		break;
	case RS_ADDR:
		ifaddrmsg(b, nb, off, len);
		break;
	case RS_ROUTE:
		rtmsg(b, nb, off, len);
		break;
	case RS_NEIGH:
		ndmsg(b, nb, off, len);
		break;
	case RS_RULE:
		fib_rule_hdr(b, nb, off, len);
		break;
	case RS_TC:
		tcmsg(b, nb, off, len);
		break;
	case RS_TCA:
		family_only(b, nb, off, len, sizeof(struct tcamsg), &tca_attrs);
		break;
	case RS_NDT:
		family_only(b, nb, off, len, sizeof(struct ndtmsg), &neightbl_attrs);
		break;
	case RS_ADDRLABEL:
		ifaddrlblmsg(b, nb, off, len);
		break;
	case RS_DCB:
		dcbmsg(b, nb, off, len);
		break;
	case RS_NETCONF:
		family_only(b, nb, off, len, sizeof(struct netconfmsg), &netconf_attrs);
		break;
	case RS_MDB:
		br_port_msg(b, nb, off, len);
		break;
	case RS_NSID:
		family_only(b, nb, off, len, sizeof(struct rtgenmsg), &nsid_attrs);
		break;
	case RS_CACHEREPORT:
		/* attributes for ipmr's and ip6mr's families (strace names
		 * them), bytes for the others */
		xb_char(b, '}');
		if (len > NLMSG_ALIGN(sizeof(struct rtgenmsg))) {
			xb_str(b, ", ");
			if (*p == RTNL_FAMILY_IPMR || *p == RTNL_FAMILY_IP6MR)
				nlattrs(b, nb, off + NLMSG_ALIGN(sizeof(struct rtgenmsg)),
					len - NLMSG_ALIGN(sizeof(struct rtgenmsg)), NULL, NULL);
			else
				nl_hex(b, nb, off + NLMSG_ALIGN(sizeof(struct rtgenmsg)),
				       len - NLMSG_ALIGN(sizeof(struct rtgenmsg)));
		}
		break;
	case RS_STATS:
		if_stats_msg(b, nb, off, len);
		break;
	case RS_NH:
		nhmsg(b, nb, off, len);
		break;
	}
	return true;
}
