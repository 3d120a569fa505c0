/* How socket addresses, their lengths and message headers print. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>

/* if_indextoname, without net/if.h (linux/if_packet.h's users avoid it) */
extern char *if_indextoname(unsigned int index, char *name);
#define IF_NAMESIZE 16
/* the kernel's SIN6_LEN_RFC2133: sockaddr_in6 before sin6_scope_id */
#define SIN6_MIN_LEN 24

#include "decode/internal.h"
#include "decode/render.h"

/* strace's print_sockaddr_data_un: the path up to its NUL, an abstract
 * name ("@") with all its bytes, quoted either way; never a byte past
 * the struct's or the length's end. */
static void render_sun_path(const uint8_t *p, size_t len, struct xbuf *b)
{
	const size_t off = offsetof(struct sockaddr_un, sun_path);
	size_t plen;

	xb_str(b, "{sa_family=AF_UNIX");
	if (len > off) {
		if (len > sizeof(struct sockaddr_un))
			len = sizeof(struct sockaddr_un);
		plen = len - off;
		xb_str(b, ", sun_path=");
		if (p[off]) {
			render_quote(b, p + off, strnlen((const char *)p + off, plen), false);
		} else {
			xb_char(b, '@');
			render_quote(b, p + off + 1, plen - 1, false);
		}
	}
	xb_char(b, '}');
}

/* An interface index, by name when this machine has it: strace's
 * PRINT_FIELD_IFINDEX. */
void render_ifindex(struct xbuf *b, unsigned int index)
{
	char name[IF_NAMESIZE];

	if (index && if_indextoname(index, name)) {
		xb_str(b, "if_nametoindex(");
		render_quote(b, (const uint8_t *)name, strlen(name), false);
		xb_char(b, ')');
	} else {
		xb_u64(b, index);
	}
}

static void sockaddr_in(const uint8_t *p, struct xbuf *b)
{
	char addr[INET_ADDRSTRLEN];
	struct sockaddr_in in;

	memcpy(&in, p, sizeof(in));
	inet_ntop(AF_INET, &in.sin_addr, addr, sizeof(addr));
	xb_str(b, "sin_port=htons(");
	xb_u64(b, ntohs(in.sin_port));
	xb_str(b, "), sin_addr=inet_addr(\"");
	xb_str(b, addr);
	xb_str(b, "\")");
}

/* sin6_scope_id only when the length holds it; an interface for the
 * link-local addresses, a number for the others */
static void sockaddr_in6(const uint8_t *p, size_t len, struct xbuf *b)
{
	char addr[INET6_ADDRSTRLEN];
	struct sockaddr_in6 in6 = { 0 };

	memcpy(&in6, p, len < sizeof(in6) ? len : sizeof(in6));
	inet_ntop(AF_INET6, &in6.sin6_addr, addr, sizeof(addr));
	xb_str(b, "sin6_port=htons(");
	xb_u64(b, ntohs(in6.sin6_port));
	xb_str(b, "), sin6_flowinfo=htonl(");
	xb_u64(b, ntohl(in6.sin6_flowinfo));
	xb_str(b, "), inet_pton(AF_INET6, \"");
	xb_str(b, addr);
	xb_str(b, "\", &sin6_addr)");
	if (len <= SIN6_MIN_LEN)
		return;
	xb_str(b, ", sin6_scope_id=");
	if (IN6_IS_ADDR_LINKLOCAL(&in6.sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&in6.sin6_addr))
		render_ifindex(b, in6.sin6_scope_id);
	else
		xb_u64(b, in6.sin6_scope_id);
}

static void sockaddr_nl(const uint8_t *p, struct xbuf *b)
{
	struct sockaddr_nl nl;

	memcpy(&nl, p, sizeof(nl));
	if (nl.nl_pad) {
		xb_str(b, "nl_pad=");
		xb_hex(b, nl.nl_pad);
		xb_str(b, ", ");
	}
	xb_str(b, "nl_pid=");
	xb_i64(b, (int32_t)nl.nl_pid);
	xb_str(b, ", nl_groups=");
	xb_printf(b, "%#0*llx", 8, (unsigned long long)nl.nl_groups);
}

static void sockaddr_ll(const uint8_t *p, size_t len, struct xbuf *b)
{
	struct sockaddr_ll ll;
	size_t oob = len - offsetof(struct sockaddr_ll, sll_addr);

	memcpy(&ll, p, sizeof(ll));
	xb_str(b, "sll_protocol=htons(");
	xlat_enum(b, &xlat_ethernet_protocols, ntohs(ll.sll_protocol), "ETH_P_???", XN_HEX);
	xb_str(b, "), sll_ifindex=");
	render_ifindex(b, (unsigned int)ll.sll_ifindex);
	xb_str(b, ", sll_hatype=");
	xlat_enum(b, &xlat_arp_hardware_types, ll.sll_hatype, "ARPHRD_???", XN_HEX);
	xb_str(b, ", sll_pkttype=");
	xlat_enum(b, &xlat_af_packet_types, ll.sll_pkttype, "PACKET_???", XN_HEX);
	xb_str(b, ", sll_halen=");
	xb_u64(b, ll.sll_halen);
	if (!ll.sll_halen)
		return;
	xb_str(b, ", sll_addr=[");
	for (unsigned int i = 0; i < ll.sll_halen; i++) {
		if (i)
			xb_str(b, ", ");
		if (i >= oob) {
			xb_str(b, "...");
			break;
		}
		xb_printf(b, "%#0*llx", 2, (unsigned long long)p[offsetof(struct sockaddr_ll, sll_addr) + i]);
	}
	xb_char(b, ']');
}

/* strace's print_sockaddr: the family, then its fields when the length
 * holds the family's struct, else the bytes ("sa_data") */
bool render_sockaddr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	sa_family_t family;

	(void)x;
	if (len < sizeof(family)) {
		xb_str(b, "{}");
		return true;
	}
	memcpy(&family, p, sizeof(family));
	if (family == AF_UNIX) {
		render_sun_path(p, len, b);
		return true;
	}
	xb_str(b, "{sa_family=");
	xlat_enum(b, &xlat_address_families, family, "AF_???", XN_HEX);
	if (len > sizeof(family)) {
		xb_str(b, ", ");
		if (family == AF_INET && len >= sizeof(struct sockaddr_in)) {
			sockaddr_in(p, b);
		} else if (family == AF_INET6 && len >= SIN6_MIN_LEN) {
			sockaddr_in6(p, len, b);
		} else if (family == AF_NETLINK && len >= sizeof(struct sockaddr_nl)) {
			sockaddr_nl(p, b);
		} else if (family == AF_PACKET && len >= sizeof(struct sockaddr_ll)) {
			sockaddr_ll(p, len, b);
		} else {
			xb_str(b, "sa_data=");
			render_quote(b, p + sizeof(family), len - sizeof(family), false);
		}
	}
	xb_char(b, '}');
	return true;
}

/* accept's and getsockname's address: as long as the shorter of the
 * buffer and the address, nothing when the call failed or wrote none. */
bool render_sockaddr_out(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;
	const struct lt_cap *in = NULL;
	uint32_t room;

	if (!render_call_ok(x->c) || !len)
		return false;
	if (r->lenarg < x->d->nargs)
		in = capture_find(x->c->cap_enter, r->lenarg);
	if (in && !(in->flags & LT_CAPF_FAULT) && in->len >= sizeof(room)) {
		memcpy(&room, capture_bytes(in), sizeof(room));
		if (room < len)
			len = room;
	}
	return render_sockaddr(x, p, len, b);
}

/* The socklen_t the kernel reads and writes back: [in => out], [out] when
 * the same, [in] when the call failed; a pointer when there is no address. */
bool render_socklen(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint32_t in, out;

	/* the address is the argument before the length in all of them */
	if (!x->c->args[x->i - 1] || len < sizeof(in))
		return false;
	memcpy(&in, p, sizeof(in));
	xb_char(b, '[');
	xb_u64(b, in);
	if (render_call_ok(x->c) && x->out && x->out->len >= sizeof(out)) {
		memcpy(&out, capture_bytes(x->out), sizeof(out));
		if (out != in) {
			xb_str(b, " => ");
			xb_u64(b, out);
		}
	}
	xb_char(b, ']');
	return true;
}

/* sendmsg's and recvmsg's struct msghdr: the name, its length (recvmsg's
 * "110 => 16"), the iovecs, the control messages (render_cmsg.c); a
 * failed recvmsg shows the length that went in. */
bool render_msghdr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;
	bool out = r->cap == LT_CAP_MSG_OUT;
	/* sendmsg's copy again at exit, when a buffer's page was untouched */
	const struct lt_cap *again = x->out && x->out->kind == LT_CAP_MSG_IN ? x->out : NULL;
	const struct lt_cap *all = out ? x->out : again ? again : x->in, *vec;
	struct lt_msg m, in;
	uint32_t namelen;
	struct rctx nlx;
	int protocol;

	(void)p, (void)len;
	if (out) {
		if (!x->in || x->in->len < LT_MSGHDR_SIZE)
			return false;
		memcpy(&in, capture_bytes(x->in), LT_MSGHDR_SIZE);
		if (!render_call_ok(x->c) || !all || all->len < sizeof(m) + sizeof(*vec)) {
			xb_str(b, "{msg_namelen=");
			xb_u64(b, in.namelen);
			xb_char(b, '}');
			return true;
		}
	} else if (!all || all->len < sizeof(m) + sizeof(*vec)) {
		return false;
	}
	memcpy(&m, capture_bytes(all), sizeof(m));
	/* recvmsg: as much of the name as the buffer took */
	namelen = out && in.namelen < m.namelen ? in.namelen : m.namelen;
	if (namelen > LT_MSG_NAME_MAX)
		namelen = LT_MSG_NAME_MAX;
	xb_str(b, "{msg_name=");
	if (!m.name)
		xb_str(b, "NULL");
	else if (namelen && m.name_got >= (int32_t)namelen)
		render_sockaddr(x, m.name_bytes, namelen, b);
	else
		xb_hex(b, m.name);
	xb_str(b, ", msg_namelen=");
	if (out && in.namelen != m.namelen) {
		xb_u64(b, in.namelen);
		xb_str(b, " => ");
	}
	xb_u64(b, m.namelen);
	xb_str(b, ", msg_iov=");
	vec = (const struct lt_cap *)(capture_bytes(all) + sizeof(m));
	/* strace decodes the iovecs as netlink messages when the name it
	 * printed is a netlink one, by the socket's protocol */
	nlx = *x;
	if (m.name && namelen >= 2 && m.name_got >= 2 && m.name_bytes[0] == AF_NETLINK &&
	    !m.name_bytes[1] && capture_netlink(x->c, &protocol))
		nlx.netlink = protocol + 1;
	if (!m.iov)
		xb_str(b, "NULL");
	else if (vec->flags & LT_CAPF_FAULT ||
		 sizeof(m) + sizeof(*vec) + vec->len > all->len ||
		 !render_iovecs(&nlx, capture_bytes(vec), vec->len, out, m.iovlen, b))
		xb_hex(b, m.iov);
	xb_str(b, ", msg_iovlen=");
	xb_u64(b, m.iovlen);
	if (m.controllen) {
		xb_str(b, ", msg_control=");
		if (m.control_got < 0)
			xb_hex(b, m.control);
		else
			render_cmsgs(x, m.control, m.controllen, m.control_bytes,
				     (size_t)m.control_got, b);
	}
	xb_str(b, ", msg_controllen=");
	xb_u64(b, m.controllen);
	xb_str(b, ", msg_flags=");
	xlat_flags(b, &xlat_msg_flags, m.flags, "MSG_???");
	xb_char(b, '}');
	return true;
}
