// SPDX-License-Identifier: MIT
#include "model.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void input_init(struct input *in, const char *path, char *text, size_t len)
{
	memset(in, 0, sizeof(*in));
	in->path = path;
	in->text = text;
	in->len = len;
	in->at.line = 1;
	in->at.col = 1;
	in->line_start = true;
	in->warn = stderr;
}

void input_free(struct input *in)
{
	for (int i = 0; i < in->nprobes; i++) {
		struct probe *p = &in->probes[i];

		free(p->name);
		free(p->macro);
		for (int k = 0; k < p->nargs; k++) {
			free(p->types[k]);
			free(p->casts[k]);
		}
	}
	free(in->probes);
	for (int i = 0; i < in->nproviders; i++)
		free(in->providers[i].name);
	free(in->providers);
	for (int i = 0; i < in->naliases; i++) {
		free(in->aliases[i].name);
		words_free(&in->aliases[i].body);
	}
	free(in->aliases);
	words_free(&in->tags);
	strmap_free(&in->provider_index);
	strmap_free(&in->probe_index);
	strmap_free(&in->macro_index);
	strmap_free(&in->alias_index);
	strmap_free(&in->tag_index);
	free(in->text);
	free(in->err.s);
	memset(in, 0, sizeof(*in));
}

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

int error(struct input *in, struct loc loc, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = diag(in, loc, "error", fmt, ap);
	va_end(ap);
	return err;
}

void warning(struct input *in, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (diag(in, loc, "warning", fmt, ap) == -EINVAL && in->warn)
		fputs(in->err.s, in->warn);
	va_end(ap);
	in->err.len = 0;
}

int grow_array(void *array, int *cap, int n, size_t size)
{
	int c = *cap ? *cap * 2 : 8;
	void *v, *g;

	if (n < *cap)
		return 0;
	/* memcpy: array points to a `struct T *`, not to a `void *` */
	memcpy(&v, array, sizeof(v));
	g = realloc(v, (size_t)c * size);
	if (!g)
		return -ENOMEM;
	memcpy(array, &g, sizeof(g));
	*cap = c;
	return 0;
}
