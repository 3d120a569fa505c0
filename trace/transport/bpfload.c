/* bpfload: the BPF program opened, configured from lotrace's options
 * (its rodata), loaded, verified and attached where a small -e trace= set
 * lets it run only on its syscalls' own tracepoints. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpf/records.h"
#include "decode/capture.h"
#include "decode/ioctl.h"
#include "transport/bpfplain.h"
#include "transport/bpfrec.h"
#include "transport/corebtf.h"
#include "fd/fdtrack.h"
#include "transport/record.h"
#include "bpf/config.h"
#include "syscalls.skel.h"
#include "syscalls/systab.h"
#include "syscalls/table.h"
#include "transport/transport.h"
#include "transport/bpfstate.h"

/* The calls whose return in a new child -c does not count (fork_nr). */
static const char *const fork_calls[4] = { "clone", "clone3", "fork", "vfork" };

/* Quick calls that send a signal: a signal the target ignores goes into
 * the stream at once, after the call's entry, so theirs is recorded. */
static const char *const signal_calls[3] = { "kill", "tkill", "tgkill" };

/* The quick calls recorded at their exit alone: all of them, unless an
 * entry needs its own time (-T, -r, -c, --json, --export-chrome) or -c's
 * CPU time; less the signal senders. */
static void lazy_set(const struct transport_config *cfg, const struct sysset *quick,
		     struct sysset *lazy)
{
	sysset_clear(lazy);
	if (cfg->durations || cfg->cpu_time)
		return;
	*lazy = *quick;
	for (int i = 0; i < 3; i++) {
		int nr = systab_lookup(signal_calls[i]);

		if (nr >= 0)
			sysset_del(lazy, nr);
	}
}

/* libbpf's messages (the verifier's log), with LOTRACE_DEBUG_BPF set. */
static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	return vfprintf(stderr, fmt, ap);
}

static bool per_syscall_set(struct formats *f, const struct transport_config *cfg,
			    struct sysset *set)
{
	int n = sysset_count(cfg->trace);

	sysset_clear(set);
	if (cfg->system_wide || n == 0 || n > TRANSPORT_PER_SYSCALL_MAX)
		return false;
	for (int nr = 0; nr < LT_MAX_NR; nr++) {
		if (!sysset_has(cfg->trace, nr))
			continue;
		if (!formats_syscall_event(f, nr))
			return false;
		sysset_add(set, nr);
	}
	return true;
}

/* What the argument of the ioctl requests older than _IOC points to. */
/* n entries into a map in one call: one a call took 3-5 us each, 1-2 ms
 * of start-up for the 335 entries a full trace fills. */
static int fill_map(struct bpf_map *map, const void *keys, const void *values, uint32_t n,
		    const char *what, char *err, size_t errlen)
{
	LIBBPF_OPTS(bpf_map_batch_opts, opts, .elem_flags = BPF_ANY);
	uint32_t count = n;

	if (n && bpf_map_update_batch(bpf_map__fd(map), keys, values, &count, &opts)) {
		snprintf(err, errlen, "cannot fill %s: %s", what, strerror(errno));
		return -errno;
	}
	return 0;
}

static int fill_ioctl_args(struct bpf_transport *b, char *err, size_t errlen)
{
	const struct lt_ioctl_arg *args;
	size_t n = ioctl_old_args(&args);
	uint32_t codes[LT_IOCTL_ARGS];

	if (n > LT_IOCTL_ARGS)
		n = LT_IOCTL_ARGS;
	for (size_t i = 0; i < n; i++)
		codes[i] = args[i].code;
	return fill_map(b->skel->maps.ioctl_args, codes, args, (uint32_t)n,
			"the ioctl argument sizes", err, errlen);
}

/* The syscall set's words, keyed 0, 1, ... */
static int fill_sysset(struct bpf_map *map, const struct sysset *set, const char *what, char *err,
		       size_t errlen)
{
	uint32_t keys[LT_SYSSET_WORDS];

	for (uint32_t w = 0; w < LT_SYSSET_WORDS; w++)
		keys[w] = w;
	return fill_map(map, keys, set->bits, LT_SYSSET_WORDS, what, err, errlen);
}

/* Calls never deferred though they copy at exit alone: those that make,
 * replace or end a task, or restore its registers, whose records must
 * keep their places around the task's own. */
static const char *const never_deferred[] = {
	"clone", "clone3", "fork", "vfork", "execve", "execveat", "exit", "exit_group",
	"rt_sigreturn",
};

/* The capture plans of the traced calls, made before the load (the
 * deferred set decides what loads) and written into the map after it. */
struct plans_made {
	struct lt_plan *plans;
	uint32_t *keys;
	uint32_t n;
	struct sysset quick;	/* nothing to copy, never sleep */
	struct sysset deferred;	/* copy at exit alone, as the lazy quick calls */
};

static void plans_free(struct plans_made *m)
{
	free(m->plans);
	free(m->keys);
	m->plans = NULL;
	m->keys = NULL;
}

/* Deferral takes the same conditions as the lazy quick calls: no entry
 * needs a time of its own (durations, -c's CPU time), and no -k stack. */
static bool defer_allowed(const struct transport_config *cfg)
{
	return !cfg->durations && !cfg->cpu_time && !cfg->stack && !cfg->count_only;
}

/* A call whose one copy is a plain buffer at entry (write's), made in
 * the ring directly (lt_plan.direct): deferred too, its buffer copied at
 * its exit when it did not sleep, else when the task leaves the CPU. The
 * buffer is the process's until the call returns. */
static bool direct_in(const struct transport_config *cfg, const struct lt_plan *plan)
{
	return plan->direct && plan->kind[plan->direct - 1] == LT_CAP_BUF_IN &&
	       cfg->strsize <= LT_DIRECT_BYTES;
}

static int make_plans(const struct transport_config *cfg, struct plans_made *m, char *err,
		      size_t errlen)
{
	m->plans = calloc(LT_MAX_NR, sizeof(*m->plans));
	m->keys = calloc(LT_MAX_NR, sizeof(*m->keys));
	m->n = 0;
	sysset_clear(&m->quick);
	sysset_clear(&m->deferred);
	if (!m->plans || !m->keys) {
		plans_free(m);
		snprintf(err, errlen, "cannot fill the capture plans: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	for (uint32_t nr = 0; nr < LT_MAX_NR; nr++) {
		struct lt_plan *plan = &m->plans[m->n];
		bool any;

		if (!sysset_has(cfg->trace, (int)nr))
			continue;
		memset(plan, 0, sizeof(*plan));
		/* -e raw=: printed undecoded, so nothing to copy */
		any = !(cfg->raw && sysset_has(cfg->raw, (int)nr)) && capture_plan((int)nr, plan);
		if (cfg->fd_inodes)
			any |= fdtrack_plan((int)nr, plan);
		if (!any) {
			/* never sleeps, nothing to copy: entry and exit in one
			 * record; -k's stack goes with the entry record */
			if (table_get((int)nr)->quick && !cfg->stack)
				sysset_add(&m->quick, (int)nr);
			continue;
		}
		lt_plan_sides(plan);
		if (defer_allowed(cfg) && ((plan->at_exit && !plan->at_entry) || direct_in(cfg, plan)))
			sysset_add(&m->deferred, (int)nr);
		m->keys[m->n++] = nr;
	}
	for (size_t i = 0; i < sizeof(never_deferred) / sizeof(*never_deferred); i++) {
		int nr = systab_lookup(never_deferred[i]);

		if (nr >= 0)
			sysset_del(&m->deferred, nr);
	}
	return 0;
}

/* Inside a pid namespace, lotrace knows its tasks by the pids it sees
 * there: the program translates into that namespace. The initial one has
 * a fixed inode (PROC_PID_INIT_INO), and there the kernel's pids are them. */
#define PID_NS_INIT_INO 0xEFFFFFFCu

static void set_pidns(struct bpf_transport *b)
{
	struct stat st;

	if (stat("/proc/self/ns/pid", &st) || st.st_ino == PID_NS_INIT_INO)
		return;
	b->skel->rodata->lt_cfg.pidns = 1;
	b->skel->rodata->lt_cfg.pidns_dev = st.st_dev;
	b->skel->rodata->lt_cfg.pidns_ino = st.st_ino;
}

/* The switches of the program's configuration that follow from the
 * options alone (the rest, set in bpfstate_load, from the kernel and the
 * syscall tables). */
static void set_switches(struct lt_rodata_config *c, const struct transport_config *cfg)
{
	c->system_wide = cfg->system_wide;
	c->want_ip = cfg->ip;
	c->want_cpu = cfg->cpu_time;
	c->capture = !cfg->count_only;
	c->count_only = cfg->count_only;
	c->stack_on = cfg->stack && !cfg->count_only;
	c->hist_on = cfg->hist && cfg->count_only;
	c->late_entries = !cfg->from_exec && !cfg->system_wide;
	c->durations = cfg->durations;
	c->untimed = !cfg->call_times;
}

/* Whether switches c are those the plain build has as constants. */
static bool plain_switches(const struct lt_rodata_config *c)
{
#define SAME(field, value) && c->field == (value)
	return true LT_PLAIN_SWITCHES(SAME);
#undef SAME
}

/* Whether the plain build of the program serves these options: the
 * switches they give are its constants. LOTRACE_BPF_BUILD=generic loads
 * the generic build anyway, to compare the two on one machine. */
static bool plain_fits(const struct transport_config *cfg)
{
	const char *want = getenv("LOTRACE_BPF_BUILD");
	struct lt_rodata_config c;

	if (want && !strcmp(want, "generic"))
		return false;
	memset(&c, 0, sizeof(c));
	set_switches(&c, cfg);
	return plain_switches(&c);
}

/* The program's skeleton, opened as lotrace_bpf__open_opts does, on the
 * plain build's object where plain (the skeletons of the two builds are the
 * same but for it: bpf/same-skeleton.sh checked at build time). */
static struct lotrace_bpf *open_skel(bool plain, const struct bpf_object_open_opts *opts)
{
	struct lotrace_bpf *s;
	int err;

	if (!plain)
		return lotrace_bpf__open_opts(opts);
	s = calloc(1, sizeof(*s));
	if (!s) {
		errno = ENOMEM;
		return NULL;
	}
	err = lotrace_bpf__create_skeleton(s);
	if (!err) {
		s->skeleton->data = (void *)bpfplain_object(&s->skeleton->data_sz);
		err = bpf_object__open_skeleton(s->skeleton, opts);
	}
	if (err) {
		lotrace_bpf__destroy(s);
		errno = -err;
		return NULL;
	}
	return s;
}

/* Which of the programs one object loads: all that the run uses, or a
 * part of them when they load in parallel (struct split_load). */
enum load_part {
	PART_ALL,
	PART_MAPS,	/* none: the maps, which the parts share */
	PART_ENTER,	/* the entry side, the task, signal and USDT programs */
	PART_EXIT,	/* the exit side */
};

/* Sets which of s's programs load, for part, as bpfstate_load chose. */
static void choose_programs(struct lotrace_bpf *s, const struct bpf_transport *b,
			    const struct transport_config *cfg, enum load_part part)
{
	bool rest = part == PART_ALL || part == PART_ENTER, per = b->use_per_syscall;
	bool sys = !b->no_syscalls;
	bool enter = sys && ((part == PART_ALL && !b->one_prog) || part == PART_ENTER);
	bool exit = sys && ((part == PART_ALL && !b->one_prog) || part == PART_EXIT);
	bool one = sys && part == PART_ALL && b->one_prog;
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, s->obj) {
		bpf_program__set_autoload(prog, rest);
		if (getenv("LOTRACE_DEBUG_BPF")) {
			int level = atoi(getenv("LOTRACE_DEBUG_BPF"));

			/* the verifier's statistics for every program (4),
			 * or the level asked for: 1 and 2 add its log */
			bpf_program__set_log_level(prog, level > 0 ? level : 4);
		}
	}
	/* attached by hand, one uprobe per probe, in bpf_usdt_attach */
	bpf_program__set_autoattach(s->progs.lt_usdt, false);
	/* verified only when there are probes to put it on, and its maps
	 * made only then: the task storage of its scratch took 0.25 ms */
	bpf_program__set_autoload(s->progs.lt_usdt, rest && cfg->usdt);
	bpf_map__set_autocreate(s->maps.usdt_specs, cfg->usdt);
	bpf_map__set_autocreate(s->maps.usdt_scratch, cfg->usdt);
	/* on every context switch: only where a call can be deferred. On
	 * the exit side, the other programs on the entry side's: verifying
	 * lt_sys_exit alone takes about as long as lt_sys_enter with the
	 * task and signal programs (lt_signal_generate there too saved 3 ms
	 * of start-up, 51.0 -> 48.1 ms alternated on a slow host) */
	bpf_program__set_autoload(s->progs.lt_switch,
				  b->defer && (part == PART_ALL || part == PART_EXIT));
	/* one of the ways to the syscalls is loaded (and verified), the
	 * others not: the raw or the per-syscall tracepoints */
	bpf_program__set_autoload(s->progs.lt_sys, !per && one);
	bpf_program__set_autoload(s->progs.lt_sys_enter, !per && enter);
	bpf_program__set_autoload(s->progs.lt_sys_exit, !per && exit);
	bpf_program__set_autoload(s->progs.lt_tp, per && one);
	bpf_program__set_autoload(s->progs.lt_tp_enter, per && enter);
	bpf_program__set_autoload(s->progs.lt_tp_exit, per && exit);
	/* these are attached by hand, in bpf_enable */
	bpf_program__set_autoattach(s->progs.lt_sys, false);
	bpf_program__set_autoattach(s->progs.lt_tp, false);
	bpf_program__set_autoattach(s->progs.lt_tp_enter, false);
	bpf_program__set_autoattach(s->progs.lt_tp_exit, false);
}

struct split_load;

/* One part of a split load: its own object, on the maps of b->skel. */
struct part_load {
	const struct bpf_transport *b;
	const struct transport_config *cfg;
	const struct bpf_object_open_opts *opts;
	enum load_part part;
	struct split_load *split;
	struct lotrace_bpf *skel;
	int ret;
};

/* The pair of syscall programs, each in its own object, verified on two
 * CPUs at the same time, after b->skel made the maps: the verifier takes
 * most of lotrace's start-up, and of it the syscall programs most. The
 * exit side's thread starts with the load: a new thread took up to 3 ms
 * to get the other CPU here, and opening its object takes half of one. */
struct split_load {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int maps_made;	/* 1 when b->skel made them, -1 when it could not */
	bool threaded;
	pthread_t exit_side;
	struct part_load parts[2];	/* entry, exit */
};

static void *load_part(void *arg)
{
	struct part_load *p = arg;
	struct split_load *s = p->split;
	struct bpf_map *map, *from = NULL;

	p->skel = open_skel(p->b->plain, p->opts);
	if (!p->skel) {
		p->ret = -errno;
		return NULL;
	}
	pthread_mutex_lock(&s->lock);
	while (!s->maps_made)
		pthread_cond_wait(&s->cond, &s->lock);
	pthread_mutex_unlock(&s->lock);
	if (s->maps_made < 0)
		return NULL;
	/* the same object file: its maps come in the same order */
	choose_programs(p->skel, p->b, p->cfg, p->part);
	bpf_object__for_each_map(map, p->skel->obj) {
		from = bpf_object__next_map(p->b->skel->obj, from);
		if (from && !bpf_map__autocreate(map))
			continue;	/* choose_programs left it out: none uses it */
		p->ret = from ? bpf_map__reuse_fd(map, bpf_map__fd(from)) : -EINVAL;
		if (p->ret)
			return NULL;
	}
	p->ret = lotrace_bpf__load(p->skel);
	return NULL;
}

static void split_start(struct split_load *s, struct bpf_transport *b,
			const struct transport_config *cfg, const struct bpf_object_open_opts *opts)
{
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	s->maps_made = 0;
	for (int i = 0; i < 2; i++)
		s->parts[i] = (struct part_load){ b, cfg, opts, i ? PART_EXIT : PART_ENTER, s,
						  NULL, 0 };
	s->threaded = !pthread_create(&s->exit_side, NULL, load_part, &s->parts[1]);
}

/* b->skel made the maps (made 1) or could not (-1): the sides load on
 * them, or give up. 0, or the first side's -errno. */
static int split_finish(struct split_load *s, struct bpf_transport *b, int made)
{
	pthread_mutex_lock(&s->lock);
	s->maps_made = made;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	if (!s->threaded)
		load_part(&s->parts[1]);
	if (made > 0)
		load_part(&s->parts[0]);
	if (s->threaded)
		pthread_join(s->exit_side, NULL);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
	b->sides[0] = s->parts[0].skel;
	b->sides[1] = s->parts[1].skel;
	return s->parts[0].ret ? s->parts[0].ret : s->parts[1].ret;
}

/* How the syscall programs load: with two CPUs or more, as a pair
 * verified at once (struct split_load), where the build's kernel types
 * serve (corebtf.c): else each of the three objects would parse the
 * kernel's whole BTF for its CO-RE relocations. LOTRACE_BPF_LOAD=split,
 * one or pair chooses, to test each way on one machine. */
static const char *load_way(void)
{
	const char *want = getenv("LOTRACE_BPF_LOAD");

	return want && *want ? want : NULL;
}

static bool want_split(bool core_btf)
{
	const char *want = load_way();

	return want ? !strcmp(want, "split") : core_btf && sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

/* Unsplit: one program on both sides, told apart by the cookie of its
 * attachment, where the kernel has them: the code the sides share is
 * then verified once (15.8 -> 13.5 ms). -c alone takes the pair anyway:
 * its programs are small to verify, and each event then saves the
 * cookie's helper call (-c's added cost per getppid 354 -> 322 ns
 * here). */
static void choose_one(struct bpf_transport *b, const struct transport_config *cfg)
{
	const char *want = load_way();

	b->one_prog = !b->split && !b->no_syscalls && !(want && !strcmp(want, "pair")) &&
		      (!cfg->count_only || want) &&
		      libbpf_probe_bpf_helper(b->use_per_syscall ? BPF_PROG_TYPE_TRACEPOINT :
								  BPF_PROG_TYPE_RAW_TRACEPOINT,
					      BPF_FUNC_get_attach_cookie, NULL) == 1;
}

/* Words of maybe_traced and active_tids: a bit for every tid below the
 * kernel's pid_max (its highest possible, PID_MAX_LIMIT, where it cannot
 * be read: 512 KiB of kernel memory each); one word system-wide, where no
 * task is asked. */
static uint32_t tid_words(const struct transport_config *cfg)
{
	unsigned long pid_max = 4UL << 20;
	FILE *f;

	if (cfg->system_wide)
		return 1;
	f = fopen("/proc/sys/kernel/pid_max", "re");
	if (f) {
		if (fscanf(f, "%lu", &pid_max) != 1 || !pid_max || pid_max > (4UL << 20))
			pid_max = 4UL << 20;
		fclose(f);
	}
	return (uint32_t)((pid_max + 63) / 64);
}

/* The bytes mapped of maybe_traced's words, whole pages. */
static size_t tid_bits_len(size_t words)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (words * sizeof(uint64_t) + page - 1) / page * page;
}

/* lotrace sets the bits of the tasks it attaches in place, with atomic
 * ORs as the programs set theirs: a write of the word through the map
 * could undo a bit lt_fork set meanwhile. */
static int map_tid_bits(struct bpf_transport *b)
{
	const struct bpf_map *map = b->skel->maps.maybe_traced;
	size_t words = bpf_map__max_entries(map);
	void *bits = mmap(NULL, tid_bits_len(words), PROT_READ | PROT_WRITE, MAP_SHARED,
			  bpf_map__fd(map), 0);

	if (bits == MAP_FAILED)
		return -errno;
	b->tid_bits = bits;
	b->ntid_words = words;
	return 0;
}

void bpfstate_mark_traced(struct bpf_transport *b, pid_t tid)
{
	size_t word = (size_t)tid / 64;

	/* a tid beyond the map counts as maybe traced */
	if (tid > 0 && word < b->ntid_words)
		__atomic_fetch_or(&b->tid_bits[word], 1ULL << (tid % 64), __ATOMIC_SEQ_CST);
}

void bpfstate_unmap(struct bpf_transport *b)
{
	if (b->tid_bits)
		munmap(b->tid_bits, tid_bits_len(b->ntid_words));
	b->tid_bits = NULL;
	b->ntid_words = 0;
}

int bpfstate_load(struct bpf_transport *b, struct formats *f, const struct transport_config *cfg,
		char *err, size_t errlen)
{
	size_t bytes = bpfrec_ring_bytes(cfg->buffer_size, b->base.ncpus);
	struct plans_made made;
	struct sysset lazy;
	struct split_load split;
	uint32_t words;
	int ret, err_side;

	char btf_path[64];
	int btf_fd = corebtf_open(btf_path, sizeof(btf_path));
	LIBBPF_OPTS(bpf_object_open_opts, open_opts, .btf_custom_path = btf_fd >= 0 ? btf_path : NULL);

	/* else none: lotrace says itself, in one line, why the program could
	 * not load. (libbpf calls its printer some 9000 times in a load, with
	 * its debug messages: asking the environment each time took 9% of
	 * start-up's instructions.) */
	libbpf_set_print(getenv("LOTRACE_DEBUG_BPF") ? libbpf_print : NULL);
	/* -e trace=none: the raw tracepoints' program would run on every
	 * syscall of every task to find none wanted (+220 ns a getppid) */
	b->no_syscalls = sysset_count(cfg->trace) == 0;
	b->split = want_split(btf_fd >= 0) && !b->no_syscalls;
	/* before the exit side's thread opens its object */
	b->plain = plain_fits(cfg);
	if (getenv("LOTRACE_DEBUG_BPF"))
		fprintf(stderr, "lotrace: the %s build of the BPF program\n",
			b->plain ? "plain" : "generic");
	if (b->split)
		split_start(&split, b, cfg, &open_opts);
	/* while the exit side's thread starts: the deferred set decides what
	 * loads (the sides read b->defer once the maps are made) */
	ret = make_plans(cfg, &made, err, errlen);
	if (ret) {
		if (b->split)
			split_finish(&split, b, -1);
		if (btf_fd >= 0)
			close(btf_fd);
		return ret;
	}
	b->defer = sysset_count(&made.deferred) > 0;
	b->skel = open_skel(b->plain, &open_opts);
	if (!b->skel) {
		ret = -errno;
		if (b->split)
			split_finish(&split, b, -1);
		if (btf_fd >= 0)
			close(btf_fd);
		plans_free(&made);
		snprintf(err, errlen, "cannot open the BPF program: %s", strerror(-ret));
		return ret;
	}
	set_switches(&b->skel->rodata->lt_cfg, cfg);
	b->skel->rodata->lt_cfg.self_tgid = (uint32_t)cfg->self;
	b->skel->rodata->lt_cfg.follow = cfg->follow;
	b->skel->rodata->lt_cfg.enter_type = (uint16_t)b->enter.id;
	b->skel->rodata->lt_cfg.exit_type = (uint16_t)b->exit.id;
	b->skel->rodata->lt_cfg.wakeup_bytes = bytes / 4;
	b->skel->rodata->lt_cfg.strsize = cfg->strsize < LT_STR_MAX ? cfg->strsize : LT_STR_MAX;
	b->skel->rodata->lt_cfg.defer_on = b->defer;
	b->skel->rodata->lt_cfg.overhead_ns = cfg->overhead_ns;
	for (int i = 0; i < 4; i++)
		b->skel->rodata->lt_cfg.fork_nr[i] = systab_lookup(fork_calls[i]);
	b->skel->rodata->lt_cfg.sigreturn_nr = systab_lookup("rt_sigreturn");
	set_pidns(b);
	bpf_map__set_max_entries(b->skel->maps.events, (uint32_t)bytes);
	/* --hist: one bucket array per syscall number; else one unused */
	bpf_map__set_max_entries(b->skel->maps.hist,
				 cfg->hist && cfg->count_only ? (uint32_t)systab_size() : 1);
	/* -c alone sums in the kernel; else one unused (a per-CPU entry per
	 * syscall number took 1 ms of start-up to allocate) */
	bpf_map__set_max_entries(b->skel->maps.counts, cfg->count_only ? LT_MAX_NR : 1);
	bpf_map__set_max_entries(b->skel->maps.count_notes, cfg->count_only ? LT_COUNT_NOTES : 1);
	words = tid_words(cfg);
	bpf_map__set_max_entries(b->skel->maps.maybe_traced, words);
	bpf_map__set_max_entries(b->skel->maps.active_tids, words);
	b->formats = f;
	b->use_per_syscall = per_syscall_set(f, cfg, &b->per_syscall);
	choose_one(b, cfg);
	if (b->split) {
		choose_programs(b->skel, b, cfg, PART_MAPS);
		ret = lotrace_bpf__load(b->skel);
		err_side = split_finish(&split, b, ret ? -1 : 1);
		ret = ret ? ret : err_side;
	} else {
		choose_programs(b->skel, b, cfg, PART_ALL);
		ret = lotrace_bpf__load(b->skel);
		b->sides[0] = b->skel;
	}
	if (btf_fd >= 0)
		close(btf_fd);
	if (ret) {
		plans_free(&made);
		snprintf(err, errlen, "cannot load the BPF program: %s", strerror(-ret));
		return ret;
	}
	ret = fill_sysset(b->skel->maps.sysset, cfg->trace, "the syscall set", err, errlen);
	if (!ret)
		ret = fill_map(b->skel->maps.plans, made.keys, made.plans, made.n,
			       "the capture plans", err, errlen);
	plans_free(&made);
	if (!ret)
		ret = fill_ioctl_args(b, err, errlen);
	if (!ret)
		ret = fill_sysset(b->skel->maps.quick, &made.quick, "the quick syscall set", err,
				  errlen);
	if (!ret) {
		lazy_set(cfg, &made.quick, &lazy);
		ret = fill_sysset(b->skel->maps.lazy, &lazy, "the lazy syscall set", err, errlen);
	}
	if (!ret && b->defer)
		ret = fill_sysset(b->skel->maps.deferred, &made.deferred, "the deferred syscall set",
				  err, errlen);
	if (!ret && (ret = map_tid_bits(b)))
		snprintf(err, errlen, "cannot map the BPF program's task bits: %s", strerror(-ret));
	if (ret)
		return ret;
	ret = bpfring_map(&b->ring, bpf_map__fd(b->skel->maps.events),
			  bpf_map__max_entries(b->skel->maps.events));
	if (ret)
		snprintf(err, errlen, "cannot map the BPF ring buffer: %s", strerror(-ret));
	return ret;
}

