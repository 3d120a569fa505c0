/* perf_event_open(2)'s struct perf_event_attr, as strace prints it without
 * -v: the type, size and config by type, the sample period or frequency,
 * the sample and read formats, the bit flags that are set (precise_ip
 * always, with its meaning), then "..." for the rest. */
#include <errno.h>
#include <linux/perf_event.h>
#include <stddef.h>
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

/* The bit flags after read_format, in the kernel's order: bit i is
 * flag_names[i]; precise_ip is two bits (15 and 16). */
static const char *const flag_names[] = {
	"disabled", "inherit", "pinned", "exclusive", "exclude_user", "exclude_kernel",
	"exclude_hv", "exclude_idle", "mmap", "comm", "freq", "inherit_stat",
	"enable_on_exec", "task", "watermark", NULL, NULL, "mmap_data", "sample_id_all",
	"exclude_host", "exclude_guest", "exclude_callchain_kernel", "exclude_callchain_user",
	"mmap2", "comm_exec", "use_clockid", "context_switch", "write_backward", "namespaces",
	"ksymbol", "bpf_event", "aux_output", "cgroup", "text_poke", "build_id",
	"inherit_thread", "remove_on_exec", "sigtrap",
};

#define FREQ_BIT 10
#define PRECISE_IP_SHIFT 15
#define RESERVED_SHIFT 38	/* __reserved_1: bits 63..38 */

static void config(struct xbuf *b, uint32_t type, uint64_t v)
{
	xb_str(b, "config=");
	switch (type) {
	case PERF_TYPE_HARDWARE:
		if (v >> 32) {
			xb_hex(b, v >> 32);
			xb_str(b, "<<32|");
		}
		xlat_enum(b, &xlat_perf_hw_id, v & PERF_HW_EVENT_MASK, "PERF_COUNT_HW_???",
			  XN_HEX);
		break;
	case PERF_TYPE_SOFTWARE:
		xlat_enum(b, &xlat_perf_sw_ids, v, "PERF_COUNT_SW_???", XN_HEX);
		break;
	case PERF_TYPE_TRACEPOINT:
		xb_u64(b, v);
		break;
	case PERF_TYPE_HW_CACHE:
		if (v >> 32) {
			xb_hex(b, v >> 32);
			xb_str(b, "<<32|");
		}
		if ((v & PERF_HW_EVENT_MASK) >> 24) {
			xb_hex(b, (v & PERF_HW_EVENT_MASK) >> 24);
			xb_str(b, "<<24|");
		}
		xlat_enum(b, &xlat_perf_hw_cache_op_result_id, (v >> 16) & 0xff,
			  "PERF_COUNT_HW_CACHE_RESULT_???", XN_HEX);
		xb_str(b, "<<16|");
		xlat_enum(b, &xlat_perf_hw_cache_op_id, (v >> 8) & 0xff,
			  "PERF_COUNT_HW_CACHE_OP_???", XN_HEX);
		xb_str(b, "<<8|");
		xlat_enum(b, &xlat_perf_hw_cache_id, v & 0xff, "PERF_COUNT_HW_CACHE_???", XN_HEX);
		break;
	default:
		xb_hex(b, v);
		break;
	}
}

static void flags(struct xbuf *b, uint64_t f)
{
	static const char *const precise[] = {
		"arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid",
	};
	unsigned int ip = (unsigned int)(f >> PRECISE_IP_SHIFT) & 3;

	for (unsigned int i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++) {
		if (i == PRECISE_IP_SHIFT) {
			xb_str(b, ", precise_ip=");
			xb_u64(b, ip);
			xb_str(b, " /* ");
			xb_str(b, precise[ip]);
			xb_str(b, " */");
		}
		if (!flag_names[i] || !(f >> i & 1))
			continue;
		xb_str(b, ", ");
		xb_str(b, flag_names[i]);
		xb_str(b, "=1");
	}
	if (f >> RESERVED_SHIFT) {
		xb_str(b, ", __reserved_1=");
		xb_hex(b, f >> RESERVED_SHIFT);
		xb_str(b, " /* Bits 63..38 */");
	}
}

bool render_perf_attr(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	/* what strace reads without -v: up to wakeup_events */
	const size_t head = offsetof(struct perf_event_attr, wakeup_events);
	struct perf_event_attr a;
	uint64_t bits;
	uint32_t size;

	if (len < head)
		return false;
	memset(&a, 0, sizeof(a));
	memcpy(&a, p, head);
	size = a.size ? a.size : PERF_ATTR_SIZE_VER0;
	/* the kernel refuses sizes below the first format's, strace too */
	if (size < PERF_ATTR_SIZE_VER0)
		return false;
	xb_str(b, "{type=");
	xlat_enum(b, &xlat_perf_type_id, a.type, "PERF_TYPE_???", XN_HEX);
	xb_str(b, ", size=");
	xlat_enum(b, &xlat_perf_attr_size, a.size, "PERF_ATTR_SIZE_???", XN_HEX);
	/* E2BIG: the size the kernel supports, which it wrote back */
	if (x->c->returned && x->c->ret == -E2BIG) {
		xb_str(b, " => ");
		if (x->out && x->out->len >= 8) {
			memcpy(&size, capture_bytes(x->out) + offsetof(struct perf_event_attr, size),
			       sizeof(size));
			xlat_enum(b, &xlat_perf_attr_size, size, "PERF_ATTR_SIZE_???", XN_HEX);
		} else {
			xb_str(b, "???");
		}
	}
	xb_str(b, ", ");
	config(b, a.type, a.config);
	if (a.freq) {
		xb_str(b, ", sample_freq=");
		xb_u64(b, a.sample_freq);
	} else {
		xb_str(b, ", sample_period=");
		xb_u64(b, a.sample_period);
	}
	xb_str(b, ", sample_type=");
	xlat_flags(b, &xlat_perf_event_sample_format, a.sample_type, "PERF_SAMPLE_???");
	xb_str(b, ", read_format=");
	xlat_flags(b, &xlat_perf_event_read_format, a.read_format, "PERF_FORMAT_???");
	memcpy(&bits, p + offsetof(struct perf_event_attr, read_format) + 8, sizeof(bits));
	flags(b, bits);
	/* strace read only the head: the rest, when there is one, is "..." */
	xb_str(b, ", ...}");
	return true;
}
