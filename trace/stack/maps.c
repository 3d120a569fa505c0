#include "stack/maps.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/strbuf.h"

int stack_maps_init(struct stack_maps *t, void (*priv_free)(void *priv))
{
	t->priv_free = priv_free;
	return idtab_init(&t->procs);
}

static void map_clear(struct stack_map *m)
{
	free(m->path);
	m->path = NULL;
}

static void proc_free(struct stack_maps *t, struct stack_proc *p)
{
	stack_maps_clear(p);
	free(p->map);
	if (p->priv && t->priv_free)
		t->priv_free(p->priv);
	free(p);
}

static void free_node(struct idtab_node *n, void *ctx)
{
	proc_free(ctx, idtab_entry(n, struct stack_proc, node));
}

void stack_maps_free(struct stack_maps *t)
{
	idtab_free(&t->procs, free_node, t);
}

struct stack_proc *stack_maps_find(const struct stack_maps *t, uint32_t pid)
{
	struct idtab_node *n = idtab_find(&t->procs, pid);

	return n ? idtab_entry(n, struct stack_proc, node) : NULL;
}

struct stack_proc *stack_maps_proc(struct stack_maps *t, uint32_t pid)
{
	struct stack_proc *p = stack_maps_find(t, pid);

	if (p)
		return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->gen = 1;
	p->node.id = pid;
	idtab_add(&t->procs, &p->node);
	return p;
}

void stack_maps_drop(struct stack_maps *t, uint32_t pid)
{
	struct idtab_node *n = idtab_remove(&t->procs, pid);

	if (n)
		proc_free(t, idtab_entry(n, struct stack_proc, node));
}

void stack_maps_clear(struct stack_proc *p)
{
	for (size_t i = 0; i < p->n; i++)
		map_clear(&p->map[i]);
	p->n = 0;
	p->gen++;
}

static int reserve(struct stack_proc *p, size_t more)
{
	if (p->n + more <= p->cap)
		return 0;
	size_t cap = p->cap ? p->cap * 2 : 32;

	while (cap < p->n + more)
		cap *= 2;
	struct stack_map *m = realloc(p->map, cap * sizeof(*m));

	if (!m)
		return -ENOMEM;
	p->map = m;
	p->cap = cap;
	return 0;
}

/* Index of the first mapping that ends above addr (n when none). */
static size_t first_above(const struct stack_proc *p, uint64_t addr)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->map[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct stack_map *stack_maps_lookup(const struct stack_proc *p, uint64_t addr)
{
	size_t i = first_above(p, addr);

	if (i < p->n && p->map[i].start <= addr)
		return &p->map[i];
	return NULL;
}

/* A copy of m's part from start on: the path duplicated, the offset moved. */
static int map_tail(struct stack_map *out, const struct stack_map *m, uint64_t start)
{
	*out = *m;
	out->start = start;
	out->resolved = false;
	if (m->path) {
		out->pgoff = m->pgoff + (start - m->start);
		out->path = strdup(m->path);
		if (!out->path)
			return -ENOMEM;
	}
	return 0;
}

/* Cut [start, end) out of the table; whether a file mapping was touched. */
static int cut(struct stack_proc *p, uint64_t start, uint64_t end, bool *file)
{
	size_t i = first_above(p, start);

	while (i < p->n && p->map[i].start < end) {
		struct stack_map *m = &p->map[i];

		*file |= m->path != NULL;
		if (m->start < start && m->end > end) {
			struct stack_map right;

			if (reserve(p, 1) || map_tail(&right, &p->map[i], end))
				return -ENOMEM;
			m = &p->map[i];
			m->end = start;
			memmove(m + 2, m + 1, (p->n - i - 1) * sizeof(*m));
			m[1] = right;
			p->n++;
			return 0;
		}
		if (m->start < start) {
			m->end = start;
			i++;
		} else if (m->end > end) {
			if (m->path)
				m->pgoff += end - m->start;
			m->start = end;
			return 0;
		} else {
			map_clear(m);
			memmove(m, m + 1, (p->n - i - 1) * sizeof(*m));
			p->n--;
		}
	}
	return 0;
}

int stack_maps_munmap(struct stack_proc *p, uint64_t start, uint64_t len)
{
	bool file = false;
	int err;

	if (!len || start + len < start)
		return -EINVAL;
	err = cut(p, start, start + len, &file);
	if (file)
		p->gen++;
	return err;
}

int stack_maps_mmap(struct stack_proc *p, uint64_t start, uint64_t len, uint64_t pgoff,
		    uint32_t prot, const char *path, const uint8_t *build_id,
		    size_t build_id_len)
{
	struct stack_map m = {
		.start = start, .end = start + len, .pgoff = pgoff, .prot = prot,
	};
	bool file = path != NULL;
	int err;

	if (!len || m.end < start || build_id_len > STACK_BUILD_ID_MAX)
		return -EINVAL;
	if (path) {
		m.path = strdup(path);
		if (!m.path)
			return -ENOMEM;
	}
	if (build_id_len) {
		memcpy(m.build_id, build_id, build_id_len);
		m.build_id_len = build_id_len;
	}
	err = cut(p, m.start, m.end, &file);
	if (!err)
		err = reserve(p, 1);
	if (err) {
		free(m.path);
		return err;
	}
	size_t i = first_above(p, m.start);

	memmove(&p->map[i + 1], &p->map[i], (p->n - i) * sizeof(m));
	p->map[i] = m;
	p->n++;
	if (file)
		p->gen++;
	return 0;
}

int stack_maps_fork(struct stack_maps *t, uint32_t parent, uint32_t child)
{
	struct stack_proc *pp = stack_maps_find(t, parent);
	struct stack_proc *c = stack_maps_proc(t, child);

	if (!c)
		return -ENOMEM;
	stack_maps_clear(c);
	if (!pp)
		return 0;
	if (reserve(c, pp->n))
		return -ENOMEM;
	for (size_t i = 0; i < pp->n; i++) {
		int err = map_tail(&c->map[c->n], &pp->map[i], pp->map[i].start);

		if (err)
			return err;
		c->n++;
	}
	return 0;
}

static uint32_t parse_prot(const char *perms)
{
	return (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
	       (perms[2] == 'x' ? PROT_EXEC : 0);
}

/* The path of a maps line: files, and the vdso, whose code (and CFI) is
 * the kernel's; "[heap]", "[stack]" and the like are anonymous memory. */
static const char *line_path(const char *rest)
{
	rest += strspn(rest, " ");
	if (rest[0] == '/' || !strcmp(rest, "[vdso]"))
		return rest;
	return NULL;
}

static int parse_line(struct stack_proc *p, char *line)
{
	uint64_t start, end, pgoff;
	char perms[5];
	int pos = 0;

	if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %4s %" SCNx64 " %*x:%*x %*u%n",
		   &start, &end, perms, &pgoff, &pos) != 4 || !pos || end <= start)
		return -EINVAL;
	return stack_maps_mmap(p, start, end - start, pgoff, parse_prot(perms),
			       line_path(line + pos), NULL, 0);
}

int stack_maps_parse(struct stack_proc *p, const char *text)
{
	char *copy = strdup(text), *save = NULL;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	stack_maps_clear(p);
	for (char *line = strtok_r(copy, "\n", &save); line && !err;
	     line = strtok_r(NULL, "\n", &save))
		err = parse_line(p, line);
	free(copy);
	return err;
}

int stack_maps_seed(struct stack_proc *p)
{
	struct strbuf text = STRBUF_INIT;
	char path[64];
	FILE *in;
	int err;

	snprintf(path, sizeof(path), "/proc/%" PRIu32 "/maps", p->pid);
	in = fopen(path, "re");
	if (!in)
		return errno == ENOENT ? -ESRCH : -errno;
	err = sb_read(&text, in);
	fclose(in);
	if (!err)
		err = stack_maps_parse(p, text.buf ? text.buf : "");
	sb_release(&text);
	return err;
}
