/* How socket addresses, their lengths and message headers print. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "decode/internal.h"
#include "decode/render.h"

bool render_sockaddr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	char text[256], addr[INET6_ADDRSTRLEN];
	sa_family_t family;

	(void)x;
	if (len < sizeof(family)) {
		xb_str(b, "{}");
		return true;
	}
	memcpy(&family, p, sizeof(family));
	if (family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in;

		memcpy(&in, p, sizeof(in));
		inet_ntop(AF_INET, &in.sin_addr, addr, sizeof(addr));
		snprintf(text, sizeof(text),
			 "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}",
			 ntohs(in.sin_port), addr);
	} else if (family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 in6;

		memcpy(&in6, p, sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, addr, sizeof(addr));
		snprintf(text, sizeof(text),
			 "{sa_family=AF_INET6, sin6_port=htons(%u), sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, \"%s\", &sin6_addr), sin6_scope_id=%u}",
			 ntohs(in6.sin6_port), ntohl(in6.sin6_flowinfo), addr, in6.sin6_scope_id);
	} else if (family == AF_UNIX) {
		size_t plen = len - offsetof(struct sockaddr_un, sun_path);
		const char *path = (const char *)p + offsetof(struct sockaddr_un, sun_path);

		if (len <= offsetof(struct sockaddr_un, sun_path))
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX}");
		else if (path[0] == '\0')
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=@\"%.*s\"}",
				 (int)plen - 1, path + 1);
		else
			snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=\"%.*s\"}",
				 (int)strnlen(path, plen), path);
	} else if (family == AF_INET || family == AF_INET6) {
		/* shorter than the family's struct: strace shows the bytes */
		xb_str(b, "{sa_family=");
		xlat_enum(b, &xlat_address_families, family, NULL, XN_DEC);
		xb_str(b, ", sa_data=");
		render_quote(b, p + sizeof(family), len - sizeof(family), false);
		xb_char(b, '}');
		return true;
	} else {
		snprintf(text, sizeof(text), "{sa_family=%u, ...}", family);
	}
	xb_str(b, text);
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
 * "110 => 16"), the iovecs; a failed recvmsg shows the length that went
 * in. Control messages are not decoded: such a msghdr stays a pointer. */
bool render_msghdr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;
	bool out = r->cap == LT_CAP_MSG_OUT;
	/* sendmsg's copy again at exit, when a buffer's page was untouched */
	const struct lt_cap *again = x->out && x->out->kind == LT_CAP_MSG_IN ? x->out : NULL;
	const struct lt_cap *all = out ? x->out : again ? again : x->in, *vec;
	struct lt_msg m, in;

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
	if (m.controllen)
		return false;
	xb_str(b, "{msg_name=");
	if (!m.name)
		xb_str(b, "NULL");
	else if (m.name_got > 0 && m.namelen)
		render_sockaddr(x, m.name_bytes, m.namelen < (uint32_t)m.name_got ? m.namelen :
					    (size_t)m.name_got, b);
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
	if (!m.iov)
		xb_str(b, "NULL");
	else if (vec->flags & LT_CAPF_FAULT ||
		 sizeof(m) + sizeof(*vec) + vec->len > all->len ||
		 !render_iovecs(x, capture_bytes(vec), vec->len, out, m.iovlen, b))
		xb_hex(b, m.iov);
	xb_str(b, ", msg_iovlen=");
	xb_u64(b, m.iovlen);
	xb_str(b, ", msg_controllen=0, msg_flags=");
	xlat_flags(b, &xlat_msg_flags, m.flags, "MSG_???");
	xb_char(b, '}');
	return true;
}
