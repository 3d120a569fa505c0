// SPDX-License-Identifier: GPL-2.0
/* Part of syscalls.bpf.c, included once where it stands: USDT probes: the uprobe program that reads a probe's arguments
 * by their specs. */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LT_USDT_MAX_PROBES);
	__type(key, __u32);
	__type(value, struct lt_usdt_spec);
} usdt_specs SEC(".maps");

/* A hit is assembled here, then copied into the ring: its size is known
 * only once its strings are read. Per task, not per CPU: the program is
 * sleepable, and another task's hit may run on this CPU while a copy
 * waits for a page. A string starts in the first half of str, so a copy
 * of up to LT_USDT_STR_AREA bytes stays inside. */
struct usdt_scratch {
	struct lt_rec_usdt r;
	__u8 str[2 * LT_USDT_STR_AREA];	/* right after r: one record */
	__u32 off;			/* string bytes so far */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct usdt_scratch);
} usdt_scratch SEC(".maps");

/* errno values, which vmlinux.h does not define */
#define USDT_EFAULT	14
#define USDT_E2BIG	7

struct usdt_ctx {
	struct pt_regs *regs;
	const struct lt_usdt_spec *spec;
	struct usdt_scratch *sc;
};

/* Fetch argument i as its spec says, at the probe, from the registers and
 * the process's memory: never later. */
static long usdt_one(__u64 i, void *data)
{
	struct usdt_ctx *c = data;
	struct lt_rec_usdt *r = &c->sc->r;
	const struct lt_usdt_arg *a;
	__u64 v = 0, base = 0;
	int size;

	/* i stays 64-bit: a truncated copy would lose the verifier's bound */
	if (i >= LT_USDT_MAX_ARGS || i >= c->spec->nargs)
		return 1;
	a = &c->spec->args[i];
	size = a->size;
	switch (a->kind) {
	case LT_USDT_CONST:
		v = a->val;
		break;
	case LT_USDT_REG:
		if (bpf_probe_read_kernel(&v, sizeof(v), (void *)c->regs + (a->reg & 0xff)))
			goto bad;
		break;
	case LT_USDT_RIP_ADDR:
		/* at a uprobe, the saved ip is the probe's own address */
		if (bpf_probe_read_kernel(&v, sizeof(v), (void *)c->regs + (a->reg & 0xff)))
			goto bad;
		v += a->val;
		break;
	case LT_USDT_MEM:
	case LT_USDT_RIP:
		if (bpf_probe_read_kernel(&base, sizeof(base), (void *)c->regs + (a->reg & 0xff)))
			goto bad;
		if (a->scale) {
			__u64 idx;

			if (bpf_probe_read_kernel(&idx, sizeof(idx),
						  (void *)c->regs + (a->idx_reg & 0xff)))
				goto bad;
			base += idx * a->scale;
		}
		if (size < 1 || size > 8 ||
		    bpf_copy_from_user(&v, size & 15, (const void *)(base + a->val)))
			goto bad;
		break;
	default:
		goto bad;
	}
	if (size < 8 && size > 0) {
		int shift = 64 - size * 8;

		v <<= shift;
		v = a->is_signed ? (__u64)((__s64)v >> shift) : v >> shift;
	}
	r->val[i] = v;
	return 0;
bad:
	r->failed |= 1 << i;
	return 0;
}

/* A probe's string of at most want bytes with its NUL, the pages it lies
 * on faulted in: the first when the copy failed, the next only when the
 * string runs on into it. bpf_copy_from_user (sleepable programs) faults
 * pages in; a kfunc doing the whole copy would make libbpf read the
 * kernel's BTF, 40 ms of every start-up. Returns the bytes with the NUL,
 * or a negative errno. */
static __always_inline long usdt_read_str(void *dst, __u32 want, const void *src)
{
	__u32 room = 4096 - ((__u64)src & 4095);
	long n = bpf_probe_read_user_str(dst, want, src);
	char c;

	if (n > 0 && (n == want || str_ended(src, n)))
		return n;
	if (bpf_copy_from_user(&c, 1, src))
		return -USDT_EFAULT;
	n = bpf_probe_read_user_str(dst, want, src);
	if (n > 0 && (n == want || str_ended(src, n)))
		return n;
	if (want <= room || bpf_copy_from_user(&c, 1, (const char *)src + room))
		return n > 0 ? n : -USDT_EFAULT;
	return bpf_probe_read_user_str(dst, want, src);
}

/* Copy argument i's string, when its spec asks for one: up to -s + 1
 * characters and the NUL, within what is left of LT_USDT_STR_AREA. */
static long usdt_str(__u64 i, void *data)
{
	struct usdt_ctx *c = data;
	struct usdt_scratch *sc = c->sc;
	__u32 off = sc->off, want = strsize + 2;
	long n;

	if (i >= LT_USDT_MAX_ARGS || i >= c->spec->nargs)
		return 1;
	if (!((c->spec->str_mask >> i) & 1) || (sc->r.failed >> i) & 1 || !sc->r.val[i])
		return 0;	/* not a string, not read, or NULL */
	if (off >= LT_USDT_STR_AREA) {
		sc->r.str_len[i] = -USDT_E2BIG;
		return 0;
	}
	if (want > LT_USDT_STR_AREA - off)
		want = LT_USDT_STR_AREA - off;
	if (want < 1 || want > LT_USDT_STR_AREA)
		return 0;
	n = usdt_read_str(&sc->str[off & (LT_USDT_STR_AREA - 1)], want, (const void *)sc->r.val[i]);
	if (n <= 0) {
		sc->r.str_len[i] = n ? (__s16)n : -USDT_EFAULT;
		return 0;
	}
	sc->r.str_len[i] = (__s16)n;
	sc->off = off + (__u32)n;
	return 0;
}

/* Sleepable (uprobe.s): a probe's memory operands and strings are copied
 * with the copy helpers that fault pages in, so a string on a page the
 * process has not touched yet is still read, at the hit. */
SEC("uprobe.s")
int lt_usdt(struct pt_regs *ctx)
{
	__u64 pid_tgid = current_pid_tgid();
	__u32 id = (__u32)bpf_get_attach_cookie(ctx);
	const struct lt_usdt_spec *spec;
	struct usdt_ctx c = { .regs = ctx };
	struct usdt_scratch *sc;
	__u64 flags;
	__u32 len;

	/* with -f the uprobe is on every task: keep the traced ones' hits */
	if (!task_state(pid_tgid))
		return 0;
	spec = bpf_map_lookup_elem(&usdt_specs, &id);
	if (!spec)
		return 0;
	sc = bpf_task_storage_get(&usdt_scratch, bpf_get_current_task_btf(), 0,
				  BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!sc) {
		count_lost();
		return 0;
	}
	sc->r.probe = id;
	sc->r.nargs = spec->nargs;
	sc->r.failed = 0;
	sc->off = 0;
	__builtin_memset(sc->r.val, 0, sizeof(sc->r.val));
	__builtin_memset(sc->r.str_len, 0, sizeof(sc->r.str_len));
	c.spec = spec;
	c.sc = sc;
	bpf_loop(LT_USDT_MAX_ARGS, usdt_one, &c, 0);
	if (spec->str_mask)
		bpf_loop(LT_USDT_MAX_ARGS, usdt_str, &c, 0);
	len = sc->off;
	if (len > LT_USDT_STR_AREA)
		len = LT_USDT_STR_AREA;
	len += sizeof(sc->r);
	fill_head(&sc->r.h, pid_tgid, LT_REC_USDT, len);
	if (stack_on) {
		/* the stack's capture starts 8-aligned after the strings */
		emit_with_stack(sc, round8(len), ctx);
		return 0;
	}
	flags = wake_flags();
	if (bpf_ringbuf_output(&events, sc, len, flags))
		count_lost();
	return 0;
}
