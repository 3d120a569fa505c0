#include "usdt/notes.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/user.h>
#include <unistd.h>

#define NT_STAPSDT 3
#define STAPSDT_OWNER "stapsdt"

/* x86-64 register names as compilers write them in operands, and where
 * each lives in struct pt_regs, whose layout is the ptrace ABI's struct
 * user_regs_struct. */
#define R(name) ((int)offsetof(struct user_regs_struct, name))
static const struct {
	const char *name[4];	/* 64, 32, 16, 8-bit names */
	int offset;
} regs_x86_64[] = {
	{ { "rax", "eax", "ax", "al" }, R(rax) },
	{ { "rbx", "ebx", "bx", "bl" }, R(rbx) },
	{ { "rcx", "ecx", "cx", "cl" }, R(rcx) },
	{ { "rdx", "edx", "dx", "dl" }, R(rdx) },
	{ { "rsi", "esi", "si", "sil" }, R(rsi) },
	{ { "rdi", "edi", "di", "dil" }, R(rdi) },
	{ { "rbp", "ebp", "bp", "bpl" }, R(rbp) },
	{ { "rsp", "esp", "sp", "spl" }, R(rsp) },
	{ { "r8", "r8d", "r8w", "r8b" }, R(r8) },
	{ { "r9", "r9d", "r9w", "r9b" }, R(r9) },
	{ { "r10", "r10d", "r10w", "r10b" }, R(r10) },
	{ { "r11", "r11d", "r11w", "r11b" }, R(r11) },
	{ { "r12", "r12d", "r12w", "r12b" }, R(r12) },
	{ { "r13", "r13d", "r13w", "r13b" }, R(r13) },
	{ { "r14", "r14d", "r14w", "r14b" }, R(r14) },
	{ { "r15", "r15d", "r15w", "r15b" }, R(r15) },
	{ { "rip", "eip", NULL, NULL }, R(rip) },
};

static int reg_offset(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(regs_x86_64) / sizeof(regs_x86_64[0]); i++)
		for (int w = 0; w < 4; w++) {
			const char *n = regs_x86_64[i].name[w];

			if (n && strlen(n) == len && !strncmp(n, name, len))
				return regs_x86_64[i].offset;
		}
	return -1;
}

int usdt_parse_arg(const char *spec, uint64_t pc, usdt_sym_fn lookup, void *ctx,
		   struct usdt_arg *arg)
{
	const char *at = strchr(spec, '@'), *op, *paren;
	char *end;
	long size;

	memset(arg, 0, sizeof(*arg));
	arg->kind = USDT_ARG_BAD;
	if (!at)
		return -EINVAL;
	size = strtol(spec, &end, 10);
	if (end != at || size == 0 || labs(size) > 8)
		return -EINVAL;
	arg->is_signed = size < 0;
	arg->size = (int)labs(size);
	op = at + 1;

	if (op[0] == '$') {
		errno = 0;
		arg->val = strtoll(op + 1, &end, 0);
		if (errno || *end)
			return 0;	/* a symbolic constant: BAD */
		arg->kind = USDT_ARG_CONST;
		return 0;
	}
	if (op[0] == '%') {
		arg->reg = reg_offset(op + 1, strlen(op + 1));
		if (arg->reg >= 0)
			arg->kind = USDT_ARG_REG;
		return 0;
	}
	paren = strchr(op, '(');
	if (!paren || paren[1] != '%' || !strchr(paren, ')'))
		return 0;	/* segment forms, (,%index,scale): BAD */
	if (strchr(paren, ',')) {
		/* off(%base,%index,scale) */
		const char *comma = strchr(paren, ','), *idx = comma + 1, *comma2;

		if (*idx != '%' || !(comma2 = strchr(idx, ',')))
			return 0;
		arg->reg = reg_offset(paren + 2, (size_t)(comma - paren - 2));
		arg->idx_reg = reg_offset(idx + 1, (size_t)(comma2 - idx - 1));
		arg->scale = atoi(comma2 + 1);
		if (arg->reg < 0 || arg->idx_reg < 0 ||
		    (arg->scale != 1 && arg->scale != 2 && arg->scale != 4 && arg->scale != 8))
			return 0;
	} else {
		arg->reg = reg_offset(paren + 2, (size_t)(strchr(paren, ')') - paren - 2));
		if (arg->reg < 0)
			return 0;
	}
	if (paren == op) {
		arg->kind = USDT_ARG_MEM;
		return 0;
	}
	if (arg->scale && arg->reg == R(rip))
		return 0;	/* rip with an index does not occur: BAD */
	errno = 0;
	arg->val = strtoll(op, &end, 0);
	if (!errno && end == paren) {
		arg->kind = USDT_ARG_MEM;
		return 0;
	}
	/* sym(%rip) or sym+off(%rip): a global at a fixed distance from the
	 * probe, wherever the object is loaded */
	if (arg->reg == R(rip) && lookup) {
		char name[256];
		const char *plus = op;
		size_t len;
		uint64_t addr;
		int64_t off = 0;

		while (plus < paren && *plus != '+' && *plus != '-' && *plus != '@')
			plus++;
		len = (size_t)(plus - op);
		if (len >= sizeof(name) || *plus == '@')
			return 0;	/* sym@GOTPCREL(%rip) needs the GOT: BAD */
		memcpy(name, op, len);
		name[len] = '\0';
		if (plus < paren) {
			off = strtoll(plus, &end, 0);
			if (end != paren)
				return 0;
		}
		if (!lookup(ctx, name, &addr))
			return 0;
		arg->kind = USDT_ARG_RIP;
		arg->val = (int64_t)(addr + off - pc);
	}
	return 0;
}

static bool match_name(const char *pat, const char *name)
{
	char conv[256];
	size_t n = 0;

	if (!fnmatch(pat, name, 0))
		return true;
	/* DTrace users write request-start for the note's request__start */
	for (const char *p = pat; *p && n < sizeof(conv) - 2; p++) {
		if (*p == '-') {
			conv[n++] = '_';
			conv[n++] = '_';
		} else {
			conv[n++] = *p;
		}
	}
	conv[n] = '\0';
	return !fnmatch(conv, name, 0);
}

bool usdt_match(const char *provider_pat, const char *name_pat, const struct usdt_probe *p)
{
	return !fnmatch(provider_pat, p->provider, 0) && match_name(name_pat, p->name);
}

/* --- the ELF side ------------------------------------------------------ */

struct elf_ctx {
	Elf *elf;
	size_t nphdr;
};

/* File offset of a virtual address, through the loadable segments. */
static bool vaddr_to_offset(struct elf_ctx *e, uint64_t vaddr, uint64_t *off)
{
	for (size_t i = 0; i < e->nphdr; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(e->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (vaddr >= ph.p_vaddr && vaddr < ph.p_vaddr + ph.p_memsz) {
			*off = vaddr - ph.p_vaddr + ph.p_offset;
			return true;
		}
	}
	return false;
}

static bool find_symbol(void *ctx, const char *name, uint64_t *addr)
{
	struct elf_ctx *e = ctx;
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e->elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		data = elf_getdata(scn, NULL);
		for (size_t i = 0; data && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *n;

			if (!gelf_getsym(data, (int)i, &sym) || !sym.st_value)
				continue;
			n = elf_strptr(e->elf, sh.sh_link, sym.st_name);
			if (n && !strcmp(n, name)) {
				*addr = sym.st_value;
				return true;
			}
		}
	}
	return false;
}

static bool section_addr(Elf *elf, const char *want, uint64_t *addr)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return false;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, want)) {
			*addr = sh.sh_addr;
			return true;
		}
	}
	return false;
}

static int add_probe(struct usdt_file *f, struct elf_ctx *e, const uint8_t *desc, size_t len,
		     bool have_base, uint64_t base_addr)
{
	struct usdt_probe p = { 0 }, *grown;
	const char *s = (const char *)desc + 24, *end = (const char *)desc + len;
	char *args, *save = NULL, *tok;
	uint64_t pc, sema;
	int ret = 0;

	if (len < 24)
		return -EINVAL;
	memcpy(&p.pc, desc, 8);
	memcpy(&p.base, desc + 8, 8);
	memcpy(&p.sema, desc + 16, 8);
	pc = p.pc;
	sema = p.sema;
	p.provider = strndup(s, (size_t)(end - s));
	s += strnlen(s, (size_t)(end - s)) + 1;
	p.name = s < end ? strndup(s, (size_t)(end - s)) : strdup("");
	s += s < end ? strnlen(s, (size_t)(end - s)) + 1 : 0;
	p.args_text = s < end ? strndup(s, (size_t)(end - s)) : strdup("");
	if (!p.provider || !p.name || !p.args_text) {
		ret = -ENOMEM;
		goto fail;
	}

	/* prelink may have moved the object: .stapsdt.base says by how much */
	if (have_base && p.base) {
		pc += base_addr - p.base;
		if (sema)
			sema += base_addr - p.base;
	}
	if (!vaddr_to_offset(e, pc, &p.offset)) {
		ret = -EINVAL;
		goto fail;
	}
	if (sema && !vaddr_to_offset(e, sema, &p.sema_offset))
		p.sema_offset = 0;

	args = strdup(p.args_text);
	if (!args) {
		ret = -ENOMEM;
		goto fail;
	}
	for (tok = strtok_r(args, " ", &save); tok && p.nargs < USDT_MAX_ARGS;
	     tok = strtok_r(NULL, " ", &save))
		usdt_parse_arg(tok, pc, find_symbol, e, &p.args[p.nargs++]);
	free(args);

	grown = realloc(f->probes, (f->nprobes + 1) * sizeof(*grown));
	if (!grown) {
		ret = -ENOMEM;
		goto fail;
	}
	f->probes = grown;
	f->probes[f->nprobes++] = p;
	return 0;
fail:
	free(p.provider);
	free(p.name);
	free(p.args_text);
	return ret;
}

int usdt_read(const char *path, struct usdt_file *out, char *err, size_t errlen)
{
	struct elf_ctx e = { 0 };
	Elf_Scn *scn = NULL;
	uint64_t base_addr = 0;
	bool have_base;
	int fd, ret = 0;

	memset(out, 0, sizeof(*out));
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return -errno;
	}
	e.elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!e.elf || elf_kind(e.elf) != ELF_K_ELF || elf_getphdrnum(e.elf, &e.nphdr)) {
		snprintf(err, errlen, "'%s' is not an ELF object", path);
		ret = -ENOEXEC;
		goto out;
	}
	out->path = strdup(path);
	have_base = section_addr(e.elf, ".stapsdt.base", &base_addr);
	while ((scn = elf_nextscn(e.elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;
		GElf_Nhdr nh;
		size_t off = 0, name_off, desc_off;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		data = elf_getdata(scn, NULL);
		while (data && (off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
			const char *owner = (const char *)data->d_buf + name_off;

			if (nh.n_type != NT_STAPSDT || nh.n_namesz != sizeof(STAPSDT_OWNER) ||
			    memcmp(owner, STAPSDT_OWNER, sizeof(STAPSDT_OWNER)))
				continue;
			ret = add_probe(out, &e, (const uint8_t *)data->d_buf + desc_off, nh.n_descsz,
					have_base, base_addr);
			if (ret == -ENOMEM)
				goto out;
			ret = 0;	/* a note we cannot place is skipped */
		}
	}
out:
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory reading the probes of '%s'", path);
	if (e.elf)
		elf_end(e.elf);
	close(fd);
	return ret;
}

void usdt_file_free(struct usdt_file *f)
{
	for (int i = 0; i < f->nprobes; i++) {
		free(f->probes[i].provider);
		free(f->probes[i].name);
		free(f->probes[i].args_text);
	}
	free(f->probes);
	free(f->path);
	memset(f, 0, sizeof(*f));
}
