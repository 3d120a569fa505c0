/* The decoding engine: each argument by its type, then as its syscall's
 * row in the table says, then the row's fix-up for the call as a whole.
 * The rows are syscalls/table.def; the family decoders the other files of
 * decode/. */
#include "decode/decode.h"

#include <string.h>

#include "decode/internal.h"
#include "decode/signames.h"

void decode_sym(struct dcall *d, struct darg *a, const char *text)
{
	size_t len = strlen(text) + 1;

	if (d->used + len > sizeof(d->scratch)) {
		a->kind = DARG_HEX;
		return;
	}
	memcpy(d->scratch + d->used, text, len);
	a->text = d->scratch + d->used;
	a->kind = DARG_SYM;
	d->used += len;
}

void decode_ret_text(struct dcall *d, const char *text)
{
	size_t len = strlen(text) + 1;

	if (d->used + len > sizeof(d->scratch))
		return;
	memcpy(d->scratch + d->used, text, len);
	d->ret_text = d->scratch + d->used;
	d->used += len;
}

void dt_begin(struct dcall *d, struct xbuf *b)
{
	size_t used = d->used < sizeof(d->scratch) ? d->used : sizeof(d->scratch);

	xb_init(b, d->scratch + used, sizeof(d->scratch) - used);
	b->xlat = d->style.xlat;
	b->hex = d->style.hex;
}

void dt_arg(struct dcall *d, struct darg *a, struct xbuf *b)
{
	/* a full scratch leaves no room even for the NUL of an empty text */
	if (b->cut || !b->cap) {	/* no room: the number, rather than half a name */
		a->kind = DARG_HEX;
		return;
	}
	a->kind = DARG_SYM;
	a->text = b->buf;
	d->used += b->len + 1;
}

void dt_ret(struct dcall *d, struct xbuf *b)
{
	if (b->cut)
		return;
	d->ret_text = b->buf;
	d->used += b->len + 1;
}

void decode_hide_from(struct dcall *d, int from)
{
	for (int i = from; i < d->nargs; i++)
		d->arg[i].hidden = true;
}

void fmt_signal(struct xbuf *b, int sig)
{
	char buf[16];

	/* strace names 1..64 and prints anything else as a number */
	if (sig <= 0)
		xb_i64(b, sig);
	else
		xlat_named(b, (uint64_t)sig, signame(sig, buf, sizeof(buf)), XN_DEC);
}

void fmt_mode(struct xbuf *b, uint64_t mode)
{
	/* strace passes modes as unsigned short */
	xb_oct(b, (uint16_t)mode);
}

static void sym_enum(struct dcall *d, struct darg *a, const struct xlat *x, const char *dflt,
		     enum xlat_num num)
{
	struct xbuf b;

	dt_begin(d, &b);
	xlat_enum(&b, x, a->value, dflt, num);
	dt_arg(d, a, &b);
}

void decode_fmt(struct dcall *d, struct darg *a, enum afmt fmt, const struct xlat *x,
		const char *dflt)
{
	struct xbuf b;

	switch (fmt) {
	case F_DEFAULT:
	case F_FN:
		break;
	case F_HIDE:
		a->hidden = true;
		break;
	case F_INT:
		a->kind = DARG_INT;
		break;
	case F_I32:
	case F_FD:
		a->kind = DARG_INT;
		a->value = (uint64_t)(int64_t)(int32_t)a->value;
		break;
	case F_UINT:
		a->kind = DARG_UINT;
		break;
	case F_U32:
		a->kind = DARG_UINT;
		a->value = (uint32_t)a->value;
		break;
	case F_HEX:
		a->kind = DARG_HEX;
		break;
	case F_X32:
		a->kind = DARG_HEX;
		a->value = (uint32_t)a->value;
		break;
	case F_PTR:
		a->kind = DARG_PTR;
		break;
	case F_DIRFD:
		a->value = (uint64_t)(int64_t)(int32_t)a->value;
		if (xlat_name(&xlat_dirfd, a->value)) {
			sym_enum(d, a, &xlat_dirfd, NULL, XN_DEC);
			break;
		}
		a->kind = DARG_INT;
		break;
	case F_MODE:
		dt_begin(d, &b);
		fmt_mode(&b, a->value);
		dt_arg(d, a, &b);
		break;
	case F_ID:
		a->value = (uint32_t)a->value;
		if (a->value == UINT32_MAX) {
			a->kind = DARG_INT;
			a->value = (uint64_t)-1;
		} else {
			a->kind = DARG_UINT;
		}
		break;
	case F_SIG:
		dt_begin(d, &b);
		fmt_signal(&b, (int)a->value);
		dt_arg(d, a, &b);
		break;
	case F_ENUM:
		sym_enum(d, a, x, dflt, XN_HEX);
		break;
	case F_ENUM_D:
		sym_enum(d, a, x, dflt, XN_DEC);
		break;
	case F_ENUM_U:
		sym_enum(d, a, x, dflt, XN_UDEC);
		break;
	case F_FLAGS:
		dt_begin(d, &b);
		xlat_flags(&b, x, a->value, dflt);
		if (!b.len)	/* 0 with no zero name and no dflt */
			xb_char(&b, '0');
		dt_arg(d, a, &b);
		break;
	}
}

/* The record widens every argument to 8 bytes; C's int is 4. */
static void narrow(const struct sc_desc *sd, int i, struct darg *a)
{
	if (sd->is_int32[i])
		a->value = sd->is_signed[i] ? (uint64_t)(int64_t)(int32_t)a->value :
					      (uint32_t)a->value;
}

/* With no word in the table: what the tracepoint format says about it. */
static void decode_default(const struct sc_desc *sd, int i, struct darg *a)
{
	if (sd->is_pointer[i])
		a->kind = DARG_PTR;
	else if (sd->is_signed[i])
		a->kind = DARG_INT;
	else if (!strncmp(sd->argname[i], "arg", 3) && sd->argname[i][3] >= '0' &&
		 sd->argname[i][3] <= '5' && !sd->argname[i][4])
		a->kind = DARG_HEX;	/* no format: nothing known about it */
	else
		a->kind = DARG_UINT;
}

/* The table works on the register as strace sees it, not the value the
 * tracepoint's type narrowed. */
static void apply_rule(struct dcall *d, struct darg *a, const struct sc_arg *r, uint64_t reg)
{
	switch (r->cast) {
	case C_U32:
		a->value = (uint32_t)reg;
		break;
	case C_I32:
		a->value = (uint64_t)(int64_t)(int32_t)reg;
		break;
	default:
		a->value = reg;
		break;
	}
	if (r->fmt == F_FN)
		r->fn(d, a);
	else if (r->fmt == F_HIDE)
		a->hidden = true;
	else
		decode_fmt(d, a, r->fmt, r->x, r->dflt);
}

static void decode_ret(const struct sc_info *r, const struct call *c, struct dcall *d)
{
	d->ret_text = NULL;
	if (!c->returned) {
		d->ret_kind = DRET_NONE;
		return;
	}
	d->ret = c->ret;
	if (decode_is_error(c->ret)) {
		d->ret_kind = DRET_ERR;
		d->err = (int)-c->ret;
		return;
	}
	d->ret_kind = r->ret == R_HEX ? DRET_HEX : DRET_INT;
	if (r->ret == R_OCT) {
		struct xbuf b;

		dt_begin(d, &b);
		xb_oct(&b, (uint64_t)c->ret);
		dt_ret(d, &b);
	}
}

void decode_call(struct formats *f, const struct call *c, struct dcall *d)
{
	decode_call_as(f, c, d, NULL);
}

void decode_call_as(struct formats *f, const struct call *c, struct dcall *d,
		    const struct decode_style *style)
{
	const struct sc_desc *sd = formats_syscall(f, c->nr);
	const struct sc_info *r = table_get(c->nr);

	d->name = sd->name;
	if (style)
		d->style = *style;
	else
		memset(&d->style, 0, sizeof(d->style));
	d->used = 0;
	d->nargs = c->entered ? sd->nargs : 0;
	for (int i = 0; i < d->nargs; i++) {
		struct darg *a = &d->arg[i];

		a->name = sd->argname[i];
		darg_reset(a, c->args[i]);
		a->fd = r->arg[i].fmt == F_FD || r->arg[i].fmt == F_DIRFD;
		narrow(sd, i, a);
		decode_default(sd, i, a);
		/* what the program copies is behind a pointer, whatever type a
		 * missing tracepoint left it: NULL prints as NULL */
		if (r->arg[i].cap)
			a->kind = DARG_PTR;
		if (r->arg[i].fmt != F_DEFAULT)
			apply_rule(d, a, &r->arg[i], c->args[i]);
	}
	decode_ret(r, c, d);
	if (r->fix && c->entered)
		r->fix(d, c);
	/* what strace does not print has no strace spelling: JSON gets the
	 * number the tracepoint's type gives */
	for (int i = 0; i < d->nargs; i++) {
		if (d->arg[i].hidden && d->arg[i].kind == DARG_SYM &&
		    d->arg[i].name == sd->argname[i]) {
			d->arg[i].value = c->args[i];
			d->arg[i].text = NULL;
			narrow(sd, i, &d->arg[i]);
			decode_default(sd, i, &d->arg[i]);
		}
	}
}

/* The return value, then strace's explanation of it: "1 (SUID_DUMP_USER)". */
void decode_ret_aux(struct dcall *d, bool hex, const char *aux)
{
	struct xbuf b;

	if ((d->ret_kind != DRET_INT && d->ret_kind != DRET_HEX) || !aux)
		return;
	dt_begin(d, &b);
	if (hex)
		xb_hex(&b, (uint64_t)d->ret);
	else
		xb_i64(&b, d->ret);
	xb_str(&b, " (");
	xb_str(&b, aux);
	xb_char(&b, ')');
	dt_ret(d, &b);
}

/* strace's sprintflags_ex in its "auxstr" mode: names, no bare number. */
void decode_ret_flags(struct dcall *d, const struct xlat *x)
{
	char buf[256];
	struct xbuf t;
	uint64_t v = (uint64_t)d->ret;
	int n = 0;

	/* -X raw: strace has no names to explain the number with */
	if (d->style.xlat == XLAT_RAW)
		return;
	xb_init(&t, buf, sizeof(buf));
	if (!v && x->n && !x->ent[0].val) {
		xb_str(&t, x->ent[0].name);
		n = 1;
	}
	for (uint32_t i = 0; v && i < x->n; i++) {
		if (x->ent[i].val && (v & x->ent[i].val) == x->ent[i].val) {
			if (n++)
				xb_char(&t, '|');
			xb_str(&t, x->ent[i].name);
			v &= ~x->ent[i].val;
		}
	}
	if (!n)
		return;
	if (v) {
		xb_char(&t, '|');
		xb_hex(&t, v);
	}
	decode_ret_aux(d, true, buf);
}
