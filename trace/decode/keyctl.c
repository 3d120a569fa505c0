/* keyctl: which arguments each command takes and how they print, one row
 * per command as strace decodes them. The row copies arg2 and arg4 as
 * strings at entry, and 256 bytes at arg3 at entry and at exit: a string,
 * a payload or what the kernel wrote there. */
#include <linux/keyctl.h>
#include <stdint.h>
#include <string.h>

#include "decode/capture.h"
#include "decode/errtab.h"
#include "decode/internal.h"
#include "decode/render.h"

/* keyctl: what each command's arguments are, in order: a key, numbers,
 * a string (K_STR), a payload of the next argument's length (K_BUF), a
 * buffer the kernel fills (K_OUT: K_OUT0 drops its trailing NUL), the
 * permission bits */
enum {
	K_KEY = 1, K_INT, K_UINT, K_U32, K_ID, K_PTR, K_ERRNO, K_REQKEY, K_MOVE, K_STR, K_BUF,
	K_OUT, K_OUT0, K_PERM,
};
static const struct {
	int cmd;
	uint8_t arg[4];
} keyctl_args[] = {
	{ KEYCTL_GET_KEYRING_ID, { K_KEY, K_INT } },
	{ KEYCTL_JOIN_SESSION_KEYRING, { K_STR } },
	{ KEYCTL_UPDATE, { K_KEY, K_BUF, K_UINT } },
	{ KEYCTL_REVOKE, { K_KEY } },
	{ KEYCTL_CLEAR, { K_KEY } },
	{ KEYCTL_INVALIDATE, { K_KEY } },
	{ KEYCTL_ASSUME_AUTHORITY, { K_KEY } },
	{ KEYCTL_LINK, { K_KEY, K_KEY } },
	{ KEYCTL_UNLINK, { K_KEY, K_KEY } },
	{ KEYCTL_DESCRIBE, { K_KEY, K_OUT0, K_UINT } },
	{ KEYCTL_READ, { K_KEY, K_OUT, K_UINT } },
	{ KEYCTL_GET_SECURITY, { K_KEY, K_OUT0, K_UINT } },
	{ KEYCTL_SEARCH, { K_KEY, K_STR, K_STR, K_KEY } },
	{ KEYCTL_CHOWN, { K_KEY, K_ID, K_ID } },
	{ KEYCTL_SETPERM, { K_KEY, K_PERM } },
	{ KEYCTL_INSTANTIATE, { K_KEY, K_BUF, K_UINT, K_KEY } },
	{ KEYCTL_INSTANTIATE_IOV, { K_KEY, K_PTR, K_UINT, K_KEY } },
	{ KEYCTL_NEGATE, { K_KEY, K_U32, K_KEY } },
	{ KEYCTL_REJECT, { K_KEY, K_U32, K_ERRNO, K_KEY } },
	{ KEYCTL_SET_REQKEY_KEYRING, { K_REQKEY } },
	{ KEYCTL_SET_TIMEOUT, { K_KEY, K_U32 } },
	{ KEYCTL_SESSION_TO_PARENT, { 0 } },
	{ KEYCTL_GET_PERSISTENT, { K_ID, K_KEY } },
	{ KEYCTL_RESTRICT_KEYRING, { K_KEY, K_STR, K_STR } },
	{ KEYCTL_MOVE, { K_KEY, K_KEY, K_KEY, K_MOVE } },
	{ KEYCTL_CAPABILITIES, { K_PTR, K_UINT } },
};

static const uint8_t *keyctl_row(int cmd)
{
	for (size_t i = 0; i < sizeof(keyctl_args) / sizeof(keyctl_args[0]); i++)
		if (keyctl_args[i].cmd == cmd)
			return keyctl_args[i].arg;
	return NULL;
}

static void keyctl_arg(struct dcall *d, const struct call *c, int i, int how)
{
	struct darg *a = &d->arg[i];
	struct xbuf b;

	switch (how) {
	case K_STR:
		/* arg2's and arg4's copies; arg3's is the buffer's, below */
		if (i != 2) {
			capture_cstring(c, d, i, SIZE_MAX);
			break;
		}
		/* fall through */
	case K_BUF:
	case K_OUT:
	case K_OUT0:
		decode_fmt(d, a, F_PTR, NULL, NULL);
		a->keep = i != 2;	/* render_keyctl_buf */
		break;
	case K_PERM:
		a->value = (uint32_t)a->value;
		decode_fmt(d, a, F_FLAGS, &xlat_key_perms, "KEY_???");
		break;
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
	const uint8_t *row = keyctl_row((int)c->args[0]);

	if (d->nargs != 5)
		return;
	/* the copies print only where the command has a string or buffer */
	for (int j = 1; j < 5; j++)
		d->arg[j].keep = true;
	if (!row) {
		/* commands strace decodes from structs, and unknown ones: hex */
		for (int j = 1; j < 5; j++)
			decode_fmt(d, &d->arg[j], F_HEX, NULL, NULL);
		return;
	}
	for (int j = 0; j < 4; j++) {
		if (row[j])
			keyctl_arg(d, c, j + 1, row[j]);
		else
			d->arg[j + 1].hidden = true;
	}
}

/* A NUL-terminated string of the copy: strace's printstr */
static bool fmt_cstr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	size_t n = strnlen((const char *)p, len);

	if (n == len && n <= x->strsize)
		return false;	/* no NUL where strace would look for it */
	render_quote(b, p, n < x->strsize ? n : x->strsize, n > x->strsize);
	return true;
}

/* n bytes of the copy: strace's printstrn, and printstr_ex's
 * QUOTE_OMIT_TRAILING_0 for what DESCRIBE and GET_SECURITY write */
static bool fmt_bytes(const struct rctx *x, const uint8_t *p, size_t len, uint64_t n,
		      bool omit_nul, struct xbuf *b)
{
	size_t shown = n < x->strsize ? (size_t)n : x->strsize;
	bool more = n > x->strsize;

	if (len < shown)
		return false;
	if (omit_nul && shown && !p[shown - 1]) {
		shown--;
		more = false;
	}
	render_quote(b, p, shown, more);
	return true;
}

/* keyctl's arg3, by command */
bool render_keyctl_buf(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const uint8_t *row = keyctl_row((int)x->c->args[0]);
	const struct lt_cap *out = x->out;
	uint64_t n;

	if (!row)
		return false;
	switch (row[1]) {
	case K_STR:
		return x->in && fmt_cstr(x, capture_bytes(x->in), x->in->len, b);
	case K_BUF:
		return x->in && fmt_bytes(x, capture_bytes(x->in), x->in->len, x->c->args[3],
					  false, b);
	case K_OUT:
	case K_OUT0:
		if (!render_call_ok(x->c) || !out)
			return false;
		n = (uint64_t)x->c->ret < x->c->args[3] ? (uint64_t)x->c->ret : x->c->args[3];
		return fmt_bytes(x, capture_bytes(out), out->len, n, row[1] == K_OUT0, b);
	default:
		(void)p;
		(void)len;
		return false;
	}
}
