/*
 * lotrace's command line: trace/cli/opts.c's parser and the -e expression
 * parser behind it (trace/syscalls/sysset.c: names, classes, !, lists).
 * The input, split at its NUL bytes, is the argument vector after
 * "lotrace"; the whole input is also one -e expression. A parse
 * either succeeds and says nothing, or fails with exactly one line,
 * "lotrace: ...\n"; a parsed set names only syscalls that exist.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/opts.h"
#include "syscalls/sysset.h"

#define MAX_ARGS 64

/* What was written to err: "" after success, one line after a failure. */
static void check_said(FILE *err, char **text, size_t *len, int ret)
{
	fflush(err);
	if (ret == 0 && *len)
		abort();
	if (ret != 0 && (*len < 10 || strncmp(*text, "lotrace: ", 9) ||
			 strchr(*text, '\n') != *text + *len - 1))
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
