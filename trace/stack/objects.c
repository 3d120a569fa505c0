#include "stack/objects.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dwarf.h>
#include <elfutils/libdwelf.h>

#define NBUCKET 64

/* The main file is always reported with its Elf already open; libdw asks
 * find_elf only for files it has to find itself, which lotrace never lets
 * it do. */
static int no_find_elf(Dwfl_Module *mod, void **userdata, const char *modname,
		       Dwarf_Addr base, char **file_name, Elf **elfp)
{
	(void)mod, (void)userdata, (void)modname, (void)base, (void)file_name, (void)elfp;
	return -1;
}

/* A mapping's path names what was mapped then: the file may have been
 * swapped since for a FIFO, whose open(2) would wait for a writer with
 * lotrace's signals blocked, or for a device, whose open can act. Only a
 * regular file is opened (stat first; O_NONBLOCK and fstat for a swap in
 * between). */
static int open_regular(const char *path)
{
	struct stat st;
	int fd;

	if (!stat(path, &st) && !S_ISREG(st.st_mode))
		return -ENOEXEC;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -ENOEXEC;
	}
	return fd;
}

/* The CRC-32 (zlib's) that .gnu_debuglink carries of its file. */
static bool crc_matches(int fd, GElf_Word want)
{
	unsigned char buf[65536];
	uint32_t crc = 0xffffffff;
	ssize_t n;
	off_t off = 0;

	while ((n = pread(fd, buf, sizeof(buf), off)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			crc ^= buf[i];
			for (int k = 0; k < 8; k++)
				crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
		}
		off += n;
	}
	return !n && ~crc == want;
}

/* A debug file belongs to mod when their build-ids match, or, for a file
 * without one, when the debuglink's CRC does (as libdw validates). */
static bool debug_file_matches(Dwfl_Module *mod, int fd, GElf_Word crc)
{
	const unsigned char *want;
	const void *have;
	GElf_Addr vaddr;
	int want_len = dwfl_module_build_id(mod, &want, &vaddr);
	ssize_t have_len;
	bool same;
	Elf *elf;

	if (want_len <= 0)
		return crc_matches(fd, crc);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	have_len = elf ? dwelf_elf_gnu_build_id(elf, &have) : -1;
	same = have_len == want_len && !memcmp(have, want, want_len);
	elf_end(elf);
	return same;
}

/* Where libdw's standard search finds .gnu_debuglink's file by name, those
 * beside the object (DIR/NAME, DIR/.debug/NAME) are in a directory of the
 * object's owner, who may have put a FIFO there: libdw's open(2) would
 * wait on it, with lotrace's signals blocked. lotrace opens those two
 * itself; the rest of the search is libdw's, under /usr/lib/debug, which
 * only root writes. */
static char trusted_debug_dir[] = "/usr/lib/debug";
static char *trusted_debug_path = trusted_debug_dir;

static int find_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
			  Dwarf_Addr base, const char *file_name, const char *debuglink,
			  GElf_Word crc, char **debug_name)
{
	const char *slash = file_name ? strrchr(file_name, '/') : NULL;
	static const char *const subdirs[] = { "", ".debug/" };
	char path[PATH_MAX];

	for (size_t i = 0; slash && debuglink && i < sizeof(subdirs) / sizeof(*subdirs); i++) {
		int fd, n = snprintf(path, sizeof(path), "%.*s%s%s", (int)(slash - file_name + 1),
				     file_name, subdirs[i], debuglink);

		if (n < 0 || (size_t)n >= sizeof(path) || !strcmp(path, file_name))
			continue;
		fd = open_regular(path);
		if (fd < 0)
			continue;
		if (debug_file_matches(mod, fd, crc) && (*debug_name = strdup(path)))
			return fd;
		close(fd);
	}
	return dwfl_standard_find_debuginfo(mod, userdata, modname, base, file_name, debuglink,
					    crc, debug_name);
}

const Dwfl_Callbacks stack_dwfl_callbacks = {
	.find_elf = no_find_elf,
	.find_debuginfo = find_debuginfo,
	.debuginfo_path = &trusted_debug_path,
};

int stack_objs_init(struct stack_objs *t)
{
	elf_version(EV_CURRENT);
	t->nbucket = NBUCKET;
	t->bucket = calloc(t->nbucket, sizeof(*t->bucket));
	return t->bucket ? 0 : -ENOMEM;
}

static void obj_free(struct stack_obj *o)
{
	for (size_t i = 0; i < o->cache_cap; i++) {
		if (o->cache[i])
			free(o->cache[i]->inl);
		free(o->cache[i]);
	}
	free(o->cache);
	if (o->dwfl)
		dwfl_end(o->dwfl);
	if (o->elf)
		elf_end(o->elf);
	if (o->fd >= 0)
		close(o->fd);
	free(o->load);
	free(o->open_path);
	free(o->path);
	free(o);
}

void stack_objs_free(struct stack_objs *t)
{
	for (size_t b = 0; b < t->nbucket; b++) {
		struct stack_obj *o = t->bucket[b], *next;

		for (; o; o = next) {
			next = o->next;
			obj_free(o);
		}
	}
	free(t->bucket);
	t->bucket = NULL;
}

static size_t hash_str(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The vdso is not a file: lotrace copies its own (every x86-64 process
 * of this kernel maps the same image) into a memfd libdw can open. */
static int vdso_fd(void)
{
	const unsigned char *img = (const void *)getauxval(AT_SYSINFO_EHDR);
	const Elf64_Ehdr *eh = (const void *)img;
	size_t size;
	int fd;

	if (!img || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64)
		return -ENOENT;
	size = eh->e_shoff + (size_t)eh->e_shnum * eh->e_shentsize;
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const void *)(img + eh->e_phoff + i * eh->e_phentsize);

		if (ph->p_offset + ph->p_filesz > size)
			size = ph->p_offset + ph->p_filesz;
	}
	fd = memfd_create("lotrace-vdso", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, img, size) != (ssize_t)size) {
		close(fd);
		return -EIO;
	}
	return fd;
}

static int read_loads(struct stack_obj *o)
{
	size_t phnum;

	if (elf_getphdrnum(o->elf, &phnum))
		return -ENOEXEC;
	o->load = calloc(phnum ? phnum : 1, sizeof(*o->load));
	if (!o->load)
		return -ENOMEM;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(o->elf, i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (!o->nload && o->e_type == ET_DYN)
			o->rel_base = ph.p_vaddr & -ph.p_align;
		o->load[o->nload++] = (struct stack_load){
			.vaddr = ph.p_vaddr, .offset = ph.p_offset, .filesz = ph.p_filesz,
		};
	}
	return o->nload ? 0 : -ENOEXEC;
}

static bool build_id_matches(struct stack_obj *o)
{
	const void *id;
	ssize_t len;

	if (!o->want_id_len)
		return true;
	len = dwelf_elf_gnu_build_id(o->elf, &id);
	return len == o->want_id_len && !memcmp(id, o->want_id, len);
}

static int obj_open(struct stack_obj *o)
{
	GElf_Ehdr eh;
	char name[64];

	if (!strcmp(o->path, "[vdso]")) {
		o->fd = vdso_fd();
		snprintf(name, sizeof(name), "/proc/self/fd/%d", o->fd);
		o->open_path = strdup(name);
	} else {
		o->fd = open_regular(o->path);
		o->open_path = strdup(o->path);
	}
	if (o->fd < 0 || !o->open_path)
		return -ENOENT;
	o->elf = elf_begin(o->fd, ELF_C_READ_MMAP, NULL);
	if (!o->elf || elf_kind(o->elf) != ELF_K_ELF || !gelf_getehdr(o->elf, &eh) ||
	    eh.e_machine != EM_X86_64 || (eh.e_type != ET_EXEC && eh.e_type != ET_DYN))
		return -ENOEXEC;
	o->e_type = eh.e_type;
	if (read_loads(o) || !build_id_matches(o))
		return -ENOEXEC;
	o->elf_ok = true;
	return 0;
}

struct stack_obj *stack_objs_get(struct stack_objs *t, const char *path,
				 const uint8_t *build_id, size_t build_id_len)
{
	size_t b = hash_str(path) % t->nbucket;
	struct stack_obj *o;

	if (build_id_len > STACK_BUILD_ID_MAX)
		build_id_len = 0;
	for (o = t->bucket[b]; o; o = o->next)
		if (!strcmp(o->path, path) && (!build_id_len || (o->want_id_len == build_id_len &&
				!memcmp(o->want_id, build_id, build_id_len))))
			return o;
	o = calloc(1, sizeof(*o));
	if (!o)
		return NULL;
	o->fd = -1;
	o->path = strdup(path);
	if (!o->path) {
		free(o);
		return NULL;
	}
	if (build_id_len)
		memcpy(o->want_id, build_id, build_id_len);
	o->want_id_len = build_id_len;
	obj_open(o);
	o->next = t->bucket[b];
	t->bucket[b] = o;
	return o;
}

/* A segment is mapped from its offset rounded down to a page; two can
 * share that page, then the one starting in it is the one mapped there.
 * mprotect can split a segment's mapping: a later part maps further in. */
int stack_obj_bias(const struct stack_obj *o, uint64_t start, uint64_t pgoff, uint64_t *bias)
{
	const struct stack_load *found = NULL;

	for (size_t i = 0; i < o->nload; i++) {
		const struct stack_load *l = &o->load[i];
		uint64_t page = l->offset & ~(uint64_t)4095;

		if (page == pgoff)
			found = l;
		else if (!found && page < pgoff && pgoff < l->offset + l->filesz)
			found = l;
	}
	if (!found)
		return -ENOENT;
	*bias = start - pgoff - found->vaddr + found->offset;
	return 0;
}

struct stack_obj *stack_objs_resolve(struct stack_objs *t, struct stack_map *m)
{
	if (m->resolved || !m->path)
		return m->obj;
	m->obj = stack_objs_get(t, m->path, m->build_id, m->build_id_len);
	if (!m->obj)
		return NULL;
	m->resolved = true;
	m->bias_ok = m->obj->elf_ok && !stack_obj_bias(m->obj, m->start, m->pgoff, &m->bias);
	return m->obj;
}

bool stack_obj_read(const struct stack_obj *o, uint64_t off, uint64_t *val)
{
	size_t size;
	const char *raw = o->elf ? elf_rawfile(o->elf, &size) : NULL;

	if (!raw || off > size || size - off < sizeof(*val))
		return false;
	memcpy(val, raw + off, sizeof(*val));
	return true;
}

/* libdw given no descriptor opens the path again, which may be a FIFO by
 * now (see open_regular): it gets a copy of the one checked, and owns it
 * once the module is made. */
Dwfl_Module *stack_obj_report(Dwfl *dwfl, const struct stack_obj *o, uint64_t bias)
{
	int fd = fcntl(o->fd, F_DUPFD_CLOEXEC, 0);
	Dwfl_Module *mod;

	if (fd < 0)
		return NULL;
	mod = dwfl_report_elf(dwfl, o->path, o->open_path, fd, bias, true);
	if (!mod)
		close(fd);
	return mod;
}

static int open_dwfl(struct stack_obj *o)
{
	o->dwfl_tried = true;
	if (!o->elf_ok)
		return -ENOEXEC;
	o->dwfl = dwfl_begin(&stack_dwfl_callbacks);
	if (!o->dwfl)
		return -ENOMEM;
	/* at bias 0, so that addresses are the file's own */
	dwfl_report_begin(o->dwfl);
	o->mod = stack_obj_report(o->dwfl, o, 0);
	dwfl_report_end(o->dwfl, NULL, NULL);
	return o->mod ? 0 : -ENOEXEC;
}

static const char *call_file(Dwarf_Die *cu, Dwarf_Die *die, int *line)
{
	Dwarf_Attribute attr;
	Dwarf_Word idx, l;
	Dwarf_Files *files;
	size_t nfiles;

	*line = 0;
	if (dwarf_formudata(dwarf_attr(die, DW_AT_call_line, &attr), &l) == 0)
		*line = (int)l;
	if (dwarf_formudata(dwarf_attr(die, DW_AT_call_file, &attr), &idx) ||
	    dwarf_getsrcfiles(cu, &files, &nfiles) || idx >= nfiles)
		return NULL;
	return dwarf_filesrc(files, idx, NULL, NULL);
}

/* The inlined_subroutine scopes around vaddr, innermost first, up to the
 * function they were inlined into. */
static int find_inlines(struct stack_obj *o, struct stack_sym *s)
{
	Dwarf_Addr bias;
	Dwarf_Die *cu = dwfl_module_addrdie(o->mod, s->vaddr, &bias);
	Dwarf_Die *scopes = NULL;
	int n = cu ? dwarf_getscopes(cu, s->vaddr - bias, &scopes) : 0;
	int k = 0;

	for (int i = 0; i < n && dwarf_tag(&scopes[i]) != DW_TAG_subprogram; i++)
		k += dwarf_tag(&scopes[i]) == DW_TAG_inlined_subroutine;
	if (n <= 0 || !k) {
		free(scopes);
		return 0;
	}
	s->inl = calloc(k, sizeof(*s->inl));
	if (!s->inl) {
		free(scopes);
		return -ENOMEM;
	}
	const char *file = s->file;
	int line = s->line;

	for (int i = 0; i < n && s->ninl < k; i++) {
		if (dwarf_tag(&scopes[i]) != DW_TAG_inlined_subroutine)
			continue;
		s->inl[s->ninl++] = (struct stack_inline){
			.function = dwarf_diename(&scopes[i]), .file = file, .line = line,
		};
		file = call_file(cu, &scopes[i], &line);
	}
	s->call_file = file;
	s->call_line = line;
	free(scopes);
	return 0;
}

static struct stack_sym *sym_new(struct stack_obj *o, uint64_t vaddr)
{
	struct stack_sym *s = calloc(1, sizeof(*s));
	GElf_Off off = 0;
	GElf_Sym sym;

	if (!s)
		return NULL;
	s->vaddr = vaddr;
	if (!o->dwfl_tried)
		open_dwfl(o);
	if (!o->mod)
		return s;
	s->function = dwfl_module_addrinfo(o->mod, vaddr, &off, &sym, NULL, NULL, NULL);
	if (s->function && !s->function[0])
		s->function = NULL;
	s->func_off = s->function ? off : 0;
	return s;
}

static int sym_source(struct stack_obj *o, struct stack_sym *s)
{
	Dwfl_Line *l;

	s->source_done = true;
	if (!o->mod)
		return 0;
	l = dwfl_module_getsrc(o->mod, s->vaddr);
	if (l)
		s->file = dwfl_lineinfo(l, NULL, &s->line, NULL, NULL, NULL);
	s->call_file = s->file;
	s->call_line = s->line;
	return find_inlines(o, s);
}

static size_t slot_of(uint64_t vaddr, size_t cap)
{
	return (size_t)((vaddr * 0x9e3779b97f4a7c15ull) >> 20) & (cap - 1);
}

static int cache_grow(struct stack_obj *o)
{
	size_t cap = o->cache_cap ? o->cache_cap * 2 : 256;
	struct stack_sym **c = calloc(cap, sizeof(*c));

	if (!c)
		return -ENOMEM;
	for (size_t i = 0; i < o->cache_cap; i++) {
		struct stack_sym *s = o->cache[i];

		if (!s)
			continue;
		size_t j = slot_of(s->vaddr, cap);

		while (c[j])
			j = (j + 1) & (cap - 1);
		c[j] = s;
	}
	free(o->cache);
	o->cache = c;
	o->cache_cap = cap;
	return 0;
}

static struct stack_sym *cache_get(struct stack_obj *o, uint64_t vaddr)
{
	if (2 * (o->ncache + 1) > o->cache_cap && cache_grow(o))
		return NULL;
	size_t j = slot_of(vaddr, o->cache_cap);

	for (; o->cache[j]; j = (j + 1) & (o->cache_cap - 1))
		if (o->cache[j]->vaddr == vaddr)
			return o->cache[j];
	o->cache[j] = sym_new(o, vaddr);
	if (o->cache[j])
		o->ncache++;
	return o->cache[j];
}

const struct stack_sym *stack_obj_symbolize(struct stack_obj *o, uint64_t vaddr, bool source)
{
	struct stack_sym *s = cache_get(o, vaddr);

	if (s && source && !s->source_done && sym_source(o, s))
		return NULL;
	return s;
}
