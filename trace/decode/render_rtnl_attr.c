/* NETLINK_ROUTE's attributes as strace's rtnl_*.c decoders print them:
 * the link, address and route messages' tables, and the values of the
 * kinds they name (hardware and inet addresses, link statistics, cache
 * info, metrics, multipath, link info...). */
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/internal.h"
#include "decode/nlattr.h"
#include "decode/render.h"
#include "decode/rtnl.h"

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

const struct nla_table rtnl_link_attrs = {
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

const struct nla_table rtnl_addr_attrs = {
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

const struct nla_table rtnl_route_attrs = {
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
			nlattrs(b, nb, cur + hdr, nh_len - hdr, &rtnl_route_attrs, ctx);
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
bool rtnl_decode(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
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
