/* SPDX-License-Identifier: MIT */
/*
 * emit: the header usdt-gen writes for a parsed provider file: an include
 * guard, the includes its types need, and per probe a never-defined
 * prototype that checks the arguments, PROVIDER_NAME(args) and
 * PROVIDER_NAME_ENABLED().
 */
#ifndef USDT_GEN_EMIT_H
#define USDT_GEN_EMIT_H

#include "model.h"

/* Append the header to b. out_path names the guard (NULL: standard
 * output; the guard then comes from the providers). 0 or -ENOMEM. */
int emit(struct buf *b, const struct input *in, const char *out_path);

#endif
