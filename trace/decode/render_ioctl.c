/* What the common ioctl(2) requests' arguments point to, as strace prints
 * them: terminal attributes and window sizes, modem lines, inode flags,
 * block device numbers, network interface requests. decode/ioctl.c says
 * which request takes which. */
#include <arpa/inet.h>
#include <asm/termbits.h>
#include <linux/fs.h>
#include <linux/if.h>
#include <linux/sockios.h>
#include <string.h>
#include <sys/socket.h>

#define IF_NAMESIZE 16

#include "decode/internal.h"
#include "decode/render.h"
#include "decode/render_ioctl.h"

/* --- numbers in brackets -------------------------------------------- */

bool io_int(const uint8_t *p, size_t len, struct xbuf *b)
{
	return render_int(NULL, p, len, b);
}

bool io_uint(const uint8_t *p, size_t len, struct xbuf *b)
{
	return render_uint(NULL, p, len, b);
}

bool io_ushort(const uint8_t *p, size_t len, struct xbuf *b)
{
	return render_num(p, len, sizeof(uint16_t), false, b);
}

bool io_long(const uint8_t *p, size_t len, struct xbuf *b)
{
	return render_num(p, len, sizeof(int64_t), true, b);
}

bool io_u64(const uint8_t *p, size_t len, struct xbuf *b)
{
	return render_num(p, len, sizeof(uint64_t), false, b);
}

bool io_u64_pair(const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t v[2];

	if (len < sizeof(v))
		return false;
	memcpy(v, p, sizeof(v));
	xb_char(b, '[');
	xb_u64(b, v[0]);
	xb_str(b, ", ");
	xb_u64(b, v[1]);
	xb_char(b, ']');
	return true;
}

/* A flags word in brackets: [TIOCM_DTR|TIOCM_RTS], [FS_NOATIME_FL]. */
static bool bracket_flags(const uint8_t *p, size_t len, const struct xlat *x, const char *dflt,
			  struct xbuf *b)
{
	uint32_t v;

	if (len < sizeof(v))
		return false;
	memcpy(&v, p, sizeof(v));
	xb_char(b, '[');
	xlat_flags(b, x, v, dflt);
	xb_char(b, ']');
	return true;
}

bool io_modem(const uint8_t *p, size_t len, struct xbuf *b)
{
	return bracket_flags(p, len, &xlat_modem_flags, "TIOCM_???", b);
}

bool io_fs_flags(const uint8_t *p, size_t len, struct xbuf *b)
{
	return bracket_flags(p, len, &xlat_fs_ioc_flags, "FS_???_FL", b);
}

/* TIOCSTI: the one character. */
bool io_char(const uint8_t *p, size_t len, struct xbuf *b)
{
	if (len < 1)
		return false;
	render_quote(b, p, 1, false);
	return true;
}

/* --- terminals ------------------------------------------------------- */

bool io_winsize(const uint8_t *p, size_t len, struct xbuf *b)
{
	uint16_t w[4];

	if (len < sizeof(w))
		return false;
	memcpy(w, p, sizeof(w));
	xb_str(b, "{ws_row=");
	xb_u64(b, w[0]);
	xb_str(b, ", ws_col=");
	xb_u64(b, w[1]);
	xb_str(b, ", ws_xpixel=");
	xb_u64(b, w[2]);
	xb_str(b, ", ws_ypixel=");
	xb_u64(b, w[3]);
	xb_char(b, '}');
	return true;
}

/* c_oflag: each delay field by name, then the flags left. */
static void term_oflag(struct xbuf *b, uint64_t v)
{
	static const struct {
		const struct xlat *x;
		uint64_t mask;
		const char *dflt;
	} fields[] = {
		{ &xlat_term_oflags_nldly, NLDLY, "NL?" },
		{ &xlat_term_oflags_crdly, CRDLY, "CR?" },
		{ &xlat_term_oflags_tabdly, TABDLY, "TAB?" },
		{ &xlat_term_oflags_bsdly, BSDLY, "BS?" },
		{ &xlat_term_oflags_vtdly, VTDLY, "VT?" },
		{ &xlat_term_oflags_ffdly, FFDLY, "FF?" },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		xlat_enum(b, fields[i].x, v & fields[i].mask, fields[i].dflt, XN_HEX);
		xb_char(b, '|');
		v &= ~fields[i].mask;
	}
	xlat_flags(b, &xlat_term_oflags, v, NULL);
}

/* c_cflag: the output speed, the input one shifted, the size, flags. */
static void term_cflag(struct xbuf *b, uint64_t v)
{
	xlat_enum(b, &xlat_baud_options, v & CBAUD, "B???", XN_HEX);
	xb_char(b, '|');
	if (v & CIBAUD) {
		xlat_enum(b, &xlat_baud_options, (v & CIBAUD) >> IBSHIFT, "B???", XN_HEX);
		xb_str(b, "<<IBSHIFT|");
	}
	xlat_enum(b, &xlat_term_cflags_csize, v & CSIZE, "CS?", XN_HEX);
	xb_char(b, '|');
	xlat_flags(b, &xlat_term_cflags, v & ~(uint64_t)(CBAUD | CIBAUD | CSIZE), NULL);
}

/* The four flag words every terminal struct starts with; strace shows
 * the rest (c_line, c_cc) only with -v. */
static bool term_flags(const uint8_t *p, size_t len, struct xbuf *b)
{
	uint32_t f[4];

	if (len < sizeof(f))
		return false;
	memcpy(f, p, sizeof(f));
	xb_str(b, "{c_iflag=");
	xlat_flags(b, &xlat_term_iflags, f[0], NULL);
	xb_str(b, ", c_oflag=");
	term_oflag(b, f[1]);
	xb_str(b, ", c_cflag=");
	term_cflag(b, f[2]);
	xb_str(b, ", c_lflag=");
	xlat_flags(b, &xlat_term_lflags, f[3], NULL);
	xb_str(b, ", ...}");
	return true;
}

bool io_termios(const uint8_t *p, size_t len, struct xbuf *b)
{
	return len >= sizeof(struct termios) && term_flags(p, len, b);
}

bool io_termios2(const uint8_t *p, size_t len, struct xbuf *b)
{
	return len >= sizeof(struct termios2) && term_flags(p, len, b);
}

/* struct termio: unsigned short flags, then c_line and c_cc */
bool io_termio(const uint8_t *p, size_t len, struct xbuf *b)
{
	uint16_t f[4];
	uint8_t wide[16];

	if (len < 18)
		return false;
	memcpy(f, p, sizeof(f));
	for (int i = 0; i < 4; i++) {
		uint32_t v = f[i];

		memcpy(wide + 4 * i, &v, 4);
	}
	return term_flags(wide, sizeof(wide), b);
}

/* --- files ----------------------------------------------------------- */

bool io_fstrim_range(const uint8_t *p, size_t len, struct xbuf *b)
{
	struct fstrim_range r;

	if (len < sizeof(r))
		return false;
	memcpy(&r, p, sizeof(r));
	xb_str(b, "{start=");
	xb_hex(b, r.start);
	xb_str(b, ", len=");
	xb_u64(b, r.len);
	xb_str(b, ", minlen=");
	xb_u64(b, r.minlen);
	xb_char(b, '}');
	return true;
}

bool io_fsxattr(const uint8_t *p, size_t len, struct xbuf *b)
{
	struct fsxattr a;

	if (len < sizeof(a))
		return false;
	memcpy(&a, p, sizeof(a));
	xb_str(b, "{fsx_xflags=");
	xlat_flags(b, &xlat_fs_xflags, a.fsx_xflags, "FS_XFLAG_???");
	xb_str(b, ", fsx_extsize=");
	xb_u64(b, a.fsx_extsize);
	xb_str(b, ", fsx_projid=");
	xb_hex(b, a.fsx_projid);
	xb_str(b, ", fsx_cowextsize=");
	xb_u64(b, a.fsx_cowextsize);
	xb_char(b, '}');
	return true;
}

/* --- network interfaces ---------------------------------------------- */

/* A NUL-terminated name in a fixed field: strace's PRINT_FIELD_CSTRING,
 * "..." when the field holds no NUL. */
static void fixed_cstring(struct xbuf *b, const char *s, size_t size)
{
	size_t len = strnlen(s, size);

	render_quote(b, (const uint8_t *)s, len < size ? len : size - 1, len == size);
}

/* SIOCBRADDBR: a bridge's name, strace's printstr_ex of IFNAMSIZ bytes:
 * "..." when they hold no NUL */
bool io_ifname(const uint8_t *p, size_t len, struct xbuf *b)
{
	size_t n;

	if (len < IFNAMSIZ)
		return false;
	n = strnlen((const char *)p, IFNAMSIZ);
	render_quote(b, p, n, n == IFNAMSIZ);
	return true;
}

/* SIOCBRADDIF: the interface added to the bridge */
bool io_ifindex(const uint8_t *p, size_t len, struct xbuf *b)
{
	struct ifreq r;

	if (len < sizeof(r))
		return false;
	memcpy(&r, p, sizeof(r));
	xb_str(b, "{ifr_ifindex=");
	render_ifindex(b, (unsigned int)r.ifr_ifindex);
	xb_char(b, '}');
	return true;
}

static void ifreq_name(struct xbuf *b, const struct ifreq *r)
{
	xb_str(b, "ifr_name=");
	fixed_cstring(b, r->ifr_name, IFNAMSIZ);
}

static void ifreq_sockaddr(struct xbuf *b, const char *field, const struct sockaddr *sa)
{
	xb_str(b, field);
	render_sockaddr(NULL, (const uint8_t *)sa, sizeof(*sa), b);
}

static void ifreq_hwaddr(struct xbuf *b, const struct sockaddr *sa)
{
	xb_str(b, "ifr_hwaddr={sa_family=");
	xlat_enum(b, &xlat_arp_hardware_types, sa->sa_family, "ARPHRD_???", XN_HEX);
	xb_str(b, ", sa_data=");
	for (int i = 0; i < 6; i++) {
		static const char hex[] = "0123456789abcdef";
		uint8_t c = (uint8_t)sa->sa_data[i];

		if (i)
			xb_char(b, ':');
		xb_char(b, hex[c >> 4]);
		xb_char(b, hex[c & 15]);
	}
	xb_char(b, '}');
}

/* The field of struct ifreq a request reads or writes, after ifr_name. */
static void ifreq_field(struct xbuf *b, uint32_t code, const struct ifreq *r)
{
	switch (code) {
	case SIOCSIFADDR:
	case SIOCGIFADDR:
		ifreq_sockaddr(b, "ifr_addr=", &r->ifr_addr);
		break;
	case SIOCSIFDSTADDR:
	case SIOCGIFDSTADDR:
		ifreq_sockaddr(b, "ifr_dstaddr=", &r->ifr_dstaddr);
		break;
	case SIOCSIFBRDADDR:
	case SIOCGIFBRDADDR:
		ifreq_sockaddr(b, "ifr_broadaddr=", &r->ifr_broadaddr);
		break;
	case SIOCSIFNETMASK:
	case SIOCGIFNETMASK:
		ifreq_sockaddr(b, "ifr_netmask=", &r->ifr_netmask);
		break;
	case SIOCSIFHWADDR:
	case SIOCGIFHWADDR:
	case SIOCSIFHWBROADCAST:
	case SIOCADDMULTI:
	case SIOCDELMULTI:
		ifreq_hwaddr(b, &r->ifr_hwaddr);
		break;
	case SIOCSIFFLAGS:
	case SIOCGIFFLAGS:
		xb_str(b, "ifr_flags=");
		xlat_flags(b, &xlat_iffflags, (uint16_t)r->ifr_flags, "IFF_???");
		break;
	case SIOCSIFMETRIC:
	case SIOCGIFMETRIC:
		xb_str(b, "ifr_metric=");
		xb_i64(b, r->ifr_metric);
		break;
	case SIOCSIFMTU:
	case SIOCGIFMTU:
		xb_str(b, "ifr_mtu=");
		xb_i64(b, r->ifr_mtu);
		break;
	case SIOCSIFTXQLEN:
	case SIOCGIFTXQLEN:
		xb_str(b, "ifr_qlen=");
		xb_i64(b, r->ifr_qlen);
		break;
	case SIOCGIFINDEX:
		xb_str(b, "ifr_ifindex=");
		xb_i64(b, r->ifr_ifindex);
		break;
	case SIOCSIFNAME:
		xb_str(b, "ifr_newname=");
		fixed_cstring(b, r->ifr_newname, IFNAMSIZ);
		break;
	case SIOCSIFSLAVE:
	case SIOCGIFSLAVE:
		xb_str(b, "ifr_slave=");
		fixed_cstring(b, r->ifr_slave, IFNAMSIZ);
		break;
	case SIOCSIFMAP:
	case SIOCGIFMAP:
		xb_str(b, "ifr_map={mem_start=");
		xb_hex(b, r->ifr_map.mem_start);
		xb_str(b, ", mem_end=");
		xb_hex(b, r->ifr_map.mem_end);
		xb_str(b, ", base_addr=");
		xb_hex(b, r->ifr_map.base_addr);
		xb_str(b, ", irq=");
		xb_hex(b, r->ifr_map.irq);
		xb_str(b, ", dma=");
		xb_hex(b, r->ifr_map.dma);
		xb_str(b, ", port=");
		xb_hex(b, r->ifr_map.port);
		xb_char(b, '}');
		break;
	}
}

/* SIOCS*: the name and what is set, as the process passed them. */
bool io_ifreq_set(uint32_t code, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct ifreq r;

	if (len < sizeof(r))
		return false;
	memcpy(&r, p, sizeof(r));
	xb_char(b, '{');
	ifreq_name(b, &r);
	xb_str(b, ", ");
	ifreq_field(b, code, &r);
	xb_char(b, '}');
	return true;
}

/* SIOCG*: what went in (the name, SIOCGIFNAME's index), then, when the
 * call succeeded, what the kernel wrote. */
bool io_ifreq_get(uint32_t code, const uint8_t *in, size_t in_len, const uint8_t *out,
		  size_t out_len, struct xbuf *b)
{
	struct ifreq r;

	if (in_len < sizeof(r))
		return false;
	memcpy(&r, in, sizeof(r));
	xb_char(b, '{');
	if (code == SIOCGIFNAME) {
		xb_str(b, "ifr_ifindex=");
		xb_i64(b, r.ifr_ifindex);
	} else {
		ifreq_name(b, &r);
	}
	if (out && out_len >= sizeof(r)) {
		memcpy(&r, out, sizeof(r));
		xb_str(b, ", ");
		if (code == SIOCGIFNAME)
			ifreq_name(b, &r);
		else
			ifreq_field(b, code, &r);
	}
	xb_char(b, '}');
	return true;
}
