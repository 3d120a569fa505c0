/* keyctl: which arguments each command takes and how they print, one row
 * per command as strace decodes them. */
#include <linux/keyctl.h>

#include "decode/errtab.h"
#include "decode/internal.h"

/* keyctl: what each command's arguments are, in order. */
enum { K_KEY = 1, K_INT, K_UINT, K_U32, K_ID, K_PTR, K_ERRNO, K_REQKEY, K_MOVE };
static const struct {
	int cmd;
	uint8_t arg[4];
} keyctl_args[] = {
	{ KEYCTL_GET_KEYRING_ID, { K_KEY, K_INT } },
	{ KEYCTL_JOIN_SESSION_KEYRING, { K_PTR } },
	{ KEYCTL_UPDATE, { K_KEY, K_PTR, K_UINT } },
	{ KEYCTL_REVOKE, { K_KEY } },
	{ KEYCTL_CLEAR, { K_KEY } },
	{ KEYCTL_INVALIDATE, { K_KEY } },
	{ KEYCTL_ASSUME_AUTHORITY, { K_KEY } },
	{ KEYCTL_LINK, { K_KEY, K_KEY } },
	{ KEYCTL_UNLINK, { K_KEY, K_KEY } },
	{ KEYCTL_DESCRIBE, { K_KEY, K_PTR, K_UINT } },
	{ KEYCTL_READ, { K_KEY, K_PTR, K_UINT } },
	{ KEYCTL_GET_SECURITY, { K_KEY, K_PTR, K_UINT } },
	{ KEYCTL_SEARCH, { K_KEY, K_PTR, K_PTR, K_KEY } },
	{ KEYCTL_CHOWN, { K_KEY, K_ID, K_ID } },
	{ KEYCTL_INSTANTIATE, { K_KEY, K_PTR, K_UINT, K_KEY } },
	{ KEYCTL_INSTANTIATE_IOV, { K_KEY, K_PTR, K_UINT, K_KEY } },
	{ KEYCTL_NEGATE, { K_KEY, K_U32, K_KEY } },
	{ KEYCTL_REJECT, { K_KEY, K_U32, K_ERRNO, K_KEY } },
	{ KEYCTL_SET_REQKEY_KEYRING, { K_REQKEY } },
	{ KEYCTL_SET_TIMEOUT, { K_KEY, K_U32 } },
	{ KEYCTL_SESSION_TO_PARENT, { 0 } },
	{ KEYCTL_GET_PERSISTENT, { K_ID, K_KEY } },
	{ KEYCTL_RESTRICT_KEYRING, { K_KEY, K_PTR, K_PTR } },
	{ KEYCTL_MOVE, { K_KEY, K_KEY, K_KEY, K_MOVE } },
	{ KEYCTL_CAPABILITIES, { K_PTR, K_UINT } },
};

static void keyctl_arg(struct dcall *d, struct darg *a, int how)
{
	struct xbuf b;

	switch (how) {
	case K_KEY:
		a->value = (uint64_t)(int64_t)(int32_t)a->value;
		decode_fmt(d, a, F_ENUM_D, &xlat_key_spec, NULL);
		break;
	case K_INT:
		decode_fmt(d, a, F_I32, NULL, NULL);
		break;
	case K_UINT:
		decode_fmt(d, a, F_UINT, NULL, NULL);
		break;
	case K_U32:
		decode_fmt(d, a, F_U32, NULL, NULL);
		break;
	case K_ID:
		decode_fmt(d, a, F_ID, NULL, NULL);
		break;
	case K_PTR:
		decode_fmt(d, a, F_PTR, NULL, NULL);
		break;
	case K_ERRNO:
		/* strace's print_err: the errno's name, else the number */
		dt_begin(d, &b);
		if (errtab_name((int)(uint32_t)a->value))
			xb_str(&b, errtab_name((int)(uint32_t)a->value));
		else
			xb_u64(&b, (uint32_t)a->value);
		dt_arg(d, a, &b);
		break;
	case K_REQKEY:
		a->value = (uint64_t)(int64_t)(int32_t)a->value;
		decode_fmt(d, a, F_ENUM_D, &xlat_key_reqkeys, "KEY_REQKEY_DEFL_???");
		break;
	case K_MOVE:
		a->value = (uint32_t)a->value;
		decode_fmt(d, a, F_FLAGS, &xlat_keyctl_move_flags, "KEYCTL_MOVE_???");
		break;
	}
}

void fix_keyctl(struct dcall *d, const struct call *c)
{
	int cmd = (int)c->args[0];

	if (d->nargs != 5)
		return;
	for (size_t i = 0; i < sizeof(keyctl_args) / sizeof(keyctl_args[0]); i++) {
		if (keyctl_args[i].cmd != cmd)
			continue;
		for (int j = 0; j < 4; j++) {
			if (keyctl_args[i].arg[j])
				keyctl_arg(d, &d->arg[j + 1], keyctl_args[i].arg[j]);
			else
				d->arg[j + 1].hidden = true;
		}
		return;
	}
	/* commands strace decodes from structs, and unknown ones: hex */
	for (int j = 1; j < 5; j++)
		decode_fmt(d, &d->arg[j], F_HEX, NULL, NULL);
}
