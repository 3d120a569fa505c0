/* opts: the command line, parsed once into a plain struct that the rest of
 * lotrace reads. One table drives the parser and --help (opts.c); strace's
 * -e qualifiers and their sets are expr.c. */
#ifndef LOTRACE_OPTS_H
#define LOTRACE_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "decode/quote.h"
#include "decode/xlat.h"
#include "syscalls/sysset.h"
#include "util/numset.h"

enum ts_mode { TS_NONE, TS_WALL, TS_WALL_US, TS_EPOCH };

/* -e status=: which calls print, by how they ended (strace's statuses). */
enum status_bits {
	STATUS_SUCCESSFUL = 1 << 0,
	STATUS_FAILED = 1 << 1,
	STATUS_UNFINISHED = 1 << 2,	/* never returned: exit_group, a task that died in it */
	STATUS_UNAVAILABLE = 1 << 3,	/* returned, with a result nobody could read */
	STATUS_DETACHED = 1 << 4,	/* still inside when lotrace let go */
	STATUS_ALL = (1 << 5) - 1,
};

/* -q, -qq, -qqq, --quiet=: the messages left out. */
enum quiet_bits {
	QUIET_ATTACH = 1 << 0,		/* "Process N attached/detached" */
	QUIET_EXIT = 1 << 1,		/* "+++ exited with N +++" */
	QUIET_PATH_RESOLVE = 1 << 2,	/* -P: "Requested path ... resolved into ..." */
	QUIET_PERSONALITY = 1 << 3,	/* never printed: lotrace traces one personality */
	QUIET_THREAD_EXECVE = 1 << 4,	/* "+++ superseded by execve ... +++" */
	QUIET_ALL = (1 << 5) - 1,
};

/* -y, -yy, --decode-fds=: what descriptors print with. */
enum decode_fd_bits {
	DECODE_FD_PATH = 1 << 0,	/* 3</etc/hostname> */
	DECODE_FD_SOCKET = 1 << 1,	/* 3<TCP:[127.0.0.1:5432->127.0.0.1:40412]> */
	DECODE_FD_DEV = 1 << 2,		/* 1</dev/null<char 1:3>> */
	DECODE_FD_PIDFD = 1 << 3,	/* 3<pid:1234> */
	DECODE_FD_ALL = (1 << 4) - 1,
};

/* -Y, --decode-pids=. */
enum decode_pid_bits {
	DECODE_PID_COMM = 1 << 0,	/* 1234<cat> */
	DECODE_PID_NS = 1 << 1,		/* 5 / * 1234 in lotrace's namespace * / */
};

enum sort_key {
	SORT_TIME, SORT_CALLS, SORT_NAME, SORT_ERRORS, SORT_MIN_TIME, SORT_MAX_TIME,
	SORT_AVG_TIME, SORT_NOTHING,
};

/* -U: the columns of the -c table, strace's. */
enum summary_column {
	COL_NONE, COL_PERCENT, COL_TOTAL, COL_MIN, COL_MAX, COL_AVG, COL_CALLS, COL_ERRORS,
	COL_NAME, COL_COUNT,
};

struct opts {
	bool follow;		/* -f */
	bool separately;	/* -ff (or --output-separately) with -o: PREFIX.TID */
	bool system_wide;	/* -a */
	bool json;		/* --json */
	bool summary;		/* -c or -C */
	bool trace_too;		/* -C: trace lines as well as the summary */
	bool wall_clock;	/* -w: -c sums wall time, not system time */
	bool syscall_times;	/* -T */
	bool relative;		/* -r */
	bool no_bpf;		/* --no-bpf: perf sampling, no BPF program */
	bool fd_paths;		/* -y in any form: descriptors are followed */
	bool syscall_numbers;	/* -n */
	bool ip;		/* -i: the instruction pointer at the syscall */
	bool append;		/* -A */
	bool detach_on_execve;	/* -b execve */
	bool kill_on_exit;	/* --kill-on-exit */
	bool help, version;
	enum ts_mode ts;	/* -t, -tt, -ttt */
	unsigned status;	/* STATUS_* bits: -e status=, -z, -Z */
	unsigned quiet;		/* QUIET_* bits */
	unsigned decode_fds;	/* DECODE_FD_* bits */
	unsigned decode_pids;	/* DECODE_PID_* bits */
	enum xlat_style xlat_style;	/* -X */
	enum hex_style hex;	/* -x, -xx, --strings-in-hex= */
	enum sort_key sort;
	uint8_t columns_shown[COL_COUNT];	/* -U, COL_NONE-terminated */
	uint64_t overhead_ns;	/* -O: taken off each call's time in -c */
	const char *outfile;	/* -o; "|CMD" or "!CMD" pipes */
	size_t buffer_size;	/* bytes per CPU ring, a power-of-two page count */
	unsigned strsize;	/* -s: string and buffer bytes shown */
	unsigned columns;	/* --columns: where " = result" starts (40) */
	pid_t *pids;		/* -p */
	int npids;
	char **cmd;		/* argv of the command to run, NULL-terminated */
	struct sysset trace;	/* -e trace= */
	struct sysset raw;	/* -e raw=: undecoded, nothing copied */
	struct sysset abbrev;	/* -e abbrev=: large structs cut short (all) */
	struct sysset verbose;	/* -e verbose=: structs decoded at all (all) */
	struct numset signals;	/* -e signal=: the "--- SIG ---" lines shown (all) */
	struct numset read_fds, write_fds;	/* -e read=, -e write=: dumped */
	struct numset trace_fds;	/* --trace-fds= */
	bool trace_fds_set;
	const char **paths;	/* -P */
	int npaths;
	char **usdt;		/* -u specs */
	int nusdt;
	bool list_usdt;		/* --list-usdt */
	/* counters while parsing: -f, -q, -x, -y, -D given again and again */
	unsigned nf, nq, nx, ny, nD;
	bool long_quiet, long_fds, long_hex, long_follow, long_separately;
	int stack;		/* -k: 1, -kk (source lines): 2, -kkk (and
				 * inlined calls): 3 */
	const char *chrome;	/* --export-chrome=FILE */
	bool hist;		/* --hist */
};

/* Parse argv into o. On error returns -EINVAL and writes one line to err;
 * a warning that does not stop lotrace also goes to err. */
int opts_parse(struct opts *o, int argc, char **argv, FILE *err);
void opts_free(struct opts *o);
void opts_help(FILE *out);

/* Any filter that decides at a call's exit whether it prints: -e status=,
 * -P, --trace-fds. */
bool opts_call_filter(const struct opts *o);

/* -e EXPR and the long options that stand for one (--trace=, --status=,
 * ...): expr.c. what is the qualifier ("trace"), NULL to find it in arg. */
int opts_expr(struct opts *o, const char *what, const char *arg, FILE *err);

/* Whether the len bytes at name are a qualifier's name (or strace's alias
 * of one): --NAME=SET is -e NAME=SET then. */
bool opts_is_qualifier(const char *name, size_t len);

#endif
