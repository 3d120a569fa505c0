/* render_bpf: bpf(2)'s attr, shared by the dispatch and its helpers
 * (render_bpf.c) and the commands' decoders (render_bpf_cmds.c). */
#ifndef LOTRACE_DECODE_RENDER_BPF_H
#define LOTRACE_DECODE_RENDER_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* the attr's u32 and u64 at off */
uint32_t ba_u32_at(const uint8_t *p, size_t off);
uint64_t ba_u64_at(const uint8_t *p, size_t off);
/* "name=", after ", " but for the first field */
void ba_field(struct battr *a, const char *n);
/* a field at off as strace prints its kind (render_bpf.c says how) */
void ba_u32(struct battr *a, const char *n, size_t off);
void ba_i32(struct battr *a, const char *n, size_t off);
void ba_u64(struct battr *a, const char *n, size_t off);
void ba_addr(struct battr *a, const char *n, size_t off);
void ba_enum(struct battr *a, const char *n, size_t off, const struct xlat *x,
	     const char *dflt);
void ba_flags(struct battr *a, const char *n, size_t off, const struct xlat *x,
	      const char *dflt);
void ba_flags64(struct battr *a, const char *n, size_t off, const struct xlat *x,
		const char *dflt);
void ba_cstr(struct battr *a, const char *n, size_t off, size_t size);
void ba_ifindex(struct battr *a, const char *n, size_t off);
void ba_str(struct battr *a, const char *n, size_t off, size_t limit, bool path);
void ba_bytes(struct battr *a, const char *n, size_t off, uint64_t len);
/* whether the size given covers the field at off */
bool ba_has(const struct battr *a, size_t off);
/* ", ..." when bytes past the known ones are not 0 */
void ba_extra(struct battr *a, size_t known);
/* " => N": what the kernel wrote over the u32 at off */
void ba_changed_u32(struct battr *a, size_t off);
/* "name={", its fields next */
void ba_open_sub(struct battr *a, const char *n);

/* each prints its command's fields and returns the size of strace's
 * struct for it: bytes past it that are not 0 print as ", ..." */
size_t bac_btf_get_fd_by_id(struct battr *a);
size_t bac_btf_load(struct battr *a);
size_t bac_delete_batch(struct battr *a);
size_t bac_get_next_id(struct battr *a);
size_t bac_link_create(struct battr *a);
size_t bac_link_get_fd_by_id(struct battr *a);
size_t bac_link_update(struct battr *a);
size_t bac_lookup_batch(struct battr *a);
size_t bac_map_create(struct battr *a);
size_t bac_map_delete_elem(struct battr *a);
size_t bac_map_freeze(struct battr *a);
size_t bac_map_get_fd_by_id(struct battr *a);
size_t bac_map_get_next_key(struct battr *a);
size_t bac_map_lookup_elem(struct battr *a);
size_t bac_map_update_elem(struct battr *a);
size_t bac_obj_get_info_by_fd(struct battr *a);
size_t bac_obj_pin(struct battr *a);
size_t bac_prog_attach(struct battr *a);
size_t bac_prog_detach(struct battr *a);
size_t bac_prog_get_fd_by_id(struct battr *a);
size_t bac_prog_load(struct battr *a);
size_t bac_prog_query(struct battr *a);
size_t bac_prog_test_run(struct battr *a);
size_t bac_raw_tracepoint_open(struct battr *a);
size_t bac_task_fd_query(struct battr *a);
size_t bac_update_batch(struct battr *a);

#endif
