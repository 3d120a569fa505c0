/* opts: the command line, parsed once into a plain struct that the rest of
 * lotrace reads. One table drives the parser and --help. */
#ifndef LOTRACE_OPTS_H
#define LOTRACE_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "syscalls/sysset.h"

enum ts_mode { TS_NONE, TS_WALL, TS_WALL_US, TS_EPOCH };
enum status_filter { STATUS_ALL, STATUS_FAILED, STATUS_SUCCESSFUL };
enum sort_key { SORT_TIME, SORT_CALLS, SORT_NAME, SORT_ERRORS };

struct opts {
	bool follow;		/* -f */
	bool system_wide;	/* -a */
	bool json;		/* --json */
	bool summary;		/* -c or -C */
	bool trace_too;		/* -C: trace lines as well as the summary */
	bool syscall_times;	/* -T */
	bool relative;		/* -r */
	bool no_bpf;		/* --no-bpf: perf sampling, no BPF program */
	bool quiet;		/* -q: no "Process N attached/detached" */
	bool fd_paths;		/* -y: paths behind file descriptors */
	bool help, version;
	enum ts_mode ts;	/* -t, -tt, -ttt */
	enum status_filter status;
	enum sort_key sort;
	const char *outfile;	/* -o */
	size_t buffer_size;	/* bytes per CPU ring, a power-of-two page count */
	unsigned strsize;	/* -s: string and buffer bytes shown */
	unsigned columns;	/* --columns: where " = result" starts (40) */
	pid_t *pids;		/* -p */
	int npids;
	char **cmd;		/* argv of the command to run, NULL-terminated */
	struct sysset trace;	/* -e trace= */
	struct sysset raw;	/* -e raw=: undecoded, nothing copied */
	char **usdt;		/* -u specs */
	int nusdt;
	bool list_usdt;		/* --list-usdt */
	int stack;		/* -k: 1, -kk (source lines): 2, -kkk (and
				 * inlined calls): 3 */
	const char *chrome;	/* --export-chrome=FILE */
	bool hist;		/* --hist */
};

/* Parse argv into o. On error returns -EINVAL and writes one line to err. */
int opts_parse(struct opts *o, int argc, char **argv, FILE *err);
void opts_free(struct opts *o);
void opts_help(FILE *out);

#endif
