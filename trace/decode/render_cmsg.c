/* sendmsg's and recvmsg's control messages, as strace's decode_msg_control
 * prints them: "msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET,
 * cmsg_type=SCM_RIGHTS, cmsg_data=[3]}]", from the first
 * LT_MSG_CONTROL_MAX bytes the BPF program copied. */
#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/internal.h"
#include "decode/render.h"

/* strace reads at most net.core.optmem_max bytes of control messages:
 * the kernel's default (128 KiB since Linux 6.9), rounded as strace does */
#define OPTMEM_MAX (128 * 1024)

/* the kernel's include/linux/socket.h value, which no uapi header exports */
#ifndef SCM_SECURITY
#define SCM_SECURITY 3
#endif


struct cmsg_ctx {
	struct xbuf *b;
	const struct rctx *x;
};

/* An array of n elements of size bytes at p, at most -s of them. */
static void array(const struct cmsg_ctx *c, const uint8_t *p, size_t n, size_t size,
		  void (*elem)(struct xbuf *b, const uint8_t *p))
{
	xb_char(c->b, '[');
	for (size_t i = 0; i < n; i++) {
		if (!render_array_elem(c->b, (unsigned int)i, c->x))
			break;
		elem(c->b, p + i * size);
	}
	xb_char(c->b, ']');
}

static void elem_int(struct xbuf *b, const uint8_t *p)
{
	int32_t v;

	memcpy(&v, p, sizeof(v));
	xb_i64(b, v);
}

static void elem_uint(struct xbuf *b, const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	xb_u64(b, v);
}

static void elem_xbyte(struct xbuf *b, const uint8_t *p)
{
	xb_hex(b, *p);
}

static void time_pair(struct xbuf *b, const uint8_t *p, const char *frac)
{
	int64_t t[2];

	memcpy(t, p, sizeof(t));
	xb_str(b, "{tv_sec=");
	xb_i64(b, t[0]);
	xb_str(b, ", ");
	xb_str(b, frac);
	xb_char(b, '=');
	xb_u64(b, (uint64_t)t[1]);
	xb_char(b, '}');
}

static void elem_timespec(struct xbuf *b, const uint8_t *p)
{
	time_pair(b, p, "tv_nsec");
}

static void inet_addr_field(struct xbuf *b, const char *name, const void *addr)
{
	char text[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, addr, text, sizeof(text));
	xb_str(b, name);
	xb_str(b, "=inet_addr(\"");
	xb_str(b, text);
	xb_str(b, "\")");
}

/* SOL_SOCKET's: the data of a type strace decodes, when long enough */
static bool socket_data(const struct cmsg_ctx *c, int type, const uint8_t *p, size_t len)
{
	struct xbuf *b = c->b;
	struct ucred uc;

	switch (type) {
	case SCM_RIGHTS:
		if (len < 4)
			return false;
		array(c, p, len / 4, 4, elem_int);
		return true;
	case SCM_CREDENTIALS:
		if (len < sizeof(uc))
			return false;
		memcpy(&uc, p, sizeof(uc));
		xb_str(b, "{pid=");
		xb_i64(b, uc.pid);
		xb_str(b, ", uid=");
		xb_u64(b, uc.uid);
		xb_str(b, ", gid=");
		xb_u64(b, uc.gid);
		xb_char(b, '}');
		return true;
	case SCM_SECURITY:
		if (len < 1)
			return false;
		render_quote(b, p, len, false);
		return true;
	case SO_TIMESTAMP_OLD:
	case SO_TIMESTAMP_NEW:
		if (len < 16)
			xb_str(b, "???");
		else
			time_pair(b, p, "tv_usec");
		return len >= 1;
	case SO_TIMESTAMPNS_OLD:
	case SO_TIMESTAMPNS_NEW:
		if (len < 16)
			xb_str(b, "???");
		else
			elem_timespec(b, p);
		return len >= 1;
	case SO_TIMESTAMPING_OLD:
	case SO_TIMESTAMPING_NEW:
		if (len < 48)
			xb_str(b, "???");
		else
			array(c, p, 3, 16, elem_timespec);
		return len >= 1;
	default:
		return false;
	}
}

/* SOL_IP's */
static bool ip_data(const struct cmsg_ctx *c, int type, const uint8_t *p, size_t len)
{
	struct xbuf *b = c->b;
	struct in_pktinfo info;
	struct sock_extended_err ee;

	switch (type) {
	case IP_PKTINFO:
		if (len < sizeof(info))
			return false;
		memcpy(&info, p, sizeof(info));
		xb_str(b, "{ipi_ifindex=");
		render_ifindex(b, (unsigned int)info.ipi_ifindex);
		xb_str(b, ", ");
		inet_addr_field(b, "ipi_spec_dst", &info.ipi_spec_dst);
		xb_str(b, ", ");
		inet_addr_field(b, "ipi_addr", &info.ipi_addr);
		xb_char(b, '}');
		return true;
	case IP_TTL:
	case IP_CHECKSUM:
		if (len < 4)
			return false;
		array(c, p, len / 4, 4, elem_uint);
		return true;
	case IP_TOS:
	case IP_RECVOPTS:
	case IP_RETOPTS:
		if (len < 1)
			return false;
		array(c, p, len, 1, elem_xbyte);
		return true;
	case IP_RECVERR:
		if (len < sizeof(ee) + sizeof(struct sockaddr_in))
			return false;
		memcpy(&ee, p, sizeof(ee));
		xb_str(b, "{ee_errno=");
		xb_u64(b, ee.ee_errno);
		xb_str(b, ", ee_origin=");
		xb_u64(b, ee.ee_origin);
		xb_str(b, ", ee_type=");
		xb_u64(b, ee.ee_type);
		xb_str(b, ", ee_code=");
		xb_u64(b, ee.ee_code);
		xb_str(b, ", ee_info=");
		xb_u64(b, ee.ee_info);
		xb_str(b, ", ee_data=");
		xb_u64(b, ee.ee_data);
		xb_str(b, ", offender=");
		render_sockaddr(NULL, p + sizeof(ee), sizeof(struct sockaddr_in), b);
		xb_char(b, '}');
		return true;
	case IP_ORIGDSTADDR:
		if (len < sizeof(struct sockaddr_in))
			return false;
		render_sockaddr(NULL, p, len < 128 ? len : 128, b);
		return true;
	case SCM_SECURITY:
		if (len < 1)
			return false;
		render_quote(b, p, len, false);
		return true;
	default:
		return false;
	}
}

static void type_and_data(const struct cmsg_ctx *c, int level, int type, const uint8_t *p,
			  size_t len)
{
	struct xbuf *b = c->b;
	char text[4096];
	struct xbuf data;
	bool shown;

	xb_init(&data, text, sizeof(text));
	switch (level) {
	case SOL_SOCKET:
		xlat_enum(b, &xlat_scmvals, (uint32_t)type, "SCM_???", XN_HEX);
		shown = socket_data(&(struct cmsg_ctx){ &data, c->x }, type, p, len);
		break;
	case SOL_IP:
		xlat_enum(b, &xlat_ip_cmsg_types, (uint32_t)type, "IP_???", XN_HEX);
		shown = ip_data(&(struct cmsg_ctx){ &data, c->x }, type, p, len);
		break;
	default:
		xb_hex(b, (uint32_t)type);
		return;
	}
	if (shown) {
		xb_str(b, ", cmsg_data=");
		xb_str(b, text);
	}
}

/* The control messages of a msghdr: controllen as the header says, got
 * of them copied at p. */
void render_cmsgs(const struct rctx *x, uint64_t control, uint64_t controllen, const uint8_t *p,
		  size_t got, struct xbuf *b)
{
	const size_t hdr = sizeof(struct cmsghdr);
	size_t control_len = controllen < OPTMEM_MAX ? controllen : OPTMEM_MAX;
	size_t buf_len = control_len, off = 0;
	struct cmsg_ctx c = { b, x };

	if (control_len < hdr || got < hdr) {
		xb_hex(b, control);
		return;
	}
	xb_char(b, '[');
	while (buf_len >= hdr && off + hdr <= got) {
		struct cmsghdr h;
		uint64_t len;

		memcpy(&h, p + off, hdr);
		if (off)
			xb_str(b, ", ");
		xb_str(b, "{cmsg_len=");
		xb_u64(b, h.cmsg_len);
		xb_str(b, ", cmsg_level=");
		xlat_enum(b, &xlat_socket_levels, (uint32_t)h.cmsg_level, "SOL_???", XN_HEX);
		xb_str(b, ", cmsg_type=");
		len = h.cmsg_len > buf_len ? buf_len : h.cmsg_len;
		if (len > hdr) {
			size_t have = got - off - hdr;

			type_and_data(&c, h.cmsg_level, h.cmsg_type, p + off + hdr,
				      len - hdr < have ? len - hdr : have);
		} else {
			type_and_data(&c, h.cmsg_level, h.cmsg_type, p, 0);
		}
		xb_char(b, '}');
		if (len < hdr) {
			buf_len -= hdr;
			break;
		}
		len = (h.cmsg_len + 7) & ~(uint64_t)7;
		if (len >= buf_len) {
			buf_len = 0;
			break;
		}
		off += len;
		buf_len -= len;
	}
	if (buf_len) {
		xb_str(b, ", ... /* ");
		xb_hex(b, control + (control_len - buf_len));
		xb_str(b, " */");
	} else if (control_len < controllen) {
		xb_str(b, ", ...");
	}
	xb_char(b, ']');
}
