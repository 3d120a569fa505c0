/* decode_impl: what the decoders share. The rule table (decode_rules.c)
 * says, per syscall number, how each argument prints (by its name in the
 * tracepoint format) and which function fixes up the whole call where
 * arguments depend on each other; the decode_*.c files hold those
 * functions, one file per syscall family. */
#ifndef LOTRACE_DECODE_IMPL_H
#define LOTRACE_DECODE_IMPL_H

#include "decode/decode.h"
#include "pipeline/pair.h"
#include "decode/xlat.h"
#include "xlat_gen.h"

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

typedef void (*decode_arg_fn)(struct dcall *d, struct darg *a);
/* Runs once the arguments are decoded: hides arguments strace leaves
 * out, decodes those whose meaning depends on another, sets ret_text. */
typedef void (*decode_fix_fn)(struct dcall *d, const struct call *c);

struct arg_rule {
	const char *name;	/* the tracepoint's argument name it applies to */
	uint8_t fmt;		/* enum afmt */
	uint8_t cast;		/* enum acast */
	const struct xlat *x;
	const char *dflt;	/* strace's "NAME_???" for values x does not name */
	decode_arg_fn fn;
};

enum rfmt {
	R_DEC,		/* the return value in decimal */
	R_HEX,		/* an address */
	R_OCT,		/* umask's old mask, like its argument */
};

struct sc_rule {
	decode_fix_fn fix;
	uint8_t ret;	/* enum rfmt */
	struct arg_rule arg[SC_MAX_ARGS];
};

/* The rule of syscall nr, or NULL: every argument by its type. */
const struct sc_rule *decode_rule(int nr);

/* Number of entries of the rule table (syscall numbers 0..n-1). */
int decode_rule_count(void);

/* Text for an argument or the return value, built in d's scratch space:
 * dt_begin, xb_* or xlat_* into the buffer, then dt_arg or dt_ret. */
void dt_begin(struct dcall *d, struct xbuf *b);
void dt_arg(struct dcall *d, struct darg *a, struct xbuf *b);
void dt_ret(struct dcall *d, struct xbuf *b);

/* Decode a with one of the table-free formats, or a table and its dflt. */
void decode_fmt(struct dcall *d, struct darg *a, enum afmt fmt, const struct xlat *x,
		const char *dflt);

/* Argument i when the call has it, else NULL. */
static inline struct darg *darg_at(struct dcall *d, int i)
{
	return i < d->nargs ? &d->arg[i] : NULL;
}

/* Hide arguments from..nargs-1: strace prints fewer for this call. */
void decode_hide_from(struct dcall *d, int from);

/* Formatters shared across families. */
void fmt_open_flags(struct xbuf *b, uint64_t flags);	/* O_RDONLY|O_CLOEXEC */
void fmt_signal(struct xbuf *b, int sig);		/* SIGINT, 77 */
void fmt_mode(struct xbuf *b, uint64_t mode);		/* 0644 of the low 16 bits */

/* Family decoders used by the rule table. */
void decode_open_flags(struct dcall *d, struct darg *a);
void fix_open(struct dcall *d, const struct call *c);
void fix_openat(struct dcall *d, const struct call *c);
void fix_fcntl(struct dcall *d, const struct call *c);
void decode_ioctl_cmd(struct dcall *d, struct darg *a);
void decode_mknod_mode(struct dcall *d, struct darg *a);
void fix_mknod(struct dcall *d, const struct call *c);
void fix_mknodat(struct dcall *d, const struct call *c);
void decode_statx_flags(struct dcall *d, struct darg *a);
void fix_mq_open(struct dcall *d, const struct call *c);
void decode_swapon_flags(struct dcall *d, struct darg *a);
void decode_mount_flags(struct dcall *d, struct darg *a);
void decode_dev(struct dcall *d, struct darg *a);

void fix_ioctl(struct dcall *d, const struct call *c);
void fix_timeout(struct dcall *d, const struct call *c);
void fix_signal_result(struct dcall *d, const struct call *c);
void decode_fan_init_flags(struct dcall *d, struct darg *a);
void decode_fan_dirfd(struct dcall *d, struct darg *a);
void decode_mmap_flags(struct dcall *d, struct darg *a);
void decode_mpol_mode(struct dcall *d, struct darg *a);
void fix_mremap(struct dcall *d, const struct call *c);
void decode_memfd_flags(struct dcall *d, struct darg *a);
void fix_shmget(struct dcall *d, const struct call *c);
void decode_ipc_key(struct dcall *d, struct darg *a);
void decode_ipc_flags(struct dcall *d, struct darg *a);
void decode_msgctl_cmd(struct dcall *d, struct darg *a);
void decode_semctl_cmd(struct dcall *d, struct darg *a);
void decode_shmctl_cmd(struct dcall *d, struct darg *a);
void decode_shmat_flags(struct dcall *d, struct darg *a);

void fix_clone(struct dcall *d, const struct call *c);
void fix_futex(struct dcall *d, const struct call *c);
void fix_prctl(struct dcall *d, const struct call *c);
void fix_arch_prctl(struct dcall *d, const struct call *c);
void fix_ptrace(struct dcall *d, const struct call *c);
void fix_keyctl(struct dcall *d, const struct call *c);
void decode_clockid(struct dcall *d, struct darg *a);
void fix_waitid(struct dcall *d, const struct call *c);
void decode_personality(struct dcall *d, struct darg *a);
void fix_personality(struct dcall *d, const struct call *c);
void fix_sched_getscheduler(struct dcall *d, const struct call *c);
void fix_time(struct dcall *d, const struct call *c);
void decode_ioprio_value(struct dcall *d, struct darg *a);
void fix_ioprio_get(struct dcall *d, const struct call *c);
void fix_membarrier(struct dcall *d, const struct call *c);
void fix_seccomp(struct dcall *d, const struct call *c);
void fix_kcmp(struct dcall *d, const struct call *c);
void decode_syslog_type(struct dcall *d, struct darg *a);
void fix_syslog(struct dcall *d, const struct call *c);
void decode_pdeathsig(struct dcall *d, struct darg *a);

void decode_socket_type(struct dcall *d, struct darg *a);
void fix_socket(struct dcall *d, const struct call *c);
void fix_sockopt(struct dcall *d, const struct call *c);

#endif
