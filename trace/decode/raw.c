/* strace's -e raw=SET: the syscall's registers as they were, undecoded.
 * lotrace's BPF program copies nothing for these syscalls either
 * (transport/bpf.c), which makes raw=all the measure of what the copies
 * cost (bench/capture.sh). */
#include "decode/decode.h"

void decode_raw(const struct call *c, struct dcall *d)
{
	for (int i = 0; i < d->nargs; i++) {
		struct darg *a = &d->arg[i];

		darg_reset(a, c->args[i]);
		a->kind = DARG_HEX;
	}
	d->ret_text = NULL;
	if (d->ret_kind == DRET_INT)
		d->ret_kind = DRET_HEX;
}
