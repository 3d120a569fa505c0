/* Calls whose arguments a command or request gives their meaning, as
 * strace prints them, each family between its two markers:
 * close(-7900)/close(-7901): ptrace, as a parent tracing its child (the
 * request's arity, the struct user offsets, signals and options, the words,
 * siginfo, sigmask, regset and syscall info the kernel writes). The test
 * runs this without -f: the child must be free to be traced by its parent.
 * close(-7902)/close(-7903): waitid's siginfo ("{}" when WNOHANG found
 * none) and rusage, its pidfd; prctl(PR_SCHED_CORE); calls strace has no
 * decoder for (printargs: every argument in hex, strace's arity).
 * close(-7904)/close(-7905): keyctl's strings, payloads and what the
 * kernel writes, by command, on a key of the process keyring.
 * close(-7906)/close(-7907): io_uring_register's argument by opcode.
 * close(-7908)/close(-7909): bpf's attr by command, the sizes strace
 * knows, bytes past them, the strings its pointers point at.
 * argv[1] is a scratch directory. */
#define _GNU_SOURCE
#include <elf.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/prctl.h>
#include <linux/ptrace.h>

#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static long word = 0x1234;

static void child(void)
{
	syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
	syscall(SYS_kill, syscall(SYS_getpid), SIGSTOP);
	syscall(SYS_getppid, 0, 0, 0, 0, 0, 0);
	_exit(0);
}

/* the requests on a stopped child, then its next syscall's stops */
static void trace(void)
{
	struct user_regs_struct regs;
	struct iovec iov = { &regs, sizeof(regs) };
	struct ptrace_syscall_info psi;
	unsigned long msg, mask;
	siginfo_t si;
	long w;
	int st;
	pid_t c;

	syscall(SYS_getpid);
	c = fork();
	if (c == 0)
		child();
	if (c < 0 || syscall(SYS_wait4, c, &st, 0, NULL) != c)
		return;
	syscall(SYS_ptrace, PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	syscall(SYS_ptrace, PTRACE_GETSIGINFO, c, 0, &si);
	syscall(SYS_ptrace, PTRACE_PEEKDATA, c, &word, &w);
	syscall(SYS_ptrace, PTRACE_PEEKUSR, c, offsetof(struct user, regs.rsp), &w);
	syscall(SYS_ptrace, PTRACE_PEEKUSR, c, offsetof(struct user, u_debugreg) + 8, &w);
	syscall(SYS_ptrace, PTRACE_PEEKUSR, c, offsetof(struct user, u_comm) + 3, &w);
	syscall(SYS_ptrace, PTRACE_PEEKUSR, c, sizeof(struct user) + 8, &w);
	syscall(SYS_ptrace, PTRACE_POKEUSR, c, offsetof(struct user, u_debugreg) + 7 * 8, 0);
	syscall(SYS_ptrace, PTRACE_GETEVENTMSG, c, 0, &msg);
	syscall(SYS_ptrace, PTRACE_GETSIGMASK, c, sizeof(mask), &mask);
	syscall(SYS_ptrace, PTRACE_SETSIGMASK, c, sizeof(mask), &mask);
	syscall(SYS_ptrace, PTRACE_GETREGSET, c, NT_PRSTATUS, &iov);
	iov.iov_len = 100;
	syscall(SYS_ptrace, PTRACE_GETREGSET, c, NT_PRSTATUS, &iov);
	iov.iov_len = 1000;
	syscall(SYS_ptrace, PTRACE_GETREGSET, c, NT_PRSTATUS, &iov);
	syscall(SYS_ptrace, PTRACE_GET_SYSCALL_INFO, c, sizeof(psi), &psi);
	syscall(SYS_ptrace, PTRACE_SYSCALL, c, 0, 0);
	syscall(SYS_wait4, c, &st, 0, NULL);
	syscall(SYS_ptrace, PTRACE_GET_SYSCALL_INFO, c, sizeof(psi), &psi);
	syscall(SYS_ptrace, PTRACE_GET_SYSCALL_INFO, c, 20, &psi);
	syscall(SYS_ptrace, PTRACE_SYSCALL, c, 0, 0);
	syscall(SYS_wait4, c, &st, 0, NULL);
	syscall(SYS_ptrace, PTRACE_GET_SYSCALL_INFO, c, sizeof(psi), &psi);
	syscall(SYS_ptrace, PTRACE_GETEVENTMSG, c, 0, &msg);
	syscall(SYS_ptrace, PTRACE_ATTACH, c, 0, 0);
	syscall(SYS_ptrace, PTRACE_CONT, c, 0, SIGCONT);
	syscall(SYS_wait4, c, &st, 0, NULL);
	/* requests on no process: only how they print */
	syscall(SYS_ptrace, PTRACE_SEIZE, -1, 0, PTRACE_O_TRACECLONE | 0x80000000);
	syscall(SYS_ptrace, PTRACE_DETACH, -1, 0, SIGUSR1);
	syscall(SYS_ptrace, PTRACE_SETSIGINFO, -1, 0, &si);
	syscall(SYS_ptrace, PTRACE_SETREGSET, -1, NT_X86_XSTATE, &iov);
	syscall(SYS_ptrace, PTRACE_KILL, -1, 1, 2);
	syscall(SYS_ptrace, PTRACE_POKEDATA, -1, &word, 0x42);
	syscall(SYS_ptrace, 0x4321, -1, 1, 2);
}

static void waits(void)
{
	struct rusage ru;
	siginfo_t si;
	int pfd;
	pid_t c;

	/* the kernel writes no si_utime nor si_stime: the stack's would show */
	memset(&si, 0, sizeof(si));
	c = fork();
	if (c == 0)
		_exit(3);
	if (c < 0)
		return;
	syscall(SYS_waitid, P_PID, c, &si, WEXITED | WNOWAIT, &ru);
	syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, &ru);
	syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOHANG, NULL);
	pfd = syscall(SYS_pidfd_open, syscall(SYS_getpid), 0);
	syscall(SYS_waitid, P_PIDFD, pfd, &si, WEXITED | WNOHANG, NULL);
	syscall(SYS_waitid, 7, 0, NULL, 0, NULL);
	close(pfd);
}

/* the arguments an option or no decoder at all gives */
static void others(void)
{
	syscall(SYS_prctl, PR_SCHED_CORE, PR_SCHED_CORE_GET, 0, 0, NULL);
	syscall(SYS_prctl, PR_SCHED_CORE, PR_SCHED_CORE_SHARE_TO, -1, 1, 0x10);
	syscall(SYS_prctl, PR_SCHED_CORE, 9, -1, 9, 0x10);
	syscall(SYS_create_module, NULL, 10);
	syscall(SYS_query_module, NULL, 1, NULL, 0, NULL);
	syscall(SYS_getpmsg, 1, 2, 3, 4, 5);
	syscall(SYS_epoll_wait_old, 1, 2, 3, 4);
	syscall(SYS_set_thread_area, NULL);
}

static void keys(void)
{
	char buf[256];
	long k;

	k = syscall(SYS_add_key, "user", "lotrace:cmds", "payload", 7, KEY_SPEC_PROCESS_KEYRING);
	syscall(SYS_keyctl, KEYCTL_DESCRIBE, k, buf, sizeof(buf));
	syscall(SYS_keyctl, KEYCTL_DESCRIBE, k, buf, 4);
	syscall(SYS_keyctl, KEYCTL_READ, k, buf, sizeof(buf));
	syscall(SYS_keyctl, KEYCTL_UPDATE, k, "new\0payload", 11);
	syscall(SYS_keyctl, KEYCTL_UPDATE, k, "a payload longer than thirty-two bytes", 38);
	syscall(SYS_keyctl, KEYCTL_SETPERM, k, 0x3f3f0000);
	syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, "user", "lotrace:cmds", 0);
	syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, "user", "lotrace:none", 0);
	syscall(SYS_keyctl, KEYCTL_RESTRICT_KEYRING, -1, "asymmetric", "builtin_trusted");
	syscall(SYS_keyctl, KEYCTL_INVALIDATE, k);
	syscall(SYS_keyctl, KEYCTL_READ, k, buf, sizeof(buf));
	syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL);
	syscall(SYS_keyctl, 0x1234, 1, 2, 3, 4);
}

static void uring(void)
{
	struct io_uring_params up;
	char buf[64];
	int fds[3] = { 0, 1, 2 }, nf[2] = { -1, IORING_REGISTER_FILES_SKIP }, u;
	struct iovec iv[2] = { { buf, sizeof(buf) }, { NULL, 0 } };
	struct io_uring_files_update fu = { .offset = 1, .fds = (unsigned long)nf };
	unsigned char aff[8] = { 1 };
	struct io_uring_rsrc_update rf = { .offset = -1 };

	memset(&up, 0, sizeof(up));
	u = syscall(SYS_io_uring_setup, 4, &up);
	if (u < 0)
		return;
	rf.data = u;
	syscall(SYS_io_uring_register, u, IORING_REGISTER_FILES, fds, 3);
	syscall(SYS_io_uring_register, u, IORING_REGISTER_FILES_UPDATE, &fu, 2);
	syscall(SYS_io_uring_register, u, IORING_UNREGISTER_FILES, NULL, 0);
	syscall(SYS_io_uring_register, u, IORING_REGISTER_BUFFERS, iv, 1);
	syscall(SYS_io_uring_register, u, IORING_REGISTER_BUFFERS, iv, 2);
	syscall(SYS_io_uring_register, u, IORING_REGISTER_EVENTFD, fds, 1);
	syscall(SYS_io_uring_register, u, IORING_REGISTER_IOWQ_AFF, aff, sizeof(aff));
	syscall(SYS_io_uring_register, u, IORING_REGISTER_RING_FDS, &rf, 1);
	syscall(SYS_io_uring_register, u, IORING_UNREGISTER_RING_FDS, &rf, 1);
	syscall(SYS_io_uring_register, u, IORING_REGISTER_FILES, (void *)8, 2);
	syscall(SYS_io_uring_register, -1, 0xdead, NULL, 0);
	close(u);
}

static long bpf(int cmd, void *attr, unsigned int size)
{
	return syscall(SYS_bpf, cmd, attr, size);
}

static void bpf_maps(void)
{
	union bpf_attr a;
	int key = 0, m;
	long val = 7, next;

	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_HASH;
	a.key_size = sizeof(key);
	a.value_size = sizeof(val);
	a.max_entries = 4;
	a.map_flags = BPF_F_NO_PREALLOC | BPF_F_NUMA_NODE;
	a.numa_node = -1;
	strcpy(a.map_name, "lotrace_map");
	m = bpf(BPF_MAP_CREATE, &a, sizeof(a));
	close(bpf(BPF_MAP_CREATE, &a, 20));
	memset(&a, 0, sizeof(a));
	a.map_fd = m;
	a.key = (unsigned long)&key;
	a.value = (unsigned long)&val;
	a.flags = BPF_NOEXIST;
	bpf(BPF_MAP_UPDATE_ELEM, &a, sizeof(a));
	a.flags = BPF_F_LOCK;
	bpf(BPF_MAP_LOOKUP_ELEM, &a, sizeof(a));
	a.flags = 0;
	a.next_key = (unsigned long)&next;
	bpf(BPF_MAP_GET_NEXT_KEY, &a, 24);
	bpf(BPF_MAP_DELETE_ELEM, &a, 16);
	bpf(BPF_MAP_FREEZE, &a, sizeof(a));
	/* batches: the count the kernel writes back */
	memset(&a, 0, sizeof(a));
	a.batch.keys = (unsigned long)&key;
	a.batch.values = (unsigned long)&val;
	a.batch.count = 1;
	a.batch.map_fd = m;
	bpf(BPF_MAP_UPDATE_BATCH, &a, sizeof(a));
	a.batch.out_batch = (unsigned long)&next;
	a.batch.count = 4;
	bpf(BPF_MAP_LOOKUP_BATCH, &a, sizeof(a));
	a.batch.count = 1;
	bpf(BPF_MAP_DELETE_BATCH, &a, sizeof(a));
	memset(&a, 0, sizeof(a));
	a.pathname = (unsigned long)"/sys/fs/bpf/lotrace-nonexistent/x";
	a.bpf_fd = m;
	bpf(BPF_OBJ_PIN, &a, sizeof(a));
	a.file_flags = BPF_F_RDONLY;
	bpf(BPF_OBJ_GET, &a, sizeof(a));
	close(m);
}

static void bpf_progs(void)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char license[] = "GPL", data[64] = { 0 };
	union bpf_attr a;
	int p;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insn_cnt = 2;
	a.insns = (unsigned long)insns;
	a.license = (unsigned long)license;
	a.kern_version = 0x60100;
	strcpy(a.prog_name, "lotrace_prog");
	p = bpf(BPF_PROG_LOAD, &a, sizeof(a));
	memset(&a, 0, sizeof(a));
	a.test.prog_fd = p;
	a.test.data_in = (unsigned long)data;
	a.test.data_size_in = sizeof(data);
	a.test.repeat = 1;
	bpf(BPF_PROG_TEST_RUN, &a, 40);
	memset(&a, 0, sizeof(a));
	a.start_id = 0;
	bpf(BPF_PROG_GET_NEXT_ID, &a, sizeof(a));
	/* the ids other programs have come and go: none here */
	memset(&a, 0, sizeof(a));
	a.prog_id = 0xfffffff0;
	bpf(BPF_PROG_GET_FD_BY_ID, &a, 12);
	memset(&a, 0, sizeof(a));
	a.raw_tracepoint.name = (unsigned long)"sys_enter";
	a.raw_tracepoint.prog_fd = p;
	bpf(BPF_RAW_TRACEPOINT_OPEN, &a, sizeof(a));
	memset(&a, 0, sizeof(a));
	a.target_fd = -1;
	a.attach_bpf_fd = p;
	a.attach_flags = BPF_F_ALLOW_MULTI;
	bpf(BPF_PROG_ATTACH, &a, sizeof(a));
	bpf(BPF_PROG_DETACH, &a, sizeof(a));
	memset(&a, 0, sizeof(a));
	a.link_create.prog_fd = p;
	a.link_create.target_fd = -1;
	a.link_create.attach_type = BPF_PERF_EVENT;
	a.link_create.perf_event.bpf_cookie = 0x42;
	bpf(BPF_LINK_CREATE, &a, sizeof(a));
	memset(&a, 0, sizeof(a));
	a.link_update.link_fd = -1;
	a.link_update.new_prog_fd = p;
	a.link_update.flags = BPF_F_REPLACE;
	a.link_update.old_prog_fd = 5;
	bpf(BPF_LINK_UPDATE, &a, sizeof(a));
	memset(&a, 0, sizeof(a));
	a.query.target_fd = -1;
	a.query.prog_cnt = 4;
	bpf(BPF_PROG_QUERY, &a, sizeof(a));
	memset(&a, 0, sizeof(a));
	a.btf = (unsigned long)"\x9f\xeb\x01\0\x18\0\0\0junk";
	a.btf_size = 12;
	bpf(BPF_BTF_LOAD, &a, sizeof(a));
	memset(data, 0, sizeof(data));
	data[50] = 1;
	bpf(BPF_MAP_FREEZE, data, sizeof(data));
	bpf(BPF_MAP_FREEZE, data, 0);
	bpf(BPF_MAP_DELETE_ELEM, NULL, 16);
	bpf(999, data, 16);
	close(p);
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc < 2)
		return 77;
	syscall(SYS_close, -7900);
	trace();
	syscall(SYS_close, -7901);
	syscall(SYS_close, -7902);
	waits();
	others();
	syscall(SYS_close, -7903);
	syscall(SYS_close, -7904);
	keys();
	syscall(SYS_close, -7905);
	syscall(SYS_close, -7906);
	uring();
	syscall(SYS_close, -7907);
	syscall(SYS_close, -7908);
	bpf_maps();
	bpf_progs();
	syscall(SYS_close, -7909);
	return 0;
}
