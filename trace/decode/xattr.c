/* Extended attributes: the value strace shows of the *setxattr(2) and
 * *getxattr(2) calls and the name list of *listxattr(2), from the bytes
 * the rows copy (BUF_IN, BUF_OUT). */
#include "decode/internal.h"

/* The kernel's XATTR_SIZE_MAX: a larger value is not read, and strace
 * shows its address. */
#define XATTR_VALUE_MAX 65536

static void keep_address(struct dcall *d, int i)
{
	decode_fmt(d, &d->arg[i], F_PTR, NULL, NULL);
	d->arg[i].keep = true;
}

/* setxattr, lsetxattr, fsetxattr: value, size, flags follow the name. */
void fix_setxattr(struct dcall *d, const struct call *c)
{
	if (d->nargs == 5 && c->args[3] > XATTR_VALUE_MAX)
		keep_address(d, 2);
}

/* getxattr, lgetxattr, fgetxattr: the value the call wrote. */
void fix_getxattr(struct dcall *d, const struct call *c)
{
	if (d->nargs == 4 && c->returned && c->ret > XATTR_VALUE_MAX)
		keep_address(d, 2);
}

/* listxattr, llistxattr, flistxattr: a size of 0 asks for the length
 * only, and strace shows the address. */
void fix_listxattr(struct dcall *d, const struct call *c)
{
	if (d->nargs == 3 && !c->args[2])
		keep_address(d, 1);
}

/* strace prints values with QUOTE_OMIT_TRAILING_0: a NUL as the last byte
 * shown is not shown. */
void xattr_value_result(const struct call *c, struct dcall *d)
{
	struct darg *a = darg_at(d, 2);

	(void)c;
	if (a && a->kind == DARG_STR && a->len && !a->text[a->len - 1])
		a->len--;
}
