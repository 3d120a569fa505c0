/* netlink: the message types and flags of the netlink protocols (route,
 * sock_diag, audit, generic, xfrm, selinux, crypto, netfilter), for the
 * message printer (render_netlink.c). */
#ifndef LOTRACE_DECODE_NETLINK_H
#define LOTRACE_DECODE_NETLINK_H

#include <stdint.h>

#include "util/xbuf.h"

/* nlmsg_type of a message on a socket of protocol: "RTM_GETLINK" */
void netlink_type(struct xbuf *b, int protocol, uint16_t type);

/* nlmsg_flags of a message of type: "NLM_F_REQUEST|NLM_F_DUMP" */
void netlink_flags(struct xbuf *b, int protocol, uint16_t type, uint16_t flags);

#endif
