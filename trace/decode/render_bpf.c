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

/* The attr as the process gave it (in) and as the kernel left it (out),
 * len bytes of each known: the size given, no more than was copied. */
struct battr {
	const struct rctx *x;
	const uint8_t *in, *out;
	size_t len;
	struct xbuf *b;
	bool sep;	/* a field was printed: ", " before the next */
};

static uint32_t u32_at(const uint8_t *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static uint64_t u64_at(const uint8_t *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static void name(struct battr *a, const char *n)
{
	if (a->sep)
		xb_str(a->b, ", ");
	a->sep = true;
	xb_str(a->b, n);
	xb_char(a->b, '=');
}

static void f_u32(struct battr *a, const char *n, size_t off)
{
	name(a, n);
	xb_u64(a->b, u32_at(a->in, off));
}

static void f_i32(struct battr *a, const char *n, size_t off)
{
	name(a, n);
	xb_i64(a->b, (int32_t)u32_at(a->in, off));
}

static void f_u64(struct battr *a, const char *n, size_t off)
{
	name(a, n);
	xb_u64(a->b, u64_at(a->in, off));
}

static void f_addr(struct battr *a, const char *n, size_t off)
{
	uint64_t v = u64_at(a->in, off);

	name(a, n);
	if (v)
		xb_hex(a->b, v);
	else
		xb_str(a->b, "NULL");
}

static void f_enum(struct battr *a, const char *n, size_t off, const struct xlat *x,
		   const char *dflt)
{
	name(a, n);
	xlat_enum(a->b, x, u32_at(a->in, off), dflt, XN_HEX);
}

static void f_flags(struct battr *a, const char *n, size_t off, const struct xlat *x,
		    const char *dflt)
{
	name(a, n);
	xlat_flags(a->b, x, u32_at(a->in, off), dflt);
}

static void f_flags64(struct battr *a, const char *n, size_t off, const struct xlat *x,
		      const char *dflt)
{
	name(a, n);
	xlat_flags(a->b, x, u64_at(a->in, off), dflt);
}

/* strace's print_quoted_cstring of a char[size] field: "..." when the
 * field holds no NUL */
static void f_cstr(struct battr *a, const char *n, size_t off, size_t size)
{
	size_t room = a->len - off < size ? a->len - off : size;
	size_t len = strnlen((const char *)a->in + off, room);

	name(a, n);
	render_quote(a->b, a->in + off, len < room ? len : room - 1, len == room);
}

static void f_ifindex(struct battr *a, const char *n, size_t off)
{
	name(a, n);
	render_ifindex(a->b, u32_at(a->in, off));
}

/* The string behind the attr's first pointer (the row's FOLLOW_ALT), as
 * far as -s says and limit; a path as far as limit alone; the address
 * when it was not copied. */
static void f_str(struct battr *a, const char *n, size_t off, size_t limit, bool path)
{
	const struct lt_cap *s = cap_usable(render_follow(a->x->c, false));
	uint64_t p = u64_at(a->in, off);
	size_t len, max = !path && a->x->strsize < limit ? a->x->strsize : limit;

	name(a, n);
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
static void f_bytes(struct battr *a, const char *n, size_t off, uint64_t len)
{
	const struct lt_cap *s = cap_usable(render_follow(a->x->c, false));
	uint64_t p = u64_at(a->in, off);
	size_t shown = len < a->x->strsize ? (size_t)len : a->x->strsize;

	name(a, n);
	if (!p)
		xb_str(a->b, "NULL");
	else if (!s || s->len < shown)
		xb_hex(a->b, p);
	else
		render_quote(a->b, capture_bytes(s), shown, len > shown);
}

/* Whether the size given covers the field at off */
static bool has(const struct battr *a, size_t off)
{
	return a->len > off;
}

/* strace's decode_attr_extra_data: ", ..." when any byte past the known
 * struct is not 0 */
static void extra(struct battr *a, size_t known)
{
	for (size_t i = known; i < a->len; i++) {
		if (a->in[i]) {
			xb_str(a->b, ", ...");
			return;
		}
	}
}

/* --- the commands ---------------------------------------------------------- */

static size_t map_create(struct battr *a)
{
	f_enum(a, "map_type", 0, &xlat_bpf_map_types, "BPF_MAP_TYPE_???");
	f_u32(a, "key_size", 4);
	f_u32(a, "value_size", 8);
	f_u32(a, "max_entries", 12);
	if (!has(a, 16))
		return 72;
	f_flags(a, "map_flags", 16, &xlat_bpf_map_flags, "BPF_F_???");
	if (!has(a, 20))
		return 72;
	f_i32(a, "inner_map_fd", 20);
	if (!has(a, 24))
		return 72;
	if (u32_at(a->in, 16) & BPF_F_NUMA_NODE) {
		name(a, "numa_node");
		xb_u64(a->b, u32_at(a->in, 24));
		if (u32_at(a->in, 24) == UINT32_MAX)
			xb_str(a->b, " /* NUMA_NO_NODE */");
	}
	if (!has(a, 28))
		return 72;
	f_cstr(a, "map_name", 28, BPF_OBJ_NAME_LEN);
	if (!has(a, 44))
		return 72;
	f_ifindex(a, "map_ifindex", 44);
	if (!has(a, 48))
		return 72;
	f_i32(a, "btf_fd", 48);
	f_u32(a, "btf_key_type_id", 52);
	f_u32(a, "btf_value_type_id", 56);
	if (!has(a, 60))
		return 72;
	f_u32(a, "btf_vmlinux_value_type_id", 60);
	if (!has(a, 64))
		return 72;
	f_u64(a, "map_extra", 64);
	return 72;
}

static size_t map_lookup_elem(struct battr *a)
{
	f_i32(a, "map_fd", 0);
	f_addr(a, "key", 8);
	f_addr(a, "value", 16);
	if (has(a, 24))
		f_flags64(a, "flags", 24, &xlat_bpf_map_lookup_elem_flags, "BPF_???");
	return 32;
}

static size_t map_update_elem(struct battr *a)
{
	f_i32(a, "map_fd", 0);
	f_addr(a, "key", 8);
	f_addr(a, "value", 16);
	name(a, "flags");
	xlat_enum(a->b, &xlat_bpf_map_update_elem_flags, u64_at(a->in, 24), "BPF_???", XN_HEX);
	return 32;
}

static size_t map_delete_elem(struct battr *a)
{
	f_i32(a, "map_fd", 0);
	f_addr(a, "key", 8);
	return 16;
}

static size_t map_get_next_key(struct battr *a)
{
	f_i32(a, "map_fd", 0);
	f_addr(a, "key", 8);
	f_addr(a, "next_key", 16);
	return 24;
}

static size_t map_freeze(struct battr *a)
{
	f_i32(a, "map_fd", 0);
	return 4;
}

static void kernel_version(struct battr *a, size_t off)
{
	uint32_t v = u32_at(a->in, off);

	name(a, "kern_version");
	xb_printf(a->b, "KERNEL_VERSION(%u, %u, %u)", v >> 16, (v >> 8) & 0xff, v & 0xff);
}

static size_t prog_load(struct battr *a)
{
	f_enum(a, "prog_type", 0, &xlat_bpf_prog_types, "BPF_PROG_TYPE_???");
	f_u32(a, "insn_cnt", 4);
	f_addr(a, "insns", 8);
	f_str(a, "license", 16, SIZE_MAX, false);
	if (!has(a, 24))
		return 128;
	f_u32(a, "log_level", 24);
	f_u32(a, "log_size", 28);
	/* the log buffer is not copied: its address unless NULL */
	f_addr(a, "log_buf", 32);
	if (!has(a, 40))
		return 128;
	kernel_version(a, 40);
	if (!has(a, 44))
		return 128;
	f_flags(a, "prog_flags", 44, &xlat_bpf_prog_flags, "BPF_F_???");
	if (!has(a, 48))
		return 128;
	f_cstr(a, "prog_name", 48, BPF_OBJ_NAME_LEN);
	if (!has(a, 64))
		return 128;
	f_ifindex(a, "prog_ifindex", 64);
	if (!has(a, 68))
		return 128;
	f_enum(a, "expected_attach_type", 68, &xlat_bpf_attach_type, "BPF_???");
	if (!has(a, 72))
		return 128;
	f_i32(a, "prog_btf_fd", 72);
	f_u32(a, "func_info_rec_size", 76);
	f_addr(a, "func_info", 80);
	f_u32(a, "func_info_cnt", 88);
	f_u32(a, "line_info_rec_size", 92);
	f_addr(a, "line_info", 96);
	f_u32(a, "line_info_cnt", 104);
	if (!has(a, 108))
		return 128;
	f_u32(a, "attach_btf_id", 108);
	if (!has(a, 112))
		return 128;
	f_i32(a, "attach_prog_fd", 112);
	if (!has(a, 120))
		return 128;
	f_addr(a, "fd_array", 120);
	return 128;
}

static size_t obj_pin(struct battr *a)
{
	f_str(a, "pathname", 0, LT_PATH_MAX - 1, true);
	f_i32(a, "bpf_fd", 8);
	if (has(a, 12))
		f_flags(a, "file_flags", 12, &xlat_bpf_file_mode_flags, "BPF_F_???");
	return 16;
}

static size_t prog_attach(struct battr *a)
{
	f_i32(a, "target_fd", 0);
	f_i32(a, "attach_bpf_fd", 4);
	f_enum(a, "attach_type", 8, &xlat_bpf_attach_type, "BPF_???");
	f_flags(a, "attach_flags", 12, &xlat_bpf_attach_flags, "BPF_F_???");
	if (has(a, 16))
		f_i32(a, "replace_bpf_fd", 16);
	return 20;
}

static size_t prog_detach(struct battr *a)
{
	f_i32(a, "target_fd", 0);
	f_enum(a, "attach_type", 8, &xlat_bpf_attach_type, "BPF_???");
	return 12;
}

static size_t prog_test_run(struct battr *a)
{
	name(a, "test");
	xb_char(a->b, '{');
	a->sep = false;
	f_i32(a, "prog_fd", 0);
	f_u32(a, "retval", 4);
	f_u32(a, "data_size_in", 8);
	f_u32(a, "data_size_out", 12);
	f_addr(a, "data_in", 16);
	f_addr(a, "data_out", 24);
	f_u32(a, "repeat", 32);
	f_u32(a, "duration", 36);
	if (has(a, 40)) {
		f_u32(a, "ctx_size_in", 40);
		f_u32(a, "ctx_size_out", 44);
		f_addr(a, "ctx_in", 48);
		f_addr(a, "ctx_out", 56);
	}
	if (has(a, 64)) {
		f_flags(a, "flags", 64, &xlat_bpf_test_run_flags, "BPF_F_???");
		f_u32(a, "cpu", 68);
	}
	if (has(a, 72))
		f_u32(a, "batch_size", 72);
	xb_char(a->b, '}');
	return 76;
}

/* the next id the kernel wrote, after the one that went in */
static size_t get_next_id(struct battr *a)
{
	f_u32(a, "start_id", 0);
	f_u32(a, "next_id", 4);
	if (a->out && u32_at(a->out, 4) != u32_at(a->in, 4))
		xb_printf(a->b, " => %u", u32_at(a->out, 4));
	if (has(a, 8))
		f_flags(a, "open_flags", 8, &xlat_bpf_file_mode_flags, "BPF_F_???");
	return 12;
}

static size_t get_fd_by_id(struct battr *a, const char *id)
{
	f_u32(a, id, 0);
	f_u32(a, "next_id", 4);
	if (has(a, 8))
		f_flags(a, "open_flags", 8, &xlat_bpf_file_mode_flags, "BPF_F_???");
	return 12;
}

static size_t prog_get_fd_by_id(struct battr *a)
{
	return get_fd_by_id(a, "prog_id");
}

static size_t map_get_fd_by_id(struct battr *a)
{
	return get_fd_by_id(a, "map_id");
}

/* the info struct itself is not copied: its address */
static size_t obj_get_info_by_fd(struct battr *a)
{
	name(a, "info");
	xb_char(a->b, '{');
	a->sep = false;
	f_i32(a, "bpf_fd", 0);
	f_u32(a, "info_len", 4);
	if (a->out && u32_at(a->out, 4) != u32_at(a->in, 4))
		xb_printf(a->b, " => %u", u32_at(a->out, 4));
	f_addr(a, "info", 8);
	xb_char(a->b, '}');
	return 16;
}

static size_t raw_tracepoint_open(struct battr *a)
{
	name(a, "raw_tracepoint");
	xb_char(a->b, '{');
	a->sep = false;
	f_str(a, "name", 0, 128, false);
	f_i32(a, "prog_fd", 8);
	xb_char(a->b, '}');
	return 12;
}

static size_t btf_get_fd_by_id(struct battr *a)
{
	f_u32(a, "btf_id", 0);
	return 4;
}

static size_t btf_load(struct battr *a)
{
	f_bytes(a, "btf", 0, u32_at(a->in, 16));
	f_addr(a, "btf_log_buf", 8);
	f_u32(a, "btf_size", 16);
	f_u32(a, "btf_log_size", 20);
	f_u32(a, "btf_log_level", 24);
	return 28;
}

static size_t link_get_fd_by_id(struct battr *a)
{
	f_u32(a, "link_id", 0);
	return 4;
}

static size_t link_create(struct battr *a)
{
	name(a, "link_create");
	xb_char(a->b, '{');
	a->sep = false;
	f_i32(a, "prog_fd", 0);
	f_i32(a, "target_fd", 4);
	f_enum(a, "attach_type", 8, &xlat_bpf_attach_type, "BPF_???");
	name(a, "flags");
	xb_hex(a->b, u32_at(a->in, 12));
	if (!has(a, 16)) {
		xb_char(a->b, '}');
		return 48;
	}
	/* strace guesses the union from the attach type */
	switch (u32_at(a->in, 8)) {
	case 0:	/* BPF_PROG_TYPE_EXT's */
		if (u32_at(a->in, 16))
			f_u32(a, "target_btf_id", 16);
		xb_char(a->b, '}');
		return 20;
	case BPF_PERF_EVENT:
		name(a, "perf_event");
		xb_printf(a->b, "{bpf_cookie=%#llx}}", (unsigned long long)u64_at(a->in, 16));
		return 24;
	default:
		xb_char(a->b, '}');
		return 16;
	}
}

typedef size_t (*bpf_cmd_fn)(struct battr *a);

static const bpf_cmd_fn cmds[] = {
	[BPF_MAP_CREATE] = map_create,
	[BPF_MAP_LOOKUP_ELEM] = map_lookup_elem,
	[BPF_MAP_UPDATE_ELEM] = map_update_elem,
	[BPF_MAP_DELETE_ELEM] = map_delete_elem,
	[BPF_MAP_GET_NEXT_KEY] = map_get_next_key,
	[BPF_PROG_LOAD] = prog_load,
	[BPF_OBJ_PIN] = obj_pin,
	[BPF_OBJ_GET] = obj_pin,
	[BPF_PROG_ATTACH] = prog_attach,
	[BPF_PROG_DETACH] = prog_detach,
	[BPF_PROG_TEST_RUN] = prog_test_run,
	[BPF_PROG_GET_NEXT_ID] = get_next_id,
	[BPF_MAP_GET_NEXT_ID] = get_next_id,
	[BPF_PROG_GET_FD_BY_ID] = prog_get_fd_by_id,
	[BPF_MAP_GET_FD_BY_ID] = map_get_fd_by_id,
	[BPF_OBJ_GET_INFO_BY_FD] = obj_get_info_by_fd,
	[BPF_RAW_TRACEPOINT_OPEN] = raw_tracepoint_open,
	[BPF_BTF_LOAD] = btf_load,
	[BPF_BTF_GET_FD_BY_ID] = btf_get_fd_by_id,
	[BPF_MAP_LOOKUP_AND_DELETE_ELEM] = map_lookup_elem,
	[BPF_MAP_FREEZE] = map_freeze,
	[BPF_BTF_GET_NEXT_ID] = get_next_id,
	[BPF_LINK_CREATE] = link_create,
	[BPF_LINK_GET_FD_BY_ID] = link_get_fd_by_id,
	[BPF_LINK_GET_NEXT_ID] = get_next_id,
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
	if (x->out && x->out->len >= a.len && render_call_ok(x->c)) {
		memcpy(out, capture_bytes(x->out), a.len);
		a.out = out;
	}
	xb_char(b, '{');
	known = cmds[cmd](&a);
	extra(&a, known);
	xb_char(b, '}');
	return true;
}
