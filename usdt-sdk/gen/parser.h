/* SPDX-License-Identifier: MIT */
/*
 * parser: the provider grammar, `provider NAME { probe NAME(TYPES); ... };`,
 * into struct input's providers and probes, with each parameter's C type
 * checked and spelled out, and the macro names usdt-gen will define.
 */
#ifndef USDT_GEN_PARSER_H
#define USDT_GEN_PARSER_H

#include "model.h"

/* 0; -EINVAL with the message in in->err; or -ENOMEM. */
int parse(struct input *in);

#endif
