/* usdt: USDT probes of an ELF object, read from its .note.stapsdt notes with
 * libelf, with each note's address turned into a file offset (for the
 * uprobe) and its argument specs ("-4@%edi 8@-16(%rbp) 4@$5") parsed into
 * operands a BPF program can fetch. Owns what usdt_read returns. */
#ifndef LOTRACE_USDT_H
#define LOTRACE_USDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define USDT_MAX_ARGS 12

enum usdt_arg_kind {
	USDT_ARG_CONST,		/* $val */
	USDT_ARG_REG,		/* %reg */
	USDT_ARG_MEM,		/* off(%reg) */
	USDT_ARG_RIP,		/* sym+off(%rip): a global, at off from the probe */
	USDT_ARG_BAD,		/* a form lotrace cannot fetch: said, never guessed */
};

struct usdt_arg {
	enum usdt_arg_kind kind;
	int size;		/* bytes: 1, 2, 4 or 8 */
	bool is_signed;
	int reg;		/* byte offset of the register in struct pt_regs */
	int idx_reg;		/* MEM: the index register's offset, when scale */
	int scale;		/* MEM: off(%base,%index,scale); 0 without index */
	int64_t val;		/* CONST: the value; MEM: the displacement;
				 * RIP: the address minus the probe's address */
};

struct usdt_probe {
	char *provider;
	char *name;
	char *args_text;	/* as in the note */
	uint64_t pc;		/* the note's location, as written */
	uint64_t base;		/* the note's .stapsdt.base, as written */
	uint64_t sema;		/* the note's semaphore address (0: none), as written */
	uint64_t offset;	/* file offset of the probe, for the uprobe */
	uint64_t sema_offset;	/* file offset of the semaphore, 0 if none */
	int nargs;
	struct usdt_arg args[USDT_MAX_ARGS];
};

struct usdt_file {
	char *path;
	struct usdt_probe *probes;
	int nprobes;
};

/* Read the probes of the ELF file at path. An object without notes has
 * nprobes 0. -errno and one line in err when it cannot be read. */
int usdt_read(const char *path, struct usdt_file *out, char *err, size_t errlen);
void usdt_file_free(struct usdt_file *f);

/* Parse one argument spec ("-4@%edi"); symbol addresses come from lookup
 * (NULL: a symbolic operand is USDT_ARG_BAD). 0, or -EINVAL. */
typedef bool (*usdt_sym_fn)(void *ctx, const char *name, uint64_t *addr);
int usdt_parse_arg(const char *spec, uint64_t pc, usdt_sym_fn lookup, void *ctx,
		   struct usdt_arg *arg);

/* Does a -u pattern's PROVIDER:NAME match this probe? '*' and '?' are
 * wildcards; '-' in the name pattern matches the note's "__". */
bool usdt_match(const char *provider_pat, const char *name_pat, const struct usdt_probe *p);

#endif
