/* bpf(2)'s commands, one function each: the fields of the command's struct
 * as strace 6.1 prints them, as far as the size given covers them. */
#include <linux/bpf.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode/internal.h"
#include "decode/render_bpf.h"

size_t bac_map_create(struct battr *a)
{
	ba_enum(a, "map_type", 0, &xlat_bpf_map_types, "BPF_MAP_TYPE_???");
	ba_u32(a, "key_size", 4);
	ba_u32(a, "value_size", 8);
	ba_u32(a, "max_entries", 12);
	if (!ba_has(a, 16))
		return 72;
	ba_flags(a, "map_flags", 16, &xlat_bpf_map_flags, "BPF_F_???");
	if (!ba_has(a, 20))
		return 72;
	ba_i32(a, "inner_map_fd", 20);
	if (!ba_has(a, 24))
		return 72;
	if (ba_u32_at(a->in, 16) & BPF_F_NUMA_NODE) {
		ba_field(a, "numa_node");
		xb_u64(a->b, ba_u32_at(a->in, 24));
		if (ba_u32_at(a->in, 24) == UINT32_MAX)
			xb_str(a->b, " /* NUMA_NO_NODE */");
	}
	if (!ba_has(a, 28))
		return 72;
	ba_cstr(a, "map_name", 28, BPF_OBJ_NAME_LEN);
	if (!ba_has(a, 44))
		return 72;
	ba_ifindex(a, "map_ifindex", 44);
	if (!ba_has(a, 48))
		return 72;
	ba_i32(a, "btf_fd", 48);
	ba_u32(a, "btf_key_type_id", 52);
	ba_u32(a, "btf_value_type_id", 56);
	if (!ba_has(a, 60))
		return 72;
	ba_u32(a, "btf_vmlinux_value_type_id", 60);
	if (!ba_has(a, 64))
		return 72;
	ba_u64(a, "map_extra", 64);
	return 72;
}

size_t bac_map_lookup_elem(struct battr *a)
{
	ba_i32(a, "map_fd", 0);
	ba_addr(a, "key", 8);
	ba_addr(a, "value", 16);
	if (ba_has(a, 24))
		ba_flags64(a, "flags", 24, &xlat_bpf_map_lookup_elem_flags, "BPF_???");
	return 32;
}

size_t bac_map_update_elem(struct battr *a)
{
	ba_i32(a, "map_fd", 0);
	ba_addr(a, "key", 8);
	ba_addr(a, "value", 16);
	ba_field(a, "flags");
	xlat_enum(a->b, &xlat_bpf_map_update_elem_flags, ba_u64_at(a->in, 24), "BPF_???", XN_HEX);
	return 32;
}

size_t bac_map_delete_elem(struct battr *a)
{
	ba_i32(a, "map_fd", 0);
	ba_addr(a, "key", 8);
	return 16;
}

size_t bac_map_get_next_key(struct battr *a)
{
	ba_i32(a, "map_fd", 0);
	ba_addr(a, "key", 8);
	ba_addr(a, "next_key", 16);
	return 24;
}

size_t bac_map_freeze(struct battr *a)
{
	ba_i32(a, "map_fd", 0);
	return 4;
}

static void kernel_version(struct battr *a, size_t off)
{
	uint32_t v = ba_u32_at(a->in, off);

	ba_field(a, "kern_version");
	xb_printf(a->b, "KERNEL_VERSION(%u, %u, %u)", v >> 16, (v >> 8) & 0xff, v & 0xff);
}

size_t bac_prog_load(struct battr *a)
{
	ba_enum(a, "prog_type", 0, &xlat_bpf_prog_types, "BPF_PROG_TYPE_???");
	ba_u32(a, "insn_cnt", 4);
	ba_addr(a, "insns", 8);
	ba_str(a, "license", 16, SIZE_MAX, false);
	if (!ba_has(a, 24))
		return 128;
	ba_u32(a, "log_level", 24);
	ba_u32(a, "log_size", 28);
	/* the log buffer is not copied: its address unless NULL */
	ba_addr(a, "log_buf", 32);
	if (!ba_has(a, 40))
		return 128;
	kernel_version(a, 40);
	if (!ba_has(a, 44))
		return 128;
	ba_flags(a, "prog_flags", 44, &xlat_bpf_prog_flags, "BPF_F_???");
	if (!ba_has(a, 48))
		return 128;
	ba_cstr(a, "prog_name", 48, BPF_OBJ_NAME_LEN);
	if (!ba_has(a, 64))
		return 128;
	ba_ifindex(a, "prog_ifindex", 64);
	if (!ba_has(a, 68))
		return 128;
	ba_enum(a, "expected_attach_type", 68, &xlat_bpf_attach_type, "BPF_???");
	if (!ba_has(a, 72))
		return 128;
	ba_i32(a, "prog_btf_fd", 72);
	ba_u32(a, "func_info_rec_size", 76);
	ba_addr(a, "func_info", 80);
	ba_u32(a, "func_info_cnt", 88);
	ba_u32(a, "line_info_rec_size", 92);
	ba_addr(a, "line_info", 96);
	ba_u32(a, "line_info_cnt", 104);
	if (!ba_has(a, 108))
		return 128;
	ba_u32(a, "attach_btf_id", 108);
	if (!ba_has(a, 112))
		return 128;
	ba_i32(a, "attach_prog_fd", 112);
	if (!ba_has(a, 120))
		return 128;
	ba_addr(a, "fd_array", 120);
	return 128;
}

size_t bac_obj_pin(struct battr *a)
{
	ba_str(a, "pathname", 0, LT_PATH_MAX - 1, true);
	ba_i32(a, "bpf_fd", 8);
	if (ba_has(a, 12))
		ba_flags(a, "file_flags", 12, &xlat_bpf_file_mode_flags, "BPF_F_???");
	return 16;
}

size_t bac_prog_attach(struct battr *a)
{
	ba_i32(a, "target_fd", 0);
	ba_i32(a, "attach_bpf_fd", 4);
	ba_enum(a, "attach_type", 8, &xlat_bpf_attach_type, "BPF_???");
	ba_flags(a, "attach_flags", 12, &xlat_bpf_attach_flags, "BPF_F_???");
	if (ba_has(a, 16))
		ba_i32(a, "replace_bpf_fd", 16);
	return 20;
}

size_t bac_prog_detach(struct battr *a)
{
	ba_i32(a, "target_fd", 0);
	ba_enum(a, "attach_type", 8, &xlat_bpf_attach_type, "BPF_???");
	return 12;
}

size_t bac_prog_test_run(struct battr *a)
{
	ba_field(a, "test");
	xb_char(a->b, '{');
	a->sep = false;
	ba_i32(a, "prog_fd", 0);
	ba_u32(a, "retval", 4);
	ba_u32(a, "data_size_in", 8);
	ba_u32(a, "data_size_out", 12);
	ba_addr(a, "data_in", 16);
	ba_addr(a, "data_out", 24);
	ba_u32(a, "repeat", 32);
	ba_u32(a, "duration", 36);
	if (ba_has(a, 40)) {
		ba_u32(a, "ctx_size_in", 40);
		ba_u32(a, "ctx_size_out", 44);
		ba_addr(a, "ctx_in", 48);
		ba_addr(a, "ctx_out", 56);
	}
	if (ba_has(a, 64)) {
		ba_flags(a, "flags", 64, &xlat_bpf_test_run_flags, "BPF_F_???");
		ba_u32(a, "cpu", 68);
	}
	if (ba_has(a, 72))
		ba_u32(a, "batch_size", 72);
	xb_char(a->b, '}');
	return 76;
}

/* the next id the kernel wrote, after the one that went in */
size_t bac_get_next_id(struct battr *a)
{
	ba_u32(a, "start_id", 0);
	ba_u32(a, "next_id", 4);
	ba_changed_u32(a, 4);
	if (ba_has(a, 8))
		ba_flags(a, "open_flags", 8, &xlat_bpf_file_mode_flags, "BPF_F_???");
	return 12;
}

static size_t get_fd_by_id(struct battr *a, const char *id)
{
	ba_u32(a, id, 0);
	ba_u32(a, "next_id", 4);
	if (ba_has(a, 8))
		ba_flags(a, "open_flags", 8, &xlat_bpf_file_mode_flags, "BPF_F_???");
	return 12;
}

size_t bac_prog_get_fd_by_id(struct battr *a)
{
	return get_fd_by_id(a, "prog_id");
}

size_t bac_map_get_fd_by_id(struct battr *a)
{
	return get_fd_by_id(a, "map_id");
}

/* the info struct itself is not copied: its address */
size_t bac_obj_get_info_by_fd(struct battr *a)
{
	ba_open_sub(a, "info");
	ba_i32(a, "bpf_fd", 0);
	ba_u32(a, "info_len", 4);
	ba_changed_u32(a, 4);
	ba_addr(a, "info", 8);
	xb_char(a->b, '}');
	return 16;
}

size_t bac_raw_tracepoint_open(struct battr *a)
{
	ba_field(a, "raw_tracepoint");
	xb_char(a->b, '{');
	a->sep = false;
	ba_str(a, "name", 0, 128, false);
	ba_i32(a, "prog_fd", 8);
	xb_char(a->b, '}');
	return 12;
}

size_t bac_btf_get_fd_by_id(struct battr *a)
{
	ba_u32(a, "btf_id", 0);
	return 4;
}

size_t bac_btf_load(struct battr *a)
{
	ba_bytes(a, "btf", 0, ba_u32_at(a->in, 16));
	ba_addr(a, "btf_log_buf", 8);
	ba_u32(a, "btf_size", 16);
	ba_u32(a, "btf_log_size", 20);
	ba_u32(a, "btf_log_level", 24);
	return 28;
}

size_t bac_link_get_fd_by_id(struct battr *a)
{
	ba_u32(a, "link_id", 0);
	return 4;
}

size_t bac_link_create(struct battr *a)
{
	ba_field(a, "link_create");
	xb_char(a->b, '{');
	a->sep = false;
	ba_i32(a, "prog_fd", 0);
	ba_i32(a, "target_fd", 4);
	ba_enum(a, "attach_type", 8, &xlat_bpf_attach_type, "BPF_???");
	ba_field(a, "flags");
	xb_hex(a->b, ba_u32_at(a->in, 12));
	if (!ba_has(a, 16)) {
		xb_char(a->b, '}');
		return 48;
	}
	/* strace guesses the union from the attach type */
	switch (ba_u32_at(a->in, 8)) {
	case 0:	/* BPF_PROG_TYPE_EXT's */
		if (ba_u32_at(a->in, 16))
			ba_u32(a, "target_btf_id", 16);
		xb_char(a->b, '}');
		return 20;
	case BPF_PERF_EVENT:
		ba_field(a, "perf_event");
		xb_printf(a->b, "{bpf_cookie=%#llx}}", (unsigned long long)ba_u64_at(a->in, 16));
		return 24;
	default:
		xb_char(a->b, '}');
		return 16;
	}
}

/* the MAP_*_BATCH commands: the fields each reads (the count is at 32) */
static size_t batch(struct battr *a, bool in_out, bool values)
{
	ba_open_sub(a, "batch");
	if (in_out) {
		ba_addr(a, "in_batch", 0);
		ba_addr(a, "out_batch", 8);
	}
	ba_addr(a, "keys", 16);
	if (values)
		ba_addr(a, "values", 24);
	ba_u32(a, "count", 32);
	ba_i32(a, "map_fd", 36);
	ba_flags64(a, "elem_flags", 40, &xlat_bpf_map_lookup_elem_flags, "BPF_???");
	ba_field(a, "flags");
	xb_hex(a->b, ba_u64_at(a->in, 48));
	xb_char(a->b, '}');
	return 56;
}

size_t bac_lookup_batch(struct battr *a)
{
	return batch(a, true, true);
}

size_t bac_update_batch(struct battr *a)
{
	return batch(a, false, true);
}

size_t bac_delete_batch(struct battr *a)
{
	return batch(a, false, false);
}

size_t bac_link_update(struct battr *a)
{
	ba_open_sub(a, "link_update");
	ba_i32(a, "link_fd", 0);
	ba_i32(a, "new_prog_fd", 4);
	ba_flags(a, "flags", 8, &xlat_bpf_attach_flags, "BPF_F_???");
	if (ba_u32_at(a->in, 8) & BPF_F_REPLACE)
		ba_i32(a, "old_prog_fd", 12);
	xb_char(a->b, '}');
	return 16;
}

/* the ids the kernel writes at prog_ids are not copied: their address */
size_t bac_prog_query(struct battr *a)
{
	uint32_t cnt_in = ba_u32_at(a->in, 24);

	ba_open_sub(a, "query");
	ba_i32(a, "target_fd", 0);
	ba_enum(a, "attach_type", 4, &xlat_bpf_attach_type, "BPF_???");
	ba_flags(a, "query_flags", 8, &xlat_bpf_query_flags, "BPF_F_QUERY_???");
	ba_flags(a, "attach_flags", 12, &xlat_bpf_attach_flags, "BPF_F_???");
	ba_addr(a, "prog_ids", 16);
	ba_field(a, "prog_cnt");
	if (a->out && ba_u32_at(a->out, 24) != cnt_in)
		xb_printf(a->b, "%u => %u", cnt_in, ba_u32_at(a->out, 24));
	else
		xb_u64(a->b, cnt_in);
	xb_char(a->b, '}');
	return 28;
}

/* the name the kernel writes at buf is not copied: its address */
size_t bac_task_fd_query(struct battr *a)
{
	const uint8_t *in = a->in;

	ba_open_sub(a, "task_fd_query");
	ba_i32(a, "pid", 0);
	ba_i32(a, "fd", 4);
	ba_u32(a, "flags", 8);
	ba_u32(a, "buf_len", 12);
	ba_changed_u32(a, 12);
	if (a->out)	/* the rest as the kernel left it */
		a->in = a->out;
	ba_addr(a, "buf", 16);
	ba_u32(a, "prog_id", 24);
	ba_enum(a, "fd_type", 28, &xlat_bpf_task_fd_type, "BPF_FD_TYPE_???");
	ba_field(a, "probe_offset");
	xb_hex(a->b, ba_u64_at(a->in, 32));
	ba_field(a, "probe_addr");
	xb_hex(a->b, ba_u64_at(a->in, 40));
	a->in = in;
	xb_char(a->b, '}');
	return 48;
}
