/* System administration: mount(2)'s and fsconfig(2)'s strings, reboot's
 * argument, kexec's flags, host and domain names. Their string arguments
 * are strings only for some values of another argument: the rows copy
 * them (STR), and these fix-ups say, per call, whether they print. */
#include <linux/kexec.h>
#include <linux/mount.h>
#include <linux/reboot.h>
#include <sys/mount.h>

#include "decode/capture.h"
#include "decode/internal.h"
#include "decode/render.h"

/* mount(2): the type is a string unless MS_REMOUNT, MS_BIND and the
 * propagation flags make the kernel ignore it; the data too, except that
 * MS_REMOUNT still reads it. */
void fix_mount(struct dcall *d, const struct call *c)
{
	const uint64_t ignored = MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE |
				 MS_UNBINDABLE;
	uint64_t flags = c->args[3];
	bool skip_type = false, skip_data = false;

	if (d->nargs != 5)
		return;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~(uint64_t)MS_MGC_MSK;
	if (flags & MS_REMOUNT)
		skip_type = true;
	else if (flags & ignored)
		skip_type = skip_data = true;
	if (skip_type) {
		decode_fmt(d, &d->arg[2], F_PTR, NULL, NULL);
		d->arg[2].keep = true;
	}
	if (skip_data) {
		decode_fmt(d, &d->arg[4], F_PTR, NULL, NULL);
		d->arg[4].keep = true;
	}
}

/* FSCONFIG_SET_BINARY's value: aux bytes, in hex as strace forces them
 * (the row copies 257 bytes of the value, raw, a string or not) */
static void set_binary(struct dcall *d, const struct call *c)
{
	const struct lt_cap *cap = capture_find(c->cap_enter, 3);
	uint64_t aux = (uint32_t)c->args[4];
	size_t shown = aux < d->strsize ? (size_t)aux : d->strsize;
	struct xbuf b;

	d->arg[3].keep = true;
	decode_fmt(d, &d->arg[3], F_PTR, NULL, NULL);
	if (!c->args[3] || !cap || cap->flags & LT_CAPF_FAULT || cap->len < shown)
		return;
	dt_begin(d, &b);
	render_quote_hex(&b, capture_bytes(cap), shown, aux > shown);
	dt_arg(d, &d->arg[3], &b);
}

/* fsconfig(2): the key is a string for the FSCONFIG_SET_* commands, the
 * value a string, a path or binary by command, the last argument a
 * descriptor, a directory descriptor or a number. */
void fix_fsconfig(struct dcall *d, const struct call *c)
{
	/* the kernel reads at most 256 bytes of a key or a string value */
	const size_t limit = 256;
	unsigned int cmd = (unsigned int)c->args[1];

	if (d->nargs != 5)
		return;
	switch (cmd) {
	case FSCONFIG_SET_FLAG:
	case FSCONFIG_SET_STRING:
	case FSCONFIG_SET_BINARY:
	case FSCONFIG_SET_PATH:
	case FSCONFIG_SET_PATH_EMPTY:
	case FSCONFIG_SET_FD:
		capture_cstring(c, d, 2, limit);
		break;
	default:
		decode_fmt(d, &d->arg[2], F_PTR, NULL, NULL);
		d->arg[2].keep = true;
		break;
	}
	switch (cmd) {
	case FSCONFIG_SET_STRING:
		capture_cstring(c, d, 3, limit);
		break;
	case FSCONFIG_SET_PATH:
	case FSCONFIG_SET_PATH_EMPTY:
		capture_cstring(c, d, 3, LT_PATH_MAX - 1);
		break;
	case FSCONFIG_SET_BINARY:
		set_binary(d, c);
		break;
	default:
		/* values that are no pointer */
		decode_fmt(d, &d->arg[3], F_PTR, NULL, NULL);
		d->arg[3].keep = true;
		break;
	}
	if (cmd == FSCONFIG_SET_PATH || cmd == FSCONFIG_SET_PATH_EMPTY)
		decode_fmt(d, &d->arg[4], F_DIRFD, NULL, NULL);
	else if (cmd == FSCONFIG_SET_FD)
		decode_fmt(d, &d->arg[4], F_FD, NULL, NULL);
	else
		decode_fmt(d, &d->arg[4], F_I32, NULL, NULL);
	d->arg[4].fd = cmd == FSCONFIG_SET_FD || cmd == FSCONFIG_SET_PATH ||
		       cmd == FSCONFIG_SET_PATH_EMPTY;
}

/* reboot(2): the fourth argument, a command line of at most 255 bytes,
 * only for LINUX_REBOOT_CMD_RESTART2. */
void fix_reboot(struct dcall *d, const struct call *c)
{
	if (d->nargs != 4)
		return;
	if ((unsigned int)c->args[2] != LINUX_REBOOT_CMD_RESTART2) {
		d->arg[3].hidden = true;
		d->arg[3].keep = true;
		return;
	}
	capture_cstring(c, d, 3, 255);
}

/* sethostname(2), setdomainname(2): a name longer than the kernel's
 * __NEW_UTS_LEN is not read, and strace shows its address. */
void fix_utsname(struct dcall *d, const struct call *c)
{
	const unsigned int new_uts_len = 64;

	if (d->nargs == 2 && (unsigned int)c->args[1] > new_uts_len) {
		decode_fmt(d, &d->arg[0], F_PTR, NULL, NULL);
		d->arg[0].keep = true;
	}
}

/* kexec_load(2)'s flags: the architecture in the high half, then flags. */
void decode_kexec_flags(struct dcall *d, struct darg *a)
{
	uint64_t arch = a->value & KEXEC_ARCH_MASK, rest = a->value & ~(uint64_t)KEXEC_ARCH_MASK;
	struct xbuf b;

	dt_begin(d, &b);
	xlat_enum(&b, &xlat_kexec_arch_values, arch, "KEXEC_ARCH_???", XN_HEX);
	if (rest) {
		xb_char(&b, '|');
		xlat_flags(&b, &xlat_kexec_load_flags, rest, "KEXEC_???");
	}
	dt_arg(d, a, &b);
}
