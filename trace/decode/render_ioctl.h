/* render_ioctl: the printers of what ioctl(2) arguments point to (see
 * render_ioctl.c), for decode/ioctl.c's request table. Each prints len
 * bytes at p into b as strace prints them; false when too short. */
#ifndef LOTRACE_DECODE_RENDER_IOCTL_H
#define LOTRACE_DECODE_RENDER_IOCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/xbuf.h"

typedef bool (*io_print_fn)(const uint8_t *p, size_t len, struct xbuf *b);
/* what went in (in), and what came out (out, NULL when the call failed) */
typedef bool (*io_print2_fn)(const uint8_t *in, size_t in_len, const uint8_t *out,
			     size_t out_len, struct xbuf *b);

bool io_int(const uint8_t *p, size_t len, struct xbuf *b);
bool io_uint(const uint8_t *p, size_t len, struct xbuf *b);
bool io_ushort(const uint8_t *p, size_t len, struct xbuf *b);
bool io_long(const uint8_t *p, size_t len, struct xbuf *b);
bool io_u64(const uint8_t *p, size_t len, struct xbuf *b);
bool io_u64_pair(const uint8_t *p, size_t len, struct xbuf *b);
bool io_modem(const uint8_t *p, size_t len, struct xbuf *b);
bool io_fs_flags(const uint8_t *p, size_t len, struct xbuf *b);
bool io_char(const uint8_t *p, size_t len, struct xbuf *b);
bool io_winsize(const uint8_t *p, size_t len, struct xbuf *b);
bool io_termios(const uint8_t *p, size_t len, struct xbuf *b);
bool io_termios2(const uint8_t *p, size_t len, struct xbuf *b);
bool io_termio(const uint8_t *p, size_t len, struct xbuf *b);
bool io_fstrim_range(const uint8_t *p, size_t len, struct xbuf *b);
bool io_fsxattr(const uint8_t *p, size_t len, struct xbuf *b);
bool io_rtc_time(const uint8_t *p, size_t len, struct xbuf *b);
bool io_fiemap(const uint8_t *in, size_t in_len, const uint8_t *out, size_t out_len,
	       struct xbuf *b);
bool io_ifname(const uint8_t *p, size_t len, struct xbuf *b);
bool io_ifindex(const uint8_t *p, size_t len, struct xbuf *b);

/* struct ifreq: SIOCS* as passed; SIOCG* what went in, then what came out */
bool io_ifreq_set(uint32_t code, const uint8_t *p, size_t len, struct xbuf *b);
bool io_ifreq_get(uint32_t code, const uint8_t *in, size_t in_len, const uint8_t *out,
		  size_t out_len, struct xbuf *b);

#endif
