#include "usdt/probes.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/strdist.h"

/* Files mapped executable by pid, once each, from /proc/PID/maps. */
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
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = -ENOENT;
	size_t nphdr;
	Elf *elf;

	out[0] = '\0';
	if (fd < 0)
		return -errno;
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

/* The shared libraries a started command will map, before it runs: the
 * dynamic loader's own list (ld.so --list, what ldd shows), which follows
 * DT_NEEDED, RUNPATH, LD_LIBRARY_PATH and the loader's cache. */
static void linked_objects(const char *binary, char ***out, int *n)
{
	char interp[256], line[4096];
	char *argv[] = { interp, "--list", (char *)binary, NULL };
	extern char **environ;
	posix_spawn_file_actions_t fa;
	int pipefd[2], status;
	pid_t pid;
	FILE *fp;

	if (interpreter(binary, interp, sizeof(interp)) || !interp[0] || pipe2(pipefd, O_CLOEXEC))
		return;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	status = posix_spawn(&pid, interp, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (status) {
		close(pipefd[0]);
		return;
	}
	fp = fdopen(pipefd[0], "r");
	/* "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or
	 * "\t/lib64/ld-linux-x86-64.so.2 (0x...)" */
	while (fp && fgets(line, sizeof(line), fp)) {
		char *arrow = strstr(line, "=> "), *path = arrow ? arrow + 3 : line;

		path += strspn(path, " \t");
		if (path[0] != '/')
			continue;
		path[strcspn(path, " \n")] = '\0';
		add_string(out, n, path);
	}
	if (fp)
		fclose(fp);
	else
		close(pipefd[0]);
	waitpid(pid, &status, 0);
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

static int select_probe(struct probes *ps, const struct usdt_file *f, const struct usdt_probe *p,
			const int *strs)
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
		*r = (struct probe_ref){ .file = f, .probe = p, .str_arg = { -1, -1 } };
	}
	for (int s = 0; s < PROBE_STRS; s++)
		if (strs[s] >= 0 && strs[s] < p->nargs)
			r->str_arg[s] = strs[s];
	return 0;
}

/* NAME/sN[,N]: the arguments to print as strings (up to PROBE_STRS). */
static int parse_strings(char *name, int *strs)
{
	char *slash = strchr(name, '/'), *tok, *save = NULL;
	int n = 0;

	strs[0] = strs[1] = -1;
	if (!slash)
		return 0;
	*slash = '\0';
	if (slash[1] != 's')
		return -EINVAL;
	for (tok = strtok_r(slash + 2, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *end;
		long v = strtol(tok, &end, 10);

		if (*end || v < 0 || v >= USDT_MAX_ARGS || n == PROBE_STRS)
			return -EINVAL;
		strs[n++] = (int)v;
	}
	return n ? 0 : -EINVAL;
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
				best = d;
				snprintf(buf, len, "%s", full);
			}
		}
}

int probes_resolve(struct probes *ps, char **specs, int nspecs, const char *binary,
		   const pid_t *pids, int npids, char *err, size_t errlen)
{
	char **objects = NULL;
	int nobjects = 0, ret = 0;

	memset(ps, 0, sizeof(*ps));
	/* a command not started yet maps what its loader will load */
	if (binary && !npids)
		linked_objects(binary, &objects, &nobjects);
	for (int i = 0; i < npids && !ret; i++) {
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
	for (int s = 0; s < nspecs && !ret; s++) {
		char *copy = strdup(specs[s]), *path, *provider, *name, near[512];
		int before = ps->nsel, strs[PROBE_STRS];

		if (!copy || split_spec(copy, &path, &provider, &name) || parse_strings(name, strs)) {
			snprintf(err, errlen,
				 "-u '%s': expected [PATH:]PROVIDER:NAME[/sN[,N]] (at most %d string arguments)",
				 specs[s], PROBE_STRS);
			ret = -EINVAL;
			free(copy);
			break;
		}
		if (!path && !binary && !nobjects) {
			snprintf(err, errlen, "-u '%s': name the object, as PATH:%s:%s", specs[s],
				 provider, name);
			ret = -EINVAL;
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
			for (int j = 0; j < f->nprobes && !ret; j++)
				if (usdt_match(provider, name, &f->probes[j]))
					ret = select_probe(ps, f, &f->probes[j], strs);
		}
		if (!ret && ps->nsel == before) {
			char want[512];

			snprintf(want, sizeof(want), "%s:%s", provider, name);
			nearest(ps, want, near, sizeof(near));
			if (near[0])
				snprintf(err, errlen, "no USDT probe matches '%s' (did you mean '%s'?)",
					 specs[s], near);
			else
				snprintf(err, errlen, "no USDT probe matches '%s': %s has no USDT probes",
					 specs[s], path ? path : binary ? binary : "no object mapped");
			ret = -ENOENT;
		}
		free(copy);
	}
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

static void list_file(FILE *out, const struct usdt_file *f)
{
	for (int i = 0; i < f->nprobes; i++) {
		const struct usdt_probe *p = &f->probes[i];

		/* addresses as readelf -n prints them */
		fprintf(out, "%s:%s 0x%016" PRIx64 " 0x%016" PRIx64 "%s%s %s\n", p->provider,
			p->name, p->pc, p->sema, p->args_text[0] ? " " : "", p->args_text, f->path);
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
