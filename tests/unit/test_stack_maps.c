/* stack/maps: the per-process mappings table behind -k (mmap replacing
 * what it overlaps, munmap splitting, exec, fork, /proc/PID/maps text),
 * and which changes make the unwinder report its modules again. */
#include "unit.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "stack/maps.h"

#define RX (PROT_READ | PROT_EXEC)

struct fixture {
	struct stack_maps t;
	struct stack_proc *p;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || stack_maps_init(&f->t, free))
		return -1;
	f->p = stack_maps_proc(&f->t, 100);
	*state = f;
	return f->p ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	stack_maps_free(&f->t);
	free(f);
	return 0;
}

static void assert_map(const struct stack_proc *p, size_t i, uint64_t start, uint64_t end,
		       uint64_t pgoff, const char *path)
{
	assert_true(i < p->n);
	assert_int_equal(p->map[i].start, start);
	assert_int_equal(p->map[i].end, end);
	if (path) {
		assert_string_equal(p->map[i].path, path);
		assert_int_equal(p->map[i].pgoff, pgoff);
	} else {
		assert_null(p->map[i].path);
	}
}

static void test_mmap_sorted(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(stack_maps_mmap(f->p, 0x5000, 0x1000, 0, RX, "/b", NULL, 0), 0);
	assert_int_equal(stack_maps_mmap(f->p, 0x1000, 0x2000, 0x3000, RX, "/a", NULL, 0), 0);
	assert_int_equal(stack_maps_mmap(f->p, 0x9000, 0x1000, 0, PROT_READ, NULL, NULL, 0), 0);
	assert_int_equal(f->p->n, 3);
	assert_map(f->p, 0, 0x1000, 0x3000, 0x3000, "/a");
	assert_map(f->p, 1, 0x5000, 0x6000, 0, "/b");
	assert_map(f->p, 2, 0x9000, 0xa000, 0, NULL);
	assert_string_equal(stack_maps_lookup(f->p, 0x2fff)->path, "/a");
	assert_string_equal(stack_maps_lookup(f->p, 0x5000)->path, "/b");
	assert_null(stack_maps_lookup(f->p, 0x3000));
	assert_null(stack_maps_lookup(f->p, 0xfff));
	assert_null(stack_maps_lookup(f->p, 0xa000));
	assert_int_equal(stack_maps_mmap(f->p, 0x1000, 0, 0, RX, "/x", NULL, 0), -EINVAL);
}

/* MAP_FIXED over the middle of a file mapping leaves its two ends, the
 * upper one at its own file offset. */
static void test_mmap_over_middle(void **state)
{
	struct fixture *f = *state;

	stack_maps_mmap(f->p, 0x10000, 0x5000, 0x1000, RX, "/lib", NULL, 0);
	assert_int_equal(stack_maps_mmap(f->p, 0x11000, 0x2000, 0, PROT_READ, NULL, NULL, 0), 0);
	assert_int_equal(f->p->n, 3);
	assert_map(f->p, 0, 0x10000, 0x11000, 0x1000, "/lib");
	assert_map(f->p, 1, 0x11000, 0x13000, 0, NULL);
	assert_map(f->p, 2, 0x13000, 0x15000, 0x4000, "/lib");
}

static void test_mmap_over_several(void **state)
{
	struct fixture *f = *state;

	stack_maps_mmap(f->p, 0x1000, 0x1000, 0, RX, "/a", NULL, 0);
	stack_maps_mmap(f->p, 0x2000, 0x1000, 0, RX, "/b", NULL, 0);
	stack_maps_mmap(f->p, 0x3000, 0x2000, 0, RX, "/c", NULL, 0);
	assert_int_equal(stack_maps_mmap(f->p, 0x1800, 0x2000, 0x7000, RX, "/d", NULL, 0), 0);
	assert_int_equal(f->p->n, 3);
	assert_map(f->p, 0, 0x1000, 0x1800, 0, "/a");
	assert_map(f->p, 1, 0x1800, 0x3800, 0x7000, "/d");
	assert_map(f->p, 2, 0x3800, 0x5000, 0x800, "/c");
}

static void test_munmap(void **state)
{
	struct fixture *f = *state;

	stack_maps_mmap(f->p, 0x1000, 0x4000, 0, RX, "/a", NULL, 0);
	stack_maps_mmap(f->p, 0x8000, 0x1000, 0, RX, "/b", NULL, 0);
	assert_int_equal(stack_maps_munmap(f->p, 0x2000, 0x1000), 0);
	assert_int_equal(f->p->n, 3);
	assert_map(f->p, 0, 0x1000, 0x2000, 0, "/a");
	assert_map(f->p, 1, 0x3000, 0x5000, 0x2000, "/a");
	/* the tail of one and all of the next */
	assert_int_equal(stack_maps_munmap(f->p, 0x4000, 0x6000), 0);
	assert_int_equal(f->p->n, 2);
	assert_map(f->p, 1, 0x3000, 0x4000, 0x2000, "/a");
	/* nothing there */
	assert_int_equal(stack_maps_munmap(f->p, 0x20000, 0x1000), 0);
	assert_int_equal(f->p->n, 2);
	assert_int_equal(stack_maps_munmap(f->p, 0x1000, 0), -EINVAL);
}

/* Only file mappings matter to the unwinder's modules: malloc's anonymous
 * mmaps and munmaps must not make it report them again. */
static void test_generation(void **state)
{
	struct fixture *f = *state;
	uint64_t gen;

	stack_maps_mmap(f->p, 0x1000, 0x1000, 0, RX, "/a", NULL, 0);
	gen = f->p->gen;
	stack_maps_mmap(f->p, 0x10000, 0x4000, 0, PROT_READ | PROT_WRITE, NULL, NULL, 0);
	stack_maps_munmap(f->p, 0x10000, 0x1000);
	assert_int_equal(f->p->gen, gen);
	stack_maps_munmap(f->p, 0x1000, 0x1000);
	assert_true(f->p->gen > gen);
	gen = f->p->gen;
	stack_maps_mmap(f->p, 0x1000, 0x1000, 0, RX, "/a", NULL, 0);
	assert_true(f->p->gen > gen);
}

static void test_build_id(void **state)
{
	struct fixture *f = *state;
	const uint8_t id[20] = { 0xde, 0xad, 0xbe, 0xef };

	assert_int_equal(stack_maps_mmap(f->p, 0x1000, 0x1000, 0, RX, "/a", id, 20), 0);
	assert_int_equal(f->p->map[0].build_id_len, 20);
	assert_memory_equal(f->p->map[0].build_id, id, 20);
	assert_int_equal(stack_maps_mmap(f->p, 0x1000, 0x1000, 0, RX, "/a", id, 21), -EINVAL);
}

static void test_exec_fork_drop(void **state)
{
	struct fixture *f = *state;
	struct stack_proc *c;

	stack_maps_mmap(f->p, 0x1000, 0x1000, 0x2000, RX, "/a", NULL, 0);
	f->p->priv = malloc(8);	/* the unwinder's: freed with the process */
	assert_int_equal(stack_maps_fork(&f->t, 100, 200), 0);
	c = stack_maps_find(&f->t, 200);
	assert_non_null(c);
	assert_int_equal(c->n, 1);
	assert_map(c, 0, 0x1000, 0x2000, 0x2000, "/a");
	assert_ptr_not_equal(c->map[0].path, f->p->map[0].path);
	assert_null(c->priv);
	stack_maps_clear(c);
	assert_int_equal(c->n, 0);
	assert_int_equal(f->p->n, 1);
	/* a parent never seen: the child starts empty */
	assert_int_equal(stack_maps_fork(&f->t, 999, 300), 0);
	assert_int_equal(stack_maps_find(&f->t, 300)->n, 0);
	stack_maps_drop(&f->t, 100);
	assert_null(stack_maps_find(&f->t, 100));
	stack_maps_drop(&f->t, 12345);
}

static void test_parse(void **state)
{
	struct fixture *f = *state;
	const char *text =
		"55d0c8a00000-55d0c8a01000 r--p 00000000 fe:01 123 /usr/bin/prog\n"
		"55d0c8a01000-55d0c8a02000 r-xp 00001000 fe:01 123 /usr/bin/prog\n"
		"55d0ca000000-55d0ca021000 rw-p 00000000 00:00 0      [heap]\n"
		"7f0000000000-7f0000001000 r-xp 00002000 fe:01 456 /opt/my lib.so (deleted)\n"
		"7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0      [stack]\n"
		"7ffd00100000-7ffd00102000 r-xp 00000000 00:00 0      [vdso]\n"
		"7ffd00200000-7ffd00201000 rw-p 00000000 00:00 0\n";

	stack_maps_mmap(f->p, 0x1000, 0x1000, 0, RX, "/old", NULL, 0);
	assert_int_equal(stack_maps_parse(f->p, text), 0);
	assert_int_equal(f->p->n, 7);
	assert_map(f->p, 0, 0x55d0c8a00000, 0x55d0c8a01000, 0, "/usr/bin/prog");
	assert_int_equal(f->p->map[0].prot, PROT_READ);
	assert_map(f->p, 1, 0x55d0c8a01000, 0x55d0c8a02000, 0x1000, "/usr/bin/prog");
	assert_int_equal(f->p->map[1].prot, RX);
	assert_map(f->p, 2, 0x55d0ca000000, 0x55d0ca021000, 0, NULL);
	assert_map(f->p, 3, 0x7f0000000000, 0x7f0000001000, 0x2000, "/opt/my lib.so (deleted)");
	assert_map(f->p, 4, 0x7ffd00000000, 0x7ffd00021000, 0, NULL);
	assert_map(f->p, 5, 0x7ffd00100000, 0x7ffd00102000, 0, "[vdso]");
	assert_map(f->p, 6, 0x7ffd00200000, 0x7ffd00201000, 0, NULL);
	assert_int_equal(stack_maps_parse(f->p, "not a maps line\n"), -EINVAL);
}

/* The real thing: this test's own code is in a file mapping of its own
 * executable. */
static void test_seed_self(void **state)
{
	struct fixture *f = *state;
	struct stack_proc *self = stack_maps_proc(&f->t, (uint32_t)getpid());
	const struct stack_map *m;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	assert_true(n > 0);
	exe[n] = '\0';
	assert_int_equal(stack_maps_seed(self), 0);
	m = stack_maps_lookup(self, (uint64_t)(uintptr_t)&test_seed_self);
	assert_non_null(m);
	assert_string_equal(m->path, exe);
	assert_true(m->prot & PROT_EXEC);
	struct stack_proc *gone = stack_maps_proc(&f->t, 0x7ffffff0);

	assert_int_equal(stack_maps_seed(gone), -ESRCH);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_mmap_sorted, setup, teardown),
	cmocka_unit_test_setup_teardown(test_mmap_over_middle, setup, teardown),
	cmocka_unit_test_setup_teardown(test_mmap_over_several, setup, teardown),
	cmocka_unit_test_setup_teardown(test_munmap, setup, teardown),
	cmocka_unit_test_setup_teardown(test_generation, setup, teardown),
	cmocka_unit_test_setup_teardown(test_build_id, setup, teardown),
	cmocka_unit_test_setup_teardown(test_exec_fork_drop, setup, teardown),
	cmocka_unit_test_setup_teardown(test_parse, setup, teardown),
	cmocka_unit_test_setup_teardown(test_seed_self, setup, teardown),
};

UNIT_MAIN("stack_maps", tests)
