/* SPDX-License-Identifier: MIT */
/*
 * preproc: the little of cpp that provider files use: `#pragma D` lines
 * (ignored with a warning) and object-like `#define NAME type words`, kept
 * as aliases and expanded in parameter types.
 */
#ifndef USDT_GEN_PREPROC_H
#define USDT_GEN_PREPROC_H

#include "lexer.h"

/* A bound on #define chains; a name met inside its own expansion stays as
 * it is, as cpp does. */
#define MAX_ALIAS_DEPTH 32

/* The next token, after blanks, comments and directives (applied). */
int pp_lex(struct input *in, struct token *t);

/* Append the words of w to out with #define aliases expanded. */
int pp_expand(struct input *in, const struct words *w, struct words *out);

#endif
