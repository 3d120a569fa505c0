/* SPDX-License-Identifier: MIT */
/*
 * lexer: the provider file as tokens (identifiers, numbers, punctuation),
 * with blanks and comments skipped and line:column kept for diagnostics.
 * Directives are the preprocessor's (preproc.h): the lexer stops at them.
 */
#ifndef USDT_GEN_LEXER_H
#define USDT_GEN_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum tok_kind {
	TOK_EOF,
	TOK_IDENT,
	TOK_NUMBER,
	TOK_PUNCT,	/* one of { } ( ) ; , * [ ] : */
};

struct token {
	enum tok_kind kind;
	const char *text;	/* into input.text; not NUL-terminated */
	size_t len;
	struct loc loc;
};

/* The byte `ahead` bytes past the current one, or EOF. */
int lex_peek(const struct input *in, size_t ahead);
void lex_advance(struct input *in);

bool is_ident_start(int c);

/* Skip blanks, newlines and comments; stop at a token or a '#'. */
int lex_space(struct input *in);
/* Skip spaces and tabs only: within a directive's line. */
void lex_blanks(struct input *in);
/* At "/" "*" or "//": skip the comment. */
int lex_comment(struct input *in);
/* Lex the token at the current byte (no blanks skipped). */
int lex_raw(struct input *in, struct token *t);

bool tok_is(const struct token *t, const char *s);
/* How a token is named in "expected X, found Y" messages. */
const char *tok_desc(const struct token *t, char *out, size_t n);

#endif
