/* Socket options: the values getsockopt(2) returns and setsockopt(2)
 * passes, as strace's print_getsockopt and print_setsockopt print them:
 * ints in brackets, struct linger and ucred, SO_ERROR's errno, multicast
 * requests, packet ring sizes; other values as their bytes. The names of
 * levels and options are net.c's. */
#include <arpa/inet.h>
#include <linux/icmp.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/errtab.h"
#include "decode/internal.h"
#include "decode/render.h"

#define IF_NAMESIZE 16

/* The SOL_SOCKET options whose value is an int, strace's list. */
static bool int_option(unsigned int name)
{
	static const unsigned int ints[] = {
		SO_DEBUG, SO_REUSEADDR, SO_DONTROUTE, SO_BROADCAST, SO_SNDBUF, SO_RCVBUF,
		SO_KEEPALIVE, SO_OOBINLINE, SO_NO_CHECK, SO_PRIORITY, SO_BSDCOMPAT,
		SO_REUSEPORT, SO_PASSCRED, SO_RCVLOWAT, SO_SNDLOWAT, SO_DETACH_FILTER,
		SO_TIMESTAMP_OLD, SO_ACCEPTCONN, SO_SNDBUFFORCE, SO_RCVBUFFORCE, SO_PASSSEC,
		SO_TIMESTAMPNS_OLD, SO_MARK, SO_TIMESTAMPING_OLD, SO_RXQ_OVFL, SO_WIFI_STATUS,
		SO_PEEK_OFF, SO_NOFCS, SO_LOCK_FILTER, SO_SELECT_ERR_QUEUE, SO_BUSY_POLL,
		SO_INCOMING_CPU, SO_CNX_ADVICE, SO_INCOMING_NAPI_ID, SO_ZEROCOPY,
		SO_TIMESTAMP_NEW, SO_TIMESTAMPNS_NEW, SO_TIMESTAMPING_NEW,
		SO_DETACH_REUSEPORT_BPF, SO_PREFER_BUSY_POLL, SO_BUSY_POLL_BUDGET,
		SO_RESERVE_MEM, SO_RCVMARK,
	};

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		if (ints[i] == name)
			return true;
	return false;
}

static void bracket_int(struct xbuf *b, const uint8_t *p)
{
	int32_t v;

	memcpy(&v, p, sizeof(v));
	xb_char(b, '[');
	xb_i64(b, v);
	xb_char(b, ']');
}

/* The fields of a struct of ints that len bytes hold, and the bytes of
 * one they hold only part of, in hex (strace's MAYBE_PRINT_FIELD_LEN):
 * "{l_onoff=1, l_linger=\"\xdf\x4f\x8d\"}". */
static void int_fields(struct xbuf *b, const uint8_t *p, size_t len,
		       const char *const names[], size_t n, bool is_signed)
{
	xb_char(b, '{');
	for (size_t i = 0; i < n && i * 4 < len; i++) {
		uint32_t v;

		if (i)
			xb_str(b, ", ");
		xb_str(b, names[i]);
		xb_char(b, '=');
		if ((i + 1) * 4 > len) {
			render_quote_hex(b, p + 4 * i, len - 4 * i, false);
			break;
		}
		memcpy(&v, p + 4 * i, 4);
		if (is_signed)
			xb_i64(b, (int32_t)v);
		else
			xb_u64(b, v);
	}
	xb_char(b, '}');
}

/* SO_TXREHASH: an int strace names; its bytes in hex when shorter */
static bool txrehash(struct xbuf *b, const uint8_t *p, size_t len, bool out)
{
	int32_t v;

	if (len < sizeof(v)) {
		if (!out)
			return false;
		render_quote_hex(b, p, len, false);
		return true;
	}
	memcpy(&v, p, sizeof(v));
	xb_char(b, '[');
	xlat_enum(b, &xlat_sockopt_txrehash_vals, (uint64_t)(int64_t)v, "SOCK_TXREHASH_???",
		  XN_DEC);
	xb_char(b, ']');
	return true;
}

/* ICMP_FILTER: the ICMP types it sets, or "~" and those it does not when
 * it sets most of them, as strace's print_icmp_filter. */
static void icmp_filter(struct xbuf *b, const uint8_t *p, size_t len)
{
	uint32_t v = ~0u;
	bool first = true;

	memcpy(&v, p, len < sizeof(v) ? len : sizeof(v));
	if (__builtin_popcount(v) > 16) {
		v = ~v;
		xb_char(b, '~');
	}
	xb_char(b, '[');
	for (unsigned int i = 0; i < 32; i++) {
		if (!(v & (1u << i)))
			continue;
		if (!first)
			xb_char(b, ' ');
		first = false;
		xlat_enum(b, &xlat_icmp_filter_flags, i, "ICMP_???", XN_HEX);
	}
	xb_char(b, ']');
}

static void mac(struct xbuf *b, const uint8_t *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		if (i)
			xb_char(b, ':');
		xb_char(b, hex[p[i] >> 4]);
		xb_char(b, hex[p[i] & 15]);
	}
}

static void inet_field(struct xbuf *b, const char *name, int af, const void *addr)
{
	char text[INET6_ADDRSTRLEN];

	inet_ntop(af, addr, text, sizeof(text));
	if (af == AF_INET) {
		xb_str(b, name);
		xb_str(b, "=inet_addr(\"");
		xb_str(b, text);
		xb_str(b, "\")");
		return;
	}
	xb_str(b, "inet_pton(AF_INET6, \"");
	xb_str(b, text);
	xb_str(b, "\", &");
	xb_str(b, name);
	xb_char(b, ')');
}

static bool get_sol_socket(struct xbuf *b, unsigned int name, const uint8_t *p, size_t len)
{
	static const char *const linger[] = { "l_onoff", "l_linger" };
	static const char *const ucred[] = { "pid", "uid", "gid" };
	uint32_t err;

	switch (name) {
	case SO_LINGER:
		int_fields(b, p, len, linger, 2, true);
		return true;
	case SO_PEERCRED:
		int_fields(b, p, len, ucred, 3, false);
		return true;
	case SO_TXREHASH:
		return txrehash(b, p, len, true);
	case SO_ERROR:
		if (len < sizeof(err))
			break;
		memcpy(&err, p, sizeof(err));
		xb_char(b, '[');
		if (errtab_name((int)err))
			xb_str(b, errtab_name((int)err));
		else
			xb_u64(b, err);
		xb_char(b, ']');
		return true;
	default:
		if (!int_option(name))
			return false;
		if (len < 4)
			break;
		bracket_int(b, p);
		return true;
	}
	/* shorter than the value: its bytes in hex */
	render_quote_hex(b, p, len, false);
	return true;
}

/* getsockopt's value: len bytes, what the kernel wrote (its new optlen, or
 * the buffer's, the smaller). */
bool render_getsockopt(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	static const char *const stats[] = { "tp_packets", "tp_drops", "tp_freeze_q_cnt" };
	unsigned int level = (unsigned int)x->c->args[1], name = (unsigned int)x->c->args[2];

	const struct lt_cap *in = capture_find(x->c->cap_enter, 4);
	int32_t ulen;

	/* a negative length in or out was forged: strace shows the address */
	if (!render_call_ok(x->c) || !len || !in || in->flags & LT_CAPF_FAULT || in->len < 4)
		return false;
	memcpy(&ulen, capture_bytes(in), sizeof(ulen));
	if (ulen <= 0)
		return false;
	switch (level) {
	case SOL_SOCKET:
		if (get_sol_socket(b, name, p, len))
			return true;
		break;
	case SOL_RAW:
		if (name == ICMP_FILTER) {
			icmp_filter(b, p, len);
			return true;
		}
		break;
	case SOL_PACKET:
		if (name == PACKET_STATISTICS) {
			int_fields(b, p, len, stats, 3, false);
			return true;
		}
		break;
	case SOL_NETLINK:
		if (name == NETLINK_LIST_MEMBERSHIPS) {
			xb_char(b, '[');
			for (size_t i = 0; i + 4 <= len; i += 4) {
				uint32_t v;

				if (!render_array_elem(b, (unsigned int)(i / 4), x))
					break;
				memcpy(&v, p + i, 4);
				xb_u64(b, v);
			}
			xb_char(b, ']');
			return true;
		}
		if (len < 4)
			return false;
		bracket_int(b, p);
		return true;
	}
	if (len == 4) {
		bracket_int(b, p);
		return true;
	}
	render_quote(b, p, len < x->strsize ? len : x->strsize, len > x->strsize);
	return true;
}

/* getsockopt's optlen: [in], [in => out] when the kernel changed it; a
 * signed int, as strace prints it. */
bool render_optlen(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int32_t in, out;

	if (len < sizeof(in))
		return false;
	memcpy(&in, p, sizeof(in));
	xb_char(b, '[');
	if (render_call_ok(x->c) && x->out && x->out->len >= sizeof(out)) {
		memcpy(&out, capture_bytes(x->out), sizeof(out));
		if (out != in) {
			xb_i64(b, in);
			xb_str(b, " => ");
		}
		xb_i64(b, out);
	} else {
		xb_i64(b, in);
	}
	xb_char(b, ']');
	return true;
}


/* len: the bytes copied; optlen: what the process said (the copy may
 * have been cut to an int that the end of a page leaves) */
static bool set_struct(struct xbuf *b, unsigned int level, unsigned int name, const uint8_t *p,
		       size_t len, int32_t optlen)
{
	static const char *const linger[] = { "l_onoff", "l_linger" };
	static const char *const treq[] = {
		"tp_block_size", "tp_block_nr", "tp_frame_size", "tp_frame_nr",
	};
	struct ip_mreq mreq;
	struct ipv6_mreq mreq6;
	struct group_req greq;
	struct packet_mreq pm;

	if (level == SOL_SOCKET && name == SO_TXREHASH)
		return optlen >= 4 && txrehash(b, p, len, false);
	if (level == SOL_RAW && name == ICMP_FILTER) {
		if (optlen <= 0 || !len)
			return false;
		icmp_filter(b, p, len);
		return true;
	}
	if ((level == SOL_IP || level == SOL_IPV6) &&
	    (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP)) {
		if (optlen < (int32_t)sizeof(greq) || len < sizeof(greq))
			return false;
		memcpy(&greq, p, sizeof(greq));
		xb_str(b, "{gr_interface=");
		render_ifindex(b, greq.gr_interface);
		xb_str(b, ", gr_group=");
		render_sockaddr(NULL, (const uint8_t *)&greq.gr_group, sizeof(greq.gr_group), b);
		xb_char(b, '}');
		return true;
	}
	if (level == SOL_IPV6 && (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP ||
				  name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST)) {
		if (optlen < (int32_t)sizeof(mreq6) || len < sizeof(mreq6))
			return false;
		memcpy(&mreq6, p, sizeof(mreq6));
		xb_char(b, '{');
		inet_field(b, "ipv6mr_multiaddr", AF_INET6, &mreq6.ipv6mr_multiaddr);
		xb_str(b, ", ipv6mr_interface=");
		render_ifindex(b, mreq6.ipv6mr_interface);
		xb_char(b, '}');
		return true;
	}
	if (level == SOL_PACKET && (name == PACKET_ADD_MEMBERSHIP || name == PACKET_DROP_MEMBERSHIP)) {
		if (optlen != sizeof(pm) || len != sizeof(pm))
			return false;
		memcpy(&pm, p, sizeof(pm));
		xb_str(b, "{mr_ifindex=");
		render_ifindex(b, (unsigned int)pm.mr_ifindex);
		xb_str(b, ", mr_type=");
		xlat_enum(b, &xlat_packet_mreq_type, pm.mr_type, "PACKET_MR_???", XN_HEX);
		xb_str(b, ", mr_alen=");
		xb_u64(b, pm.mr_alen);
		xb_str(b, ", mr_address=");
		mac(b, pm.mr_address, pm.mr_alen < sizeof(pm.mr_address) ? pm.mr_alen :
				      sizeof(pm.mr_address));
		xb_char(b, '}');
		return true;
	}
	if (level == SOL_SOCKET && name == SO_LINGER) {
		if (optlen < 8 || len < 8)
			return false;
		int_fields(b, p, 8, linger, 2, true);
		return true;
	}
	if (level == SOL_IP && (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)) {
		if (optlen < (int32_t)sizeof(mreq) || len < sizeof(mreq))
			return false;
		memcpy(&mreq, p, sizeof(mreq));
		xb_char(b, '{');
		inet_field(b, "imr_multiaddr", AF_INET, &mreq.imr_multiaddr);
		xb_str(b, ", ");
		inet_field(b, "imr_interface", AF_INET, &mreq.imr_interface);
		xb_char(b, '}');
		return true;
	}
	if (level == SOL_PACKET && (name == PACKET_RX_RING || name == PACKET_TX_RING)) {
		if (optlen != sizeof(struct tpacket_req) || len != sizeof(struct tpacket_req))
			return false;
		int_fields(b, p, len, treq, 4, false);
		return true;
	}
	return false;
}

/* The options set_struct prints, or shows the address of. */
static bool set_decodes(unsigned int level, unsigned int name)
{
	switch (level) {
	case SOL_SOCKET:
		return name == SO_LINGER || name == SO_TXREHASH;
	case SOL_IP:
		return name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP ||
		       name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP;
	case SOL_IPV6:
		return name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP ||
		       name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST ||
		       name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP;
	case SOL_PACKET:
		return name == PACKET_RX_RING || name == PACKET_TX_RING ||
		       name == PACKET_ADD_MEMBERSHIP || name == PACKET_DROP_MEMBERSHIP;
	case SOL_RAW:
		return name == ICMP_FILTER;
	default:
		return false;
	}
}

/* setsockopt's value: the optlen bytes the process passed. */
bool render_setsockopt(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	unsigned int level = (unsigned int)x->c->args[1], name = (unsigned int)x->c->args[2];
	int32_t optlen = (int32_t)x->c->args[4];

	if (set_struct(b, level, name, p, len, optlen))
		return true;
	if (set_decodes(level, name))
		return false;
	if ((level == SOL_SOCKET && int_option(name)) || level == SOL_NETLINK) {
		if (optlen < 4 || len < 4)
			return false;
		bracket_int(b, p);
		return true;
	}
	if (optlen == 4 && len == 4) {
		bracket_int(b, p);
		return true;
	}
	/* the bytes as strace's printstrn reads them: all it wants or none */
	if (optlen < 0 || len < ((size_t)optlen < x->strsize ? (size_t)optlen : x->strsize))
		return false;
	render_quote(b, p, len < x->strsize ? len : x->strsize, (size_t)optlen > x->strsize);
	return true;
}
