#include "usdt/probes.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/strdist.h"

/* A path escaped (4 bytes at most for one): an object mapped by another
 * user's process may be named to drive the terminal. */
#define SHOWN_PATH (4 * PATH_MAX + 3)

/* more than any loader lists: a runaway one is cut there */
#define LISTING_MAX (4u << 20)

/* Files mapped executable by pid, once each, from /proc/PID/maps: -ENOENT
 * when there is no such process, -EACCES when it is not ours to read. */
static int mapped_objects(pid_t pid, char ***out, int *n)
{
	char path[64], line[4096];
	FILE *fp;

	*out = NULL;
	*n = 0;
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	fp = fopen(path, "re");
	if (!fp)
		return -errno;
	/* another user's maps open fine and then fail to read */
	if (!fgets(line, sizeof(line), fp) && ferror(fp)) {
		int e = errno;

		fclose(fp);
		return -e;
	}
	rewind(fp);
	while (fgets(line, sizeof(line), fp)) {
		char perms[8], *file = NULL, **grown;
		bool seen = false;
		int off = 0;

		if (sscanf(line, "%*s %7s %*s %*s %*s %n", perms, &off) < 1 || !off)
			continue;
		file = line + off;
		file[strcspn(file, "\n")] = '\0';
		if (perms[2] != 'x' || file[0] != '/')
			continue;
		for (int i = 0; i < *n; i++)
			seen |= !strcmp((*out)[i], file);
		if (seen)
			continue;
		grown = realloc(*out, (*n + 1) * sizeof(*grown));
		if (!grown)
			break;
		*out = grown;
		(*out)[(*n)++] = strdup(file);
	}
	fclose(fp);
	return 0;
}

static int add_string(char ***v, int *n, const char *s)
{
	char **grown = realloc(*v, (*n + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	*v = grown;
	(*v)[*n] = strdup(s);
	if (!(*v)[*n])
		return -ENOMEM;
	(*n)++;
	return 0;
}

/* The program interpreter (PT_INTERP) of an ELF file, or "" if static. */
static int interpreter(const char *path, char *out, size_t len)
{
	char ignored[256];
	int fd = usdt_open(path, ignored, sizeof(ignored)), ret = -ENOENT;
	size_t nphdr;
	Elf *elf;

	out[0] = '\0';
	if (fd < 0)
		return fd;
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (elf && !elf_getphdrnum(elf, &nphdr)) {
		ret = 0;
		for (size_t i = 0; i < nphdr; i++) {
			GElf_Phdr ph;
			size_t size;
			const char *image = elf_rawfile(elf, &size);

			if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_INTERP)
				continue;
			if (image && ph.p_offset + ph.p_filesz <= size && ph.p_filesz < len)
				snprintf(out, len, "%.*s", (int)ph.p_filesz, image + ph.p_offset);
			break;
		}
	}
	elf_end(elf);
	close(fd);
	return ret;
}

/* The loader's "--list" output, whole: it may wait forever (a DT_NEEDED
 * that resolves to a FIFO), so stop_fd turning readable (lotrace's
 * signalfd: Ctrl-C) kills it and gives -EINTR. */
static int read_listing(int fd, pid_t pid, int stop_fd, char **text)
{
	size_t len = 0, cap = 0;
	int ret = 0;

	*text = NULL;
	for (;;) {
		struct pollfd pfd[2] = { { fd, POLLIN, 0 }, { stop_fd, POLLIN, 0 } };
		char *grown;
		ssize_t n;

		if (poll(pfd, stop_fd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (pfd[1].revents) {
			ret = -EINTR;
			break;
		}
		if (cap - len < 4097) {
			cap = cap ? 2 * cap : 8192;
			grown = cap <= LISTING_MAX ? realloc(*text, cap) : NULL;
			if (!grown) {
				ret = -ENOMEM;
				break;
			}
			*text = grown;
		}
		n = read(fd, *text + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (ret)
		kill(pid, SIGKILL);
	if (*text)
		(*text)[len] = '\0';
	return ret;
}

/* The shared libraries a started command will map, before it runs: the
 * dynamic loader's own list (ld.so --list, what ldd shows), which follows
 * DT_NEEDED, RUNPATH, LD_LIBRARY_PATH and the loader's cache. A DT_NEEDED
 * with a slash (gcc main.c ./libfoo.so) is a path the loader opens from the
 * command's working directory, which is lotrace's: it lists it as written,
 * "\t./libfoo.so (0x...)", and it is made absolute here. */
static int linked_objects(const char *binary, int stop_fd, char ***out, int *n)
{
	char interp[256], *text = NULL, *line, *save = NULL;
	char *argv[] = { interp, "--list", (char *)binary, NULL };
	extern char **environ;
	posix_spawn_file_actions_t fa;
	int pipefd[2], status, ret;
	pid_t pid;

	if (interpreter(binary, interp, sizeof(interp)) || !interp[0] || pipe2(pipefd, O_CLOEXEC))
		return 0;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	status = posix_spawn(&pid, interp, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (status) {
		close(pipefd[0]);
		return 0;
	}
	ret = read_listing(pipefd[0], pid, stop_fd, &text);
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	/* "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or
	 * "\t/lib64/ld-linux-x86-64.so.2 (0x...)" */
	for (line = ret || !text ? NULL : strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *arrow = strstr(line, "=> "), *path = arrow ? arrow + 3 : line, abs[PATH_MAX];

		path += strspn(path, " \t");
		path[strcspn(path, " ")] = '\0';
		if (path[0] == '/')
			add_string(out, n, path);
		else if (strchr(path, '/') && realpath(path, abs))
			add_string(out, n, abs);
	}
	free(text);
	return ret == -EINTR ? ret : 0;
}

static void free_strings(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static struct usdt_file *load(struct probes *ps, const char *path, char *err, size_t errlen)
{
	struct usdt_file **grown, *f;

	for (int i = 0; i < ps->nfiles; i++)
		if (!strcmp(ps->files[i]->path, path))
			return ps->files[i];
	grown = realloc(ps->files, (ps->nfiles + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	ps->files = grown;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	if (usdt_read(path, f, err, errlen)) {
		free(f);
		return NULL;
	}
	ps->files[ps->nfiles++] = f;
	return f;
}

/* The arguments a probe prints as strings: its char * arguments (from the
 * SDK's type records), and those -u NAME/sN names whatever their type. */
static unsigned string_args(const struct usdt_probe *p, unsigned strs)
{
	unsigned mask = strs;

	for (int i = 0; i < p->nargs; i++)
		if (p->args[i].type == USDT_TYPE_STRING)
			mask |= 1u << i;
	return mask & ((1u << p->nargs) - 1);
}

static int select_probe(struct probes *ps, const struct usdt_file *f, const struct usdt_probe *p,
			unsigned strs)
{
	struct probe_ref *grown, *r = NULL;

	for (int i = 0; i < ps->nsel; i++)
		if (ps->sel[i].probe == p)
			r = &ps->sel[i];
	if (!r) {
		grown = realloc(ps->sel, (ps->nsel + 1) * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		ps->sel = grown;
		r = &ps->sel[ps->nsel++];
		*r = (struct probe_ref){ .file = f, .probe = p };
	}
	r->str_mask |= string_args(p, strs);
	return 0;
}

/* NAME/sN[,N...]: bit N set for each argument to print as a string. */
static int parse_strings(char *name, unsigned *strs)
{
	char *slash = strchr(name, '/'), *tok, *save = NULL;

	*strs = 0;
	if (!slash)
		return 0;
	*slash = '\0';
	if (slash[1] != 's')
		return -EINVAL;
	for (tok = strtok_r(slash + 2, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *end;
		long v = strtol(tok, &end, 10);

		if (*end || end == tok || v < 0 || v >= USDT_MAX_ARGS)
			return -EINVAL;
		*strs |= 1u << v;
	}
	return *strs ? 0 : -EINVAL;
}

/* "[PATH:]PROVIDER:NAME": the last two fields are the probe. */
static int split_spec(char *spec, char **path, char **provider, char **name)
{
	char *last = strrchr(spec, ':'), *prev;

	if (!last)
		return -EINVAL;
	*last = '\0';
	*name = last + 1;
	prev = strrchr(spec, ':');
	if (prev) {
		*prev = '\0';
		*provider = prev + 1;
		*path = spec;
	} else {
		*provider = spec;
		*path = NULL;
	}
	return **provider && **name ? 0 : -EINVAL;
}

static void nearest(const struct probes *ps, const char *want, char *buf, size_t len)
{
	size_t best = (size_t)-1;

	buf[0] = '\0';
	for (int i = 0; i < ps->nfiles; i++)
		for (int j = 0; j < ps->files[i]->nprobes; j++) {
			const struct usdt_probe *p = &ps->files[i]->probes[j];
			char full[512];
			size_t d;

			snprintf(full, sizeof(full), "%s:%s", p->provider, p->name);
			d = strdist(want, full);
			if (d < best) {
				char shown[512];

				best = d;
				snprintf(buf, len, "%s", usdt_shown(full, shown, sizeof(shown)));
			}
		}
}

/* Select the probes of f that match, but those whose note lotrace cannot
 * use (counted in bad; the first kept in why). The number selected. */
static int select_in(struct probes *ps, const struct usdt_file *f, const char *provider,
		     const char *name, unsigned strs, int *bad, char *why, size_t whylen)
{
	int n = 0;

	for (int j = 0; j < f->nprobes; j++) {
		const struct usdt_probe *p = &f->probes[j];
		char sp[256], sn[256], spath[SHOWN_PATH];

		if (!usdt_match(provider, name, p))
			continue;
		if (p->bad) {
			if (!(*bad)++)
				snprintf(why, whylen, "USDT probe %s:%s in %s: %s",
					 usdt_shown(p->provider, sp, sizeof(sp)),
					 usdt_shown(p->name, sn, sizeof(sn)),
					 usdt_shown(f->path, spath, sizeof(spath)), p->bad);
			continue;
		}
		if (select_probe(ps, f, p, strs))
			return -ENOMEM;
		n++;
	}
	return n;
}

/* Probes matched but left out, said while the others are traced. */
static void say_bad(const struct probes *ps, const char *provider, const char *name)
{
	for (int i = 0; i < ps->nfiles; i++)
		for (int j = 0; j < ps->files[i]->nprobes; j++) {
			const struct usdt_probe *p = &ps->files[i]->probes[j];
			char sp[256], sn[256], spath[SHOWN_PATH];

			if (p->bad && usdt_match(provider, name, p))
				fprintf(stderr, "lotrace: USDT probe %s:%s in %s: %s; not traced\n",
					usdt_shown(p->provider, sp, sizeof(sp)),
					usdt_shown(p->name, sn, sizeof(sn)),
					usdt_shown(ps->files[i]->path, spath, sizeof(spath)), p->bad);
		}
}

/* One -u spec against its PATH, or the command's binary and the objects. */
static int resolve_spec(struct probes *ps, const char *spec, const char *binary,
			char **objects, int nobjects, char *err, size_t errlen)
{
	char *copy = strdup(spec), *path, *provider, *name, near[512], want[512], why[512];
	int selected = 0, bad = 0, ret = 0;
	unsigned strs;

	if (!copy || split_spec(copy, &path, &provider, &name) || parse_strings(name, &strs)) {
		snprintf(err, errlen, "-u '%s': expected [PATH:]PROVIDER:NAME[/sN[,N...]]", spec);
		free(copy);
		return -EINVAL;
	}
	if (!path && !binary && !nobjects) {
		snprintf(err, errlen, "-u '%s': name the object, as PATH:%s:%s", spec, provider,
			 name);
		free(copy);
		return -EINVAL;
	}
	for (int o = -1; !ret && o < (path ? 0 : nobjects); o++) {
		const char *obj = path ? path : o < 0 ? binary : objects[o];
		struct usdt_file *f;

		if (!obj)
			continue;
		f = load(ps, obj, err, errlen);
		if (!f) {
			if (path || o < 0)	/* named by the user: say it */
				ret = -ENOENT;
			continue;
		}
		ret = select_in(ps, f, provider, name, strs, &bad, why, sizeof(why));
		selected += ret > 0 ? ret : 0;
		ret = ret < 0 ? ret : 0;
	}
	if (!ret && !selected) {
		snprintf(want, sizeof(want), "%s:%s", provider, name);
		nearest(ps, want, near, sizeof(near));
		if (bad)
			snprintf(err, errlen, "%s", why);
		else if (near[0])
			snprintf(err, errlen, "no USDT probe matches '%s' (did you mean '%s'?)", spec,
				 near);
		else
			snprintf(err, errlen, "no USDT probe matches '%s': %s has no USDT probes", spec,
				 path ? path : binary ? binary : "no object mapped");
		ret = -ENOENT;
	} else if (!ret && bad) {
		say_bad(ps, provider, name);
	}
	free(copy);
	return ret;
}

int probes_resolve(struct probes *ps, char **specs, int nspecs, const char *binary,
		   const pid_t *pids, int npids, int stop_fd, char *err, size_t errlen)
{
	char **objects = NULL;
	int nobjects = 0, ret = 0;

	memset(ps, 0, sizeof(*ps));
	/* a command not started yet maps what its loader will load */
	if (binary && !npids)
		ret = linked_objects(binary, stop_fd, &objects, &nobjects);
	for (int i = 0; i < npids; i++) {
		char **more;
		int n;

		if (mapped_objects(pids[i], &more, &n))
			continue;
		for (int j = 0; j < n; j++) {
			char **grown = realloc(objects, (nobjects + 1) * sizeof(*grown));

			if (!grown) {
				free(more[j]);
				continue;
			}
			objects = grown;
			objects[nobjects++] = more[j];
		}
		free(more);
	}
	for (int s = 0; s < nspecs && !ret; s++)
		ret = resolve_spec(ps, specs[s], binary, objects, nobjects, err, errlen);
	free_strings(objects, nobjects);
	return ret;
}

void probes_free(struct probes *ps)
{
	for (int i = 0; i < ps->nfiles; i++) {
		usdt_file_free(ps->files[i]);
		free(ps->files[i]);
	}
	free(ps->files);
	free(ps->sel);
	memset(ps, 0, sizeof(*ps));
}

/* "(int32_t,char*)" after the probe's name when the SDK recorded its
 * types: no spaces, so the line keeps its fields. */
static void list_types(FILE *out, const struct usdt_probe *p)
{
	if (!p->typed)
		return;
	fputc('(', out);
	for (int i = 0; i < p->nargs; i++)
		fprintf(out, "%s%s", i ? "," : "", usdt_type_name(&p->args[i]));
	fputc(')', out);
}

static void list_file(FILE *out, const struct usdt_file *f)
{
	char spath[SHOWN_PATH];
	const char *path = usdt_shown(f->path, spath, sizeof(spath));

	for (int i = 0; i < f->nprobes; i++) {
		const struct usdt_probe *p = &f->probes[i];
		char sp[256], sn[256], sa[1024];

		/* names, specs and a mapped object's path come from the file or
		 * another process: never raw to a terminal */
		fprintf(out, "%s:%s", usdt_shown(p->provider, sp, sizeof(sp)),
			usdt_shown(p->name, sn, sizeof(sn)));
		list_types(out, p);
		/* addresses as readelf -n prints them */
		fprintf(out, " 0x%016" PRIx64 " 0x%016" PRIx64 "%s%s %s\n", p->pc, p->sema,
			p->args_text[0] ? " " : "", usdt_shown(p->args_text, sa, sizeof(sa)), path);
	}
}

int probes_list(FILE *out, const char *path, pid_t pid, char *err, size_t errlen)
{
	struct usdt_file f;
	char **objects;
	int n, ret;

	if (path) {
		ret = usdt_read(path, &f, err, errlen);
		if (ret)
			return ret;
		list_file(out, &f);
		usdt_file_free(&f);
		return 0;
	}
	ret = mapped_objects(pid, &objects, &n);
	if (ret == -EACCES || ret == -EPERM) {
		snprintf(err, errlen, "cannot read the mappings of process %d: permission denied",
			 (int)pid);
		return ret;
	}
	if (ret) {
		snprintf(err, errlen, "process %d does not exist", (int)pid);
		return -ESRCH;
	}
	for (int i = 0; i < n; i++) {
		char ignored[256];

		if (!usdt_read(objects[i], &f, ignored, sizeof(ignored))) {
			list_file(out, &f);
			usdt_file_free(&f);
		}
	}
	free_strings(objects, n);
	return 0;
}
