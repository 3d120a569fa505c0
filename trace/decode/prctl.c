/* prctl and arch_prctl: which arguments each operation takes and how they
 * print, one row per operation as strace decodes them; the few whose
 * arguments depend on another's value have a function. */
#include <asm/prctl.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <string.h>

#include "decode/capture.h"
#include "decode/internal.h"
#include "decode/render.h"

/* prctl's PR_SET_DUMPABLE values (include/linux/sched/coredump.h: no
 * header exports them). */
static const char *const suid_dump[] = {
	"SUID_DUMP_DISABLE", "SUID_DUMP_USER", "SUID_DUMP_ROOT",
};

static const char *dumpable_name(uint64_t v)
{
	return v < sizeof(suid_dump) / sizeof(suid_dump[0]) ? suid_dump[v] : NULL;
}

void decode_pdeathsig(struct dcall *d, struct darg *a)
{
	if (a->value > 128)
		decode_fmt(d, a, F_UINT, NULL, NULL);
	else
		decode_fmt(d, a, F_SIG, NULL, NULL);
}

/* --- what depends on a value ------------------------------------------ */

static bool spec_ctrl_feature(uint64_t v)
{
	return v == PR_SPEC_STORE_BYPASS || v == PR_SPEC_INDIRECT_BRANCH ||
	       v == PR_SPEC_L1D_FLUSH;
}

static void get_dumpable(struct dcall *d, const struct call *c)
{
	(void)c;
	decode_ret_aux(d, false, dumpable_name((uint64_t)d->ret));
}

static void get_securebits(struct dcall *d, const struct call *c)
{
	(void)c;
	if (d->ret)
		decode_ret_flags(d, &xlat_secbits);
}

static void get_fp_mode(struct dcall *d, const struct call *c)
{
	(void)c;
	if (d->ret)
		decode_ret_flags(d, &xlat_pr_fp_mode);
}

static void get_spec_ctrl(struct dcall *d, const struct call *c)
{
	if (spec_ctrl_feature(c->args[1]))
		decode_ret_flags(d, &xlat_pr_spec_get_flags);
}

static void set_spec_ctrl(struct dcall *d, const struct call *c)
{
	if (spec_ctrl_feature(c->args[1]))
		decode_fmt(d, &d->arg[2], F_ENUM, &xlat_pr_spec_set_flags, "PR_SPEC_???");
}

static void set_dumpable(struct dcall *d, const struct call *c)
{
	struct xbuf b;

	dt_begin(d, &b);
	if (dumpable_name(c->args[1])) {
		xb_str(&b, dumpable_name(c->args[1]));
	} else {
		xb_hex(&b, c->args[1]);
		xb_str(&b, " /* SUID_DUMP_??? */");
	}
	dt_arg(d, &d->arg[1], &b);
}

static void cap_ambient(struct dcall *d, const struct call *c)
{
	if (c->args[1] == PR_CAP_AMBIENT_RAISE || c->args[1] == PR_CAP_AMBIENT_LOWER ||
	    c->args[1] == PR_CAP_AMBIENT_IS_SET)
		decode_fmt(d, &d->arg[2], F_ENUM, &xlat_caps, "CAP_???");
}

static void mce_kill(struct dcall *d, const struct call *c)
{
	if (c->args[1] == PR_MCE_KILL_SET)
		decode_fmt(d, &d->arg[2], F_ENUM, &xlat_pr_mce_kill_policy, "PR_MCE_KILL_???");
}

static void mce_kill_get(struct dcall *d, const struct call *c)
{
	(void)c;
	decode_ret_aux(d, false, xlat_name(&xlat_pr_mce_kill_policy, (uint64_t)d->ret));
}

static void set_vma(struct dcall *d, const struct call *c)
{
	if (c->args[1] != PR_SET_VMA_ANON_NAME)
		return;
	decode_fmt(d, &d->arg[2], F_PTR, NULL, NULL);
	decode_fmt(d, &d->arg[3], F_UINT, NULL, NULL);
	capture_cstring(c, d, 4, SIZE_MAX);
}

/* PR_SCHED_CORE: the pid type in strace's verbose style whatever -X says,
 * "0 / * PIDTYPE_PID * /"; the cookie PR_SCHED_CORE_GET writes at arg5 is
 * not copied (the row copies arg5 as a string): its address. */
static void sched_core(struct dcall *d, const struct call *c)
{
	uint32_t type = (uint32_t)c->args[3];
	const char *name = xlat_name(&xlat_pr_sched_core_pidtypes, type);
	struct xbuf b;

	decode_fmt(d, &d->arg[2], F_I32, NULL, NULL);
	dt_begin(d, &b);
	xb_hex(&b, type);
	xb_printf(&b, " /* %s */", name ? name : "PIDTYPE_???");
	dt_arg(d, &d->arg[3], &b);
	decode_fmt(d, &d->arg[4], F_PTR, NULL, NULL);
}

/* --- what the kernel writes at arg2 ------------------------------------ */

/* The TASK_COMM_LEN of <linux/sched.h>, which no uapi header exports. */
#define TASK_COMM_LEN 16

static void set_name(struct dcall *d, const struct call *c)
{
	capture_cstring(c, d, 1, TASK_COMM_LEN - 1);
}

/* The bytes the kernel wrote at arg2, when the call succeeded and the
 * program could copy them; else arg2 stays an address, as strace's
 * umove_or_printaddr leaves it. */
static const struct lt_cap *pr_out(struct dcall *d, const struct call *c, size_t size)
{
	const struct lt_cap *out = capture_find(c->cap_exit, 1);

	d->arg[1].keep = true;
	if (!c->returned || decode_is_error(c->ret) || !out || out->flags & LT_CAPF_FAULT ||
	    out->len < size)
		return NULL;
	return out;
}

/* The kernel writes the name with its NUL in TASK_COMM_LEN bytes: the
 * row copies the TASK_COMM_LEN - 1 that can be characters. */
static void get_name(struct dcall *d, const struct call *c)
{
	const struct lt_cap *out = pr_out(d, c, TASK_COMM_LEN - 1);
	const char *name = out ? (const char *)capture_bytes(out) : NULL;
	size_t len = name ? strnlen(name, TASK_COMM_LEN - 1) : 0;
	struct xbuf b;

	if (!out)
		return;
	dt_begin(d, &b);
	render_quote(&b, (const uint8_t *)name, len < d->strsize ? len : d->strsize,
		     len > d->strsize);
	dt_arg(d, &d->arg[1], &b);
}

/* An unsigned int, a signal, PR_TSC_*, PR_UNALIGN_* flags in brackets. */
static void get_out_int(struct dcall *d, const struct call *c)
{
	const struct lt_cap *out = pr_out(d, c, 4);
	uint32_t v;
	struct xbuf b;

	if (!out)
		return;
	memcpy(&v, capture_bytes(out), sizeof(v));
	dt_begin(d, &b);
	xb_char(&b, '[');
	switch ((unsigned int)c->args[0]) {
	case PR_GET_PDEATHSIG:
		fmt_signal(&b, (int)v);
		break;
	case PR_GET_TSC:
		xlat_enum(&b, &xlat_pr_tsc, v, "PR_TSC_???", XN_HEX);
		break;
	case PR_GET_UNALIGN:
		xlat_flags(&b, &xlat_pr_unalign, v, "PR_UNALIGN_???");
		break;
	default:
		xb_u64(&b, v);
		break;
	}
	xb_char(&b, ']');
	dt_arg(d, &d->arg[1], &b);
}

static void get_tid_address(struct dcall *d, const struct call *c)
{
	const struct lt_cap *out = pr_out(d, c, 8);
	struct xbuf b;
	uint64_t v;

	if (!out)
		return;
	memcpy(&v, capture_bytes(out), sizeof(v));
	dt_begin(d, &b);
	xb_char(&b, '[');
	if (v)
		xb_hex(&b, v);
	else
		xb_str(&b, "NULL");
	xb_char(&b, ']');
	dt_arg(d, &d->arg[1], &b);
}

static void set_ptracer(struct dcall *d, const struct call *c)
{
	if ((int)c->args[1] == -1)
		decode_sym(d, &d->arg[1], "PR_SET_PTRACER_ANY");
}

static void set_seccomp(struct dcall *d, const struct call *c)
{
	if (c->args[1] == SECCOMP_MODE_STRICT) {
		decode_hide_from(d, 2);
	} else if (c->args[1] == SECCOMP_MODE_FILTER) {
		decode_fmt(d, &d->arg[2], F_PTR, NULL, NULL);
		decode_hide_from(d, 3);
	}
}

/* --- the operations --------------------------------------------------- */

/* How one of arg2..arg5 prints; a zero one prints in hex, as strace's
 * print_prctl_args. */
struct pr_arg {
	uint8_t fmt;		/* enum afmt */
	uint8_t cast;		/* enum acast */
	const struct xlat *x;
	const char *dflt;
	decode_arg_fn fn;
};

struct pr_op {
	unsigned int option;
	int8_t shown;		/* arguments after the option strace prints; -1: all */
	struct pr_arg arg[4];	/* arg2 .. arg5 */
	decode_fix_fn fn;	/* what depends on a value */
};

#define P(f)		{ .fmt = f }
#define PE(t, d)	{ .fmt = F_ENUM, .x = &xlat_##t, .dflt = d }
#define PE32(t, d)	{ .fmt = F_ENUM, .cast = C_U32, .x = &xlat_##t, .dflt = d }
#define PF(t, d)	{ .fmt = F_FLAGS, .x = &xlat_##t, .dflt = d }
#define PF32(t, d)	{ .fmt = F_FLAGS, .cast = C_U32, .x = &xlat_##t, .dflt = d }
#define ALL		-1
/* option, arguments shown after it, its function, how each prints */
#define OP(o, n, f, ...) { .option = o, .shown = n, .fn = f, .arg = { __VA_ARGS__ } }

static const struct pr_op pr_ops[] = {
	OP(PR_GET_KEEPCAPS, 0, NULL),
	OP(PR_GET_SECCOMP, 0, NULL),
	OP(PR_GET_TIMERSLACK, 0, NULL),
	OP(PR_GET_TIMING, 0, NULL),
	OP(PR_TASK_PERF_EVENTS_DISABLE, 0, NULL),
	OP(PR_TASK_PERF_EVENTS_ENABLE, 0, NULL),
	OP(PR_GET_CHILD_SUBREAPER, 1, get_out_int, P(F_PTR)),
	OP(PR_GET_ENDIAN, 1, get_out_int, P(F_PTR)),
	OP(PR_GET_FPEMU, 1, get_out_int, P(F_PTR)),
	OP(PR_GET_FPEXC, 1, get_out_int, P(F_PTR)),
	OP(PR_GET_NAME, 1, get_name, P(F_PTR)),
	OP(PR_GET_PDEATHSIG, 1, get_out_int, P(F_PTR)),
	OP(PR_GET_TID_ADDRESS, 1, get_tid_address, P(F_PTR)),
	OP(PR_GET_TSC, 1, get_out_int, P(F_PTR)),
	OP(PR_GET_UNALIGN, 1, get_out_int, P(F_PTR)),
	OP(PR_GET_DUMPABLE, 0, get_dumpable),
	OP(PR_GET_SECUREBITS, 0, get_securebits),
	OP(PR_GET_FP_MODE, 0, get_fp_mode),
	OP(PR_GET_SPECULATION_CTRL, 1, get_spec_ctrl, PE(pr_spec_cmds, "PR_SPEC_???")),
	OP(PR_SET_CHILD_SUBREAPER, 1, NULL, P(F_UINT)),
	OP(PR_SET_ENDIAN, 1, NULL, P(F_UINT)),
	OP(PR_SET_FPEMU, 1, NULL, P(F_UINT)),
	OP(PR_SET_FPEXC, 1, NULL, P(F_UINT)),
	OP(PR_SET_KEEPCAPS, 1, NULL, P(F_UINT)),
	OP(PR_SET_TIMING, 1, NULL, P(F_UINT)),
	OP(PR_SET_DUMPABLE, 1, set_dumpable),
	OP(PR_CAPBSET_DROP, 1, NULL, PE(caps, "CAP_???")),
	OP(PR_CAPBSET_READ, 1, NULL, PE(caps, "CAP_???")),
	OP(PR_CAP_AMBIENT, ALL, cap_ambient, PE(pr_cap_ambient, "PR_CAP_AMBIENT_???")),
	OP(PR_MCE_KILL, ALL, mce_kill, PE(pr_mce_kill, "PR_MCE_KILL_???")),
	OP(PR_MCE_KILL_GET, ALL, mce_kill_get),
	OP(PR_SET_NAME, 1, set_name, P(F_PTR)),
	OP(PR_SET_VMA, ALL, set_vma, PE(pr_set_vma, "PR_SET_VMA_???")),
	OP(PR_SET_MM, ALL, NULL, PE32(pr_set_mm, "PR_SET_MM_???")),
	OP(PR_SET_PDEATHSIG, 1, NULL, { .fmt = F_FN, .fn = decode_pdeathsig }),
	OP(PR_SET_PTRACER, 1, set_ptracer, P(F_I32)),
	OP(PR_SET_SECCOMP, ALL, set_seccomp, PE(seccomp_modes, "SECCOMP_MODE_???")),
	OP(PR_SET_SECUREBITS, 1, NULL, PF(secbits, "SECBIT_???")),
	OP(PR_SET_TIMERSLACK, 1, NULL, P(F_INT)),
	OP(PR_SET_TSC, 1, NULL, PE32(pr_tsc, "PR_TSC_???")),
	OP(PR_SET_UNALIGN, 1, NULL, PF32(pr_unalign, "PR_UNALIGN_???")),
	OP(PR_SET_NO_NEW_PRIVS, ALL, NULL, P(F_UINT)),
	OP(PR_SET_THP_DISABLE, ALL, NULL, P(F_UINT)),
	OP(PR_SET_IO_FLUSHER, ALL, NULL, P(F_UINT)),
	OP(PR_SET_FP_MODE, 1, NULL, PF32(pr_fp_mode, "PR_FP_MODE_???")),
	OP(PR_SET_SPECULATION_CTRL, 2, set_spec_ctrl, PE(pr_spec_cmds, "PR_SPEC_???")),
	OP(PR_SCHED_CORE, ALL, sched_core, PE32(pr_sched_core_cmds, "PR_SCHED_CORE_???")),
	OP(PR_SET_SYSCALL_USER_DISPATCH, ALL, NULL,
	   PE(pr_sud_cmds, "PR_SYS_DISPATCH_???"), P(F_HEX), P(F_HEX), P(F_PTR)),
};

static const struct pr_op *pr_op_of(unsigned int option)
{
	for (size_t i = 0; i < sizeof(pr_ops) / sizeof(pr_ops[0]); i++)
		if (pr_ops[i].option == option)
			return &pr_ops[i];
	return NULL;
}

static void pr_arg(struct dcall *d, struct darg *a, const struct pr_arg *r, uint64_t reg)
{
	a->value = r->cast == C_U32 ? (uint32_t)reg : reg;
	if (r->fmt == F_FN)
		r->fn(d, a);
	else
		decode_fmt(d, a, r->fmt ? r->fmt : F_HEX, r->x, r->dflt);
}

void fix_prctl(struct dcall *d, const struct call *c)
{
	const struct pr_op *op = pr_op_of((unsigned int)c->args[0]);
	int shown = op && op->shown != ALL ? op->shown : 4;

	if (d->nargs != 5)
		return;
	/* arg2 and arg5 are copied as strings in case they are: only the
	 * operations' functions print them so */
	d->arg[1].keep = d->arg[4].keep = true;
	for (int i = 0; i < shown; i++)
		pr_arg(d, &d->arg[i + 1], op ? &op->arg[i] : &(struct pr_arg){ 0 }, c->args[i + 1]);
	decode_hide_from(d, shown + 1);
	if (op && op->fn)
		op->fn(d, c);
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

