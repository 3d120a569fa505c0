/* SPDX-License-Identifier: MIT */
/*
 * types: a probe parameter's words, as written, into the C type the header
 * spells (#define aliases expanded, a parameter name dropped, the struct
 * tags it needs remembered), checked for what a probe argument can be.
 */
#ifndef USDT_GEN_TYPES_H
#define USDT_GEN_TYPES_H

#include "model.h"

/* Check one parameter of p and add its type; w holds its words as written
 * (and may lose its last one, a name), loc is where the parameter is. */
int type_add_param(struct input *in, struct probe *p, struct words *w,
		   struct loc loc);

#endif
