#include "cli/opts.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum opt_id {
	OPT_FOLLOW, OPT_PID, OPT_SYSTEM_WIDE, OPT_OUTPUT, OPT_EXPR, OPT_SUMMARY,
	OPT_SUMMARY_TOO, OPT_SORT, OPT_FAILED, OPT_SUCCESSFUL, OPT_TIMES,
	OPT_TIMESTAMP, OPT_RELATIVE, OPT_STRSIZE, OPT_PAGES, OPT_BUFSIZE, OPT_JSON, OPT_NO_BPF,
	OPT_HELP, OPT_VERSION, OPT_USDT, OPT_LIST_USDT, OPT_QUIET, OPT_FD_PATHS, OPT_COLUMNS,
	OPT_STACK, OPT_CHROME, OPT_HIST,
};

struct opt_desc {
	char shortname;		/* 0 when long only */
	const char *longname;	/* NULL when short only */
	const char *arg;	/* argument name, NULL for a flag */
	enum opt_id id;
	const char *help;
};

static const struct opt_desc opt_table[] = {
	{ 'f', NULL, NULL, OPT_FOLLOW, "follow forks, vforks, clones and threads" },
	{ 'p', NULL, "PID[,PID...]", OPT_PID, "trace every thread of running processes" },
	{ 'a', "system-wide", NULL, OPT_SYSTEM_WIDE, "trace every process on the machine but lotrace" },
	{ 'o', NULL, "FILE", OPT_OUTPUT, "write the trace to FILE instead of stderr" },
	{ 'q', NULL, NULL, OPT_QUIET, "do not say when -p processes are attached and detached" },
	{ 'e', NULL, "EXPR", OPT_EXPR, "trace=[!]NAME|%CLASS,..., raw=SET or status=failed|successful" },
	{ 'c', NULL, NULL, OPT_SUMMARY, "print a summary table at exit instead of the trace" },
	{ 'C', NULL, NULL, OPT_SUMMARY_TOO, "print the trace and the summary table" },
	{ 'S', NULL, "SORTBY", OPT_SORT, "sort the summary by time, calls, name or errors" },
	{ 'Z', NULL, NULL, OPT_FAILED, "only syscalls that failed (-e status=failed)" },
	{ 'z', NULL, NULL, OPT_SUCCESSFUL, "only syscalls that succeeded (-e status=successful)" },
	{ 'T', NULL, NULL, OPT_TIMES, "show the time spent in each syscall" },
	{ 't', NULL, NULL, OPT_TIMESTAMP, "wall-clock time stamps; -tt microseconds, -ttt epoch" },
	{ 'r', NULL, NULL, OPT_RELATIVE, "time stamps relative to the previous line" },
	{ 'y', NULL, NULL, OPT_FD_PATHS, "print the path behind each file descriptor: 3</etc/hostname>" },
	{ 's', NULL, "N", OPT_STRSIZE, "print at most N bytes of strings and buffers (32)" },
	{ 0, "columns", "N", OPT_COLUMNS, "align results at column N (40), strace's -a N" },
	{ 'u', NULL, "[PATH:]PROV:NAME[/sN]", OPT_USDT, "enable USDT probes (*; /sN: arg N is a string)" },
	{ 0, "list-usdt", NULL, OPT_LIST_USDT, "list the USDT probes of PATH or of -p PID" },
	{ 'm', NULL, "PAGES", OPT_PAGES, "ring buffer pages per CPU (a power of two)" },
	{ 0, "buffer-size", "SIZE", OPT_BUFSIZE, "ring buffer bytes per CPU, K or M suffix" },
	{ 0, "json", NULL, OPT_JSON, "one JSON object per line instead of text" },
	{ 0, "no-bpf", NULL, OPT_NO_BPF, "read the tracepoints by perf sampling, load no BPF" },
	{ 'k', NULL, NULL, OPT_STACK, "user stack after each call and USDT hit; -kk: source lines" },
	{ 0, "export-chrome", "FILE", OPT_CHROME, "write Chrome trace-event JSON (Perfetto) to FILE" },
	{ 0, "hist", NULL, OPT_HIST, "with -c: a log2 latency histogram (ns) per syscall" },
	{ 'h', "help", NULL, OPT_HELP, "show this help" },
	{ 'V', "version", NULL, OPT_VERSION, "show the version" },
};

#define OPT_COUNT (sizeof(opt_table) / sizeof(opt_table[0]))
#define DEFAULT_BUFFER_SIZE (4u << 20)
/* The most a perf ring per CPU can be: the kernel keeps its page list in
 * one allocation of at most 2^(PAGE_SHIFT + MAX_PAGE_ORDER) bytes, 4 MB
 * of pointers with 4K pages (measured: 1 GiB maps, 2 GiB fails). The BPF
 * ring, one for all CPUs, has its own limit (transport_bpf_max_buffer). */
#define MAX_BUFFER_SIZE (1ul << 30)

void opts_help(FILE *out)
{
	fputs("usage: lotrace [OPTIONS] -- CMD [ARGS...]\n"
	      "       lotrace [OPTIONS] -p PID[,PID...]\n"
	      "       lotrace [OPTIONS] -a\n"
	      "       lotrace --list-usdt PATH|-p PID\n"
	      "\nTrace system calls through the kernel's tracepoints, without ptrace.\n"
	      "\nOptions:\n", out);
	for (size_t i = 0; i < OPT_COUNT; i++) {
		const struct opt_desc *d = &opt_table[i];
		char left[64];
		int n = 0;

		if (d->shortname)
			n += snprintf(left + n, sizeof(left) - n, "-%c", d->shortname);
		if (d->shortname && d->longname)
			n += snprintf(left + n, sizeof(left) - n, ", ");
		if (d->longname)
			n += snprintf(left + n, sizeof(left) - n, "--%s", d->longname);
		if (d->arg)
			snprintf(left + n, sizeof(left) - n, "%s%s",
				 d->longname ? "=" : " ", d->arg);
		fprintf(out, "  %-24s %s\n", left, d->help);
	}
}

static const struct opt_desc *find_short(char c)
{
	for (size_t i = 0; i < OPT_COUNT; i++)
		if (opt_table[i].shortname == c)
			return &opt_table[i];
	return NULL;
}

static const struct opt_desc *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < OPT_COUNT; i++)
		if (opt_table[i].longname && strlen(opt_table[i].longname) == len &&
		    !strncmp(opt_table[i].longname, name, len))
			return &opt_table[i];
	return NULL;
}

static int parse_ulong(const char *s, unsigned long *out)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*out = strtoul(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

static int parse_pids(struct opts *o, const char *arg, FILE *err)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned long pid;
		pid_t *grown;

		if (parse_ulong(tok, &pid) || pid == 0 || pid > INT_MAX) {
			fprintf(err, "lotrace: -p: '%s' is not a process id\n", tok);
			ret = -EINVAL;
			break;
		}
		grown = realloc(o->pids, (o->npids + 1) * sizeof(*o->pids));
		if (!grown) {
			ret = -ENOMEM;
			break;
		}
		o->pids = grown;
		o->pids[o->npids++] = (pid_t)pid;
	}
	free(copy);
	return ret;
}

static int parse_size(const char *arg, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || end == arg)
		return -EINVAL;
	if (*end == 'K' || *end == 'k') {
		if (v > (ULLONG_MAX >> 10))
			return -ERANGE;
		v <<= 10, end++;
	} else if (*end == 'M' || *end == 'm') {
		if (v > (ULLONG_MAX >> 20))
			return -ERANGE;
		v <<= 20, end++;
	}
	if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}

/* The kernel wants 2^n data pages; round a byte size up to that. */
static size_t round_pages(size_t bytes)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), pages = 1;

	while (pages * page < bytes)
		pages <<= 1;
	return pages * page;
}

static int parse_expr(struct opts *o, const char *arg, FILE *err)
{
	if (!strncmp(arg, "trace=", 6))
		return sysset_parse(&o->trace, arg + 6, err);
	if (!strncmp(arg, "raw=", 4))
		return sysset_parse_as(&o->raw, arg + 4, "raw", err);
	if (!strcmp(arg, "status=failed")) {
		o->status = STATUS_FAILED;
		return 0;
	}
	if (!strcmp(arg, "status=successful")) {
		o->status = STATUS_SUCCESSFUL;
		return 0;
	}
	if (!strchr(arg, '='))
		return sysset_parse(&o->trace, arg, err);
	fprintf(err, "lotrace: unsupported -e expression '%s' (expected trace=..., raw=... or status=failed|successful)\n",
		arg);
	return -EINVAL;
}

static int apply(struct opts *o, const struct opt_desc *d, const char *arg, FILE *err)
{
	unsigned long n;

	switch (d->id) {
	case OPT_FOLLOW: o->follow = true; break;
	case OPT_PID: return parse_pids(o, arg, err);
	case OPT_SYSTEM_WIDE: o->system_wide = true; break;
	case OPT_OUTPUT: o->outfile = arg; break;
	case OPT_QUIET: o->quiet = true; break;
	case OPT_FD_PATHS: o->fd_paths = true; break;
	case OPT_EXPR: return parse_expr(o, arg, err);
	case OPT_SUMMARY: o->summary = true; break;
	case OPT_SUMMARY_TOO: o->summary = true; o->trace_too = true; break;
	case OPT_SORT:
		if (!strcmp(arg, "time"))
			o->sort = SORT_TIME;
		else if (!strcmp(arg, "calls"))
			o->sort = SORT_CALLS;
		else if (!strcmp(arg, "name"))
			o->sort = SORT_NAME;
		else if (!strcmp(arg, "errors"))
			o->sort = SORT_ERRORS;
		else {
			fprintf(err, "lotrace: -S: unknown sort key '%s' (time, calls, name or errors)\n", arg);
			return -EINVAL;
		}
		break;
	case OPT_FAILED: o->status = STATUS_FAILED; break;
	case OPT_SUCCESSFUL: o->status = STATUS_SUCCESSFUL; break;
	case OPT_TIMES: o->syscall_times = true; break;
	case OPT_TIMESTAMP: if (o->ts < TS_EPOCH) o->ts++; break;
	case OPT_RELATIVE: o->relative = true; break;
	case OPT_STRSIZE:
		if (parse_ulong(arg, &n) || n > 4095) {
			fprintf(err, "lotrace: -s: '%s' is not a string size from 0 to 4095\n", arg);
			return -EINVAL;
		}
		o->strsize = (unsigned)n;
		break;
	case OPT_COLUMNS:
		if (parse_ulong(arg, &n) || n > 1024) {
			fprintf(err, "lotrace: --columns: '%s' is not a column from 0 to 1024\n", arg);
			return -EINVAL;
		}
		o->columns = (unsigned)n;
		break;
	case OPT_PAGES: {
		unsigned long max = MAX_BUFFER_SIZE / (size_t)sysconf(_SC_PAGESIZE);

		if (parse_ulong(arg, &n) || n == 0 || (n & (n - 1))) {
			fprintf(err, "lotrace: -m: '%s' is not a power-of-two page count\n", arg);
			return -EINVAL;
		}
		if (n > max) {
			fprintf(err, "lotrace: -m: %s pages is more than 1 GiB per CPU, the most the kernel maps (%lu pages)\n",
				arg, max);
			return -EINVAL;
		}
		o->buffer_size = n * (size_t)sysconf(_SC_PAGESIZE);
		break;
	}
	case OPT_BUFSIZE:
		if (parse_size(arg, &o->buffer_size) || o->buffer_size == 0) {
			fprintf(err, "lotrace: --buffer-size: '%s' is not a size like 4096, 512K or 8M\n", arg);
			return -EINVAL;
		}
		if (o->buffer_size > MAX_BUFFER_SIZE) {
			fprintf(err, "lotrace: --buffer-size: '%s' is more than 1024M per CPU, the most the kernel maps\n",
				arg);
			return -EINVAL;
		}
		o->buffer_size = round_pages(o->buffer_size);
		break;
	case OPT_JSON: o->json = true; break;
	case OPT_USDT: {
		char **grown = realloc(o->usdt, (o->nusdt + 1) * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		o->usdt = grown;
		o->usdt[o->nusdt++] = (char *)arg;
		break;
	}
	case OPT_LIST_USDT: o->list_usdt = true; break;
	case OPT_NO_BPF: o->no_bpf = true; break;
	case OPT_STACK:
		if (o->stack == 3) {
			fprintf(err, "lotrace: too many -k options (-kkk at most)\n");
			return -EINVAL;
		}
		o->stack++;
		break;
	case OPT_CHROME: o->chrome = arg; break;
	case OPT_HIST: o->hist = true; break;
	case OPT_HELP: o->help = true; break;
	case OPT_VERSION: o->version = true; break;
	}
	return 0;
}

static int parse_long(struct opts *o, int argc, char **argv, int *i, FILE *err)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct opt_desc *d = find_long(name, len);
	const char *arg = NULL;

	if (!d) {
		fprintf(err, "lotrace: unknown option '%s' (see lotrace --help)\n", argv[*i]);
		return -EINVAL;
	}
	if (d->arg) {
		if (eq)
			arg = eq + 1;
		else if (*i + 1 < argc)
			arg = argv[++*i];
		else {
			fprintf(err, "lotrace: option '--%s' needs an argument %s\n", d->longname, d->arg);
			return -EINVAL;
		}
	} else if (eq) {
		fprintf(err, "lotrace: option '--%s' takes no argument\n", d->longname);
		return -EINVAL;
	}
	return apply(o, d, arg, err);
}

static int parse_shorts(struct opts *o, int argc, char **argv, int *i, FILE *err)
{
	const char *p = argv[*i] + 1;

	for (; *p; p++) {
		const struct opt_desc *d = find_short(*p);
		const char *arg = NULL;
		int ret;

		if (!d) {
			fprintf(err, "lotrace: unknown option '-%c' (see lotrace --help)\n", *p);
			return -EINVAL;
		}
		if (d->arg) {
			if (p[1])
				arg = p + 1;
			else if (*i + 1 < argc)
				arg = argv[++*i];
			else {
				fprintf(err, "lotrace: option '-%c' needs an argument %s\n", *p, d->arg);
				return -EINVAL;
			}
		}
		ret = apply(o, d, arg, err);
		if (ret || arg)
			return ret;
	}
	return 0;
}

static int parse_args(struct opts *o, int argc, char **argv, FILE *err)
{
	int i, ret;

	memset(o, 0, sizeof(*o));
	o->buffer_size = DEFAULT_BUFFER_SIZE;
	o->strsize = 32;
	o->columns = 40;
	sysset_fill(&o->trace);

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] != '-' || !a[1])
			break;
		if (a[1] == '-')
			ret = parse_long(o, argc, argv, &i, err);
		else
			ret = parse_shorts(o, argc, argv, &i, err);
		if (ret)
			return ret;
	}
	if (i < argc)
		o->cmd = &argv[i];
	if (o->help || o->version)
		return 0;
	if (o->list_usdt) {
		if ((o->cmd != NULL) + (o->npids > 0) != 1 || (o->cmd && o->cmd[1]) || o->npids > 1) {
			fprintf(err, "lotrace: --list-usdt takes one PATH or one -p PID\n");
			return -EINVAL;
		}
		return 0;
	}

	if (!o->cmd && !o->npids && !o->system_wide) {
		fprintf(err, "lotrace: nothing to trace: give a command, -p PID or -a (see lotrace --help)\n");
		return -EINVAL;
	}
	if ((o->cmd != NULL) + (o->npids > 0) + o->system_wide > 1) {
		fprintf(err, "lotrace: a command, -p and -a cannot be combined\n");
		return -EINVAL;
	}
	if (o->json && o->summary && !o->trace_too) {
		fprintf(err, "lotrace: --json and -c cannot be combined (use -C for both)\n");
		return -EINVAL;
	}
	if (o->hist && !o->summary) {
		fprintf(err, "lotrace: --hist goes with -c or -C: it prints under their table\n");
		return -EINVAL;
	}
	if (o->stack && o->summary && !o->trace_too && !o->chrome)
		fprintf(err, "lotrace: -k has no effect with -c, which prints no calls\n");
	/* -k's records carry 16 KiB of stack each: a default ring holds 4x
	 * more (an explicit -m of the default size is taken as the default) */
	if (o->stack && o->buffer_size == DEFAULT_BUFFER_SIZE)
		o->buffer_size = 4 * DEFAULT_BUFFER_SIZE;
	return 0;
}

void opts_free(struct opts *o)
{
	free(o->usdt);
	o->usdt = NULL;
	free(o->pids);
	o->pids = NULL;
	o->npids = 0;
}

/* The messages quote what was typed; a control character in it (a newline
 * in -e trace=$'a\nb') would break the one line or reach the terminal:
 * it goes out escaped, as strace escapes strings (\n, else octal). */
static void put_escaped(FILE *err, const char *msg, size_t len)
{
	static const char escapes[32] = {
		['\n'] = 'n', ['\t'] = 't', ['\r'] = 'r', ['\f'] = 'f', ['\v'] = 'v',
	};

	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)msg[i];

		if ((ch >= ' ' && ch != 0x7f) || (ch == '\n' && i == len - 1))
			fputc(ch, err);
		else if (ch < ' ' && escapes[ch])
			fprintf(err, "\\%c", escapes[ch]);
		else
			fprintf(err, "\\%o", ch);
	}
}

int opts_parse(struct opts *o, int argc, char **argv, FILE *err)
{
	char *msg = NULL;
	size_t len = 0;
	FILE *said = open_memstream(&msg, &len);
	int ret;

	if (!said)
		return parse_args(o, argc, argv, err);
	ret = parse_args(o, argc, argv, said);
	fclose(said);
	put_escaped(err, msg, len);
	free(msg);
	return ret;
}
