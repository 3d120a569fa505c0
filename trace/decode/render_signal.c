/* How signal sets, actions and siginfo print, and a wait status. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "decode/internal.h"
#include "decode/render.h"
#include "decode/siginfo.h"
#include "decode/signames.h"

bool render_wstatus(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	char text[128], buf[16];
	int s;

	(void)x;
	if (len < sizeof(s))
		return false;
	memcpy(&s, p, sizeof(s));
	if (WIFEXITED(s))
		snprintf(text, sizeof(text), "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]",
			 WEXITSTATUS(s));
	else if (WIFSIGNALED(s))
		snprintf(text, sizeof(text), "[{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}]",
			 signame(WTERMSIG(s), buf, sizeof(buf)), WCOREDUMP(s) ? " && WCOREDUMP(s)" : "");
	else if (WIFSTOPPED(s))
		snprintf(text, sizeof(text), "[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]",
			 signame(WSTOPSIG(s), buf, sizeof(buf)));
	else
		snprintf(text, sizeof(text), "[%#x]", s);
	xb_str(b, text);
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
		xb_str(b, strncmp(name, "SIG", 3) ? name : name + 3);
		first = false;
	}
	xb_char(b, ']');
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
	if (handler)
		xb_str(b, handler);
	else
		xb_hex(b, sa[0]);
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
