/* strace's -e qualifiers (-e trace=, status=, signal=, quiet=, read=, ...)
 * and the long options that stand for them (--trace=, --status=, ...),
 * each with strace's spelling of its set: names, "all", "none", a leading
 * "!" that inverts. */
#include "cli/opts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode/signames.h"

struct word {
	const char *name;
	unsigned bit;
};

static const struct word status_words[] = {
	{ "successful", STATUS_SUCCESSFUL },
	{ "failed", STATUS_FAILED },
	{ "unfinished", STATUS_UNFINISHED },
	{ "unavailable", STATUS_UNAVAILABLE },
	{ "detached", STATUS_DETACHED },
	{ NULL, 0 },
};

static const struct word quiet_words[] = {
	{ "attach", QUIET_ATTACH },
	{ "exit", QUIET_EXIT },
	{ "exits", QUIET_EXIT },
	{ "path-resolution", QUIET_PATH_RESOLVE },
	{ "personality", QUIET_PERSONALITY },
	{ "superseded", QUIET_THREAD_EXECVE },
	{ "thread-execve", QUIET_THREAD_EXECVE },
	{ NULL, 0 },
};

static const struct word fd_words[] = {
	{ "path", DECODE_FD_PATH },
	{ "socket", DECODE_FD_SOCKET },
	{ "dev", DECODE_FD_DEV },
	{ "pidfd", DECODE_FD_PIDFD },
	{ NULL, 0 },
};

static const struct word pid_words[] = {
	{ "comm", DECODE_PID_COMM },
	{ "pidns", DECODE_PID_NS },
	{ NULL, 0 },
};

/* A set of named bits: "a,b", "all", "none", "!..."; *out gets the bits
 * out of all. */
static int parse_words(unsigned *out, const char *expr, const struct word *words,
		       unsigned all, const char *what, FILE *err)
{
	bool not = false;
	unsigned bits = 0;
	char *copy, *tok, *save = NULL;
	int ret = 0;

	for (; *expr == '!'; expr++)
		not = !not;
	if (!strcmp(expr, "all") || !strcmp(expr, "none")) {
		bits = !strcmp(expr, "all") ? all : 0;
		*out = not ? all & ~bits : bits;
		return 0;
	}
	copy = strdup(expr);
	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const struct word *w = words;

		while (w->name && strcmp(w->name, tok))
			w++;
		if (!w->name) {
			fprintf(err, "lotrace: invalid %s '%s'\n", what, tok);
			ret = -EINVAL;
			goto out;
		}
		bits |= w->bit;
	}
	if (!bits) {
		fprintf(err, "lotrace: invalid %s '%s'\n", what, expr);
		ret = -EINVAL;
		goto out;
	}
	*out = not ? all & ~bits : bits;
out:
	free(copy);
	return ret;
}

/* A signal as strace reads one: a number, or a name with or without SIG,
 * in any case. */
static int64_t signal_token(const char *tok)
{
	char buf[16];

	if (*tok >= '0' && *tok <= '9') {
		int64_t n = numset_number(tok);

		return n <= 255 ? n : -1;
	}
	if (!strncasecmp(tok, "SIG", 3))
		tok += 3;
	for (int sig = 1; sig <= 64; sig++) {
		const char *name = signame(sig, buf, sizeof(buf));

		if (!strncmp(name, "SIG", 3) && !strcasecmp(name + 3, tok))
			return sig;
	}
	return -1;
}

static int q_trace(struct opts *o, const char *arg, FILE *err)
{
	return sysset_parse(&o->trace, arg, err);
}

static int q_raw(struct opts *o, const char *arg, FILE *err)
{
	return sysset_parse_as(&o->raw, arg, "raw", err);
}

static int q_abbrev(struct opts *o, const char *arg, FILE *err)
{
	return sysset_parse_as(&o->abbrev, arg, "abbrev", err);
}

static int q_verbose(struct opts *o, const char *arg, FILE *err)
{
	return sysset_parse_as(&o->verbose, arg, "verbose", err);
}

static int q_signal(struct opts *o, const char *arg, FILE *err)
{
	return numset_parse(&o->signals, arg, signal_token, "-e signal", err);
}

static int q_status(struct opts *o, const char *arg, FILE *err)
{
	return parse_words(&o->status, arg, status_words, STATUS_ALL, "status", err);
}

static int q_quiet(struct opts *o, const char *arg, FILE *err)
{
	o->long_quiet = true;
	return parse_words(&o->quiet, arg, quiet_words, QUIET_ALL, "quiet", err);
}

static int q_read(struct opts *o, const char *arg, FILE *err)
{
	return numset_parse(&o->read_fds, arg, NULL, "-e read", err);
}

static int q_write(struct opts *o, const char *arg, FILE *err)
{
	return numset_parse(&o->write_fds, arg, NULL, "-e write", err);
}

static int q_decode_fds(struct opts *o, const char *arg, FILE *err)
{
	o->long_fds = true;
	return parse_words(&o->decode_fds, arg, fd_words, DECODE_FD_ALL, "decode-fds", err);
}

static int q_decode_pids(struct opts *o, const char *arg, FILE *err)
{
	return parse_words(&o->decode_pids, arg, pid_words, DECODE_PID_COMM | DECODE_PID_NS,
			   "decode-pids", err);
}

static int q_trace_fds(struct opts *o, const char *arg, FILE *err)
{
	o->trace_fds_set = true;
	return numset_parse(&o->trace_fds, arg, NULL, "--trace-fds", err);
}

/* Tampering needs a tracer that stops the process at the syscall. */
static int q_tamper(struct opts *o, const char *arg, FILE *err)
{
	(void)o;
	(void)arg;
	fprintf(err, "lotrace: -e inject= and -e fault= are not supported: lotrace watches syscalls from the kernel's tracepoints and cannot change what a syscall does\n");
	return -EINVAL;
}

static int q_kvm(struct opts *o, const char *arg, FILE *err)
{
	(void)o;
	(void)arg;
	fprintf(err, "lotrace: -e kvm= is not supported: it reads a vCPU's state, which needs ptrace\n");
	return -EINVAL;
}

static const struct qualifier {
	const char *name;
	int (*parse)(struct opts *o, const char *arg, FILE *err);
} qualifiers[] = {
	{ "trace", q_trace }, { "t", q_trace },
	{ "abbrev", q_abbrev }, { "a", q_abbrev },
	{ "verbose", q_verbose }, { "v", q_verbose },
	{ "raw", q_raw }, { "x", q_raw },
	{ "signal", q_signal }, { "signals", q_signal }, { "s", q_signal },
	{ "status", q_status },
	{ "quiet", q_quiet }, { "silent", q_quiet }, { "silence", q_quiet }, { "q", q_quiet },
	{ "read", q_read }, { "reads", q_read }, { "r", q_read },
	{ "write", q_write }, { "writes", q_write }, { "w", q_write },
	{ "fault", q_tamper }, { "inject", q_tamper },
	{ "kvm", q_kvm },
	{ "decode-fd", q_decode_fds }, { "decode-fds", q_decode_fds },
	{ "decode-pid", q_decode_pids }, { "decode-pids", q_decode_pids },
	{ "trace-fd", q_trace_fds }, { "trace-fds", q_trace_fds },
	{ "fd", q_trace_fds }, { "fds", q_trace_fds },
};

#define NQUALIFIERS (sizeof(qualifiers) / sizeof(qualifiers[0]))

bool opts_is_qualifier(const char *name, size_t len)
{
	for (size_t i = 0; i < NQUALIFIERS; i++)
		if (strlen(qualifiers[i].name) == len && !strncmp(name, qualifiers[i].name, len))
			return true;
	return false;
}

int opts_expr(struct opts *o, const char *what, const char *arg, FILE *err)
{
	for (size_t i = 0; i < NQUALIFIERS; i++) {
		size_t len = strlen(qualifiers[i].name);

		if (what && !strcmp(what, qualifiers[i].name))
			return qualifiers[i].parse(o, arg, err);
		if (!what && !strncmp(arg, qualifiers[i].name, len) && arg[len] == '=')
			return qualifiers[i].parse(o, arg + len + 1, err);
	}
	/* as strace: an expression without a known NAME= is a trace= set */
	return q_trace(o, arg, err);
}
