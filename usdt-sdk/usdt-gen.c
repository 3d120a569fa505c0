// SPDX-License-Identifier: MIT
/*
 * usdt-gen: turn a DTrace provider file (provider.d) into a C header of
 * typed probe macros built on <lotrace/usdt.h>, as `dtrace -h` does.
 *
 * Reads the whole file, parses it into providers and probes (parse_*),
 * then writes the header (emit_*) to a temporary file renamed into place,
 * so that a failed run never leaves a half-written header behind.
 */
#define _GNU_SOURCE	/* asprintf */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define USDT_GEN_VERSION "0.1.0"
#define MAX_ARGS 12		/* what the note format's tools and usdt.h take */
/* A bound on #define chains; a name met inside its own expansion stays as
 * it is, as cpp does. */
#define MAX_ALIAS_DEPTH 32

static const char usage[] =
	"usage: usdt-gen [-h] -s PROVIDER.d [-o HEADER.h]\n"
	"\n"
	"Generate a C/C++ header of typed probe macros from a DTrace provider\n"
	"file. The macros use <lotrace/usdt.h>; no object file is needed.\n"
	"\n"
	"  -s FILE        provider definition to read (required)\n"
	"  -o FILE        header to write; '-' for standard output\n"
	"                 (default: FILE.d with .d replaced by .h)\n"
	"  -h             generate a header (the only mode; accepted for dtrace)\n"
	"  --help         show this help\n"
	"  --version      show the version\n";

/* A growable string. */
struct buf {
	char *s;
	size_t len, cap;
};

static int buf_grow(struct buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 64;
	char *s;

	while (cap < b->len + extra + 1)
		cap *= 2;
	if (cap == b->cap)
		return 0;
	s = realloc(b->s, cap);
	if (!s)
		return -ENOMEM;
	b->s = s;
	b->cap = cap;
	return 0;
}

static int buf_addn(struct buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n))
		return -ENOMEM;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

static int buf_add(struct buf *b, const char *s)
{
	return buf_addn(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n))
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The model: what the provider file declares.                         */

struct loc {
	int line, col;
};

/* A word of a type: an identifier or "*". */
struct word {
	char *text;
	struct loc loc;
};

struct words {
	struct word *v;
	int n, cap;
};

struct probe {
	char *name;		/* as written: request__start */
	char *macro;		/* KVD_REQUEST_START */
	struct loc loc;
	char *types[MAX_ARGS];	/* C types after #define expansion */
	char *casts[MAX_ARGS];	/* the same without top-level qualifiers */
	int nargs;
};

struct provider {
	char *name;
	struct loc loc;
	struct probe *probes;
	int nprobes;
};

/* An object-like #define, used as a type alias (PostgreSQL's probes.d). */
struct alias {
	char *name;
	struct words body;
	bool expanding;
};

struct input {
	const char *path;
	char *text;
	size_t len, pos;
	struct loc at;		/* of text[pos] */
	bool line_start;	/* only blanks since the last newline */

	struct provider *providers;
	int nproviders;
	struct alias *aliases;
	int naliases;
	bool uses_bool;
	struct words tags;	/* "struct foo", declared ahead of use */

	struct buf err;		/* the one message printed on failure */
};

static void words_free(struct words *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->v[i].text);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

static int words_push(struct words *w, const char *text, size_t n,
		      struct loc loc)
{
	struct word *v;
	char *t;

	if (w->n == w->cap) {
		int cap = w->cap ? w->cap * 2 : 8;

		v = realloc(w->v, (size_t)cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		w->v = v;
		w->cap = cap;
	}
	t = strndup(text, n);
	if (!t)
		return -ENOMEM;
	w->v[w->n].text = t;
	w->v[w->n].loc = loc;
	w->n++;
	return 0;
}

static void input_free(struct input *in)
{
	for (int i = 0; i < in->nproviders; i++) {
		struct provider *p = &in->providers[i];

		for (int j = 0; j < p->nprobes; j++) {
			free(p->probes[j].name);
			free(p->probes[j].macro);
			for (int k = 0; k < p->probes[j].nargs; k++) {
				free(p->probes[j].types[k]);
				free(p->probes[j].casts[k]);
			}
		}
		free(p->probes);
		free(p->name);
	}
	free(in->providers);
	for (int i = 0; i < in->naliases; i++) {
		free(in->aliases[i].name);
		words_free(&in->aliases[i].body);
	}
	free(in->aliases);
	words_free(&in->tags);
	free(in->text);
	free(in->err.s);
}

/*
 * Record the error (or warning) at `loc` in the compiler's format. Errors
 * return -EINVAL so that parsers can `return error(...)`.
 */
static int diag(struct input *in, struct loc loc, const char *kind,
		const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	in->err.len = 0;
	if (buf_printf(&in->err, "%s:%d:%d: %s: %s\n", in->path, loc.line,
		       loc.col, kind, msg))
		return -ENOMEM;
	return -EINVAL;
}

__attribute__((format(printf, 3, 4)))
static int error(struct input *in, struct loc loc, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = diag(in, loc, "error", fmt, ap);
	va_end(ap);
	return err;
}

__attribute__((format(printf, 3, 4)))
static void warning(struct input *in, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (diag(in, loc, "warning", fmt, ap) == -EINVAL)
		fputs(in->err.s, stderr);
	va_end(ap);
	in->err.len = 0;
}

/* ------------------------------------------------------------------ */
/* Lexer.                                                              */

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

static int peekc(const struct input *in, size_t ahead)
{
	if (in->pos + ahead >= in->len)
		return EOF;
	return (unsigned char)in->text[in->pos + ahead];
}

static void advance(struct input *in)
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

static bool is_ident_start(int c)
{
	return c == '_' || isalpha(c);
}

static bool is_ident_char(int c)
{
	return c == '_' || isalnum(c);
}

static int skip_comment(struct input *in)
{
	struct loc start = in->at;
	bool was_line_start = in->line_start;

	if (peekc(in, 1) == '/') {
		while (peekc(in, 0) != EOF && peekc(in, 0) != '\n')
			advance(in);
		return 0;
	}
	advance(in);
	advance(in);
	for (;;) {
		if (peekc(in, 0) == EOF)
			return error(in, start, "unterminated comment");
		if (peekc(in, 0) == '*' && peekc(in, 1) == '/')
			break;
		advance(in);
	}
	advance(in);
	advance(in);
	/* A comment does not end "start of line" for a following '#'. */
	if (was_line_start)
		in->line_start = true;
	return 0;
}

static int directive(struct input *in);

/* Skip blanks, comments and directives; stop at the next token. */
static int skip_space(struct input *in)
{
	int err;

	for (;;) {
		int c = peekc(in, 0);

		if (c != EOF && isspace(c)) {
			advance(in);
		} else if (c == '/' && (peekc(in, 1) == '*' ||
					peekc(in, 1) == '/')) {
			err = skip_comment(in);
			if (err)
				return err;
		} else if (c == '#' && in->line_start) {
			err = directive(in);
			if (err)
				return err;
		} else {
			return 0;
		}
	}
}

/* Lex one token without looking at directives (used inside them too). */
static int lex_raw(struct input *in, struct token *t)
{
	int c = peekc(in, 0);

	t->loc = in->at;
	t->text = in->text + in->pos;
	t->len = 0;
	if (c == EOF) {
		t->kind = TOK_EOF;
		return 0;
	}
	if (is_ident_start(c)) {
		t->kind = TOK_IDENT;
		while (is_ident_char(peekc(in, 0))) {
			advance(in);
			t->len++;
		}
		return 0;
	}
	if (isdigit(c)) {
		t->kind = TOK_NUMBER;
		while (isalnum(peekc(in, 0))) {
			advance(in);
			t->len++;
		}
		return 0;
	}
	if (strchr("{}();,*[]:", c)) {
		t->kind = TOK_PUNCT;
		t->len = 1;
		advance(in);
		return 0;
	}
	if (isprint(c))
		return error(in, t->loc, "unexpected character '%c'", c);
	return error(in, t->loc, "unexpected byte 0x%02x", (unsigned)c);
}

static int lex(struct input *in, struct token *t)
{
	int err = skip_space(in);

	if (err)
		return err;
	return lex_raw(in, t);
}

static bool tok_is(const struct token *t, const char *s)
{
	return t->kind != TOK_EOF && t->len == strlen(s) &&
	       !memcmp(t->text, s, t->len);
}

/* How a token is named in "expected X before Y" messages. */
static const char *tok_desc(const struct token *t, char *out, size_t n)
{
	if (t->kind == TOK_EOF)
		snprintf(out, n, "end of file");
	else
		snprintf(out, n, "'%.*s'", (int)(t->len > 40 ? 40 : t->len),
			 t->text);
	return out;
}

static int expect(struct input *in, const char *what, const char *context)
{
	struct token t;
	char d[64];
	int err = lex(in, &t);

	if (err)
		return err;
	if (tok_is(&t, what))
		return 0;
	return error(in, t.loc, "expected '%s' %s, found %s", what, context,
		     tok_desc(&t, d, sizeof(d)));
}

/* ------------------------------------------------------------------ */
/* Directives: #pragma D (ignored) and object-like #define (aliases).   */

static struct alias *alias_find(struct input *in, const char *s, size_t n)
{
	for (int i = 0; i < in->naliases; i++)
		if (strlen(in->aliases[i].name) == n &&
		    !memcmp(in->aliases[i].name, s, n))
			return &in->aliases[i];
	return NULL;
}

/* Skip the rest of a directive's line, continuation lines included. */
static void skip_line(struct input *in)
{
	while (peekc(in, 0) != EOF && peekc(in, 0) != '\n') {
		if (peekc(in, 0) == '\\' && peekc(in, 1) == '\n')
			advance(in);
		advance(in);
	}
}

/* Read the tokens up to the end of the directive's line. */
static int directive_body(struct input *in, struct words *body)
{
	for (;;) {
		struct token t;
		int c = peekc(in, 0);
		int err;

		if (c == EOF || c == '\n')
			return 0;
		if (isspace(c)) {
			advance(in);
			continue;
		}
		if (c == '\\' && peekc(in, 1) == '\n') {
			advance(in);
			advance(in);
			continue;
		}
		if (c == '/' && (peekc(in, 1) == '*' || peekc(in, 1) == '/')) {
			err = skip_comment(in);
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
	struct alias *a, *v;
	struct token name;
	int err;

	while (peekc(in, 0) == ' ' || peekc(in, 0) == '\t')
		advance(in);
	err = lex_raw(in, &name);
	if (err)
		return err;
	if (name.kind != TOK_IDENT)
		return error(in, name.loc, "expected a macro name after #define");
	if (peekc(in, 0) == '(')
		return error(in, in->at,
			     "function-like macros are not supported");
	if (alias_find(in, name.text, name.len))
		return error(in, name.loc, "'%.*s' is already defined",
			     (int)name.len, name.text);

	v = realloc(in->aliases, (size_t)(in->naliases + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	in->aliases = v;
	a = &in->aliases[in->naliases];
	memset(a, 0, sizeof(*a));
	a->name = strndup(name.text, name.len);
	if (!a->name)
		return -ENOMEM;
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

static int directive(struct input *in)
{
	struct loc hash = in->at;
	struct token t;
	int err;

	advance(in);		/* '#' */
	while (peekc(in, 0) == ' ' || peekc(in, 0) == '\t')
		advance(in);
	err = lex_raw(in, &t);
	if (err)
		return err;
	if (tok_is(&t, "define"))
		return define(in);
	if (tok_is(&t, "pragma")) {
		struct token d;

		while (peekc(in, 0) == ' ' || peekc(in, 0) == '\t')
			advance(in);
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
	if (t.kind == TOK_IDENT)
		return error(in, t.loc, "unsupported directive '#%.*s' (run "
			     "the file through cpp first)", (int)t.len, t.text);
	return error(in, hash, "expected a directive name after '#'");
}

/* ------------------------------------------------------------------ */
/* Parser.                                                             */

static bool is_qualifier(const char *w)
{
	return !strcmp(w, "const") || !strcmp(w, "volatile") ||
	       !strcmp(w, "restrict");
}

static bool is_tag_keyword(const char *w)
{
	return !strcmp(w, "struct") || !strcmp(w, "union") ||
	       !strcmp(w, "enum");
}

static bool is_type_keyword(const char *w)
{
	static const char *const kw[] = {
		"void", "char", "short", "int", "long", "float", "double",
		"signed", "unsigned", "_Bool", "bool",
	};

	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (!strcmp(w, kw[i]))
			return true;
	return is_qualifier(w) || is_tag_keyword(w);
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
	if (is_tag_keyword(w->v[w->n - 2].text))
		return false;
	for (int i = 0; i < w->n - 1; i++)
		if (!is_qualifier(w->v[i].text))
			have_type = true;
	return have_type;
}

static int expand_word(struct input *in, const struct word *w,
		       struct words *out, int depth)
{
	struct alias *a = alias_find(in, w->text, strlen(w->text));
	int err = 0;

	if (!a || a->expanding)
		return words_push(out, w->text, strlen(w->text), w->loc);
	if (depth >= MAX_ALIAS_DEPTH)
		return error(in, w->loc, "#define chain too deep at '%s'",
			     w->text);
	a->expanding = true;
	for (int i = 0; i < a->body.n && !err; i++)
		err = expand_word(in, &a->body.v[i], out, depth + 1);
	a->expanding = false;
	return err;
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
	char *s;
	int err;

	if (!is_ident_start((unsigned char)tag[0]) || is_type_keyword(tag))
		return error(in, loc, "expected a tag name after '%s'", kw);
	if (asprintf(&s, "%s %s", kw, tag) < 0)
		return -ENOMEM;
	for (int i = 0; i < in->tags.n; i++)
		if (!strcmp(in->tags.v[i].text, s)) {
			free(s);
			return 0;
		}
	err = words_push(&in->tags, s, strlen(s), loc);
	free(s);
	return err;
}

/* Check and store one parameter's type; `w` holds its words as written. */
static int finish_param(struct input *in, struct probe *p, struct words *w,
			struct loc loc)
{
	struct words t = { 0 };
	bool have_type = false;
	int err;

	if (w->n == 0)
		return error(in, loc, "expected a parameter type");
	if (last_is_name(w)) {
		free(w->v[w->n - 1].text);
		w->n--;
	}
	for (int i = 0; i < w->n; i++) {
		err = expand_word(in, &w->v[i], &t, 0);
		if (err)
			goto out;
	}
	for (int i = 0; i < t.n; i++) {
		const char *s = t.v[i].text;

		if (!is_qualifier(s) && strcmp(s, "*"))
			have_type = true;
		if (!strcmp(s, "*") && i == 0) {
			err = error(in, t.v[i].loc, "expected a type before '*'");
			goto out;
		}
		if (!strcmp(s, "bool") || !strcmp(s, "_Bool"))
			in->uses_bool = true;
		if ((!strcmp(s, "struct") || !strcmp(s, "union")) &&
		    i + 1 < t.n) {
			err = add_tag(in, s, t.v[i + 1].text, t.v[i].loc);
			if (err)
				goto out;
		}
	}
	if (!have_type) {
		err = error(in, loc, "parameter has qualifiers but no type");
		goto out;
	}
	if (t.n == 1 && !strcmp(t.v[0].text, "void")) {
		err = error(in, loc, "'void' must be the only parameter");
		goto out;
	}
	if (p->nargs == MAX_ARGS) {
		err = error(in, loc, "probe '%s' has more than %d arguments",
			    p->name, MAX_ARGS);
		goto out;
	}
	p->types[p->nargs] = type_text(&t, false);
	p->casts[p->nargs] = type_text(&t, true);
	if (!p->types[p->nargs] || !p->casts[p->nargs]) {
		free(p->types[p->nargs]);
		free(p->casts[p->nargs]);
		err = -ENOMEM;
		goto out;
	}
	p->nargs++;
	err = 0;
out:
	words_free(&t);
	return err;
}

/* After "probe NAME": "( [void | param {, param}] ) ;" */
static int parse_params(struct input *in, struct probe *p)
{
	struct words w = { 0 };
	struct token t;
	struct loc start;
	char d[64];
	int err;

	err = expect(in, "(", "after the probe name");
	if (err)
		return err;
	err = lex(in, &t);
	if (err)
		return err;
	start = t.loc;
	if (tok_is(&t, ")"))
		return expect(in, ";", "after the probe declaration");
	if (tok_is(&t, "void")) {
		struct token n;

		err = lex(in, &n);
		if (err)
			return err;
		if (tok_is(&n, ")"))
			return expect(in, ";", "after the probe declaration");
		t = n;
		err = words_push(&w, "void", 4, start);
		if (err)
			return err;
	}
	for (;;) {
		if (tok_is(&t, ",") || tok_is(&t, ")")) {
			err = finish_param(in, p, &w, w.n ? w.v[0].loc : t.loc);
			words_free(&w);
			if (err)
				return err;
			if (tok_is(&t, ")"))
				return expect(in, ";",
					      "after the probe declaration");
			err = lex(in, &t);
			if (err)
				return err;
			continue;
		}
		if (tok_is(&t, "[")) {
			err = error(in, t.loc, "array parameters are not "
				    "supported; declare a pointer");
			break;
		}
		if (tok_is(&t, "(")) {
			err = error(in, t.loc, "function pointer parameters are "
				    "not supported; use 'void *'");
			break;
		}
		if (t.kind != TOK_IDENT && !tok_is(&t, "*")) {
			err = error(in, t.loc, "expected a parameter type, "
				    "',' or ')', found %s",
				    tok_desc(&t, d, sizeof(d)));
			break;
		}
		err = words_push(&w, t.text, t.len, t.loc);
		if (err)
			break;
		err = lex(in, &t);
		if (err)
			break;
	}
	words_free(&w);
	return err;
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

static bool macros_clash(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	/* NAME_ENABLED() of one probe must not be another probe's NAME(). */
	if (na > nb)
		return macros_clash(b, a);
	return !strncmp(a, b, na) &&
	       (b[na] == '\0' || !strcmp(b + na, "_ENABLED"));
}

/* The probe, in any provider, whose macros collide with p's. */
static const struct probe *macro_owner(const struct input *in,
				       const struct probe *p)
{
	/* providers[nproviders] is the provider being parsed. */
	for (int i = 0; i <= in->nproviders; i++) {
		const struct provider *q = &in->providers[i];

		for (int j = 0; j < q->nprobes; j++)
			if (&q->probes[j] != p &&
			    macros_clash(q->probes[j].macro, p->macro))
				return &q->probes[j];
	}
	return NULL;
}

static int parse_probe(struct input *in, struct provider *prov)
{
	const struct probe *other;
	struct probe *v, *p;
	struct token t;
	char d[64];
	int err;

	err = lex(in, &t);
	if (err)
		return err;
	if (t.kind != TOK_IDENT)
		return error(in, t.loc, "expected a probe name, found %s",
			     tok_desc(&t, d, sizeof(d)));
	v = realloc(prov->probes, (size_t)(prov->nprobes + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	prov->probes = v;
	p = &prov->probes[prov->nprobes];
	memset(p, 0, sizeof(*p));
	p->loc = t.loc;
	p->name = strndup(t.text, t.len);
	p->macro = p->name ? macro_name(prov->name, p->name) : NULL;
	if (!p->name || !p->macro) {
		free(p->name);
		free(p->macro);
		return -ENOMEM;
	}
	prov->nprobes++;

	for (int i = 0; i < prov->nprobes - 1; i++)
		if (!strcmp(prov->probes[i].name, p->name))
			return error(in, p->loc, "probe '%s' is already "
				     "declared at line %d", p->name,
				     prov->probes[i].loc.line);
	other = macro_owner(in, p);
	if (other)
		return error(in, p->loc, "the macros of probe '%s' clash with "
			     "those of probe '%s' (line %d): %s and %s",
			     p->name, other->name, other->loc.line, p->macro,
			     other->macro);
	return parse_params(in, p);
}

/* After "provider": "NAME { probe ... } ;" */
static int parse_provider(struct input *in)
{
	struct provider *v, *prov;
	struct token t;
	char d[64];
	int err;

	err = lex(in, &t);
	if (err)
		return err;
	if (t.kind != TOK_IDENT)
		return error(in, t.loc, "expected a provider name, found %s",
			     tok_desc(&t, d, sizeof(d)));
	for (int i = 0; i < in->nproviders; i++)
		if (strlen(in->providers[i].name) == t.len &&
		    !memcmp(in->providers[i].name, t.text, t.len))
			return error(in, t.loc, "provider '%.*s' is already "
				     "defined at line %d", (int)t.len, t.text,
				     in->providers[i].loc.line);

	v = realloc(in->providers,
		    (size_t)(in->nproviders + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	in->providers = v;
	prov = &in->providers[in->nproviders];
	memset(prov, 0, sizeof(*prov));
	prov->loc = t.loc;
	prov->name = strndup(t.text, t.len);
	if (!prov->name)
		return -ENOMEM;
	/* Counted once complete; macro_owner() finds it past the end. */

	err = expect(in, "{", "after the provider name");
	while (!err) {
		err = lex(in, &t);
		if (err)
			break;
		if (tok_is(&t, "}")) {
			err = expect(in, ";", "after the provider's '}'");
			break;
		}
		if (tok_is(&t, "probe"))
			err = parse_probe(in, prov);
		else
			err = error(in, t.loc, "expected 'probe' or '}', "
				    "found %s", tok_desc(&t, d, sizeof(d)));
	}
	in->nproviders++;
	return err;
}

static int parse(struct input *in)
{
	struct token t;
	char d[64];
	int err;

	for (;;) {
		err = lex(in, &t);
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

/* ------------------------------------------------------------------ */
/* Output.                                                             */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* USDT_GEN_ and the output's file name (or the providers') in capitals. */
static int emit_guard(struct buf *b, const char *out_path,
		      const struct input *in)
{
	struct buf name = { 0 };
	int err = buf_add(b, "USDT_GEN_");

	if (out_path)
		err |= buf_add(&name, base_name(out_path));
	for (int i = 0; !out_path && i < in->nproviders; i++)
		err |= buf_printf(&name, "%s_", in->providers[i].name);
	if (!out_path)
		err |= buf_add(&name, "H");
	for (size_t i = 0; !err && i < name.len; i++) {
		unsigned char c = (unsigned char)name.s[i];
		char u = isalnum(c) ? (char)toupper(c) : '_';

		err = buf_addn(b, &u, 1);
	}
	free(name.s);
	return err ? -ENOMEM : 0;
}

static int emit_probe(struct buf *b, const struct provider *prov,
		      const struct probe *p)
{
	int err = 0;

	err |= buf_printf(b, "\n/* %s:%s(", prov->name, p->name);
	for (int i = 0; i < p->nargs; i++)
		err |= buf_printf(b, "%s%s", i ? ", " : "", p->types[i]);
	err |= buf_add(b, ") */\n");

	/* Never defined nor called: sizeof() checks arguments against it. */
	err |= buf_printf(b, "extern int __lotrace_usdt_proto_%s__%s(",
			  prov->name, p->name);
	for (int i = 0; i < p->nargs; i++)
		err |= buf_printf(b, "%s%s", i ? ", " : "", p->types[i]);
	err |= buf_add(b, p->nargs ? ");\n" : "void);\n");

	err |= buf_printf(b, "#define %s(", p->macro);
	for (int i = 0; i < p->nargs; i++)
		err |= buf_printf(b, "%sarg%d", i ? ", " : "", i);
	err |= buf_add(b, ") \\\n\tdo { \\\n");
	err |= buf_printf(b, "\t\t(void)sizeof(__lotrace_usdt_proto_%s__%s(",
			  prov->name, p->name);
	for (int i = 0; i < p->nargs; i++)
		err |= buf_printf(b, "%s(arg%d)", i ? ", " : "", i);
	err |= buf_add(b, ")); \\\n");
	err |= buf_printf(b, "\t\tUSDT_WITH_SEMA(%s, %s", prov->name, p->name);
	for (int i = 0; i < p->nargs; i++)
		err |= buf_printf(b, ", (%s)(arg%d)", p->casts[i], i);
	err |= buf_add(b, "); \\\n\t} while (0)\n");
	err |= buf_printf(b, "#define %s_ENABLED() USDT_IS_ACTIVE(%s, %s)\n",
			  p->macro, prov->name, p->name);
	return err ? -ENOMEM : 0;
}

static int emit(struct buf *b, const struct input *in, const char *out_path)
{
	struct buf guard = { 0 };
	int err;

	err = emit_guard(&guard, out_path, in);
	if (err)
		goto out;
	err = buf_printf(b,
		"/*\n"
		" * Generated by usdt-gen from %s. Do not edit.\n"
		" *\n"
		" * NAME(args) fires a probe; NAME_ENABLED() is 1 while a "
		"tracer is\n"
		" * attached to it. See usdt-gen(1) and lotrace-usdt(3).\n"
		" */\n"
		"#ifndef %s\n#define %s\n\n"
		"#include <stddef.h>\n#include <stdint.h>\n"
		"#include <sys/types.h>\n",
		base_name(in->path), guard.s, guard.s);
	if (!err && in->uses_bool)
		err = buf_add(b, "#ifndef __cplusplus\n#include <stdbool.h>\n"
			      "#endif\n");
	if (!err)
		err = buf_add(b, "#include <lotrace/usdt.h>\n");
	if (!err && in->tags.n)
		err = buf_add(b, "\n");
	for (int i = 0; i < in->tags.n && !err; i++)
		err = buf_printf(b, "%s;\n", in->tags.v[i].text);
	for (int i = 0; i < in->nproviders && !err; i++) {
		const struct provider *prov = &in->providers[i];

		err = buf_printf(b, "\n/* provider %s */\n", prov->name);
		for (int j = 0; j < prov->nprobes && !err; j++)
			err = emit_probe(b, prov, &prov->probes[j]);
	}
	if (!err)
		err = buf_printf(b, "\n#endif /* %s */\n", guard.s);
out:
	free(guard.s);
	return err;
}

/* ------------------------------------------------------------------ */
/* Files and the command line.                                         */

static int read_file(const char *path, char **text, size_t *len)
{
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;
	int err = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return -errno;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_addn(&b, chunk, n)) {
			err = -ENOMEM;
			break;
		}
	if (!err && ferror(f))
		err = -EIO;
	fclose(f);
	if (!err && !b.s)
		err = buf_add(&b, "");
	if (err) {
		free(b.s);
		return err;
	}
	if (memchr(b.s, '\0', b.len)) {
		free(b.s);
		return -EILSEQ;
	}
	*text = b.s;
	*len = b.len;
	return 0;
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

/* Write next to the destination, then rename: all or nothing. */
static int write_file(const char *path, const struct buf *b)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	int fd, len, err = 0;
	FILE *f;

	if (!tmp)
		return -ENOMEM;
	/* mkstemp's template: ".tmp" and the six 'X' it replaces */
	len = snprintf(tmp, n, "%s.tmp", path);
	memset(tmp + len, 'X', 6);
	tmp[len + 6] = '\0';
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	f = fdopen(fd, "w");
	if (!f) {
		err = -errno;
		close(fd);
		goto unlink;
	}
	if (fwrite(b->s, 1, b->len, f) != b->len)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	if (!err && chmod(tmp, 0666 & ~current_umask()))
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
unlink:
	if (err)
		unlink(tmp);
out:
	free(tmp);
	return err;
}

/* provider.d -> provider.h, as dtrace -h names its output. */
static char *default_output(const char *in)
{
	size_t n = strlen(in);
	char *out = malloc(n + 3);

	if (!out)
		return NULL;
	memcpy(out, in, n + 1);
	if (n > 2 && !strcmp(in + n - 2, ".d"))
		out[n - 1] = 'h';
	else
		strcat(out, ".h");
	return out;
}

static int fail(const char *fmt, ...)
{
	va_list ap;

	fputs("usdt-gen: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static int generate(const char *src, const char *out)
{
	struct input in = { .path = src, .at = { 1, 1 }, .line_start = true };
	struct buf header = { 0 };
	int err, ret = 1;

	err = read_file(src, &in.text, &in.len);
	if (err == -EILSEQ) {
		fail("'%s' contains a NUL byte; is it a provider file?", src);
		goto out;
	}
	if (err) {
		fail("cannot read '%s': %s", src, strerror(-err));
		goto out;
	}
	err = parse(&in);
	if (err == -EINVAL) {
		fputs(in.err.s, stderr);
		goto out;
	}
	if (!err)
		err = emit(&header, &in, strcmp(out, "-") ? out : NULL);
	if (err) {
		fail("out of memory while reading '%s'", src);
		goto out;
	}
	if (!strcmp(out, "-")) {
		if (fwrite(header.s, 1, header.len, stdout) != header.len ||
		    fflush(stdout)) {
			fail("cannot write the header to standard output: %s",
			     strerror(errno));
			goto out;
		}
	} else {
		err = write_file(out, &header);
		if (err) {
			fail("cannot write '%s': %s", out, strerror(-err));
			goto out;
		}
	}
	ret = 0;
out:
	free(header.s);
	input_free(&in);
	return ret;
}

int main(int argc, char **argv)
{
	const char *src = NULL, *out = NULL;
	char *def_out = NULL;
	int ret;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		}
		if (!strcmp(a, "--version")) {
			puts("usdt-gen " USDT_GEN_VERSION);
			return 0;
		}
		if (!strcmp(a, "-h"))
			continue;
		if (!strcmp(a, "-G"))
			return fail("-G is not needed: the probes' semaphores "
				    "are defined by the header itself");
		if (!strcmp(a, "-s") || !strcmp(a, "-o")) {
			if (i + 1 == argc)
				return fail("option '%s' needs a file name "
					    "(see --help)", a);
			if (a[1] == 's' ? src != NULL : out != NULL)
				return fail("option '%s' given twice", a);
			*(a[1] == 's' ? &src : &out) = argv[++i];
			continue;
		}
		return fail("unknown argument '%s' (see --help)", a);
	}
	if (!src)
		return fail("no provider file: use -s PROVIDER.d (see --help)");
	if (!out) {
		def_out = default_output(src);
		if (!def_out)
			return fail("out of memory");
		out = def_out;
	}
	ret = generate(src, out);
	free(def_out);
	return ret;
}
