/* decode internals: what the decoders share. The syscall table
 * (syscalls/table.def) says, per syscall, how each argument prints and
 * which function fixes up the whole call where arguments depend on each
 * other; the files of decode/ hold those functions, one file per syscall
 * family. */
#ifndef LOTRACE_DECODE_INTERNAL_H
#define LOTRACE_DECODE_INTERNAL_H

#include "decode/decode.h"
#include "decode/xlat.h"
#include "pipeline/pair.h"
#include "syscalls/table.h"
#include "xlat_gen.h"

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

/* The return value, then strace's explanation of it: "1 (SUID_DUMP_USER)",
 * the value in hex when hex; nothing when aux is NULL. */
void decode_ret_aux(struct dcall *d, bool hex, const char *aux);

/* The return value in hex and the names of its bits in x, as strace's
 * sprintflags_ex in its "auxstr" mode: "0x3 (PR_FP_MODE_FR|PR_FP_MODE_FRE)". */
void decode_ret_flags(struct dcall *d, const struct xlat *x);

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
void fix_rt_sigreturn(struct dcall *d, const struct call *c);
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

void fix_mount(struct dcall *d, const struct call *c);
void fix_fsconfig(struct dcall *d, const struct call *c);
void fix_reboot(struct dcall *d, const struct call *c);
void fix_utsname(struct dcall *d, const struct call *c);
void decode_kexec_flags(struct dcall *d, struct darg *a);
void fix_setxattr(struct dcall *d, const struct call *c);
void fix_getxattr(struct dcall *d, const struct call *c);
void fix_listxattr(struct dcall *d, const struct call *c);
void xattr_value_result(const struct call *c, struct dcall *d);

void decode_socket_type(struct dcall *d, struct darg *a);
void fix_socket(struct dcall *d, const struct call *c);
void fix_sockopt(struct dcall *d, const struct call *c);

#endif
