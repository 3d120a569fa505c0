// SPDX-License-Identifier: MIT
/*
 * types: one parameter's words (as written, a name perhaps last) into the
 * C type usdt-gen spells in the prototype and the cast of its macros.
 */
#include "types.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "preproc.h"

static const char *const qualifiers[] = { "const", "volatile", "restrict" };
static const char *const tag_keywords[] = { "struct", "union", "enum" };
static const char *const type_keywords[] = {
	"void", "char", "short", "int", "long", "float", "double",
	"signed", "unsigned", "_Bool", "bool",
};

#define IN(w, table) in_table(w, table, sizeof(table) / sizeof(table[0]))

static bool in_table(const char *w, const char *const *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w, t[i]))
			return true;
	return false;
}

static bool is_qualifier(const char *w)
{
	return IN(w, qualifiers);
}

static bool is_type_keyword(const char *w)
{
	return IN(w, type_keywords) || IN(w, qualifiers) ||
	       IN(w, tag_keywords);
}

/*
 * DTrace lets a parameter carry a name (`int fd`). The last identifier is
 * a name when something before it already names a type: a type keyword,
 * a typedef name, a struct tag or a '*'; qualifiers alone do not.
 */
static bool last_is_name(const struct words *w)
{
	const char *last;
	bool have_type = false;

	if (w->n < 2)
		return false;
	last = w->v[w->n - 1].text;
	if (!strcmp(last, "*") || is_type_keyword(last))
		return false;
	if (IN(w->v[w->n - 2].text, tag_keywords))
		return false;
	for (int i = 0; i < w->n - 1; i++)
		if (!is_qualifier(w->v[i].text))
			have_type = true;
	return have_type;
}

/*
 * Spell a type as C does: "const char *", "char **", "int *const". With
 * `cast`, leave out the top-level qualifiers (those after the last '*', or
 * all of them without one), which C++ warns about in a cast.
 */
static char *type_text(const struct words *w, bool cast)
{
	struct buf b = { 0 };
	int last_star = -1, n = 0;

	for (int i = 0; i < w->n; i++)
		if (!strcmp(w->v[i].text, "*"))
			last_star = i;
	for (int i = 0; i < w->n; i++) {
		const char *s = w->v[i].text;

		if (cast && i > last_star && is_qualifier(s))
			continue;
		/* _Bool is spelled bool, which C++ and <stdbool.h> know. */
		if (!strcmp(s, "_Bool"))
			s = "bool";
		if ((n && b.s[b.len - 1] != '*' && buf_add(&b, " ")) ||
		    buf_add(&b, s)) {
			free(b.s);
			return NULL;
		}
		n++;
	}
	return b.s;
}

/*
 * Remember "struct foo" so that the header can declare it: a struct first
 * met in a prototype's parameter list would be local to that prototype.
 */
static int add_tag(struct input *in, const char *kw, const char *tag,
		   struct loc loc)
{
	struct buf s = { 0 };
	int err;

	if (!is_ident_start((unsigned char)tag[0]) || is_type_keyword(tag))
		return error(in, loc, "expected a tag name after '%s'", kw);
	if (buf_printf(&s, "%s %s", kw, tag))
		return -ENOMEM;
	err = 0;
	if (strmap_get(&in->tag_index, s.s, s.len) < 0) {
		err = strmap_put(&in->tag_index, s.s, s.len, in->tags.n);
		if (!err)
			err = words_push(&in->tags, s.s, s.len, loc);
	}
	free(s.s);
	return err;
}

/* The expanded type's words make sense, and say what the header needs. */
static int check_type(struct input *in, const struct words *t, struct loc loc)
{
	bool have_type = false;
	int err;

	for (int i = 0; i < t->n; i++) {
		const char *s = t->v[i].text;

		if (!is_qualifier(s) && strcmp(s, "*"))
			have_type = true;
		if (!strcmp(s, "*") && i == 0)
			return error(in, t->v[i].loc,
				     "expected a type before '*'");
		if (!strcmp(s, "bool") || !strcmp(s, "_Bool"))
			in->uses_bool = true;
		if ((!strcmp(s, "struct") || !strcmp(s, "union")) &&
		    i + 1 < t->n) {
			err = add_tag(in, s, t->v[i + 1].text, t->v[i].loc);
			if (err)
				return err;
		}
	}
	if (!have_type)
		return error(in, loc, "parameter has qualifiers but no type");
	if (t->n == 1 && !strcmp(t->v[0].text, "void"))
		return error(in, loc, "'void' must be the only parameter");
	return 0;
}

int type_add_param(struct input *in, struct probe *p, struct words *w,
		   struct loc loc)
{
	struct words t = { 0 };
	int err;

	if (w->n == 0)
		return error(in, loc, "expected a parameter type");
	if (last_is_name(w))
		words_pop(w);
	err = pp_expand(in, w, &t);
	if (!err)
		err = check_type(in, &t, loc);
	if (!err && p->nargs == MAX_ARGS)
		err = error(in, loc, "probe '%s' has more than %d arguments",
			    p->name, MAX_ARGS);
	if (err)
		goto out;
	p->types[p->nargs] = type_text(&t, false);
	p->casts[p->nargs] = type_text(&t, true);
	if (!p->types[p->nargs] || !p->casts[p->nargs]) {
		free(p->types[p->nargs]);
		free(p->casts[p->nargs]);
		err = -ENOMEM;
		goto out;
	}
	p->nargs++;
out:
	words_free(&t);
	return err;
}
