/*
 * bpffloor: run CMD with one of bpffloor.bpf.c's program pairs attached
 * to the raw syscall tracepoints, reading the ring buffer every
 * millisecond as lotrace does, and detach when CMD exits.
 *
 * Usage: bpffloor nop|clock1|clock2|record|copy CMD [ARGS...]
 */
#define _GNU_SOURCE
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpffloor.skel.h"

/* The programs of each mode, enter side then exit side (NULL: none). */
static const struct mode {
	const char *name, *enter, *exit;
} modes[] = {
	{ "nop", "nop_enter", "nop_exit" },
	{ "clock1", "nop_enter", "clock_exit" },
	{ "clock2", "clock_enter", "clock_exit" },
	{ "record", "nop_enter", "record_exit" },
	{ "copy", "nop_enter", "copy_exit" },
};

static const struct mode *find_mode(const char *name)
{
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(modes[i].name, name))
			return &modes[i];
	return NULL;
}

static int drop(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	(void)size;
	return 0;
}

static int run(const struct mode *m, char **cmd)
{
	struct bpffloor *skel = bpffloor__open();
	struct ring_buffer *ring = NULL;
	struct bpf_program *p;
	int status = 0, ret = 1;
	pid_t pid;

	if (!skel) {
		fprintf(stderr, "bpffloor: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	bpf_object__for_each_program(p, skel->obj) {
		const char *name = bpf_program__name(p);

		bpf_program__set_autoload(p, !strcmp(name, m->enter) || !strcmp(name, m->exit));
	}
	if (bpffloor__load(skel)) {
		fprintf(stderr, "bpffloor: cannot load the BPF programs (root?): %s\n",
			strerror(errno));
		goto out;
	}
	bpf_object__for_each_program(p, skel->obj) {
		if (bpf_program__autoload(p) && !bpf_program__attach(p)) {
			fprintf(stderr, "bpffloor: cannot attach %s: %s\n", bpf_program__name(p),
				strerror(errno));
			goto out;
		}
	}
	ring = ring_buffer__new(bpf_map__fd(skel->maps.ring), drop, NULL, NULL);
	if (!ring) {
		fprintf(stderr, "bpffloor: cannot map the ring: %s\n", strerror(errno));
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		perror("bpffloor: fork");
		goto out;
	}
	if (!pid) {
		execvp(cmd[0], cmd);
		fprintf(stderr, "bpffloor: cannot run %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		ring_buffer__consume(ring);
		usleep(1000);
	}
	ring_buffer__consume(ring);
	ret = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
out:
	ring_buffer__free(ring);
	bpffloor__destroy(skel);
	return ret;
}

int main(int argc, char **argv)
{
	const struct mode *m = argc > 2 ? find_mode(argv[1]) : NULL;

	if (!m) {
		fprintf(stderr, "usage: bpffloor nop|clock1|clock2|record|copy CMD [ARGS...]\n");
		return 2;
	}
	return run(m, argv + 2);
}
