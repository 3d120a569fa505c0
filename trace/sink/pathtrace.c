#include "sink/pathtrace.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"
#include "decode/quote.h"
#include "syscalls/systab.h"
#include "syscalls/table.h"

struct pathtrace {
	char **paths;
	int npaths;
	const struct numset *fds;	/* --trace-fds, or NULL */
	struct fdtrack *fdtrack;
	int poll_nr, ppoll_nr;
	/* arguments strace does not look at although they are descriptors
	 * or paths: bit i of skip[nr] */
	uint8_t *skip;
	int nskip;
};

/* strace's exceptions to "every path and descriptor argument": calls whose
 * descriptor is not a file (accept's listening socket, an mqueue, a
 * timerfd...), symlink's target, epoll_ctl's epoll descriptor. */
static const struct {
	const char *name;
	uint8_t args;
} skipped[] = {
	{ "accept", 0x3f }, { "accept4", 0x3f }, { "io_uring_enter", 0x3f },
	{ "io_uring_register", 0x3f }, { "landlock_add_rule", 0x3f },
	{ "landlock_restrict_self", 0x3f }, { "mq_getsetattr", 0x3f }, { "mq_notify", 0x3f },
	{ "mq_timedreceive", 0x3f }, { "mq_timedsend", 0x3f }, { "signalfd", 0x3f },
	{ "signalfd4", 0x3f }, { "timerfd_gettime", 0x3f }, { "timerfd_settime", 0x3f },
	{ "symlink", 0x01 }, { "symlinkat", 0x01 }, { "epoll_ctl", 0x01 },
};

static int add_path(struct pathtrace *pt, const char *path)
{
	char **grown;

	for (int i = 0; i < pt->npaths; i++)
		if (!strcmp(pt->paths[i], path))
			return 0;
	grown = realloc(pt->paths, (pt->npaths + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	pt->paths = grown;
	pt->paths[pt->npaths] = strdup(path);
	return pt->paths[pt->npaths++] ? 0 : -1;
}

/* As strace: the path as given and as realpath resolves it, said once. */
static int select_path(struct pathtrace *pt, const char *path, bool quiet, FILE *err)
{
	char real[PATH_MAX], a[PATH_MAX * 4 + 8], b[PATH_MAX * 4 + 8];

	if (add_path(pt, path))
		return -1;
	if (!realpath(path, real) || !strcmp(real, path))
		return 0;
	if (!quiet) {
		quote(a, sizeof(a), (const uint8_t *)path, strlen(path), false, QUOTE_STRING, HEX_NONE);
		quote(b, sizeof(b), (const uint8_t *)real, strlen(real), false, QUOTE_STRING, HEX_NONE);
		fprintf(err, "lotrace: Requested path %s resolved into %s\n", a, b);
	}
	return add_path(pt, real);
}

static bool fill_skips(struct pathtrace *pt)
{
	pt->nskip = systab_size();
	pt->skip = calloc((size_t)pt->nskip, 1);
	if (!pt->skip)
		return false;
	for (size_t i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++) {
		int nr = systab_lookup(skipped[i].name);

		if (nr >= 0 && nr < pt->nskip)
			pt->skip[nr] = skipped[i].args;
	}
	pt->poll_nr = systab_lookup("poll");
	pt->ppoll_nr = systab_lookup("ppoll");
	return true;
}

struct pathtrace *pathtrace_new(const struct opts *o, struct fdtrack *fdtrack, FILE *err,
				bool *failed)
{
	struct pathtrace *pt;

	*failed = false;
	if (!o->npaths && !o->trace_fds_set)
		return NULL;
	pt = calloc(1, sizeof(*pt));
	if (!pt || !fill_skips(pt))
		goto fail;
	pt->fdtrack = fdtrack;
	pt->fds = o->trace_fds_set ? &o->trace_fds : NULL;
	for (int i = 0; i < o->npaths; i++)
		if (select_path(pt, o->paths[i], o->quiet & QUIET_PATH_RESOLVE, err))
			goto fail;
	return pt;
fail:
	pathtrace_free(pt);
	*failed = true;
	return NULL;
}

void pathtrace_free(struct pathtrace *pt)
{
	if (!pt)
		return;
	for (int i = 0; i < pt->npaths; i++)
		free(pt->paths[i]);
	free(pt->paths);
	free(pt->skip);
	free(pt);
}

static bool path_matches(const struct pathtrace *pt, const char *path)
{
	for (int i = 0; path && i < pt->npaths; i++)
		if (!strcmp(pt->paths[i], path))
			return true;
	return false;
}

static bool fd_matches(const struct pathtrace *pt, const struct call *c, int fd)
{
	if (fd < 0)
		return false;
	if (pt->fds && numset_has(pt->fds, fd))
		return true;
	return pt->npaths && path_matches(pt, fdtrack_path(pt->fdtrack, c->task->pid, fd, NULL));
}

/* The path argument i as the process passed it, NUL-terminated. */
static const char *path_arg(const struct call *c, int i)
{
	const struct lt_cap *cap = capture_find(c->cap_enter, i);

	if (!cap || cap->flags & LT_CAPF_FAULT)
		cap = capture_find(c->cap_exit, i);
	if (!cap || cap->flags & LT_CAPF_FAULT || cap->kind != LT_CAP_PATH ||
	    !memchr(capture_bytes(cap), '\0', cap->len))
		return NULL;
	return (const char *)capture_bytes(cap);
}

/* poll's and ppoll's descriptors, from the pollfds copied at entry. */
static bool poll_matches(const struct pathtrace *pt, const struct call *c)
{
	const struct lt_cap *cap = capture_find(c->cap_enter, 0);

	if (!cap || cap->flags & LT_CAPF_FAULT)
		return false;
	for (uint32_t off = 0; off + 8 <= cap->len; off += 8) {
		int32_t fd;

		memcpy(&fd, capture_bytes(cap) + off, sizeof(fd));
		if (fd_matches(pt, c, fd))
			return true;
	}
	return false;
}

bool pathtrace_match(const struct pathtrace *pt, const struct call *c)
{
	const struct sc_info *row;
	uint8_t skip;

	if (!c->entered || c->nr < 0)
		return false;
	if (c->nr == pt->poll_nr || c->nr == pt->ppoll_nr)
		return poll_matches(pt, c);
	row = table_get(c->nr);
	skip = c->nr < pt->nskip ? pt->skip[c->nr] : 0;
	for (int i = 0; i < SC_MAX_ARGS; i++) {
		const struct sc_arg *a = &row->arg[i];

		if (skip & (1u << i))
			continue;
		if ((a->fmt == F_FD || a->fmt == F_DIRFD) && fd_matches(pt, c, (int)c->args[i]))
			return true;
		if (a->cap == LT_CAP_PATH && pt->npaths && path_matches(pt, path_arg(c, i)))
			return true;
	}
	return false;
}
