/*
 * The perf transport's record decoder (trace/transport/record.c): any
 * bytes as one perf record of lotrace's sample_type, handed over as
 * ring_read hands it, in a buffer of exactly the header's size (the rest
 * zero when the input is shorter), through tracepoint layouts like
 * raw_syscalls', syscalls:sys_enter_openat's and the signal tracepoints'.
 * Samples whose raw size lies, records shorter than their kind, unknown
 * tracepoint ids.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/capture.h"
#include "transport/record.h"

/* raw_syscalls' fields after the 8-byte common part, a per-syscall
 * tracepoint's (an int __syscall_nr, then 8-byte arguments), and
 * signal_generate's and signal_deliver's, as this kernel lays them out */
static const struct tp_layout layouts[] = {
	{ .id = 21, .kind = EV_SYS_ENTER, .nr_off = 8, .nr_size = 8, .args_off = 16, .nargs = 6 },
	{ .id = 22, .kind = EV_SYS_EXIT, .nr_off = 8, .nr_size = 8, .ret_off = 16 },
	{ .id = 700, .kind = EV_SYS_ENTER, .nr_off = 8, .nr_size = 4, .args_off = 16, .nargs = 4 },
	{ .id = 701, .kind = EV_SYS_EXIT, .nr_off = 8, .nr_size = 4, .ret_off = 16 },
	{ .id = 309, .kind = EV_SYS_ENTER, .nr_off = 8, .nr_size = 4, .args_off = 12, .nargs = 0 },
	{ .id = 261, .kind = EV_SIGNAL, .nr_off = 8, .nr_size = 4, .errno_off = 12,
	  .code_off = 16, .pid_off = 36, .result_off = 44 },
	{ .id = 262, .kind = EV_SIGNAL, .nr_off = 8, .nr_size = 4, .errno_off = 12,
	  .code_off = 16, .pid_off = -1, .result_off = -1 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct record_parser parser;
	static int ready;
	struct perf_event_header hdr;
	struct event ev;
	uint8_t *rec;
	int ret;

	if (!ready) {
		record_parser_init(&parser);
		for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
			record_parser_add(&parser, &layouts[i]);
		ready = 1;
	}
	if (size < sizeof(hdr))
		return 0;
	memcpy(&hdr, data, sizeof(hdr));
	/* ring_read stops at a record shorter than its header */
	if (hdr.size < sizeof(hdr))
		return 0;
	rec = calloc(1, hdr.size);
	if (!rec)
		return 0;
	memcpy(rec, data, size < hdr.size ? size : hdr.size);
	ret = record_parse(&parser, 1, (const struct perf_event_header *)rec, &ev);
	if (ret != 1 && ret != 0 && ret != -EINVAL && ret != -ENOMEM)
		abort();
	if (ret == 1 && ev.kind > EV_MMAP)	/* the last kind */
		abort();
	if (ret == 1)
		capture_free(ev.cap);
	record_sample_ident((const struct perf_event_header *)rec);
	free(rec);
	return 0;
}
