/* Netlink messages, as strace's decode_netlink prints a buffer sent to or
 * received from a netlink socket: each message's header with the type and
 * flags of its socket's protocol (netlink.c), NLMSG_ERROR's error and the
 * message it answers, NLMSG_DONE's int, netfilter's, sock_diag's
 * (render_diag.c) and selinux's payloads, other payloads as bytes in hex. The socket's protocol is the
 * one the BPF program read from it (LT_CAP_SOCK). */
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <arpa/inet.h>
#include <linux/selinux_netlink.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/errtab.h"
#include "decode/internal.h"
#include "decode/netlink.h"
#include "decode/nlattr.h"
#include "decode/render.h"

/* The bytes at off..off+len, when all were copied. */
const uint8_t *nl_bytes(const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	return off + len <= nb->got ? nb->p + off : NULL;
}

/* strace's printstr_ex(QUOTE_FORCE_HEX): cut at -s, the address when the
 * bytes it reads (one past -s) cannot be read */
void nl_hex(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	unsigned strsize = nb->x->strsize;
	uint64_t want = len < strsize + 1ull ? len : strsize + 1ull;

	if (!nl_bytes(nb, off, want)) {
		xb_hex(b, nb->addr + off);
		return;
	}
	render_quote_hex(b, nb->p + off, len < strsize ? len : strsize, len > strsize);
}

enum nl_got nl_get(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		   size_t size, void *out)
{
	const uint8_t *p = nl_bytes(nb, off, size);

	if (len < size)
		return NL_SHORT;
	if (!p) {
		xb_hex(b, nb->addr + off);
		return NL_ADDR;
	}
	memcpy(out, p, size);
	return NL_OK;
}

static void nlmsg_with_payload(struct xbuf *b, const struct nlbuf *nb, const struct nlmsghdr *h,
			       uint64_t off, uint64_t len);

static void nlmsg_header(struct xbuf *b, int protocol, const struct nlmsghdr *h)
{
	xb_str(b, "{nlmsg_len=");
	xb_u64(b, h->nlmsg_len);
	xb_str(b, ", nlmsg_type=");
	netlink_type(b, protocol, h->nlmsg_type);
	xb_str(b, ", nlmsg_flags=");
	netlink_flags(b, protocol, h->nlmsg_type, h->nlmsg_flags);
	xb_str(b, ", nlmsg_seq=");
	xb_u64(b, h->nlmsg_seq);
	xb_str(b, ", nlmsg_pid=");
	xb_i64(b, (int32_t)h->nlmsg_pid);
	xb_char(b, '}');
}

/* NLMSG_ERROR: the error and the header of the message it answers */
static void nlmsgerr(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		     bool capped)
{
	const uint8_t *p = nl_bytes(nb, off, sizeof(struct nlmsgerr));
	struct nlmsgerr err;
	uint64_t payload, msg_len;

	if (len < sizeof(err)) {
		nl_hex(b, nb, off, len);
		return;
	}
	if (!p) {
		xb_hex(b, nb->addr + off);
		return;
	}
	memcpy(&err, p, sizeof(err));
	off += offsetof(struct nlmsgerr, msg);
	len -= offsetof(struct nlmsgerr, msg);
	msg_len = err.msg.nlmsg_len > sizeof(err.msg) ? err.msg.nlmsg_len : sizeof(err.msg);
	payload = capped ? sizeof(err.msg) : msg_len;
	if (payload > len)
		payload = len;
	if (len > payload)
		xb_char(b, '[');
	xb_str(b, "{error=");
	if (err.error < 0 && errtab_name(-err.error)) {
		xb_char(b, '-');
		xb_str(b, errtab_name(-err.error));
	} else {
		xb_i64(b, err.error);
	}
	xb_str(b, ", msg=");
	nlmsg_with_payload(b, nb, &err.msg, off, payload);
	xb_char(b, '}');
	if (len > payload) {
		xb_str(b, ", ");
		nl_hex(b, nb, off + payload, len - payload);
		xb_char(b, ']');
	}
}

/* decode_nla_str: at most -s bytes, the last left out when it is a NUL,
 * "..." after when it is not */
static void nla_str(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	unsigned strsize = nb->x->strsize;
	uint64_t want = len < strsize + 1ull ? len : strsize + 1ull;
	uint64_t n = len < strsize ? len : strsize;
	const uint8_t *p = nl_bytes(nb, off, want);

	if (!p) {
		xb_hex(b, nb->addr + off);
		return;
	}
	if (n && !p[n - 1])
		render_quote(b, p, n - 1, false);
	else
		render_quote(b, p, n, len > 0);
}

/* printstr_ex(QUOTE_0_TERMINATED): to the NUL, at most -s bytes; "..."
 * when there is none before the end or -s */
static void nla_cstr(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len)
{
	unsigned strsize = nb->x->strsize;
	uint64_t want = len < strsize + 1ull ? len : strsize + 1ull;
	uint64_t n = len < strsize ? len : strsize;
	const uint8_t *p = nl_bytes(nb, off, want);
	const uint8_t *nul;

	if (!p) {
		xb_hex(b, nb->addr + off);
		return;
	}
	nul = memchr(p, 0, n);
	if (nul)
		render_quote(b, p, (size_t)(nul - p), false);
	else
		render_quote(b, p, n, !(len > strsize && !p[strsize]));
}

/* The data of one attribute of kind k: false when strace prints it in hex */
static bool nla_data(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		     unsigned int k, const struct nla_table *t, const void *ctx)
{
	static const uint8_t size[] = {
		[NLA_K_U8] = 1, [NLA_K_U16] = 2, [NLA_K_U32] = 4, [NLA_K_U64] = 8,
		[NLA_K_S32] = 4, [NLA_K_X32] = 4, [NLA_K_IFINDEX] = 4,
	};
	uint64_t v = 0;

	if (k >= NLA_K_OWN)
		return t->decode && t->decode(b, nb, off, len, k, ctx);
	if (k == NLA_K_HEX)
		return false;
	if (k == NLA_K_STR) {
		nla_str(b, nb, off, len);
		return true;
	}
	if (k == NLA_K_CSTR) {
		nla_cstr(b, nb, off, len);
		return true;
	}
	switch (nl_get(b, nb, off, len, size[k], &v)) {
	case NL_SHORT:
		return false;
	case NL_ADDR:
		return true;
	case NL_OK:
		break;
	}
	switch (k) {
	case NLA_K_U8:
		xb_u64(b, (uint8_t)v);
		break;
	case NLA_K_U16:
		xb_u64(b, (uint16_t)v);
		break;
	case NLA_K_U32:
		xb_u64(b, (uint32_t)v);
		break;
	case NLA_K_S32:
		xb_i64(b, (int32_t)v);
		break;
	case NLA_K_X32:
		xb_hex(b, (uint32_t)v);
		break;
	case NLA_K_IFINDEX:
		render_ifindex(b, (uint32_t)v);
		break;
	default:
		xb_u64(b, v);
		break;
	}
	return true;
}

/* One attribute: its header, and its data as the table says */
static void nlattr_one(struct xbuf *b, const struct nlbuf *nb, const struct nlattr *a,
		       uint64_t off, uint64_t len, const struct nla_table *t, const void *ctx)
{
	uint64_t nla_len = a->nla_len < len ? a->nla_len : len;
	unsigned int type = a->nla_type & NLA_TYPE_MASK;

	if (nla_len > NLA_HDRLEN)
		xb_char(b, '[');
	xb_str(b, "{nla_len=");
	xb_u64(b, a->nla_len);
	xb_str(b, ", nla_type=");
	if (a->nla_type & NLA_F_NESTED)
		xb_str(b, "NLA_F_NESTED|");
	if (a->nla_type & NLA_F_NET_BYTEORDER)
		xb_str(b, "NLA_F_NET_BYTEORDER|");
	if (t && t->names)
		xlat_enum(b, t->names, type, t->dflt, XN_HEX);
	else
		xb_hex(b, type);
	xb_char(b, '}');
	if (nla_len > NLA_HDRLEN) {
		xb_str(b, ", ");
		if (!t || type >= t->n ||
		    !nla_data(b, nb, off + NLA_HDRLEN, nla_len - NLA_HDRLEN, t->kinds[type], t, ctx))
			nl_hex(b, nb, off + NLA_HDRLEN, nla_len - NLA_HDRLEN);
		xb_char(b, ']');
	}
}

void nlattrs(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
	     const struct nla_table *t, const void *ctx)
{
	bool array = false;

	for (unsigned int elt = 0;; elt++) {
		struct nlattr a;
		const uint8_t *p;
		uint64_t next = 0, a_len;

		if (len < sizeof(a)) {
			nl_hex(b, nb, off, len);
			break;
		}
		p = nl_bytes(nb, off, sizeof(a));
		if (!p) {
			if (array)
				xb_str(b, "... /* ");
			xb_hex(b, nb->addr + off);
			if (array)
				xb_str(b, " */");
			break;
		}
		if (elt == nb->x->strsize) {
			xb_str(b, "...");
			break;
		}
		memcpy(&a, p, sizeof(a));
		a_len = NLA_ALIGN(a.nla_len);
		if (a.nla_len >= NLA_HDRLEN && len > a_len)
			next = a_len;
		if (!array && next) {
			xb_char(b, '[');
			array = true;
		}
		nlattr_one(b, nb, &a, off, len, t, ctx);
		if (!next)
			break;
		xb_str(b, ", ");
		off += next;
		len -= next;
	}
	if (array)
		xb_char(b, ']');
}

/* NETLINK_NETFILTER's struct nfgenmsg, then attributes */
static bool netfilter_payload(struct xbuf *b, const struct nlbuf *nb, const struct nlmsghdr *h,
			      uint64_t off, uint64_t len)
{
	uint8_t subsys = (uint8_t)(h->nlmsg_type >> 8);
	const uint8_t *p = nl_bytes(nb, off, sizeof(struct nfgenmsg));
	struct nfgenmsg m;
	uint16_t res_id;

	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	if (len < sizeof(m)) {
		nl_hex(b, nb, off, len);
		return true;
	}
	if (!p) {
		xb_hex(b, nb->addr + off);
		return true;
	}
	memcpy(&m, p, sizeof(m));
	res_id = ntohs(m.res_id);
	xb_str(b, "{nfgen_family=");
	xlat_enum(b, &xlat_address_families, m.nfgen_family, "AF_???", XN_HEX);
	xb_str(b, ", version=");
	xb_str(b, m.version == NFNETLINK_V0 ? "NFNETLINK_V0" : "");
	if (m.version != NFNETLINK_V0) {
		xb_hex(b, m.version);
		xb_str(b, " /* NFNETLINK_??? */");
	}
	xb_str(b, ", res_id=");
	/* linux v4.3 had res_id the wrong way round: strace says which */
	if (subsys == NFNL_SUBSYS_NFTABLES && res_id == NFNL_SUBSYS_NFTABLES) {
		xb_str(b, "htons(NFNL_SUBSYS_NFTABLES)");
	} else if (subsys == NFNL_SUBSYS_NFTABLES && m.res_id == NFNL_SUBSYS_NFTABLES) {
		xb_str(b, "NFNL_SUBSYS_NFTABLES");
	} else {
		xb_str(b, "htons(");
		xb_u64(b, res_id);
		xb_char(b, ')');
	}
	xb_char(b, '}');
	if (len > NLMSG_ALIGN(sizeof(m))) {
		xb_str(b, ", ");
		if ((h->nlmsg_type >= NFNL_MSG_BATCH_BEGIN && h->nlmsg_type <= NFNL_MSG_BATCH_END) ||
		    h->nlmsg_type < NLMSG_MIN_TYPE)
			nl_hex(b, nb, off + NLMSG_ALIGN(sizeof(m)), len - NLMSG_ALIGN(sizeof(m)));
		else
			nlattrs(b, nb, off + NLMSG_ALIGN(sizeof(m)), len - NLMSG_ALIGN(sizeof(m)),
				NULL, NULL);
	}
	return true;
}

/* NETLINK_SELINUX's two messages: an int each */
static bool selinux_payload(struct xbuf *b, const struct nlbuf *nb, const struct nlmsghdr *h,
			    uint64_t off, uint64_t len)
{
	const uint8_t *p = nl_bytes(nb, off, 4);
	uint32_t v;

	if ((h->nlmsg_type != SELNL_MSG_SETENFORCE && h->nlmsg_type != SELNL_MSG_POLICYLOAD) ||
	    len < 4)
		return false;
	if (!p) {
		xb_hex(b, nb->addr + off);
		return true;
	}
	memcpy(&v, p, sizeof(v));
	if (h->nlmsg_type == SELNL_MSG_SETENFORCE) {
		xb_str(b, "{val=");
		xb_i64(b, (int32_t)v);
	} else {
		xb_str(b, "{seqno=");
		xb_u64(b, v);
	}
	xb_char(b, '}');
	return true;
}

static void payload(struct xbuf *b, const struct nlbuf *nb, const struct nlmsghdr *h,
		    uint64_t off, uint64_t len)
{
	const uint8_t *p;
	int32_t num;

	if (h->nlmsg_type == NLMSG_ERROR) {
		nlmsgerr(b, nb, off, len, h->nlmsg_flags & NLM_F_CAPPED);
		return;
	}
	if ((h->nlmsg_type >= NLMSG_MIN_TYPE || h->nlmsg_type == NLMSG_DONE) &&
	    ((nb->protocol == NETLINK_NETFILTER && netfilter_payload(b, nb, h, off, len)) ||
	     (nb->protocol == NETLINK_ROUTE && h->nlmsg_type != NLMSG_DONE &&
	      rtnl_payload(b, nb, h->nlmsg_type, off, len)) ||
	     (nb->protocol == NETLINK_SOCK_DIAG &&
	      diag_payload(b, nb, h->nlmsg_type, h->nlmsg_flags, off, len)) ||
	     (nb->protocol == NETLINK_SELINUX && h->nlmsg_type >= NLMSG_MIN_TYPE &&
	      selinux_payload(b, nb, h, off, len))))
		return;
	if (h->nlmsg_type == NLMSG_DONE && len == sizeof(num)) {
		p = nl_bytes(nb, off, sizeof(num));
		if (!p) {
			xb_hex(b, nb->addr + off);
			return;
		}
		memcpy(&num, p, sizeof(num));
		xb_i64(b, num);
		return;
	}
	nl_hex(b, nb, off, len);
}

static void nlmsg_with_payload(struct xbuf *b, const struct nlbuf *nb, const struct nlmsghdr *h,
			       uint64_t off, uint64_t len)
{
	uint64_t msg_len = h->nlmsg_len < len ? h->nlmsg_len : len;

	if (msg_len > NLMSG_HDRLEN)
		xb_char(b, '[');
	nlmsg_header(b, nb->protocol, h);
	if (msg_len > NLMSG_HDRLEN) {
		xb_str(b, ", ");
		payload(b, nb, h, off + NLMSG_HDRLEN, msg_len - NLMSG_HDRLEN);
		xb_char(b, ']');
	}
}

void render_netlink(struct xbuf *b, const struct rctx *x, int protocol, uint64_t addr,
		    const uint8_t *p, size_t got, uint64_t len)
{
	struct nlbuf nb = { x, protocol, addr, p, got };
	uint64_t off = 0;
	bool array = false;

	for (unsigned int elt = 0;; elt++) {
		struct nlmsghdr h;
		uint64_t msg_len, next;

		if (len - off < sizeof(h)) {
			nl_hex(b, &nb, off, len - off);
			break;
		}
		if (!nl_bytes(&nb, off, sizeof(h))) {
			if (array) {
				xb_str(b, "... /* ");
				xb_hex(b, addr + off);
				xb_str(b, " */");
			} else {
				xb_hex(b, addr + off);
			}
			break;
		}
		if (elt == x->strsize) {
			xb_str(b, "...");
			break;
		}
		memcpy(&h, p + off, sizeof(h));
		msg_len = NLMSG_ALIGN(h.nlmsg_len);
		next = h.nlmsg_len >= NLMSG_HDRLEN && len - off > msg_len ? off + msg_len : 0;
		if (!array && next) {
			xb_char(b, '[');
			array = true;
		}
		nlmsg_with_payload(b, &nb, &h, off, len - off);
		if (!next)
			break;
		xb_str(b, ", ");
		off = next;
	}
	if (array)
		xb_char(b, ']');
}

bool capture_netlink(const struct call *c, int *protocol)
{
	const struct lt_cap *s = capture_find(c->cap_enter, 0);
	uint16_t info[2];

	if (!s || s->kind != LT_CAP_SOCK || s->flags & LT_CAPF_FAULT || s->len < sizeof(info))
		return false;
	memcpy(info, capture_bytes(s), sizeof(info));
	*protocol = info[1];
	return info[0] == AF_NETLINK;
}

/* sendto's and recvfrom's buffer: netlink messages on a netlink socket,
 * else the bytes as a string (false: capture.c prints them) */
bool render_sockbuf(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int protocol;
	uint64_t size;

	if (!capture_netlink(x->c, &protocol))
		return false;
	size = x->rule->cap == LT_CAP_BUF_OUT ? (uint64_t)x->c->ret : render_arg(x, x->rule->lenarg);
	render_netlink(b, x, protocol, x->c->args[x->i], p, len, size);
	return true;
}
