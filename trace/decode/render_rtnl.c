/* NETLINK_ROUTE's payloads as strace's decode_netlink_route prints them:
 * the link, address and route messages' structs (ifinfomsg, ifaddrmsg,
 * rtmsg) and their attributes (render_rtnl_attr.c); the other messages'
 * structs (neighbours, rules, traffic control, statistics, next hops...)
 * with their attributes' names and the simplest values; a message strace
 * has no struct for prints its family and data. */
#include <linux/dcbnl.h>
#include <linux/fib_rules.h>
#include <linux/if_addrlabel.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/netconf.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/internal.h"
#include "decode/nlattr.h"
#include "decode/render.h"
#include "decode/rtnl.h"

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
			&rtnl_link_attrs, &m.ifi_family);
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
			&rtnl_addr_attrs, &m.ifa_family);
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
			&rtnl_route_attrs, &m.rtm_family);
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
