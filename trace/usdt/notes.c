#include "usdt/notes.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <sys/user.h>
#include <unistd.h>

#include "decode/quote.h"

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

/* SIZE before the '@': 1, 2, 4 or 8, negative when signed. Read digit by
 * digit so that no value (LONG_MIN included) is ever negated. */
static int parse_size(const char *spec, const char *at, struct usdt_arg *arg)
{
	const char *p = spec;
	bool neg = *p == '-';
	int size = 0;

	if (neg)
		p++;
	if (p == at || at - p > 1 || *p < '1' || *p > '8')
		return -EINVAL;
	size = *p - '0';
	if (size & (size - 1))
		return -EINVAL;	/* 3, 5, 6, 7 */
	arg->size = size;
	arg->is_signed = neg;
	return 0;
}

/* "$val": a number; "$sym" (rare) cannot be fetched; "$" is no constant. */
static int parse_const(const char *op, struct usdt_arg *arg)
{
	char *end;

	if (!op[1])
		return -EINVAL;
	errno = 0;
	arg->val = strtoll(op + 1, &end, 0);
	if (errno == ERANGE) {
		errno = 0;	/* an unsigned 8-byte constant above INT64_MAX */
		arg->val = (int64_t)strtoull(op + 1, &end, 0);
	}
	if (!errno && !*end && end != op + 1)
		arg->kind = USDT_ARG_CONST;
	return 0;
}

/* "(%base)", "(%base,%index)", "(%base,%index,scale)" from paren on. */
static void parse_regs(const char *paren, struct usdt_arg *arg)
{
	const char *close = strchr(paren, ')'), *comma = strchr(paren, ','), *idx, *comma2;

	if (!close || close[1] || paren[1] != '%')
		return;		/* segment forms, (,%index,scale): BAD */
	if (!comma || comma > close) {
		arg->reg = reg_offset(paren + 2, (size_t)(close - paren - 2));
		arg->kind = arg->reg >= 0 ? USDT_ARG_MEM : USDT_ARG_BAD;
		return;
	}
	idx = comma + 1;
	if (*idx != '%')
		return;
	comma2 = memchr(idx, ',', (size_t)(close - idx));
	arg->reg = reg_offset(paren + 2, (size_t)(comma - paren - 2));
	arg->idx_reg = reg_offset(idx + 1, (size_t)((comma2 ? comma2 : close) - idx - 1));
	/* gcc writes 16(%rdi,%rsi) for a byte at rdi + rsi + 16: scale 1 */
	arg->scale = comma2 ? atoi(comma2 + 1) : 1;
	if (comma2 && (close - comma2 != 2 || !strchr("1248", comma2[1])))
		return;
	if (arg->reg >= 0 && arg->idx_reg >= 0 && arg->reg != R(rip))
		arg->kind = USDT_ARG_MEM;
}

/* sym(%rip), sym+off(%rip), sym@GOTPCREL(%rip): a global, or its GOT slot,
 * at a fixed distance from the probe wherever the object is loaded. */
static void parse_symbolic(const char *op, const char *paren, uint64_t pc, usdt_sym_fn lookup,
			   void *ctx, struct usdt_arg *arg)
{
	static const char got_suffix[] = "@GOTPCREL";
	const char *end = op;
	char name[256], *num_end;
	size_t len;
	uint64_t addr;
	int64_t off = 0;
	bool got;

	while (end < paren && *end != '+' && *end != '-' && *end != '@')
		end++;
	len = (size_t)(end - op);
	got = (size_t)(paren - end) == sizeof(got_suffix) - 1 &&
	      !memcmp(end, got_suffix, sizeof(got_suffix) - 1);
	if (!lookup || !len || len >= sizeof(name) || (*end == '@' && !got))
		return;
	memcpy(name, op, len);
	name[len] = '\0';
	if (!got && end < paren) {
		off = strtoll(end, &num_end, 0);
		if (num_end != paren)
			return;
	}
	if (got && lookup(ctx, name, true, &addr)) {
		arg->kind = USDT_ARG_RIP;	/* the slot holds &sym */
	} else if (lookup(ctx, name, false, &addr)) {
		/* without a slot (the linker relaxed every load) the value
		 * is the address itself */
		arg->kind = got ? USDT_ARG_RIP_ADDR : USDT_ARG_RIP;
	} else {
		return;
	}
	arg->reg = R(rip);	/* at the probe, rip is the probe's address */
	arg->val = (int64_t)(addr + (uint64_t)off - pc);
}

int usdt_parse_arg(const char *spec, uint64_t pc, usdt_sym_fn lookup, void *ctx,
		   struct usdt_arg *arg)
{
	const char *at = strchr(spec, '@'), *op, *paren;
	char *end;

	memset(arg, 0, sizeof(*arg));
	arg->kind = USDT_ARG_BAD;
	if (!at || parse_size(spec, at, arg))
		return -EINVAL;
	op = at + 1;
	if (!*op)
		return -EINVAL;
	if (op[0] == '$')
		return parse_const(op, arg);
	if (op[0] == '%') {
		arg->reg = reg_offset(op + 1, strlen(op + 1));
		if (arg->reg >= 0 && arg->reg != R(rip))
			arg->kind = USDT_ARG_REG;
		return 0;
	}
	paren = strchr(op, '(');
	if (!paren)
		return 0;
	if (paren == op) {
		parse_regs(paren, arg);
		return 0;
	}
	errno = 0;
	arg->val = strtoll(op, &end, 0);
	if (!errno && end == paren) {
		parse_regs(paren, arg);
		return 0;
	}
	arg->val = 0;
	if (!strcmp(paren, "(%rip)"))
		parse_symbolic(op, paren, pc, lookup, ctx, arg);
	return 0;
}

const char *usdt_shown(const char *name, char *buf, size_t len)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < ' ' || name[i] == 0x7f || name[i] == '\\' ||
		    (unsigned char)name[i] >= 0x80)
			return quote(buf, len, (const uint8_t *)name, n, false, QUOTE_FD_PATH, HEX_NONE) ?
			       buf : "?";
	return name;
}

const char *usdt_type_name(const struct usdt_arg *a)
{
	static const char *const ints[2][9] = {
		{ [1] = "uint8_t", [2] = "uint16_t", [4] = "uint32_t", [8] = "uint64_t" },
		{ [1] = "int8_t", [2] = "int16_t", [4] = "int32_t", [8] = "int64_t" },
	};
	const char *n;

	switch (a->type) {
	case USDT_TYPE_STRING:
		return "char*";
	case USDT_TYPE_POINTER:
		return "void*";
	case USDT_TYPE_FLOAT:
		return a->size == 4 ? "float" : "double";
	default:
		n = a->size > 0 && a->size <= 8 ? ints[a->is_signed][a->size] : NULL;
		return n ? n : "?";
	}
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
	uint64_t size;		/* of the file */
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

/* The GOT slot of name: where a dynamic relocation (GLOB_DAT, or a plain
 * 64-bit one) puts its address at load time. */
static bool find_got_slot(struct elf_ctx *e, const char *name, uint64_t *addr)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e->elf, scn))) {
		GElf_Shdr sh, symsh;
		Elf_Data *data, *syms;
		Elf_Scn *symscn;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA || !sh.sh_entsize ||
		    !(symscn = elf_getscn(e->elf, sh.sh_link)) || !gelf_getshdr(symscn, &symsh))
			continue;
		data = elf_getdata(scn, NULL);
		syms = elf_getdata(symscn, NULL);
		for (size_t i = 0; data && syms && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Rela r;
			GElf_Sym sym;
			const char *n;
			unsigned type;

			if (!gelf_getrela(data, (int)i, &r))
				continue;
			type = (unsigned)GELF_R_TYPE(r.r_info);
			if ((type != R_X86_64_GLOB_DAT && type != R_X86_64_64) ||
			    !gelf_getsym(syms, (int)GELF_R_SYM(r.r_info), &sym))
				continue;
			n = elf_strptr(e->elf, symsh.sh_link, sym.st_name);
			if (n && !strcmp(n, name)) {
				*addr = r.r_offset;
				return true;
			}
		}
	}
	return false;
}

static bool find_symbol(void *ctx, const char *name, bool got, uint64_t *addr)
{
	struct elf_ctx *e = ctx;
	Elf_Scn *scn = NULL;

	if (got)
		return find_got_slot(e, name, addr);
	while ((scn = elf_nextscn(e->elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		data = elf_getdata(scn, NULL);
		for (size_t i = 0; data && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *n;

			if (!gelf_getsym(data, (int)i, &sym) || !sym.st_value ||
			    sym.st_shndx == SHN_UNDEF)
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

static Elf_Scn *section_named(Elf *elf, const char *want)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, want))
			return scn;
	}
	return NULL;
}

/* A note's spec string, each argument parsed; the first that is not a
 * valid spec (or a thirteenth) makes the probe bad, with the reason. */
static int parse_args(struct usdt_probe *p, struct elf_ctx *e, uint64_t pc)
{
	char *args = strdup(p->args_text), *save = NULL, *tok, why[160], shown[96];

	if (!args)
		return -ENOMEM;
	why[0] = '\0';
	for (tok = strtok_r(args, " ", &save); tok && !why[0]; tok = strtok_r(NULL, " ", &save)) {
		if (p->nargs == USDT_MAX_ARGS)
			snprintf(why, sizeof(why), "more than %d arguments", USDT_MAX_ARGS);
		else if (usdt_parse_arg(tok, pc, find_symbol, e, &p->args[p->nargs++]))
			snprintf(why, sizeof(why), "invalid argument spec '%s'",
				 usdt_shown(tok, shown, sizeof(shown)));
	}
	free(args);
	if (why[0] && !(p->bad = strdup(why)))
		return -ENOMEM;
	return 0;
}

static int add_probe(struct usdt_file *f, struct elf_ctx *e, const uint8_t *desc, size_t len,
		     bool have_base, uint64_t base_addr)
{
	struct usdt_probe p = { 0 }, *grown;
	const char *s = (const char *)desc + 24, *end = (const char *)desc + len;
	uint64_t pc, sema;
	int ret;

	if (len < 24)
		return 0;	/* not a stapsdt v3 note: nothing to place */
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
	ret = -ENOMEM;
	if (!p.provider || !p.name || !p.args_text)
		goto fail;

	/* prelink may have moved the object: .stapsdt.base says by how much */
	if (have_base && p.base) {
		pc += base_addr - p.base;
		if (sema)
			sema += base_addr - p.base;
	}
	if (sema && !vaddr_to_offset(e, sema, &p.sema_offset))
		p.sema_offset = 0;
	ret = parse_args(&p, e, pc);
	if (ret)
		goto fail;
	if (!p.bad && !vaddr_to_offset(e, pc, &p.offset) &&
	    asprintf(&p.bad, "its address 0x%" PRIx64 " is in no loadable segment", pc) < 0)
		goto fail;
	grown = realloc(f->probes, (f->nprobes + 1) * sizeof(*grown));
	if (!grown)
		goto fail;
	f->probes = grown;
	f->probes[f->nprobes++] = p;
	return 0;
fail:
	free(p.provider);
	free(p.name);
	free(p.args_text);
	free(p.bad);
	return ret;
}

/* What readelf would complain about: headers or sections beyond the end
 * of the file (a truncated copy), which libelf reads as "no sections". */
/* Header tables lie whole inside the file, with entries of the size
 * libelf reads (it takes its own, whatever the header says). */
static int check_tables(struct elf_ctx *e, const GElf_Ehdr *eh, const char *path, char *err,
			size_t errlen)
{
	bool is64 = eh->e_ident[EI_CLASS] == ELFCLASS64;
	size_t phsz = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	size_t shsz = is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);

	if (eh->e_phnum && eh->e_phentsize != phsz) {
		snprintf(err, errlen, "'%s': damaged ELF header: program headers of %u bytes, "
			 "not %zu", path, eh->e_phentsize, phsz);
		return -ENOEXEC;
	}
	if (eh->e_phnum && (eh->e_phoff > e->size ||
			    (uint64_t)eh->e_phnum * phsz > e->size - eh->e_phoff)) {
		snprintf(err, errlen, "'%s': its program headers lie past the end of the file "
			 "(truncated?)", path);
		return -ENOEXEC;
	}
	if (eh->e_shoff && eh->e_shentsize != shsz) {
		snprintf(err, errlen, "'%s': damaged ELF header: section headers of %u bytes, "
			 "not %zu", path, eh->e_shentsize, shsz);
		return -ENOEXEC;
	}
	/* with e_shnum 0 the count is in the first header, checked by libelf */
	if (eh->e_shoff && (eh->e_shoff > e->size || (uint64_t)(eh->e_shnum ? eh->e_shnum : 1) *
			    shsz > e->size - eh->e_shoff)) {
		snprintf(err, errlen, "'%s': its section headers lie past the end of the file "
			 "(truncated?)", path);
		return -ENOEXEC;
	}
	return 0;
}

/* A note section is read at 4 or 8 bytes (readelf calls any other
 * alignment corrupt); one past the file's end is a truncated file. */
static int check_section(struct elf_ctx *e, Elf_Scn *scn, const GElf_Shdr *sh, const char *path,
			 char *err, size_t errlen)
{
	if (sh->sh_type != SHT_NOBITS &&
	    (sh->sh_offset > e->size || sh->sh_size > e->size - sh->sh_offset)) {
		snprintf(err, errlen, "'%s': section %zu lies past the end of the file "
			 "(truncated?)", path, elf_ndxscn(scn));
		return -ENOEXEC;
	}
	if (sh->sh_type == SHT_NOTE && sh->sh_addralign > 4 && sh->sh_addralign != 8) {
		snprintf(err, errlen, "'%s': note section %zu is aligned at %" PRIu64
			 " bytes, not 4 or 8 (damaged?)", path, elf_ndxscn(scn),
			 (uint64_t)sh->sh_addralign);
		return -ENOEXEC;
	}
	return 0;
}

static int check_bounds(struct elf_ctx *e, const char *path, char *err, size_t errlen)
{
	GElf_Ehdr eh;
	Elf_Scn *scn = NULL;
	size_t shnum, shstrndx;
	int ret;

	if (!gelf_getehdr(e->elf, &eh) || e->size < (eh.e_ident[EI_CLASS] == ELFCLASS64 ?
						      sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		goto truncated;
	ret = check_tables(e, &eh, path, err, errlen);
	if (ret)
		return ret;
	if (elf_getshdrnum(e->elf, &shnum) || elf_getphdrnum(e->elf, &e->nphdr))
		goto truncated;
	if (eh.e_shoff && !shnum) {
		snprintf(err, errlen, "'%s': damaged ELF header: section headers at offset %" PRIu64
			 " but none counted", path, (uint64_t)eh.e_shoff);
		return -ENOEXEC;
	}
	/* sections are found by name: .stapsdt.base, .probes */
	if (shnum && (elf_getshdrstrndx(e->elf, &shstrndx) || shstrndx >= shnum)) {
		snprintf(err, errlen, "'%s': damaged ELF header: its section name table is not "
			 "one of its %zu sections", path, shnum);
		return -ENOEXEC;
	}
	while ((scn = elf_nextscn(e->elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			goto truncated;
		ret = check_section(e, scn, &sh, path, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
truncated:
	snprintf(err, errlen, "'%s': truncated or damaged ELF file: %s", path, elf_errmsg(-1));
	return -ENOEXEC;
}

static int read_notes(struct usdt_file *out, struct elf_ctx *e)
{
	Elf_Scn *scn = NULL, *base = section_named(e->elf, ".stapsdt.base");
	GElf_Shdr base_sh;
	bool have_base = base && gelf_getshdr(base, &base_sh);

	while ((scn = elf_nextscn(e->elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;
		GElf_Nhdr nh;
		size_t off = 0, name_off, desc_off;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		data = elf_getdata(scn, NULL);
		while (data && (off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
			const char *owner = (const char *)data->d_buf + name_off;
			int ret;

			if (nh.n_type != NT_STAPSDT || nh.n_namesz != sizeof(STAPSDT_OWNER) ||
			    memcmp(owner, STAPSDT_OWNER, sizeof(STAPSDT_OWNER)))
				continue;
			ret = add_probe(out, e, (const uint8_t *)data->d_buf + desc_off, nh.n_descsz,
					have_base, have_base ? base_sh.sh_addr : 0);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* Only a regular file is opened: open(2) of a device can act (a watchdog
 * starts counting, a tape rewinds), and of a FIFO it can release a writer
 * waiting for a reader. stat first; O_NONBLOCK and fstat still guard the
 * name swapped for a FIFO in between. */
int usdt_open(const char *path, char *err, size_t errlen)
{
	struct stat st;
	int fd, e;

	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "'%s' is not a regular file", path);
		return -EINVAL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		e = errno;
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(e));
		return -e;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "'%s' is not a regular file", path);
		return -EINVAL;
	}
	return fd;
}

int usdt_read(const char *path, struct usdt_file *out, char *err, size_t errlen)
{
	struct elf_ctx e = { 0 };
	struct stat st;
	int fd, ret;

	memset(out, 0, sizeof(*out));
	elf_version(EV_CURRENT);
	fd = usdt_open(path, err, errlen);
	if (fd < 0)
		return fd;
	ret = -ENOEXEC;
	e.elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!e.elf || elf_kind(e.elf) != ELF_K_ELF) {
		snprintf(err, errlen, "'%s' is not an ELF object", path);
		goto out;
	}
	e.size = fstat(fd, &st) ? 0 : (uint64_t)st.st_size;
	ret = check_bounds(&e, path, err, errlen);
	if (ret)
		goto out;
	ret = -ENOMEM;
	out->path = strdup(path);
	if (!out->path || read_notes(out, &e) || usdt_read_types(out, e.elf))
		goto out;
	ret = 0;
out:
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory reading the probes of '%s'", path);
	if (ret)
		usdt_file_free(out);
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
		free(f->probes[i].bad);
	}
	free(f->probes);
	free(f->path);
	memset(f, 0, sizeof(*f));
}
