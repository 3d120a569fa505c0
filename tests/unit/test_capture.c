/* Unit tests of trace/capture.c: strace's quoting of copied bytes, and
 * captures rendered as strace prints them (execve's argv, sockaddr, stat,
 * wait status, pipe fds). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "capture.h"
#include "decode.h"
#include "pair.h"

static void quote(const char *in, size_t len, bool more, const char *want)
{
	char out[512];

	capture_quote(out, sizeof(out), (const uint8_t *)in, len, more);
	assert_string_equal(out, want);
}

static void test_quote(void **state)
{
	(void)state;
	quote("hello", 5, false, "\"hello\"");
	quote("", 0, false, "\"\"");
	quote("0123", 4, true, "\"0123\"...");
	/* strace's own output for these bytes */
	quote("a\"b\\c\n\t\r\x01\x7f\xff" "1\0" "2x\v\f\0" "7", 19, false,
	      "\"a\\\"b\\\\c\\n\\t\\r\\1\\177\\3771\\0002x\\v\\f\\0007\"");
	quote("caf\xc3\xa9", 5, false, "\"caf\\303\\251\"");
}

/* A capture blob as the BPF program writes it: headers and padded bytes. */
struct blob {
	uint8_t data[1024];
	size_t len;
};

static void add(struct blob *b, int arg, uint8_t kind, const void *bytes, uint32_t len)
{
	struct lt_cap cap = { .arg = (uint8_t)arg, .kind = kind, .len = len };

	memcpy(b->data + b->len, &cap, sizeof(cap));
	memcpy(b->data + b->len + sizeof(cap), bytes, len);
	b->len += sizeof(cap) + ((len + 7) & ~7u);
}

static void setup_call(struct dcall *d, const char *name, int nargs, const char *const *argnames)
{
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->nargs = nargs;
	for (int i = 0; i < nargs; i++) {
		d->arg[i].name = argnames[i];
		d->arg[i].kind = DARG_PTR;
	}
}

static void test_execve(void **state)
{
	static const char *const names[] = { "filename", "argv", "envp" };
	char *argv[] = { "echo", "a b", NULL }, *envp[] = { "A=1", "B=2", NULL };
	struct capture *cap = capture_exec("/bin/echo", argv, envp);
	struct call c = { .entered = true, .cap_enter = cap, .args = { 0x1000, 0x2000, 0x7ffd0000 } };
	struct dcall d;

	(void)state;
	assert_non_null(cap);
	setup_call(&d, "execve", 3, names);
	d.arg[2].value = 0x7ffd0000;
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[0].kind, DARG_STR);
	assert_int_equal(d.arg[0].len, strlen("/bin/echo"));
	assert_memory_equal(d.arg[0].text, "/bin/echo", d.arg[0].len);
	assert_int_equal(d.arg[1].kind, DARG_SYM);
	assert_string_equal(d.arg[1].text, "[\"echo\", \"a b\"]");
	assert_string_equal(d.arg[2].text, "0x7ffd0000 /* 2 vars */");
	capture_free(cap);
}

static void test_sockaddr_in(void **state)
{
	static const char *const names[] = { "fd", "uservaddr", "addrlen" };
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct blob b = { .len = 0 };
	struct capture *cap;
	struct call c = { .entered = true, .args = { 3, 0x1000, sizeof(in) } };
	struct dcall d;

	(void)state;
	inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
	add(&b, 1, LT_CAP_ADDR_IN, &in, sizeof(in));
	cap = capture_from_record(b.data, b.len);
	c.cap_enter = cap;
	setup_call(&d, "connect", 3, names);
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[1].text,
			    "{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}");
	capture_free(cap);
}

static void test_outputs_only_on_success(void **state)
{
	static const char *const stat_names[] = { "dfd", "filename", "statbuf", "flag" };
	static const char *const pipe_names[] = { "fildes", "flags" };
	struct stat st = { .st_mode = S_IFREG | 0644, .st_size = 2996 };
	int fds[2] = { 3, 4 };
	struct blob b = { .len = 0 }, p = { .len = 0 };
	struct capture *cap, *pcap;
	struct call c = { .entered = true, .returned = true, .ret = 0, .args = { 0, 0x1000, 0x2000 } };
	struct dcall d;

	(void)state;
	add(&b, 2, LT_CAP_MEM_OUT, &st, sizeof(st));
	cap = capture_from_record(b.data, b.len);
	c.cap_exit = cap;
	setup_call(&d, "newfstatat", 4, stat_names);
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[2].text, "{st_mode=S_IFREG|0644, st_size=2996, ...}");

	/* a failed call's output buffer is not what the kernel wrote: a pointer */
	c.ret = -2;
	setup_call(&d, "newfstatat", 4, stat_names);
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[2].kind, DARG_PTR);
	capture_free(cap);

	add(&p, 0, LT_CAP_MEM_OUT, fds, sizeof(fds));
	pcap = capture_from_record(p.data, p.len);
	c = (struct call){ .entered = true, .returned = true, .ret = 0, .cap_exit = pcap,
			   .args = { 0x3000 } };
	setup_call(&d, "pipe2", 2, pipe_names);
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[0].text, "[3, 4]");
	capture_free(pcap);
}

static void test_buffers_cut_at_strsize(void **state)
{
	static const char *const names[] = { "fd", "buf", "count" };
	struct blob b = { .len = 0 };
	struct capture *cap;
	struct call c = { .entered = true, .args = { 1, 0x1000, 100 } };
	struct dcall d;

	(void)state;
	add(&b, 1, LT_CAP_BUF_IN, "0123456789", 10);
	cap = capture_from_record(b.data, b.len);
	c.cap_enter = cap;
	setup_call(&d, "write", 3, names);
	capture_decode(&c, &d, 10);
	assert_int_equal(d.arg[1].kind, DARG_STR);
	assert_int_equal(d.arg[1].len, 10);
	assert_true(d.arg[1].more);	/* count 100 > the 10 bytes copied */
	capture_free(cap);
}

static void test_fault_stays_a_pointer(void **state)
{
	static const char *const names[] = { "dfd", "filename", "flags", "mode" };
	struct blob b = { .len = 0 };
	struct lt_cap *hdr;
	struct capture *cap;
	struct call c = { .entered = true, .args = { 0, 0x1000 } };
	struct dcall d;

	(void)state;
	add(&b, 1, LT_CAP_PATH, "", 0);
	hdr = (struct lt_cap *)b.data;
	hdr->flags = LT_CAPF_FAULT;
	cap = capture_from_record(b.data, b.len);
	c.cap_enter = cap;
	setup_call(&d, "openat", 4, names);
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[1].kind, DARG_PTR);	/* never an empty string */
	capture_free(cap);
}

static void test_null_stays_null(void **state)
{
	static const char *const names[] = { "fd", "buff", "len", "flags", "addr", "addr_len" };
	struct blob b = { .len = 0 };
	struct capture *cap;
	struct call c = { .entered = true, .args = { 3, 0x1000, 1, 0, 0, 0 } };
	struct dcall d;

	(void)state;
	add(&b, 1, LT_CAP_BUF_IN, "x", 1);
	add(&b, 4, LT_CAP_ADDR_IN, "", 0);	/* what a NULL address copies */
	cap = capture_from_record(b.data, b.len);
	c.cap_enter = cap;
	setup_call(&d, "sendto", 6, names);
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[1].kind, DARG_STR);
	assert_int_equal(d.arg[4].kind, DARG_PTR);	/* NULL, not {} */
	capture_free(cap);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_execve),
		cmocka_unit_test(test_sockaddr_in),
		cmocka_unit_test(test_outputs_only_on_success),
		cmocka_unit_test(test_buffers_cut_at_strsize),
		cmocka_unit_test(test_fault_stays_a_pointer),
		cmocka_unit_test(test_null_stays_null),
	};

	return cmocka_run_group_tests_name("capture", tests, NULL, NULL);
}
