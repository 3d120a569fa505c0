/* The netlink protocols lotrace knows the messages of: each one's
 * message types and the flags of each type's operation (NEW, DEL, GET),
 * as strace's netlink.c names them. */
#include <linux/cryptouser.h>
#include <linux/genetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_tables_compat.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_acct.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_cthelper.h>
#include <linux/netfilter/nfnetlink_cttimeout.h>
#include <linux/netfilter/nfnetlink_hook.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

#include "decode/internal.h"
#include "decode/netlink.h"

struct nl_family {
	const struct xlat *types;
	const char *dflt;
	const struct xlat *(*flags)(uint16_t type);	/* the type's own flags */
};

static const struct xlat *get_flags(uint16_t type)
{
	(void)type;
	return &xlat_netlink_get_flags;
}

/* NETLINK_ROUTE: NEW, DEL, GET by the type's low bits */
static const struct xlat *route_flags(uint16_t type)
{
	static const struct xlat *const by_op[] = {
		&xlat_netlink_new_flags, &xlat_netlink_delete_flags, &xlat_netlink_get_flags,
	};

	if (type == RTM_DELACTION)
		return &xlat_netlink_get_flags;
	return (type & 3) < 3 ? by_op[type & 3] : NULL;
}

static const struct xlat *xfrm_flags(uint16_t type)
{
	switch (type) {
	case XFRM_MSG_NEWSA:
	case XFRM_MSG_NEWPOLICY:
	case XFRM_MSG_NEWAE:
	case XFRM_MSG_NEWSADINFO:
	case XFRM_MSG_NEWSPDINFO:
		return &xlat_netlink_new_flags;
	case XFRM_MSG_DELSA:
	case XFRM_MSG_DELPOLICY:
		return &xlat_netlink_delete_flags;
	case XFRM_MSG_GETSA:
	case XFRM_MSG_GETPOLICY:
	case XFRM_MSG_GETAE:
	case XFRM_MSG_GETSADINFO:
	case XFRM_MSG_GETSPDINFO:
		return &xlat_netlink_get_flags;
	default:
		return NULL;
	}
}

/* NETLINK_CRYPTO */
static const struct xlat *crypto_flags(uint16_t type)
{
	switch (type) {
	case CRYPTO_MSG_NEWALG:
		return &xlat_netlink_new_flags;
	case CRYPTO_MSG_DELALG:
	case CRYPTO_MSG_DELRNG:
		return &xlat_netlink_delete_flags;
	case CRYPTO_MSG_GETALG:
		return &xlat_netlink_get_flags;
	default:
		return NULL;
	}
}

/* NETLINK_NETFILTER: by subsystem and message, strace's list */
static const struct xlat *netfilter_flags(uint16_t type)
{
	static const struct {
		uint8_t subsys, msg;
		const struct xlat *x;
	} ops[] = {
		{ NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_NEW, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_GET, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_GET_CTRZERO, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_GET_STATS_CPU, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_GET_STATS, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_GET_DYING, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_GET_UNCONFIRMED, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_DELETE, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_CTNETLINK_EXP, IPCTNL_MSG_EXP_NEW, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_CTNETLINK_EXP, IPCTNL_MSG_EXP_GET, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK_EXP, IPCTNL_MSG_EXP_GET_STATS_CPU, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK_EXP, IPCTNL_MSG_EXP_DELETE, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_ACCT, NFNL_MSG_ACCT_NEW, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_ACCT, NFNL_MSG_ACCT_GET, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_ACCT, NFNL_MSG_ACCT_GET_CTRZERO, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_ACCT, NFNL_MSG_ACCT_DEL, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_CTNETLINK_TIMEOUT, IPCTNL_MSG_TIMEOUT_NEW, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_CTNETLINK_TIMEOUT, IPCTNL_MSG_TIMEOUT_GET, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTNETLINK_TIMEOUT, IPCTNL_MSG_TIMEOUT_DELETE,
		  &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_CTHELPER, NFNL_MSG_CTHELPER_NEW, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_CTHELPER, NFNL_MSG_CTHELPER_GET, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_CTHELPER, NFNL_MSG_CTHELPER_DEL, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWTABLE, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWCHAIN, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWRULE, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWSET, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWSETELEM, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWGEN, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWOBJ, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWFLOWTABLE, &xlat_netlink_new_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETTABLE, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETCHAIN, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETRULE, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETSET, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETSETELEM, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETGEN, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETOBJ, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETOBJ_RESET, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_GETFLOWTABLE, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_DELTABLE, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_DELCHAIN, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_DELRULE, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_DELSET, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_DELSETELEM, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_DELOBJ, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_NFTABLES, NFT_MSG_DELFLOWTABLE, &xlat_netlink_delete_flags },
		{ NFNL_SUBSYS_NFT_COMPAT, NFNL_MSG_COMPAT_GET, &xlat_netlink_get_flags },
		{ NFNL_SUBSYS_HOOK, NFNL_MSG_HOOK_GET, &xlat_netlink_get_flags },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (ops[i].subsys == (uint8_t)(type >> 8) && ops[i].msg == (uint8_t)type)
			return ops[i].x;
	return NULL;
}

static const struct nl_family families[] = {
	[NETLINK_ROUTE] = { &xlat_nl_route_types, "RTM_???", route_flags },
	[NETLINK_SOCK_DIAG] = { &xlat_nl_sock_diag_types, "SOCK_DIAG_???", get_flags },
	[NETLINK_AUDIT] = { &xlat_nl_audit_types, "AUDIT_???", NULL },
	[NETLINK_XFRM] = { &xlat_nl_xfrm_types, "XFRM_MSG_???", xfrm_flags },
	[NETLINK_SELINUX] = { &xlat_nl_selinux_types, "SELNL_MSG_???", NULL },
	[NETLINK_CRYPTO] = { &xlat_nl_crypto_types, "CRYPTO_MSG_???", crypto_flags },
	[NETLINK_NETFILTER] = { &xlat_nl_netfilter_subsys_ids, "NFNL_SUBSYS_???", netfilter_flags },
	[NETLINK_GENERIC] = { NULL, "GENERIC_FAMILY_???", NULL },
};

static const struct nl_family *family_of(int protocol)
{
	if (protocol < 0 || (size_t)protocol >= sizeof(families) / sizeof(families[0]) ||
	    !families[protocol].dflt)
		return NULL;
	return &families[protocol];
}

/* The netfilter subsystems' own message types */
static const struct {
	const struct xlat *x;
	const char *dflt;
} nf_types[] = {
	[NFNL_SUBSYS_CTNETLINK] = { &xlat_nf_ctnetlink_msg_types, "IPCTNL_MSG_CT_???" },
	[NFNL_SUBSYS_CTNETLINK_EXP] = { &xlat_nf_ctnetlink_exp_msg_types, "IPCTNL_MSG_EXP_???" },
	[NFNL_SUBSYS_QUEUE] = { &xlat_nf_queue_msg_types, "NFQNL_MSG_???" },
	[NFNL_SUBSYS_ULOG] = { &xlat_nf_ulog_msg_types, "NFULNL_MSG_???" },
	[NFNL_SUBSYS_OSF] = { &xlat_nf_osf_msg_types, "OSF_MSG_???" },
	[NFNL_SUBSYS_IPSET] = { &xlat_nf_ipset_msg_types, "IPSET_CMD_???" },
	[NFNL_SUBSYS_ACCT] = { &xlat_nf_acct_msg_types, "NFNL_MSG_ACCT_???" },
	[NFNL_SUBSYS_CTNETLINK_TIMEOUT] = { &xlat_nf_cttimeout_msg_types,
					    "IPCTNL_MSG_TIMEOUT_???" },
	[NFNL_SUBSYS_CTHELPER] = { &xlat_nf_cthelper_msg_types, "NFNL_MSG_CTHELPER_???" },
	[NFNL_SUBSYS_NFTABLES] = { &xlat_nf_nftables_msg_types, "NFT_MSG_???" },
	[NFNL_SUBSYS_NFT_COMPAT] = { &xlat_nf_nft_compat_msg_types, "NFNL_MSG_COMPAT_???" },
	[NFNL_SUBSYS_HOOK] = { &xlat_nf_hook_msg_types, "NFNL_MSG_HOOK_???" },
};

/* "NFNL_SUBSYS_CTNETLINK<<8|IPCTNL_MSG_CT_NEW" */
static void netfilter_type(struct xbuf *b, uint16_t type)
{
	uint8_t subsys = (uint8_t)(type >> 8), msg = (uint8_t)type;

	if (xlat_name(&xlat_nl_netfilter_msg_types, type)) {
		xb_str(b, xlat_name(&xlat_nl_netfilter_msg_types, type));
		return;
	}
	xlat_enum(b, &xlat_nl_netfilter_subsys_ids, subsys, "NFNL_SUBSYS_???", XN_HEX);
	xb_str(b, "<<8|");
	if (subsys < sizeof(nf_types) / sizeof(nf_types[0]) && nf_types[subsys].x)
		xlat_enum(b, nf_types[subsys].x, msg, nf_types[subsys].dflt, XN_HEX);
	else
		xb_hex(b, msg);
}

void netlink_type(struct xbuf *b, int protocol, uint16_t type)
{
	const struct nl_family *f = family_of(protocol);

	if (type < NLMSG_MIN_TYPE || !f) {
		xlat_enum(b, &xlat_netlink_types, type, "NLMSG_???", XN_HEX);
	} else if (protocol == NETLINK_NETFILTER) {
		netfilter_type(b, type);
	} else if (protocol == NETLINK_GENERIC) {
		/* the one family id that is not assigned at run time */
		if (type == GENL_ID_CTRL)
			xb_str(b, "nlctrl");
		else
			xlat_enum(b, &xlat_netlink_types, type, f->dflt, XN_HEX);
	} else {
		xlat_enum(b, f->types, type, f->dflt, XN_HEX);
	}
}

/* strace's printflags_ex with two tables: the flags every message has,
 * then those of the type's operation. */
void netlink_flags(struct xbuf *b, int protocol, uint16_t type, uint16_t flags)
{
	const struct nl_family *f = family_of(protocol);
	const struct xlat *own = NULL, *tables[2];
	uint64_t left = flags;
	int n = 0;

	if (type < NLMSG_MIN_TYPE)
		own = type == NLMSG_ERROR ? &xlat_netlink_ack_flags : NULL;
	else if (f && f->flags)
		own = f->flags(type);
	tables[0] = &xlat_netlink_flags;
	tables[1] = own;
	if (!flags) {
		xb_char(b, '0');
		return;
	}
	for (int t = 0; t < 2 && left; t++) {
		for (uint32_t i = 0; tables[t] && i < tables[t]->n && left; i++) {
			uint64_t v = tables[t]->ent[i].val;

			if (v && (left & v) == v) {
				if (n++)
					xb_char(b, '|');
				xb_str(b, tables[t]->ent[i].name);
				left &= ~v;
			}
		}
	}
	if (!left)
		return;
	if (n)
		xb_char(b, '|');
	xb_hex(b, left);
	if (!n)
		xb_str(b, " /* NLM_F_??? */");
}
