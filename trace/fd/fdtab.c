#include "fd/fdtab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decode/quote.h"

int fdtab_init(struct fdtab *t)
{
	return idtab_init(&t->procs);
}

static void clear_entry(struct fd_entry *e)
{
	free(e->path);
	memset(e, 0, sizeof(*e));
}

static void proc_free(struct fd_proc *p)
{
	for (int i = 0; i < p->nfd; i++)
		free(p->fd[i].path);
	free(p->fd);
	free(p->cwd);
	free(p);
}

static void free_node(struct idtab_node *n, void *ctx)
{
	(void)ctx;
	proc_free(idtab_entry(n, struct fd_proc, node));
}

void fdtab_free(struct fdtab *t)
{
	idtab_free(&t->procs, free_node, NULL);
}

struct fd_proc *fdtab_find(const struct fdtab *t, uint32_t pid)
{
	struct idtab_node *n = idtab_find(&t->procs, pid);

	return n ? idtab_entry(n, struct fd_proc, node) : NULL;
}

struct fd_proc *fdtab_proc(struct fdtab *t, uint32_t pid)
{
	struct fd_proc *p = fdtab_find(t, pid);

	if (p)
		return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->closed_from = FDTAB_MAX_FD;
	p->node.id = pid;
	idtab_add(&t->procs, &p->node);
	return p;
}

void fdtab_drop(struct fdtab *t, uint32_t pid)
{
	struct idtab_node *n = idtab_remove(&t->procs, pid);

	if (n)
		proc_free(idtab_entry(n, struct fd_proc, node));
}

/* Room for fd in p's array; -EINVAL when fd is never tracked. */
static int reserve(struct fd_proc *p, int fd)
{
	struct fd_entry *grown;
	int n;

	if (fd < 0 || fd >= FDTAB_MAX_FD)
		return -EINVAL;
	if (fd < p->nfd)
		return 0;
	n = p->nfd ? p->nfd : 16;
	while (n <= fd)
		n *= 2;
	grown = realloc(p->fd, (size_t)n * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	memset(grown + p->nfd, 0, (size_t)(n - p->nfd) * sizeof(*grown));
	for (int i = p->nfd > p->closed_from ? p->nfd : p->closed_from; i < n; i++)
		grown[i].state = FD_CLOSED;
	p->fd = grown;
	p->nfd = n;
	return 0;
}

const struct fd_entry *fdtab_get(const struct fd_proc *p, int fd)
{
	static const struct fd_entry unknown, closed = { .state = FD_CLOSED };

	if (fd < 0 || fd >= FDTAB_MAX_FD)
		return NULL;
	if (fd < p->nfd)
		return &p->fd[fd];
	return fd >= p->closed_from ? &closed : &unknown;
}

int fdtab_set(struct fd_proc *p, int fd, const char *path, enum fd_cloexec cloexec,
	      bool deleted)
{
	char *copy = strdup(path);
	int ret = reserve(p, fd);

	if (!ret && !copy)
		ret = -ENOMEM;
	if (ret) {
		free(copy);
		return ret;
	}
	free(p->fd[fd].path);
	p->fd[fd] = (struct fd_entry){ .state = FD_OPEN, .cloexec = (uint8_t)cloexec,
				       .deleted = deleted, .path = copy };
	return 0;
}

void fdtab_close(struct fd_proc *p, int fd)
{
	if (reserve(p, fd))
		return;
	clear_entry(&p->fd[fd]);
	p->fd[fd].state = FD_CLOSED;
}

void fdtab_forget(struct fd_proc *p, int fd)
{
	if (fd >= 0 && fd < p->nfd)
		clear_entry(&p->fd[fd]);
	else if (fd >= p->closed_from && !reserve(p, fd))
		clear_entry(&p->fd[fd]);
}

void fdtab_close_range(struct fd_proc *p, unsigned first, unsigned last, bool cloexec_only)
{
	for (unsigned fd = first; fd <= last && fd < (unsigned)p->nfd; fd++) {
		struct fd_entry *e = &p->fd[fd];

		if (cloexec_only) {
			if (e->state == FD_OPEN)
				e->cloexec = CLOEXEC_YES;
			continue;
		}
		clear_entry(e);
		e->state = FD_CLOSED;
	}
	/* past the array: everything from first on is closed too */
	if (!cloexec_only && last >= (unsigned)p->nfd && first < (unsigned)p->closed_from)
		p->closed_from = first > (unsigned)p->nfd ? (int)first : p->nfd;
}

int fdtab_dup(struct fd_proc *p, int oldfd, int newfd, enum fd_cloexec cloexec)
{
	const struct fd_entry *e = fdtab_get(p, oldfd);

	if (!e || e->state != FD_OPEN)
		return -ENOENT;
	if (oldfd == newfd)
		return 0;
	return fdtab_set(p, newfd, e->path, cloexec, e->deleted);
}

void fdtab_set_cloexec(struct fd_proc *p, int fd, bool on)
{
	if (fd >= 0 && fd < p->nfd && p->fd[fd].state == FD_OPEN)
		p->fd[fd].cloexec = on ? CLOEXEC_YES : CLOEXEC_NO;
}

void fdtab_exec(struct fd_proc *p)
{
	for (int fd = 0; fd < p->nfd; fd++) {
		struct fd_entry *e = &p->fd[fd];
		bool closes = e->cloexec == CLOEXEC_YES;

		if (e->state != FD_OPEN || e->cloexec == CLOEXEC_NO)
			continue;
		clear_entry(e);
		e->state = closes ? FD_CLOSED : FD_UNKNOWN;
	}
}

int fdtab_set_cwd(struct fd_proc *p, const char *path)
{
	char *copy = path ? strdup(path) : NULL;

	if (path && !copy)
		return -ENOMEM;
	free(p->cwd);
	p->cwd = copy;
	return 0;
}

int fdtab_fork(struct fdtab *t, uint32_t parent, uint32_t child)
{
	struct fd_proc *from = fdtab_find(t, parent), *to;

	fdtab_drop(t, child);	/* a pid reused since */
	to = fdtab_proc(t, child);
	if (!to)
		return -ENOMEM;
	if (!from)
		return 0;
	to->closed_from = from->closed_from;
	if (from->cwd && fdtab_set_cwd(to, from->cwd))
		return -ENOMEM;
	for (int fd = 0; fd < from->nfd; fd++) {
		const struct fd_entry *e = &from->fd[fd];
		int ret = 0;

		if (e->state == FD_OPEN)
			ret = fdtab_set(to, fd, e->path, (enum fd_cloexec)e->cloexec, e->deleted);
		else if (e->state == FD_CLOSED)
			fdtab_close(to, fd);
		if (ret)
			return ret;
	}
	return 0;
}

struct each_open {
	const char *path;
	size_t plen;
	bool sub;
	void (*fn)(struct fd_entry *e, size_t plen, void *ctx);
	void *ctx;
};

static void each_open_of(struct idtab_node *n, void *ctx)
{
	struct fd_proc *p = idtab_entry(n, struct fd_proc, node);
	const struct each_open *w = ctx;

	for (int fd = 0; fd < p->nfd; fd++) {
		struct fd_entry *e = &p->fd[fd];

		if (e->state != FD_OPEN || e->deleted || strncmp(e->path, w->path, w->plen) ||
		    (e->path[w->plen] && !(w->sub && e->path[w->plen] == '/')))
			continue;
		w->fn(e, w->plen, w->ctx);
	}
}

/* Each open descriptor whose path is path, or lies under it when sub. */
static void each_open(struct fdtab *t, const char *path, bool sub,
		      void (*fn)(struct fd_entry *e, size_t plen, void *ctx), void *ctx)
{
	struct each_open w = { path, strlen(path), sub, fn, ctx };

	idtab_foreach(&t->procs, each_open_of, &w);
}

static void mark_deleted(struct fd_entry *e, size_t plen, void *ctx)
{
	(void)plen;
	(void)ctx;
	e->deleted = true;
}

void fdtab_unlinked(struct fdtab *t, const char *path)
{
	each_open(t, path, false, mark_deleted, NULL);
}

static void rename_one(struct fd_entry *e, size_t plen, void *ctx)
{
	const char *to = ctx;
	size_t tlen = strlen(to), rest = strlen(e->path + plen);
	char *path = malloc(tlen + rest + 1);

	if (!path)
		return;
	memcpy(path, to, tlen);
	memcpy(path + tlen, e->path + plen, rest + 1);
	free(e->path);
	e->path = path;
}

void fdtab_renamed(struct fdtab *t, const char *from, const char *to)
{
	each_open(t, from, true, rename_one, (void *)to);
}

int fdpath_join(char *out, size_t len, const char *base, const char *rel)
{
	size_t n = 0;
	const char *parts[2] = { rel[0] == '/' || !base ? "" : base, rel };

	if (len < 2)
		return -ENAMETOOLONG;
	out[n++] = '/';
	for (int i = 0; i < 2; i++) {
		const char *s = parts[i];

		while (*s) {
			size_t clen;

			while (*s == '/')
				s++;
			clen = strcspn(s, "/");
			if (!clen)
				break;
			if (clen == 1 && s[0] == '.') {
				/* nothing */
			} else if (clen == 2 && s[0] == '.' && s[1] == '.') {
				while (n > 1 && out[n - 1] != '/')
					n--;
				if (n > 1)
					n--;	/* the slash before it */
			} else {
				if (n + (n > 1) + clen + 1 > len)
					return -ENAMETOOLONG;
				if (n > 1)
					out[n++] = '/';
				memcpy(out + n, s, clen);
				n += clen;
			}
			s += clen;
		}
	}
	out[n] = '\0';
	return 0;
}

size_t fdpath_quote(char *out, size_t room, const char *path)
{
	return quote(out, room, (const uint8_t *)path, strlen(path), false, QUOTE_FD_PATH, HEX_NONE);
}
