/* NETLINK_SOCK_DIAG's payloads, as strace's netlink_sock_diag.c prints
 * them: by the family in their first byte, a request (NLM_F_REQUEST) or a
 * message about a socket; inet (v2 requests), unix, netlink and packet
 * sockets' structs and their attributes; the family and the rest in hex
 * for the others (SMC's, inet's old TCPDIAG_GETSOCK requests). */
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>

#include "decode/internal.h"
#include "decode/nlattr.h"
#include "decode/render.h"

/* The sock_diag struct of size bytes at off: false when len is shorter,
 * after "..." as strace says it */
static bool diag_get(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		     size_t size, void *out)
{
	const uint8_t *p;

	if (len < size) {
		xb_str(b, "...}");
		return false;
	}
	p = nl_bytes(nb, off, size);
	if (!p) {
		xb_hex(b, nb->addr + off + 1);
		xb_char(b, '}');
		return false;
	}
	memcpy(out, p, size);
	return true;
}

static void cookie(struct xbuf *b, const char *name, const uint32_t c[2])
{
	xb_printf(b, ", %s=[%u, %u]", name, c[0], c[1]);
}

/* struct inet_diag_sockid of family */
static void sockid(struct xbuf *b, const struct inet_diag_sockid *id, uint8_t family)
{
	char buf[INET6_ADDRSTRLEN];
	static const char *const names[] = { "idiag_src", "idiag_dst" };
	const __be32 *addrs[] = { id->idiag_src, id->idiag_dst };

	xb_printf(b, "id={idiag_sport=htons(%u), idiag_dport=htons(%u)", ntohs(id->idiag_sport),
		  ntohs(id->idiag_dport));
	for (int i = 0; i < 2; i++) {
		xb_printf(b, ", %s=", names[i]);
		if (family == AF_INET && inet_ntop(AF_INET, addrs[i], buf, sizeof(buf)))
			xb_printf(b, "inet_addr(\"%s\")", buf);
		else if (family == AF_INET6 && inet_ntop(AF_INET6, addrs[i], buf, sizeof(buf)))
			xb_printf(b, "inet_pton(AF_INET6, \"%s\", &%s)", buf, names[i]);
		else
			render_quote_hex(b, (const uint8_t *)addrs[i], 16, false);
	}
	xb_str(b, ", idiag_if=");
	render_ifindex(b, id->idiag_if);
	cookie(b, "idiag_cookie", id->idiag_cookie);
	xb_char(b, '}');
}

/* --- attributes ---------------------------------------------------------- */

enum { DIAG_MEMINFO = NLA_K_OWN, DIAG_SKMEMINFO, DIAG_SHUTDOWN, DIAG_PROTO, DIAG_VFS,
       DIAG_ICONS, DIAG_RQLEN, DIAG_SOCKOPT };

/* struct inet_diag_sockopt's bits, strace's abbreviated: those set */
static void sockopt(struct xbuf *b, const uint8_t *p)
{
	static const char *const names[] = {
		"recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all",
		"nodefrag", "bind_address_no_port", "recverr_rfc4884", "defer_connect",
	};
	unsigned int bits = p[0] | (unsigned int)p[1] << 8;
	bool first = true;

	xb_char(b, '{');
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(bits >> i & 1))
			continue;
		xb_printf(b, "%s%s=1", first ? "" : ", ", names[i]);
		first = false;
	}
	if (bits >> 11)
		xb_printf(b, "%sunused=%#x /* bits 3..8 */", first ? "" : ", ", bits >> 11);
	xb_char(b, '}');
}

static bool diag_attr(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		      unsigned int kind, const void *ctx)
{
	const uint8_t *p = nl_bytes(nb, off, len);
	uint32_t v[4];
	size_t n = len / 4;

	(void)ctx;
	if (!p) {
		xb_hex(b, nb->addr + off);
		return true;
	}
	switch (kind) {
	case DIAG_MEMINFO:	/* struct inet_diag_meminfo */
	case DIAG_RQLEN:	/* struct unix_diag_rqlen */
		if (len < (kind == DIAG_MEMINFO ? 16u : 8u))
			return false;
		memcpy(v, p, kind == DIAG_MEMINFO ? 16 : 8);
		if (kind == DIAG_RQLEN)
			xb_printf(b, "{udiag_rqueue=%u, udiag_wqueue=%u}", v[0], v[1]);
		else
			xb_printf(b, "{idiag_rmem=%u, idiag_wmem=%u, idiag_fmem=%u, idiag_tmem=%u}",
				  v[0], v[1], v[2], v[3]);
		return true;
	case DIAG_SKMEMINFO:	/* u32s indexed by SK_MEMINFO_* */
	case DIAG_ICONS:	/* inodes */
		if (!n)
			return false;
		xb_char(b, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				xb_str(b, ", ");
			if (i == nb->x->strsize) {
				xb_str(b, "...");
				break;
			}
			memcpy(v, p + i * 4, 4);
			if (kind == DIAG_SKMEMINFO) {
				xb_char(b, '[');
				xlat_enum(b, &xlat_sk_meminfo, i, "SK_MEMINFO_???", XN_UDEC);
				xb_str(b, "]=");
			}
			xb_u64(b, v[0]);
		}
		xb_char(b, ']');
		return true;
	case DIAG_SHUTDOWN:	/* the kernel's RCV_SHUTDOWN, SEND_SHUTDOWN */
		if (len < 1)
			return false;
		/* strace's verbose flags: no uapi header names them */
		xb_hex(b, p[0]);
		if (!p[0])
			return true;
		if (!(p[0] & 3)) {
			xb_str(b, " /* ???_SHUTDOWN */");
			return true;
		}
		xb_str(b, p[0] & 1 ? " /* RCV_SHUTDOWN" : " /* ");
		if (p[0] & 2)
			xb_str(b, p[0] & 1 ? "|SEND_SHUTDOWN" : "SEND_SHUTDOWN");
		if (p[0] & ~3) {
			xb_char(b, '|');
			xb_hex(b, p[0] & ~3u);
		}
		xb_str(b, " */");
		return true;
	case DIAG_PROTO:
		if (len < 1)
			return false;
		xlat_enum(b, &xlat_inet_protocols, p[0], "IPPROTO_???", XN_HEX);
		return true;
	case DIAG_SOCKOPT:
		if (len < 2)
			return false;
		sockopt(b, p);
		return true;
	case DIAG_VFS:		/* struct unix_diag_vfs */
		if (len < 8)
			return false;
		memcpy(v, p, 8);
		xb_printf(b, "{udiag_vfs_dev=makedev(%#x, %#x), udiag_vfs_ino=%u}", major(v[0]),
			  minor(v[0]), v[1]);
		return true;
	default:
		return false;
	}
}

static const uint8_t inet_kinds[] = {
	[INET_DIAG_MEMINFO] = DIAG_MEMINFO, [INET_DIAG_CONG] = NLA_K_STR,
	[INET_DIAG_TOS] = NLA_K_U8, [INET_DIAG_TCLASS] = NLA_K_U8,
	[INET_DIAG_SKMEMINFO] = DIAG_SKMEMINFO, [INET_DIAG_SHUTDOWN] = DIAG_SHUTDOWN,
	[INET_DIAG_PROTOCOL] = DIAG_PROTO, [INET_DIAG_SKV6ONLY] = NLA_K_U8,
	[INET_DIAG_MARK] = NLA_K_U32, [INET_DIAG_CLASS_ID] = NLA_K_U32,
	[INET_DIAG_CGROUP_ID] = NLA_K_U64, [INET_DIAG_SOCKOPT] = DIAG_SOCKOPT,
};

static const struct nla_table inet_attrs = {
	&xlat_inet_diag_attrs, "INET_DIAG_???", inet_kinds,
	sizeof(inet_kinds) / sizeof(inet_kinds[0]), diag_attr,
};

static const uint8_t inet_req_kinds[] = { [INET_DIAG_REQ_PROTOCOL] = DIAG_PROTO };

static const struct nla_table inet_req_attrs = {
	&xlat_inet_diag_req_attrs, "INET_DIAG_REQ_???", inet_req_kinds,
	sizeof(inet_req_kinds) / sizeof(inet_req_kinds[0]), diag_attr,
};

static const uint8_t unix_kinds[] = {
	[UNIX_DIAG_NAME] = NLA_K_STR, [UNIX_DIAG_VFS] = DIAG_VFS, [UNIX_DIAG_PEER] = NLA_K_U32,
	[UNIX_DIAG_ICONS] = DIAG_ICONS, [UNIX_DIAG_RQLEN] = DIAG_RQLEN,
	[UNIX_DIAG_MEMINFO] = DIAG_SKMEMINFO, [UNIX_DIAG_SHUTDOWN] = NLA_K_U8,
	[UNIX_DIAG_UID] = NLA_K_U32,
};

static const struct nla_table unix_attrs = {
	&xlat_unix_diag_attrs, "UNIX_DIAG_???", unix_kinds,
	sizeof(unix_kinds) / sizeof(unix_kinds[0]), diag_attr,
};

static const uint8_t netlink_kinds[] = { [NETLINK_DIAG_MEMINFO] = DIAG_SKMEMINFO };

static const struct nla_table netlink_attrs = {
	&xlat_netlink_diag_attrs, "NETLINK_DIAG_???", netlink_kinds,
	sizeof(netlink_kinds) / sizeof(netlink_kinds[0]), diag_attr,
};

static const uint8_t packet_kinds[] = {
	[PACKET_DIAG_UID] = NLA_K_U32, [PACKET_DIAG_MEMINFO] = DIAG_SKMEMINFO,
};

static const struct nla_table packet_attrs = {
	&xlat_packet_diag_attrs, "PACKET_DIAG_???", packet_kinds,
	sizeof(packet_kinds) / sizeof(packet_kinds[0]), diag_attr,
};

/* the attributes after a struct of size bytes */
static void diag_attrs(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		       size_t size, const struct nla_table *t)
{
	if (len > NLMSG_ALIGN(size)) {
		xb_str(b, ", ");
		nlattrs(b, nb, off + NLMSG_ALIGN(size), len - NLMSG_ALIGN(size), t, NULL);
	}
}

/* --- the structs --------------------------------------------------------- */

static void family(struct xbuf *b, const char *name, uint8_t f)
{
	xb_printf(b, "{%s=", name);
	xlat_enum(b, &xlat_address_families, f, "AF_???", XN_HEX);
	xb_str(b, ", ");
}

static void inet_req(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct inet_diag_req_v2 r;

	if (!diag_get(b, nb, off, len, sizeof(r), &r))
		return;
	xb_str(b, "sdiag_protocol=");
	xlat_enum(b, &xlat_inet_protocols, r.sdiag_protocol, "IPPROTO_???", XN_HEX);
	xb_str(b, ", idiag_ext=");
	xlat_flags(b, &xlat_inet_diag_extended_flags, r.idiag_ext, "1<<INET_DIAG_\?\?\?-1");
	xb_str(b, ", idiag_states=");
	xlat_flags(b, &xlat_tcp_state_flags, r.idiag_states, "1<<TCP_???");
	xb_str(b, ", ");
	sockid(b, &r.id, r.sdiag_family);
	xb_char(b, '}');
	diag_attrs(b, nb, off, len, sizeof(r), &inet_req_attrs);
}

static void inet_msg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct inet_diag_msg m;

	if (!diag_get(b, nb, off, len, sizeof(m), &m))
		return;
	xb_str(b, "idiag_state=");
	xlat_enum(b, &xlat_tcp_states, m.idiag_state, "TCP_???", XN_HEX);
	xb_printf(b, ", idiag_timer=%u, idiag_retrans=%u, ", m.idiag_timer, m.idiag_retrans);
	sockid(b, &m.id, m.idiag_family);
	xb_printf(b, ", idiag_expires=%u, idiag_rqueue=%u, idiag_wqueue=%u, idiag_uid=%u, "
		  "idiag_inode=%u}", m.idiag_expires, m.idiag_rqueue, m.idiag_wqueue, m.idiag_uid,
		  m.idiag_inode);
	diag_attrs(b, nb, off, len, sizeof(m), &inet_attrs);
}

static void unix_req(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct unix_diag_req r;

	if (!diag_get(b, nb, off, len, sizeof(r), &r))
		return;
	xb_printf(b, "sdiag_protocol=%u, udiag_states=", r.sdiag_protocol);
	xlat_flags(b, &xlat_tcp_state_flags, r.udiag_states, "1<<TCP_???");
	xb_printf(b, ", udiag_ino=%u, udiag_show=", r.udiag_ino);
	xlat_flags(b, &xlat_unix_diag_show, r.udiag_show, "UDIAG_SHOW_???");
	cookie(b, "udiag_cookie", r.udiag_cookie);
	xb_char(b, '}');
}

static void unix_msg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct unix_diag_msg m;

	if (!diag_get(b, nb, off, len, sizeof(m), &m))
		return;
	xb_str(b, "udiag_type=");
	xlat_enum(b, &xlat_socket_types, m.udiag_type, "SOCK_???", XN_HEX);
	xb_str(b, ", udiag_state=");
	xlat_enum(b, &xlat_tcp_states, m.udiag_state, "TCP_???", XN_HEX);
	xb_printf(b, ", udiag_ino=%u", m.udiag_ino);
	cookie(b, "udiag_cookie", m.udiag_cookie);
	xb_char(b, '}');
	diag_attrs(b, nb, off, len, sizeof(m), &unix_attrs);
}

static void netlink_req(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct netlink_diag_req r;

	if (!diag_get(b, nb, off, len, sizeof(r), &r))
		return;
	xb_str(b, "sdiag_protocol=");
	if (r.sdiag_protocol == NDIAG_PROTO_ALL)
		xb_str(b, "NDIAG_PROTO_ALL");
	else
		xlat_enum(b, &xlat_netlink_protocols, r.sdiag_protocol, "NETLINK_???", XN_HEX);
	xb_printf(b, ", ndiag_ino=%u, ndiag_show=", r.ndiag_ino);
	xlat_flags(b, &xlat_netlink_diag_show, r.ndiag_show, "NDIAG_SHOW_???");
	cookie(b, "ndiag_cookie", r.ndiag_cookie);
	xb_char(b, '}');
}

static void netlink_msg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct netlink_diag_msg m;

	if (!diag_get(b, nb, off, len, sizeof(m), &m))
		return;
	xb_str(b, "ndiag_type=");
	xlat_enum(b, &xlat_socket_types, m.ndiag_type, "SOCK_???", XN_HEX);
	xb_str(b, ", ndiag_protocol=");
	xlat_enum(b, &xlat_netlink_protocols, m.ndiag_protocol, "NETLINK_???", XN_HEX);
	xb_str(b, ", ndiag_state=");
	xlat_enum(b, &xlat_netlink_states, m.ndiag_state, "NETLINK_???", XN_HEX);
	xb_printf(b, ", ndiag_portid=%u, ndiag_dst_portid=%u, ndiag_dst_group=%u, ndiag_ino=%u",
		  m.ndiag_portid, m.ndiag_dst_portid, m.ndiag_dst_group, m.ndiag_ino);
	cookie(b, "ndiag_cookie", m.ndiag_cookie);
	xb_char(b, '}');
	diag_attrs(b, nb, off, len, sizeof(m), &netlink_attrs);
}

static void packet_req(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct packet_diag_req r;

	if (!diag_get(b, nb, off, len, sizeof(r), &r))
		return;
	xb_str(b, "sdiag_protocol=");
	xb_hex(b, r.sdiag_protocol);
	xb_printf(b, ", pdiag_ino=%u, pdiag_show=", r.pdiag_ino);
	xlat_flags(b, &xlat_packet_diag_show, r.pdiag_show, "PACKET_SHOW_???");
	cookie(b, "pdiag_cookie", r.pdiag_cookie);
	xb_char(b, '}');
}

static void packet_msg(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	struct packet_diag_msg m;

	if (!diag_get(b, nb, off, len, sizeof(m), &m))
		return;
	xb_str(b, "pdiag_type=");
	xlat_enum(b, &xlat_socket_types, m.pdiag_type, "SOCK_???", XN_HEX);
	xb_str(b, ", pdiag_num=");
	xlat_enum(b, &xlat_ethernet_protocols, m.pdiag_num, "ETH_P_???", XN_HEX);
	xb_printf(b, ", pdiag_ino=%u", m.pdiag_ino);
	cookie(b, "pdiag_cookie", m.pdiag_cookie);
	xb_char(b, '}');
	diag_attrs(b, nb, off, len, sizeof(m), &packet_attrs);
}

typedef void (*diag_fn)(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len);

static const struct {
	const char *name;	/* the family's field */
	diag_fn req, msg;
} diags[] = {
	[AF_UNIX] = { "udiag_family", unix_req, unix_msg },
	[AF_INET] = { "idiag_family", inet_req, inet_msg },
	[AF_INET6] = { "idiag_family", inet_req, inet_msg },
	[AF_NETLINK] = { "ndiag_family", netlink_req, netlink_msg },
	[AF_PACKET] = { "pdiag_family", packet_req, packet_msg },
};

bool diag_payload(struct xbuf *b, const struct nlbuf *nb, uint16_t type, uint16_t flags,
		  uint64_t off, uint64_t len)
{
	const uint8_t *p = nl_bytes(nb, off, 1);
	bool req = flags & NLM_F_REQUEST;
	uint8_t f;

	if (type == NLMSG_DONE)
		return false;
	if (!p) {
		xb_hex(b, nb->addr + off);
		return true;
	}
	f = p[0];
	/* the old TCPDIAG_GETSOCK requests' struct is another one */
	if (f < sizeof(diags) / sizeof(diags[0]) && diags[f].req && len > 1 &&
	    !(req && type != SOCK_DIAG_BY_FAMILY && f != AF_UNIX && f != AF_NETLINK)) {
		family(b, req ? "sdiag_family" : diags[f].name, f);
		(req ? diags[f].req : diags[f].msg)(b, nb, off, len);
		return true;
	}
	xb_str(b, "{family=");
	xlat_enum(b, &xlat_address_families, f, "AF_???", XN_HEX);
	if (len > 1) {
		xb_str(b, ", data=");
		nl_hex(b, nb, off + 1, len - 1);
	}
	xb_char(b, '}');
	return true;
}
