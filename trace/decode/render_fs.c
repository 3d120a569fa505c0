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
#include <time.h>

#include "decode/internal.h"
#include "decode/render.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* strace's print_symbolic_mode_t: S_IFREG|0755, or as -X says. */
static void put_stat_mode(struct xbuf *b, unsigned mode)
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
	const char *type = NULL;
	int style;

	for (size_t i = 0; i < LEN(types); i++)
		if ((mode & S_IFMT) == types[i].bits)
			type = types[i].name;
	if (!type) {
		xb_oct(b, mode);
		return;
	}
	style = xlat_compose_begin(b, mode, XN_OCT);
	if (!style)
		return;
	xb_str(b, type);
	xb_char(b, '|');
	for (size_t i = 0; i < LEN(special); i++)
		if (mode & special[i].bits) {
			xb_str(b, special[i].name);
			xb_char(b, '|');
		}
	xb_oct(b, mode & 0777);
	xlat_compose_end(b, style);
}

void render_file_mode(struct xbuf *b, unsigned mode)
{
	put_stat_mode(b, mode);
}

/* strace's print_dev_t: makedev(0xfe, 0), or as -X says. */
static void put_dev(struct xbuf *b, uint64_t dev)
{
	int style = xlat_compose_begin(b, dev, XN_HEX);

	if (!style)
		return;
	xb_printf(b, "makedev(%#x, %#x)", major(dev), minor(dev));
	xlat_compose_end(b, style);
}

/* -v: a time field, and the date in a comment as strace writes it. */
static void put_time_field(struct xbuf *b, const char *name, long long sec,
			   unsigned long long nsec)
{
	char date[64];
	time_t t = (time_t)sec;
	struct tm tm;
	size_t n;

	xb_printf(b, ", %s=%lld", name, sec);
	if ((sec || nsec) && nsec <= 999999999 && localtime_r(&t, &tm) &&
	    (n = strftime(date, sizeof(date), "%FT%T", &tm))) {
		if (nsec)
			n += (size_t)snprintf(date + n, sizeof(date) - n, ".%09llu", nsec);
		if (strftime(date + n, sizeof(date) - n, "%z", &tm))
			xb_printf(b, " /* %s */", date);
	}
	xb_printf(b, ", %s_nsec=%llu", name, nsec);
}

/* strace's print_struct_stat: st_mode and st_size (st_rdev for devices),
 * or with -v every field. */
bool render_stat(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	bool whole = x->d->style.whole;
	struct stat st;

	if (len < sizeof(st))
		return false;
	memcpy(&st, p, sizeof(st));
	xb_char(b, '{');
	if (whole) {
		xb_str(b, "st_dev=");
		put_dev(b, st.st_dev);
		xb_printf(b, ", st_ino=%llu", (unsigned long long)st.st_ino);
	}
	xb_str(b, whole ? ", st_mode=" : "st_mode=");
	put_stat_mode(b, st.st_mode);
	if (whole)
		xb_printf(b, ", st_nlink=%llu, st_uid=%u, st_gid=%u, st_blksize=%lld, st_blocks=%lld",
			  (unsigned long long)st.st_nlink, st.st_uid, st.st_gid,
			  (long long)st.st_blksize, (long long)st.st_blocks);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
		xb_str(b, ", st_rdev=");
		put_dev(b, st.st_rdev);
	} else {
		xb_printf(b, ", st_size=%lld", (long long)st.st_size);
	}
	if (!whole) {
		xb_str(b, ", ...}");
		return true;
	}
	put_time_field(b, "st_atime", (long long)st.st_atim.tv_sec,
		       (unsigned long long)st.st_atim.tv_nsec);
	put_time_field(b, "st_mtime", (long long)st.st_mtim.tv_sec,
		       (unsigned long long)st.st_mtim.tv_nsec);
	put_time_field(b, "st_ctime", (long long)st.st_ctim.tv_sec,
		       (unsigned long long)st.st_ctim.tv_nsec);
	xb_char(b, '}');
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
