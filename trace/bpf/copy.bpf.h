// SPDX-License-Identifier: GPL-2.0
/* Part of syscalls.bpf.c, included once where it stands: copying user memory into the scratch: strings, argv, arrays, iovecs,
 * msghdrs. */

/* Argument i of the call whose captures sc assembles. */
static __always_inline __u64 sc_arg(const struct scratch *sc, unsigned i)
{
	return sc->args[i & 7];
}

/* How many bytes of a buffer to copy: -s, or, for netlink messages, as
 * many as their decoder shows. */
static __always_inline __u32 buf_max(const struct scratch *sc)
{
	return sc->netlink ? LT_NETLINK_MAX : strsize;
}

static __always_inline __u32 round8(__u32 n)
{
	return (n + 7) & ~7u;
}

/* The header of a capture at off, with no data yet. */
static __always_inline struct lt_cap *cap_begin(struct scratch *sc, __u32 off, int arg, __u8 kind,
						__u8 at_exit)
{
	struct lt_cap *cap = (struct lt_cap *)&sc->buf[off & OFF_MASK];

	cap->arg = arg;
	cap->kind = kind;
	cap->at_exit = at_exit;
	cap->flags = 0;
	cap->len = 0;
	return cap;
}

#define LT_VM_READ 0x1	/* include/linux/mm.h, a macro vmlinux.h does not have */

static long vma_readable(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	(void)task;
	*(int *)ctx = !!(vma->vm_flags & LT_VM_READ);
	return 0;
}

/* The flags of a copy of src..src+len-1 that faulted: LT_CAPF_UNMAPPED
 * too when either end is outside the process's readable mappings, where
 * no tracer can read, strace neither (a global function, as save_room). */
__noinline int fault_flags(__u64 src, __u32 len)
{
	struct task_struct *task = bpf_get_current_task_btf();
	int first = 0, last = 0;

	bpf_find_vma(task, src, vma_readable, &first, 0);
	if (len > 1)
		bpf_find_vma(task, src + len - 1, vma_readable, &last, 0);
	else
		last = first;
	return LT_CAPF_FAULT | (!first || !last ? LT_CAPF_UNMAPPED : 0);
}

/* A string copy of want bytes that filled its buffer ends in the NUL the
 * helper wrote over the last byte it read: that byte, to put back. */
static __always_inline char str_last(const void *src, __u32 want)
{
	char c = 0;

	bpf_probe_read_user(&c, 1, (const char *)src + want - 1);
	return c;
}

/* Whether the string copied from src, n bytes with its NUL, ends in a
 * NUL the process has: the helper stops at a fault and reports what it
 * got as if it were the string. */
static __always_inline int str_ended(const void *src, long n)
{
	char c = 1;

	return !bpf_probe_read_user(&c, 1, (const char *)src + n - 1) && !c;
}

/* A string of at most want bytes with its NUL, as strace's umovestr reads
 * it: one cut by a fault is read again up to the end of its page (the
 * helper reads words, and one across the page end faults before the
 * NUL); one that runs on into the page that faulted cannot be read. */
static __always_inline long read_str(void *dst, __u32 want, const void *src)
{
	__u32 room = 4096 - ((__u64)src & 4095);
	long n = bpf_probe_read_user_str(dst, want, src);

	if (n <= 0 || n >= want || str_ended(src, n))
		return n;
	if (room >= want)
		return -1;
	n = bpf_probe_read_user_str(dst, room, src);
	if (n <= 0 || (n < room && !str_ended(src, n)))
		return -1;
	if (n == room && str_last(src, room))
		return -1;
	return n;
}

/* Copies of at most this many bytes (-s's default buffers and strings)
 * go through the stack: a copy from user memory checks its destination
 * (hardened usercopy), and that check is cheap for the stack but walks
 * the page of a map value, 7% of a traced dd call's time here. */
#define BOUNCE_BYTES 40

static __always_inline long bounce_copy(struct scratch *sc, __u32 off, __u32 want,
					const void *src, int str)
{
	__u64 b[BOUNCE_BYTES / 8] = {};
	__u64 *to = (__u64 *)&sc->buf[off + 8];
	long n;

	if (str)
		n = read_str(b, want, src);
	else
		n = bpf_probe_read_user(b, want, src) ? -1L : (long)want;
	if (n > 0) {
		for (int i = 0; i < BOUNCE_BYTES / 8; i++)
			to[i] = b[i];
	}
	return n;
}

/* put_cap's flags, packed with the argument and kind into one word: a
 * global function takes five arguments. */
#define PUT_EXIT	(1u << 16)
#define PUT_STR		(1u << 17)
#define PUT_SHRINK	(1u << 18)

/* The end of a capture at off whose copy faulted (PUT_FAULT in how) or is
 * a string that filled all want bytes: its flags, and its length, after
 * a PUT_SHRINK copy that faulted read again up to the end of its page. A
 * global function, called only then: the verifier walks it once, not
 * once for every way put_cap_at's copy went (inlined, it made
 * put_cap_at's 314 instructions cost 1819, a quarter of both syscall
 * programs' verification), and the usual copy pays no call for it. */
#define PUT_FAULT	(1u << 20)

__noinline __u32 cap_end(struct scratch *sc, __u32 off, __u32 how, __u64 srcp, __u64 want)
{
	__u32 room = 4096 - (srcp & 4095);
	int str = !!(how & PUT_STR);
	struct lt_cap *cap;

	if (!sc)
		return 0;
	off &= OFF_MASK;
	cap = (struct lt_cap *)&sc->buf[off];
	if (want > LT_PATH_MAX)
		want = LT_PATH_MAX;
	/* what a POLY argument or a socket option holds may be shorter
	 * than the length said, at the end of a page: what the page has,
	 * for the decoder to take if it is enough */
	if ((how & (PUT_FAULT | PUT_STR | PUT_SHRINK)) == (PUT_FAULT | PUT_SHRINK) &&
	    room < want && !bpf_probe_read_user(&sc->buf[off + 8], room, (const void *)srcp))
		return room;
	if (how & PUT_FAULT) {
		/* a string: its first byte, and the next page's first when
		 * it may run on into it (strace's read stops where the
		 * process has no readable memory, past a guard page) */
		cap->flags = fault_flags(srcp, !str ? want : want > room ? room + 1 : 1);
		return 0;
	}
	if (str && want) {
		/* a string that fills the copy: all want bytes, no NUL, so
		 * that the reader sees it goes on (strace reads as many) */
		char c = str_last((const void *)srcp, want);

		if (c) {
			sc->buf[(off + 8 + want - 1) & (SCRATCH_SIZE - 1)] = c;
			cap->flags = LT_CAPF_MORE;
		}
	}
	return want;
}

/* Copy want bytes (a string when PUT_STR) from user address src into a
 * capture at off of argument how & 0xff, kind (how >> 8) & 0xff; returns
 * the offset after it. PUT_SHRINK: bytes that fault are read again up to
 * the end of their page. A global function, checked once by the verifier
 * whatever calls it (inlined at its three sites, it cost the syscall
 * programs half of their verification). */
__noinline __u32 put_cap_at(struct scratch *sc, __u32 off, __u32 how, __u64 srcp, __u64 want)
{
	const void *src = (const void *)srcp;
	int str = !!(how & PUT_STR);
	struct lt_cap *cap;
	long n = 0;

	if (!sc)
		return off;
	off &= OFF_MASK;
	barrier_var(off);	/* the bound is on the register used below */
	cap = cap_begin(sc, off, how & 0xff, (how >> 8) & 0xff, !!(how & PUT_EXIT));
	if (want > LT_PATH_MAX)
		want = LT_PATH_MAX;
	barrier_var(want);	/* 64-bit: the bound is on the register used */
	if (want && want <= BOUNCE_BYTES) {
		n = bounce_copy(sc, off, want, src, str);
	} else if (want) {
		if (str)
			n = read_str(&sc->buf[off + 8], want, src);
		if (!str)
			/* long on both sides: an unsigned want would turn -1
			 * into a length and hide the fault */
			n = bpf_probe_read_user(&sc->buf[off + 8], want, src) ? -1L : (long)want;
	}
	if (n < 0)
		n = cap_end(sc, off, how | PUT_FAULT, srcp, want) & (LT_PATH_MAX * 2 - 1);
	else if (str && n && n == want)
		n = cap_end(sc, off, how, srcp, want) & (LT_PATH_MAX * 2 - 1);
	cap->len = n;
	return off + 8 + round8(n);
}

static __always_inline __u32 put_cap(struct scratch *sc, __u32 off, int arg, __u8 kind,
				     __u8 at_exit, const void *src, __u32 want, int str, int shrink)
{
	__u32 how = (__u8)arg | (__u32)kind << 8 | (at_exit ? PUT_EXIT : 0) |
		    (str ? PUT_STR : 0) | (shrink ? PUT_SHRINK : 0);

	return put_cap_at(sc, off, how, (__u64)src, want) & (SCRATCH_SIZE - 1);
}

struct count_ctx {
	const __u64 *array;
	__u32 n;
	__u32 unreadable;	/* an element could not be read */
};

static long count_one(__u64 i, void *data)
{
	struct count_ctx *c = data;
	__u64 p = 0;

	if (bpf_probe_read_user(&p, sizeof(p), &c->array[i])) {
		c->unreadable = 1;
		return 1;
	}
	if (!p)
		return 1;
	c->n++;
	return 0;
}

__noinline __u32 put_count(struct scratch *sc, __u32 off, int arg, __u64 array)
{
	struct count_ctx c = { .array = (const __u64 *)array, .n = 0 };
	struct lt_cap *cap;

	if (!sc)
		return off;
	off &= OFF_MASK;
	cap = cap_begin(sc, off, arg, LT_CAP_COUNT, 0);
	if (array)
		bpf_loop(LT_COUNT_MAX, count_one, &c, 0);
	cap->len = 8;
	*(__u32 *)&sc->buf[off + 8] = c.n;
	*(__u32 *)&sc->buf[off + 12] = c.unreadable;
	return off + 16;
}

/* Elements of a string array as consecutive NUL-terminated strings, each
 * at most strsize + 1 bytes so a longer one shows as truncated. */
struct argv_ctx {
	struct scratch *sc;
	const __u64 *argv;
	__u32 base;	/* where the strings start */
	__u32 pos;
	__u32 want;
	__u8 flags;
};

static long argv_one(__u64 i, void *data)
{
	struct argv_ctx *c = data;
	__u64 p = 0;
	__u32 idx;
	long n;

	if (bpf_probe_read_user(&p, sizeof(p), &c->argv[i])) {
		c->flags |= LT_CAPF_FAULT;
		return 1;
	}
	if (!p)
		return 1;
	if (i == LT_ARGV_MAX || c->pos + c->want > ARGV_AREA) {
		c->flags |= LT_CAPF_MORE;
		return 1;
	}
	idx = (c->base + (c->pos & (ARGV_AREA - 1))) & (SCRATCH_SIZE - 1);
	if (idx > SCRATCH_SIZE - 256)
		return 1;
	n = bpf_probe_read_user_str(&c->sc->buf[idx], c->want & 255, (const void *)p);
	if (n <= 0) {
		c->flags |= LT_CAPF_FAULT;
		return 1;
	}
	c->pos += n;
	return 0;
}

__noinline __u32 put_argv(struct scratch *sc, __u32 off, int arg, __u64 argv)
{
	/* one byte more than -s prints: a longer string shows as cut */
	struct argv_ctx c = { .sc = sc, .argv = (const __u64 *)argv, .want = strsize + 2 };
	struct lt_cap *cap;

	if (!sc)
		return off;
	off &= OFF_MASK;
	c.base = off + 8;
	if (c.want > 255)
		c.want = 255;
	if (argv)
		bpf_loop(LT_ARGV_MAX + 1, argv_one, &c, 0);
	cap = (struct lt_cap *)&sc->buf[off];
	cap->arg = arg;
	cap->kind = LT_CAP_ARGV;
	cap->at_exit = 0;
	cap->flags = c.flags;
	cap->len = c.pos & (ARGV_AREA - 1);
	return off + 8 + round8(cap->len);
}

/* The room of this call's address buffer, until its exit. save_room,
 * take_room, put_dirents and fault_flags are global functions, which the
 * verifier checks once, apart from their callers: inlined, they cost the
 * two syscall programs 20% more instructions to verify. What they return
 * is unknown to it, so their callers bound it. */
__noinline int save_room(__u32 v)
{
	__u32 *room = bpf_task_storage_get(&addr_room, bpf_get_current_task_btf(), 0,
					   BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (room)
		*room = v;
	return 0;
}

/* What save_room kept at this call's entry, at most max; max when unknown. */
__noinline __u32 take_room(__u32 max)
{
	__u32 *room = bpf_task_storage_get(&addr_room, bpf_get_current_task_btf(), 0, 0);
	__u32 v = max;

	if (room) {
		v = *room < max ? *room : max;
		*room = ~0u;
	}
	return v;
}

static __always_inline __u32 min_u32(__u64 a, __u32 b)
{
	return a < b ? (__u32)a : b;
}

#define PUT_COPY	(1u << 19)	/* put_iov_at: the buffers too, not only the array */

__noinline __u32 put_iov_at(struct scratch *sc, __u32 off, __u32 how, __u64 vec, __u64 vlen);

/* recvmsg's name: the kernel's length says what it had, the buffer may be
 * shorter, at the end of a page: what the page holds, for the decoder,
 * which shows only as much as the buffer took. 0 when copied. */
static __always_inline int msg_name_to_page_end(struct lt_msg *m, __u32 n)
{
	__u32 room = 4096 - (m->name & 4095);

	if (room >= n || room > LT_MSG_NAME_MAX)
		return -1;
	return bpf_probe_read_user(m->name_bytes, room, (const void *)m->name) ? -1 : 0;
}

/* sendmsg's and recvmsg's struct user_msghdr at msg, its name, its
 * control messages and its iovecs: the capture of argument how & 0xff,
 * kind (how >> 8) & 0xff, at off. sc->iov_left: the bytes the buffers may
 * take at most. A global function, as put_cap_at. */
__noinline __u32 put_msg_at(struct scratch *sc, __u32 off, __u32 how, __u64 msgp)
{
	const void *msg = (const void *)msgp;
	__u8 kind = (how >> 8) & 0xff;
	struct lt_cap *cap;
	struct lt_msg *m;
	__u32 n;

	if (!sc)
		return off;
	off &= OFF_MASK;
	barrier_var(off);
	cap = cap_begin(sc, off, how & 0xff, kind, !!(how & PUT_EXIT));
	m = (struct lt_msg *)&sc->buf[off + 8];
	if (!msg || bpf_probe_read_user(m, LT_MSGHDR_SIZE, msg)) {
		cap->flags = msg ? fault_flags((__u64)msg, LT_MSGHDR_SIZE) : LT_CAPF_FAULT;
		sc->iov_fault = 1;	/* sendmsg's: copy again at exit */
		return off + 8;
	}
	m->name_got = -1;
	n = m->namelen & 0xff;
	if (n > LT_MSG_NAME_MAX || m->namelen > LT_MSG_NAME_MAX)
		n = LT_MSG_NAME_MAX;
	if (kind == LT_CAP_MSG_OUT)	/* the kernel wrote no more than the room */
		n = take_room(n) & (LT_MSG_NAME_MAX * 2 - 1);
	if (n > LT_MSG_NAME_MAX)
		n = LT_MSG_NAME_MAX;
	if (m->name && n && !bpf_probe_read_user(m->name_bytes, n, (const void *)m->name))
		m->name_got = n;
	else if (m->name && n && !msg_name_to_page_end(m, n))
		m->name_got = (__s32)(4096 - (m->name & 4095));
	m->control_got = -1;
	n = m->controllen < LT_MSG_CONTROL_MAX ? (__u32)m->controllen : LT_MSG_CONTROL_MAX;
	if (m->control && n && !bpf_probe_read_user(m->control_bytes, n, (const void *)m->control))
		m->control_got = n;
	n = put_iov_at(sc, off + 8 + sizeof(*m), (how & ~0xff00u) | (__u32)LT_CAP_IOV_IN << 8,
		       m->iov, m->iovlen) & (SCRATCH_SIZE - 1);
	cap->len = (n - off - 8) & (SCRATCH_SIZE - 1);
	return n;
}

/* The bytes an ARR_* capture of argument i takes: n elements, n from an
 * argument, the return value or 1, never more than the plan's size. */
static __always_inline __u32 arr_want(const struct scratch *sc, const struct lt_plan *plan, int i,
				      long ret)
{
	__u32 size = plan->size[i] & (LT_MEM_MAX * 2 - 1);
	__u8 la = plan->lenarg[i];
	__u64 n = la == LT_LEN_ONE ? 1 : la == LT_LEN_RET ? (__u64)ret : sc_arg(sc, la);
	__u8 elem = plan->elem[i];

	if (elem == LT_ELEM_FDSET || elem == LT_ELEM_NODES) {
		/* bits, in whole longs: the bytes the kernel reads and writes.
		 * A node mask has maxnode - 1 bits (a count so large the sum
		 * wraps copies nothing: the kernel refuses it); select's nfds
		 * is an int, none when negative. Without branches: the
		 * verifier walked 10% fewer instructions of sys_exit so. */
		n = elem == LT_ELEM_NODES ? n - (n != 0) : (__u32)n * !((__u32)n >> 31);
		return min_u32((n + 63) / 64 * 8, size);
	}
	if (n > size)	/* before the product, which could wrap */
		n = size;
	return min_u32(n * elem, size);
}

/* An iovec array: its first LT_IOV_MAX elements in one copy, then each
 * buffer's first strsize bytes (fewer when the call transferred fewer),
 * one after the other, LT_IOV_AREA bytes at most. */
struct iov_ctx {
	struct scratch *sc;
	__u32 head;	/* where struct lt_iov is */
	__u32 data;	/* where the buffers go */
	__u8 copy;	/* 0: the call failed, the buffers say nothing */
};

/* Element i of the iovec array whose struct lt_iov is at head, its
 * buffer copied to data + sc->iov_pos when copy; 1 when there are no more.
 * A global function, which the verifier walks once: as iov_one's body it
 * was walked again on every round of the loop, 800 instructions for its
 * 99 in each syscall program. */
__noinline int iov_elem(struct scratch *sc, __u32 head, __u32 data, __u32 i, __u32 copy)
{
	struct lt_iov *h;
	__u64 len, left;
	__u32 want, idx, pos;

	if (!sc)
		return 1;
	h = (struct lt_iov *)&sc->buf[head & OFF_MASK];
	left = sc->iov_left;
	pos = sc->iov_pos;
	if (i >= LT_IOV_MAX || i >= h->n)
		return 1;
	barrier_var(i);	/* so that the compiler keeps the mask, which */
	i &= LT_IOV_MAX - 1;	/* bounds the register the index uses */
	h->got[i] = -1;
	if (!copy)
		return 0;
	len = h->iov[i][1];
	want = min_u32(len, buf_max(sc));
	want = min_u32(left, want);
	sc->iov_left = left - (len < left ? len : left);
	if (pos >= LT_IOV_AREA)
		want = 0;
	else if (want > LT_IOV_AREA - pos)
		want = LT_IOV_AREA - pos;
	idx = (data + (pos & (LT_IOV_AREA - 1))) & (SCRATCH_SIZE - 1);
	if (idx > SCRATCH_SIZE - LT_PATH_MAX)
		return 1;
	want &= LT_PATH_MAX - 1;
	if (bpf_probe_read_user(&sc->buf[idx], want, (const void *)h->iov[i][0])) {
		sc->iov_fault = 1;
		return 0;
	}
	h->got[i] = want;
	sc->iov_pos = pos + want;
	return 0;
}

static long iov_one(__u64 i, void *data)
{
	struct iov_ctx *c = data;

	return iov_elem(c->sc, c->head, c->data, (__u32)i, c->copy) ? 1 : 0;
}

/* An IOV_* capture of argument how & 0xff, kind (how >> 8) & 0xff, at
 * off: vlen iovecs at vec; their buffers (PUT_COPY) up to sc->iov_left
 * bytes in all. A global function, as put_cap_at. */
__noinline __u32 put_iov_at(struct scratch *sc, __u32 off, __u32 how, __u64 vecp, __u64 vlen)
{
	const void *vec = (const void *)vecp;
	struct iov_ctx c = { .sc = sc, .copy = !!(how & PUT_COPY) };
	struct lt_cap *cap;
	struct lt_iov *h;
	__u32 n = vlen < LT_IOV_MAX ? (__u32)vlen : LT_IOV_MAX;
	__u64 limit;

	if (!sc)
		return off;
	limit = sc->iov_left;
	off &= OFF_MASK;
	barrier_var(off);
	cap = cap_begin(sc, off, how & 0xff, (how >> 8) & 0xff, !!(how & PUT_EXIT));
	h = (struct lt_iov *)&sc->buf[off + 8];
	h->n = 0;
	if (n > LT_IOV_MAX)
		n = LT_IOV_MAX;
	if (!vec || bpf_probe_read_user(h->iov, n * sizeof(h->iov[0]), vec)) {
		cap->flags = LT_CAPF_FAULT;
		return off + 8;
	}
	h->n = n;
	c.head = off + 8;
	c.data = off + 8 + sizeof(*h);
	sc->iov_pos = 0;
	sc->iov_fault = 0;
	sc->iov_left = limit;
	bpf_loop(LT_IOV_MAX, iov_one, &c, 0);
	cap->len = sizeof(*h) + (sc->iov_pos & (LT_IOV_AREA * 2 - 1));
	return off + 8 + round8(cap->len);
}

/* An IOV_* or MSG_* capture of argument arg at off; vlen iovecs (an
 * iovec array's); limit: the bytes its buffers may take at most. */
static __always_inline __u32 put_vec(struct scratch *sc, __u32 off, int arg, __u8 kind,
				     __u8 at_exit, __u64 vec, __u64 vlen, __u8 copy, __u64 limit)
{
	__u32 how = (__u8)arg | (__u32)kind << 8 | (at_exit ? PUT_EXIT : 0) |
		    (copy ? PUT_COPY : 0);

	sc->iov_left = limit;
	if (kind == LT_CAP_MSG_IN || kind == LT_CAP_MSG_OUT)
		return put_msg_at(sc, off, how, vec) & (SCRATCH_SIZE - 1);
	return put_iov_at(sc, off, how, vec, vlen) & (SCRATCH_SIZE - 1);
}
