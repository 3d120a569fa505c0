/* ioctl: the request names (generated from the installed kernel headers by
 * gen-ioctls.sh into ioctl_gen.c) and what each request's argument is, for
 * the decoders (decode/ioctl.c) and for what the BPF program copies. */
#ifndef LOTRACE_DECODE_IOCTL_H
#define LOTRACE_DECODE_IOCTL_H

#include <stddef.h>
#include <stdint.h>

#include "bpf/capture.h"

/* One request name, ioctl_ents[] sorted by code then name. */
struct ioctl_ent {
	uint32_t code;
	const char *name;
};

extern const struct ioctl_ent ioctl_ents[];
extern const size_t ioctl_nents;

/* The requests whose argument points to something lotrace prints: how many
 * bytes and which way (LT_IOC_IN, LT_IOC_OUT), for the BPF program's map.
 * Returns their number; *out the first of them. */
size_t ioctl_old_args(const struct lt_ioctl_arg **out);

#endif
