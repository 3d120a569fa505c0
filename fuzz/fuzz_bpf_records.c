/*
 * The BPF transport's record decoder: any bytes as one record of the BPF
 * program's ring (trace/transport/bpfrec.c), handed over as the ring does,
 * in a buffer of exactly its length; a syscall record's copied bytes then
 * go through capture_decode (trace/decode/capture.c and the renderers), as
 * the sinks decode them, for the record's syscall and for its arguments.
 * Records of any size, any kind, captures whose lengths lie.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/records.h"
#include "decode/capture.h"
#include "decode/decode.h"
#include "pipeline/pair.h"
#include "syscalls/table.h"
#include "transport/bpfrec.h"

enum { ID_ENTER = 21, ID_EXIT = 22 };

static const struct tp_layout enter_layout = {
	.id = ID_ENTER, .kind = EV_SYS_ENTER,
	.nr_off = offsetof(struct lt_rec_enter, id) - sizeof(struct lt_rec_head), .nr_size = 8,
	.args_off = offsetof(struct lt_rec_enter, args) - sizeof(struct lt_rec_head), .nargs = 6,
};

static const struct tp_layout exit_layout = {
	.id = ID_EXIT, .kind = EV_SYS_EXIT,
	.nr_off = offsetof(struct lt_rec_exit, id) - sizeof(struct lt_rec_head), .nr_size = 8,
	.ret_off = offsetof(struct lt_rec_exit, ret) - sizeof(struct lt_rec_head),
};

static const char *const argnames[SC_MAX_ARGS] = { "a0", "a1", "a2", "a3", "a4", "a5" };

/* What a sink does with a syscall's captures, without the formats (the
 * arguments stay pointers until a capture replaces them). */
static void decode(const struct event *ev)
{
	static struct dcall d;
	struct call c;
	const struct sc_info *row = table_get(ev->nr);

	memset(&c, 0, sizeof(c));
	c.nr = ev->nr;
	c.entered = true;
	for (int i = 0; i < SC_MAX_ARGS; i++)
		c.args[i] = ev->kind == EV_SYS_ENTER ? ev->args[i] | 1 : 0x1000;
	if (ev->kind == EV_SYS_ENTER) {
		c.cap_enter = ev->cap;
	} else {
		c.cap_exit = ev->cap;
		c.returned = true;
		c.ret = ev->ret;
	}
	memset(&d, 0, offsetof(struct dcall, scratch));
	d.used = 0;	/* as decode_call starts a call */
	d.name = row->name ? row->name : "syscall";
	d.nargs = SC_MAX_ARGS;
	for (int i = 0; i < SC_MAX_ARGS; i++) {
		d.arg[i].name = argnames[i];
		d.arg[i].kind = DARG_PTR;
		d.arg[i].value = c.args[i];
	}
	capture_decode(&c, &d, (unsigned)(ev->ts % 4097));
	if (d.used > sizeof(d.scratch))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct record_parser parser;
	static int ready;
	struct event ev[2];
	void *rec = malloc(size ? size : 1);
	int n;

	if (!rec)
		return 0;
	if (!ready) {
		record_parser_init(&parser);
		record_parser_add(&parser, &enter_layout);
		record_parser_add(&parser, &exit_layout);
		ready = 1;
	}
	memcpy(rec, data, size);
	n = bpfrec_parse(&parser, rec, size, ev);
	free(rec);
	if (n < 0 || n > 2)
		abort();
	for (int i = 0; i < n; i++) {
		if ((ev[i].kind == EV_SYS_ENTER || ev[i].kind == EV_SYS_EXIT) && ev[i].cap)
			decode(&ev[i]);
		capture_free(ev[i].cap);
	}
	return 0;
}
