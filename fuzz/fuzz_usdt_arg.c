// SPDX-License-Identifier: MIT
/*
 * trace/usdt/notes.c's argument-spec parser: any bytes as one spec of a
 * .note.stapsdt note ("-4@%edi", "8@-16(%rbp)", "8@sym+8(%rip)"). What it
 * accepts as fetchable must be something the BPF side can fetch.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "usdt/notes.h"

/* Symbols starting with 'g' exist, so that sym(%rip) forms resolve; a
 * GOT slot (sym@GOTPCREL) is at a fixed distance from its symbol. */
static bool lookup(void *ctx, const char *name, bool got, uint64_t *addr)
{
	(void)ctx;
	(void)got;
	*addr = 0x4000 + strlen(name);
	return name[0] == 'g';
}

static bool is_reg(int off)
{
	return off >= 0 && off % 8 == 0 && off < 27 * 8;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct usdt_arg a;
	char *spec = malloc(size + 1);

	if (!spec)
		return 0;
	memcpy(spec, data, size);
	spec[size] = '\0';
	if (usdt_parse_arg(spec, 0x1000, lookup, NULL, &a) ||
	    a.kind == USDT_ARG_BAD) {
		free(spec);
		return 0;
	}
	if (a.size < 1 || a.size > 8)
		abort();
	if ((a.kind == USDT_ARG_REG || a.kind == USDT_ARG_MEM ||
	     a.kind == USDT_ARG_RIP) && !is_reg(a.reg))
		abort();
	if (a.scale && (!is_reg(a.idx_reg) || (a.scale != 1 && a.scale != 2 &&
					       a.scale != 4 && a.scale != 8)))
		abort();
	free(spec);
	return 0;
}
