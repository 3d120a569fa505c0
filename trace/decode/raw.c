/* strace's -e raw=SET: the syscall's registers as they were, undecoded.
 * lotrace's BPF program copies nothing for these syscalls either
 * (transport_bpf.c), which makes raw=all the measure of what the copies
 * cost (bench/capture.sh). */
#include "decode/decode.h"

void decode_raw(const struct call *c, struct dcall *d)
{
	for (int i = 0; i < d->nargs; i++) {
		struct darg *a = &d->arg[i];

		a->kind = DARG_HEX;
		a->value = c->args[i];
		a->text = NULL;
		a->len = 0;
		a->more = false;
		a->label = NULL;
		a->hidden = false;
	}
	d->ret_text = NULL;
	if (d->ret_kind == DRET_INT)
		d->ret_kind = DRET_HEX;
}
