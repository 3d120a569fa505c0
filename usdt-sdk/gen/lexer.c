// SPDX-License-Identifier: MIT
#include "lexer.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int lex_peek(const struct input *in, size_t ahead)
{
	if (in->pos + ahead >= in->len)
		return EOF;
	return (unsigned char)in->text[in->pos + ahead];
}

void lex_advance(struct input *in)
{
	if (in->pos >= in->len)
		return;
	if (in->text[in->pos] == '\n') {
		in->at.line++;
		in->at.col = 1;
		in->line_start = true;
	} else {
		in->at.col++;
		if (!isspace((unsigned char)in->text[in->pos]))
			in->line_start = false;
	}
	in->pos++;
}

bool is_ident_start(int c)
{
	return c == '_' || isalpha(c);
}

static bool is_ident_char(int c)
{
	return c == '_' || isalnum(c);
}

int lex_comment(struct input *in)
{
	struct loc start = in->at;
	bool was_line_start = in->line_start;

	if (lex_peek(in, 1) == '/') {
		while (lex_peek(in, 0) != EOF && lex_peek(in, 0) != '\n')
			lex_advance(in);
		return 0;
	}
	lex_advance(in);
	lex_advance(in);
	for (;;) {
		if (lex_peek(in, 0) == EOF)
			return error(in, start, "unterminated comment");
		if (lex_peek(in, 0) == '*' && lex_peek(in, 1) == '/')
			break;
		lex_advance(in);
	}
	lex_advance(in);
	lex_advance(in);
	/* A comment does not end "start of line" for a following '#'. */
	if (was_line_start)
		in->line_start = true;
	return 0;
}

int lex_space(struct input *in)
{
	int err;

	for (;;) {
		int c = lex_peek(in, 0);

		if (c != EOF && isspace(c)) {
			lex_advance(in);
		} else if (c == '/' && (lex_peek(in, 1) == '*' ||
					lex_peek(in, 1) == '/')) {
			err = lex_comment(in);
			if (err)
				return err;
		} else {
			return 0;
		}
	}
}

void lex_blanks(struct input *in)
{
	while (lex_peek(in, 0) == ' ' || lex_peek(in, 0) == '\t')
		lex_advance(in);
}

/* Consume the characters of a token while `more` accepts them. */
static void lex_run(struct input *in, struct token *t, bool (*more)(int))
{
	while (more(lex_peek(in, 0))) {
		lex_advance(in);
		t->len++;
	}
}

static bool is_number_char(int c)
{
	return c != EOF && isalnum(c);
}

int lex_raw(struct input *in, struct token *t)
{
	int c = lex_peek(in, 0);

	t->loc = in->at;
	t->text = in->text + in->pos;
	t->len = 0;
	if (c == EOF) {
		t->kind = TOK_EOF;
		return 0;
	}
	if (is_ident_start(c)) {
		t->kind = TOK_IDENT;
		lex_run(in, t, is_ident_char);
		return 0;
	}
	if (isdigit(c)) {
		t->kind = TOK_NUMBER;
		lex_run(in, t, is_number_char);
		return 0;
	}
	if (strchr("{}();,*[]:", c)) {
		t->kind = TOK_PUNCT;
		t->len = 1;
		lex_advance(in);
		return 0;
	}
	if (isprint(c))
		return error(in, t->loc, "unexpected character '%c'", c);
	return error(in, t->loc, "unexpected byte 0x%02x", (unsigned)c);
}

bool tok_is(const struct token *t, const char *s)
{
	return t->kind != TOK_EOF && t->len == strlen(s) &&
	       !memcmp(t->text, s, t->len);
}

const char *tok_desc(const struct token *t, char *out, size_t n)
{
	if (t->kind == TOK_EOF)
		snprintf(out, n, "end of file");
	else
		snprintf(out, n, "'%.*s'", (int)(t->len > 40 ? 40 : t->len),
			 t->text);
	return out;
}
