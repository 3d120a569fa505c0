#include "cli/opts.h"
#include "cli/values.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum opt_id {
	OPT_FOLLOW, OPT_FOLLOW_LONG, OPT_SEPARATELY, OPT_PID, OPT_SYSTEM_WIDE, OPT_OUTPUT,
	OPT_APPEND, OPT_EXPR, OPT_QUAL, OPT_QUIET, OPT_DECODE_FDS, OPT_DECODE_PIDS_COMM,
	OPT_TRACE_PATH, OPT_SUMMARY, OPT_SUMMARY_TOO, OPT_SORT, OPT_SUMMARY_COLUMNS, OPT_WALL,
	OPT_OVERHEAD, OPT_FAILED, OPT_SUCCESSFUL, OPT_TIMES, OPT_TIMESTAMP, OPT_RELATIVE,
	OPT_STRSIZE, OPT_COLUMNS, OPT_NUMBERS, OPT_IP, OPT_NO_ABBREV, OPT_CONST_STYLE, OPT_HEX,
	OPT_HEX_LONG, OPT_PAGES, OPT_BUFSIZE, OPT_JSON, OPT_NO_BPF, OPT_HELP, OPT_VERSION,
	OPT_USDT, OPT_LIST_USDT, OPT_SECCOMP, OPT_INTERRUPTIBLE, OPT_DAEMONIZE, OPT_DAEMONIZE_LONG,
	OPT_DETACH_ON, OPT_KILL_ON_EXIT, OPT_STACK, OPT_CHROME, OPT_HIST,
};

/* How an option takes its argument. */
enum opt_arg {
	ARG_NONE,
	ARG_REQUIRED,	/* -s N, --string-limit=N */
	ARG_OPTIONAL,	/* the long form's =VALUE may be left out: --quiet[=SET] */
};

struct opt_desc {
	char shortname;		/* 0 when long only */
	const char *longname;	/* NULL when short only */
	const char *arg;	/* argument name, NULL for a flag */
	enum opt_arg has_arg;
	enum opt_id id;
	const char *help;
};

#define FLAG(s, l, id, help) { s, l, NULL, ARG_NONE, id, help }
#define WITH(s, l, arg, id, help) { s, l, arg, ARG_REQUIRED, id, help }
#define MAYBE(s, l, arg, id, help) { s, l, arg, ARG_OPTIONAL, id, help }

/* In the order --help lists them: what strace users type most first. */
static const struct opt_desc opt_table[] = {
	FLAG('f', NULL, OPT_FOLLOW, "follow forks, vforks, clones and threads"),
	FLAG(0, "follow-forks", OPT_FOLLOW_LONG, "the same as -f"),
	WITH('p', "attach", "PID[,PID...]", OPT_PID, "trace every thread of running processes"),
	FLAG('a', "system-wide", OPT_SYSTEM_WIDE, "trace every process on the machine but lotrace"),
	WITH('o', "output", "FILE", OPT_OUTPUT, "write the trace to FILE instead of stderr; |CMD pipes"),
	FLAG('A', "output-append-mode", OPT_APPEND, "append to the -o file instead of truncating it"),
	FLAG(0, "output-separately", OPT_SEPARATELY, "-ff: with -o FILE, each thread's trace in FILE.TID"),
	WITH('s', "string-limit", "N", OPT_STRSIZE, "print at most N bytes of strings and buffers (32)"),
	WITH('e', NULL, "EXPR", OPT_EXPR, "QUALIFIER=SET, as the long option of that name below (trace=)"),
	WITH(0, "trace", "SET", OPT_QUAL, "syscalls: NAME, %CLASS, /REGEX, ?NAME, all, !SET"),
	WITH(0, "status", "SET", OPT_QUAL, "successful,failed,unfinished,unavailable,detached"),
	FLAG('Z', "failed-only", OPT_FAILED, "only syscalls that failed (-e status=failed)"),
	FLAG('z', "successful-only", OPT_SUCCESSFUL, "only syscalls that succeeded (-e status=successful)"),
	WITH('P', "trace-path", "PATH", OPT_TRACE_PATH, "only syscalls that use PATH, by name or descriptor"),
	WITH(0, "trace-fds", "SET", OPT_QUAL, "only syscalls on the descriptors in SET"),
	WITH(0, "signal", "SET", OPT_QUAL, "the signals shown: names, numbers, all, none, !SET"),
	MAYBE('q', "quiet", "SET", OPT_QUIET, "-q attach, -qq exit too, -qqq all; SET: attach,..."),
	WITH(0, "raw", "SET", OPT_QUAL, "print those syscalls undecoded, in hex"),
	FLAG('v', "no-abbrev", OPT_NO_ABBREV, "print structs, arrays and environments whole"),
	WITH(0, "abbrev", "SET", OPT_QUAL, "abbreviate large structs of the syscalls in SET (all)"),
	WITH(0, "verbose", "SET", OPT_QUAL, "decode the structs of the syscalls in SET (all)"),
	WITH('X', "const-print-style", "FORMAT", OPT_CONST_STYLE, "constants as abbrev (O_RDWR), raw (0x2) or verbose"),
	FLAG('x', NULL, OPT_HEX, "non-ASCII strings in hex; -xx: all strings in hex"),
	MAYBE(0, "strings-in-hex", "WHICH", OPT_HEX_LONG, "non-ascii-chars, non-ascii or all (the default)"),
	WITH(0, "read", "FDS", OPT_QUAL, "hex dump of the data read from the descriptors FDS"),
	WITH(0, "write", "FDS", OPT_QUAL, "hex dump of the data written to the descriptors FDS"),
	FLAG('y', NULL, OPT_DECODE_FDS, "paths behind descriptors: 3</etc/hostname>; -yy: all"),
	MAYBE(0, "decode-fds", "SET", OPT_QUAL, "path, socket, dev, pidfd or all: what -y shows"),
	FLAG('Y', NULL, OPT_DECODE_PIDS_COMM, "command names after process ids: 1234<cat>"),
	WITH(0, "decode-pids", "SET", OPT_QUAL, "comm (as -Y), pidns (ids in lotrace's namespace too)"),
	FLAG('n', "syscall-number", OPT_NUMBERS, "print the syscall number: [ 39] getpid()"),
	FLAG('i', "instruction-pointer", OPT_IP, "print the instruction pointer at the syscall"),
	FLAG('T', "syscall-times", OPT_TIMES, "show the time spent in each syscall"),
	FLAG('t', NULL, OPT_TIMESTAMP, "wall-clock time stamps; -tt microseconds, -ttt epoch"),
	FLAG('r', NULL, OPT_RELATIVE, "time stamps relative to the previous line"),
	WITH(0, "columns", "N", OPT_COLUMNS, "align results at column N (40), strace's -a N"),
	FLAG('c', "summary-only", OPT_SUMMARY, "print a summary table at exit instead of the trace"),
	FLAG('C', "summary", OPT_SUMMARY_TOO, "print the trace and the summary table"),
	FLAG('w', "summary-wall-clock", OPT_WALL, "-c sums wall time in syscalls, not system CPU time"),
	WITH('S', "summary-sort-by", "SORTBY", OPT_SORT, "sort -c by time, calls, errors, name, avg-time, ..."),
	WITH('U', "summary-columns", "COLUMNS", OPT_SUMMARY_COLUMNS, "the -c columns: time-percent, total-time, calls, ..."),
	WITH('O', "summary-syscall-overhead", "OVERHEAD", OPT_OVERHEAD, "take OVERHEAD (us; or s, ms, ns) off each -c time"),
	WITH('u', NULL, "[PATH:]PROV:NAME[/sN]", OPT_USDT, "enable USDT probes (*; /sN: arg N is a string)"),
	FLAG(0, "list-usdt", OPT_LIST_USDT, "list the USDT probes of PATH or of -p PID"),
	WITH('m', NULL, "PAGES", OPT_PAGES, "ring buffer pages per CPU (a power of two)"),
	WITH(0, "buffer-size", "SIZE", OPT_BUFSIZE, "ring buffer bytes per CPU, K or M suffix"),
	FLAG(0, "json", OPT_JSON, "one JSON object per line instead of text"),
	FLAG(0, "no-bpf", OPT_NO_BPF, "read the tracepoints by perf sampling, load no BPF"),
	FLAG(0, "seccomp-bpf", OPT_SECCOMP, "accepted: calls outside -e trace= cost nothing anyway"),
	WITH('I', "interruptible", "N", OPT_INTERRUPTIBLE, "accepted: lotrace never blocks the tracee's signals"),
	FLAG('D', NULL, OPT_DAEMONIZE, "accepted: lotrace is never the tracee's parent"),
	MAYBE(0, "daemonize", "HOW", OPT_DAEMONIZE_LONG, "accepted, as -D"),
	WITH('b', "detach-on", "execve", OPT_DETACH_ON, "stop showing a process once it calls execve"),
	FLAG(0, "kill-on-exit", OPT_KILL_ON_EXIT, "kill the traced processes when lotrace ends"),
	FLAG('k', "stack-trace", OPT_STACK, "user stack after each call and USDT hit; -kk: source lines"),
	WITH(0, "export-chrome", "FILE", OPT_CHROME, "write Chrome trace-event JSON (Perfetto) to FILE"),
	FLAG(0, "hist", OPT_HIST, "with -c: a log2 latency histogram (ns) per syscall"),
	FLAG('h', "help", OPT_HELP, "show this help"),
	FLAG('V', "version", OPT_VERSION, "show the version"),
};

#define OPT_COUNT (sizeof(opt_table) / sizeof(opt_table[0]))
/* 2M per CPU: on 2 CPUs a 4 MiB ring, which the reader maps twice (8 MiB
 * of its RSS); it lost nothing with four unpaced getppid loops, where 4M
 * made lotrace's peak RSS 32 MiB (bench/README.md, issue 20) */
#define DEFAULT_BUFFER_SIZE (2u << 20)
#define STACK_BUFFER_SIZE (16u << 20)
#define HELP_COLUMN 24
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
		if (d->has_arg == ARG_OPTIONAL)
			snprintf(left + n, sizeof(left) - n, "[=%s]", d->arg);
		else if (d->arg)
			snprintf(left + n, sizeof(left) - n, "%s%s",
				 d->longname ? "=" : " ", d->arg);
		if (strlen(left) > HELP_COLUMN)	/* the text goes on the next line */
			fprintf(out, "  %s\n  %-*s %s\n", left, HELP_COLUMN, "", d->help);
		else
			fprintf(out, "  %-*s %s\n", HELP_COLUMN, left, d->help);
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

static int parse_pids(struct opts *o, const char *arg, FILE *err)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned long pid;
		pid_t *grown;

		if (value_ulong(tok, &pid) || pid == 0 || pid > INT_MAX) {
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

/* The kernel wants 2^n data pages; round a byte size up to that. */
static size_t round_pages(size_t bytes)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), pages = 1;

	while (pages * page < bytes)
		pages <<= 1;
	return pages * page;
}

static int append_ptr(void *arrayp, int *n, const void *p)
{
	const void ***array = arrayp;
	const void **grown = realloc(*array, (*n + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	*array = grown;
	grown[(*n)++] = p;
	return 0;
}

static int bad_value(const char *opt, const char *arg, const char *expected, FILE *err)
{
	fprintf(err, "lotrace: %s: '%s' is not %s\n", opt, arg, expected);
	return -EINVAL;
}

/* The arguments strace's ptrace-only options take, checked as strace does
 * so a typo is not silently accepted. */
static int check_moot(const struct opt_desc *d, const char *arg, FILE *err)
{
	static const char *const intr[] = { "1", "2", "3", "4", "anywhere", "waiting", "never",
					    "never_tstp", NULL };
	static const char *const daemon[] = { "grandchild", "pgroup", "pgrp",
					      "process_group", "session", NULL };
	const char *const *ok = d->id == OPT_INTERRUPTIBLE ? intr : daemon;

	if (d->id == OPT_DETACH_ON) {
		if (strcmp(arg, "execve"))
			return bad_value("-b", arg, "execve, the one syscall strace detaches on", err);
		return 0;
	}
	if (!arg)
		return 0;
	for (; *ok; ok++)
		if (!strcmp(*ok, arg))
			return 0;
	return bad_value(d->id == OPT_INTERRUPTIBLE ? "-I" : "--daemonize", arg,
			 d->id == OPT_INTERRUPTIBLE ? "1, 2, 3, 4 or its name" :
			 "grandchild, pgroup or session", err);
}

/* Options whose whole effect is a flag or a counter. */
static bool apply_flag(struct opts *o, enum opt_id id)
{
	switch (id) {
	case OPT_FOLLOW: o->nf++; break;
	case OPT_FOLLOW_LONG: o->long_follow = true; break;
	case OPT_SEPARATELY: o->long_separately = true; break;
	case OPT_SYSTEM_WIDE: o->system_wide = true; break;
	case OPT_APPEND: o->append = true; break;
	case OPT_DECODE_FDS: o->ny++; break;
	case OPT_DECODE_PIDS_COMM: o->decode_pids |= DECODE_PID_COMM; break;
	case OPT_SUMMARY: o->summary = true; break;
	case OPT_SUMMARY_TOO: o->summary = true; o->trace_too = true; break;
	case OPT_WALL: o->wall_clock = true; break;
	case OPT_FAILED: o->status = STATUS_FAILED; break;
	case OPT_SUCCESSFUL: o->status = STATUS_SUCCESSFUL; break;
	case OPT_TIMES: o->syscall_times = true; break;
	case OPT_TIMESTAMP: if (o->ts < TS_EPOCH) o->ts++; break;
	case OPT_RELATIVE: o->relative = true; break;
	case OPT_NUMBERS: o->syscall_numbers = true; break;
	case OPT_IP: o->ip = true; break;
	case OPT_NO_ABBREV: sysset_clear(&o->abbrev); break;
	case OPT_HEX: o->nx++; break;
	case OPT_JSON: o->json = true; break;
	case OPT_LIST_USDT: o->list_usdt = true; break;
	case OPT_NO_BPF: o->no_bpf = true; break;
	case OPT_SECCOMP: break;
	case OPT_DAEMONIZE: o->nD++; break;
	case OPT_KILL_ON_EXIT: o->kill_on_exit = true; break;
	case OPT_HIST: o->hist = true; break;
	case OPT_HELP: o->help = true; break;
	case OPT_VERSION: o->version = true; break;
	default: return false;
	}
	return true;
}

static int apply_number(struct opts *o, const struct opt_desc *d, const char *arg, FILE *err)
{
	unsigned long n;

	switch (d->id) {
	case OPT_STRSIZE:
		/* any size, as strace takes it; the kernel copies what it can */
		if (value_ulong(arg, &n) || n > UINT_MAX / 4)
			return bad_value("-s", arg, "a string size", err);
		o->strsize = (unsigned)n;
		return 0;
	case OPT_COLUMNS:
		if (value_ulong(arg, &n) || n > 1024)
			return bad_value("--columns", arg, "a column from 0 to 1024", err);
		o->columns = (unsigned)n;
		return 0;
	case OPT_PAGES: {
		unsigned long max = MAX_BUFFER_SIZE / (size_t)sysconf(_SC_PAGESIZE);

		if (value_ulong(arg, &n) || n == 0 || (n & (n - 1)))
			return bad_value("-m", arg, "a power-of-two page count", err);
		if (n > max) {
			fprintf(err, "lotrace: -m: %s pages is more than 1 GiB per CPU, the most the kernel maps (%lu pages)\n",
				arg, max);
			return -EINVAL;
		}
		o->buffer_size = n * (size_t)sysconf(_SC_PAGESIZE);
		return 0;
	}
	case OPT_BUFSIZE:
		if (value_size(arg, &o->buffer_size) || o->buffer_size == 0)
			return bad_value("--buffer-size", arg, "a size like 4096, 512K or 8M", err);
		if (o->buffer_size > MAX_BUFFER_SIZE) {
			fprintf(err, "lotrace: --buffer-size: '%s' is more than 1024M per CPU, the most the kernel maps\n",
				arg);
			return -EINVAL;
		}
		o->buffer_size = round_pages(o->buffer_size);
		return 0;
	case OPT_OVERHEAD:
		if (value_duration(arg, &o->overhead_ns))
			return bad_value("-O", arg, "a time like 12, 1.5us, 3ms or 0.1s", err);
		return 0;
	default:
		return -ENOENT;
	}
}

static int apply(struct opts *o, const struct opt_desc *d, const char *arg, bool is_long,
		 FILE *err)
{
	int ret;

	if (apply_flag(o, d->id))
		return 0;
	ret = apply_number(o, d, arg, err);
	if (ret != -ENOENT)
		return ret;
	switch (d->id) {
	case OPT_PID: return parse_pids(o, arg, err);
	case OPT_OUTPUT: o->outfile = arg; return 0;
	case OPT_CHROME: o->chrome = arg; return 0;
	case OPT_STACK:
		if (o->stack == 3) {
			fprintf(err, "lotrace: too many -k options (-kkk at most)\n");
			return -EINVAL;
		}
		o->stack++;
		return 0;
	case OPT_EXPR: return opts_expr(o, NULL, arg, err);
	case OPT_QUAL: return opts_expr(o, d->longname, arg ? arg : "path", err);
	case OPT_QUIET:
		if (!is_long) {
			o->nq++;
			return 0;
		}
		return opts_expr(o, "quiet", arg ? arg : "attach,personality", err);
	case OPT_TRACE_PATH: return append_ptr(&o->paths, &o->npaths, arg);
	case OPT_SORT:
		if (value_sort(arg, &o->sort))
			return bad_value("-S", arg, "a sort key (time, min-time, max-time, avg-time, calls, errors, name, nothing)", err);
		return 0;
	case OPT_SUMMARY_COLUMNS:
		if (value_columns(arg, o->columns_shown))
			return bad_value("-U", arg, "a list of distinct columns (time-percent, total-time, min-time, max-time, avg-time, calls, errors, name)", err);
		return 0;
	case OPT_CONST_STYLE:
		if (!strcmp(arg, "raw"))
			o->xlat_style = XLAT_RAW;
		else if (!strcmp(arg, "abbrev"))
			o->xlat_style = XLAT_ABBREV;
		else if (!strcmp(arg, "verbose"))
			o->xlat_style = XLAT_VERBOSE;
		else
			return bad_value("-X", arg, "raw, abbrev or verbose", err);
		return 0;
	case OPT_HEX_LONG:
		o->long_hex = true;
		if (!arg || !strcmp(arg, "all"))
			o->hex = HEX_ALL;
		else if (!strcmp(arg, "non-ascii"))
			o->hex = HEX_NON_ASCII;
		else if (!strcmp(arg, "non-ascii-chars"))
			o->hex = HEX_NON_ASCII_CHARS;
		else if (!strcmp(arg, "none"))
			o->hex = HEX_NONE;
		else
			return bad_value("--strings-in-hex", arg, "non-ascii-chars, non-ascii, all or none", err);
		return 0;
	case OPT_USDT: return append_ptr(&o->usdt, &o->nusdt, arg);
	case OPT_DETACH_ON:
		o->detach_on_execve = true;
		return check_moot(d, arg, err);
	case OPT_INTERRUPTIBLE:
	case OPT_DAEMONIZE_LONG:
		return check_moot(d, arg, err);
	default:
		return 0;
	}
}

static int parse_long(struct opts *o, int argc, char **argv, int *i, FILE *err)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct opt_desc *d = find_long(name, len);
	const char *arg = NULL;

	if (!d && eq && len > 1 && opts_is_qualifier(name, len)) {
		char what[32];

		/* --fault=, --signals=, ...: strace's other spellings of -e */
		snprintf(what, sizeof(what), "%.*s", (int)len, name);
		return opts_expr(o, what, eq + 1, err);
	}
	if (!d) {
		fprintf(err, "lotrace: unknown option '%s' (see lotrace --help)\n", argv[*i]);
		return -EINVAL;
	}
	if (eq && d->has_arg == ARG_NONE) {
		fprintf(err, "lotrace: option '--%s' takes no argument\n", d->longname);
		return -EINVAL;
	}
	if (eq)
		arg = eq + 1;
	else if (d->has_arg == ARG_REQUIRED && *i + 1 < argc)
		arg = argv[++*i];
	else if (d->has_arg == ARG_REQUIRED) {
		fprintf(err, "lotrace: option '--%s' needs an argument %s\n", d->longname, d->arg);
		return -EINVAL;
	}
	return apply(o, d, arg, true, err);
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
		/* a short option takes an argument only when it must */
		if (d->has_arg == ARG_REQUIRED) {
			if (p[1])
				arg = p + 1;
			else if (*i + 1 < argc)
				arg = argv[++*i];
			else {
				fprintf(err, "lotrace: option '-%c' needs an argument %s\n", *p, d->arg);
				return -EINVAL;
			}
		}
		ret = apply(o, d, arg, false, err);
		if (ret || arg)
			return ret;
	}
	return 0;
}

/* The counted short options, and where strace refuses a combination. */
static int settle_counts(struct opts *o, FILE *err)
{
	static const unsigned quiet_levels[] = {
		0, QUIET_ATTACH | QUIET_PERSONALITY,
		QUIET_ATTACH | QUIET_PERSONALITY | QUIET_EXIT, QUIET_ALL,
	};

	if (o->nq && o->long_quiet) {
		fprintf(err, "lotrace: -q and -e quiet=/--quiet cannot be given together\n");
		return -EINVAL;
	}
	if (o->nq)
		o->quiet = quiet_levels[o->nq < 3 ? o->nq : 3];
	if (o->nx && o->long_hex) {
		fprintf(err, "lotrace: -x and --strings-in-hex cannot be given together\n");
		return -EINVAL;
	}
	if (o->nx)
		o->hex = o->nx == 1 ? HEX_NON_ASCII : HEX_ALL;
	if (o->ny && o->long_fds) {
		fprintf(err, "lotrace: -y and --decode-fds cannot be given together\n");
		return -EINVAL;
	}
	if (o->ny)
		o->decode_fds = o->ny == 1 ? DECODE_FD_PATH : DECODE_FD_ALL;
	o->fd_paths = o->decode_fds != 0;
	if (o->nf && o->long_follow) {
		fprintf(err, "lotrace: -f and --follow-forks cannot be given together\n");
		return -EINVAL;
	}
	o->follow = o->nf || o->long_follow;
	/* -ff without -o is -f, as in strace */
	o->separately = (o->nf >= 2 || o->long_separately) && o->outfile;
	if (o->nD > 3) {
		fprintf(err, "lotrace: -D is given at most three times\n");
		return -EINVAL;
	}
	return 0;
}

static int check_combinations(struct opts *o, FILE *err)
{
	bool piped = o->outfile && (o->outfile[0] == '|' || o->outfile[0] == '!');

	if (o->kill_on_exit && o->npids) {
		fprintf(err, "lotrace: --kill-on-exit and -p cannot be combined: attached processes are left running\n");
		return -EINVAL;
	}
	if (o->separately && piped) {
		fprintf(err, "lotrace: a piped -o and -ff cannot be combined: there is one pipe\n");
		return -EINVAL;
	}
	if (o->separately && o->summary) {
		fprintf(err, "lotrace: -c/-C and -ff cannot be combined\n");
		return -EINVAL;
	}
	if ((o->wall_clock || o->columns_shown[0]) && !o->summary) {
		fprintf(err, "lotrace: %s needs -c or -C\n", o->wall_clock ? "-w" : "-U");
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
	/* -k's records carry 16 KiB of stack each: a default ring holds 16M
	 * (an explicit -m of the default size is taken as the default) */
	if (o->stack && o->buffer_size == DEFAULT_BUFFER_SIZE)
		o->buffer_size = STACK_BUFFER_SIZE;
	return 0;
}

static int parse_args(struct opts *o, int argc, char **argv, FILE *err)
{
	int i, ret;

	memset(o, 0, sizeof(*o));
	o->buffer_size = DEFAULT_BUFFER_SIZE;
	o->strsize = 32;
	o->columns = 40;
	o->status = STATUS_ALL;
	sysset_fill(&o->trace);
	sysset_fill(&o->abbrev);
	sysset_fill(&o->verbose);
	numset_all(&o->signals);

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
	ret = settle_counts(o, err);
	if (ret)
		return ret;
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
	return check_combinations(o, err);
}

bool opts_call_filter(const struct opts *o)
{
	return o->status != STATUS_ALL || o->npaths || o->trace_fds_set;
}

void opts_free(struct opts *o)
{
	free(o->usdt);
	o->usdt = NULL;
	o->nusdt = 0;
	free(o->paths);
	o->paths = NULL;
	o->npaths = 0;
	free(o->pids);
	o->pids = NULL;
	o->npids = 0;
	numset_free(&o->signals);
	numset_free(&o->read_fds);
	numset_free(&o->write_fds);
	numset_free(&o->trace_fds);
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
