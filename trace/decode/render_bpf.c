/* bpf(2)'s attr, by command, as strace 6.1 prints it: the fields of the
 * command's struct that the size given covers, in order, then ", ..." when
 * bytes past them are not 0. The row copies 256 bytes of the attr at entry
 * and again at exit (the ids, counts and lengths the kernel writes back),
 * and 255 bytes behind its first pointer (OBJ_PIN's path, a raw
 * tracepoint's name, BTF_LOAD's BTF; PROG_LOAD's license). */
#include <linux/bpf.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode/capture.h"
#include "decode/internal.h"
#include "decode/render.h"
#include "decode/render_bpf.h"

uint32_t ba_u32_at(const uint8_t *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

uint64_t ba_u64_at(const uint8_t *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

void ba_field(struct battr *a, const char *n)
{
	if (a->sep)
		xb_str(a->b, ", ");
	a->sep = true;
	xb_str(a->b, n);
	xb_char(a->b, '=');
}

void ba_u32(struct battr *a, const char *n, size_t off)
{
	ba_field(a, n);
	xb_u64(a->b, ba_u32_at(a->in, off));
}

void ba_i32(struct battr *a, const char *n, size_t off)
{
	ba_field(a, n);
	xb_i64(a->b, (int32_t)ba_u32_at(a->in, off));
}

void ba_u64(struct battr *a, const char *n, size_t off)
{
	ba_field(a, n);
	xb_u64(a->b, ba_u64_at(a->in, off));
}

void ba_addr(struct battr *a, const char *n, size_t off)
{
	uint64_t v = ba_u64_at(a->in, off);

	ba_field(a, n);
	if (v)
		xb_hex(a->b, v);
	else
		xb_str(a->b, "NULL");
}

void ba_enum(struct battr *a, const char *n, size_t off, const struct xlat *x,
	     const char *dflt)
{
	ba_field(a, n);
	xlat_enum(a->b, x, ba_u32_at(a->in, off), dflt, XN_HEX);
}

void ba_flags(struct battr *a, const char *n, size_t off, const struct xlat *x,
	      const char *dflt)
{
	ba_field(a, n);
	xlat_flags(a->b, x, ba_u32_at(a->in, off), dflt);
}

void ba_flags64(struct battr *a, const char *n, size_t off, const struct xlat *x,
		const char *dflt)
{
	ba_field(a, n);
	xlat_flags(a->b, x, ba_u64_at(a->in, off), dflt);
}

/* strace's print_quoted_cstring of a char[size] field: "..." when the
 * field holds no NUL */
void ba_cstr(struct battr *a, const char *n, size_t off, size_t size)
{
	size_t room = a->len - off < size ? a->len - off : size;
	size_t len = strnlen((const char *)a->in + off, room);

	ba_field(a, n);
	render_quote(a->b, a->in + off, len < room ? len : room - 1, len == room);
}

void ba_ifindex(struct battr *a, const char *n, size_t off)
{
	ba_field(a, n);
	render_ifindex(a->b, ba_u32_at(a->in, off));
}

/* The string behind the attr's first pointer (the row's FOLLOW_ALT), as
 * far as -s says and limit; a path as far as limit alone; the address
 * when it was not copied. */
void ba_str(struct battr *a, const char *n, size_t off, size_t limit, bool path)
{
	const struct lt_cap *s = cap_usable(render_follow(a->x->c, false));
	uint64_t p = ba_u64_at(a->in, off);
	size_t len, max = !path && a->x->strsize < limit ? a->x->strsize : limit;

	ba_field(a, n);
	if (!p) {
		xb_str(a->b, "NULL");
		return;
	}
	len = s ? strnlen((const char *)capture_bytes(s), s->len) : 0;
	if (!s || (len == s->len && len <= max)) {
		xb_hex(a->b, p);
		return;
	}
	render_quote(a->b, capture_bytes(s), len < max ? len : max, len > max);
}

/* BTF_LOAD's bytes behind its pointer: strace's printstrn */
void ba_bytes(struct battr *a, const char *n, size_t off, uint64_t len)
{
	const struct lt_cap *s = cap_usable(render_follow(a->x->c, false));
	uint64_t p = ba_u64_at(a->in, off);
	size_t shown = len < a->x->strsize ? (size_t)len : a->x->strsize;

	ba_field(a, n);
	if (!p)
		xb_str(a->b, "NULL");
	else if (!s || s->len < shown)
		xb_hex(a->b, p);
	else
		render_quote(a->b, capture_bytes(s), shown, len > shown);
}

/* Whether the size given covers the field at off */
bool ba_has(const struct battr *a, size_t off)
{
	return a->len > off;
}

/* strace's decode_attr_extra_data: ", ..." when any byte past the known
 * struct is not 0 */
void ba_extra(struct battr *a, size_t known)
{
	for (size_t i = known; i < a->len; i++) {
		if (a->in[i]) {
			xb_str(a->b, ", ...");
			return;
		}
	}
}

/* what the kernel wrote back over a u32 that went in: " => N" */
void ba_changed_u32(struct battr *a, size_t off)
{
	if (a->out && ba_u32_at(a->out, off) != ba_u32_at(a->in, off))
		xb_printf(a->b, " => %u", ba_u32_at(a->out, off));
}

void ba_open_sub(struct battr *a, const char *n)
{
	ba_field(a, n);
	xb_char(a->b, '{');
	a->sep = false;
}

typedef size_t (*bpf_cmd_fn)(struct battr *a);

static const bpf_cmd_fn cmds[] = {
	[BPF_MAP_CREATE] = bac_map_create,
	[BPF_MAP_LOOKUP_ELEM] = bac_map_lookup_elem,
	[BPF_MAP_UPDATE_ELEM] = bac_map_update_elem,
	[BPF_MAP_DELETE_ELEM] = bac_map_delete_elem,
	[BPF_MAP_GET_NEXT_KEY] = bac_map_get_next_key,
	[BPF_PROG_LOAD] = bac_prog_load,
	[BPF_OBJ_PIN] = bac_obj_pin,
	[BPF_OBJ_GET] = bac_obj_pin,
	[BPF_PROG_ATTACH] = bac_prog_attach,
	[BPF_PROG_DETACH] = bac_prog_detach,
	[BPF_PROG_TEST_RUN] = bac_prog_test_run,
	[BPF_PROG_GET_NEXT_ID] = bac_get_next_id,
	[BPF_MAP_GET_NEXT_ID] = bac_get_next_id,
	[BPF_PROG_GET_FD_BY_ID] = bac_prog_get_fd_by_id,
	[BPF_MAP_GET_FD_BY_ID] = bac_map_get_fd_by_id,
	[BPF_OBJ_GET_INFO_BY_FD] = bac_obj_get_info_by_fd,
	[BPF_RAW_TRACEPOINT_OPEN] = bac_raw_tracepoint_open,
	[BPF_BTF_LOAD] = bac_btf_load,
	[BPF_BTF_GET_FD_BY_ID] = bac_btf_get_fd_by_id,
	[BPF_MAP_LOOKUP_AND_DELETE_ELEM] = bac_map_lookup_elem,
	[BPF_MAP_FREEZE] = bac_map_freeze,
	[BPF_BTF_GET_NEXT_ID] = bac_get_next_id,
	[BPF_LINK_CREATE] = bac_link_create,
	[BPF_LINK_GET_FD_BY_ID] = bac_link_get_fd_by_id,
	[BPF_LINK_GET_NEXT_ID] = bac_get_next_id,
	[BPF_PROG_QUERY] = bac_prog_query,
	[BPF_TASK_FD_QUERY] = bac_task_fd_query,
	[BPF_MAP_LOOKUP_BATCH] = bac_lookup_batch,
	[BPF_MAP_LOOKUP_AND_DELETE_BATCH] = bac_lookup_batch,
	[BPF_MAP_UPDATE_BATCH] = bac_update_batch,
	[BPF_MAP_DELETE_BATCH] = bac_delete_batch,
	[BPF_LINK_UPDATE] = bac_link_update,
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

/* strace decodes the attr when the size is 1 to a page; a command it has
 * no decoder for prints the address */
bool render_bpf_attr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint32_t cmd = (uint32_t)render_arg(x, 0);
	uint64_t size = (uint32_t)render_arg(x, 2);
	uint8_t in[256] = { 0 }, out[256] = { 0 };
	struct battr a = { .x = x, .in = in, .b = b };
	size_t known;

	if (cmd >= NCMDS || !cmds[cmd] || !size || size > 4096 || !x->in)
		return false;
	a.len = size < sizeof(in) ? (size_t)size : sizeof(in);
	if (len < a.len)
		return false;
	memcpy(in, p, a.len);
	/* strace reads the attr again at exit whatever the call returned */
	if (x->out && x->out->len >= a.len && x->c->returned) {
		memcpy(out, capture_bytes(x->out), a.len);
		a.out = out;
	}
	xb_char(b, '{');
	known = cmds[cmd](&a);
	ba_extra(&a, known);
	xb_char(b, '}');
	/* the batch commands: the count the kernel wrote back, after */
	if ((cmd == BPF_MAP_LOOKUP_BATCH || cmd == BPF_MAP_LOOKUP_AND_DELETE_BATCH ||
	     cmd == BPF_MAP_UPDATE_BATCH || cmd == BPF_MAP_DELETE_BATCH) && a.out &&
	    ba_u32_at(out, 32) != ba_u32_at(in, 32))
		xb_printf(b, " => {batch={count=%u}}", ba_u32_at(out, 32));
	return true;
}
