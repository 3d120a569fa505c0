/* Files and descriptors: open flags and modes, fcntl, ioctl, mknod,
 * statx, mount, swapon, fanotify, select and poll's timeouts (ioctl
 * has ioctl.c). */
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/sysmacros.h>

#include "decode/internal.h"

/* strace's sprint_open_modes: the access mode always, then the flags. */
void fmt_open_flags(struct xbuf *b, uint64_t flags)
{
	int style;

	flags = (uint32_t)flags;	/* strace takes open flags as unsigned int */
	style = xlat_compose_begin(b, flags, XN_HEX);
	if (!style)
		return;
	xlat_enum(b, &xlat_open_access, flags & O_ACCMODE, NULL, XN_HEX);
	flags &= ~(uint64_t)O_ACCMODE;
	if (flags) {
		xb_char(b, '|');
		xlat_flags_bare(b, &xlat_open_flags, flags);
	}
	xlat_compose_end(b, style);
}

void decode_open_flags(struct dcall *d, struct darg *a)
{
	struct xbuf b;

	dt_begin(d, &b);
	fmt_open_flags(&b, a->value);
	dt_arg(d, a, &b);
}

/* The mode follows the flags only when they create a file. */
static void open_mode(struct dcall *d, const struct call *c, int flags_at)
{
	struct darg *mode = darg_at(d, flags_at + 1);

	/* the kernel's __O_TMPFILE: glibc's includes O_DIRECTORY */
	if (mode && !(c->args[flags_at] & (O_CREAT | (O_TMPFILE & ~O_DIRECTORY))))
		mode->hidden = true;
}

void fix_open(struct dcall *d, const struct call *c)
{
	open_mode(d, c, 1);
}

void fix_openat(struct dcall *d, const struct call *c)
{
	open_mode(d, c, 2);
}

void fix_mq_open(struct dcall *d, const struct call *c)
{
	if (!(c->args[1] & O_CREAT))
		decode_hide_from(d, 2);
}

/* fcntl's third argument means what the command says; the commands that
 * read something report it in the return value. */
void fix_fcntl(struct dcall *d, const struct call *c)
{
	struct darg *arg = darg_at(d, 2);
	unsigned int cmd = (unsigned int)c->args[1];
	struct xbuf b;

	if (!arg)
		return;
	switch (cmd) {
	case F_SETFD:
		arg->value = (uint32_t)arg->value;	/* printflags, not printflags64 */
		decode_fmt(d, arg, F_FLAGS, &xlat_fd_flags, "FD_???");
		break;
	case F_SETOWN:
	case F_SETPIPE_SZ:
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		decode_fmt(d, arg, F_INT, NULL, NULL);
		break;
	case F_SETFL:
		decode_open_flags(d, arg);
		break;
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
	case F_SETOWN_EX:
	case F_GETLK:
	case F_OFD_GETLK:
	case F_GETOWN_EX:
		decode_fmt(d, arg, F_PTR, NULL, NULL);	/* a struct */
		break;
	case F_NOTIFY:
		decode_fmt(d, arg, F_FLAGS, &xlat_notify_flags, "DN_???");
		break;
	case F_SETLEASE:
		decode_fmt(d, arg, F_ENUM, &xlat_lease_types, "F_???");
		break;
	case F_ADD_SEALS:
		decode_fmt(d, arg, F_FLAGS, &xlat_seals, "F_SEAL_???");
		break;
	case F_SETSIG:
		decode_fmt(d, arg, F_SIG, NULL, NULL);
		break;
	case F_GETOWN:
	case F_GETPIPE_SZ:
	case F_GETFD:
	case F_GETFL:
	case F_GETLEASE:
	case F_GET_SEALS:
	case F_GETSIG:
		arg->hidden = true;
		break;
	default:
		decode_fmt(d, arg, F_HEX, NULL, NULL);
		break;
	}
	if (d->ret_kind != DRET_INT)
		return;
	switch (cmd) {
	case F_GETFD:
		if (!d->ret)
			return;
		dt_begin(d, &b);
		xb_hex(&b, (uint64_t)d->ret);
		xb_str(&b, " (flags ");
		xlat_flags_bare(&b, &xlat_fd_flags, (uint64_t)d->ret);
		xb_char(&b, ')');
		dt_ret(d, &b);
		break;
	case F_GETFL:
		dt_begin(d, &b);
		xb_hex(&b, (uint64_t)d->ret);
		xb_str(&b, " (flags ");
		fmt_open_flags(&b, (uint64_t)d->ret);
		xb_char(&b, ')');
		dt_ret(d, &b);
		break;
	case F_GETLEASE: {
		const char *name = xlat_name(&xlat_lease_types, (uint64_t)d->ret);

		dt_begin(d, &b);
		xb_hex(&b, (uint64_t)d->ret);
		if (name) {
			xb_str(&b, " (");
			xb_str(&b, name);
			xb_char(&b, ')');
		}
		dt_ret(d, &b);
		break;
	}
	case F_GET_SEALS:
		if (!d->ret)
			return;
		dt_begin(d, &b);
		xb_hex(&b, (uint64_t)d->ret);
		xb_str(&b, " (seals ");
		xlat_flags_bare(&b, &xlat_seals, (uint64_t)d->ret);
		xb_char(&b, ')');
		dt_ret(d, &b);
		break;
	case F_GETSIG:
		if (!d->ret || d->ret > 64)	/* strace names 1..64 only */
			return;
		dt_begin(d, &b);
		xb_i64(&b, d->ret);
		xb_str(&b, " (");
		fmt_signal(&b, (int)d->ret);
		xb_char(&b, ')');
		dt_ret(d, &b);
		break;
	}
}

/* mknod's mode: the file type by name, the set-id bits, the permissions. */
void decode_mknod_mode(struct dcall *d, struct darg *a)
{
	unsigned int mode = (uint16_t)a->value;
	const char *type = "";
	struct xbuf b;

	dt_begin(d, &b);
	if (mode & S_IFMT)
		type = xlat_name(&xlat_file_types, mode & S_IFMT);
	if (!type) {
		xb_oct(&b, mode);
		dt_arg(d, a, &b);
		return;
	}
	if (*type) {
		xb_str(&b, type);
		xb_char(&b, '|');
	}
	if (mode & S_ISUID)
		xb_str(&b, "S_ISUID|");
	if (mode & S_ISGID)
		xb_str(&b, "S_ISGID|");
	if (mode & S_ISVTX)
		xb_str(&b, "S_ISVTX|");
	xb_oct(&b, mode & ~(unsigned int)(S_IFMT | S_ISUID | S_ISGID | S_ISVTX));
	dt_arg(d, a, &b);
}

/* strace's print_dev_t. */
void decode_dev(struct dcall *d, struct darg *a)
{
	struct xbuf b;

	dt_begin(d, &b);
	xb_str(&b, "makedev(");
	xb_hex(&b, major(a->value));
	xb_str(&b, ", ");
	xb_hex(&b, minor(a->value));
	xb_char(&b, ')');
	dt_arg(d, a, &b);
}

/* The device follows the mode only for device files. */
static void mknod_dev(struct dcall *d, const struct call *c, int mode_at)
{
	struct darg *dev = darg_at(d, mode_at + 1);
	unsigned int type = (uint16_t)c->args[mode_at] & S_IFMT;

	if (!dev)
		return;
	if (type == S_IFCHR || type == S_IFBLK) {
		dev->value = (uint32_t)c->args[mode_at + 1];
		decode_dev(d, dev);
	} else {
		dev->hidden = true;
	}
}

void fix_mknod(struct dcall *d, const struct call *c)
{
	mknod_dev(d, c, 1);
}

void fix_mknodat(struct dcall *d, const struct call *c)
{
	mknod_dev(d, c, 2);
}

/* statx flags: the sync type by name, then the AT_* flags. */
void decode_statx_flags(struct dcall *d, struct darg *a)
{
	unsigned int flags = (uint32_t)a->value;
	struct xbuf b;

	dt_begin(d, &b);
	xlat_flags(&b, &xlat_at_statx_sync, flags & AT_STATX_SYNC_TYPE, NULL);
	flags &= ~AT_STATX_SYNC_TYPE;
	if (flags) {
		xb_char(&b, '|');
		xlat_flags(&b, &xlat_at_flags, flags, NULL);
	}
	dt_arg(d, a, &b);
}

/* swapon: the flags, then the priority in decimal. */
void decode_swapon_flags(struct dcall *d, struct darg *a)
{
	unsigned int flags = (uint32_t)a->value;
	struct xbuf b;

	dt_begin(d, &b);
	if (flags & ~(unsigned int)SWAP_FLAG_PRIO_MASK) {
		xlat_flags(&b, &xlat_swap_flags, flags & ~(unsigned int)SWAP_FLAG_PRIO_MASK,
			   "SWAP_FLAG_???");
		xb_char(&b, '|');
	}
	xb_u64(&b, flags & SWAP_FLAG_PRIO_MASK);
	dt_arg(d, a, &b);
}

/* mount flags, with the historical magic number in the top half. */
void decode_mount_flags(struct dcall *d, struct darg *a)
{
	uint64_t flags = a->value;
	bool magic = false;
	struct xbuf b;

	dt_begin(d, &b);
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL) {
		flags &= ~(uint64_t)MS_MGC_MSK;
		magic = true;
		xb_str(&b, "MS_MGC_VAL");
		if (flags)
			xb_char(&b, '|');
	}
	if (flags || !magic)
		xlat_flags(&b, &xlat_mount_flags, flags, "MS_???");
	dt_arg(d, a, &b);
}

/* select, poll and recvmmsg say when nothing was ready; what was ready is
 * in the process's memory (the capture's business). */
void fix_timeout(struct dcall *d, const struct call *c)
{
	struct xbuf b;

	(void)c;
	if (d->ret_kind != DRET_INT || d->ret)
		return;
	dt_begin(d, &b);
	xb_str(&b, "0 (Timeout)");
	dt_ret(d, &b);
}

/* fanotify_init: the notification class by name, then the flags. */
void decode_fan_init_flags(struct dcall *d, struct darg *a)
{
	uint64_t classes = 0, flags = (uint32_t)a->value;
	struct xbuf b;

	for (uint32_t i = 0; i < xlat_fan_classes.n; i++)
		classes |= xlat_fan_classes.ent[i].val;
	dt_begin(d, &b);
	xlat_enum(&b, &xlat_fan_classes, flags & classes, "FAN_CLASS_???", XN_HEX);
	flags &= ~classes;
	if (flags) {
		xb_char(&b, '|');
		xlat_flags(&b, &xlat_fan_init_flags, flags, "FAN_???");
	}
	dt_arg(d, a, &b);
}

/* fanotify_mark's dirfd: FAN_NOFD (-1) by name, else a dirfd. */
void decode_fan_dirfd(struct dcall *d, struct darg *a)
{
	if ((int)a->value == -1)
		decode_sym(d, a, "FAN_NOFD");
	else
		decode_fmt(d, a, F_DIRFD, NULL, NULL);
}
