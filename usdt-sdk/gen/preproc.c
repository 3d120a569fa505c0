// SPDX-License-Identifier: MIT
#include "preproc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Skip the rest of a directive's line, continuation lines included. */
static void skip_line(struct input *in)
{
	while (lex_peek(in, 0) != EOF && lex_peek(in, 0) != '\n') {
		if (lex_peek(in, 0) == '\\' && lex_peek(in, 1) == '\n')
			lex_advance(in);
		lex_advance(in);
	}
}

/* Read the tokens up to the end of the directive's line. */
static int directive_body(struct input *in, struct words *body)
{
	for (;;) {
		struct token t;
		int c = lex_peek(in, 0);
		int err;

		if (c == EOF || c == '\n')
			return 0;
		if (isspace(c)) {
			lex_advance(in);
			continue;
		}
		if (c == '\\' && lex_peek(in, 1) == '\n') {
			lex_advance(in);
			lex_advance(in);
			continue;
		}
		if (c == '/' && (lex_peek(in, 1) == '*' ||
				 lex_peek(in, 1) == '/')) {
			err = lex_comment(in);
			if (err)
				return err;
			continue;
		}
		err = lex_raw(in, &t);
		if (err)
			return err;
		if (words_push(body, t.text, t.len, t.loc))
			return -ENOMEM;
	}
}

static int define(struct input *in)
{
	struct alias *a;
	struct token name;
	int err;

	lex_blanks(in);
	err = lex_raw(in, &name);
	if (err)
		return err;
	if (name.kind != TOK_IDENT)
		return error(in, name.loc, "expected a macro name after #define");
	if (lex_peek(in, 0) == '(')
		return error(in, in->at,
			     "function-like macros are not supported");
	if (strmap_get(&in->alias_index, name.text, name.len) >= 0)
		return error(in, name.loc, "'%.*s' is already defined",
			     (int)name.len, name.text);

	if (grow_array(&in->aliases, &in->aliases_cap, in->naliases,
		       sizeof(*a)))
		return -ENOMEM;
	a = &in->aliases[in->naliases];
	memset(a, 0, sizeof(*a));
	a->name = strndup(name.text, name.len);
	if (!a->name)
		return -ENOMEM;
	if (strmap_put(&in->alias_index, name.text, name.len, in->naliases)) {
		free(a->name);
		return -ENOMEM;
	}
	in->naliases++;
	err = directive_body(in, &a->body);
	if (err)
		return err;
	for (int i = 0; i < a->body.n; i++) {
		const char *w = a->body.v[i].text;

		if (!is_ident_start((unsigned char)w[0]) && strcmp(w, "*"))
			return error(in, a->body.v[i].loc,
				     "'%s' cannot be part of a type; #define "
				     "is only supported for type names", w);
	}
	return 0;
}

static int pragma(struct input *in, struct loc hash)
{
	struct token d;
	int err;

	lex_blanks(in);
	err = lex_raw(in, &d);
	if (err)
		return err;
	if (!tok_is(&d, "D"))
		return error(in, d.loc, "only '#pragma D' is accepted");
	skip_line(in);
	warning(in, hash, "#pragma D is ignored (stability attributes "
		"and options do not apply to USDT notes)");
	return 0;
}

static int directive(struct input *in)
{
	struct loc hash = in->at;
	struct token t;
	int err;

	lex_advance(in);	/* '#' */
	lex_blanks(in);
	err = lex_raw(in, &t);
	if (err)
		return err;
	if (tok_is(&t, "define"))
		return define(in);
	if (tok_is(&t, "pragma"))
		return pragma(in, hash);
	if (t.kind == TOK_IDENT)
		return error(in, t.loc, "unsupported directive '#%.*s' (run "
			     "the file through cpp first)", (int)t.len, t.text);
	return error(in, hash, "expected a directive name after '#'");
}

int pp_lex(struct input *in, struct token *t)
{
	int err;

	for (;;) {
		err = lex_space(in);
		if (err)
			return err;
		if (lex_peek(in, 0) != '#' || !in->line_start)
			return lex_raw(in, t);
		err = directive(in);
		if (err)
			return err;
	}
}

struct expansion {
	const struct word *use;	/* the parameter's word being expanded */
	int budget;		/* words it may still visit */
};

static int expand_word(struct input *in, struct expansion *x,
		       const struct word *w, struct words *out, int depth)
{
	long i = strmap_get(&in->alias_index, w->text, strlen(w->text));
	struct alias *a = i >= 0 ? &in->aliases[i] : NULL;
	int err = 0;

	if (--x->budget < 0)
		return error(in, x->use->loc, "expanding '%s' takes more than "
			     "%d macro words; #define is only supported for "
			     "type names", x->use->text, MAX_EXPANSION);
	if (!a || a->expanding)
		return words_push(out, w->text, strlen(w->text), w->loc);
	if (depth >= MAX_ALIAS_DEPTH)
		return error(in, w->loc, "#define chain too deep at '%s'",
			     w->text);
	a->expanding = true;
	for (int j = 0; j < a->body.n && !err; j++)
		err = expand_word(in, x, &a->body.v[j], out, depth + 1);
	a->expanding = false;
	return err;
}

int pp_expand(struct input *in, const struct words *w, struct words *out)
{
	struct expansion x = { .budget = MAX_EXPANSION };
	int err = 0;

	for (int i = 0; i < w->n && !err; i++) {
		x.use = &w->v[i];
		err = expand_word(in, &x, &w->v[i], out, 0);
	}
	return err;
}
