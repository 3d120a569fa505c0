/* SPDX-License-Identifier: MIT */
/*
 * preproc: the little of cpp that provider files use: `#pragma D` lines
 * (ignored with a warning) and object-like `#define NAME type words`, kept
 * as aliases and expanded in parameter types. Expansion is bounded, so that
 * a chain of #defines doubling each other fails at once with file:line.
 */
#ifndef USDT_GEN_PREPROC_H
#define USDT_GEN_PREPROC_H

#include "lexer.h"

/* A bound on #define chains; a name met inside its own expansion stays as
 * it is, as cpp does. */
#define MAX_ALIAS_DEPTH 32
/* A bound on the words one parameter's expansion visits: a C type is a
 * handful of words, and this keeps a hostile file from taking 3 GB. */
#define MAX_EXPANSION 1024

/* The next token, after blanks, comments and directives (applied). */
int pp_lex(struct input *in, struct token *t);

/* Append the words of w to out with #define aliases expanded. */
int pp_expand(struct input *in, const struct words *w, struct words *out);

#endif
