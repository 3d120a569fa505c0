/* bpfplain: the bytes of the plain build's BPF object (bpfplain.c). */
#ifndef LOTRACE_TRANSPORT_BPFPLAIN_H
#define LOTRACE_TRANSPORT_BPFPLAIN_H

#include <stddef.h>

const void *bpfplain_object(size_t *size);

#endif
