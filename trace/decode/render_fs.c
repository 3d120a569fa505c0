/* How the structs of file calls print: stat, statx, statfs, getdents'
 * entries, fcntl's locks, openat2's open_how, pipe's and socketpair's
 * descriptor pairs. */
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

#include "decode/internal.h"
#include "decode/render.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static void fmt_stat_mode(char *buf, size_t len, unsigned mode)
{
	static const struct {
		unsigned bits;
		const char *name;
	} types[] = {
		{ S_IFREG, "S_IFREG" }, { S_IFDIR, "S_IFDIR" }, { S_IFCHR, "S_IFCHR" },
		{ S_IFBLK, "S_IFBLK" }, { S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
		{ S_IFSOCK, "S_IFSOCK" },
	}, special[] = {
		{ S_ISUID, "S_ISUID" }, { S_ISGID, "S_ISGID" }, { S_ISVTX, "S_ISVTX" },
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < LEN(types); i++)
		if ((mode & S_IFMT) == types[i].bits)
			n += snprintf(buf + n, len - n, "%s|", types[i].name);
	for (size_t i = 0; i < LEN(special) && n < len; i++)
		if (mode & special[i].bits)
			n += snprintf(buf + n, len - n, "%s|", special[i].name);
	if (n < len)
		snprintf(buf + n, len - n, "%#03o", mode & 0777);
}

void render_file_mode(struct xbuf *b, unsigned mode)
{
	char text[96];

	fmt_stat_mode(text, sizeof(text), mode);
	xb_str(b, text);
}

bool render_stat(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct stat st;
	char mode[96], text[256];

	(void)x;
	if (len < sizeof(st))
		return false;
	memcpy(&st, p, sizeof(st));
	fmt_stat_mode(mode, sizeof(mode), st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		snprintf(text, sizeof(text), "{st_mode=%s, st_rdev=makedev(%#x, %#x), ...}", mode,
			 major(st.st_rdev), minor(st.st_rdev));
	else
		snprintf(text, sizeof(text), "{st_mode=%s, st_size=%lld, ...}", mode,
			 (long long)st.st_size);
	xb_str(b, text);
	return true;
}

bool render_int_pair(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int fds[2];

	(void)x;
	if (len < sizeof(fds))
		return false;
	memcpy(fds, p, sizeof(fds));
	xb_char(b, '[');
	xb_i64(b, fds[0]);
	xb_str(b, ", ");
	xb_i64(b, fds[1]);
	xb_char(b, ']');
	return true;
}

/* strace's abbreviated statx: the mask, the attributes, the mode and size
 * when the mask says they are there. */
bool render_statx(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct statx st;

	(void)x;
	if (len < sizeof(st))
		return false;
	memcpy(&st, p, sizeof(st));
	xb_str(b, "{stx_mask=");
	xlat_flags(b, &xlat_statx_mask, st.stx_mask, "STATX_???");
	xb_str(b, ", stx_attributes=");
	xlat_flags(b, &xlat_statx_attrs, st.stx_attributes, "STATX_ATTR_???");
	if (st.stx_mask & (STATX_TYPE | STATX_MODE)) {
		xb_str(b, ", stx_mode=");
		render_file_mode(b, st.stx_mode);
	}
	if (st.stx_mask & STATX_SIZE) {
		xb_str(b, ", stx_size=");
		xb_u64(b, st.stx_size);
	}
	xb_str(b, ", ...}");
	return true;
}

/* The kernel sets ST_VALID (include/linux/statfs.h, not in the uapi
 * headers) when f_flags means something; strace names it first. */
#define ST_VALID_BIT 0x0020

bool render_statfs(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct statfs st;
	uint64_t flags;
	int fsid[2];

	(void)x;
	if (len < sizeof(st))
		return false;
	memcpy(&st, p, sizeof(st));
	memcpy(fsid, &st.f_fsid, sizeof(fsid));
	xb_str(b, "{f_type=");
	xlat_enum(b, &xlat_fsmagic, (uint64_t)st.f_type, NULL, XN_HEX);
	xb_printf(b, ", f_bsize=%llu, f_blocks=%llu, f_bfree=%llu, f_bavail=%llu, f_files=%llu, "
		  "f_ffree=%llu, f_fsid={val=[%#x, %#x]}, f_namelen=%llu, f_frsize=%llu",
		  (unsigned long long)st.f_bsize, (unsigned long long)st.f_blocks,
		  (unsigned long long)st.f_bfree, (unsigned long long)st.f_bavail,
		  (unsigned long long)st.f_files, (unsigned long long)st.f_ffree,
		  (unsigned)fsid[0], (unsigned)fsid[1], (unsigned long long)st.f_namelen,
		  (unsigned long long)st.f_frsize);
	flags = (uint64_t)st.f_flags;
	if (flags & ST_VALID_BIT) {
		xb_str(b, ", f_flags=ST_VALID");
		flags &= ~(uint64_t)ST_VALID_BIT;
		if (flags) {
			xb_char(b, '|');
			xlat_flags_bare(b, &xlat_statfs_flags, flags);
		}
	}
	xb_char(b, '}');
	return true;
}

/* getdents: strace's abbreviated form, the pointer and how many entries
 * the kernel wrote, "+" when bytes were left that held no whole one. */
bool render_dirents(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct lt_dirents d;

	if (len < sizeof(d))
		return false;
	memcpy(&d, p, sizeof(d));
	xb_hex(b, x->d->arg[x->i].value);
	xb_printf(b, " /* %u%s entries */", d.count, d.rest ? "+" : "");
	return true;
}

/* fcntl's struct flock: what F_SETLK sets, or what F_GETLK found (with
 * l_pid, at exit). */
bool render_flock(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	unsigned cmd = (unsigned)render_arg(x, 1);
	bool getlk = cmd == F_GETLK || cmd == F_OFD_GETLK;
	struct flock fl;

	if (getlk) {
		if (!render_call_ok(x->c) || !x->out)
			return false;
		p = capture_bytes(x->out);
		len = x->out->len;
	}
	if (len < sizeof(fl))
		return false;
	memcpy(&fl, p, sizeof(fl));
	xb_str(b, "{l_type=");
	xlat_enum(b, &xlat_lock_types, (uint16_t)fl.l_type, "F_???", XN_HEX);
	xb_str(b, ", l_whence=");
	xlat_enum(b, &xlat_whence, (uint16_t)fl.l_whence, "SEEK_???", XN_HEX);
	xb_printf(b, ", l_start=%lld, l_len=%lld", (long long)fl.l_start, (long long)fl.l_len);
	if (getlk)
		xb_printf(b, ", l_pid=%d", (int)fl.l_pid);
	xb_char(b, '}');
	return true;
}

/* openat2's struct open_how of usize bytes: the mode only when it is
 * used or set; a pointer when shorter than the first version. */
bool render_open_how(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t size = render_arg(x, 3);
	struct open_how how;

	if (size < sizeof(how) || len < sizeof(how))
		return false;
	memcpy(&how, p, sizeof(how));
	xb_str(b, "{flags=");
	fmt_open_flags(b, how.flags);
	if ((how.flags & (O_CREAT | __O_TMPFILE)) || how.mode) {
		xb_str(b, ", mode=");
		xb_oct(b, how.mode);
	}
	xb_str(b, ", resolve=");
	xlat_flags(b, &xlat_open_resolve_flags, how.resolve, "RESOLVE_???");
	/* a newer struct's fields (strace looks at a page of them at most) */
	if (!render_struct_tail(x, p, len, sizeof(how), size < 4096 ? size : 4096, b))
		return false;
	xb_char(b, '}');
	return true;
}
