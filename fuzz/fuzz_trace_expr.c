/*
 * lotrace's command line: trace/cli/opts.c's parser and the -e expression
 * parser behind it (trace/syscalls/sysset.c: names, classes, !, lists).
 * The input, split at its NUL bytes, is the argument vector after
 * "lotrace"; the whole input is also one -e expression. A parse
 * either succeeds, saying nothing or warnings of a line each
 * ("lotrace: -k has no effect with -c, ..."), or fails with exactly one
 * line, "lotrace: ...\n"; a parsed set names only syscalls that exist.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/opts.h"
#include "syscalls/sysset.h"

#define MAX_ARGS 64

/* Lines of "lotrace: ...\n", each whole. */
static size_t said_lines(const char *text, size_t len)
{
	size_t lines = 0;

	for (const char *p = text, *end = text + len; p < end; lines++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl || nl - p < 10 || strncmp(p, "lotrace: ", 9))
			abort();
		p = nl + 1;
	}
	return lines;
}

/* What was written to err: warnings after success, one line after a
 * failure. */
static void check_said(FILE *err, char **text, size_t *len, int ret)
{
	size_t lines;

	fflush(err);
	lines = said_lines(*text, *len);
	if (ret != 0 && lines != 1)
		abort();
}

static void check_set(const struct sysset *s)
{
	struct sysset all;

	sysset_fill(&all);
	for (size_t i = 0; i < SYSSET_MAX / 64; i++)
		if (s->bits[i] & ~all.bits[i])
			abort();
}

static void parse(int argc, char **argv)
{
	struct opts o;
	char *text = NULL;
	size_t len = 0;
	FILE *err;
	int ret;

	err = open_memstream(&text, &len);
	if (!err)
		return;
	ret = opts_parse(&o, argc, argv, err);
	check_said(err, &text, &len, ret);
	if (!ret) {
		check_set(&o.trace);
		check_set(&o.raw);
	}
	opts_free(&o);
	fclose(err);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 2] = { "lotrace" };
	char *buf = malloc(size + 1);
	int argc = 1;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	/* the whole input as one expression */
	argv[1] = "-e";
	argv[2] = buf;
	argv[3] = "true";
	parse(4, argv);
	/* split at its NULs, the argument vector */
	for (size_t i = 0; i < size && argc <= MAX_ARGS; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = NULL;
	parse(argc, argv);
	free(buf);
	return 0;
}
