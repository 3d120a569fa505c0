/* The argument types lotrace's SDK records beside each stapsdt note, in the
 * non-allocated section .lotrace.usdt (layout in include/lotrace/usdt.h and
 * lotrace-usdt(3)): a record keyed by the probe's address, provider and
 * name, with one type byte per argument. */
#include "usdt/notes.h"

#include <errno.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TYPES_SECTION	".lotrace.usdt"
#define TYPES_VERSION	1
#define REC_HEAD	8	/* version, nargs, size, reserved */

struct rec {
	uint64_t addr;
	int nargs;
	const uint8_t *types;
	const char *provider, *name;
};

/* The record at off of a section of len bytes; its size, 0 when none is
 * there, or a record of another version to skip. */
static size_t rec_at(const uint8_t *d, size_t len, size_t off, int addr_size, struct rec *r)
{
	uint16_t size;
	const char *end, *p;

	if (len - off < REC_HEAD + (size_t)addr_size)
		return 0;
	memcpy(&size, d + off + 2, 2);
	if (size < REC_HEAD + addr_size || size > len - off)
		return 0;
	r->nargs = d[off] == TYPES_VERSION ? d[off + 1] : -1;
	if (r->nargs < 1 || r->nargs > USDT_MAX_ARGS)
		return size;	/* another version, or nonsense: skipped */
	r->addr = 0;
	memcpy(&r->addr, d + off + REC_HEAD, (size_t)addr_size);	/* little-endian */
	r->types = d + off + REC_HEAD + addr_size;
	p = (const char *)r->types + r->nargs;
	end = (const char *)d + off + size;
	r->provider = p < end && memchr(p, '\0', (size_t)(end - p)) ? p : NULL;
	p = r->provider ? p + strlen(p) + 1 : end;
	r->name = p < end && memchr(p, '\0', (size_t)(end - p)) ? p : NULL;
	if (!r->provider || !r->name)
		r->nargs = -1;
	return size;
}

/* Does the type agree with what the note says of the argument? */
static bool fits(const struct usdt_arg *a, uint8_t t)
{
	switch (t) {
	case USDT_TYPE_SIGNED:
		return a->is_signed;
	case USDT_TYPE_UNSIGNED:
		return !a->is_signed;
	case USDT_TYPE_POINTER:
	case USDT_TYPE_STRING:
		return !a->is_signed && a->size == (int)sizeof(void *);
	case USDT_TYPE_FLOAT:
		return !a->is_signed && (a->size == 4 || a->size == 8);
	default:
		return t == USDT_TYPE_UNKNOWN;
	}
}

static int by_pc(const void *x, const void *y)
{
	const struct usdt_probe *a = *(struct usdt_probe *const *)x;
	const struct usdt_probe *b = *(struct usdt_probe *const *)y;

	return a->pc < b->pc ? -1 : a->pc > b->pc;
}

/* The first untyped probe the record describes, through the probes sorted
 * by address (several notes can share one: relocatable objects, discarded
 * code). */
static struct usdt_probe *owner(struct usdt_probe **sorted, int n, const struct rec *r)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (sorted[mid]->pc < r->addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && sorted[lo]->pc == r->addr; lo++) {
		struct usdt_probe *p = sorted[lo];

		if (!p->typed && p->nargs == r->nargs && !strcmp(p->provider, r->provider) &&
		    !strcmp(p->name, r->name))
			return p;
	}
	return NULL;
}

static void apply(struct usdt_probe *p, const struct rec *r)
{
	for (int i = 0; i < r->nargs; i++)
		if (!fits(&p->args[i], r->types[i]))
			return;	/* a record that contradicts its note: ignored */
	for (int i = 0; i < r->nargs; i++)
		p->args[i].type = (enum usdt_type)r->types[i];
	p->typed = true;
}

int usdt_apply_types(struct usdt_file *f, const uint8_t *d, size_t len, int addr_size)
{
	struct usdt_probe **sorted;
	size_t off = 0;

	if (!f->nprobes || (addr_size != 4 && addr_size != 8))
		return 0;
	sorted = malloc(f->nprobes * sizeof(*sorted));
	if (!sorted)
		return -ENOMEM;
	for (int i = 0; i < f->nprobes; i++)
		sorted[i] = &f->probes[i];
	qsort(sorted, f->nprobes, sizeof(*sorted), by_pc);
	while (off < len) {
		struct rec r;
		size_t size = rec_at(d, len, off, addr_size, &r);
		struct usdt_probe *p;

		if (!size)
			break;
		if (r.nargs > 0 && (p = owner(sorted, f->nprobes, &r)) && !p->bad)
			apply(p, &r);
		off = (off + size + 7) & ~(size_t)7;
	}
	free(sorted);
	return 0;
}

int usdt_read_types(struct usdt_file *f, Elf *elf)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	if (!f->nprobes || elf_getshdrstrndx(elf, &shstrndx))
		return 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;
		const char *name;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS)
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, TYPES_SECTION))
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf)
			return 0;
		return usdt_apply_types(f, data->d_buf, data->d_size,
					gelf_getclass(elf) == ELFCLASS64 ? 8 : 4);
	}
	return 0;
}

void usdt_float_text(const struct usdt_arg *a, uint64_t v, char *buf, size_t len)
{
	double d;

	if (a->size == 4) {
		uint32_t bits = (uint32_t)v;
		float f;

		memcpy(&f, &bits, sizeof(f));
		for (int prec = 6; prec <= 9; prec++)
			if (snprintf(buf, len, "%.*g", prec, f) > 0 && strtof(buf, NULL) == f)
				return;
		return;
	}
	memcpy(&d, &v, sizeof(d));
	for (int prec = 15; prec <= 17; prec++)
		if (snprintf(buf, len, "%.*g", prec, d) > 0 && strtod(buf, NULL) == d)
			return;
}
