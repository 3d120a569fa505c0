/* How the structs of process calls print: uname, sysinfo, CPU and NUMA
 * node masks, get_mempolicy's mode, clone3's clone_args. */
#include <linux/sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include "decode/internal.h"
#include "decode/render.h"

/* a NUL-terminated field of at most size bytes, quoted */
static void fmt_cstring(struct xbuf *b, const char *name, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	xb_str(b, name);
	xb_char(b, '=');
	render_quote(b, (const uint8_t *)s, n, n == size);
}

/* strace's abbreviated utsname: the system and node names */
bool render_uname(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct utsname u;

	(void)x;
	if (len < sizeof(u))
		return false;
	memcpy(&u, p, sizeof(u));
	xb_char(b, '{');
	fmt_cstring(b, "sysname", u.sysname, sizeof(u.sysname));
	xb_str(b, ", ");
	fmt_cstring(b, "nodename", u.nodename, sizeof(u.nodename));
	xb_str(b, ", ...}");
	return true;
}

bool render_sysinfo(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct sysinfo si;

	(void)x;
	if (len < sizeof(si))
		return false;
	memcpy(&si, p, sizeof(si));
	xb_printf(b, "{uptime=%ld, loads=[%lu, %lu, %lu], totalram=%lu, freeram=%lu, "
		  "sharedram=%lu, bufferram=%lu, totalswap=%lu, freeswap=%lu, procs=%u, "
		  "totalhigh=%lu, freehigh=%lu, mem_unit=%u}",
		  si.uptime, si.loads[0], si.loads[1], si.loads[2], si.totalram, si.freeram,
		  si.sharedram, si.bufferram, si.totalswap, si.freeswap, (unsigned)si.procs,
		  si.totalhigh, si.freehigh, si.mem_unit);
	return true;
}

/* sched_getaffinity's mask, as long as the result, and
 * sched_setaffinity's, as long as its size: the CPUs in it; "..." when
 * the size goes beyond what was copied (strace stops at its own CPU set
 * size, 128 bytes here as on most machines). */
bool render_cpuset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct sc_arg *r = x->rule;
	uint64_t want = r->lenarg == LT_LEN_RET ? (uint64_t)x->c->ret : render_arg(x, r->lenarg);

	if (!want) {
		xb_str(b, "[]");
		return true;
	}
	if (len < want && len < r->size)
		return false;
	render_bits(b, p, len, (uint64_t)len * 8, (len + 7) / 8 * 8 < want);
	return true;
}

/* A NUMA node mask of maxnode bits: the kernel's longs in hex, as
 * strace's print_nodemask shows them, -s of them at most (and no more
 * than the program copied). */
bool render_nodemask(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t maxnode = render_arg(x, x->rule->lenarg);
	uint64_t n = (maxnode + 62) / 64, v;	/* the kernel's maxnode - 1 bits */
	char text[32];

	/* one bit, or so many the count wrapped: strace's pointer */
	if (n < maxnode / 64 || (maxnode && !n))
		return false;
	if (len < 8 * (n < x->strsize ? n : x->strsize) && len < x->rule->size)
		return false;
	xb_char(b, '[');
	for (unsigned k = 0; k < n && render_array_elem(b, k, x); k++) {
		if (8 * (k + 1) > len) {
			xb_str(b, "...");
			break;
		}
		memcpy(&v, p + 8 * k, sizeof(v));
		snprintf(text, sizeof(text), "%#0*llx", 16, (unsigned long long)v);
		xb_str(b, text);
	}
	xb_char(b, ']');
	return true;
}

/* get_mempolicy's mode, an int it writes: "[MPOL_DEFAULT]" */
bool render_mpol_mode(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int mode;

	(void)x;
	if (len < sizeof(mode))
		return false;
	memcpy(&mode, p, sizeof(mode));
	xb_char(b, '[');
	xlat_enum(b, &xlat_mpol_modes, (uint32_t)mode, "MPOL_???", XN_HEX);
	xb_char(b, ']');
	return true;
}

static void fmt_addr(struct xbuf *b, const char *name, uint64_t v)
{
	xb_printf(b, ", %s=", name);
	if (v)
		xb_hex(b, v);
	else
		xb_str(b, "NULL");
}

/* clone3's flags: clone's, then the ones only clone3 takes */
static void fmt_clone3_flags(struct xbuf *b, uint64_t flags)
{
	uint64_t known = 0;

	for (uint32_t i = 0; i < xlat_clone_flags.n; i++)
		known |= xlat_clone_flags.ent[i].val;
	if (!(flags & known)) {
		xlat_flags(b, &xlat_clone3_flags, flags, "CLONE_???");
		return;
	}
	xlat_flags_bare(b, &xlat_clone_flags, flags & known);
	if (flags & ~known) {
		xb_char(b, '|');
		xlat_flags(b, &xlat_clone3_flags, flags & ~known, NULL);
	}
}

/* clone3's struct clone_args as it went in, then what the kernel wrote
 * behind parent_tid (an LT_CAP_FOLLOW at exit): " => {parent_tid=[42]}" */
bool render_clone_args(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	const struct lt_cap *tid = cap_usable(render_follow(x->c, true));
	uint64_t size = render_arg(x, 1);
	struct clone_args a;
	int32_t v;

	if (len < CLONE_ARGS_SIZE_VER0 || size < CLONE_ARGS_SIZE_VER0)
		return false;
	memset(&a, 0, sizeof(a));
	memcpy(&a, p, len < sizeof(a) ? len : sizeof(a));
	xb_str(b, "{flags=");
	fmt_clone3_flags(b, a.flags);
	if (a.flags & CLONE_PIDFD)
		fmt_addr(b, "pidfd", a.pidfd);
	if (a.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		fmt_addr(b, "child_tid", a.child_tid);
	if (a.flags & CLONE_PARENT_SETTID)
		fmt_addr(b, "parent_tid", a.parent_tid);
	xb_str(b, ", exit_signal=");
	if (a.exit_signal < 0x7fffffff)
		fmt_signal(b, (int)a.exit_signal);
	else
		xb_u64(b, a.exit_signal);
	fmt_addr(b, "stack", a.stack);
	xb_str(b, ", stack_size=");
	xb_hex(b, a.stack_size);
	if (a.flags & CLONE_SETTLS)
		fmt_addr(b, "tls", a.tls);
	if (a.set_tid || a.set_tid_size)
		fmt_addr(b, "set_tid", a.set_tid);
	if (len > offsetof(struct clone_args, cgroup) && (a.cgroup || a.flags & CLONE_INTO_CGROUP))
		xb_printf(b, ", cgroup=%llu", (unsigned long long)a.cgroup);
	/* a newer struct's fields (strace looks at a page of them at most) */
	if (!render_struct_tail(x, p, len, sizeof(a), size < 4096 ? size : 4096, b))
		return false;
	xb_char(b, '}');
	if (!(a.flags & CLONE_PARENT_SETTID) || !render_call_ok(x->c))
		return true;
	xb_str(b, " => {parent_tid=");
	if (!a.parent_tid) {
		xb_str(b, "NULL");
	} else if (tid && tid->len >= sizeof(v)) {
		memcpy(&v, capture_bytes(tid), sizeof(v));
		xb_printf(b, "[%d]", v);
	} else {
		xb_hex(b, a.parent_tid);
	}
	xb_char(b, '}');
	return true;
}
