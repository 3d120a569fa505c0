/* -Y and --decode-pids=comm,pidns: process ids in arguments and results
 * as strace prints them, "1234<cat>", and for a process in another pid
 * namespace strace's comment with the id in lotrace's namespace. */
#include "sink/pidname.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode/decode.h"
#include "syscalls/systab.h"
#include "util/proc.h"

/* The calls whose arguments (bit i: argument i) or result are process or
 * thread ids, the ones strace prints with printpid. */
static const struct {
	const char *name;
	uint8_t args;
	bool ret;
} pid_calls[] = {
	{ "getpid", 0, true }, { "getppid", 0, true }, { "gettid", 0, true },
	{ "fork", 0, true }, { "vfork", 0, true }, { "clone", 0, true }, { "clone3", 0, true },
	{ "wait4", 0x1, true }, { "kill", 0x1, false }, { "tkill", 0x1, false },
	{ "tgkill", 0x3, false }, { "pidfd_open", 0x1, false }, { "getpgid", 0x1, true },
	{ "setpgid", 0x3, false }, { "getsid", 0x1, true }, { "getpgrp", 0, true },
	{ "setsid", 0, true }, { "prlimit64", 0x1, false }, { "rt_sigqueueinfo", 0x1, false },
	{ "rt_tgsigqueueinfo", 0x3, false }, { "sched_setaffinity", 0x1, false },
	{ "sched_getaffinity", 0x1, false }, { "sched_setscheduler", 0x1, false },
	{ "sched_getscheduler", 0x1, false }, { "sched_setparam", 0x1, false },
	{ "sched_getparam", 0x1, false }, { "sched_rr_get_interval", 0x1, false },
	{ "process_vm_readv", 0x1, false }, { "process_vm_writev", 0x1, false },
	{ "get_robust_list", 0x1, false }, { "kcmp", 0x3, false }, { "migrate_pages", 0x1, false },
	{ "move_pages", 0x1, false }, { "ptrace", 0x2, false },
};

static int calls_entry(int nr)
{
	const char *name = systab_name(nr);

	for (size_t i = 0; name && i < sizeof(pid_calls) / sizeof(pid_calls[0]); i++)
		if (!strcmp(pid_calls[i].name, name))
			return (int)i;
	return -1;
}

static bool same_namespace(uint32_t pid)
{
	char path[64];
	struct stat self, other;

	snprintf(path, sizeof(path), "/proc/%u/ns/pid", pid);
	return stat("/proc/self/ns/pid", &self) || stat(path, &other) ||
	       (self.st_ino == other.st_ino && self.st_dev == other.st_dev);
}

/* The id in lotrace's namespace of id v in the namespace of task pid: the
 * /proc/N/status whose NSpid line ends with v, in that namespace. */
static long translate(uint32_t pid, long v)
{
	char path[288], line[256], ns[64], want[64];
	struct dirent *de;
	long found = 0;
	DIR *dir;

	if (proc_readlink((pid_t)pid, "ns/pid", want, sizeof(want)) || !(dir = opendir("/proc")))
		return 0;
	while (!found && (de = readdir(dir))) {
		FILE *fp;
		char *last;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		if (proc_readlink((pid_t)atoi(de->d_name), "ns/pid", ns, sizeof(ns)) ||
		    strcmp(ns, want))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", de->d_name);
		fp = fopen(path, "re");
		while (fp && fgets(line, sizeof(line), fp)) {
			if (strncmp(line, "NSpid:", 6))
				continue;
			last = strrchr(line, '\t');
			if (last && atol(last + 1) == v)
				found = atol(de->d_name);
			break;
		}
		if (fp)
			fclose(fp);
	}
	closedir(dir);
	return found;
}

/* "1234<cat>" and the namespace comment for id v, seen by task k. */
static void annotate(const struct sink_env *env, const struct task *k, long v, char *out,
		     size_t len)
{
	unsigned bits = env->opts->decode_pids;
	long here = v;
	const struct task *t;
	char comm[32] = "";
	size_t n = (size_t)snprintf(out, len, "%ld", v);

	if (v <= 0)
		return;
	if (bits & DECODE_PID_NS && !same_namespace(k->pid))
		here = translate(k->pid, v);
	if (bits & DECODE_PID_COMM && here > 0) {
		t = tasks_find(env->tasks, (uint32_t)here);
		if (t)
			snprintf(comm, sizeof(comm), "%s", t->comm);
		else
			proc_comm((pid_t)here, (pid_t)here, comm, sizeof(comm));
		if (comm[0])
			n += (size_t)snprintf(out + n, len - n, "<%s>", comm);
	}
	if (bits & DECODE_PID_NS && here > 0 && here != v)
		snprintf(out + n, len - n, " /* %ld in lotrace's PID NS */", here);
}

void pidname_annotate(const struct sink_env *env, const struct call *c, struct dcall *d)
{
	int i = env->opts->decode_pids ? calls_entry(c->nr) : -1;
	char text[128];

	if (i < 0)
		return;
	for (int a = 0; a < d->nargs; a++) {
		struct darg *arg = &d->arg[a];

		if (!(pid_calls[i].args & (1u << a)) || arg->hidden || arg->kind != DARG_INT)
			continue;
		annotate(env, c->task, (long)(int32_t)arg->value, text, sizeof(text));
		decode_sym(d, arg, text);
	}
	if (pid_calls[i].ret && d->ret_kind == DRET_INT && !d->ret_text && d->ret > 0) {
		annotate(env, c->task, (long)d->ret, text, sizeof(text));
		decode_ret_text(d, text);
	}
}
