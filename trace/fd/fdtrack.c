#include "fd/fdtrack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/close_range.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode/capture.h"
#include "cli/opts.h"
#include "fd/fdname.h"
#include "fd/fdtab.h"
#include "syscalls/table.h"
#include "syscalls/systab.h"
#include "util/proc.h"

/* A call's effect on descriptors: its row's, or NULL when it has none. */
static const struct sc_fd *effect_of(int nr)
{
	const struct sc_fd *r = &table_get(nr)->fd;

	return r->fx != FX_NONE ? r : NULL;
}

#define TEXT_MAX (2 * PATH_MAX + 64)

struct fdtrack {
	struct fdtab tab;
	struct fdname *names;	/* --decode-fds beyond path, or NULL */
	unsigned decode;	/* --decode-fds: DECODE_FD_* bits */
	/* what the call being emitted made: prepare fills, apply commits */
	const struct call *cur;
	int nres;
	int res_fd[2];
	char *res_path[2];
	bool res_deleted[2];
	char text[TEXT_MAX];
};

struct fdtrack *fdtrack_new(unsigned decode_fds)
{
	struct fdtrack *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->decode = decode_fds;
	if (decode_fds & ~DECODE_FD_PATH && !(t->names = fdname_new(decode_fds))) {
		free(t);
		return NULL;
	}
	if (fdtab_init(&t->tab)) {
		fdname_free(t->names);
		free(t);
		return NULL;
	}
	return t;
}

static void drop_result(struct fdtrack *t)
{
	for (int i = 0; i < t->nres; i++) {
		free(t->res_path[i]);
		t->res_path[i] = NULL;
	}
	t->nres = 0;
	t->cur = NULL;
}

void fdtrack_free(struct fdtrack *t)
{
	if (!t)
		return;
	drop_result(t);
	fdtab_free(&t->tab);
	fdname_free(t->names);
	free(t);
}

bool fdtrack_plan(int nr, struct lt_plan *plan)
{
	const struct sc_fd *r = effect_of(nr);

	if (!r || !r->ino)
		return false;
	plan->newfd = r->fx == FX_PAIR ? LT_NEWFD_PAIR : LT_NEWFD_RET;
	plan->newfd_arg = r->fx == FX_PAIR ? (uint8_t)r->arg : 0;
	return true;
}

void fdtrack_syscalls(struct sysset *set)
{
	for (int nr = 0; nr < table_size(); nr++)
		if (effect_of(nr))
			sysset_add(set, nr);
}

/* --- what /proc says ------------------------------------------------- */

/* readlink of /proc/PID/WHAT into out, with the kernel's " (deleted)"
 * taken off into *deleted. */
static int proc_link(uint32_t pid, const char *what, char *out, size_t len, bool *deleted)
{
	static const char mark[] = " (deleted)";
	int ret = proc_readlink((pid_t)pid, what, out, len);
	size_t n;

	if (ret)
		return ret;
	n = strlen(out);
	*deleted = false;
	if (n > sizeof(mark) - 1 && !strcmp(out + n - (sizeof(mark) - 1), mark)) {
		out[n - (sizeof(mark) - 1)] = '\0';
		*deleted = true;
	}
	return 0;
}

static enum fd_cloexec proc_cloexec(uint32_t pid, int fd)
{
	char path[64], line[128];
	enum fd_cloexec cx = CLOEXEC_MAYBE;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%u/fdinfo/%d", pid, fd);
	fp = fopen(path, "re");
	if (!fp)
		return cx;
	while (fgets(line, sizeof(line), fp))
		if (!strncmp(line, "flags:", 6)) {
			cx = strtoul(line + 6, NULL, 8) & O_CLOEXEC ? CLOEXEC_YES : CLOEXEC_NO;
			break;
		}
	fclose(fp);
	return cx;
}

static void proc_fd(struct fd_proc *p, int fd)
{
	char what[32], path[PATH_MAX];
	bool deleted;
	int ret;

	snprintf(what, sizeof(what), "fd/%d", fd);
	ret = proc_link(p->pid, what, path, sizeof(path), &deleted);
	if (!ret)
		fdtab_set(p, fd, path, proc_cloexec(p->pid, fd), deleted);
	else if (ret == -ENOENT && !proc_exists((pid_t)p->pid, 0))
		p->gone = true;
}

static const struct fd_entry *lookup(struct fd_proc *p, int fd)
{
	const struct fd_entry *e = fdtab_get(p, fd);

	if (e && e->state == FD_UNKNOWN && !p->gone) {
		proc_fd(p, fd);
		e = fdtab_get(p, fd);
	}
	return e && e->state == FD_OPEN ? e : NULL;
}

const char *fdtrack_path(struct fdtrack *t, uint32_t pid, int fd, bool *deleted)
{
	struct fd_proc *p = fdtab_proc(&t->tab, pid);
	const struct fd_entry *e = p && fd >= 0 ? lookup(p, fd) : NULL;

	if (e && deleted)
		*deleted = e->deleted;
	return e ? e->path : NULL;
}

static const char *cwd_of(struct fd_proc *p)
{
	char path[PATH_MAX];
	bool deleted;

	if (!p->cwd && !p->gone && !proc_link(p->pid, "cwd", path, sizeof(path), &deleted))
		fdtab_set_cwd(p, path);
	return p->cwd;
}

void fdtrack_snapshot(struct fdtrack *t, uint32_t pid, bool before_exec)
{
	struct fd_proc *p;
	struct dirent *de;
	char path[64];
	DIR *dir;

	fdtab_drop(&t->tab, pid);
	p = fdtab_proc(&t->tab, pid);
	if (!p)
		return;
	cwd_of(p);
	snprintf(path, sizeof(path), "/proc/%u/fd", pid);
	dir = opendir(path);
	if (!dir)
		return;
	/* what is not listed is not open */
	fdtab_close_range(p, 0, ~0u, false);
	while ((de = readdir(dir))) {
		char *end;
		long fd = strtol(de->d_name, &end, 10);

		if (*end || fd < 0 || fd >= FDTAB_MAX_FD)
			continue;
		proc_fd(p, (int)fd);
		if (before_exec && fdtab_get(p, (int)fd)->cloexec != CLOEXEC_NO)
			fdtab_close(p, (int)fd);
	}
	closedir(dir);
}

void fdtrack_fork(struct fdtrack *t, uint32_t parent, uint32_t child)
{
	struct fd_proc *p = fdtab_proc(&t->tab, parent);

	/* the parent is alive now; a short-lived child may not be when its
	 * AT_FDCWD is printed */
	if (p)
		cwd_of(p);
	fdtab_fork(&t->tab, parent, child);
}

void fdtrack_exit(struct fdtrack *t, uint32_t pid)
{
	fdtab_drop(&t->tab, pid);
}

/* --- what a call made ------------------------------------------------ */

static bool returned_ok(const struct call *c)
{
	return c->entered && c->returned && c->ret >= 0;
}

static enum fd_cloexec cloexec_of(const struct sc_fd *r, const struct call *c)
{
	switch (r->cx) {
	case CX_ALWAYS:
		return CLOEXEC_YES;
	case CX_FLAG:
		return c->args[r->flags] & r->bit ? CLOEXEC_YES : CLOEXEC_NO;
	case CX_UNSEEN:
		return CLOEXEC_MAYBE;
	default:
		return CLOEXEC_NO;
	}
}

/* The string argument i copied at the call, or NULL. */
static const char *captured(const struct call *c, int i)
{
	const struct lt_cap *cap = capture_find(c->cap_enter, i);

	if (!cap || cap->flags & LT_CAPF_FAULT)
		cap = capture_find(c->cap_exit, i);
	if (!cap || cap->flags & LT_CAPF_FAULT || !cap->len ||
	    memchr(capture_bytes(cap), '\0', cap->len) == NULL)
		return NULL;
	return (const char *)capture_bytes(cap);
}

/* The absolute path of string argument i, relative to directory fd dir
 * (-1 or AT_FDCWD: the working directory), as text: no symlinks resolved. */
static int arg_path(struct fd_proc *p, const struct call *c, int i, int dir, char *out,
		    size_t len)
{
	const char *rel = captured(c, i), *base = NULL;

	if (!rel)
		return -ENOENT;
	if (rel[0] != '/') {
		int dfd = dir < 0 ? AT_FDCWD : (int)c->args[dir];
		const struct fd_entry *e = dfd == AT_FDCWD ? NULL : lookup(p, dfd);

		base = dfd == AT_FDCWD ? cwd_of(p) : e ? e->path : NULL;
		if (!base)
			return -ENOENT;
	}
	return fdpath_join(out, len, base, rel);
}

static void set_result(struct fdtrack *t, int fd, const char *path, bool deleted)
{
	int i = t->nres;

	if (i >= 2 || !path)
		return;
	t->res_path[i] = strdup(path);
	if (!t->res_path[i])
		return;
	t->res_fd[i] = fd;
	t->res_deleted[i] = deleted;
	t->nres++;
}

/* The descriptor fd as the process has it now, when it is the object a
 * call just made and not one that has replaced it since: same file as
 * expect when given, else any. */
static bool result_from_proc(struct fdtrack *t, uint32_t pid, int fd, const char *expect)
{
	char what[32], path[PATH_MAX];
	struct stat now, want;
	bool deleted;

	snprintf(what, sizeof(what), "/proc/%u/fd/%d", pid, fd);
	if (expect && (stat(what, &now) || stat(expect, &want) || now.st_dev != want.st_dev ||
		       now.st_ino != want.st_ino))
		return false;
	snprintf(what, sizeof(what), "fd/%d", fd);
	if (proc_link(pid, what, path, sizeof(path), &deleted))
		return false;
	set_result(t, fd, path, deleted);
	return true;
}

/* Pipes and sockets, by the inode the program read at the call. */
static bool result_from_inode(struct fdtrack *t, const struct sc_fd *r, const struct call *c,
			      int i, int fd)
{
	const struct lt_cap *cap = capture_find(c->cap_exit, LT_CAP_ARG_NEWFD);
	uint64_t ino[2];
	char name[64];

	if (!r->ino || !cap || cap->kind != LT_CAP_INODES || cap->len < sizeof(ino))
		return false;
	memcpy(ino, capture_bytes(cap), sizeof(ino));
	if (!ino[i])
		return false;
	snprintf(name, sizeof(name), "%s:[%llu]", r->ino, (unsigned long long)ino[i]);
	set_result(t, fd, name, false);
	return true;
}

static void prepare_open(struct fdtrack *t, struct fd_proc *p, const struct sc_fd *r,
			 const struct call *c)
{
	char joined[PATH_MAX], real[PATH_MAX];
	int fd = (int)c->ret;

	if (arg_path(p, c, r->arg, r->dir, joined, sizeof(joined))) {
		/* no copy of the path (--no-bpf): what /proc says now */
		result_from_proc(t, p->pid, fd, NULL);
		return;
	}
	/* strace shows the path with symlinks resolved, as /proc has it; when
	 * the descriptor is still the file the path names, take /proc's
	 * words, else resolve the path here, else the path as given */
	if (result_from_proc(t, p->pid, fd, joined))
		return;
	set_result(t, fd, realpath(joined, real) ? real : joined, false);
}

void fdtrack_prepare(struct fdtrack *t, const struct call *c)
{
	const struct sc_fd *r = effect_of(c->nr);
	struct fd_proc *p;
	const struct fd_entry *e;
	const struct lt_cap *cap;
	int fd = (int)c->ret;

	drop_result(t);
	t->cur = c;
	if (!r || !returned_ok(c) || !(p = fdtab_proc(&t->tab, c->task->pid)))
		return;
	switch (r->fx) {
	case FX_OPEN:
		prepare_open(t, p, r, c);
		break;
	case FX_NEWFD:
		if (r->anon)
			set_result(t, fd, r->anon, false);
		else if (!result_from_inode(t, r, c, 0, fd))
			result_from_proc(t, p->pid, fd, NULL);
		break;
	case FX_MEMFD: {
		const char *name = captured(c, r->arg);

		if (name) {
			snprintf(t->text, sizeof(t->text), "/memfd:%s", name);
			set_result(t, fd, t->text, true);
		} else {
			result_from_proc(t, p->pid, fd, NULL);
		}
		break;
	}
	case FX_PAIR:
		cap = capture_find(c->cap_exit, r->arg);
		if (cap && !(cap->flags & LT_CAPF_FAULT) && cap->len >= 2 * sizeof(int)) {
			int fds[2];

			memcpy(fds, capture_bytes(cap), sizeof(fds));
			for (int i = 0; i < 2; i++)
				if (!result_from_inode(t, r, c, i, fds[i]))
					result_from_proc(t, p->pid, fds[i], NULL);
		}
		break;
	case FX_DUP:
		e = lookup(p, (int)c->args[r->arg]);
		if (e)
			set_result(t, fd, e->path, e->deleted);
		break;
	case FX_FCNTL:
		if ((int)c->args[1] == F_DUPFD || (int)c->args[1] == F_DUPFD_CLOEXEC) {
			e = lookup(p, (int)c->args[0]);
			if (e)
				set_result(t, fd, e->path, e->deleted);
		}
		break;
	default:
		break;
	}
}

/* --- rewriting the decoded call ------------------------------------ */

/* "3</etc/hostname>", "3<TCP:[...]>" (-yy) or "AT_FDCWD</tmp>" into
 * t->text; the bare number when --decode-fds shows nothing for it. */
static const char *fd_text(struct fdtrack *t, uint32_t pid, int fd, const char *num,
			   const char *path, bool deleted)
{
	char detail[512];
	const char *shown = t->decode & DECODE_FD_PATH ? path : NULL;
	bool raw = false;
	size_t n;

	if (t->names && fd >= 0)
		shown = fdname_text(t->names, pid, fd, path, detail, sizeof(detail), &raw);
	n = (size_t)snprintf(t->text, sizeof(t->text), "%s", num);
	if (!shown)
		return t->text;
	n += (size_t)snprintf(t->text + n, sizeof(t->text) - n, "<");
	if (raw)
		n += (size_t)snprintf(t->text + n, sizeof(t->text) - n - 16, "%s", shown);
	else
		n += fdpath_quote(t->text + n, sizeof(t->text) - n - 16, shown);
	snprintf(t->text + n, sizeof(t->text) - n, ">%s", deleted && !raw ? "(deleted)" : "");
	return t->text;
}

static const char *num_text(char *buf, size_t len, int fd)
{
	snprintf(buf, len, "%d", fd);
	return buf;
}

static void annotate_arg(struct fdtrack *t, struct fd_proc *p, struct dcall *d, struct darg *a)
{
	int fd = (int)(int32_t)a->value;
	const struct fd_entry *e;
	char num[16];

	if (a->kind == DARG_SYM && fd == AT_FDCWD && !strcmp(a->text, "AT_FDCWD")) {
		if (cwd_of(p))
			decode_sym(d, a, fd_text(t, p->pid, -1, "AT_FDCWD", p->cwd, false));
		return;
	}
	if ((a->kind != DARG_INT && a->kind != DARG_UINT) || fd < 0)
		return;
	e = lookup(p, fd);
	if (e)
		decode_sym(d, a, fd_text(t, p->pid, fd, num_text(num, sizeof(num), fd), e->path,
					 e->deleted));
}

/* A result of the call: what prepare found, else (dup2 onto itself,
 * signalfd on an existing one) the table. */
static bool result_of(struct fdtrack *t, int fd, const char **path, bool *deleted)
{
	for (int i = 0; i < t->nres; i++)
		if (t->res_fd[i] == fd) {
			*path = t->res_path[i];
			*deleted = t->res_deleted[i];
			return true;
		}
	return false;
}

static void annotate_pair(struct fdtrack *t, uint32_t pid, struct dcall *d, int arg)
{
	const char *path[2];
	bool deleted[2];
	char num[16], text[TEXT_MAX * 2 + 8];

	if (t->nres != 2 || arg >= d->nargs || d->arg[arg].kind != DARG_SYM)
		return;
	for (int i = 0; i < 2; i++)
		if (!result_of(t, t->res_fd[i], &path[i], &deleted[i]))
			return;
	snprintf(text, sizeof(text), "[%s, ",
		 fd_text(t, pid, t->res_fd[0], num_text(num, sizeof(num), t->res_fd[0]), path[0],
			 deleted[0]));
	snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s]",
		 fd_text(t, pid, t->res_fd[1], num_text(num, sizeof(num), t->res_fd[1]), path[1],
			 deleted[1]));
	decode_sym(d, &d->arg[arg], text);
}

void fdtrack_annotate(struct fdtrack *t, const struct call *c, struct dcall *d)
{
	const struct sc_fd *r = effect_of(c->nr);
	struct fd_proc *p = fdtab_proc(&t->tab, c->task->pid);
	const char *path;
	bool deleted;
	char num[16];

	if (!p)
		return;
	for (int i = 0; i < d->nargs; i++)
		if (d->arg[i].fd && !d->arg[i].hidden)
			annotate_arg(t, p, d, &d->arg[i]);
	if (t->cur != c || !r || d->ret_kind != DRET_INT)
		return;
	if (r->fx == FX_PAIR)
		annotate_pair(t, p->pid, d, r->arg);
	else if (result_of(t, (int)c->ret, &path, &deleted)) {
		/* only pidfd_open makes one: its argument is the process */
		if (!strcmp(path, "anon_inode:[pidfd]"))
			fdname_pidfd(t->names, p->pid, (int)c->ret, (long)(int32_t)c->args[0]);
		decode_ret_text(d, fd_text(t, p->pid, (int)c->ret,
					   num_text(num, sizeof(num), (int)c->ret), path, deleted));
	}
}

/* --- the call's effect ------------------------------------------------ */

static void apply_path_change(struct fdtrack *t, struct fd_proc *p, const struct sc_fd *r,
			      const struct call *c)
{
	char from[PATH_MAX], to[PATH_MAX];

	if (arg_path(p, c, r->arg, r->dir, from, sizeof(from)))
		return;
	if (r->fx == FX_UNLINK) {
		fdtab_unlinked(&t->tab, from);
		return;
	}
	if (!arg_path(p, c, r->arg2, r->dir2, to, sizeof(to)))
		fdtab_renamed(&t->tab, from, to);
}

/* The descriptors a successful call made: its result, or a pipe's two. */
static int made_fds(const struct sc_fd *r, const struct call *c, int fds[2])
{
	const struct lt_cap *cap;

	if (r->fx != FX_PAIR) {
		fds[0] = (int)c->ret;
		return 1;
	}
	cap = capture_find(c->cap_exit, r->arg);
	if (!cap || cap->flags & LT_CAPF_FAULT || cap->len < 2 * sizeof(int))
		return 0;
	memcpy(fds, capture_bytes(cap), 2 * sizeof(int));
	return 2;
}

static void apply_new(struct fdtrack *t, struct fd_proc *p, const struct sc_fd *r,
		      const struct call *c)
{
	int fds[2], n = made_fds(r, c, fds);
	const char *path;
	bool deleted;

	for (int i = 0; i < n; i++) {
		if (t->cur == c && result_of(t, fds[i], &path, &deleted))
			fdtab_set(p, fds[i], path, cloexec_of(r, c), deleted);
		else
			fdtab_forget(p, fds[i]);	/* /proc may know it later */
	}
}

static void apply_chdir(struct fd_proc *p, const struct sc_fd *r, const struct call *c)
{
	char path[PATH_MAX], real[PATH_MAX];
	const struct fd_entry *e;

	if (r->fx == FX_FCHDIR) {
		e = lookup(p, (int)c->args[r->arg]);
		fdtab_set_cwd(p, e ? e->path : NULL);
	} else if (!arg_path(p, c, r->arg, -1, path, sizeof(path))) {
		fdtab_set_cwd(p, realpath(path, real) ? real : path);
	} else {
		fdtab_set_cwd(p, NULL);
	}
}

void fdtrack_apply(struct fdtrack *t, const struct call *c)
{
	const struct sc_fd *r = effect_of(c->nr);
	struct fd_proc *p;
	int fd, cmd;

	if (!r || !c->entered || !c->returned || !(p = fdtab_proc(&t->tab, c->task->pid)))
		goto out;
	fd = r->arg >= 0 ? (int)c->args[r->arg] : -1;
	cmd = (int)c->args[1];
	/* close releases the descriptor whatever it returns, but EBADF */
	if (r->fx == FX_CLOSE) {
		if (c->ret != -EBADF)
			fdtab_close(p, fd);
		goto out;
	}
	if (c->ret < 0)
		goto out;
	switch (r->fx) {
	case FX_OPEN:
	case FX_NEWFD:
	case FX_MEMFD:
	case FX_PAIR:
	case FX_DUP:
		apply_new(t, p, r, c);
		break;
	case FX_FCNTL:
		if (cmd == F_SETFD)
			fdtab_set_cloexec(p, fd, c->args[2] & FD_CLOEXEC);
		else if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
			fdtab_dup(p, fd, (int)c->ret, cmd == F_DUPFD_CLOEXEC ? CLOEXEC_YES : CLOEXEC_NO);
		break;
	case FX_IOCTL:
		if ((unsigned)cmd == FIOCLEX || (unsigned)cmd == FIONCLEX)
			fdtab_set_cloexec(p, fd, (unsigned)cmd == FIOCLEX);
		break;
	case FX_CLOSE_RANGE:
		fdtab_close_range(p, (unsigned)c->args[0], (unsigned)c->args[1],
				  c->args[2] & CLOSE_RANGE_CLOEXEC);
		break;
	case FX_CHDIR:
	case FX_FCHDIR:
		apply_chdir(p, r, c);
		break;
	case FX_EXEC:
		fdtab_exec(p);
		break;
	case FX_UNLINK:
	case FX_RENAME:
		apply_path_change(t, p, r, c);
		break;
	default:
		break;
	}
out:
	drop_result(t);
}
