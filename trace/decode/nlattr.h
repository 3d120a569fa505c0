/* Netlink buffers and attributes, shared by the netlink payload printers
 * (render_netlink.c, render_rtnl.c): a buffer as it was copied, and
 * strace's decode_nlattr over a table of how each attribute type prints. */
#ifndef LOTRACE_NLATTR_H
#define LOTRACE_NLATTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/render.h"

struct xlat;

/* A buffer of netlink messages at address addr, got bytes of it copied at
 * p (the rest was not readable, or past what the BPF side copies). */
struct nlbuf {
	const struct rctx *x;
	int protocol;
	uint64_t addr;
	const uint8_t *p;
	size_t got;
};

/* The bytes at off..off+len, when all were copied; NULL otherwise. */
const uint8_t *nl_bytes(const struct nlbuf *nb, uint64_t off, uint64_t len);

/* strace's printstr_ex(QUOTE_FORCE_HEX) of len bytes at off: cut at -s,
 * the address when what it reads cannot be. */
void nl_hex(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len);

/* How an attribute's data prints: strace's decode_nla_* */
enum nla_kind {
	NLA_K_HEX,	/* bytes in hex, strace's default */
	NLA_K_STR,	/* decode_nla_str: the trailing NUL left out */
	NLA_K_CSTR,	/* a string to its NUL, "..." when it has none */
	NLA_K_U8,
	NLA_K_U16,
	NLA_K_U32,
	NLA_K_U64,
	NLA_K_S32,
	NLA_K_X32,
	NLA_K_IFINDEX,
	NLA_K_OWN,	/* this and above: the table's decode prints them */
};

struct nla_table {
	const struct xlat *names;	/* the types' names; NULL: hex */
	const char *dflt;		/* the comment of an unnamed type */
	const uint8_t *kinds;		/* enum nla_kind by type */
	unsigned int n;			/* types past n print in hex */
	/* kinds from NLA_K_OWN: prints len bytes at off, or returns false
	 * for hex; ctx is the context nlattrs was given (the message's
	 * header struct) */
	bool (*decode)(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		       unsigned int kind, const void *ctx);
};

/* strace's decode_nlattr: the attributes in len bytes at off, as table t
 * says (NULL: types in hex, data in hex). */
void nlattrs(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
	     const struct nla_table *t, const void *ctx);

/* strace's "if (len < size) return false; umove_or_printaddr()": size
 * bytes at off into out; NL_SHORT when len is less than size (the caller
 * prints hex), NL_ADDR when they were not copied (the address is
 * printed). */
enum nl_got { NL_SHORT, NL_ADDR, NL_OK };
enum nl_got nl_get(struct xbuf *b, const struct nlbuf *nb, uint64_t off, uint64_t len,
		   size_t size, void *out);

/* NETLINK_SOCK_DIAG's payloads (render_diag.c): false when strace prints
 * them as bytes. */
bool diag_payload(struct xbuf *b, const struct nlbuf *nb, uint16_t type, uint16_t flags,
		  uint64_t off, uint64_t len);

/* NETLINK_ROUTE's payloads (render_rtnl.c): false when strace prints them
 * as bytes. */
bool rtnl_payload(struct xbuf *b, const struct nlbuf *nb, uint16_t type, uint64_t off,
		  uint64_t len);

#endif
