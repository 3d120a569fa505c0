// SPDX-License-Identifier: MIT
/*
 * trace/usdt/notes.c's reader of .note.stapsdt: an input that starts like an ELF
 * file is read as a whole file; any other input is the contents of the
 * notes section of a small executable built around it here, with one
 * loadable segment, a .stapsdt.base section and a symbol table, so that
 * most of the fuzzer's effort goes into the notes, not into libelf.
 */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "usdt/notes.h"

/* Where the template puts things: a PIE-like layout as gcc links it. */
#define LOAD_VADDR	0x0
#define LOAD_MEMSZ	0x10000
#define BASE_ADDR	0x2004	/* .stapsdt.base */
#define GLOBAL_ADDR	0x4010	/* the symbol "global" */

static const char shstrtab[] =
	"\0.note.stapsdt\0.stapsdt.base\0.symtab\0.strtab\0.shstrtab";
static const char strtab[] = "\0global";

enum { SH_NULL, SH_NOTE, SH_BASE, SH_SYMTAB, SH_STRTAB, SH_SHSTRTAB, SH_N };

struct image {
	uint8_t *p;
	size_t len;
};

/* Append n bytes (aligned to 8) and return their offset. */
static size_t put(struct image *im, const void *data, size_t n)
{
	size_t off = (im->len + 7) & ~(size_t)7;

	memset(im->p + im->len, 0, off - im->len);
	memcpy(im->p + off, data, n);
	im->len = off + n;
	return off;
}

static Elf64_Shdr section(uint32_t name, uint32_t type, uint64_t addr,
			  uint64_t off, uint64_t size)
{
	Elf64_Shdr sh = { .sh_name = name, .sh_type = type, .sh_addr = addr,
			  .sh_offset = off, .sh_size = size, .sh_addralign = 1 };

	return sh;
}

/* An ELF executable whose .note.stapsdt holds `notes`. */
static int build(struct image *im, const uint8_t *notes, size_t n)
{
	Elf64_Ehdr eh = { 0 };
	Elf64_Phdr ph = { 0 };
	Elf64_Shdr sh[SH_N] = { { 0 } };
	Elf64_Sym sym[2] = { { 0 } };
	uint8_t base = 0;

	im->p = malloc(n + 1024);
	if (!im->p)
		return -1;
	im->len = sizeof(eh) + sizeof(ph);
	sh[SH_NOTE] = section(1, SHT_NOTE, 0x300, put(im, notes, n), n);
	sh[SH_NOTE].sh_addralign = 4;
	sh[SH_BASE] = section(15, SHT_PROGBITS, BASE_ADDR,
			      put(im, &base, 1), 1);
	sym[1].st_name = 1;
	sym[1].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT);
	sym[1].st_shndx = SH_BASE;
	sym[1].st_value = GLOBAL_ADDR;
	sym[1].st_size = 8;
	sh[SH_SYMTAB] = section(29, SHT_SYMTAB, 0, put(im, sym, sizeof(sym)),
				sizeof(sym));
	sh[SH_SYMTAB].sh_link = SH_STRTAB;
	sh[SH_SYMTAB].sh_info = 1;
	sh[SH_SYMTAB].sh_entsize = sizeof(sym[0]);
	sh[SH_STRTAB] = section(37, SHT_STRTAB, 0,
				put(im, strtab, sizeof(strtab)),
				sizeof(strtab));
	sh[SH_SHSTRTAB] = section(45, SHT_STRTAB, 0,
				  put(im, shstrtab, sizeof(shstrtab)),
				  sizeof(shstrtab));

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_DYN;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(ph);
	eh.e_phnum = 1;
	eh.e_shentsize = sizeof(sh[0]);
	eh.e_shnum = SH_N;
	eh.e_shstrndx = SH_SHSTRTAB;
	eh.e_shoff = put(im, sh, sizeof(sh));

	ph.p_type = PT_LOAD;
	ph.p_flags = PF_R | PF_X;
	ph.p_vaddr = LOAD_VADDR;
	ph.p_filesz = im->len;
	ph.p_memsz = LOAD_MEMSZ;
	ph.p_align = 0x1000;
	memcpy(im->p, &eh, sizeof(eh));
	memcpy(im->p + sizeof(eh), &ph, sizeof(ph));
	return 0;
}

static void read_notes(const uint8_t *data, size_t size)
{
	struct usdt_file f;
	char path[64], err[512];
	int fd = memfd_create("fuzz_usdt_notes", MFD_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (!usdt_read(path, &f, err, sizeof(err)))
			for (int i = 0; i < f.nprobes; i++)
				if (f.probes[i].nargs > USDT_MAX_ARGS)
					abort();
		usdt_file_free(&f);
	}
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image im;

	if (size >= SELFMAG && !memcmp(data, ELFMAG, SELFMAG)) {
		read_notes(data, size);
		return 0;
	}
	if (build(&im, data, size))
		return 0;
	read_notes(im.p, im.len);
	free(im.p);
	return 0;
}
