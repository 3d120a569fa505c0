/* Processes, signals, time and scheduling: clone, futex, waitid,
 * clock ids, personality, ioprio, membarrier, seccomp, kcmp, syslog, and
 * the return values strace explains. prctl, ptrace and keyctl have files of
 * their own. */
#include <linux/futex.h>
#include <linux/ioprio.h>
#include <linux/membarrier.h>
#include <linux/seccomp.h>
#include <linux/kcmp.h>
#include <linux/personality.h>
#include <linux/wait.h>
#include <sched.h>
#include <string.h>
#include <time.h>

#include "decode/internal.h"
#include "decode/errtab.h"
#include "decode/signames.h"

/* The clone arguments in strace's order, named as strace names them. */
enum { CL_FLAGS, CL_STACK, CL_PTID, CL_CTID, CL_TLS };

void fix_clone(struct dcall *d, const struct call *c)
{
	uint64_t flags = c->args[CL_FLAGS] & ~(uint64_t)CSIGNAL;
	int sig = (int)(c->args[CL_FLAGS] & CSIGNAL);
	struct darg in[SC_MAX_ARGS];
	struct xbuf b;
	int n = 0;

	if (d->nargs != 5)
		return;
	memcpy(in, d->arg, sizeof(in));
	d->arg[n] = in[CL_STACK];
	d->arg[n].label = "child_stack";
	decode_fmt(d, &d->arg[n++], F_PTR, NULL, NULL);

	d->arg[n] = in[CL_FLAGS];
	d->arg[n].label = "flags";
	dt_begin(d, &b);
	if (flags) {
		xlat_flags(&b, &xlat_clone_flags, flags, "CLONE_???");
		if (sig) {
			xb_char(&b, '|');
			fmt_signal(&b, sig);
		}
	} else {
		fmt_signal(&b, sig);
	}
	dt_arg(d, &d->arg[n++], &b);

	d->arg[n] = in[CL_PTID];
	d->arg[n].label = "parent_tid";
	d->arg[n++].hidden = !(flags & (CLONE_PARENT_SETTID | CLONE_PIDFD));
	d->arg[n] = in[CL_TLS];
	d->arg[n].label = "tls";
	decode_fmt(d, &d->arg[n], F_PTR, NULL, NULL);
	d->arg[n++].hidden = !(flags & CLONE_SETTLS);
	d->arg[n] = in[CL_CTID];
	d->arg[n].label = "child_tidptr";
	d->arg[n++].hidden = !(flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID));
}

/* FUTEX_WAKE_OP's encoded operation. */
static void fmt_futex_wake_op(struct xbuf *b, uint32_t v)
{
	if ((v >> 28) & FUTEX_OP_OPARG_SHIFT)
		xb_str(b, "FUTEX_OP_OPARG_SHIFT<<28|");
	if (xlat_enum(b, &xlat_futex_wake_ops, (v >> 28) & 7, NULL, XN_HEX))
		xb_str(b, "<<28");
	else
		xb_str(b, "<<28 /* FUTEX_OP_??? */");
	xb_char(b, '|');
	xb_hex(b, (v >> 12) & 0xfff);
	xb_str(b, "<<12|");
	if (xlat_enum(b, &xlat_futex_wake_cmps, (v >> 24) & 0xf, NULL, XN_HEX))
		xb_str(b, "<<24");
	else
		xb_str(b, "<<24 /* FUTEX_OP_CMP_??? */");
	xb_char(b, '|');
	xb_hex(b, v & 0xfff);
}

/* futex: which arguments an operation takes, and how they print. */
enum { FX_UADDR, FX_OP, FX_VAL, FX_TIMEOUT, FX_UADDR2, FX_VAL3 };

void fix_futex(struct dcall *d, const struct call *c)
{
	int op = (int)c->args[FX_OP];
	struct darg *a = d->arg;
	struct xbuf b;

	if (d->nargs != 6)
		return;
	decode_fmt(d, &a[FX_VAL], F_U32, NULL, NULL);
	/* strace keeps the low 7 bits: the flags start at the private one */
	switch (op & (FUTEX_PRIVATE_FLAG - 1)) {
	case FUTEX_WAIT:
		decode_hide_from(d, FX_UADDR2);
		break;
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		a[FX_VAL].hidden = true;
		decode_hide_from(d, FX_UADDR2);
		break;
	case FUTEX_WAIT_BITSET:
		a[FX_UADDR2].hidden = true;
		decode_fmt(d, &a[FX_VAL3], F_ENUM, &xlat_futex_bitset, NULL);
		break;
	case FUTEX_WAKE_BITSET:
		a[FX_TIMEOUT].hidden = true;
		a[FX_UADDR2].hidden = true;
		decode_fmt(d, &a[FX_VAL3], F_ENUM, &xlat_futex_bitset, NULL);
		break;
	case FUTEX_REQUEUE:
		decode_fmt(d, &a[FX_TIMEOUT], F_U32, NULL, NULL);
		a[FX_VAL3].hidden = true;
		break;
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
		decode_fmt(d, &a[FX_TIMEOUT], F_U32, NULL, NULL);
		decode_fmt(d, &a[FX_VAL3], F_U32, NULL, NULL);
		break;
	case FUTEX_WAKE_OP:
		decode_fmt(d, &a[FX_TIMEOUT], F_U32, NULL, NULL);
		dt_begin(d, &b);
		fmt_futex_wake_op(&b, (uint32_t)c->args[FX_VAL3]);
		dt_arg(d, &a[FX_VAL3], &b);
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		a[FX_VAL3].hidden = true;
		break;
	case FUTEX_FD:
	case FUTEX_WAKE:
		decode_hide_from(d, FX_TIMEOUT);
		break;
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		decode_hide_from(d, FX_VAL);
		break;
	default:
		decode_fmt(d, &a[FX_VAL3], F_X32, NULL, NULL);
		break;
	}
}

/* strace's printclockname: its CPU-clock spelling is compiled out, so a
 * negative id (a CPU clock, a clock fd) prints as an unknown CLOCK_. */
void decode_clockid(struct dcall *d, struct darg *a)
{
	a->value = (uint32_t)a->value;	/* an int, through printxval's unsigned int */
	decode_fmt(d, a, F_ENUM, &xlat_clocks, "CLOCK_???");
}

/* waitid: the id is a pidfd for P_PIDFD (-y names it), else an int */
void fix_waitid(struct dcall *d, const struct call *c)
{
	if (d->nargs != 5)
		return;
	decode_fmt(d, &d->arg[1], (uint32_t)c->args[0] == P_PIDFD ? F_FD : F_I32, NULL, NULL);
	d->arg[1].fd = (uint32_t)c->args[0] == P_PIDFD;
}

/* personality: the kind by name, then its flags. */
static void fmt_personality(struct xbuf *b, unsigned int pers)
{
	xlat_enum(b, &xlat_personality_types, pers & PER_MASK, "PER_???", XN_HEX);
	pers &= ~PER_MASK;
	if (pers) {
		xb_char(b, '|');
		xlat_flags(b, &xlat_personality_flags, pers, NULL);
	}
}

void decode_personality(struct dcall *d, struct darg *a)
{
	unsigned int pers = (uint32_t)a->value;
	struct xbuf b;

	if (pers == 0xffffffff) {	/* the query */
		decode_fmt(d, a, F_X32, NULL, NULL);
		return;
	}
	dt_begin(d, &b);
	fmt_personality(&b, pers);
	dt_arg(d, a, &b);
}

void fix_personality(struct dcall *d, const struct call *c)
{
	char buf[256];
	struct xbuf t;

	(void)c;
	xb_init(&t, buf, sizeof(buf));
	fmt_personality(&t, (unsigned int)d->ret);
	decode_ret_aux(d, true, buf);
}

void fix_sched_getscheduler(struct dcall *d, const struct call *c)
{
	(void)c;
	if (d->ret_kind == DRET_INT)
		decode_ret_aux(d, false, xlat_name(&xlat_schedulers, (uint64_t)d->ret));
}

/* rt_sigtimedwait returns the signal it took: strace names it. */
void fix_signal_result(struct dcall *d, const struct call *c)
{
	char buf[16];

	(void)c;
	if (d->ret_kind == DRET_INT && d->ret > 0)
		decode_ret_aux(d, false, signame((int)d->ret, buf, sizeof(buf)));
}

/* time(2) returns the time: strace adds it as a date. */
void fix_time(struct dcall *d, const struct call *c)
{
	time_t t = (time_t)d->ret;
	char buf[64];
	struct tm tm;
	size_t n;

	(void)c;
	if (d->ret_kind != DRET_INT || !d->ret || !localtime_r(&t, &tm))
		return;
	n = strftime(buf, sizeof(buf), "%FT%T", &tm);
	if (!n || !strftime(buf + n, sizeof(buf) - n, "%z", &tm))
		return;
	decode_ret_aux(d, false, buf);
}

/* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
static void fmt_ioprio(struct xbuf *b, unsigned int ioprio)
{
	xb_str(b, "IOPRIO_PRIO_VALUE(");
	/* the class is all the bits above the data: the headers' macro
	 * masks them since Linux 6.0, strace's does not */
	xlat_enum(b, &xlat_ioprio_class, ioprio >> IOPRIO_CLASS_SHIFT, "IOPRIO_CLASS_???", XN_HEX);
	xb_str(b, ", ");
	xb_i64(b, (int)IOPRIO_PRIO_DATA(ioprio));
	xb_char(b, ')');
}

void decode_ioprio_value(struct dcall *d, struct darg *a)
{
	struct xbuf b;

	dt_begin(d, &b);
	fmt_ioprio(&b, (unsigned int)a->value);
	dt_arg(d, a, &b);
}

void fix_ioprio_get(struct dcall *d, const struct call *c)
{
	char buf[128];
	struct xbuf t;

	(void)c;
	xb_init(&t, buf, sizeof(buf));
	fmt_ioprio(&t, (unsigned int)d->ret);
	decode_ret_aux(d, false, buf);
}

void fix_membarrier(struct dcall *d, const struct call *c)
{
	char buf[512];
	struct xbuf t;

	if (d->nargs != 3)
		return;
	if (!((unsigned int)c->args[1] & MEMBARRIER_CMD_FLAG_CPU))
		d->arg[2].hidden = true;
	if ((int)c->args[0] != MEMBARRIER_CMD_QUERY || d->ret_kind != DRET_INT || !d->ret)
		return;
	xb_init(&t, buf, sizeof(buf));
	xlat_flags_bare(&t, &xlat_membarrier_cmds, (uint64_t)d->ret);
	decode_ret_aux(d, true, buf);
}

void fix_seccomp(struct dcall *d, const struct call *c)
{
	if (d->nargs != 3)
		return;
	if ((unsigned int)c->args[0] == SECCOMP_SET_MODE_FILTER)
		decode_fmt(d, &d->arg[1], F_FLAGS, &xlat_seccomp_filter_flags,
			   "SECCOMP_FILTER_FLAG_???");
	else
		decode_fmt(d, &d->arg[1], F_X32, NULL, NULL);
}

void fix_kcmp(struct dcall *d, const struct call *c)
{
	if (d->nargs != 5)
		return;
	switch ((int)c->args[2]) {
	case KCMP_FILE:
		decode_fmt(d, &d->arg[3], F_FD, NULL, NULL);
		decode_fmt(d, &d->arg[4], F_FD, NULL, NULL);
		/* -y: strace names them from the tracee's table */
		d->arg[3].fd = d->arg[4].fd = true;
		break;
	case KCMP_EPOLL_TFD:
		/* idx2: the slot the row copies, struct kcmp_epoll_slot */
		decode_fmt(d, &d->arg[3], F_FD, NULL, NULL);
		decode_fmt(d, &d->arg[4], F_PTR, NULL, NULL);
		d->arg[3].fd = true;
		break;
	case KCMP_FILES:
	case KCMP_FS:
	case KCMP_IO:
	case KCMP_SIGHAND:
	case KCMP_SYSVSEM:
	case KCMP_VM:
		decode_hide_from(d, 3);
		break;
	default:
		decode_fmt(d, &d->arg[3], F_HEX, NULL, NULL);
		decode_fmt(d, &d->arg[4], F_HEX, NULL, NULL);
		break;
	}
}

/* syslog's actions and console levels (include/linux/syslog.h and
 * kern_levels.h: kernel-internal, no header exports them). */
static const char *const syslog_actions[] = {
	"SYSLOG_ACTION_CLOSE", "SYSLOG_ACTION_OPEN", "SYSLOG_ACTION_READ",
	"SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR", "SYSLOG_ACTION_CLEAR",
	"SYSLOG_ACTION_CONSOLE_OFF", "SYSLOG_ACTION_CONSOLE_ON",
	"SYSLOG_ACTION_CONSOLE_LEVEL", "SYSLOG_ACTION_SIZE_UNREAD",
	"SYSLOG_ACTION_SIZE_BUFFER",
};
enum {
	SYSLOG_READ = 2, SYSLOG_READ_ALL = 3, SYSLOG_READ_CLEAR = 4,
	SYSLOG_CONSOLE_LEVEL = 8, SYSLOG_NACTIONS = 11,
};
static const char *const log_levels[] = {
	"LOGLEVEL_EMERG", "LOGLEVEL_ALERT", "LOGLEVEL_CRIT", "LOGLEVEL_ERR",
	"LOGLEVEL_WARNING", "LOGLEVEL_NOTICE", "LOGLEVEL_INFO", "LOGLEVEL_DEBUG",
};

/* strace prints these two in its verbose style: "3 / * NAME * /". */
static void verbose_enum(struct dcall *d, struct darg *a, int v, const char *const *names,
			 int n, const char *dflt)
{
	struct xbuf b;

	dt_begin(d, &b);
	xb_i64(&b, v);
	xb_str(&b, " /* ");
	xb_str(&b, v >= 0 && v < n ? names[v] : dflt);
	xb_str(&b, " */");
	dt_arg(d, a, &b);
}

void decode_syslog_type(struct dcall *d, struct darg *a)
{
	verbose_enum(d, a, (int)a->value, syslog_actions, SYSLOG_NACTIONS,
		     "SYSLOG_ACTION_???");
}

void fix_syslog(struct dcall *d, const struct call *c)
{
	int type = (int)c->args[0];

	if (d->nargs != 3)
		return;
	decode_fmt(d, &d->arg[1], F_PTR, NULL, NULL);
	switch (type) {
	case SYSLOG_READ:
	case SYSLOG_READ_ALL:
	case SYSLOG_READ_CLEAR:
		decode_fmt(d, &d->arg[2], F_I32, NULL, NULL);
		break;
	case SYSLOG_CONSOLE_LEVEL:
		verbose_enum(d, &d->arg[2], (int)c->args[2], log_levels,
			     sizeof(log_levels) / sizeof(log_levels[0]), "LOGLEVEL_???");
		break;
	default:
		if (type >= 0 && type < SYSLOG_NACTIONS)
			decode_hide_from(d, 1);
		else
			decode_fmt(d, &d->arg[2], F_I32, NULL, NULL);
		break;
	}
}
