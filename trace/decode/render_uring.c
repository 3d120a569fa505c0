/* io_uring_setup(2)'s struct io_uring_params, as strace prints it: what
 * goes in (flags, the SQ thread, the wq to attach, reserved words when
 * set), then, when the call succeeded, what came back (the ring sizes,
 * the features, the offsets of the rings' fields); io_uring_register's
 * argument by opcode: buffers, descriptors, worker counts, CPU masks. */
#include <linux/io_uring.h>
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

static void u32_field(struct xbuf *b, const char *name, uint32_t v, bool hex)
{
	xb_str(b, name);
	if (hex)
		xb_hex(b, v);
	else
		xb_u64(b, v);
}

static void sq_off(struct xbuf *b, const struct io_sqring_offsets *o)
{
	u32_field(b, "{head=", o->head, false);
	u32_field(b, ", tail=", o->tail, false);
	u32_field(b, ", ring_mask=", o->ring_mask, false);
	u32_field(b, ", ring_entries=", o->ring_entries, false);
	u32_field(b, ", flags=", o->flags, false);
	u32_field(b, ", dropped=", o->dropped, false);
	u32_field(b, ", array=", o->array, false);
	if (o->resv1)
		u32_field(b, ", resv1=", o->resv1, true);
	if (o->resv2) {
		xb_str(b, ", resv2=");
		xb_hex(b, o->resv2);
	}
	xb_char(b, '}');
}

static void cq_off(struct xbuf *b, const struct io_cqring_offsets *o)
{
	u32_field(b, "{head=", o->head, false);
	u32_field(b, ", tail=", o->tail, false);
	u32_field(b, ", ring_mask=", o->ring_mask, false);
	u32_field(b, ", ring_entries=", o->ring_entries, false);
	u32_field(b, ", overflow=", o->overflow, false);
	u32_field(b, ", cqes=", o->cqes, false);
	u32_field(b, ", flags=", o->flags, false);
	if (o->resv1)
		u32_field(b, ", resv1=", o->resv1, true);
	if (o->resv2) {
		xb_str(b, ", resv2=");
		xb_hex(b, o->resv2);
	}
	xb_char(b, '}');
}

bool render_uring_params(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct io_uring_params in, out;
	bool resv = false;

	if (!x->in || x->in->len < sizeof(in))
		return false;
	(void)p, (void)len;
	memcpy(&in, capture_bytes(x->in), sizeof(in));
	xb_str(b, "{flags=");
	xlat_flags(b, &xlat_uring_setup_flags, in.flags, "IORING_SETUP_???");
	u32_field(b, ", sq_thread_cpu=", in.sq_thread_cpu, true);
	u32_field(b, ", sq_thread_idle=", in.sq_thread_idle, false);
	if (in.flags & IORING_SETUP_ATTACH_WQ) {
		xb_str(b, ", wq_fd=");
		xb_i64(b, (int32_t)in.wq_fd);
	}
	for (size_t i = 0; i < sizeof(in.resv) / sizeof(in.resv[0]); i++)
		resv |= in.resv[i] != 0;
	if (resv) {
		xb_str(b, ", resv=[");
		for (size_t i = 0; i < sizeof(in.resv) / sizeof(in.resv[0]); i++) {
			if (i)
				xb_str(b, ", ");
			xb_hex(b, in.resv[i]);
		}
		xb_char(b, ']');
	}
	if (render_call_ok(x->c) && x->out && x->out->len >= sizeof(out)) {
		memcpy(&out, capture_bytes(x->out), sizeof(out));
		u32_field(b, ", sq_entries=", out.sq_entries, false);
		u32_field(b, ", cq_entries=", out.cq_entries, false);
		xb_str(b, ", features=");
		xlat_flags(b, &xlat_uring_setup_features, out.features, "IORING_FEAT_???");
		xb_str(b, ", sq_off=");
		sq_off(b, &out.sq_off);
		xb_str(b, ", cq_off=");
		cq_off(b, &out.cq_off);
	}
	xb_char(b, '}');
	return true;
}

/* --- io_uring_register's argument, by opcode ----------------------------- */

/* strace's print_array over nr elements of size bytes at p (got copied):
 * -s of them at most; the address when not even the first was copied */
typedef void (*uring_elem_fn)(struct xbuf *b, const uint8_t *e, unsigned index);

static bool uring_array(const struct rctx *x, const uint8_t *p, size_t got, uint64_t nr,
			size_t size, uring_elem_fn fn, struct xbuf *b)
{
	if (nr && got < size)
		return false;
	xb_char(b, '[');
	for (uint64_t i = 0; i < nr; i++) {
		if (!render_array_elem(b, (unsigned)i, x))
			break;
		if ((i + 1) * size > got) {
			xb_str(b, "...");
			break;
		}
		fn(b, p + i * size, (unsigned)i);
	}
	xb_char(b, ']');
	return true;
}

static void fd_elem(struct xbuf *b, const uint8_t *e, unsigned index)
{
	int32_t fd;

	(void)index;
	memcpy(&fd, e, sizeof(fd));
	xb_i64(b, fd);
}

/* FILES_UPDATE's: IORING_REGISTER_FILES_SKIP where no fd is */
static void update_fd_elem(struct xbuf *b, const uint8_t *e, unsigned index)
{
	int32_t fd;

	(void)index;
	memcpy(&fd, e, sizeof(fd));
	if (fd < -1)
		xlat_enum(b, &xlat_uring_files_update_fds, (uint64_t)(int64_t)fd, NULL, XN_DEC);
	else
		xb_i64(b, fd);
}

static void iov_elem(struct xbuf *b, const uint8_t *e, unsigned index)
{
	uint64_t iov[2];

	(void)index;
	memcpy(iov, e, sizeof(iov));
	xb_str(b, "{iov_base=");
	if (iov[0])
		xb_hex(b, iov[0]);
	else
		xb_str(b, "NULL");
	xb_printf(b, ", iov_len=%llu}", (unsigned long long)iov[1]);
}

/* IOWQ_MAX_WORKERS' counts, indexed by the kernel's enum io_wq_type */
static void workers_elem(struct xbuf *b, const uint8_t *e, unsigned index)
{
	uint32_t v;

	memcpy(&v, e, sizeof(v));
	xb_char(b, '[');
	xlat_enum(b, &xlat_uring_iowq_acct, index, "IO_WQ_???", XN_UDEC);
	xb_printf(b, "]=%u", v);
}

/* RING_FDS' struct io_uring_rsrc_update: the offset (-1: the first free
 * one) and the ring's fd; UNREGISTER_RING_FDS' the offset */
static void rsrc_update(struct xbuf *b, const uint8_t *e, bool reg)
{
	struct io_uring_rsrc_update u;

	memcpy(&u, e, sizeof(u));
	if (u.offset == UINT32_MAX && reg)
		xb_str(b, "{offset=-1");
	else
		xb_printf(b, "{offset=%u", u.offset);
	if (u.resv)
		xb_printf(b, ", resv=%#x", u.resv);
	if (reg)
		xb_printf(b, ", data=%d}", (int)u.data);
	else if (u.data)
		xb_printf(b, ", data=%#llx}", (unsigned long long)u.data);
	else
		xb_char(b, '}');
}

static void ring_fd_elem(struct xbuf *b, const uint8_t *e, unsigned index)
{
	(void)index;
	rsrc_update(b, e, true);
}

static void ring_unfd_elem(struct xbuf *b, const uint8_t *e, unsigned index)
{
	(void)index;
	rsrc_update(b, e, false);
}

/* FILES_UPDATE's struct io_uring_files_update, its fds behind it (the
 * row's FOLLOW) */
static bool files_update(const struct rctx *x, const uint8_t *p, size_t len, uint64_t nr,
			 struct xbuf *b)
{
	const struct lt_cap *fds = cap_usable(render_follow(x->c, false));
	struct io_uring_files_update u;

	if (len < sizeof(u))
		return false;
	memcpy(&u, p, sizeof(u));
	xb_printf(b, "{offset=%u", u.offset);
	if (u.resv)
		xb_printf(b, ", resv=%#x", u.resv);
	xb_str(b, ", fds=");
	if (!u.fds)
		xb_str(b, "NULL");
	else if (!fds || !uring_array(x, capture_bytes(fds), fds->len, nr, 4, update_fd_elem, b))
		xb_hex(b, u.fds);
	xb_char(b, '}');
	return true;
}

bool render_uring_register(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t nr = (uint32_t)render_arg(x, 3);
	const struct lt_cap *out = x->out;

	if (!x->in)
		return false;
	switch ((uint32_t)render_arg(x, 1)) {
	case IORING_REGISTER_BUFFERS:
		return uring_array(x, p, len, nr, 16, iov_elem, b);
	case IORING_REGISTER_FILES:
	case IORING_REGISTER_EVENTFD:
	case IORING_REGISTER_EVENTFD_ASYNC:
		return uring_array(x, p, len, nr, 4, fd_elem, b);
	case IORING_REGISTER_FILES_UPDATE:
		return files_update(x, p, len, nr, b);
	case IORING_REGISTER_IOWQ_AFF:
		if (len < nr && len < x->rule->size)
			return false;
		render_bits(b, p, len, nr * 8, len < nr);
		return true;
	case IORING_REGISTER_IOWQ_MAX_WORKERS:
		/* what went in, and what the kernel wrote back */
		if (!uring_array(x, p, len, nr, 4, workers_elem, b))
			return false;
		xb_str(b, " => ");
		if (!out || !uring_array(x, capture_bytes(out), out->len, nr, 4, workers_elem, b))
			xb_hex(b, render_arg(x, 2));
		return true;
	case IORING_REGISTER_RING_FDS:
		return uring_array(x, p, len, nr, 16, ring_fd_elem, b);
	case IORING_UNREGISTER_RING_FDS:
		return uring_array(x, p, len, nr, 16, ring_unfd_elem, b);
	default:
		return false;
	}
}
