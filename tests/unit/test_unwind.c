/* unwind: -k's stage on captures as the transports make them: the stack
 * capture replaced by strace -k's lines, the other captures kept around
 * them, and a real unwind of this test's own stack (registers taken with
 * a few instructions, the stack bytes copied above them), symbolized
 * against /proc/self/maps. */
#include "unit.h"

#include <unistd.h>

#include "bpf/capture.h"
#include "decode/capture.h"
#include "pipeline/unwind.h"
#include "transport/record.h"

/* An 8-byte capture of argument arg after head (a capture blob). */
static struct capture *append(struct capture *head, int arg, uint64_t val)
{
	struct lt_cap cap = { .arg = (uint8_t)arg, .kind = LT_CAP_INODES, .len = 8 };
	struct capture *c = realloc(head, sizeof(*c) + head->size + sizeof(cap) + 8);

	assert_non_null(c);
	memcpy(c->data + c->size, &cap, sizeof(cap));
	memcpy(c->data + c->size + sizeof(cap), &val, 8);
	c->size += sizeof(cap) + 8;
	return c;
}

static void test_splice(void **state)
{
	struct unwind *u = unwind_new(UNWIND_SYMBOLS, 0);
	struct lt_cap first = { .arg = 0, .kind = LT_CAP_PATH, .len = 4 };
	uint8_t head[16];
	struct lt_stack regs = { .ip = 0x1000, .sp = 0x2000 };
	struct capture *c;
	const struct lt_cap *cap;
	const char *lines;
	uint64_t val;
	size_t len;

	(void)state;
	assert_non_null(u);
	memcpy(head, &first, sizeof(first));
	memcpy(head + 8, "abc", 4);
	c = record_stack_capture(head, sizeof(head), &regs, "0123456789", 10);
	c = append(c, LT_CAP_ARG_NEWFD, 42);
	assert_null(unwind_lines(c, 0, &len));
	/* a process that is not there: no mappings, said as the end */
	unwind_capture(u, 0x7ffffff0, 0x7ffffff0, &c, 0);
	lines = unwind_lines(c, 0, &len);
	assert_non_null(lines);
	assert_memory_equal(lines, " > no mappings of process 2147483632: ", 38);
	assert_int_equal(lines[len - 1], '\n');
	cap = capture_find(c, 0);
	assert_non_null(cap);
	assert_string_equal((const char *)capture_bytes(cap), "abc");
	cap = capture_find(c, LT_CAP_ARG_NEWFD);
	assert_non_null(cap);
	memcpy(&val, capture_bytes(cap), sizeof(val));
	assert_int_equal(val, 42);
	capture_free(c);
	unwind_free(u);
}

/* A USDT hit's captures start after its fixed part: that stays as it was. */
static void test_from(void **state)
{
	struct unwind *u = unwind_new(UNWIND_SYMBOLS, 0);
	struct lt_stack regs = { 0 };
	uint8_t fixed[24];
	struct capture *c, *same;
	size_t len;

	(void)state;
	memset(fixed, 0x5a, sizeof(fixed));
	c = record_stack_capture(fixed, sizeof(fixed), &regs, NULL, 0);
	unwind_capture(u, 0x7ffffff0, 0x7ffffff0, &c, sizeof(fixed));
	assert_non_null(unwind_lines(c, sizeof(fixed), &len));
	for (size_t i = 0; i < sizeof(fixed); i++)
		assert_int_equal(c->data[i], 0x5a);
	/* no stack capture: nothing changes */
	same = c;
	unwind_capture(u, 1, 1, &c, sizeof(fixed) + 8 + ((len + 7) & ~7u));
	assert_ptr_equal(c, same);
	capture_free(c);
	unwind_free(u);
}

#define COPY 2048

/* This frame's registers and the COPY bytes above its stack pointer, as
 * the BPF program copies them at a syscall: raw memory, the sanitizer's
 * poisoned red zones between frames included, so not through it. */
static __attribute__((noinline, noclone, no_sanitize_address)) void
take_stack(struct lt_stack *r, uint8_t *bytes)
{
	const volatile uint8_t *from;

	__asm__ volatile("leaq 0(%%rip), %%rax\n\t"
			 "movq %%rax, 0(%0)\n\t"
			 "movq %%rsp, 8(%0)\n\t"
			 "movq %%rbp, 16(%0)\n\t"
			 "movq %%rbx, 24(%0)\n\t"
			 "movq %%r12, 32(%0)\n\t"
			 "movq %%r13, 40(%0)\n\t"
			 "movq %%r14, 48(%0)\n\t"
			 "movq %%r15, 56(%0)"
			 : : "r"(r) : "rax", "memory");
	from = (const volatile uint8_t *)(uintptr_t)r->sp;
	for (size_t i = 0; i < COPY; i++)
		bytes[i] = from[i];
}

static __attribute__((noinline, noclone)) struct capture *unwound_here(void)
{
	struct lt_stack regs;
	static uint8_t bytes[COPY];

	take_stack(&regs, bytes);
	return record_stack_capture(NULL, 0, &regs, bytes, COPY);
}

static void test_own_stack(void **state)
{
	struct unwind *u = unwind_new(UNWIND_SYMBOLS, 0);
	struct capture *c = unwound_here();
	char self[4096];
	const char *lines;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	size_t len;
	char want[4200];

	(void)state;
	assert_true(n > 0);
	self[n] = '\0';
	unwind_capture(u, (uint32_t)getpid(), (uint32_t)getpid(), &c, 0);
	lines = unwind_lines(c, 0, &len);
	assert_non_null(lines);
	/* innermost first: the frame the registers were taken in, then its
	 * callers, each " > object(function+0xoff) [0xaddr]" */
	snprintf(want, sizeof(want), " > %s(take_stack+0x", self);
	assert_memory_equal(lines, want, strlen(want));
	snprintf(want, sizeof(want), "\n > %s(unwound_here+0x", self);
	assert_non_null(strstr(lines, want));
	snprintf(want, sizeof(want), "\n > %s(test_own_stack+0x", self);
	assert_non_null(strstr(lines, want));
	capture_free(c);
	unwind_free(u);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_splice),
	cmocka_unit_test(test_from),
	cmocka_unit_test(test_own_stack),
};

UNIT_MAIN("unwind", tests)
