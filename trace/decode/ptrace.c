/* ptrace: which arguments each request takes and how they print, as
 * strace decodes them: the pid, the address (a struct user offset, a
 * regset's NT_ type, a size) and the data (a signal, PTRACE_O_ options, a
 * word or siginfo the kernel writes, a regset's iovec, a syscall's info).
 * The row copies 128 bytes at data at entry and at exit, and the first
 * bytes behind the pointer at its start at exit: a regset. */
#include <linux/audit.h>
#include <linux/elf.h>
#include <linux/ptrace.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/user.h>

#include "decode/capture.h"
#include "decode/errtab.h"
#include "decode/internal.h"
#include "decode/render.h"
#include "decode/siginfo.h"
#include "syscalls/systab.h"

/* --- the address --------------------------------------------------------- */

/* struct user's fields as strace names offsets into it (its userent.h:
 * the registers as 8*NAME, then the fields); past the last, an address */
struct user_off {
	uint32_t off;
	const char *name;
};

#define REG(r, n)	{ offsetof(struct user, regs.r), "8*" n }
#define FIELD(f)	{ offsetof(struct user, f), "offsetof(struct user, " #f ")" }

static const struct user_off user_offs[] = {
	REG(r15, "R15"), REG(r14, "R14"), REG(r13, "R13"), REG(r12, "R12"), REG(rbp, "RBP"),
	REG(rbx, "RBX"), REG(r11, "R11"), REG(r10, "R10"), REG(r9, "R9"), REG(r8, "R8"),
	REG(rax, "RAX"), REG(rcx, "RCX"), REG(rdx, "RDX"), REG(rsi, "RSI"), REG(rdi, "RDI"),
	REG(orig_rax, "ORIG_RAX"), REG(rip, "RIP"), REG(cs, "CS"), REG(eflags, "EFL"),
	REG(rsp, "RSP"), REG(ss, "SS"),
	FIELD(u_fpvalid), FIELD(i387), FIELD(u_tsize), FIELD(u_dsize), FIELD(u_ssize),
	FIELD(start_code), FIELD(start_stack), FIELD(signal), FIELD(reserved), FIELD(u_ar0),
	FIELD(u_fpstate), FIELD(magic), FIELD(u_comm), FIELD(u_debugreg),
	{ sizeof(struct user), "sizeof(struct user)" },
};

#define NUSER (sizeof(user_offs) / sizeof(user_offs[0]))

/* strace's print_user_offset_addr: the field at or below addr, "+N" past
 * its start; an address beyond the struct's end. */
static void user_offset(struct dcall *d, struct darg *a, uint64_t addr)
{
	const struct user_off *at = NULL;
	struct xbuf b;

	for (size_t i = 0; i < NUSER && user_offs[i].off <= addr; i++)
		at = &user_offs[i];
	if (!at || (at == &user_offs[NUSER - 1] && addr > at->off)) {
		decode_fmt(d, a, F_PTR, NULL, NULL);
		return;
	}
	dt_begin(d, &b);
	xb_str(&b, at->name);
	if (addr > at->off)
		xb_printf(&b, "+%llu", (unsigned long long)(addr - at->off));
	dt_arg(d, a, &b);
}

static void pt_addr(struct dcall *d, const struct call *c)
{
	struct darg *a = &d->arg[2];

	switch (c->args[0]) {
	case PTRACE_PEEKUSR:
	case PTRACE_POKEUSR:
		user_offset(d, a, c->args[2]);
		break;
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		a->value = (uint32_t)c->args[2];
		decode_fmt(d, a, F_ENUM, &xlat_nt_descriptor_types, "NT_???");
		break;
	case PTRACE_GETSIGMASK:
	case PTRACE_SETSIGMASK:
	case PTRACE_SECCOMP_GET_FILTER:
	case PTRACE_SECCOMP_GET_METADATA:
	case PTRACE_GET_SYSCALL_INFO:
		decode_fmt(d, a, F_UINT, NULL, NULL);
		break;
	default:
		decode_fmt(d, a, F_PTR, NULL, NULL);
		break;
	}
}

/* --- the data ------------------------------------------------------------ */

/* Whether data points at what the row's copies show (render_ptrace_data);
 * the others print from the register alone. */
static bool data_copied(uint64_t request)
{
	switch (request) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
	case PTRACE_PEEKUSR:
	case PTRACE_GETEVENTMSG:
	case PTRACE_GETSIGINFO:
	case PTRACE_SETSIGINFO:
	case PTRACE_GETSIGMASK:
	case PTRACE_SETSIGMASK:
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
	case PTRACE_GET_SYSCALL_INFO:
		return true;
	default:
		return false;
	}
}

static void pt_data(struct dcall *d, const struct call *c)
{
	struct darg *a = &d->arg[3];

	switch (c->args[0]) {
	case PTRACE_CONT:
	case PTRACE_DETACH:
	case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
	case PTRACE_SINGLEBLOCK:
	case PTRACE_SYSEMU:
	case PTRACE_SYSEMU_SINGLESTEP:
		decode_fmt(d, a, F_SIG, NULL, NULL);
		break;
	case PTRACE_SEIZE:
	case PTRACE_SETOPTIONS:
		decode_fmt(d, a, F_FLAGS, &xlat_ptrace_setoptions_flags, "PTRACE_O_???");
		break;
	default:
		decode_fmt(d, a, F_PTR, NULL, NULL);
		break;
	}
	a->keep = !data_copied(c->args[0]);
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
	pt_addr(d, c);
	pt_data(d, c);
}

/* --- what data points at -------------------------------------------------- */

/* strace's x86-64 prstatus regset: the registers in hex, as many as the
 * iovec's length holds, ", ..." past the struct */
static const char *const regs_names[] = {
	"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx",
	"rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base",
	"gs_base", "ds", "es", "fs", "gs",
};

#define NREGS (sizeof(regs_names) / sizeof(regs_names[0]))

static bool fmt_prstatus(struct xbuf *b, const struct call *c, uint64_t size)
{
	const struct lt_cap *regs = cap_usable(render_follow(c, true));
	size_t n = size < NREGS * 8 ? size / 8 : NREGS;
	uint64_t v;

	if (!size || size & 7 || !regs || regs->len < n * 8)
		return false;
	xb_char(b, '{');
	for (size_t i = 0; i < n; i++) {
		memcpy(&v, capture_bytes(regs) + i * 8, sizeof(v));
		xb_printf(b, "%s%s=", i ? ", " : "", regs_names[i]);
		xb_hex(b, v);
	}
	if (size > NREGS * 8)
		xb_str(b, ", ...");
	xb_char(b, '}');
	return true;
}

/* GETREGSET's iovec once the call returned, the length the kernel left
 * after the one it was given; SETREGSET's as it was given. */
static bool fmt_regset(const struct rctx *x, struct xbuf *b)
{
	const struct call *c = x->c;
	uint64_t in[2], out[2];
	bool get = c->args[0] == PTRACE_GETREGSET;

	if (!x->in || x->in->len < sizeof(in) || (get && !c->returned))
		return false;
	memcpy(in, capture_bytes(x->in), sizeof(in));
	memcpy(out, in, sizeof(out));
	if (get && x->out && x->out->len >= sizeof(out))
		memcpy(out, capture_bytes(x->out), sizeof(out));
	xb_str(b, "{iov_base=");
	if (!(get && render_call_ok(c) && (uint32_t)c->args[2] == NT_PRSTATUS &&
	      fmt_prstatus(b, c, out[1]))) {
		if (out[0])
			xb_hex(b, out[0]);
		else
			xb_str(b, "NULL");
	}
	xb_printf(b, ", iov_len=%llu", (unsigned long long)in[1]);
	if (out[1] != in[1])
		xb_printf(b, " => %llu", (unsigned long long)out[1]);
	xb_char(b, '}');
	return true;
}

/* struct ptrace_syscall_info, as many bytes of it as both the size given
 * and the one returned say */
static void fmt_syscall_nr(struct xbuf *b, uint64_t nr, uint32_t arch)
{
	const char *name = arch == AUDIT_ARCH_X86_64 && nr < 1024 ? systab_name((int)nr) : NULL;

	xb_str(b, "nr=");
	if (name)
		xb_printf(b, "__NR_%s", name);
	else
		xb_u64(b, nr);
}

static void fmt_syscall_args(struct xbuf *b, const uint8_t *p, size_t fetched, size_t at)
{
	size_t n = fetched > at ? (fetched - at) / 8 : 0;
	uint64_t v;

	if (!n)
		return;
	xb_str(b, ", args=[");
	for (size_t i = 0; i < n && i < 6; i++) {
		memcpy(&v, p + at + i * 8, sizeof(v));
		if (i)
			xb_str(b, ", ");
		xb_hex(b, v);
	}
	xb_char(b, ']');
}

#define PSI_EXIT_SIZE (offsetof(struct ptrace_syscall_info, exit.is_error) + 1)
#define PSI_SECCOMP_SIZE (offsetof(struct ptrace_syscall_info, seccomp.ret_data) + 4)

static void fmt_psi_exit(struct xbuf *b, const struct ptrace_syscall_info *si, size_t fetched)
{
	const char *err = NULL;

	if (fetched >= PSI_EXIT_SIZE && si->exit.is_error && si->exit.rval < 0)
		err = errtab_name((int)-si->exit.rval);
	xb_str(b, "exit={rval=");
	if (err)
		xb_printf(b, "-%s", err);
	else
		xb_i64(b, si->exit.rval);
	if (fetched >= PSI_EXIT_SIZE)
		xb_printf(b, ", is_error=%u", si->exit.is_error);
	xb_char(b, '}');
}

static bool fmt_syscall_info(const struct rctx *x, struct xbuf *b)
{
	const struct call *c = x->c;
	struct ptrace_syscall_info si;
	const uint8_t *p;
	size_t fetched;

	if (!render_call_ok(c) || !x->out)
		return false;
	fetched = (uint64_t)c->ret < c->args[2] ? (size_t)c->ret : (size_t)c->args[2];
	if (fetched > PSI_SECCOMP_SIZE)
		fetched = PSI_SECCOMP_SIZE;
	if (!fetched || x->out->len < fetched)
		return false;
	p = capture_bytes(x->out);
	memset(&si, 0, sizeof(si));
	memcpy(&si, p, fetched);
	xb_str(b, "{op=");
	xlat_enum(b, &xlat_ptrace_syscall_info_op, si.op, "PTRACE_SYSCALL_INFO_???", XN_HEX);
	if (fetched >= offsetof(struct ptrace_syscall_info, instruction_pointer)) {
		xb_str(b, ", arch=");
		xlat_enum(b, &xlat_audit_arch, si.arch, "AUDIT_ARCH_???", XN_HEX);
	}
	if (fetched >= offsetof(struct ptrace_syscall_info, stack_pointer))
		xb_printf(b, ", instruction_pointer=%#llx", (unsigned long long)si.instruction_pointer);
	if (fetched >= offsetof(struct ptrace_syscall_info, entry))
		xb_printf(b, ", stack_pointer=%#llx", (unsigned long long)si.stack_pointer);
	if (fetched >= offsetof(struct ptrace_syscall_info, entry.args)) {
		switch (si.op) {
		case PTRACE_SYSCALL_INFO_ENTRY:
		case PTRACE_SYSCALL_INFO_SECCOMP:
			xb_str(b, si.op == PTRACE_SYSCALL_INFO_ENTRY ? ", entry={" : ", seccomp={");
			fmt_syscall_nr(b, si.entry.nr, si.arch);
			fmt_syscall_args(b, p, fetched, offsetof(struct ptrace_syscall_info, entry.args));
			if (si.op == PTRACE_SYSCALL_INFO_SECCOMP && fetched >= PSI_SECCOMP_SIZE)
				xb_printf(b, ", ret_data=%u", si.seccomp.ret_data);
			xb_char(b, '}');
			break;
		case PTRACE_SYSCALL_INFO_EXIT:
			xb_str(b, ", ");
			fmt_psi_exit(b, &si, fetched);
			break;
		}
	}
	xb_char(b, '}');
	return true;
}

/* A word the kernel wrote: PEEK*'s as an address, GETEVENTMSG's unsigned */
static bool fmt_word(const struct rctx *x, struct xbuf *b, bool addr)
{
	uint64_t v;

	if (!render_call_ok(x->c) || !x->out || x->out->len < sizeof(v))
		return false;
	memcpy(&v, capture_bytes(x->out), sizeof(v));
	xb_char(b, '[');
	if (!addr)
		xb_u64(b, v);
	else if (v)
		xb_hex(b, v);
	else
		xb_str(b, "NULL");
	xb_char(b, ']');
	return true;
}

static bool fmt_siginfo(const struct lt_cap *cap, struct xbuf *b)
{
	char text[256];
	int32_t sig;

	if (!cap || cap->len < sizeof(sig))
		return false;
	memcpy(&sig, capture_bytes(cap), sizeof(sig));
	siginfo_format(text, sizeof(text), sig, capture_bytes(cap), cap->len);
	xb_str(b, text);
	return true;
}

static bool fmt_sigmask(const struct rctx *x, const struct lt_cap *cap, struct xbuf *b)
{
	uint64_t set;

	if (!cap || cap->len < sizeof(set) || x->c->args[2] != sizeof(set))
		return false;
	memcpy(&set, capture_bytes(cap), sizeof(set));
	render_sigset_value(b, set);
	return true;
}

bool render_ptrace_data(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct call *c = x->c;
	bool ok = render_call_ok(c);

	(void)p;
	(void)len;
	switch (c->args[0]) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
	case PTRACE_PEEKUSR:
		return fmt_word(x, b, true);
	case PTRACE_GETEVENTMSG:
		return fmt_word(x, b, false);
	case PTRACE_GETSIGINFO:
		return ok && fmt_siginfo(x->out, b);
	case PTRACE_SETSIGINFO:
		return fmt_siginfo(x->in, b);
	case PTRACE_GETSIGMASK:
		return ok && fmt_sigmask(x, x->out, b);
	case PTRACE_SETSIGMASK:
		return fmt_sigmask(x, x->in, b);
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		return fmt_regset(x, b);
	case PTRACE_GET_SYSCALL_INFO:
		return fmt_syscall_info(x, b);
	default:
		return false;
	}
}
