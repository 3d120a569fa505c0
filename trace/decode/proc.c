/* Processes, signals, time and scheduling: clone, futex, prctl,
 * arch_prctl, waitid, clock ids, personality, ioprio, membarrier,
 * seccomp, kcmp, syslog, and the return values strace explains. */
#include <linux/futex.h>
#include <linux/ioprio.h>
#include <linux/membarrier.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <linux/kcmp.h>
#include <linux/keyctl.h>
#include <linux/personality.h>
#include <asm/prctl.h>
#include <linux/ptrace.h>
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

/* prctl's PR_SET_DUMPABLE values (include/linux/sched/coredump.h: no
 * header exports them). */
static const char *const suid_dump[] = {
	"SUID_DUMP_DISABLE", "SUID_DUMP_USER", "SUID_DUMP_ROOT",
};

static const char *dumpable_name(uint64_t v)
{
	return v < sizeof(suid_dump) / sizeof(suid_dump[0]) ? suid_dump[v] : NULL;
}

/* Arguments from..4 in hex, as strace's print_prctl_args. */
static void prctl_hex_from(struct dcall *d, int from)
{
	for (int i = from; i < d->nargs; i++)
		decode_fmt(d, &d->arg[i], F_HEX, NULL, NULL);
}

/* The return value, then strace's explanation of it: "1 (SUID_DUMP_USER)". */
static void ret_aux(struct dcall *d, bool hex, const char *aux)
{
	struct xbuf b;

	if ((d->ret_kind != DRET_INT && d->ret_kind != DRET_HEX) || !aux)
		return;
	dt_begin(d, &b);
	if (hex)
		xb_hex(&b, (uint64_t)d->ret);
	else
		xb_i64(&b, d->ret);
	xb_str(&b, " (");
	xb_str(&b, aux);
	xb_char(&b, ')');
	dt_ret(d, &b);
}

/* strace's sprintflags_ex in its "auxstr" mode: names, no bare number. */
static void ret_flags_aux(struct dcall *d, const struct xlat *x)
{
	char buf[256];
	struct xbuf t;
	uint64_t v = (uint64_t)d->ret;
	int n = 0;

	xb_init(&t, buf, sizeof(buf));
	if (!v && x->n && !x->ent[0].val) {
		xb_str(&t, x->ent[0].name);
		n = 1;
	}
	for (uint32_t i = 0; v && i < x->n; i++) {
		if (x->ent[i].val && (v & x->ent[i].val) == x->ent[i].val) {
			if (n++)
				xb_char(&t, '|');
			xb_str(&t, x->ent[i].name);
			v &= ~x->ent[i].val;
		}
	}
	if (!n)
		return;
	if (v) {
		xb_char(&t, '|');
		xb_hex(&t, v);
	}
	ret_aux(d, true, buf);
}

void decode_pdeathsig(struct dcall *d, struct darg *a)
{
	if (a->value > 128)
		decode_fmt(d, a, F_UINT, NULL, NULL);
	else
		decode_fmt(d, a, F_SIG, NULL, NULL);
}

void fix_prctl(struct dcall *d, const struct call *c)
{
	unsigned int option = (unsigned int)c->args[0];
	struct darg *a = d->arg;
	struct xbuf b;

	if (d->nargs != 5)
		return;
	switch (option) {
	case PR_GET_KEEPCAPS:
	case PR_GET_SECCOMP:
	case PR_GET_TIMERSLACK:
	case PR_GET_TIMING:
	case PR_TASK_PERF_EVENTS_DISABLE:
	case PR_TASK_PERF_EVENTS_ENABLE:
		decode_hide_from(d, 1);
		break;
	case PR_GET_CHILD_SUBREAPER:
	case PR_GET_ENDIAN:
	case PR_GET_FPEMU:
	case PR_GET_FPEXC:
	case PR_GET_NAME:
	case PR_GET_PDEATHSIG:
	case PR_GET_TID_ADDRESS:
	case PR_GET_TSC:
	case PR_GET_UNALIGN:
		decode_fmt(d, &a[1], F_PTR, NULL, NULL);
		decode_hide_from(d, 2);
		break;
	case PR_GET_DUMPABLE:
		decode_hide_from(d, 1);
		ret_aux(d, false, dumpable_name((uint64_t)d->ret));
		break;
	case PR_GET_SECUREBITS:
		decode_hide_from(d, 1);
		if (d->ret)
			ret_flags_aux(d, &xlat_secbits);
		break;
	case PR_GET_FP_MODE:
		decode_hide_from(d, 1);
		if (d->ret)
			ret_flags_aux(d, &xlat_pr_fp_mode);
		break;
	case PR_GET_SPECULATION_CTRL:
		decode_fmt(d, &a[1], F_ENUM, &xlat_pr_spec_cmds, "PR_SPEC_???");
		decode_hide_from(d, 2);
		switch (c->args[1]) {
		case PR_SPEC_STORE_BYPASS:
		case PR_SPEC_INDIRECT_BRANCH:
		case PR_SPEC_L1D_FLUSH:
			ret_flags_aux(d, &xlat_pr_spec_get_flags);
			break;
		}
		break;
	case PR_SET_CHILD_SUBREAPER:
	case PR_SET_ENDIAN:
	case PR_SET_FPEMU:
	case PR_SET_FPEXC:
	case PR_SET_KEEPCAPS:
	case PR_SET_TIMING:
		decode_fmt(d, &a[1], F_UINT, NULL, NULL);
		decode_hide_from(d, 2);
		break;
	case PR_SET_DUMPABLE:
		dt_begin(d, &b);
		if (dumpable_name(c->args[1])) {
			xb_str(&b, dumpable_name(c->args[1]));
		} else {
			xb_hex(&b, c->args[1]);
			xb_str(&b, " /* SUID_DUMP_??? */");
		}
		dt_arg(d, &a[1], &b);
		decode_hide_from(d, 2);
		break;
	case PR_CAPBSET_DROP:
	case PR_CAPBSET_READ:
		decode_fmt(d, &a[1], F_ENUM, &xlat_caps, "CAP_???");
		decode_hide_from(d, 2);
		break;
	case PR_CAP_AMBIENT:
		decode_fmt(d, &a[1], F_ENUM, &xlat_pr_cap_ambient, "PR_CAP_AMBIENT_???");
		switch (c->args[1]) {
		case PR_CAP_AMBIENT_RAISE:
		case PR_CAP_AMBIENT_LOWER:
		case PR_CAP_AMBIENT_IS_SET:
			decode_fmt(d, &a[2], F_ENUM, &xlat_caps, "CAP_???");
			prctl_hex_from(d, 3);
			break;
		default:
			prctl_hex_from(d, 2);
			break;
		}
		break;
	case PR_MCE_KILL:
		decode_fmt(d, &a[1], F_ENUM, &xlat_pr_mce_kill, "PR_MCE_KILL_???");
		if (c->args[1] == PR_MCE_KILL_SET)
			decode_fmt(d, &a[2], F_ENUM, &xlat_pr_mce_kill_policy, "PR_MCE_KILL_???");
		else
			decode_fmt(d, &a[2], F_HEX, NULL, NULL);
		prctl_hex_from(d, 3);
		break;
	case PR_SET_NAME:
		decode_fmt(d, &a[1], F_PTR, NULL, NULL);
		decode_hide_from(d, 2);
		break;
	case PR_SET_VMA:
		decode_fmt(d, &a[1], F_ENUM, &xlat_pr_set_vma, "PR_SET_VMA_???");
		if (c->args[1] == PR_SET_VMA_ANON_NAME) {
			decode_fmt(d, &a[2], F_PTR, NULL, NULL);
			decode_fmt(d, &a[3], F_UINT, NULL, NULL);
			decode_fmt(d, &a[4], F_PTR, NULL, NULL);
		} else {
			prctl_hex_from(d, 2);
		}
		break;
	case PR_SET_MM:
		a[1].value = (uint32_t)c->args[1];
		decode_fmt(d, &a[1], F_ENUM, &xlat_pr_set_mm, "PR_SET_MM_???");
		prctl_hex_from(d, 2);
		break;
	case PR_SET_PDEATHSIG:
		decode_pdeathsig(d, &a[1]);
		decode_hide_from(d, 2);
		break;
	case PR_SET_PTRACER:
		if ((int)c->args[1] == -1)
			decode_sym(d, &a[1], "PR_SET_PTRACER_ANY");
		else
			decode_fmt(d, &a[1], F_I32, NULL, NULL);
		decode_hide_from(d, 2);
		break;
	case PR_SET_SECCOMP:
		decode_fmt(d, &a[1], F_ENUM, &xlat_seccomp_modes, "SECCOMP_MODE_???");
		if (c->args[1] == SECCOMP_MODE_STRICT) {
			decode_hide_from(d, 2);
		} else if (c->args[1] == SECCOMP_MODE_FILTER) {
			decode_fmt(d, &a[2], F_PTR, NULL, NULL);
			decode_hide_from(d, 3);
		} else {
			prctl_hex_from(d, 2);
		}
		break;
	case PR_SET_SECUREBITS:
		decode_fmt(d, &a[1], F_FLAGS, &xlat_secbits, "SECBIT_???");
		decode_hide_from(d, 2);
		break;
	case PR_SET_TIMERSLACK:
		decode_fmt(d, &a[1], F_INT, NULL, NULL);
		decode_hide_from(d, 2);
		break;
	case PR_SET_TSC:
		a[1].value = (uint32_t)c->args[1];
		decode_fmt(d, &a[1], F_ENUM, &xlat_pr_tsc, "PR_TSC_???");
		decode_hide_from(d, 2);
		break;
	case PR_SET_UNALIGN:
		a[1].value = (uint32_t)c->args[1];
		decode_fmt(d, &a[1], F_FLAGS, &xlat_pr_unalign, "PR_UNALIGN_???");
		decode_hide_from(d, 2);
		break;
	case PR_SET_NO_NEW_PRIVS:
	case PR_SET_THP_DISABLE:
	case PR_SET_IO_FLUSHER:
		decode_fmt(d, &a[1], F_UINT, NULL, NULL);
		prctl_hex_from(d, 2);
		break;
	case PR_MCE_KILL_GET:
		prctl_hex_from(d, 1);
		ret_aux(d, false, xlat_name(&xlat_pr_mce_kill_policy, (uint64_t)d->ret));
		break;
	case PR_SET_FP_MODE:
		a[1].value = (uint32_t)c->args[1];
		decode_fmt(d, &a[1], F_FLAGS, &xlat_pr_fp_mode, "PR_FP_MODE_???");
		decode_hide_from(d, 2);
		break;
	case PR_SET_SPECULATION_CTRL:
		decode_fmt(d, &a[1], F_ENUM, &xlat_pr_spec_cmds, "PR_SPEC_???");
		switch (c->args[1]) {
		case PR_SPEC_STORE_BYPASS:
		case PR_SPEC_INDIRECT_BRANCH:
		case PR_SPEC_L1D_FLUSH:
			decode_fmt(d, &a[2], F_ENUM, &xlat_pr_spec_set_flags, "PR_SPEC_???");
			break;
		default:
			decode_fmt(d, &a[2], F_HEX, NULL, NULL);
			break;
		}
		decode_hide_from(d, 3);
		break;
	case PR_SET_SYSCALL_USER_DISPATCH:
		decode_fmt(d, &a[1], F_ENUM, &xlat_pr_sud_cmds, "PR_SYS_DISPATCH_???");
		decode_fmt(d, &a[2], F_HEX, NULL, NULL);
		decode_fmt(d, &a[3], F_HEX, NULL, NULL);
		decode_fmt(d, &a[4], F_PTR, NULL, NULL);
		break;
	default:
		prctl_hex_from(d, 1);
		break;
	}
}

/* ptrace: the pid, then the address and data where the request has them. */
void fix_ptrace(struct dcall *d, const struct call *c)
{
	if (d->nargs != 4)
		return;
	switch (c->args[0]) {
	case PTRACE_TRACEME:
		decode_hide_from(d, 1);
		return;
	case PTRACE_ATTACH:
	case PTRACE_INTERRUPT:
	case PTRACE_KILL:
	case PTRACE_LISTEN:
		decode_fmt(d, &d->arg[1], F_I32, NULL, NULL);
		decode_hide_from(d, 2);
		return;
	}
	decode_fmt(d, &d->arg[1], F_I32, NULL, NULL);
	decode_fmt(d, &d->arg[2], F_PTR, NULL, NULL);
	decode_fmt(d, &d->arg[3], F_PTR, NULL, NULL);
}

void fix_arch_prctl(struct dcall *d, const struct call *c)
{
	if (d->nargs != 2)
		return;
	switch ((unsigned int)c->args[0]) {
	case ARCH_GET_CPUID:
		d->arg[1].hidden = true;
		break;
	default:
		decode_fmt(d, &d->arg[1], F_HEX, NULL, NULL);
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

void fix_waitid(struct dcall *d, const struct call *c)
{
	(void)c;
	if (d->nargs != 5)
		return;
	decode_fmt(d, &d->arg[1], F_I32, NULL, NULL);
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
	ret_aux(d, true, buf);
}

void fix_sched_getscheduler(struct dcall *d, const struct call *c)
{
	(void)c;
	if (d->ret_kind == DRET_INT)
		ret_aux(d, false, xlat_name(&xlat_schedulers, (uint64_t)d->ret));
}

/* rt_sigtimedwait returns the signal it took: strace names it. */
void fix_signal_result(struct dcall *d, const struct call *c)
{
	char buf[16];

	(void)c;
	if (d->ret_kind == DRET_INT && d->ret > 0)
		ret_aux(d, false, signame((int)d->ret, buf, sizeof(buf)));
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
	ret_aux(d, false, buf);
}

/* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
static void fmt_ioprio(struct xbuf *b, unsigned int ioprio)
{
	xb_str(b, "IOPRIO_PRIO_VALUE(");
	xlat_enum(b, &xlat_ioprio_class, IOPRIO_PRIO_CLASS(ioprio), "IOPRIO_CLASS_???", XN_HEX);
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
	ret_aux(d, false, buf);
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
	ret_aux(d, true, buf);
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
		break;
	case KCMP_EPOLL_TFD:
		decode_fmt(d, &d->arg[3], F_FD, NULL, NULL);
		decode_fmt(d, &d->arg[4], F_PTR, NULL, NULL);
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

/* keyctl: what each command's arguments are, in order. */
enum { K_KEY = 1, K_INT, K_UINT, K_U32, K_ID, K_PTR, K_ERRNO, K_REQKEY, K_MOVE };
static const struct {
	int cmd;
	uint8_t arg[4];
} keyctl_args[] = {
	{ KEYCTL_GET_KEYRING_ID, { K_KEY, K_INT } },
	{ KEYCTL_JOIN_SESSION_KEYRING, { K_PTR } },
	{ KEYCTL_UPDATE, { K_KEY, K_PTR, K_UINT } },
	{ KEYCTL_REVOKE, { K_KEY } },
	{ KEYCTL_CLEAR, { K_KEY } },
	{ KEYCTL_INVALIDATE, { K_KEY } },
	{ KEYCTL_ASSUME_AUTHORITY, { K_KEY } },
	{ KEYCTL_LINK, { K_KEY, K_KEY } },
	{ KEYCTL_UNLINK, { K_KEY, K_KEY } },
	{ KEYCTL_DESCRIBE, { K_KEY, K_PTR, K_UINT } },
	{ KEYCTL_READ, { K_KEY, K_PTR, K_UINT } },
	{ KEYCTL_GET_SECURITY, { K_KEY, K_PTR, K_UINT } },
	{ KEYCTL_SEARCH, { K_KEY, K_PTR, K_PTR, K_KEY } },
	{ KEYCTL_CHOWN, { K_KEY, K_ID, K_ID } },
	{ KEYCTL_INSTANTIATE, { K_KEY, K_PTR, K_UINT, K_KEY } },
	{ KEYCTL_INSTANTIATE_IOV, { K_KEY, K_PTR, K_UINT, K_KEY } },
	{ KEYCTL_NEGATE, { K_KEY, K_U32, K_KEY } },
	{ KEYCTL_REJECT, { K_KEY, K_U32, K_ERRNO, K_KEY } },
	{ KEYCTL_SET_REQKEY_KEYRING, { K_REQKEY } },
	{ KEYCTL_SET_TIMEOUT, { K_KEY, K_U32 } },
	{ KEYCTL_SESSION_TO_PARENT, { 0 } },
	{ KEYCTL_GET_PERSISTENT, { K_ID, K_KEY } },
	{ KEYCTL_RESTRICT_KEYRING, { K_KEY, K_PTR, K_PTR } },
	{ KEYCTL_MOVE, { K_KEY, K_KEY, K_KEY, K_MOVE } },
	{ KEYCTL_CAPABILITIES, { K_PTR, K_UINT } },
};

static void keyctl_arg(struct dcall *d, struct darg *a, int how)
{
	struct xbuf b;

	switch (how) {
	case K_KEY:
		a->value = (uint64_t)(int64_t)(int32_t)a->value;
		decode_fmt(d, a, F_ENUM_D, &xlat_key_spec, NULL);
		break;
	case K_INT:
		decode_fmt(d, a, F_I32, NULL, NULL);
		break;
	case K_UINT:
		decode_fmt(d, a, F_UINT, NULL, NULL);
		break;
	case K_U32:
		decode_fmt(d, a, F_U32, NULL, NULL);
		break;
	case K_ID:
		decode_fmt(d, a, F_ID, NULL, NULL);
		break;
	case K_PTR:
		decode_fmt(d, a, F_PTR, NULL, NULL);
		break;
	case K_ERRNO:
		/* strace's print_err: the errno's name, else the number */
		dt_begin(d, &b);
		if (errtab_name((int)(uint32_t)a->value))
			xb_str(&b, errtab_name((int)(uint32_t)a->value));
		else
			xb_u64(&b, (uint32_t)a->value);
		dt_arg(d, a, &b);
		break;
	case K_REQKEY:
		a->value = (uint64_t)(int64_t)(int32_t)a->value;
		decode_fmt(d, a, F_ENUM_D, &xlat_key_reqkeys, "KEY_REQKEY_DEFL_???");
		break;
	case K_MOVE:
		a->value = (uint32_t)a->value;
		decode_fmt(d, a, F_FLAGS, &xlat_keyctl_move_flags, "KEYCTL_MOVE_???");
		break;
	}
}

void fix_keyctl(struct dcall *d, const struct call *c)
{
	int cmd = (int)c->args[0];

	if (d->nargs != 5)
		return;
	for (size_t i = 0; i < sizeof(keyctl_args) / sizeof(keyctl_args[0]); i++) {
		if (keyctl_args[i].cmd != cmd)
			continue;
		for (int j = 0; j < 4; j++) {
			if (keyctl_args[i].arg[j])
				keyctl_arg(d, &d->arg[j + 1], keyctl_args[i].arg[j]);
			else
				d->arg[j + 1].hidden = true;
		}
		return;
	}
	/* commands strace decodes from structs, and unknown ones: hex */
	for (int j = 1; j < 5; j++)
		decode_fmt(d, &d->arg[j], F_HEX, NULL, NULL);
}
