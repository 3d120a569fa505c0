#include "decode.h"

#include <fcntl.h>
#include <string.h>

#include "systab.h"

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

static void decode_dirfd(struct dcall *d, struct darg *a)
{
	if ((int)a->value == AT_FDCWD)
		decode_sym(d, a, "AT_FDCWD");
	else
		a->kind = DARG_INT;
}

/* File descriptors are C ints, whatever type the syscall's format gives. */
static void decode_fd(struct dcall *d, struct darg *a)
{
	(void)d;
	a->kind = DARG_INT;
	a->value = (uint64_t)(int64_t)(int32_t)a->value;
}

/* Arguments strace prints specially, by syscall (NULL: any) and name. */
static const struct {
	const char *syscall;
	const char *arg;
	decode_arg_fn fn;
} arg_decoders[] = {
	{ NULL, "dfd", decode_dirfd },
	{ NULL, "olddfd", decode_dirfd },
	{ NULL, "newdfd", decode_dirfd },
	{ NULL, "dirfd", decode_dirfd },
	{ NULL, "fd", decode_fd },
	{ NULL, "oldfd", decode_fd },
	{ NULL, "newfd", decode_fd },
	{ NULL, "ufd", decode_fd },
	{ NULL, "epfd", decode_fd },
};

/* Syscalls whose return value is an address. */
static const char *const hex_returns[] = {
	"mmap", "brk", "mremap", "shmat",
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static decode_arg_fn find_decoder(const char *syscall, const char *arg)
{
	for (size_t i = 0; i < LEN(arg_decoders); i++)
		if ((!arg_decoders[i].syscall || !strcmp(arg_decoders[i].syscall, syscall)) &&
		    !strcmp(arg_decoders[i].arg, arg))
			return arg_decoders[i].fn;
	return NULL;
}

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

static void decode_ret(const struct sc_desc *sd, const struct call *c, struct dcall *d)
{
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
	d->ret_kind = DRET_INT;
	for (size_t i = 0; i < LEN(hex_returns); i++)
		if (!strcmp(hex_returns[i], sd->name))
			d->ret_kind = DRET_HEX;
}

void decode_call(struct formats *f, const struct call *c, struct dcall *d)
{
	const struct sc_desc *sd = formats_syscall(f, c->nr);

	d->name = sd->name;
	d->used = 0;
	d->nargs = c->entered ? sd->nargs : 0;
	for (int i = 0; i < d->nargs; i++) {
		struct darg *a = &d->arg[i];
		decode_arg_fn fn = find_decoder(sd->name, sd->argname[i]);

		a->name = sd->argname[i];
		a->value = c->args[i];
		a->text = NULL;
		/* the record widens every argument to 8 bytes; C's int is 4 */
		if (sd->is_int32[i])
			a->value = sd->is_signed[i] ? (uint64_t)(int64_t)(int32_t)a->value :
						      (uint32_t)a->value;
		decode_default(sd, i, a);
		if (fn)
			fn(d, a);
	}
	decode_ret(sd, c, d);
}
