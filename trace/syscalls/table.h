/* table: everything lotrace knows about each syscall, one row per syscall
 * in table.def, indexed by number: its strace classes, how each argument
 * prints, what the BPF program copies for it, what it does to descriptors
 * (-y), whether it is "quick", and the fix-ups of its decoded call. The
 * decoders, the capture plans, the classes, fdtrack and the BPF transport
 * all read this one table; nothing about a syscall is looked up by name
 * on the hot path. */
#ifndef LOTRACE_SYSCALLS_TABLE_H
#define LOTRACE_SYSCALLS_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscalls/formats.h"

struct call;
struct dcall;
struct darg;
struct xlat;

/* How one argument prints. */
enum afmt {
	F_DEFAULT,	/* by the tracepoint's type: pointer, signed, unsigned */
	F_INT,		/* signed decimal of the whole register */
	F_I32,		/* signed decimal of the low 32 bits (a C int) */
	F_UINT,		/* unsigned decimal of the whole register */
	F_U32,		/* unsigned decimal of the low 32 bits */
	F_HEX,		/* 0x..., 0 as 0 */
	F_X32,		/* hex of the low 32 bits */
	F_PTR,		/* an address: hex, NULL */
	F_FD,		/* a file descriptor: a C int */
	F_DIRFD,	/* AT_FDCWD or a descriptor */
	F_MODE,		/* a umode_t in octal, 0644 */
	F_ID,		/* a uid or gid: -1 or unsigned */
	F_SIG,		/* a signal name, or the number */
	F_ENUM,		/* the name in x, else hex and the dflt comment */
	F_ENUM_D,	/* the name in x, else signed decimal and dflt */
	F_ENUM_U,	/* the name in x, else unsigned decimal and dflt */
	F_FLAGS,	/* the names of the bits in x, strace's printflags */
	F_HIDE,		/* strace does not print it */
	F_FN,		/* fn decides */
};

/* What strace does to the register before printing it with a table. */
enum acast {
	C_RAW,		/* the whole register */
	C_U32,		/* (unsigned int) */
	C_I32,		/* (int), sign-extended */
};

/* How the return value prints. */
enum rfmt {
	R_DEC,		/* in decimal */
	R_HEX,		/* an address */
	R_OCT,		/* umask's old mask, like its argument */
};

/* What a call does to the descriptor table (-y). */
enum fx {
	FX_NONE,
	FX_OPEN,	/* the result is the path in arg, relative to dir */
	FX_NEWFD,	/* the result is a new object: anon, or as /proc names it */
	FX_MEMFD,	/* the result is "/memfd:" and the name in arg, deleted */
	FX_PAIR,	/* two new descriptors in the int[2] at arg */
	FX_DUP,		/* the result is what arg is */
	FX_FCNTL,	/* F_DUPFD, F_DUPFD_CLOEXEC, F_SETFD */
	FX_IOCTL,	/* FIOCLEX, FIONCLEX */
	FX_CLOSE,
	FX_CLOSE_RANGE,
	FX_CHDIR,	/* the directory becomes the path in arg */
	FX_FCHDIR,	/* the directory becomes what arg is */
	FX_EXEC,
	FX_UNLINK,	/* the path in arg, relative to dir, is gone */
	FX_RENAME,	/* arg relative to dir is now arg2 relative to dir2 */
};

/* Whether a new descriptor is close-on-exec. */
enum cx {
	CX_NEVER,
	CX_ALWAYS,
	CX_FLAG,	/* when bit is set in argument flags */
	CX_UNSEEN,	/* the flags are out of sight (in a struct) */
};

typedef void (*decode_arg_fn)(struct dcall *d, struct darg *a);
/* Prints the bytes the program copied for an argument (decode/render.h). */
struct rctx;
struct xbuf;
typedef bool (*render_fn)(const struct rctx *x, const uint8_t *bytes, size_t len,
			  struct xbuf *b);
/* Runs once the arguments are decoded: hides arguments strace leaves
 * out, decodes those whose meaning depends on another, sets ret_text. */
typedef void (*decode_fix_fn)(struct dcall *d, const struct call *c);

/* One argument: its name in the tracepoint format (checked against the
 * running kernel by test_table), how it prints, what is copied for it. */
struct sc_arg {
	const char *name;
	uint8_t fmt;		/* enum afmt */
	uint8_t cast;		/* enum acast */
	uint8_t cap;		/* LT_CAP_*: what the program copies, 0: nothing */
	uint8_t lenarg;		/* BUF_IN, ADDR_*, ARR_*, IOV_*: the argument with
				 * the length or count, or LT_LEN_*; SIGSET: the
				 * argument with its size */
	uint8_t elem;		/* ARR_*: bytes per element, or LT_ELEM_* bits */
	bool out;		/* the kernel writes it: strace prints it, and
				 * what follows, when the call returns */
	uint8_t follow_off;	/* FOLLOW: where in the struct the pointer is */
	uint8_t follow_size;	/* FOLLOW: bytes behind it, 0: none */
	bool follow_exit;	/* FOLLOW_OUT: at exit, when the call succeeded */
	uint8_t follow_alt_val;	/* FOLLOW_ALT: when argument 0 is this value, */
	uint8_t follow_alt_off;	/* the pointer is here instead (0: never) */
	uint16_t size;		/* MEM_*, ADDR_*, ARR_*: bytes at most */
	const struct xlat *x;
	const char *dflt;	/* strace's "NAME_???" for values x does not name */
	decode_arg_fn fn;
	render_fn render;	/* how a struct capture prints */
};

/* The descriptor effect of a call (-y). */
struct sc_fd {
	uint8_t fx;		/* enum fx */
	int8_t arg, dir;	/* dir -1: the working directory */
	int8_t arg2, dir2;
	uint8_t cx;		/* enum cx */
	int8_t flags;		/* CX_FLAG: the argument with the flags */
	uint32_t bit;
	const char *anon;	/* how /proc names what FX_NEWFD makes */
	const char *ino;	/* or its kind, named with the inode number */
};

struct sc_info {
	const char *name;	/* as <asm/unistd.h> names it */
	const char *event;	/* the tracepoint's name when it differs (newstat) */
	uint32_t classes;	/* enum sysclass */
	bool quick;		/* never sleeps: its entry may wait for its exit */
	bool fork;		/* a new task returns from it too (with 0) */
	bool noreturn;		/* may never return (exit, execve seen from the
				 * old image): printed with "= ?" then */
	uint8_t ret;		/* enum rfmt */
	decode_fix_fn fix;	/* after the arguments are decoded */
	void (*result)(const struct call *c, struct dcall *d);	/* after the captures */
	struct sc_fd fd;
	/* the program copies the arguments only when argument cap_arg is
	 * below 64 and its bit is set in cap_when (0: always) */
	int8_t cap_arg;
	uint64_t cap_when;
	bool sigframe;		/* copy the signal mask rt_sigreturn restores */
	struct sc_arg arg[SC_MAX_ARGS];
};

/* The row of syscall nr; one with no name and no facts when the table
 * has none. */
const struct sc_info *table_get(int nr);

/* One past the highest number with a row. */
int table_size(void);

/* Number of arguments of a row (its last named one). */
int table_nargs(const struct sc_info *s);

/* The first argument strace prints only once the call returned: the first
 * one the kernel writes; table_nargs when there is none. */
int table_first_out(const struct sc_info *s);

#endif
