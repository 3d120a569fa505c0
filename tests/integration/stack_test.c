/* stack_test: -k's unwinder and symbolizer (trace/stack) on real programs
 * under the real kernel. It starts stack_target, samples the target's
 * syscalls:sys_enter_getppid tracepoint with perf_event_open
 * (PERF_SAMPLE_REGS_USER | PERF_SAMPLE_STACK_USER), feeds the ring's
 * MMAP2, COMM and sample records to trace/stack as the pipeline will, and
 * checks the frames against what the target says its call chain is, and
 * against strace -k.
 *
 *   stack_test PROGDIR                    the cmocka tests
 *   stack_test PROGDIR --bench N          cost of N unwound+symbolized calls
 *   stack_test PROGDIR --depth BYTES CMD  how far BYTES of stack take the
 *                                         unwinder through every syscall of CMD
 *                                         (STACK_TEST_VERBOSE=1: print the
 *                                         stacks that end early; and
 *                                         STACK_TEST_ALL=1: all stacks)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/perf_event.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stack/stack.h"
#include "transport/ring.h"

#define RING_BYTES (4u << 20)
#define MAX_SAMPLES 20000

static const char *progdir;

/* One sample, unwound and symbolized when it was read. */
struct sample {
	uint32_t pid, tid;
	struct stack_unwound res;
	struct stack_pc pc[STACK_MAX_FRAMES];
	struct stack_frame f[STACK_MAX_FRAMES];
	/* kept for tests that unwind again later */
	struct stack_regs regs;
	uint8_t *stack;
	size_t len;
	double ns;		/* unwind + symbolize */
	double unwind_ns;	/* of which unwinding */
};

struct run {
	struct stack st;
	bool no_mmap;		/* leave the mappings to stack_seed */
	bool defer;		/* keep the samples, unwind them later */
	bool no_source;		/* -k's symbols only, no -kk source lines */
	int max;		/* frames wanted */
	size_t ring_bytes;
	struct sample *s;
	int n;
	char out[8192];		/* the target's stdout */
	uint64_t lost;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void unwind_sample(struct run *r, struct sample *s)
{
	double t0 = now_ns();

	stack_unwind(&r->st, s->pid, s->tid, &s->regs, s->stack, s->len, s->pc,
		     r->max, &s->res);
	s->unwind_ns = now_ns() - t0;
	for (int i = 0; i < s->res.n; i++)
		stack_symbolize(&r->st, s->pid, &s->pc[i], !r->no_source, &s->f[i]);
	s->ns = now_ns() - t0;
}

/* The sample layout for PERF_SAMPLE_TID | REGS_USER | STACK_USER. */
static void on_sample(struct run *r, const struct perf_event_header *h)
{
	const uint8_t *p = (const uint8_t *)(h + 1);
	const uint32_t *ids = (const void *)p;
	struct sample *s;
	uint64_t abi, size, n = __builtin_popcountll(STACK_PERF_REGS_MASK);

	if (r->n == MAX_SAMPLES)
		return;
	s = &r->s[r->n++];
	memset(s, 0, sizeof(*s));
	s->pid = ids[0];
	s->tid = ids[1];
	p += 8;
	memcpy(&abi, p, 8);
	p += 8;
	if (abi) {
		uint64_t val[64];

		memcpy(val, p, 8 * n);
		assert_int_equal(stack_regs_from_perf(&s->regs, STACK_PERF_REGS_MASK, val, n), 0);
		p += 8 * n;
	}
	memcpy(&size, p, 8);
	p += 8;
	if (size) {
		uint64_t dyn;

		memcpy(&dyn, p + size, 8);
		s->len = dyn < size ? dyn : size;
		s->stack = malloc(s->len ? s->len : 1);
		assert_non_null(s->stack);
		memcpy(s->stack, p, s->len);
	}
	if (!r->defer)
		unwind_sample(r, s);
}

static const char *mmap_path(const char *name)
{
	if (name[0] == '/' && strcmp(name, "//anon"))
		return name;
	return strcmp(name, "[vdso]") ? NULL : name;
}

static void on_mmap2(struct run *r, const struct perf_event_header *h)
{
	const struct perf_record_mmap2 {
		struct perf_event_header h;
		uint32_t pid, tid;
		uint64_t addr, len, pgoff;
		union {
			struct {
				uint32_t maj, min;
				uint64_t ino, ino_generation;
			};
			struct {
				uint8_t build_id_size, r1;
				uint16_t r2;
				uint8_t build_id[20];
			};
		};
		uint32_t prot, flags;
		char filename[];
	} *m = (const void *)h;
	bool has_id = h->misc & PERF_RECORD_MISC_MMAP_BUILD_ID;

	if (r->no_mmap)
		return;
	stack_mmap(&r->st, m->pid, m->addr, m->len, m->pgoff, m->prot, mmap_path(m->filename),
		   has_id ? m->build_id : NULL, has_id ? m->build_id_size : 0);
}

static void on_record(void *ctx, int cpu, const struct perf_event_header *h)
{
	struct run *r = ctx;
	const uint32_t *ids = (const void *)(h + 1);

	(void)cpu;
	switch (h->type) {
	case PERF_RECORD_SAMPLE:
		on_sample(r, h);
		break;
	case PERF_RECORD_MMAP2:
		on_mmap2(r, h);
		break;
	case PERF_RECORD_COMM:
		if (h->misc & PERF_RECORD_MISC_COMM_EXEC)
			stack_exec(&r->st, ids[0]);
		break;
	case PERF_RECORD_FORK:
		if (ids[0] != ids[1])
			stack_fork(&r->st, ids[1], ids[0]);
		break;
	case PERF_RECORD_EXIT:
		/* deferred samples are unwound after the run */
		if (ids[0] == ids[2] && !r->defer)
			stack_exit(&r->st, ids[0]);
		break;
	case PERF_RECORD_LOST:
		r->lost += ((const uint64_t *)(h + 1))[1];
		break;
	}
}

static int tracepoint_id(const char *event)
{
	char path[256];
	FILE *f;
	int id = -1;

	if (access("/sys/kernel/tracing/events", F_OK))
		mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL);
	snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/id", event);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &id) != 1)
		id = -1;
	fclose(f);
	return id;
}

static int open_event(pid_t pid, const char *event, uint32_t stack_bytes)
{
	struct perf_event_attr a = {
		.size = sizeof(a),
		.type = PERF_TYPE_TRACEPOINT,
		.config = (uint64_t)tracepoint_id(event),
		.sample_period = 1,
		.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_REGS_USER | PERF_SAMPLE_STACK_USER,
		.sample_regs_user = STACK_PERF_REGS_MASK,
		.sample_stack_user = stack_bytes,
		.disabled = 1,
		.enable_on_exec = 1,
		.mmap = 1,
		.mmap2 = 1,
		.comm = 1,
		.comm_exec = 1,
		.task = 1,
		.build_id = 1,
		.wakeup_events = 1,
	};

	if ((int64_t)a.config < 0)
		return -1;
	return (int)syscall(SYS_perf_event_open, &a, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

/* Run argv under the event, its stdin a pipe closed once it printed
 * "end" (or exited): until then /proc/PID/maps can still be read. */
static void trace_cmd(struct run *r, char *const argv[], const char *event,
		      uint32_t stack_bytes, void (*before_exit)(struct run *, pid_t))
{
	int go[2], in[2], out[2], status, fd;
	struct ring ring;
	size_t got = 0;
	bool ended = false;
	pid_t pid;

	assert_int_equal(pipe2(go, O_CLOEXEC), 0);
	assert_int_equal(pipe2(in, O_CLOEXEC), 0);
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		char c;

		dup2(in[0], 0);
		dup2(out[1], 1);
		if (read(go[0], &c, 1) != 1)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	close(go[0]);
	close(in[0]);
	close(out[1]);
	fd = open_event(pid, event, stack_bytes);
	if (fd < 0)
		fprintf(stderr, "stack_test: perf_event_open %s: %s\n", event, strerror(errno));
	assert_true(fd >= 0);
	assert_int_equal(ring_map(&ring, fd, -1, r->ring_bytes), 0);
	assert_int_equal(write(go[1], "g", 1), 1);
	close(go[1]);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	for (;;) {
		struct pollfd pf[2] = { { .fd = fd, .events = POLLIN }, { .fd = out[0], .events = POLLIN } };

		poll(pf, 2, 50);
		ring_read(&ring, on_record, r);
		ssize_t n = read(out[0], r->out + got, sizeof(r->out) - 1 - got);

		if (n > 0)
			got += n;
		r->out[got] = '\0';
		if (!ended && (strstr(r->out, "end\n") || n == 0)) {
			ended = true;
			if (before_exit)
				before_exit(r, pid);
			close(in[1]);
		}
		if (n == 0 && waitpid(pid, &status, WNOHANG) == pid)
			break;
	}
	ring_read(&ring, on_record, r);
	ring_unmap(&ring);
	close(fd);
	close(out[0]);
	if (!ended)
		close(in[1]);
}

static void run_init(struct run *r)
{
	memset(r, 0, sizeof(*r));
	assert_int_equal(stack_init(&r->st), 0);
	r->s = calloc(MAX_SAMPLES, sizeof(*r->s));
	assert_non_null(r->s);
	r->max = STACK_MAX_FRAMES;
	r->ring_bytes = RING_BYTES;
}

static void run_free(struct run *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->s[i].stack);
	free(r->s);
	stack_free(&r->st);
}

static char *prog(const char *name)
{
	static char path[4][512];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", progdir, name);
	return p;
}

static void trace_target_on(struct run *r, const char *event, const char *target,
			    const char *mode, const char *arg, uint32_t stack_bytes)
{
	char *argv[] = { prog(target), (char *)mode, (char *)arg, NULL };

	trace_cmd(r, argv, event, stack_bytes, NULL);
	assert_int_equal(r->lost, 0);
}

static void trace_target(struct run *r, const char *target, const char *mode, const char *arg,
			 uint32_t stack_bytes)
{
	trace_target_on(r, "syscalls/sys_enter_getppid", target, mode, arg, stack_bytes);
}

/* "frame NAME LINE" and "inline NAME LINE" lines of the target. */
struct expect {
	char kind[8], name[64];
	int line;
};

static int expected(const char *out, struct expect *e, int max)
{
	int n = 0;

	for (const char *l = out; *l && n < max; l = strchr(l, '\n') + 1) {
		if (sscanf(l, "%7s %63s %d", e[n].kind, e[n].name, &e[n].line) == 3)
			n++;
		if (!strchr(l, '\n'))
			break;
	}
	return n;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = s ? strlen(s) : 0, m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

/* The frame naming function, from from on; -1 when none does. */
static int find_frame(const struct sample *s, const char *function, int from)
{
	for (int i = from; i < s->res.n; i++)
		if (s->f[i].function && !strcmp(s->f[i].function, function))
			return i;
	return -1;
}

/* The frames of the target's own functions are the target's chain, in
 * order, each at the line of its call; libc's getppid is the first. */
static void check_chain(const struct sample *s, const char *out, const char *object,
			bool with_source)
{
	struct expect e[16];
	int n = expected(out, e, 16), at = 1, i;

	assert_true(n >= 2);
	assert_true(ends_with(s->f[0].object, "/libc.so.6"));
	assert_string_equal(s->f[0].function, "getppid");
	assert_true(s->pc[0].activation);
	for (i = 0; i < n; i++) {
		if (!strcmp(e[i].kind, "inline")) {
			const struct stack_frame *f = &s->f[at];

			if (!with_source)
				continue;
			assert_true(f->ninl >= 1);
			assert_string_equal(f->inl[0].function, e[i].name);
			assert_int_equal(f->inl[0].line, e[i].line);
			/* strace -kk's line is the innermost one */
			assert_int_equal(f->line, e[i].line);
			continue;
		}
		int k = find_frame(s, e[i].name, at);

		if (k != at)
			fprintf(stderr, "stack_test: %s is frame %d, want %d\n", e[i].name, k, at);
		assert_int_equal(k, at);
		assert_true(ends_with(s->f[k].object, object));
		if (with_source) {
			assert_true(ends_with(s->f[k].file, ".c"));
			if (s->f[k].ninl)
				assert_int_equal(s->f[k].call_line, e[i].line);
			else
				assert_int_equal(s->f[k].line, e[i].line);
		}
		at++;
	}
	assert_int_equal(s->res.end, STACK_END_OUTERMOST);
	assert_string_equal(s->f[s->res.n - 1].function, "_start");
}

static void print_sample(const struct sample *s, unsigned flags)
{
	char line[1024];

	for (int i = 0; i < s->res.n; i++) {
		stack_format_frame(line, sizeof(line), &s->f[i], flags);
		fputs(line, stderr);
	}
	stack_format_end(line, sizeof(line), &s->res);
	fputs(line, stderr);
}

static void test_plain(void **state)
{
	struct run r;

	(void)state;
	run_init(&r);
	trace_target(&r, "it-stack_target", "plain", NULL, 8192);
	assert_int_equal(r.n, 1);
	print_sample(&r.s[0], STACK_FMT_SOURCE | STACK_FMT_INLINE);
	check_chain(&r.s[0], r.out, "/it-stack_target", true);
	run_free(&r);
}

/* Stripped: the same addresses, no names: strace's "object() [0xoff]". */
static void test_stripped(void **state)
{
	struct run plain, bare;
	char want[1024], got[1024];

	(void)state;
	run_init(&plain);
	run_init(&bare);
	trace_target(&plain, "it-stack_target", "plain", NULL, 8192);
	trace_target(&bare, "it-stack_target-stripped", "plain", NULL, 8192);
	assert_int_equal(bare.n, 1);
	print_sample(&bare.s[0], 0);
	const struct sample *p = &plain.s[0], *b = &bare.s[0];

	assert_int_equal(b->res.n, p->res.n);
	for (int i = 1; i <= 4; i++) {
		assert_null(b->f[i].function);
		snprintf(want, sizeof(want), " > %s() [0x%" PRIx64 "]\n",
			 prog("it-stack_target-stripped"), p->f[i].rel);
		stack_format_frame(got, sizeof(got), &b->f[i], STACK_FMT_SOURCE);
		assert_string_equal(got, want);
	}
	assert_int_equal(b->res.end, STACK_END_OUTERMOST);
	run_free(&plain);
	run_free(&bare);
}

/* Stripped, with its symbols and lines in a separate file that its
 * .gnu_debuglink names. */
static void test_debuglink(void **state)
{
	struct run r;

	(void)state;
	run_init(&r);
	trace_target(&r, "it-stack_target-debuglink", "plain", NULL, 8192);
	assert_int_equal(r.n, 1);
	check_chain(&r.s[0], r.out, "/it-stack_target-debuglink", true);
	run_free(&r);
}

/* No .eh_frame and no .debug_frame in the program: libdw walks its frame
 * pointers. */
static void test_frame_pointers(void **state)
{
	struct run r;

	(void)state;
	run_init(&r);
	trace_target(&r, "it-stack_target-fp", "plain", NULL, 8192);
	assert_int_equal(r.n, 1);
	print_sample(&r.s[0], 0);
	check_chain(&r.s[0], r.out, "/it-stack_target-fp", false);
	run_free(&r);
}

static void test_dlopen(void **state)
{
	struct run r;
	struct expect e[8];
	int n;

	(void)state;
	run_init(&r);
	trace_target(&r, "it-stack_target", "dlopen", prog("libit-stacklib.so"), 8192);
	assert_int_equal(r.n, 1);
	print_sample(&r.s[0], STACK_FMT_SOURCE);
	n = expected(r.out, e, 8);
	assert_int_equal(n, 4);
	for (int i = 0; i < n; i++) {
		const struct stack_frame *f = &r.s[0].f[i + 1];

		assert_int_equal(find_frame(&r.s[0], e[i].name, 0), i + 1);
		assert_true(ends_with(f->object, i < 2 ? "/libit-stacklib.so" : "/it-stack_target"));
		assert_true(ends_with(f->file, i < 2 ? "/stack_lib.c" : "/stack_target.c"));
		assert_int_equal(f->line, e[i].line);
	}
	run_free(&r);
}

/* The vdso is no file: lotrace reads its own copy of the kernel's, whose
 * CFI takes the walk through into the program (strace -k stops there). */
static void test_vdso(void **state)
{
	struct run r;
	struct expect e[4];

	(void)state;
	run_init(&r);
	trace_target_on(&r, "syscalls/sys_enter_clock_gettime", "it-stack_target", "vdso", NULL,
			8192);
	assert_int_equal(r.n, 1);
	print_sample(&r.s[0], STACK_FMT_SOURCE);
	const struct sample *s = &r.s[0];

	assert_int_equal(expected(r.out, e, 4), 2);
	assert_string_equal(s->f[0].object, "[vdso]");
	assert_true(s->f[0].function && strstr(s->f[0].function, "clock_gettime"));
	int k = find_frame(s, "cputime", 1);

	assert_true(k > 0);
	assert_int_equal(s->f[k].line, e[0].line);
	assert_int_equal(find_frame(s, "main", k), k + 1);
	assert_int_equal(s->res.end, STACK_END_OUTERMOST);
	run_free(&r);
}

/* 64 frames of 512 bytes do not fit in 8 KiB of stack, they fit in 64. */
static void test_deep(void **state)
{
	struct run small, big;
	char line[256];

	(void)state;
	run_init(&small);
	run_init(&big);
	trace_target(&small, "it-stack_target", "deep", "64", 8192);
	trace_target(&big, "it-stack_target", "deep", "64", 65528);
	assert_int_equal(small.s[0].res.end, STACK_END_TRUNCATED);
	stack_format_end(line, sizeof(line), &small.s[0].res);
	assert_string_equal(line, " > end of the stack copy\n");
	assert_true(small.s[0].res.n > 10);
	assert_int_equal(big.s[0].res.end, STACK_END_OUTERMOST);
	assert_int_equal(find_frame(&big.s[0], "main", 0), 66);
	run_free(&small);
	run_free(&big);
}

static void test_limit(void **state)
{
	struct run r;
	char line[256];

	(void)state;
	run_init(&r);
	r.max = 3;
	trace_target(&r, "it-stack_target", "plain", NULL, 8192);
	assert_int_equal(r.s[0].res.n, 3);
	assert_int_equal(r.s[0].res.end, STACK_END_LIMIT);
	stack_format_end(line, sizeof(line), &r.s[0].res);
	assert_string_equal(line, " > too many stack frames\n");
	run_free(&r);
}

/* As for -p: no mmap records, the table read from /proc/PID/maps. */
static void seed(struct run *r, pid_t pid)
{
	assert_int_equal(stack_seed(&r->st, pid), 0);
	for (int i = 0; i < r->n; i++)
		unwind_sample(r, &r->s[i]);
}

static void test_seed(void **state)
{
	struct run r;
	char *argv[] = { prog("it-stack_target"), "dlopen", prog("libit-stacklib.so"), NULL };

	(void)state;
	run_init(&r);
	r.no_mmap = true;
	r.defer = true;
	trace_cmd(&r, argv, "syscalls/sys_enter_getppid", 8192, seed);
	assert_int_equal(r.n, 1);
	assert_int_equal(find_frame(&r.s[0], "stack_lib_leaf", 0), 1);
	assert_int_equal(find_frame(&r.s[0], "main", 0), 4);
	run_free(&r);
}

/* strace -k on the same program names the same objects and addresses,
 * and the same functions in the program. Debian's strace is built with
 * libunwind, not libdw: it prints return addresses where libdw (and
 * lotrace) print the call's last byte, one less; and it reads only the
 * symbols of the mapped file, where libdw also reads separate debug info
 * (libc6-dbg's) and names no symbol for an address none covers. */
static void test_strace(void **state)
{
	struct run r;
	char cmd[1024], line[1024];
	FILE *f;
	int i = 0;

	(void)state;
	run_init(&r);
	trace_target(&r, "it-stack_target", "plain", NULL, 8192);
	snprintf(cmd, sizeof(cmd), "strace -qq -k -e trace=getppid -o /dev/stdout %s plain </dev/null",
		 prog("it-stack_target"));
	f = popen(cmd, "r");
	assert_non_null(f);
	const struct sample *s = &r.s[0];

	while (fgets(line, sizeof(line), f)) {
		char obj[512], fn[256] = "";
		uint64_t off = 0, rel;

		if (strncmp(line, " > ", 3))
			continue;
		if (sscanf(line, " > %511[^(](%255[^+)]+0x%" SCNx64 ") [0x%" SCNx64 "]", obj, fn,
			   &off, &rel) != 4 &&
		    sscanf(line, " > %511[^(]() [0x%" SCNx64 "]", obj, &rel) != 2)
			continue;
		assert_true(i < s->res.n);
		uint64_t adj = s->pc[i].activation ? 0 : 1;

		assert_string_equal(s->f[i].object, obj);
		assert_int_equal(s->f[i].rel + adj, rel);
		if (!strcmp(obj, prog("it-stack_target"))) {
			assert_string_equal(s->f[i].function, fn);
			assert_int_equal(s->f[i].func_off + adj, off);
		}
		i++;
	}
	pclose(f);
	assert_int_equal(i, s->res.n);
	run_free(&r);
}

/* The first call opens the objects (and their debug info) and parses
 * their CFI; the later ones, from the same stack, hit the caches. The
 * samples are unwound after the run, not to lose any meanwhile. */
static int bench(int n, bool source)
{
	struct run r;
	char arg[32];
	double first = 0, rest = 0, rest_unwind = 0;

	printf("%s:\n", source ? "symbols and source lines (-kk)" : "symbols (-k)");
	run_init(&r);
	r.no_source = !source;
	r.defer = true;
	r.ring_bytes = 128u << 20;
	snprintf(arg, sizeof(arg), "%d", n);
	char *argv[] = { prog("it-stack_target"), "loop", arg, NULL };

	trace_cmd(&r, argv, "syscalls/sys_enter_getppid", 8192, NULL);
	for (int i = 0; i < r.n; i++) {
		unwind_sample(&r, &r.s[i]);
		if (!i) {
			first = r.s[i].ns;
			printf("first call: %.1f us, of which unwinding %.1f us\n", first / 1e3,
			       r.s[i].unwind_ns / 1e3);
			continue;
		}
		rest += r.s[i].ns;
		rest_unwind += r.s[i].unwind_ns;
	}
	printf("%d samples of %d frames, lost %" PRIu64 "\n", r.n, r.n ? r.s[0].res.n : 0,
	       r.lost);
	if (r.n > 1)
		printf("later calls: %.2f us each, of which unwinding %.2f us\n",
		       rest / (r.n - 1) / 1e3, rest_unwind / (r.n - 1) / 1e3);
	run_free(&r);
	return 0;
}

/* How far each syscall's stack goes with a given copy. */
static int depth(uint32_t bytes, char **argv)
{
	struct run r;
	int ends[4] = { 0 };
	long frames = 0;
	double ns = 0;

	run_init(&r);
	r.defer = true;
	r.no_source = true;
	r.ring_bytes = 128u << 20;
	trace_cmd(&r, argv, "raw_syscalls/sys_enter", bytes, NULL);
	for (int i = 0; i < r.n; i++) {
		unwind_sample(&r, &r.s[i]);
		ends[r.s[i].res.end]++;
		frames += r.s[i].res.n;
		ns += r.s[i].ns;
	}
	printf("%u bytes: %d syscalls (lost %" PRIu64 "), %.1f frames each, %.1f us each; "
	       "outermost %d, truncated %d, limit %d, lost %d\n", bytes, r.n, r.lost,
	       r.n ? (double)frames / r.n : 0, r.n ? ns / r.n / 1e3 : 0,
	       ends[STACK_END_OUTERMOST], ends[STACK_END_TRUNCATED], ends[STACK_END_LIMIT],
	       ends[STACK_END_LOST]);
	for (int i = 0; i < r.n && getenv("STACK_TEST_VERBOSE"); i++)
		if (r.s[i].res.end != STACK_END_OUTERMOST || getenv("STACK_TEST_ALL")) {
			fprintf(stderr, "sample %d:\n", i);
			print_sample(&r.s[i], 0);
		}
	run_free(&r);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_stripped),
		cmocka_unit_test(test_debuglink),
		cmocka_unit_test(test_frame_pointers),
		cmocka_unit_test(test_dlopen),
		cmocka_unit_test(test_vdso),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_strace),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: stack_test PROGDIR [--bench N | --depth BYTES CMD...]\n");
		return 2;
	}
	static char dir[PATH_MAX];

	/* the kernel names mapped files by their real paths */
	if (!realpath(argv[1], dir)) {
		fprintf(stderr, "stack_test: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	progdir = dir;
	signal(SIGPIPE, SIG_IGN);
	if (argc == 4 && !strcmp(argv[2], "--bench"))
		return bench(atoi(argv[3]), false) || bench(atoi(argv[3]), true);
	if (argc >= 5 && !strcmp(argv[2], "--depth"))
		return depth((uint32_t)atoi(argv[3]), argv + 4);
	if (geteuid()) {
		fprintf(stderr, "stack_test: perf_event_open on tracepoints needs root\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
