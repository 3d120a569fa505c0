/* Unit tests of trace/decode/render_*.c: the structs and arrays the BPF
 * program copies, printed as strace 6.1 prints them (its output for the
 * same bytes, from tests/integration/progs/decode_structs.c): statx,
 * statfs, getdents' entry count, fcntl's locks, open_how, uname, sysinfo,
 * getrandom's bytes, CPU and node masks, wait statuses, rusage, tms,
 * timers, SIGCHLD's times, the time a sleep has left, select's sets and
 * result, pselect6's sigmask, rt_sigreturn's mask, clone_args, execve's
 * environment count; and the plans the table gives the BPF program. */
#include <errno.h>
#include <fcntl.h>
#include <linux/mempolicy.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "decode/capture.h"
#include "decode/decode.h"
#include "decode/siginfo.h"
#include "pipeline/pair.h"
#include "syscalls/systab.h"
#include "syscalls/table.h"

/* Captures as the BPF program writes them: headers and padded bytes. */
struct blob {
	uint8_t data[2048];
	size_t len;
};

static void add(struct blob *b, int arg, uint8_t kind, const void *bytes, uint32_t len)
{
	struct lt_cap cap = { .arg = (uint8_t)arg, .kind = kind, .len = len };

	assert_true(b->len + sizeof(cap) + len <= sizeof(b->data));
	memcpy(b->data + b->len, &cap, sizeof(cap));
	if (len)
		memcpy(b->data + b->len + sizeof(cap), bytes, len);
	b->len += sizeof(cap) + ((len + 7) & ~7u);
}

/* A call of name with c's arguments and result and these captures, its
 * arguments decoded as the table says, then its captures. */
static void decode(struct dcall *d, struct call *c, const char *name, const struct blob *in,
		   const struct blob *out)
{
	const struct sc_info *row;
	struct capture *cin = in ? capture_from_record(in->data, in->len) : NULL;
	struct capture *cout = out ? capture_from_record(out->data, out->len) : NULL;

	c->nr = systab_lookup(name);
	assert_true(c->nr >= 0);
	row = table_get(c->nr);
	c->entered = true;
	c->cap_enter = cin;
	c->cap_exit = cout;
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->nargs = table_nargs(row);
	for (int i = 0; i < d->nargs; i++) {
		d->arg[i].name = row->arg[i].name;
		d->arg[i].value = c->args[i];
		d->arg[i].kind = DARG_PTR;
	}
	d->ret_kind = c->ret < 0 ? DRET_ERR : DRET_INT;
	d->ret = c->ret;
	if (row->fix)
		row->fix(d, c);
	capture_decode(c, d, 32);
	capture_free(cin);
	capture_free(cout);
	c->cap_enter = c->cap_exit = NULL;
}

/* argument i as text, "PTR" when it stayed a pointer */
static const char *text(const struct dcall *d, int i)
{
	return d->arg[i].kind == DARG_SYM ? d->arg[i].text : "PTR";
}

static void test_statx(void **state)
{
	struct statx st = { .stx_mask = STATX_BASIC_STATS | STATX_MNT_ID, .stx_size = 10,
			    .stx_mode = S_IFREG | 0640 };
	struct call c = { .returned = true, .args = { AT_FDCWD, 0x1000, 0, 0x7ff, 0x2000 } };
	struct blob out = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&out, 4, LT_CAP_MEM_OUT, &st, sizeof(st));
	decode(&d, &c, "statx", NULL, &out);
	assert_string_equal(text(&d, 4), "{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, "
			    "stx_attributes=0, stx_mode=S_IFREG|0640, stx_size=10, ...}");
	/* only what the mask says is there */
	st.stx_mask = STATX_NLINK;
	st.stx_attributes = STATX_ATTR_APPEND | STATX_ATTR_DAX;
	out.len = 0;
	add(&out, 4, LT_CAP_MEM_OUT, &st, sizeof(st));
	decode(&d, &c, "statx", NULL, &out);
	assert_string_equal(text(&d, 4), "{stx_mask=STATX_NLINK, "
			    "stx_attributes=STATX_ATTR_APPEND|STATX_ATTR_DAX, ...}");
	c.ret = -ENOENT;
	decode(&d, &c, "statx", NULL, &out);
	assert_string_equal(text(&d, 4), "PTR");
}

static void test_statfs(void **state)
{
	struct statfs st = { .f_type = 0xef53, .f_bsize = 4096, .f_blocks = 66053021,
			     .f_bfree = 61570922, .f_bavail = 20602198, .f_files = 16777216,
			     .f_ffree = 16316690, .f_namelen = 255, .f_frsize = 4096,
			     .f_flags = 0x20 | ST_RELATIME };
	int fsid[2] = { (int)0xcfc4fe55, (int)0xe2cc42a2 };
	struct call c = { .returned = true, .args = { 3, 0x2000 } };
	struct blob out = { .len = 0 };
	struct dcall d;

	(void)state;
	memcpy(&st.f_fsid, fsid, sizeof(fsid));
	add(&out, 1, LT_CAP_MEM_OUT, &st, sizeof(st));
	decode(&d, &c, "fstatfs", NULL, &out);
	assert_string_equal(text(&d, 1),
			    "{f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, "
			    "f_bfree=61570922, f_bavail=20602198, f_files=16777216, "
			    "f_ffree=16316690, f_fsid={val=[0xcfc4fe55, 0xe2cc42a2]}, "
			    "f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}");
	/* no ST_VALID: no f_flags; an unknown magic in hex */
	st.f_type = 0x12345;
	st.f_flags = ST_RDONLY;
	memset(&st.f_fsid, 0, sizeof(st.f_fsid));
	out.len = 0;
	add(&out, 1, LT_CAP_MEM_OUT, &st, sizeof(st));
	decode(&d, &c, "fstatfs", NULL, &out);
	assert_non_null(strstr(text(&d, 1), "{f_type=0x12345, f_bsize=4096, "));
	assert_non_null(strstr(text(&d, 1), "f_fsid={val=[0, 0]}, f_namelen=255, f_frsize=4096}"));
}

static void test_dirents(void **state)
{
	struct lt_dirents n = { .count = 4 };
	struct call c = { .returned = true, .ret = 96, .args = { 7, 0x7ffd1000, 4096 } };
	struct blob out = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&out, 1, LT_CAP_DIRENTS, &n, sizeof(n));
	decode(&d, &c, "getdents64", NULL, &out);
	assert_string_equal(text(&d, 1), "0x7ffd1000 /* 4 entries */");
	n.count = 1;
	n.rest = 5;
	out.len = 0;
	add(&out, 1, LT_CAP_DIRENTS, &n, sizeof(n));
	decode(&d, &c, "getdents", NULL, &out);
	assert_string_equal(text(&d, 1), "0x7ffd1000 /* 1+ entries */");
	c.ret = -EBADF;
	decode(&d, &c, "getdents64", NULL, &out);
	assert_string_equal(text(&d, 1), "PTR");
}

static void test_flock(void **state)
{
	struct flock in = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 20 };
	struct flock got = { .l_type = F_UNLCK, .l_whence = SEEK_END, .l_start = -5,
			     .l_len = 20, .l_pid = 42 };
	struct call c = { .returned = true, .args = { 3, F_SETLK, 0x1000 } };
	struct blob ein = { .len = 0 }, eout = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&ein, 2, LT_CAP_ARR_INOUT, &in, sizeof(in));
	add(&eout, 2, LT_CAP_ARR_INOUT, &got, sizeof(got));
	decode(&d, &c, "fcntl", &ein, &eout);
	assert_string_equal(text(&d, 2),
			    "{l_type=F_RDLCK, l_whence=SEEK_SET, l_start=10, l_len=20}");
	/* F_GETLK: what the kernel wrote, with the pid */
	c.args[1] = F_OFD_GETLK;
	decode(&d, &c, "fcntl", &ein, &eout);
	assert_string_equal(text(&d, 2),
			    "{l_type=F_UNLCK, l_whence=SEEK_END, l_start=-5, l_len=20, l_pid=42}");
	c.ret = -EFAULT;
	decode(&d, &c, "fcntl", &ein, NULL);
	assert_string_equal(text(&d, 2), "PTR");
}

static void test_open_how(void **state)
{
	struct { struct open_how h; uint64_t more; } how = {
		.h = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS } };
	struct call c = { .returned = true, .ret = 4, .args = { AT_FDCWD, 0x1000, 0x2000, 24 } };
	struct blob in = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&in, 2, LT_CAP_ADDR_IN, &how, 24);
	decode(&d, &c, "openat2", &in, NULL);
	assert_string_equal(text(&d, 2), "{flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS}");
	how.h = (struct open_how){ .flags = O_WRONLY | O_CREAT, .mode = 0600 };
	in.len = 0;
	add(&in, 2, LT_CAP_ADDR_IN, &how, sizeof(how));
	c.args[3] = sizeof(how);
	decode(&d, &c, "openat2", &in, NULL);
	assert_string_equal(text(&d, 2), "{flags=O_WRONLY|O_CREAT, mode=0600, resolve=0}");
	/* a newer struct's fields set: strace's bytes; one shorter than the
	 * first: a pointer */
	how.more = 0x80;
	in.len = 0;
	add(&in, 2, LT_CAP_ADDR_IN, &how, sizeof(how));
	decode(&d, &c, "openat2", &in, NULL);
	assert_string_equal(text(&d, 2), "{flags=O_WRONLY|O_CREAT, mode=0600, resolve=0, "
			    "/* bytes 24..31 */ \"\\x80\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"}");
	c.args[3] = 16;
	decode(&d, &c, "openat2", &in, NULL);
	assert_string_equal(text(&d, 2), "PTR");
}

static void test_uname_sysinfo_random(void **state)
{
	struct utsname u;
	struct sysinfo si = { .uptime = 6236, .loads = { 235712, 246208, 272864 },
			      .totalram = 25276203008, .freeram = 23646920704, .procs = 135,
			      .mem_unit = 1 };
	uint8_t rnd[3] = { 0x3d, 0x0c, 0xc6 };
	struct call c = { .returned = true, .args = { 0x1000, 3, 0 } };
	struct blob out = { .len = 0 };
	struct dcall d;

	(void)state;
	memset(&u, 'x', sizeof(u));	/* what was there before the kernel wrote */
	strcpy(u.sysname, "Linux");
	strcpy(u.nodename, "vm");
	add(&out, 0, LT_CAP_MEM_OUT, &u, sizeof(u));
	decode(&d, &c, "uname", NULL, &out);
	assert_string_equal(text(&d, 0), "{sysname=\"Linux\", nodename=\"vm\", ...}");

	out.len = 0;
	add(&out, 0, LT_CAP_MEM_OUT, &si, sizeof(si));
	decode(&d, &c, "sysinfo", NULL, &out);
	assert_string_equal(text(&d, 0), "{uptime=6236, loads=[235712, 246208, 272864], "
			    "totalram=25276203008, freeram=23646920704, sharedram=0, bufferram=0, "
			    "totalswap=0, freeswap=0, procs=135, totalhigh=0, freehigh=0, "
			    "mem_unit=1}");

	out.len = 0;
	add(&out, 0, LT_CAP_BUF_OUT, rnd, sizeof(rnd));
	c.ret = 3;
	decode(&d, &c, "getrandom", NULL, &out);
	assert_string_equal(text(&d, 0), "\"\\x3d\\x0c\\xc6\"");
	c.ret = 40;	/* more than -s: cut, and said */
	decode(&d, &c, "getrandom", NULL, &out);
	assert_string_equal(text(&d, 0), "\"\\x3d\\x0c\\xc6\"...");
}

static void test_masks(void **state)
{
	uint8_t cpus[8] = { 0x03 }, set[8] = { 0x41, 0, 0, 0, 0, 0, 0, 0x80 }, big[128];
	uint64_t nodes[2] = { 1, 0 };
	struct call c = { .returned = true, .ret = 8, .args = { 0, 128, 0x1000 } };
	struct blob b = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&b, 2, LT_CAP_ARR_OUT, cpus, sizeof(cpus));
	decode(&d, &c, "sched_getaffinity", NULL, &b);
	assert_string_equal(text(&d, 2), "[0 1]");
	b.len = 0;
	add(&b, 2, LT_CAP_ARR_IN, set, 7);
	c.args[1] = 7;
	c.ret = 0;
	decode(&d, &c, "sched_setaffinity", &b, NULL);
	assert_string_equal(text(&d, 2), "[0 6]");
	c.args[1] = 0;
	decode(&d, &c, "sched_setaffinity", &b, NULL);
	assert_string_equal(text(&d, 2), "[]");
	/* more than strace's CPU set size: "..." */
	b.len = 0;
	memset(big, 0, sizeof(big));
	memcpy(big, set, sizeof(set));
	add(&b, 2, LT_CAP_ARR_IN, big, sizeof(big));
	c.args[1] = 256;
	decode(&d, &c, "sched_setaffinity", &b, NULL);
	assert_string_equal(text(&d, 2), "[0 6 63 ...]");

	/* node masks: maxnode - 1 bits, in longs */
	b.len = 0;
	add(&b, 1, LT_CAP_ARR_IN, nodes, 8);
	c = (struct call){ .returned = true, .args = { MPOL_BIND, 0x1000, 65 } };
	decode(&d, &c, "set_mempolicy", &b, NULL);
	assert_string_equal(text(&d, 1), "[0x00000000000001]");
	c.args[2] = 0;
	decode(&d, &c, "set_mempolicy", &b, NULL);
	assert_string_equal(text(&d, 1), "[]");
	c.args[2] = 1;	/* no node at all: strace's pointer */
	decode(&d, &c, "set_mempolicy", &b, NULL);
	assert_string_equal(text(&d, 1), "PTR");
}

static void test_wait(void **state)
{
	static const struct {
		int status;
		const char *want;
	} cases[] = {
		{ 3 << 8, "[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]" },
		{ SIGKILL, "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]" },
		{ SIGSEGV | 0x80, "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}]" },
		{ SIGSTOP << 8 | 0x7f, "[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}]" },
		{ (SIGTRAP | 0x80) << 8 | 0x7f,
		  "[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP | 0x80}]" },
		{ 4 << 16 | SIGTRAP << 8 | 0x7f,
		  "[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP}|PTRACE_EVENT_EXEC<<16]" },
		{ 0xffff, "[{WIFCONTINUED(s)}]" },
	};
	struct rusage ru = { .ru_utime = { 0, 116 } };
	struct call c = { .returned = true, .ret = 42, .args = { 42, 0x1000, 0, 0x2000 } };
	struct blob b;
	struct dcall d;

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		b.len = 0;
		add(&b, 1, LT_CAP_MEM_OUT, &cases[k].status, 4);
		decode(&d, &c, "wait4", NULL, &b);
		assert_string_equal(text(&d, 1), cases[k].want);
	}
	add(&b, 3, LT_CAP_MEM_OUT, &ru, sizeof(ru));
	decode(&d, &c, "wait4", NULL, &b);
	assert_string_equal(text(&d, 3), "{ru_utime={tv_sec=0, tv_usec=116}, "
			    "ru_stime={tv_sec=0, tv_usec=0}, ...}");
	/* WNOHANG and no child changed: nothing written, pointers */
	c.ret = 0;
	decode(&d, &c, "wait4", NULL, &b);
	assert_string_equal(text(&d, 1), "PTR");
	assert_string_equal(text(&d, 3), "PTR");
	/* getrusage's, whatever its result */
	b.len = 0;
	add(&b, 1, LT_CAP_MEM_OUT, &ru, sizeof(ru));
	c.args[0] = RUSAGE_SELF;
	decode(&d, &c, "getrusage", NULL, &b);
	assert_non_null(strstr(text(&d, 1), "{ru_utime={tv_sec=0, tv_usec=116}, "));
}

static void test_times(void **state)
{
	struct tms t = { .tms_utime = 14, .tms_stime = 250, .tms_cutime = 1234 };
	uint64_t itv[4] = { 0, 0, 100, 0 }, its[4] = { 0, 0, 99, 999974792 };
	int64_t left[2] = { 4, 980052115 };
	struct call c = { .returned = true, .ret = 1718580482, .args = { 0x1000 } };
	char line[256];
	siginfo_t si;
	struct blob b = { .len = 0 };
	struct dcall d;

	(void)state;
	if (sysconf(_SC_CLK_TCK) != 100)
		skip();
	add(&b, 0, LT_CAP_MEM_OUT, &t, sizeof(t));
	decode(&d, &c, "times", NULL, &b);
	assert_string_equal(text(&d, 0), "{tms_utime=14 /* 0.14 s */, tms_stime=250 /* 2.50 s */, "
			    "tms_cutime=1234 /* 12.34 s */, tms_cstime=0}");

	b.len = 0;
	add(&b, 1, LT_CAP_MEM_OUT, itv, sizeof(itv));
	c = (struct call){ .returned = true, .args = { 0, 0x1000 } };
	decode(&d, &c, "getitimer", NULL, &b);
	assert_string_equal(text(&d, 1), "{it_interval={tv_sec=0, tv_usec=0}, "
			    "it_value={tv_sec=100, tv_usec=0}}");
	b.len = 0;
	add(&b, 1, LT_CAP_MEM_OUT, its, sizeof(its));
	decode(&d, &c, "timerfd_gettime", NULL, &b);
	assert_string_equal(text(&d, 1), "{it_interval={tv_sec=0, tv_nsec=0}, "
			    "it_value={tv_sec=99, tv_nsec=999974792}}");

	/* a child's times in SIGCHLD's siginfo, with strace's seconds */
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 7;
	si.si_utime = 40;
	siginfo_format(line, sizeof(line), SIGCHLD, &si, sizeof(si));
	assert_string_equal(line, "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=7, si_uid=0, "
			    "si_status=0, si_utime=40 /* 0.40 s */, si_stime=0}");

	/* the time a sleep has left: only when a signal stopped it */
	b.len = 0;
	add(&b, 1, LT_CAP_MEM_ERR, left, sizeof(left));
	c = (struct call){ .returned = true, .ret = -516, .args = { 0x1000, 0x2000 } };
	decode(&d, &c, "nanosleep", NULL, &b);
	assert_string_equal(text(&d, 1), "{tv_sec=4, tv_nsec=980052115}");
	c.ret = -EINVAL;
	decode(&d, &c, "nanosleep", NULL, &b);
	assert_string_equal(text(&d, 1), "PTR");
	/* clock_nanosleep's, and never for an absolute time */
	b.len = 0;
	add(&b, 3, LT_CAP_MEM_ERR, left, sizeof(left));
	c = (struct call){ .returned = true, .ret = -516, .args = { 1, 0, 0x1000, 0x2000 } };
	decode(&d, &c, "clock_nanosleep", NULL, &b);
	assert_string_equal(text(&d, 3), "{tv_sec=4, tv_nsec=980052115}");
	c.args[1] = 1;	/* TIMER_ABSTIME */
	decode(&d, &c, "clock_nanosleep", NULL, &b);
	assert_string_equal(text(&d, 3), "PTR");
}

static void test_select(void **state)
{
	uint64_t rd = 1 << 9 | 1 << 11, wr = 1 << 11, rd_out = 1 << 9, tv[2] = { 1, 0 },
		 left[2] = { 0, 999998 };
	struct call c = { .returned = true, .ret = 2,
			  .args = { 12, 0x1000, 0x2000, 0, 0x3000 } };
	struct blob in = { .len = 0 }, out = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&in, 1, LT_CAP_ARR_INOUT, &rd, 8);
	add(&in, 2, LT_CAP_ARR_INOUT, &wr, 8);
	add(&in, 4, LT_CAP_ARR_INOUT, tv, sizeof(tv));
	add(&out, 1, LT_CAP_ARR_INOUT, &rd_out, 8);
	add(&out, 2, LT_CAP_ARR_INOUT, &wr, 8);
	add(&out, 4, LT_CAP_ARR_INOUT, left, sizeof(left));
	decode(&d, &c, "select", &in, &out);
	assert_string_equal(text(&d, 1), "[9 11]");
	assert_string_equal(text(&d, 2), "[11]");
	assert_string_equal(text(&d, 4), "{tv_sec=1, tv_usec=0}");
	assert_string_equal(d.ret_text, "2 (in [9], out [11], left {tv_sec=0, tv_usec=999998})");
	/* bits at and above nfds are not fds */
	c.args[0] = 10;
	decode(&d, &c, "select", &in, &out);
	assert_string_equal(text(&d, 1), "[9]");
	c.args[0] = 12;
	c.ret = 0;
	decode(&d, &c, "select", &in, &out);
	assert_string_equal(d.ret_text, "0 (Timeout)");
}

static void test_pselect6_sigmask(void **state)
{
	uint64_t wr = 1 << 11, pair[2] = { 0x5000, 8 }, mask = 1 << (SIGUSR2 - 1);
	struct call c = { .returned = true, .ret = 1, .args = { 12, 0, 0x2000, 0, 0, 0x4000 } };
	struct blob in = { .len = 0 }, out = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&in, 2, LT_CAP_ARR_INOUT, &wr, 8);
	add(&in, 5, LT_CAP_MEM_IN, pair, sizeof(pair));
	add(&in, LT_CAP_ARG_FOLLOW, LT_CAP_FOLLOW, &mask, sizeof(mask));
	add(&out, 2, LT_CAP_ARR_INOUT, &wr, 8);
	decode(&d, &c, "pselect6", &in, &out);
	assert_string_equal(text(&d, 5), "{sigmask=[USR2], sigsetsize=8}");
	assert_string_equal(d.ret_text, "1 (out [11])");
	pair[0] = 0;
	in.len = 0;
	add(&in, 5, LT_CAP_MEM_IN, pair, sizeof(pair));
	decode(&d, &c, "pselect6", &in, &out);
	assert_string_equal(text(&d, 5), "{sigmask=NULL, sigsetsize=8}");
}

static void test_rt_sigreturn(void **state)
{
	uint64_t mask = 1 << (SIGUSR2 - 1) | 1 << (SIGCHLD - 1);
	struct call c = { .returned = true, .ret = -EINTR };
	struct blob in = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&in, 0, LT_CAP_SIGFRAME, &mask, sizeof(mask));
	decode(&d, &c, "rt_sigreturn", &in, NULL);
	assert_int_equal(d.nargs, 1);
	assert_string_equal(text(&d, 0), "{mask=[USR2 CHLD]}");
	/* unreadable: no argument, rather than a guess */
	in.len = 0;
	add(&in, 0, LT_CAP_SIGFRAME, NULL, 0);
	((struct lt_cap *)in.data)->flags = LT_CAPF_FAULT;
	decode(&d, &c, "rt_sigreturn", &in, NULL);
	assert_int_equal(d.nargs, 0);
}

static void test_sigpending_sizes(void **state)
{
	uint8_t set[8] = { 0, 0x08 };	/* SIGUSR2 */
	struct call c = { .returned = true, .args = { 0x1000, 4 } };
	struct blob out = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&out, 0, LT_CAP_ARR_OUT, set, 4);
	decode(&d, &c, "rt_sigpending", NULL, &out);
	assert_string_equal(text(&d, 0), "[USR2]");
	c.args[1] = 1;
	decode(&d, &c, "rt_sigpending", NULL, &out);
	assert_string_equal(text(&d, 0), "[]");
	c.args[1] = 9;
	decode(&d, &c, "rt_sigpending", NULL, &out);
	assert_string_equal(text(&d, 0), "PTR");
}

static void test_clone3(void **state)
{
	struct clone_args a = { .flags = CLONE_PARENT_SETTID | CLONE_CLEAR_SIGHAND,
				.parent_tid = 0x7ffe1000, .exit_signal = SIGCHLD };
	int tid = 4242;
	struct call c = { .returned = true, .ret = 4242, .args = { 0x2000, sizeof(a) } };
	struct blob in = { .len = 0 }, out = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&in, 0, LT_CAP_ADDR_IN, &a, sizeof(a));
	add(&out, LT_CAP_ARG_FOLLOW, LT_CAP_FOLLOW, &tid, sizeof(tid));
	decode(&d, &c, "clone3", &in, &out);
	assert_string_equal(text(&d, 0), "{flags=CLONE_PARENT_SETTID|CLONE_CLEAR_SIGHAND, "
			    "parent_tid=0x7ffe1000, exit_signal=SIGCHLD, stack=NULL, stack_size=0}"
			    " => {parent_tid=[4242]}");
	c.ret = -EINVAL;
	decode(&d, &c, "clone3", &in, &out);
	assert_null(strstr(text(&d, 0), "=>"));
	c.args[1] = 8;	/* shorter than the first version */
	decode(&d, &c, "clone3", &in, &out);
	assert_string_equal(text(&d, 0), "PTR");
}

/* execve's environment, counted up to its NULL or to one not readable */
static void test_env_count(void **state)
{
	uint32_t n[2] = { 2, 1 };
	struct call c = { .returned = true, .ret = -ENOENT, .args = { 0x1000, 0x2000, 0x7ffd0ff0 } };
	struct blob in = { .len = 0 };
	struct dcall d;

	(void)state;
	add(&in, 2, LT_CAP_COUNT, n, sizeof(n));
	decode(&d, &c, "execve", &in, NULL);
	assert_string_equal(text(&d, 2), "0x7ffd0ff0 /* 2 vars, unterminated */");
	n[0] = 0;
	in.len = 0;
	add(&in, 2, LT_CAP_COUNT, n, sizeof(n));
	decode(&d, &c, "execve", &in, NULL);
	assert_string_equal(text(&d, 2), "PTR");
	n[0] = 1;
	n[1] = 0;
	in.len = 0;
	add(&in, 2, LT_CAP_COUNT, n, sizeof(n));
	decode(&d, &c, "execve", &in, NULL);
	assert_string_equal(text(&d, 2), "0x7ffd0ff0 /* 1 var */");
}

/* What the table asks the BPF program to copy for these. */
static void test_plans(void **state)
{
	struct lt_plan p;

	(void)state;
	assert_true(capture_plan(SYS_fcntl, &p));
	assert_int_equal(p.kind[2], LT_CAP_ARR_INOUT);
	assert_int_equal(p.cond_arg, 1);
	assert_true(p.cond_mask & 1ull << F_OFD_SETLKW);
	assert_false(p.cond_mask & 1ull << F_SETFD);
	assert_int_equal(p.follow_arg, 6);

	assert_true(capture_plan(SYS_rt_sigreturn, &p));
	assert_int_equal(p.kind[0], LT_CAP_SIGFRAME);
	assert_int_equal(p.cond_arg, 6);

	assert_true(capture_plan(SYS_clone3, &p));
	assert_int_equal(p.follow_arg, 0);
	assert_int_equal(p.follow_off, offsetof(struct clone_args, parent_tid));
	assert_int_equal(p.follow_size, 4);
	assert_true(p.follow_exit);

	assert_true(capture_plan(SYS_pselect6, &p));
	assert_int_equal(p.follow_arg, 5);
	assert_false(p.follow_exit);
	assert_int_equal(p.elem[1], LT_ELEM_FDSET);

	assert_true(capture_plan(SYS_getdents64, &p));
	assert_int_equal(p.kind[1], LT_CAP_DIRENTS);
	assert_int_equal(p.size[1], 19);	/* offsetof(struct linux_dirent64, d_name) */

	assert_true(capture_plan(SYS_rt_sigpending, &p));
	assert_int_equal(p.kind[0], LT_CAP_ARR_OUT);	/* as many bytes as asked */
	assert_int_equal(p.lenarg[0], 1);
}

/* Which plans write their records straight into the ring: one plain
 * buffer and nothing else. */
static void test_plans_direct(void **state)
{
	struct lt_plan p;

	(void)state;
	assert_true(capture_plan(SYS_write, &p));
	lt_plan_sides(&p);
	assert_int_equal(p.direct, 2);
	assert_true(p.at_entry);

	assert_true(capture_plan(SYS_read, &p));
	lt_plan_sides(&p);
	assert_int_equal(p.direct, 2);
	assert_true(p.at_exit);
	assert_false(p.at_entry);

	assert_true(capture_plan(SYS_pwrite64, &p));
	lt_plan_sides(&p);
	assert_int_equal(p.direct, 2);

	/* a buffer and an address, a path, iovecs: the scratch's way */
	assert_true(capture_plan(SYS_sendto, &p));
	lt_plan_sides(&p);
	assert_int_equal(p.direct, 0);
	assert_true(capture_plan(SYS_openat, &p));
	lt_plan_sides(&p);
	assert_int_equal(p.direct, 0);
	assert_true(capture_plan(SYS_writev, &p));
	lt_plan_sides(&p);
	assert_int_equal(p.direct, 0);

	/* -y's descriptors, a condition: the scratch's way too */
	assert_true(capture_plan(SYS_read, &p));
	p.newfd = LT_NEWFD_RET;
	lt_plan_sides(&p);
	assert_int_equal(p.direct, 0);
	assert_true(capture_plan(SYS_write, &p));
	p.cond_arg = 0;
	lt_plan_sides(&p);
	assert_int_equal(p.direct, 0);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statx),
		cmocka_unit_test(test_statfs),
		cmocka_unit_test(test_dirents),
		cmocka_unit_test(test_flock),
		cmocka_unit_test(test_open_how),
		cmocka_unit_test(test_uname_sysinfo_random),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_wait),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_pselect6_sigmask),
		cmocka_unit_test(test_rt_sigreturn),
		cmocka_unit_test(test_sigpending_sizes),
		cmocka_unit_test(test_clone3),
		cmocka_unit_test(test_env_count),
		cmocka_unit_test(test_plans),
		cmocka_unit_test(test_plans_direct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
