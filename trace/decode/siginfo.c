#include "decode/siginfo.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "decode/render.h"
#include "decode/signames.h"

struct code_name {
	int code;
	const char *name;
};

#define CODE(c) { c, #c }

/* Codes any signal may carry (<signal.h>'s SI_*). */
static const struct code_name generic_codes[] = {
	CODE(SI_USER), CODE(SI_KERNEL), CODE(SI_QUEUE), CODE(SI_TIMER), CODE(SI_MESGQ),
	CODE(SI_ASYNCIO), CODE(SI_SIGIO), CODE(SI_TKILL),
};

/* Codes by signal, for the kernel's own reasons. */
static const struct code_name chld_codes[] = {
	CODE(CLD_EXITED), CODE(CLD_KILLED), CODE(CLD_DUMPED), CODE(CLD_TRAPPED),
	CODE(CLD_STOPPED), CODE(CLD_CONTINUED),
};
static const struct code_name segv_codes[] = {
	CODE(SEGV_MAPERR), CODE(SEGV_ACCERR), CODE(SEGV_BNDERR), CODE(SEGV_PKUERR),
};
static const struct code_name bus_codes[] = {
	CODE(BUS_ADRALN), CODE(BUS_ADRERR), CODE(BUS_OBJERR), CODE(BUS_MCEERR_AR),
	CODE(BUS_MCEERR_AO),
};
static const struct code_name ill_codes[] = {
	CODE(ILL_ILLOPC), CODE(ILL_ILLOPN), CODE(ILL_ILLADR), CODE(ILL_ILLTRP),
	CODE(ILL_PRVOPC), CODE(ILL_PRVREG), CODE(ILL_COPROC), CODE(ILL_BADSTK),
};
static const struct code_name fpe_codes[] = {
	CODE(FPE_INTDIV), CODE(FPE_INTOVF), CODE(FPE_FLTDIV), CODE(FPE_FLTOVF),
	CODE(FPE_FLTUND), CODE(FPE_FLTRES), CODE(FPE_FLTINV), CODE(FPE_FLTSUB),
};
static const struct code_name trap_codes[] = {
	CODE(TRAP_BRKPT), CODE(TRAP_TRACE),
};
static const struct code_name poll_codes[] = {
	CODE(POLL_IN), CODE(POLL_OUT), CODE(POLL_MSG), CODE(POLL_ERR), CODE(POLL_PRI),
	CODE(POLL_HUP),
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *lookup(const struct code_name *t, size_t n, int code)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return NULL;
}

static const char *code_name(int sig, int code)
{
	const char *name = lookup(generic_codes, LEN(generic_codes), code);

	if (name || code <= 0)
		return name;
	switch (sig) {
	case SIGCHLD: return lookup(chld_codes, LEN(chld_codes), code);
	case SIGSEGV: return lookup(segv_codes, LEN(segv_codes), code);
	case SIGBUS: return lookup(bus_codes, LEN(bus_codes), code);
	case SIGILL: return lookup(ill_codes, LEN(ill_codes), code);
	case SIGFPE: return lookup(fpe_codes, LEN(fpe_codes), code);
	case SIGTRAP: return lookup(trap_codes, LEN(trap_codes), code);
	case SIGIO: return lookup(poll_codes, LEN(poll_codes), code);
	default: return NULL;
	}
}

static bool is_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

void siginfo_format(char *out, size_t len, int sig, const void *info, size_t info_len)
{
	siginfo_t si;
	char sname[16], code_buf[16], status_buf[16];
	const char *code;
	size_t n;

	memset(&si, 0, sizeof(si));
	memcpy(&si, info, info_len < sizeof(si) ? info_len : sizeof(si));
	code = code_name(sig, si.si_code);
	if (!code) {
		snprintf(code_buf, sizeof(code_buf), "%d", si.si_code);
		code = code_buf;
	}
	n = (size_t)snprintf(out, len, "{si_signo=%s, si_code=%s",
			     signame(si.si_signo ? si.si_signo : sig, sname, sizeof(sname)), code);
	if (n >= len)
		return;
	/* the signal tracepoints perf reads stop at the code: the rest is not
	 * known, and not made up */
	if (info_len < offsetof(siginfo_t, si_pid)) {
		snprintf(out + n, len - n, "}");
		return;
	}
	if (sig == SIGCHLD && si.si_code > 0) {
		const char *status = si.si_code == CLD_EXITED ? NULL :
				     signame(si.si_status, status_buf, sizeof(status_buf));
		char utime[64], stime[64];
		struct xbuf b;

		/* clock ticks, and strace's "/ * 0.14 s * /" when not 0 */
		xb_init(&b, utime, sizeof(utime));
		render_clock_t(&b, (uint64_t)si.si_utime);
		xb_init(&b, stime, sizeof(stime));
		render_clock_t(&b, (uint64_t)si.si_stime);
		if (status)
			snprintf(out + n, len - n,
				 ", si_pid=%d, si_uid=%u, si_status=%s, si_utime=%s, si_stime=%s}",
				 si.si_pid, si.si_uid, status, utime, stime);
		else
			snprintf(out + n, len - n,
				 ", si_pid=%d, si_uid=%u, si_status=%d, si_utime=%s, si_stime=%s}",
				 si.si_pid, si.si_uid, si.si_status, utime, stime);
	} else if (is_fault(sig) && si.si_code > 0) {
		if (si.si_addr)
			snprintf(out + n, len - n, ", si_addr=%p}", si.si_addr);
		else
			snprintf(out + n, len - n, ", si_addr=NULL}");
	} else if (si.si_code == SI_QUEUE) {
		/* sigqueue's value, as both members of the union */
		char ptr[24] = "NULL";

		if (si.si_value.sival_ptr)
			snprintf(ptr, sizeof(ptr), "%#lx", (unsigned long)si.si_value.sival_ptr);
		snprintf(out + n, len - n, ", si_pid=%d, si_uid=%u, si_int=%d, si_ptr=%s}",
			 si.si_pid, si.si_uid, si.si_value.sival_int, ptr);
	} else if (si.si_code == SI_USER || si.si_code == SI_TKILL) {
		snprintf(out + n, len - n, ", si_pid=%d, si_uid=%u}", si.si_pid, si.si_uid);
	} else {
		snprintf(out + n, len - n, "}");
	}
}
