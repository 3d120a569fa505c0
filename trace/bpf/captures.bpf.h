// SPDX-License-Identifier: GPL-2.0
/* Part of syscalls.bpf.c, included once where it stands: the records that carry captures: entry with copies or a stack,
 * exit copies, descriptor inodes. */

static __always_inline struct scratch *scratch_get(void)
{
	__u32 zero = 0;
	struct scratch *sc = bpf_map_lookup_elem(&scratch, &zero);

	if (!sc || sc->busy) {
		count_lost();
		return NULL;
	}
	sc->busy = 1;
	return sc;
}

static __always_inline void scratch_emit(struct scratch *sc, __u32 len)
{
	struct lt_rec_head *h = (struct lt_rec_head *)sc->buf;
	__u64 flags = wake_flags();

	len &= SCRATCH_SIZE - 1;
	h->size = len - sizeof(*h);
	say_lost();
	if (len < sizeof(*h) || bpf_ringbuf_output(&events, sc->buf, len, flags))
		count_lost();
	sc->busy = 0;
}

struct stack_ctx {
	struct stack_scratch *ss;	/* bpf_loop's context lives on the stack */
};

/* -k: one chunk of the user stack, up to the next chunk boundary; the
 * last one ends past LT_STACK_BYTES, on a boundary too. */
static long stack_chunk(__u64 i, void *data)
{
	struct stack_scratch *ss = ((struct stack_ctx *)data)->ss;
	__u64 addr = ss->regs.sp + ss->got;
	__u32 off = ss->got, n = LT_STACK_CHUNK - (addr & (LT_STACK_CHUNK - 1));

	(void)i;
	if (off >= LT_STACK_BYTES)
		return 1;
	if (bpf_probe_read_user(&ss->bytes[off], n, (const void *)addr))
		return 1;
	ss->got = off + n;
	return 0;
}

/* -k: the record at rec (len bytes, its header first) goes out with the
 * registers and the top of the user stack of regs after it, as an
 * LT_CAP_STACK capture; without room for the stack, as it is. One
 * function for entries and USDT hits, so the verifier walks the copy
 * once per caller. */
static __always_inline void emit_with_stack(void *rec, __u32 len, struct pt_regs *regs)
{
	struct lt_rec_head *h = rec;
	struct stack_scratch *ss;
	struct stack_ctx c;
	struct bpf_dynptr dp;
	__u64 flags, got, caplen;
	__u32 zero = 0;

	ss = bpf_map_lookup_elem(&stacks, &zero);
	if (!ss || ss->busy) {
		h->size = len - sizeof(*h);
		say_lost();
		if (bpf_ringbuf_output(&events, rec, len, 0))
			count_lost();
		return;
	}
	/* a ring without room for the record loses it: then without the
	 * cost of copying the stack first (the reader is behind under -k) */
	if (bpf_ringbuf_query(&events, BPF_RB_RING_SIZE) -
	    bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) < len + sizeof(*ss)) {
		say_lost();
		count_lost();
		return;
	}
	ss->busy = 1;
	/* x86-64's (arch.h): plain loads at fixed offsets */
	ss->regs.ip = LT_X86(regs)->ip;
	ss->regs.sp = LT_X86(regs)->sp;
	ss->regs.bp = LT_X86(regs)->bp;
	ss->regs.bx = LT_X86(regs)->bx;
	ss->regs.r12 = LT_X86(regs)->r12;
	ss->regs.r13 = LT_X86(regs)->r13;
	ss->regs.r14 = LT_X86(regs)->r14;
	ss->regs.r15 = LT_X86(regs)->r15;
	ss->got = 0;
	/* one more than the whole chunks: the first is a partial one */
	c.ss = ss;
	bpf_loop(LT_STACK_BYTES / LT_STACK_CHUNK + 1, stack_chunk, &c, 0);
	ss->cap.arg = LT_CAP_ARG_STACK;
	ss->cap.kind = LT_CAP_STACK;
	/* 64-bit, and opaque to the compiler: the verifier sees the bound
	 * on the register the writes use */
	got = ss->got;
	barrier_var(got);
	if (got > LT_STACK_BYTES + LT_STACK_CHUNK)
		got = 0;
	ss->cap.flags = got ? 0 : LT_CAPF_FAULT;
	ss->cap.at_exit = 0;
	ss->cap.len = sizeof(ss->regs) + got;
	caplen = sizeof(ss->cap) + sizeof(ss->regs) + ((got + 7) & ~7ull);
	h->size = len + caplen - sizeof(*h);
	say_lost();
	/* the ring's own rule: wake the reader when it had caught up. At 16
	 * KiB a record a backlog is the rule under -k, and forcing a wakeup
	 * per record past it cost more records lost (44k against 118k of
	 * 200k in an unpaced getppid loop) */
	flags = 0;
	if (bpf_ringbuf_reserve_dynptr(&events, len + caplen, 0, &dp)) {
		bpf_ringbuf_discard_dynptr(&dp, 0);
		count_lost();
	} else {
		bpf_dynptr_write(&dp, 0, rec, len, 0);
		bpf_dynptr_write(&dp, len, &ss->cap, caplen, 0);
		bpf_ringbuf_submit_dynptr(&dp, flags);
	}
	ss->busy = 0;
}

/* An entry record assembled in the scratch, with the stack under -k. */
static __always_inline void entry_emit(struct scratch *sc, __u32 len, struct pt_regs *regs)
{
	if (!stack_on) {
		scratch_emit(sc, len);
		return;
	}
	len &= SCRATCH_SIZE - 1;
	if (len >= sizeof(struct lt_rec_head))
		emit_with_stack(sc->buf, len, regs);
	sc->busy = 0;
}

struct args_ctx {
	struct scratch *sc;
	const struct lt_plan *plan;
	__u32 off;
	__u8 mask;	/* entry: faulted arguments; exit: arguments to copy again */
	long ret;
};

/* What enter_one and exit_one walk: the arguments up to the last with
 * something to copy (the FOLLOW is a seventh), as the plan counts them, or
 * nothing when the plan's condition is false (fcntl's lock commands take a
 * struct, its others a number). A count, not a branch, so the verifier
 * walks what follows once; a read's exit calls its callback twice, not
 * seven times. */
static __always_inline __u32 plan_loops(const struct lt_plan *plan, const struct scratch *sc,
					int exit)
{
	__u32 v = (__u32)sc_arg(sc, plan->cond_arg & 7);	/* fcntl's cmd is an int */
	__u64 on = plan->cond_arg >= 6 || (v < 64 && ((plan->cond_mask >> (v & 63)) & 1));

	return (exit ? plan->exit_n : plan->entry_n) * (__u32)on;
}

/* LT_CAP_DIRENTS: the records in the bytes getdents returned, walked by
 * their d_reclen (at byte 16 of both dirent layouts), as strace counts
 * them; hdr is the size of a record's fixed part. */
struct dirents_ctx {
	__u64 buf;
	__u32 len;	/* bytes left */
	__u32 hdr;
	struct lt_dirents d;
};

static long dirent_one(__u64 i, void *data)
{
	struct dirents_ctx *c = data;
	__u16 reclen = 0;

	(void)i;
	if (c->len < c->hdr ||
	    bpf_probe_read_user(&reclen, sizeof(reclen), (const void *)(c->buf + 16))) {
		c->d.rest = c->len;
		return 1;
	}
	c->d.count++;
	if (reclen < c->hdr)
		reclen = c->hdr;
	if (reclen >= c->len) {
		c->len = 0;
		return 1;
	}
	c->buf += reclen;
	c->len -= reclen;
	return 0;
}

__noinline __u32 put_dirents(struct scratch *sc, __u32 off, int arg, __u32 hdr, long ret)
{
	struct dirents_ctx c = { .len = (__u32)ret, .hdr = hdr };
	struct lt_cap *cap;

	if (!sc)	/* never, but the verifier does not know it here */
		return off;
	c.buf = sc_arg(sc, arg);
	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, LT_CAP_DIRENTS, 1);
	if (c.len && c.hdr)
		bpf_loop(LT_DIRENTS_MAX, dirent_one, &c, 0);
	cap->len = sizeof(c.d);
	__builtin_memcpy(&sc->buf[off + 8], &c.d, sizeof(c.d));
	return off + 8 + sizeof(c.d);
}

/* Argument i (6: the plan's FOLLOW) has nothing to copy. The masked
 * index is what the verifier bounds (the compiler would otherwise index
 * with a copy of i it had not checked). */
static __always_inline int no_capture(const struct lt_plan *plan, __u32 i)
{
	__u32 k = i;

	if (i >= 6)
		return 0;
	barrier_var(k);
	return plan->kind[k & 7] == LT_CAP_NONE;
}

static long enter_one(__u64 n, void *data)
{
	struct args_ctx *c = data;
	__u32 i = n;

	barrier_var(i);	/* the bounds below are on the register used */
	if (i > 6)
		return 1;
	/* an argument with nothing to copy, before the last that has: no
	 * call (capture_in would call entry_len to find nothing) */
	if (no_capture(c->plan, i))
		return 0;
	c->sc->off = capture_in(c->sc, c->sc->off, c->plan, i, &c->mask);
	return 0;
}

static __always_inline void enter_with_captures(struct pt_regs *regs, long nr, __u64 pid_tgid,
						const struct lt_plan *plan, __u8 flags)
{
	struct scratch *sc = scratch_get();
	struct args_ctx c = { .plan = plan };
	struct lt_rec_enter *r;
	__u8 iov_i = plan->iov, argv_i = plan->argv, count_i = plan->count;

	if (!sc)
		return;
	r = (struct lt_rec_enter *)sc->buf;
	fill_call_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, enter_type, pid_tgid);
	r->c.common_flags = flags;
	r->id = nr;
	read_args(regs, sc->args);
	__builtin_memcpy(r->args, sc->args, sizeof(r->args));
	sc->sp = LT_REG_SP(regs);
	r->ip = user_ip(regs);
	cpu_enter(cpu_call(1), r->h.ts);
	c.sc = sc;
	sc->off = sizeof(*r);
	sc->netlink = 0;
	bpf_loop(plan_loops(plan, sc, 0), enter_one, &c, 0);
	c.off = sc->off;
	/* execve's arrays, from one call site each: the verifier walks their
	 * loops once instead of once per argument */
	if (argv_i < 6) {
		__u32 at = c.off & OFF_MASK;

		c.off = put_argv(sc, c.off, argv_i, sc_arg(sc, argv_i)) & (SCRATCH_SIZE - 1);
		/* strings on pages never touched: the exec copies them again */
		if (((struct lt_cap *)&sc->buf[at])->flags & LT_CAPF_FAULT)
			c.mask |= 1 << argv_i;
	}
	if (count_i < 6)
		c.off = put_count(sc, c.off, count_i, sc_arg(sc, count_i)) &
			(SCRATCH_SIZE - 1);
	if (iov_i < 6 && plan->kind[iov_i] == LT_CAP_IOV_IN) {
		c.off = put_vec(sc, c.off, iov_i, LT_CAP_IOV_IN, 0, sc_arg(sc, iov_i),
				sc_arg(sc, plan->lenarg[iov_i]), 1, ~0ull);
		if (sc->iov_fault)	/* writev's buffers: again at exit */
			c.mask |= 1 << iov_i;
	} else if (iov_i < 6 && plan->kind[iov_i] == LT_CAP_MSG_IN) {
		c.off = put_vec(sc, c.off, iov_i, LT_CAP_MSG_IN, 0, sc_arg(sc, iov_i), 0, 1, ~0ull);
		if (sc->iov_fault)
			c.mask |= 1 << iov_i;
	}
	if (c.mask) {
		struct task_call *t = call_of(1);

		if (t)
			t->refetch = c.mask;
	}
	entry_emit(sc, c.off, regs);
}

/* -k: an entry that copies nothing but the stack. */
static __always_inline void enter_with_stack(struct pt_regs *regs, long nr, __u64 pid_tgid,
					     __u8 flags)
{
	struct scratch *sc = scratch_get();
	struct lt_rec_enter *r;

	if (!sc)
		return;
	r = (struct lt_rec_enter *)sc->buf;
	fill_call_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
	fill_common(&r->c, enter_type, pid_tgid);
	r->c.common_flags = flags;
	r->id = nr;
	read_args(regs, r->args);
	entry_emit(sc, sizeof(*r), regs);
}

/* Exit captures of argument what & 0xff (6: the plan's FOLLOW); what >> 8
 * is the mask of entry copies to make again (packed: a global function
 * takes five arguments). Returns the new offset. A global function, which
 * the verifier checks once, apart from the loop that calls it: inlined, it
 * cost the exit program 3 times as many instructions to verify. */
__noinline __u32 capture_out(struct scratch *sc, __u32 off, const struct lt_plan *plan, __u32 what,
			     long ret)
{
	__u32 i = what & 0xff, want, arg = i;
	__u8 mask = what >> 8;
	const void *p;
	int str = 0, shrink = 0;
	__u8 kind;

	if (!sc || !plan)
		return off;
	if (i == 6) {
		/* the plan's FOLLOW at exit, as a seventh argument: its
		 * output, or its entry copy that faulted, made again now */
		__u64 ptr = 0, foff = plan->follow_off;
		int again = (mask >> 6) & 1;

		if (again && plan->follow_alt_off && sc_arg(sc, 0) == plan->follow_alt_val)
			foff = plan->follow_alt_off;
		/* as capture_in's (a shared helper here made the verifier
		 * walk 2.5 times as many instructions) */
		const void *at = (const void *)(sc_arg(sc, plan->follow_arg) + foff);

		if (plan->follow_arg >= 6 || (!again && (!plan->follow_exit || ret < 0)) ||
		    bpf_probe_read_user(&ptr, sizeof(ptr), at))
			return off;
		shrink = again;
		p = (const void *)ptr;
		kind = LT_CAP_FOLLOW;
		arg = LT_CAP_ARG_FOLLOW;
		want = plan->follow_size;
		goto copy;
	}
	barrier_var(i);
	if (i > 5)
		return off;
	kind = plan->kind[i];
	p = (const void *)sc_arg(sc, i);
	shrink = plan->elem[i] || kind == LT_CAP_POLY || sc->netlink;

	if (kind == LT_CAP_MEM_ERR) {
		if (ret >= 0 || !p)
			return off;
		want = plan->size[i] & (LT_MEM_MAX * 2 - 1);
	} else if (ret < 0 && !((mask >> i) & 1) && kind != LT_CAP_MEM_INOUT) {
		return off;
	} else if ((mask >> i) & 1) {
		/* an entry copy that faulted, made again now (never argv,
		 * whose image is gone) */
		long len = entry_len(sc, plan, i);

		if (len < 0)
			return off;
		want = (__u32)len;
		str = !!(len & ENTRY_STR);
	} else if ((ret < 0 && kind != LT_CAP_MEM_INOUT) || !p) {
		return off;
	} else if (kind == LT_CAP_BUF_OUT) {
		want = min_u32(ret, buf_max(sc));
	} else if (kind == LT_CAP_STR_OUT) {
		want = min_u32(ret, LT_PATH_MAX);
	} else if (kind == LT_CAP_MEM_OUT || kind == LT_CAP_POLY || kind == LT_CAP_MEM_INOUT) {
		want = plan->size[i] & (LT_MEM_MAX * 2 - 1);
	} else if (kind == LT_CAP_IOCTL) {
		long len = ioctl_want(sc, 1);

		if (len < 0)
			return off;
		want = (__u32)len;
	} else if (kind == LT_CAP_ARR_OUT || kind == LT_CAP_ARR_INOUT) {
		want = arr_want(sc, plan, i, ret);
	} else if (kind == LT_CAP_DIRENTS) {
		return put_dirents(sc, off, i, plan->size[i], ret);
	} else if (kind == LT_CAP_ADDR_OUT) {
		/* the length the kernel wrote back is the whole address's;
		 * it wrote no more than the room it was given */
		__u32 len = 0;

		if (bpf_probe_read_user(&len, sizeof(len),
					(const void *)sc_arg(sc, plan->lenarg[i])))
			return off;
		want = min_u32(len, take_room(plan->size[i] & 511) & 511);
	} else {
		return off;
	}
copy:
	return put_cap(sc, off, arg, kind, 1, p, want, str, shrink);
}

static long exit_one(__u64 n, void *data)
{
	struct args_ctx *c = data;
	__u32 i = n;

	barrier_var(i);
	/* as enter_one: a copy made again at exit has a kind too */
	if (no_capture(c->plan, i))
		return 0;
	c->sc->off = capture_out(c->sc, c->sc->off, c->plan, i | c->mask << 8, c->ret) &
		     (SCRATCH_SIZE - 1);
	return 0;
}

/* The inode number of the file at descriptor fd of the current task (a
 * global function: put_inodes reads two). */
__noinline __u64 fd_inode(int fd)
{
	struct file *f = fd_file(fd);

	return f ? BPF_CORE_READ(f, f_inode, i_ino) : 0;
}

/* -y: the inodes of the descriptors the call made. */
static __always_inline __u32 put_inodes(struct scratch *sc, __u32 off,
					const struct lt_plan *plan, long ret)
{
	struct lt_cap *cap;
	__u64 ino[2];
	int fds[2] = { -1, -1 };

	if (ret < 0)
		return off;
	if (plan->newfd == LT_NEWFD_RET)
		fds[0] = (int)ret;
	else if (bpf_probe_read_user(fds, sizeof(fds),
				     (const void *)sc_arg(sc, plan->newfd_arg)))
		return off;
	off &= OFF_MASK;
	cap = cap_begin(sc, off, LT_CAP_ARG_NEWFD, LT_CAP_INODES, 1);
	cap->len = 2 * sizeof(__u64);
	ino[0] = fd_inode(fds[0]);
	ino[1] = fd_inode(fds[1]);
	__builtin_memcpy(&sc->buf[off + 8], ino, sizeof(ino));
	return off + 8 + sizeof(ino);
}

/* The end of an exit record assembled in sc up to sc->off: the inodes of
 * the descriptors the call made, its iovecs or msghdr, then out to the
 * ring. A global function: inlined, the verifier walked it once for every
 * way the loop before it ended (35 times). */
__noinline int exit_finish(struct scratch *sc, const struct lt_plan *plan, long ret,
			   __u32 refetch_mask)
{
	__u32 off;
	__u8 iov_i;

	if (!sc)
		return 0;
	if (!plan) {	/* never, but the verifier does not know it */
		scratch_emit(sc, sc->off);
		return 0;
	}
	iov_i = plan->iov;
	if (plan->newfd)
		sc->off = put_inodes(sc, sc->off, plan, ret);
	off = sc->off;
	/* the array even when the call failed: strace prints its pointers */
	if (iov_i < 6 && plan->kind[iov_i] == LT_CAP_IOV_OUT)
		off = put_vec(sc, off, iov_i, LT_CAP_IOV_OUT, 1, sc_arg(sc, iov_i),
			      sc_arg(sc, plan->lenarg[iov_i]), ret >= 0, ret >= 0 ? ret : 0);
	else if (iov_i < 6 && plan->kind[iov_i] == LT_CAP_MSG_OUT && ret >= 0)
		off = put_vec(sc, off, iov_i, LT_CAP_MSG_OUT, 1, sc_arg(sc, iov_i), 0, 1, ret);
	else if (iov_i < 6 && (refetch_mask >> iov_i) & 1 && plan->kind[iov_i] == LT_CAP_MSG_IN)
		off = put_vec(sc, off, iov_i, LT_CAP_MSG_IN, 1, sc_arg(sc, iov_i), 0, 1, ~0ull);
	else if (iov_i < 6 && (refetch_mask >> iov_i) & 1)
		off = put_vec(sc, off, iov_i, LT_CAP_IOV_IN, 1, sc_arg(sc, iov_i),
			      sc_arg(sc, plan->lenarg[iov_i]), 1, ~0ull);
	scratch_emit(sc, off);
	return 0;
}

/* The exit record of a call with what its plan copies at exit; whole: an
 * LT_REC_CALL with its entry too (a deferred call that did not sleep). */
static __always_inline void exit_with_captures(struct pt_regs *regs, long nr, long ret,
					       __u64 pid_tgid, const struct lt_plan *plan,
					       __u8 refetch_mask, __u8 whole)
{
	struct scratch *sc = scratch_get();
	struct args_ctx c = { .plan = plan, .mask = refetch_mask, .ret = ret };

	if (!sc)
		return;
	read_args(regs, sc->args);
	if (whole) {
		fill_exit_call((struct lt_rec_call *)sc->buf, regs, nr, ret, pid_tgid);
		sc->off = sizeof(struct lt_rec_call);
	} else {
		struct lt_rec_exit *r = (struct lt_rec_exit *)sc->buf;

		fill_call_head(&r->h, pid_tgid, LT_REC_SYSCALL, sizeof(*r));
		fill_common(&r->c, exit_type, pid_tgid);
		r->id = nr;
		r->ret = ret;
		r->cpu_ns = cpu_exit(cpu_call(0), r->h.ts);
		sc->off = sizeof(*r);
	}
	c.sc = sc;
	sc->netlink = 0;
	if (plan->kind[0] == LT_CAP_SOCK) {
		sc->netlink = (sock_info((int)sc_arg(sc, 0)) & 0xffff) == LT_AF_NETLINK;
	}
	bpf_loop(plan_loops(plan, sc, 1), exit_one, &c, 0);
	if (plan->newfd || plan->iov < 6)
		exit_finish(sc, plan, ret, refetch_mask);
	else
		scratch_emit(sc, sc->off);
}

/* Direct records: a call whose plan copies one plain buffer (read's,
 * write's, lt_plan.direct) under -s's default goes straight into the
 * ring, its record reserved with room for the copy, which the ring keeps
 * as padding when the copy is shorter (the record's head says its own
 * size). No scratch, no walk of the plan, no second copy from the scratch
 * into the ring (dd traced: 80 ns less per call, bench/README.md). */
#define DIRECT_BYTES LT_DIRECT_BYTES

struct direct_cap {
	struct lt_cap cap;
	__u64 data[DIRECT_BYTES / 8];
};

static __always_inline int direct_ok(const struct lt_plan *plan)
{
	return plan->direct && strsize <= DIRECT_BYTES && !stack_on;
}

/* The plan of call nr when its entry record copies something (directly,
 * when direct_ok), else NULL: an entry record with the arguments only. */
static __always_inline const struct lt_plan *entry_plan(long nr)
{
	__u32 key = (__u32)nr;
	const struct lt_plan *plan;

	if (!capture || key >= LT_MAX_NR)
		return NULL;
	plan = bpf_map_lookup_elem(&plans, &key);
	return plan && plan->at_entry ? plan : NULL;
}

/* Argument 1's capture of kind into d: want bytes from src, through the
 * stack as bounce_copy's. Returns the bytes it takes in the record, with
 * DIRECT_FAULT when the copy failed. A global function, which the verifier
 * walks once, not once at each site (inlined, it cost the exit program
 * 360 more instructions to verify). */
#define DIRECT_FAULT (1u << 31)

__noinline __u32 direct_put(struct direct_cap *d, __u32 kind, __u32 at_exit, __u64 src,
			    __u64 want)
{
	__u64 b[DIRECT_BYTES / 8] = {};

	if (!d)
		return 0;
	d->cap.arg = LT_DIRECT_ARG;
	d->cap.kind = kind;
	d->cap.at_exit = at_exit;
	d->cap.flags = 0;
	d->cap.len = 0;
	if (want > DIRECT_BYTES)
		want = DIRECT_BYTES;
	barrier_var(want);	/* 64-bit: the bound is on the register used */
	if (want && bpf_probe_read_user(b, want, (const void *)src)) {
		d->cap.flags = fault_flags(src, (__u32)want);
		return sizeof(d->cap) | DIRECT_FAULT;
	}
	for (int k = 0; k < DIRECT_BYTES / 8; k++)
		d->data[k] = b[k];
	d->cap.len = want;
	return sizeof(d->cap) + round8(want);
}

struct direct_enter {
	struct lt_rec_enter r;
	struct direct_cap d;
};

/* A write's entry: as enter_with_captures makes it. */
static __always_inline void enter_direct(struct pt_regs *regs, long nr, __u64 pid_tgid,
					 const struct lt_plan *plan, __u8 flags)
{
	struct direct_enter *e = reserve(sizeof(*e));
	__u64 src = LT_REG_ARG1(regs);
	__u32 put;

	if (!e)
		return;
	fill_call_head(&e->r.h, pid_tgid, LT_REC_SYSCALL, sizeof(e->r));
	fill_common(&e->r.c, enter_type, pid_tgid);
	e->r.c.common_flags = flags;
	e->r.id = nr;
	read_args(regs, e->r.args);
	e->r.ip = user_ip(regs);
	cpu_enter(cpu_call(1), e->r.h.ts);
	put = direct_put(&e->d, plan->kind[LT_DIRECT_ARG], 0, src,
			 min_u32(LT_REG_ARG2(regs), strsize));
	e->r.h.size += put & ~DIRECT_FAULT;
	/* a page not touched yet: copied again at exit, as capture_in's */
	if ((put & DIRECT_FAULT) && src) {
		struct task_call *t = call_of(1);

		if (t)
			t->refetch = 1 << LT_DIRECT_ARG;
	}
	submit(e);
}

struct direct_call {
	struct lt_rec_call r;
	struct direct_cap d;
};

/* The whole of a deferred read that did not sleep, as exit_with_captures
 * makes it: the buffer copied when the call succeeded, as capture_out's.
 * Or of a deferred write: its buffer copied now, unchanged since its
 * entry, as the entry's capture. (The exit of a call whose entry went out
 * alone, because it slept or was not deferred, takes the scratch's way:
 * a second record type here cost the exit program 540 instructions to
 * verify.) */
static __always_inline void exit_direct(struct pt_regs *regs, long nr, long ret, __u64 pid_tgid,
					const struct lt_plan *plan)
{
	struct direct_call *c = reserve(sizeof(*c));
	__u8 kind = plan->kind[LT_DIRECT_ARG];
	__u64 src = LT_REG_ARG1(regs);

	if (!c)
		return;
	fill_exit_call(&c->r, regs, nr, ret, pid_tgid);
	c->r.h.size = sizeof(c->r) - sizeof(c->r.h);
	if (kind == LT_CAP_BUF_IN)
		c->r.h.size += direct_put(&c->d, kind, 0, src,
					  min_u32(LT_REG_ARG2(regs), strsize)) & ~DIRECT_FAULT;
	else if (ret >= 0 && src)
		c->r.h.size += direct_put(&c->d, kind, 1, src, min_u32(ret, strsize)) &
			       ~DIRECT_FAULT;
	submit(c);
}
