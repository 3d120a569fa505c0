// SPDX-License-Identifier: MIT
#include "parser.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "preproc.h"
#include "types.h"

static int expect(struct input *in, const char *what, const char *context)
{
	struct token t;
	char d[64];
	int err = pp_lex(in, &t);

	if (err)
		return err;
	if (tok_is(&t, what))
		return 0;
	return error(in, t.loc, "expected '%s' %s, found %s", what, context,
		     tok_desc(&t, d, sizeof(d)));
}

/* The words of one parameter, up to the ',' or ')' that ends it (in t). */
static int param_words(struct input *in, struct token *t, struct words *w)
{
	char d[64];
	int err;

	while (!tok_is(t, ",") && !tok_is(t, ")")) {
		if (tok_is(t, "["))
			return error(in, t->loc, "array parameters are not "
				     "supported; declare a pointer");
		if (tok_is(t, "("))
			return error(in, t->loc, "function pointer parameters "
				     "are not supported; use 'void *'");
		if (t->kind != TOK_IDENT && !tok_is(t, "*"))
			return error(in, t->loc, "expected a parameter type, "
				     "',' or ')', found %s",
				     tok_desc(t, d, sizeof(d)));
		err = words_push(w, t->text, t->len, t->loc);
		if (!err)
			err = pp_lex(in, t);
		if (err)
			return err;
	}
	return 0;
}

/* After "probe NAME": "( [void | param {, param}] ) ;" */
static int parse_params(struct input *in, struct probe *p)
{
	struct words w = { 0 };
	struct token t, n;
	int err;

	err = expect(in, "(", "after the probe name");
	if (!err)
		err = pp_lex(in, &t);
	if (err)
		return err;
	if (tok_is(&t, ")"))
		return expect(in, ";", "after the probe declaration");
	if (tok_is(&t, "void")) {
		err = pp_lex(in, &n);
		if (err)
			return err;
		if (tok_is(&n, ")"))
			return expect(in, ";", "after the probe declaration");
		/* "void *" and the like: a type after all */
		err = words_push(&w, "void", 4, t.loc);
		if (err)
			return err;
		t = n;
	}
	for (;;) {
		err = param_words(in, &t, &w);
		if (!err)
			err = type_add_param(in, p, &w,
					     w.n ? w.v[0].loc : t.loc);
		words_free(&w);
		if (err || tok_is(&t, ")"))
			break;
		err = pp_lex(in, &t);
		if (err)
			break;
	}
	words_free(&w);
	if (err)
		return err;
	return expect(in, ";", "after the probe declaration");
}

/* dtrace -h's macro name: PROVIDER_PROBE, "__" in the probe name as "_". */
static char *macro_name(const char *provider, const char *probe)
{
	size_t n = strlen(provider) + strlen(probe) + 2;
	char *m = malloc(n), *o = m;

	if (!m)
		return NULL;
	for (const char *s = provider; *s; s++)
		*o++ = (char)toupper((unsigned char)*s);
	*o++ = '_';
	for (const char *s = probe; *s; s++) {
		if (s[0] == '_' && s[1] == '_')
			s++;
		*o++ = (char)toupper((unsigned char)*s);
	}
	*o = '\0';
	return m;
}

/*
 * The probe whose macros collide with `macro`'s, or -1: the same name, or
 * NAME_ENABLED() of one being the other's NAME(). Macros never clash among
 * themselves, so at most one probe can.
 */
static long macro_owner(struct input *in, const char *macro)
{
	static const char sfx[] = "_ENABLED";
	size_t n = strlen(macro), ns = sizeof(sfx) - 1;
	struct buf b = { 0 };
	long i;

	i = strmap_get(&in->macro_index, macro, n);
	if (i < 0 && n > ns && !strcmp(macro + n - ns, sfx))
		i = strmap_get(&in->macro_index, macro, n - ns);
	if (i < 0 && !buf_add(&b, macro) && !buf_add(&b, sfx))
		i = strmap_get(&in->macro_index, b.s, b.len);
	free(b.s);
	return i;
}

/* Check the new probe p's names against the probes declared before it. */
static int probe_check_names(struct input *in, const struct provider *prov,
			     struct probe *p)
{
	struct buf key = { 0 };
	long i;
	int err;

	if (buf_printf(&key, "%s:%s", prov->name, p->name))
		return -ENOMEM;
	i = strmap_get(&in->probe_index, key.s, key.len);
	if (i >= 0) {
		err = error(in, p->loc, "probe '%s' is already declared at "
			    "line %d", p->name, in->probes[i].loc.line);
		goto out;
	}
	i = macro_owner(in, p->macro);
	if (i >= 0) {
		const struct probe *o = &in->probes[i];

		err = error(in, p->loc, "the macros of probe '%s' clash with "
			    "those of probe '%s' (line %d): %s and %s", p->name,
			    o->name, o->loc.line, p->macro, o->macro);
		goto out;
	}
	err = strmap_put(&in->probe_index, key.s, key.len, p - in->probes);
	if (!err)
		err = strmap_put(&in->macro_index, p->macro, strlen(p->macro),
				 p - in->probes);
out:
	free(key.s);
	return err;
}

static int parse_probe(struct input *in, struct provider *prov)
{
	struct probe *p;
	struct token t;
	char d[64];
	int err;

	err = pp_lex(in, &t);
	if (err)
		return err;
	if (t.kind != TOK_IDENT)
		return error(in, t.loc, "expected a probe name, found %s",
			     tok_desc(&t, d, sizeof(d)));
	if (grow_array(&in->probes, &in->probes_cap, in->nprobes, sizeof(*p)))
		return -ENOMEM;
	p = &in->probes[in->nprobes];
	memset(p, 0, sizeof(*p));
	p->loc = t.loc;
	p->name = strndup(t.text, t.len);
	p->macro = p->name ? macro_name(prov->name, p->name) : NULL;
	if (!p->name || !p->macro) {
		free(p->name);
		free(p->macro);
		return -ENOMEM;
	}
	in->nprobes++;
	prov->nprobes++;
	err = probe_check_names(in, prov, p);
	if (err)
		return err;
	return parse_params(in, p);
}

/* After "provider": "NAME { probe ... } ;" */
static int parse_provider(struct input *in)
{
	struct provider *prov;
	struct token t;
	char d[64];
	long i;
	int err;

	err = pp_lex(in, &t);
	if (err)
		return err;
	if (t.kind != TOK_IDENT)
		return error(in, t.loc, "expected a provider name, found %s",
			     tok_desc(&t, d, sizeof(d)));
	i = strmap_get(&in->provider_index, t.text, t.len);
	if (i >= 0)
		return error(in, t.loc, "provider '%.*s' is already defined at "
			     "line %d", (int)t.len, t.text,
			     in->providers[i].loc.line);
	if (grow_array(&in->providers, &in->providers_cap, in->nproviders,
		       sizeof(*prov)))
		return -ENOMEM;
	prov = &in->providers[in->nproviders];
	memset(prov, 0, sizeof(*prov));
	prov->loc = t.loc;
	prov->first = in->nprobes;
	prov->name = strndup(t.text, t.len);
	if (!prov->name)
		return -ENOMEM;
	in->nproviders++;
	if (strmap_put(&in->provider_index, t.text, t.len, in->nproviders - 1))
		return -ENOMEM;

	err = expect(in, "{", "after the provider name");
	while (!err) {
		err = pp_lex(in, &t);
		if (err)
			break;
		if (tok_is(&t, "}"))
			return expect(in, ";", "after the provider's '}'");
		if (tok_is(&t, "probe"))
			err = parse_probe(in, prov);
		else
			err = error(in, t.loc, "expected 'probe' or '}', "
				    "found %s", tok_desc(&t, d, sizeof(d)));
	}
	return err;
}

int parse(struct input *in)
{
	struct token t;
	char d[64];
	int err;

	for (;;) {
		err = pp_lex(in, &t);
		if (err)
			return err;
		if (t.kind == TOK_EOF)
			return 0;
		if (!tok_is(&t, "provider"))
			return error(in, t.loc, "expected 'provider', found %s",
				     tok_desc(&t, d, sizeof(d)));
		err = parse_provider(in);
		if (err)
			return err;
	}
}
