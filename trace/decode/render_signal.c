/* How signal sets, actions and siginfo print, and a wait status. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "decode/internal.h"
#include "decode/render.h"
#include "decode/siginfo.h"
#include "decode/signames.h"

/* A wait status as strace's printstatus shows it: the macro that is
 * true, then what bits are left ("|PTRACE_EVENT_EXEC<<16", "|0x..."). */
bool render_wstatus(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	char buf[16];
	unsigned s;

	/* a wait that found no child wrote nothing: strace's pointer */
	if (len < sizeof(s) || !x->c->ret)
		return false;
	memcpy(&s, p, sizeof(s));
	xb_char(b, '[');
	if (WIFSTOPPED(s)) {
		xb_printf(b, "{WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}",
			  signame(WSTOPSIG(s) & 0x7f, buf, sizeof(buf)),
			  WSTOPSIG(s) & 0x80 ? " | 0x80" : "");
		s &= ~0xffffu;
	} else if (WIFSIGNALED(s)) {
		xb_printf(b, "{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}",
			  signame(WTERMSIG(s), buf, sizeof(buf)),
			  WCOREDUMP(s) ? " && WCOREDUMP(s)" : "");
		s &= ~0xffu;
	} else if (WIFEXITED(s)) {
		xb_printf(b, "{WIFEXITED(s) && WEXITSTATUS(s) == %d}", WEXITSTATUS(s));
		s &= ~0xff00u;
	} else if (WIFCONTINUED(s)) {
		xb_str(b, "{WIFCONTINUED(s)}");
		s &= ~0xffffu;
	} else {
		xb_hex(b, s);
		xb_char(b, ']');
		return true;
	}
	if (s >> 16) {
		xb_char(b, '|');
		xlat_enum(b, &xlat_ptrace_events, s >> 16, "PTRACE_EVENT_???", XN_HEX);
		xb_str(b, "<<16");
		s &= 0xffff;
	}
	if (s) {
		xb_char(b, '|');
		xb_hex(b, s);
	}
	xb_char(b, ']');
	return true;
}

/* strace's sigset: the names without "SIG" in signal order, or "~" and
 * the signals missing when at least two thirds of them are set. */
static void fmt_sigset(struct xbuf *b, uint64_t set)
{
	const int nsig = 64;
	bool first = true;
	char buf[16];

	if (__builtin_popcountll(set) >= nsig * 2 / 3) {
		xb_char(b, '~');
		set = ~set;
	}
	xb_char(b, '[');
	for (int sig = 1; sig <= nsig; sig++) {
		const char *name;

		if (!(set >> (sig - 1) & 1))
			continue;
		name = signame(sig, buf, sizeof(buf));
		if (!first)
			xb_char(b, ' ');
		xlat_named(b, (uint64_t)sig, strncmp(name, "SIG", 3) ? name : name + 3, XN_DEC);
		first = false;
	}
	xb_char(b, ']');
}

void render_sigset_value(struct xbuf *b, uint64_t set)
{
	fmt_sigset(b, set);
}

bool render_sigset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t set;

	/* the kernel refuses other sizes, and strace prints the pointer */
	if (len < sizeof(set) || render_arg(x, x->rule->lenarg) != sizeof(set))
		return false;
	memcpy(&set, p, sizeof(set));
	fmt_sigset(b, set);
	return true;
}

/* rt_sigpending's: any size from 1 to 8 bytes, as the kernel writes it */
bool render_sigset_part(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t n = render_arg(x, x->rule->lenarg), set = 0;

	if (!n || n > sizeof(set) || len < n)
		return false;
	memcpy(&set, p, n);
	fmt_sigset(b, set);
	return true;
}

/* pselect6's sigmask: a struct of the set's address and size, and the set
 * behind it (an LT_CAP_FOLLOW). */
bool render_sigmask_pair(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct lt_cap *set = cap_usable(render_follow(x->c, false));
	uint64_t pair[2], mask;

	if (len < sizeof(pair))
		return false;
	memcpy(pair, p, sizeof(pair));
	xb_str(b, "{sigmask=");
	if (!pair[0]) {
		xb_str(b, "NULL");
	} else if (pair[1] == sizeof(mask) && set && set->len >= sizeof(mask)) {
		memcpy(&mask, capture_bytes(set), sizeof(mask));
		fmt_sigset(b, mask);
	} else {
		xb_hex(b, pair[0]);
	}
	xb_printf(b, ", sigsetsize=%llu}", (unsigned long long)pair[1]);
	return true;
}

/* rt_sigreturn: the mask its frame restores, "{mask=[]}", as its one
 * argument (the tracepoint has none). */
void fix_rt_sigreturn(struct dcall *d, const struct call *c)
{
	const struct lt_cap *cap = cap_usable(capture_find(c->cap_enter, 0));
	struct darg *a = &d->arg[0];
	uint64_t set;
	struct xbuf b;

	if (!cap || cap->kind != LT_CAP_SIGFRAME || cap->len < sizeof(set) || d->nargs)
		return;
	memcpy(&set, capture_bytes(cap), sizeof(set));
	d->nargs = 1;
	a->name = "mask";
	darg_reset(a, 0);
	a->fd = false;
	dt_begin(d, &b);
	xb_str(&b, "{mask=");
	fmt_sigset(&b, set);
	xb_char(&b, '}');
	dt_arg(d, a, &b);
}

/* The kernel's struct sigaction on x86-64: handler, flags, restorer, mask. */
bool render_sigaction(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	static const struct xlat_entry handlers[] = {
		{ (uint64_t)(uintptr_t)SIG_DFL, "SIG_DFL" },
		{ (uint64_t)(uintptr_t)SIG_IGN, "SIG_IGN" },
		{ (uint64_t)(intptr_t)SIG_ERR, "SIG_ERR" },
	};
	uint64_t sa[4];
	const char *handler = NULL;

	(void)x;
	if (len < sizeof(sa))
		return false;
	memcpy(sa, p, sizeof(sa));
	for (size_t i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (sa[0] == handlers[i].val)
			handler = handlers[i].name;
	xb_str(b, "{sa_handler=");
	xlat_named(b, sa[0], handler, XN_HEX);
	xb_str(b, ", sa_mask=");
	fmt_sigset(b, sa[3]);
	xb_str(b, ", sa_flags=");
	xlat_flags(b, &xlat_sa_flags, sa[1], "SA_???");
	if (sa[1] & xlat_sa_flags.ent[0].val) {	/* SA_RESTORER */
		xb_str(b, ", sa_restorer=");
		xb_hex(b, sa[2]);
	}
	xb_char(b, '}');
	return true;
}

/* A siginfo as strace prints a delivered signal's: the one
 * rt_sigtimedwait took (its result is the signal), or the one
 * rt_sigqueueinfo sends (its sig argument). */
static void sigev_ptr(struct xbuf *b, const char *name, uint64_t p)
{
	xb_str(b, name);
	if (p)
		xb_hex(b, p);
	else
		xb_str(b, "NULL");
}

/* struct sigevent (mq_notify, timer_create): the value when not NULL, the
 * signal, how it notifies, the thread or the function it notifies */
bool render_sigevent(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct sigevent se;

	(void)x;
	if (len < sizeof(se))
		return false;
	memcpy(&se, p, sizeof(se));
	xb_char(b, '{');
	if (se.sigev_value.sival_ptr)
		xb_printf(b, "sigev_value={sival_int=%d, sival_ptr=%#lx}, ",
			  se.sigev_value.sival_int, (unsigned long)se.sigev_value.sival_ptr);
	xb_str(b, "sigev_signo=");
	if (se.sigev_notify == SIGEV_SIGNAL || se.sigev_notify == SIGEV_THREAD ||
	    se.sigev_notify == SIGEV_THREAD_ID)
		fmt_signal(b, se.sigev_signo);
	else
		xb_u64(b, (unsigned int)se.sigev_signo);
	xb_str(b, ", sigev_notify=");
	xlat_enum(b, &xlat_sigev_value, (unsigned int)se.sigev_notify, "SIGEV_???", XN_HEX);
	if (se.sigev_notify == SIGEV_THREAD_ID) {
		xb_printf(b, ", sigev_notify_thread_id=%d", se._sigev_un._tid);
	} else if (se.sigev_notify == SIGEV_THREAD) {
		sigev_ptr(b, ", sigev_notify_function=",
			  (uintptr_t)se._sigev_un._sigev_thread._function);
		sigev_ptr(b, ", sigev_notify_attributes=",
			  (uintptr_t)se._sigev_un._sigev_thread._attribute);
	}
	xb_char(b, '}');
	return true;
}

/* waitid's: "{}" when no child was waited for (WNOHANG), as the kernel
 * leaves si_signo 0 then */
bool render_waitid_info(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	char text[256];
	int32_t sig;

	(void)x;
	if (len < sizeof(sig))
		return false;
	memcpy(&sig, p, sizeof(sig));
	if (!sig) {
		xb_str(b, "{}");
		return true;
	}
	siginfo_format(text, sizeof(text), sig, p, len);
	xb_str(b, text);
	return true;
}

bool render_siginfo(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	bool taken = x->rule->cap == LT_CAP_MEM_OUT;
	char text[256];

	if (!len || (taken && x->c->ret <= 0))
		return false;
	siginfo_format(text, sizeof(text), taken ? (int)x->c->ret : (int)render_arg(x, x->rule->lenarg),
		       p, len);
	xb_str(b, text);
	return true;
}
