/* usdt: USDT probes of an ELF object, read from its .note.stapsdt notes with
 * libelf, with each note's address turned into a file offset (for the
 * uprobe), its argument specs ("-4@%edi 8@-16(%rbp) 4@$5") parsed into
 * operands a BPF program can fetch, and the argument types of lotrace's
 * SDK (section .lotrace.usdt) when the object has them. Owns what
 * usdt_read returns. */
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
	USDT_ARG_RIP_ADDR,	/* sym@GOTPCREL(%rip) with no GOT slot: the address
				 * itself, at val from the probe */
};

/* An argument's type from the object's descriptor (include/lotrace/usdt.h's
 * __LOTRACE_USDT_T_*); UNKNOWN without one: printed by the spec's size. */
enum usdt_type {
	USDT_TYPE_UNKNOWN,
	USDT_TYPE_SIGNED,
	USDT_TYPE_UNSIGNED,
	USDT_TYPE_POINTER,
	USDT_TYPE_STRING,
	USDT_TYPE_FLOAT,
	USDT_TYPE_COUNT,
};

struct usdt_arg {
	enum usdt_arg_kind kind;
	int size;		/* bytes: 1, 2, 4 or 8 */
	bool is_signed;
	int reg;		/* byte offset of the register in struct pt_regs */
	int idx_reg;		/* MEM: the index register's offset, when scale */
	int scale;		/* MEM: off(%base,%index,scale); 0 without index */
	int64_t val;		/* CONST: the value; MEM: the displacement;
				 * RIP, RIP_ADDR: the address minus the probe's */
	enum usdt_type type;
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
	bool typed;		/* its types came from a descriptor */
	char *bad;		/* why it cannot be traced (a bad spec), or NULL */
	struct usdt_arg args[USDT_MAX_ARGS];
};

struct usdt_file {
	char *path;
	struct usdt_probe *probes;
	int nprobes;
};

/* Open path for reading without blocking (a FIFO must not hang lotrace):
 * an fd of a regular file, or -errno and one line in err. */
int usdt_open(const char *path, char *err, size_t errlen);

/* Read the probes of the ELF file at path. An object without notes has
 * nprobes 0; a note with a bad spec is kept, with bad set. -errno and one
 * line in err when the file cannot be read or is not a sound ELF file. */
int usdt_read(const char *path, struct usdt_file *out, char *err, size_t errlen);
void usdt_file_free(struct usdt_file *f);

/* Parse one argument spec ("-4@%edi"); symbol addresses come from lookup,
 * the address of a symbol's GOT slot when got (NULL: a symbolic operand is
 * USDT_ARG_BAD). 0 (with USDT_ARG_BAD for forms lotrace cannot fetch), or
 * -EINVAL when spec is not a valid SIZE@OPERAND. */
typedef bool (*usdt_sym_fn)(void *ctx, const char *name, bool got, uint64_t *addr);
int usdt_parse_arg(const char *spec, uint64_t pc, usdt_sym_fn lookup, void *ctx,
		   struct usdt_arg *arg);

/* usdt_types.c: give f's probes the argument types of the SDK's records in
 * section .lotrace.usdt of elf. Records that match no note, or disagree
 * with its specs, are ignored. 0 or -ENOMEM. */
typedef struct Elf Elf;
int usdt_read_types(struct usdt_file *f, Elf *elf);
/* The same from the section's len bytes at d; addr_size 8 (ELFCLASS64) or 4. */
int usdt_apply_types(struct usdt_file *f, const uint8_t *d, size_t len, int addr_size);

/* A provider or probe name as it may reach a terminal: control bytes and
 * backslashes escaped as strace escapes strings. */
const char *usdt_shown(const char *name, char *buf, size_t len);

/* The C spelling of an argument's type, for --list-usdt ("char*",
 * "int32_t"...). */
const char *usdt_type_name(const struct usdt_arg *a);

/* A float or double argument's value v (its IEEE bits) as text, the
 * shortest that reads back the same. */
void usdt_float_text(const struct usdt_arg *a, uint64_t v, char *buf, size_t len);

/* Does a -u pattern's PROVIDER:NAME match this probe? '*' and '?' are
 * wildcards; '-' in the name pattern matches the note's "__". */
bool usdt_match(const char *provider_pat, const char *name_pat, const struct usdt_probe *p);

#endif
