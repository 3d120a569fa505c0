/* stack/objects: the ELF files mapped by traced processes, shared by every
 * process that maps them: their load segments (for a mapping's bias), raw
 * bytes, and symbols (libdw: ELF symbol, source line, inlined calls, with
 * separate debug info found by build-id or .gnu_debuglink under
 * /usr/lib/debug), cached per address. Owns every object until
 * stack_objs_free, so the strings it hands out live as long. */
#ifndef LOTRACE_STACK_OBJECTS_H
#define LOTRACE_STACK_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <elfutils/libdwfl.h>

#include "stack/maps.h"

/* A call inlined at an address: in function, at file:line. */
struct stack_inline {
	const char *function;
	const char *file;	/* NULL when the line table says nothing */
	int line;
};

/* What an address of an object is, as libdw says. */
struct stack_sym {
	uint64_t vaddr;		/* the address in the file's own layout */
	const char *function;	/* the ELF symbol covering it, or NULL */
	uint64_t func_off;	/* vaddr minus the symbol's value */
	const char *file;	/* innermost source line, or NULL */
	int line;
	/* Calls inlined at vaddr, innermost first, then where the outermost
	 * was called from in function (call_file:call_line). */
	struct stack_inline *inl;
	int ninl;
	const char *call_file;
	int call_line;
	bool source_done;	/* file, line and inl are looked up */
};

struct stack_load {
	uint64_t vaddr, offset, filesz;
};

struct stack_obj {
	char *path;		/* as mapped ("[vdso]" for the vdso) */
	uint8_t want_id[STACK_BUILD_ID_MAX];	/* the mapping's, when given */
	uint8_t want_id_len;
	bool elf_ok;		/* an x86-64 ELF executable or library */
	int fd;
	char *open_path;	/* what libdw opens: path, or the vdso's memfd */
	struct Elf *elf;
	uint16_t e_type;
	uint64_t rel_base;	/* libdw's relocation base: ET_DYN's first load */
	struct stack_load *load;
	size_t nload;
	Dwfl *dwfl;		/* for symbols, opened on first use */
	Dwfl_Module *mod;
	bool dwfl_tried;
	struct stack_sym **cache;	/* open addressing by vaddr */
	size_t ncache, cache_cap;
	struct stack_obj *next;
};

struct stack_objs {
	struct stack_obj **bucket;
	size_t nbucket;
};

int stack_objs_init(struct stack_objs *t);
void stack_objs_free(struct stack_objs *t);

/* The object behind path ("[vdso]": lotrace's own vdso, the same kernel's
 * code), opened on first use. With a build-id that the file does not have
 * (it was replaced since it was mapped), the object is there but not
 * elf_ok. NULL only when out of memory. */
struct stack_obj *stack_objs_get(struct stack_objs *t, const char *path,
				 const uint8_t *build_id, size_t build_id_len);

/* The object m maps and its load bias, looked up once per mapping: NULL
 * for anonymous memory (or when out of memory). */
struct stack_obj *stack_objs_resolve(struct stack_objs *t, struct stack_map *m);

/* The load bias of an object mapped at start from file offset pgoff:
 * address = vaddr + bias. -ENOENT when pgoff is in no load segment. */
int stack_obj_bias(const struct stack_obj *o, uint64_t start, uint64_t pgoff,
		   uint64_t *bias);

/* Report o to dwfl at bias from lotrace's own descriptor of it, never by
 * opening its path again. NULL as dwfl_report_elf. */
Dwfl_Module *stack_obj_report(Dwfl *dwfl, const struct stack_obj *o, uint64_t bias);

/* Read 8 bytes at file offset off; false past the end. */
bool stack_obj_read(const struct stack_obj *o, uint64_t off, uint64_t *val);

/* The symbol at vaddr and, with source, its source line and inlined
 * calls, cached. The source costs the object's DWARF (tens of ms for
 * libc's debug info, decompressed on first use): asked only for -kk.
 * NULL when out of memory. */
const struct stack_sym *stack_obj_symbolize(struct stack_obj *o, uint64_t vaddr, bool source);

/* The callbacks every Dwfl of lotrace uses: separate debug info by
 * build-id and .gnu_debuglink under /usr/lib/debug. */
extern const Dwfl_Callbacks stack_dwfl_callbacks;

#endif
