/* io_uring_setup(2)'s struct io_uring_params, as strace prints it: what
 * goes in (flags, the SQ thread, the wq to attach, reserved words when
 * set), then, when the call succeeded, what came back (the ring sizes,
 * the features, the offsets of the rings' fields). */
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
