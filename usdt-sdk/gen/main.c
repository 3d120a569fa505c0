// SPDX-License-Identifier: MIT
/*
 * usdt-gen: turn a DTrace provider file (provider.d) into a C header of
 * typed probe macros built on <lotrace/usdt.h>, as `dtrace -h` does.
 *
 * The command line (one option table drives getopt_long and --help), then
 * the stages: files (read), lexer/preproc/parser (into struct input), emit
 * (the header, in memory) and files again (written all or nothing).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "files.h"
#include "parser.h"

#define USDT_GEN_VERSION "0.1.0"

enum opt_id { OPT_SOURCE = 's', OPT_OUTPUT = 'o', OPT_HEADER = 'h',
	      OPT_OBJECT = 'G', OPT_HELP = 256, OPT_VERSION };

struct opt_desc {
	enum opt_id id;		/* the short option's letter, if any */
	const char *longname;	/* NULL when short only */
	const char *arg;	/* argument name, NULL for a flag */
	const char *help;	/* '\n' continues on an indented line */
};

static const struct opt_desc opt_table[] = {
	{ OPT_SOURCE, NULL, "FILE", "provider definition to read (required)" },
	{ OPT_OUTPUT, NULL, "FILE", "header to write; '-' for standard output\n"
	  "(default: FILE.d with .d replaced by .h)" },
	{ OPT_HEADER, NULL, NULL, "generate a header (the only mode; accepted "
	  "for dtrace)" },
	{ OPT_OBJECT, NULL, NULL, "refused: no object file is needed, the "
	  "header\ndefines the probes' semaphores itself" },
	{ OPT_HELP, "help", NULL, "show this help" },
	{ OPT_VERSION, "version", NULL, "show the version" },
};

#define OPT_COUNT (sizeof(opt_table) / sizeof(opt_table[0]))

struct opts {
	const char *src, *out;
	bool help, version;
};

static void help(FILE *f)
{
	fputs("usage: usdt-gen [-h] -s PROVIDER.d [-o HEADER.h]\n"
	      "\n"
	      "Generate a C/C++ header of typed probe macros from a DTrace "
	      "provider\n"
	      "file. The macros use <lotrace/usdt.h>; no object file is "
	      "needed.\n\n", f);
	for (size_t i = 0; i < OPT_COUNT; i++) {
		const struct opt_desc *d = &opt_table[i];
		const char *h = d->help, *nl;
		char left[32];

		if (d->longname)
			snprintf(left, sizeof(left), "--%s", d->longname);
		else
			snprintf(left, sizeof(left), "-%c%s%s", d->id,
				 d->arg ? " " : "", d->arg ? d->arg : "");
		while ((nl = strchr(h, '\n'))) {
			fprintf(f, "  %-14s %.*s\n", left, (int)(nl - h), h);
			left[0] = '\0';
			h = nl + 1;
		}
		fprintf(f, "  %-14s %s\n", left, h);
	}
}

__attribute__((format(printf, 1, 2)))
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

/* getopt_long's optstring and long options, from the table. */
static void opt_build(char *shorts, struct option *longs)
{
	size_t ns = 0, nl = 0;

	shorts[ns++] = ':';	/* a missing argument is ':', not '?' */
	for (size_t i = 0; i < OPT_COUNT; i++) {
		const struct opt_desc *d = &opt_table[i];

		if (d->longname) {
			longs[nl++] = (struct option){ d->longname,
				d->arg ? required_argument : no_argument,
				NULL, d->id };
			continue;
		}
		shorts[ns++] = (char)d->id;
		if (d->arg)
			shorts[ns++] = ':';
	}
	shorts[ns] = '\0';
	longs[nl] = (struct option){ 0 };
}

static int opt_apply(struct opts *o, int id, const char *arg)
{
	const char **slot = id == OPT_SOURCE ? &o->src : &o->out;

	switch (id) {
	case OPT_SOURCE:
	case OPT_OUTPUT:
		if (*slot)
			return fail("option '-%c' given twice", id);
		*slot = arg;
		return 0;
	case OPT_HEADER:
		return 0;
	case OPT_OBJECT:
		return fail("-G is not needed: the probes' semaphores are "
			    "defined by the header itself");
	case OPT_HELP:
		o->help = true;
		return 0;
	case OPT_VERSION:
		o->version = true;
		return 0;
	}
	return 1;
}

static int opts_parse(struct opts *o, int argc, char **argv)
{
	char shorts[2 * OPT_COUNT + 2];
	struct option longs[OPT_COUNT + 1];
	int c;

	opt_build(shorts, longs);
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == ':')
			return fail("option '-%c' needs a file name (see "
				    "--help)", optopt);
		/* optopt: an unknown short option, or a long one's id */
		if (c == '?' && optopt > 0 && optopt < OPT_HELP)
			return fail("unknown argument '-%c' (see --help)",
				    optopt);
		if (c == '?')
			return fail("unknown argument '%s' (see --help)",
				    argv[optind - 1]);
		if (opt_apply(o, c, optarg))
			return 1;
	}
	if (optind < argc)
		return fail("unknown argument '%s' (see --help)", argv[optind]);
	return 0;
}

static int generate(const char *src, const char *out)
{
	struct input in;
	struct buf header = { 0 };
	char *text, msg[512];
	size_t len;
	int err, ret = 1;

	err = file_read(src, &text, &len);
	if (err == -EILSEQ)
		return fail("'%s' contains a NUL byte; is it a provider file?",
			    src);
	if (err == -EFBIG)
		return fail("'%s' is larger than %u MiB; is it a provider file?",
			    src, FILE_READ_MAX >> 20);
	if (err)
		return fail("cannot read '%s': %s", src, strerror(-err));
	input_init(&in, src, text, len);
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
	} else if (file_write(out, header.s, header.len, msg, sizeof(msg))) {
		fail("%s", msg);
		goto out;
	}
	ret = 0;
out:
	free(header.s);
	input_free(&in);
	return ret;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	char *def_out = NULL;
	int ret;

	if (opts_parse(&o, argc, argv))
		return 1;
	if (o.help) {
		help(stdout);
		return 0;
	}
	if (o.version) {
		puts("usdt-gen " USDT_GEN_VERSION);
		return 0;
	}
	if (!o.src)
		return fail("no provider file: use -s PROVIDER.d (see --help)");
	if (!o.out) {
		def_out = file_default_output(o.src);
		if (!def_out)
			return fail("out of memory");
		o.out = def_out;
	}
	ret = generate(o.src, o.out);
	free(def_out);
	return ret;
}
