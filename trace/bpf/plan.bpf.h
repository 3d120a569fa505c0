// SPDX-License-Identifier: GPL-2.0
/* Part of syscalls.bpf.c, included once where it stands: what a call's plan copies at entry: socket families, ioctl
 * arguments, entry captures of one argument. */

/* The file at descriptor fd of the current task, or NULL. */
static __always_inline struct file *fd_file(int fd)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *f = NULL;

	if (fd < 0 || (__u32)fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	if (bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]))
		return NULL;
	return f;
}

/* The family and protocol of the socket at descriptor fd, family | protocol
 * << 16 (0 when it is none): a buffer sent on or received from a netlink
 * socket is netlink messages, decoded by their protocol's types. A global
 * function, checked once for its two callers. */
__noinline __u32 sock_info(int fd)
{
	struct file *f = fd_file(fd);
	struct socket *sock;
	struct sock *sk;

	/* S_IFMT and S_IFSOCK */
	if (!f || (BPF_CORE_READ(f, f_inode, i_mode) & 0170000) != 0140000)
		return 0;
	sock = (struct socket *)BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return 0;
	return BPF_CORE_READ(sk, __sk_common.skc_family) |
	       (__u32)BPF_CORE_READ(sk, sk_protocol) << 16;
}

static __always_inline __u32 put_sock(struct scratch *sc, __u32 off, int arg, int fd)
{
	struct lt_cap *cap;
	__u16 info[2];
	__u32 v;

	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, LT_CAP_SOCK, 0);
	v = sock_info(fd);
	info[0] = v & 0xffff;
	info[1] = v >> 16;
	sc->netlink = info[0] == LT_AF_NETLINK;
	cap->len = sizeof(info);
	__builtin_memcpy(&sc->buf[off + 8], info, sizeof(info));
	return off + 16;
}

/* The bytes ioctl's argument holds one way (out: what the kernel writes),
 * from the request (argument 1): the ioctl_args map's, else the code's;
 * -1: none that way. */
static __always_inline long ioctl_want(const struct scratch *sc, int out)
{
	__u32 cmd = (__u32)sc_arg(sc, 1);
	/* the kernel's _IOC layout: nr 8, type 8, size 14, dir 2 bits */
	__u32 size = (cmd >> 16) & 0x3fff, dir = cmd >> 30;
	struct lt_ioctl_arg *a;

	/* the decoders' size first: a code's may not be what the kernel reads */
	a = bpf_map_lookup_elem(&ioctl_args, &cmd);
	if (a) {
		size = a->size;
		dir = a->dir;
	}
	if (!size)
		return -1;
	if (!(dir & (out ? LT_IOC_OUT : LT_IOC_IN)))
		return -1;
	return size < LT_MEM_MAX ? size : LT_MEM_MAX;
}

/* How many bytes an entry-kind capture of argument i takes (-1: none; 0
 * is an empty buffer, still recorded), and whether it is a NUL-terminated
 * string: shared by the copy at entry and the copy again at exit. */
static __always_inline long entry_want(const struct scratch *sc, const struct lt_plan *plan,
					int i, __u8 kind, int *str)
{
	*str = kind == LT_CAP_PATH || kind == LT_CAP_STR || kind == LT_CAP_POLY;
	switch (kind) {
	case LT_CAP_PATH:
		return LT_PATH_MAX;
	case LT_CAP_STR:	/* one byte more than -s prints (put_cap keeps the
				 * last byte of a string that fills the copy):
				 * cut shows; no more than the kernel reads,
				 * when the row says */
	case LT_CAP_POLY:	/* the string: no more than the output's size */
		return plan->size[i] && plan->size[i] < strsize + 1 ? plan->size[i] : strsize + 1;
	case LT_CAP_BUF_IN:
		return min_u32(sc_arg(sc, plan->lenarg[i]), buf_max(sc));
	case LT_CAP_MEM_IN:
	case LT_CAP_MEM_INOUT:
		return plan->size[i] & (LT_MEM_MAX * 2 - 1);
	case LT_CAP_ADDR_IN:
		return min_u32(sc_arg(sc, plan->lenarg[i]), plan->size[i] & 511);
	case LT_CAP_ARR_IN:
	case LT_CAP_ARR_INOUT:
		return arr_want(sc, plan, i, 0);
	case LT_CAP_MSG_OUT:	/* the header: the name length that went in */
		return LT_MSGHDR_SIZE;
	case LT_CAP_SIGFRAME:
		return 8;
	case LT_CAP_IOCTL:
		return ioctl_want(sc, 0);
	default:	/* ARGV, COUNT, IOV_IN, MSG_IN: enter_with_captures */
		return -1;
	}
}

/* entry_want for argument i of sc's call, as one number: the length in
 * the low 32 bits, ENTRY_STR when a string, -1 when none. A global
 * function: the verifier walks its way through the kinds once, and its
 * callers once, not once per kind (they cost capture_in and capture_out
 * a third of their verification inlined). */
#define ENTRY_STR	(1ll << 32)

__noinline long entry_len(struct scratch *sc, const struct lt_plan *plan, __u32 i)
{
	long len;
	int str;

	if (!sc || !plan)
		return -1;
	barrier_var(i);	/* the bound below is on the register used */
	if (i > 5)
		return -1;
	len = entry_want(sc, plan, i, plan->kind[i], &str);
	return len < 0 ? -1 : len | (str ? ENTRY_STR : 0);
}

/* Entry captures of one argument; returns the new offset. *faulted gets
 * bit i when a copy the kernel will itself fault in failed (bit 6: the
 * FOLLOW's). */
__noinline __u32 capture_in(struct scratch *sc, __u32 off, const struct lt_plan *plan, __u32 i,
			    __u8 *faulted)
{
	__u32 before = off & OFF_MASK, want;
	const void *p;
	__u8 kind;
	long len;
	int str;

	if (!sc || !plan || !faulted)
		return off;

	if (i == 6) {
		/* the plan's FOLLOW at entry, as a seventh argument, through
		 * the same copy site as the others: the bytes behind the
		 * pointer at follow_off of the struct argument follow_arg
		 * points at (pselect6's sigmask) */
		__u64 ptr = 0, foff = plan->follow_off;

		if (plan->follow_alt_off && sc_arg(sc, 0) == plan->follow_alt_val)
			foff = plan->follow_alt_off;
		const void *at = (const void *)(sc_arg(sc, plan->follow_arg) + foff);

		if (plan->follow_arg >= 6 || plan->follow_exit ||
		    bpf_probe_read_user(&ptr, sizeof(ptr), at))
			return off;
		off = put_cap(sc, off, LT_CAP_ARG_FOLLOW, LT_CAP_FOLLOW, 0, (const void *)ptr,
			      plan->follow_size, 0, 1);
		/* a page not touched yet: again at exit, as the arguments */
		if (ptr && (((struct lt_cap *)&sc->buf[before])->flags & LT_CAPF_FAULT))
			*faulted |= 1 << 6;
		return off;
	}
	barrier_var(i);	/* the bound below is on the register used */
	if (i > 5)
		return off;
	kind = plan->kind[i];
	p = (const void *)sc_arg(sc, i);
	if (kind == LT_CAP_ADDR_OUT) {
		__u32 room;

		if (bpf_probe_read_user(&room, sizeof(room),
					(const void *)sc_arg(sc, plan->lenarg[i])))
			room = ~0u;
		save_room(room);
	}
	if (kind == LT_CAP_SIGFRAME)
		p = (const void *)(sc->sp + LT_SIGFRAME_MASK);
	if (kind == LT_CAP_SOCK)
		return put_sock(sc, off, i, (int)sc_arg(sc, i));
	len = entry_len(sc, plan, i);
	if (len < 0)
		return off;
	want = (__u32)len;
	str = !!(len & ENTRY_STR);
	/* one copy site, so the verifier walks the copy once */
	off = put_cap(sc, off, i, kind, 0, p, want, str,
		      plan->elem[i] || kind == LT_CAP_POLY || sc->netlink);
	if (kind == LT_CAP_MSG_OUT)	/* the name length that went in */
		save_room(((struct lt_cap *)&sc->buf[before])->flags & LT_CAPF_FAULT ?
			  ~0u : *(__u32 *)&sc->buf[before + 8 + 8]);
	/* INOUT: the copy at exit shows the result, never the input; the
	 * signal frame is gone at exit */
	if (p && kind != LT_CAP_ARR_INOUT && kind != LT_CAP_MSG_OUT && kind != LT_CAP_SIGFRAME &&
	    kind != LT_CAP_POLY && kind != LT_CAP_MEM_INOUT &&
	    (((struct lt_cap *)&sc->buf[before])->flags & LT_CAPF_FAULT))
		*faulted |= 1 << i;
	return off;
}
