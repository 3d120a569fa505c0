/* Unit tests of trace/capture.c: strace's quoting of copied bytes, and
 * captures rendered as strace prints them (execve's argv, sockaddr, stat,
 * wait status, pipe fds, iovecs, pollfds, epoll events, sigsets,
 * sigaction, rlimits, output addresses); NULL and unreadable pointers. */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
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

#include "decode/capture.h"
#include "decode/decode.h"
#include "decode/quote.h"
#include "decode/internal.h"
#include "pipeline/pair.h"
#include "syscalls/systab.h"

static void quoted(const char *in, size_t len, bool more, const char *want)
{
	char out[512];

	capture_quote(out, sizeof(out), (const uint8_t *)in, len, more, 0);
	assert_string_equal(out, want);
}

static void test_quote(void **state)
{
	(void)state;
	quoted("hello", 5, false, "\"hello\"");
	quoted("", 0, false, "\"\"");
	quoted("0123", 4, true, "\"0123\"...");
	/* strace's own output for these bytes */
	quoted("a\"b\\c\n\t\r\x01\x7f\xff" "1\0" "2x\v\f\0" "7", 19, false,
	      "\"a\\\"b\\\\c\\n\\t\\r\\1\\177\\3771\\0002x\\v\\f\\0007\"");
	quoted("caf\xc3\xa9", 5, false, "\"caf\\303\\251\"");
	/* NULs, eight at a time where they can be: a run that ends the
	 * string, one before an octal digit (its last NUL in three digits),
	 * one before another byte, and runs shorter than eight */
	quoted("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, true,
	       "\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"...");
	quoted("\0\0\0\0\0\0\0\0" "1", 9, false, "\"\\0\\0\\0\\0\\0\\0\\0\\0001\"");
	quoted("\0\0\0\0\0\0\0\0\0" "7x", 11, false,
	       "\"\\0\\0\\0\\0\\0\\0\\0\\0\\0007x\"");
	quoted("\0\0\0\0\0\0\0\0" "8", 9, false, "\"\\0\\0\\0\\0\\0\\0\\0\\08\"");
	quoted("ab\0\0\0\0\0\0\0\0\0\0c", 13, false,
	       "\"ab\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0c\"");
}

static void quote_hex(const char *in, size_t len, int hex, const char *want)
{
	char out[512];

	capture_quote(out, sizeof(out), (const uint8_t *)in, len, false, hex);
	assert_string_equal(out, want);
}

/* -x, -xx, --strings-in-hex=non-ascii-chars: strace 6.1's output */
static void test_quote_hex(void **state)
{
	(void)state;
	/* -x: one byte neither printable nor white space: all in hex */
	quote_hex("hi\x01\xff there\n", 11, HEX_NON_ASCII,
		  "\"\\x68\\x69\\x01\\xff\\x20\\x74\\x68\\x65\\x72\\x65\\x0a\"");
	/* white space alone is no reason */
	quote_hex("plain\t\n", 7, HEX_NON_ASCII, "\"plain\\t\\n\"");
	/* -xx: every string */
	quote_hex("vm\n", 3, HEX_ALL, "\"\\x76\\x6d\\x0a\"");
	/* non-ascii-chars: \x where octal would be */
	quote_hex("hi\x01\xff there\n", 11, HEX_NON_ASCII_CHARS, "\"hi\\x01\\xff there\\n\"");
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

/* Syscall name's call and its decoded arguments as the decoder left them:
 * the captures are found through the call's row of the table. */
static void setup_call(struct call *c, struct dcall *d, const char *name, int nargs,
		       const char *const *argnames)
{
	c->nr = systab_lookup(name);
	assert_true(c->nr >= 0);
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->nargs = nargs;
	for (int i = 0; i < nargs; i++) {
		d->arg[i].name = argnames[i];
		d->arg[i].kind = DARG_PTR;
	}
}

/* Captures are reused by size class; a join grows in place while its
 * room lasts and moves when it does not, the captures of both kept. */
static void test_join_and_reuse(void **state)
{
	struct blob a = { .len = 0 }, b = { .len = 0 };
	struct capture *ca, *cb, *j, *first;
	const struct lt_cap *cap;

	(void)state;
	add(&a, 0, LT_CAP_PATH, "/etc/passwd", 12);	/* 8 + 16 bytes */
	add(&b, 1, LT_CAP_BUF_OUT, "0123456789abcdef0123456789abcdef", 32);	/* 8 + 32 */
	ca = capture_from_record(a.data, a.len);
	cb = capture_from_record(b.data, b.len);
	assert_non_null(ca);
	assert_non_null(cb);
	assert_int_equal(ca->size, a.len);
	assert_true(ca->room >= ca->size);
	first = ca;
	j = capture_join(ca, cb);	/* 64 bytes: the room ca had */
	assert_ptr_equal(j, first);
	assert_int_equal(j->size, a.len + b.len);
	assert_memory_equal(j->data, a.data, a.len);
	assert_memory_equal(j->data + a.len, b.data, b.len);
	/* past its room: moved, both sides still there */
	cb = capture_from_record(b.data, b.len);
	j = capture_join(j, cb);
	assert_int_equal(j->size, a.len + 2 * b.len);
	assert_true(j->room >= j->size);
	cap = capture_find(j, 0);
	assert_non_null(cap);
	assert_string_equal((const char *)(cap + 1), "/etc/passwd");
	cap = capture_find(j, 1);
	assert_non_null(cap);
	assert_int_equal(cap->len, 32);
	capture_free(j);
	/* a freed capture serves the next of its size class */
	ca = capture_new(100);
	assert_non_null(ca);
	first = ca;
	capture_free(ca);
	ca = capture_new(120);
#ifndef __SANITIZE_ADDRESS__	/* where the cache keeps nothing */
	assert_ptr_equal(ca, first);
#else
	(void)first;
#endif
	assert_int_equal(ca->size, 120);
	capture_free(ca);
	/* large ones are not kept, and still work */
	ca = capture_new(70000);
	assert_non_null(ca);
	assert_int_equal(ca->room, 70000);
	memset(ca->data, 0xab, 70000);
	capture_free(ca);
	capture_free(NULL);
	capture_trim();
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
	setup_call(&c, &d, "execve", 3, names);
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

/* Found by fuzz_bpf_records: an argv that fills the 2048 bytes the text
 * has, then says there is more: the ", ..." and "]" went past the end of
 * the buffer (a write 3 bytes beyond it, the text cut short). 40
 * arguments of 120 bytes at -s 100 (lotrace -s 100 -- true $(...) did
 * it for real). */
static void test_argv_full_then_more(void **state)
{
	enum { N = 40, LEN = 121 };
	static const char *const names[] = { "filename", "argv", "envp" };
	struct lt_cap h = { .arg = 1, .kind = LT_CAP_ARGV, .flags = LT_CAPF_MORE, .len = N * LEN };
	uint8_t rec[sizeof(h) + N * LEN];
	struct capture *cap;
	struct call c = { .entered = true, .args = { 0x1000, 0x2000, 0x3000 } };
	struct dcall d;
	size_t len;

	(void)state;
	memcpy(rec, &h, sizeof(h));
	for (int i = 0; i < N; i++) {
		memset(rec + sizeof(h) + LEN * i, 'a', LEN - 1);
		rec[sizeof(h) + LEN * i + LEN - 1] = '\0';
	}
	cap = capture_from_record(rec, sizeof(rec));
	c.cap_enter = cap;
	setup_call(&c, &d, "execve", 3, names);
	capture_decode(&c, &d, 100);
	assert_int_equal(d.arg[1].kind, DARG_SYM);
	len = strlen(d.arg[1].text);
	assert_true(len > 1900 && len < 2048);
	assert_string_equal(d.arg[1].text + len - 6, ", ...]");
	assert_memory_equal(d.arg[1].text, "[\"aaaa", 6);
	capture_free(cap);
}

/* Found by fuzz_bpf_records: with a call's scratch full (captures of two
 * long paths fill it), a text that renders empty still counted its NUL,
 * past the scratch; the next one's room then wrapped around to 2^64 and
 * writes went past the struct. */
static void test_scratch_full_then_empty_text(void **state)
{
	static struct dcall d;
	struct darg a = { .kind = DARG_PTR, .value = 0x1000 };
	struct xbuf b;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.used = sizeof(d.scratch);
	dt_begin(&d, &b);
	dt_arg(&d, &a, &b);	/* nothing written */
	assert_true(d.used <= sizeof(d.scratch));
	assert_int_equal(a.kind, DARG_HEX);
	dt_begin(&d, &b);
	assert_int_equal(b.cap, 0);
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
	setup_call(&c, &d, "connect", 3, names);
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
	setup_call(&c, &d, "newfstatat", 4, stat_names);
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[2].text, "{st_mode=S_IFREG|0644, st_size=2996, ...}");

	/* a failed call's output buffer is not what the kernel wrote: a pointer */
	c.ret = -2;
	setup_call(&c, &d, "newfstatat", 4, stat_names);
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[2].kind, DARG_PTR);
	capture_free(cap);

	add(&p, 0, LT_CAP_MEM_OUT, fds, sizeof(fds));
	pcap = capture_from_record(p.data, p.len);
	c = (struct call){ .entered = true, .returned = true, .ret = 0, .cap_exit = pcap,
			   .args = { 0x3000 } };
	setup_call(&c, &d, "pipe2", 2, pipe_names);
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
	setup_call(&c, &d, "write", 3, names);
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
	setup_call(&c, &d, "openat", 4, names);
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[1].kind, DARG_PTR);	/* never an empty string */

	/* returned, and the copy at exit failed too: marked */
	c.returned = true;
	c.ret = -EBADF;
	setup_call(&c, &d, "openat", 4, names);
	d.arg[1].value = 0x1000;
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[1].kind, DARG_SYM);
	assert_string_equal(d.arg[1].text, "0x1000 /* unreadable */");

	/* the kernel could not read it either: plain, as strace prints it */
	c.ret = -EFAULT;
	setup_call(&c, &d, "openat", 4, names);
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[1].kind, DARG_PTR);
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
	setup_call(&c, &d, "sendto", 6, names);
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[1].kind, DARG_STR);
	assert_int_equal(d.arg[4].kind, DARG_PTR);	/* NULL, not {} */
	capture_free(cap);
}

/* One argument's capture at entry (exit when at_exit) decoded into d. */
static void decode_with(struct dcall *d, struct call *c, const char *name, int nargs,
			const char *const *names, int arg, uint8_t kind, const void *bytes,
			uint32_t len, bool at_exit)
{
	struct blob b = { .len = 0 };
	struct capture *cap;

	add(&b, arg, kind, bytes, len);
	cap = capture_from_record(b.data, b.len);
	if (at_exit)
		c->cap_exit = cap;
	else
		c->cap_enter = cap;
	setup_call(c, d, name, nargs, names);
	capture_decode(c, d, 32);
	capture_free(cap);
	c->cap_enter = c->cap_exit = NULL;
}

static void test_sigsets(void **state)
{
	static const char *const names[] = { "how", "nset", "oset", "sigsetsize" };
	struct call c = { .entered = true, .returned = true, .args = { 0, 0x1000, 0x2000, 8 } };
	uint64_t set = 1ull << 16;	/* SIGCHLD */
	struct dcall d;

	(void)state;
	decode_with(&d, &c, "rt_sigprocmask", 4, names, 1, LT_CAP_MEM_IN, &set, 8, false);
	assert_string_equal(d.arg[1].text, "[CHLD]");
	set = 1 | 1ull << 33 | 1ull << 63;
	decode_with(&d, &c, "rt_sigprocmask", 4, names, 1, LT_CAP_MEM_IN, &set, 8, false);
	assert_string_equal(d.arg[1].text, "[HUP RT_2 RT_32]");
	/* two thirds set or more: the missing ones after "~" */
	set = ~0ull & ~(3ull << 31);
	decode_with(&d, &c, "rt_sigprocmask", 4, names, 2, LT_CAP_MEM_OUT, &set, 8, true);
	assert_string_equal(d.arg[2].text, "~[RTMIN RT_1]");
	set = (1ull << 41) - 1;		/* 41 of 64: still a list */
	decode_with(&d, &c, "rt_sigprocmask", 4, names, 1, LT_CAP_MEM_IN, &set, 8, false);
	assert_non_null(strstr(d.arg[1].text, "[HUP INT "));
	set = (1ull << 42) - 1;		/* 42 of 64 */
	decode_with(&d, &c, "rt_sigprocmask", 4, names, 1, LT_CAP_MEM_IN, &set, 8, false);
	assert_string_equal(d.arg[1].text, "~[RT_11 RT_12 RT_13 RT_14 RT_15 RT_16 RT_17 RT_18 RT_19 RT_20 RT_21 RT_22 RT_23 RT_24 RT_25 RT_26 RT_27 RT_28 RT_29 RT_30 RT_31 RT_32]");
	set = 0;
	decode_with(&d, &c, "rt_sigprocmask", 4, names, 2, LT_CAP_MEM_OUT, &set, 8, true);
	assert_string_equal(d.arg[2].text, "[]");
	/* a size the kernel refuses: strace prints the pointer */
	c.args[3] = 4;
	decode_with(&d, &c, "rt_sigprocmask", 4, names, 1, LT_CAP_MEM_IN, &set, 8, false);
	assert_int_equal(d.arg[1].kind, DARG_PTR);
	c.args[3] = 8;
	/* NULL is NULL, even with a capture */
	c.args[1] = 0;
	decode_with(&d, &c, "rt_sigprocmask", 4, names, 1, LT_CAP_MEM_IN, &set, 8, false);
	assert_int_equal(d.arg[1].kind, DARG_PTR);
}

static void test_sigaction(void **state)
{
	static const char *const names[] = { "sig", "act", "oact", "sigsetsize" };
	struct call c = { .entered = true, .returned = true, .args = { 10, 0x1000, 0x2000, 8 } };
	uint64_t act[4] = { 1, 0x04000000 | 0x10000000, 0x7f0000001234, 1ull << 16 };
	struct dcall d;

	(void)state;
	decode_with(&d, &c, "rt_sigaction", 4, names, 1, LT_CAP_MEM_IN, act, sizeof(act), false);
	assert_string_equal(d.arg[1].text, "{sa_handler=SIG_IGN, sa_mask=[CHLD], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f0000001234}");
	act[0] = 0x1234;
	act[1] = 0;
	act[3] = 0;
	decode_with(&d, &c, "rt_sigaction", 4, names, 2, LT_CAP_MEM_OUT, act, sizeof(act), true);
	assert_string_equal(d.arg[2].text, "{sa_handler=0x1234, sa_mask=[], sa_flags=0}");
	/* the old action is what the kernel wrote: only when it succeeded */
	c.ret = -EINVAL;
	decode_with(&d, &c, "rt_sigaction", 4, names, 2, LT_CAP_MEM_OUT, act, sizeof(act), true);
	assert_int_equal(d.arg[2].kind, DARG_PTR);
}

static void test_siginfo(void **state)
{
	static const char *const names[] = { "uthese", "uinfo", "uts", "sigsetsize" };
	struct call c = { .entered = true, .returned = true, .ret = SIGUSR1,
			  .args = { 0x1000, 0x2000, 0x3000, 8 } };
	siginfo_t si;
	struct dcall d;

	(void)state;
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = 1234;
	si.si_uid = 5;
	si.si_value.sival_int = 7;
	decode_with(&d, &c, "rt_sigtimedwait", 4, names, 1, LT_CAP_MEM_OUT, &si, LT_SIGINFO_SIZE, true);
	assert_string_equal(d.arg[1].text, "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=1234, si_uid=5, si_int=7, si_ptr=0x7}");
	/* nothing taken: the pointer */
	c.ret = -EAGAIN;
	decode_with(&d, &c, "rt_sigtimedwait", 4, names, 1, LT_CAP_MEM_OUT, &si, LT_SIGINFO_SIZE, true);
	assert_int_equal(d.arg[1].kind, DARG_PTR);
}

static void test_rlimit(void **state)
{
	static const char *const names[] = { "pid", "resource", "new_rlim", "old_rlim" };
	struct call c = { .entered = true, .returned = true, .args = { 0, 3, 0x1000, 0x2000 } };
	uint64_t rl[2] = { 8192 * 1024, UINT64_MAX };
	struct dcall d;

	(void)state;
	decode_with(&d, &c, "prlimit64", 4, names, 3, LT_CAP_MEM_OUT, rl, sizeof(rl), true);
	assert_string_equal(d.arg[3].text, "{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}");
	rl[0] = 1024;
	rl[1] = 1025;
	decode_with(&d, &c, "prlimit64", 4, names, 2, LT_CAP_MEM_IN, rl, sizeof(rl), false);
	assert_string_equal(d.arg[2].text, "{rlim_cur=1024, rlim_max=1025}");
}

static void test_epoll(void **state)
{
	static const char *const ctl[] = { "epfd", "op", "fd", "event" };
	static const char *const wait[] = { "epfd", "events", "maxevents", "timeout" };
	struct call c = { .entered = true, .returned = true, .args = { 5, 1, 3, 0x1000 } };
	uint8_t ev[24] = { 0 };
	uint32_t events = 0x80000001;	/* EPOLLIN|EPOLLET */
	uint64_t data = 0x100000005ull;
	struct dcall d;

	(void)state;
	memcpy(ev, &events, 4);
	memcpy(ev + 4, &data, 8);
	events = 4;
	data = 7;
	memcpy(ev + 12, &events, 4);
	memcpy(ev + 16, &data, 8);
	decode_with(&d, &c, "epoll_ctl", 4, ctl, 3, LT_CAP_MEM_IN, ev, 12, false);
	assert_string_equal(d.arg[3].text, "{events=EPOLLIN|EPOLLET, data={u32=5, u64=4294967301}}");
	c = (struct call){ .entered = true, .returned = true, .ret = 2, .args = { 5, 0x1000, 4, 0 } };
	decode_with(&d, &c, "epoll_wait", 4, wait, 1, LT_CAP_ARR_OUT, ev, 24, true);
	assert_string_equal(d.arg[1].text, "[{events=EPOLLIN|EPOLLET, data={u32=5, u64=4294967301}}, {events=EPOLLOUT, data={u32=7, u64=7}}]");
	c.ret = 0;
	decode_with(&d, &c, "epoll_wait", 4, wait, 1, LT_CAP_ARR_OUT, ev, 0, true);
	assert_string_equal(d.arg[1].text, "[]");
}

static void test_poll(void **state)
{
	static const char *const names[] = { "ufds", "nfds", "timeout_msecs" };
	struct call c = { .entered = true, .returned = true, .ret = 1, .args = { 0x1000, 3, 0 } };
	uint8_t fds[24] = { 0 }, ready[24];
	struct blob in = { .len = 0 }, out = { .len = 0 };
	int32_t fd;
	uint16_t ev;
	struct dcall d;

	(void)state;
	fd = 3, ev = 1;		/* POLLIN */
	memcpy(fds, &fd, 4), memcpy(fds + 4, &ev, 2);
	fd = 4, ev = 0;
	memcpy(fds + 8, &fd, 4), memcpy(fds + 12, &ev, 2);
	fd = -1;
	memcpy(fds + 16, &fd, 4);
	memcpy(ready, fds, sizeof(ready));
	ev = 1;
	memcpy(ready + 6, &ev, 2);	/* revents of fd 3 */
	add(&in, 0, LT_CAP_ARR_INOUT, fds, sizeof(fds));
	add(&out, 0, LT_CAP_ARR_INOUT, ready, sizeof(ready));
	c.cap_enter = capture_from_record(in.data, in.len);
	c.cap_exit = capture_from_record(out.data, out.len);
	setup_call(&c, &d, "poll", 3, names);
	d.ret_kind = DRET_INT;
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[0].text, "[{fd=3, events=POLLIN}, {fd=4, events=0}, {fd=-1}]");
	assert_string_equal(d.ret_text, "1 ([{fd=3, revents=POLLIN}])");
	/* more descriptors than were copied */
	c.args[1] = 100;
	setup_call(&c, &d, "poll", 3, names);
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[0].text, "[{fd=3, events=POLLIN}, {fd=4, events=0}, {fd=-1}, ...]");
	capture_free((struct capture *)c.cap_enter);
	capture_free((struct capture *)c.cap_exit);
}

static void test_accept_address(void **state)
{
	static const char *const names[] = { "fd", "upeer_sockaddr", "upeer_addrlen" };
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct call c = { .entered = true, .returned = true, .ret = 4, .args = { 3, 0x1000, 0x2000 } };
	uint32_t before = 128, after = sizeof(in);
	struct blob e = { .len = 0 }, x = { .len = 0 };
	struct dcall d;

	(void)state;
	inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
	add(&e, 2, LT_CAP_ARR_INOUT, &before, 4);
	add(&x, 1, LT_CAP_ADDR_OUT, &in, sizeof(in));
	add(&x, 2, LT_CAP_ARR_INOUT, &after, 4);
	c.cap_enter = capture_from_record(e.data, e.len);
	c.cap_exit = capture_from_record(x.data, x.len);
	setup_call(&c, &d, "accept", 3, names);
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[1].text,
			    "{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}");
	assert_string_equal(d.arg[2].text, "[128 => 16]");
	/* failed: the address is a pointer, the length what went in */
	c.ret = -EAGAIN;
	setup_call(&c, &d, "accept", 3, names);
	capture_decode(&c, &d, 32);
	assert_int_equal(d.arg[1].kind, DARG_PTR);
	assert_string_equal(d.arg[2].text, "[128]");
	capture_free((struct capture *)c.cap_enter);
	capture_free((struct capture *)c.cap_exit);
}

/* An IOV capture: struct lt_iov, then the buffers' bytes. */
static uint32_t iov_blob(uint8_t *out, const char *const *bufs, const uint64_t *lens,
			 const int32_t *got, uint32_t n)
{
	struct lt_iov h = { .n = n };
	uint32_t pos = sizeof(h);

	for (uint32_t k = 0; k < n; k++) {
		h.got[k] = got[k];
		h.iov[k][0] = 0x1000 + k;
		h.iov[k][1] = lens[k];
		if (got[k] > 0) {
			memcpy(out + pos, bufs[k], (size_t)got[k]);
			pos += (uint32_t)got[k];
		}
	}
	memcpy(out, &h, sizeof(h));
	return pos;
}

static void test_iovecs(void **state)
{
	static const char *const names[] = { "fd", "vec", "vlen" };
	static const char *const bufs[] = { "ab", "yyyyyyyyyy", "c" };
	uint8_t blob[512];
	uint64_t lens[] = { 2, 100, 8 };
	int32_t got[] = { 2, 10, -1 };
	struct call c = { .entered = true, .returned = true, .ret = 102, .args = { 1, 0x5000, 2 } };
	struct dcall d;
	uint32_t len;

	(void)state;
	len = iov_blob(blob, bufs, lens, got, 2);
	/* -s 10: each buffer is cut on its own */
	setup_call(&c, &d, "writev", 3, names);
	{
		struct blob b = { .len = 0 };

		add(&b, 1, LT_CAP_IOV_IN, blob, len);
		c.cap_enter = capture_from_record(b.data, b.len);
		capture_decode(&c, &d, 10);
		capture_free((struct capture *)c.cap_enter);
		c.cap_enter = NULL;
	}
	assert_string_equal(d.arg[1].text,
			    "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"yyyyyyyyyy\"..., iov_len=100}]");

	/* readv: the bytes read, as far as the return value goes; more
	 * vectors than were copied end in "..." */
	lens[1] = 8;
	got[1] = 1;
	got[2] = 0;
	len = iov_blob(blob, (const char *const[]){ "ab", "c", "" }, lens, got, 3);
	c = (struct call){ .entered = true, .returned = true, .ret = 3, .args = { 3, 0x5000, 9 } };
	decode_with(&d, &c, "readv", 3, names, 1, LT_CAP_IOV_OUT, blob, len, true);
	assert_string_equal(d.arg[1].text,
			    "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"c\", iov_len=8}, {iov_base=\"\", iov_len=8}, ...]");

	/* failed: the buffers' addresses */
	got[0] = got[1] = got[2] = -1;
	len = iov_blob(blob, bufs, lens, got, 2);
	c = (struct call){ .entered = true, .returned = true, .ret = -EBADF, .args = { 3, 0x5000, 2 } };
	decode_with(&d, &c, "readv", 3, names, 1, LT_CAP_IOV_OUT, blob, len, true);
	assert_string_equal(d.arg[1].text,
			    "[{iov_base=0x1000, iov_len=2}, {iov_base=0x1001, iov_len=8}]");
}

/* A MSG capture: struct lt_msg, then an IOV capture of its vectors. */
static uint32_t msg_blob(uint8_t *out, const struct lt_msg *m, const char *const *bufs,
			 const uint64_t *lens, const int32_t *got, uint32_t n)
{
	uint8_t iov[512];
	struct lt_cap vec = { .kind = LT_CAP_IOV_IN };

	vec.len = iov_blob(iov, bufs, lens, got, n);
	memcpy(out, m, sizeof(*m));
	memcpy(out + sizeof(*m), &vec, sizeof(vec));
	memcpy(out + sizeof(*m) + sizeof(vec), iov, vec.len);
	return (uint32_t)(sizeof(*m) + sizeof(vec) + vec.len);
}

static void test_msghdr(void **state)
{
	static const char *const names[] = { "fd", "msg", "flags" };
	static const char *const bufs[] = { "ab" };
	uint64_t lens[] = { 2 };
	int32_t got[] = { 2 };
	struct lt_msg m = { .iov = 0x5000, .iovlen = 1 };
	struct call c = { .entered = true, .returned = true, .ret = 2, .args = { 3, 0x1000, 0 } };
	struct blob in = { .len = 0 }, out = { .len = 0 };
	uint8_t blob[1024];
	struct dcall d;
	uint32_t len;

	(void)state;
	len = msg_blob(blob, &m, bufs, lens, got, 1);
	decode_with(&d, &c, "sendmsg", 3, names, 1, LT_CAP_MSG_IN, blob, len, false);
	assert_string_equal(d.arg[1].text,
			    "{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=0}");
	/* control messages: SCM_RIGHTS's descriptors, then credentials */
	m.control = 0x7000;
	m.controllen = 24;
	m.control_got = 24;
	memcpy(m.control_bytes, &(struct cmsghdr){ .cmsg_len = 20, .cmsg_level = SOL_SOCKET,
						   .cmsg_type = SCM_RIGHTS }, 16);
	memcpy(m.control_bytes + 16, &(int){ 7 }, 4);
	len = msg_blob(blob, &m, bufs, lens, got, 1);
	decode_with(&d, &c, "sendmsg", 3, names, 1, LT_CAP_MSG_IN, blob, len, false);
	assert_string_equal(d.arg[1].text,
			    "{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", iov_len=2}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[7]}], msg_controllen=24, msg_flags=0}");
	m.controllen = 32;
	m.control_got = 32;
	memcpy(m.control_bytes, &(struct cmsghdr){ .cmsg_len = 28, .cmsg_level = SOL_SOCKET,
						   .cmsg_type = SCM_CREDENTIALS }, 16);
	memcpy(m.control_bytes + 16, &(struct ucred){ .pid = 42, .uid = 1000, .gid = 100 }, 12);
	len = msg_blob(blob, &m, bufs, lens, got, 1);
	decode_with(&d, &c, "sendmsg", 3, names, 1, LT_CAP_MSG_IN, blob, len, false);
	assert_non_null(strstr(d.arg[1].text,
			       "msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=42, uid=1000, gid=100}}], msg_controllen=32"));
	/* control messages the program could not copy: their address */
	m.control_got = -1;
	len = msg_blob(blob, &m, bufs, lens, got, 1);
	decode_with(&d, &c, "sendmsg", 3, names, 1, LT_CAP_MSG_IN, blob, len, false);
	assert_non_null(strstr(d.arg[1].text, "msg_control=0x7000, msg_controllen=32"));

	/* recvmsg: the name length that went in, and what came back */
	m = (struct lt_msg){ .name = 0x6000, .namelen = 110, .iov = 0x5000, .iovlen = 1 };
	add(&in, 1, LT_CAP_MSG_OUT, &m, LT_MSGHDR_SIZE);
	m.namelen = 0;
	m.flags = 0x20;	/* MSG_TRUNC */
	len = msg_blob(blob, &m, bufs, lens, got, 1);
	add(&out, 1, LT_CAP_MSG_OUT, blob, len);
	c.cap_enter = capture_from_record(in.data, in.len);
	c.cap_exit = capture_from_record(out.data, out.len);
	setup_call(&c, &d, "recvmsg", 3, names);
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[1].text,
			    "{msg_name=0x6000, msg_namelen=110 => 0, msg_iov=[{iov_base=\"ab\", iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=MSG_TRUNC}");
	c.ret = -EAGAIN;
	setup_call(&c, &d, "recvmsg", 3, names);
	capture_decode(&c, &d, 32);
	assert_string_equal(d.arg[1].text, "{msg_namelen=110}");
	capture_free((struct capture *)c.cap_enter);
	capture_free((struct capture *)c.cap_exit);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote_hex),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_execve),
		cmocka_unit_test(test_argv_full_then_more),
		cmocka_unit_test(test_scratch_full_then_empty_text),
		cmocka_unit_test(test_sockaddr_in),
		cmocka_unit_test(test_outputs_only_on_success),
		cmocka_unit_test(test_buffers_cut_at_strsize),
		cmocka_unit_test(test_fault_stays_a_pointer),
		cmocka_unit_test(test_null_stays_null),
		cmocka_unit_test(test_sigsets),
		cmocka_unit_test(test_sigaction),
		cmocka_unit_test(test_siginfo),
		cmocka_unit_test(test_rlimit),
		cmocka_unit_test(test_epoll),
		cmocka_unit_test(test_poll),
		cmocka_unit_test(test_accept_address),
		cmocka_unit_test(test_iovecs),
		cmocka_unit_test(test_msghdr),
		cmocka_unit_test(test_join_and_reuse),
	};

	return cmocka_run_group_tests_name("capture", tests, NULL, NULL);
}
