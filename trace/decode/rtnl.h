/* NETLINK_ROUTE's attributes, shared by the message printers
 * (render_rtnl.c) and the attribute printers (render_rtnl_attr.c): the
 * kinds past the generic ones, the tables of the link, address and route
 * messages, and the printer of those kinds (ctx: the message's family). */
#ifndef LOTRACE_RTNL_H
#define LOTRACE_RTNL_H

#include "decode/nlattr.h"

/* the attribute kinds of the route tables, past the generic ones */
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

extern const struct nla_table rtnl_link_attrs, rtnl_addr_attrs, rtnl_route_attrs;

bool rtnl_decode(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		 unsigned int kind, const void *ctx);

#endif
