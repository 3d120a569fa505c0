#include "util/proc.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int proc_each_tid(pid_t pid, int (*fn)(pid_t tid, void *ctx), void *ctx)
{
	char path[64];
	struct dirent *de;
	int ret = 0, n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return -ESRCH;
	while (!ret && (de = readdir(dir))) {
		pid_t tid = (pid_t)atoi(de->d_name);

		if (tid <= 0)
			continue;
		n++;
		ret = fn(tid, ctx);
	}
	closedir(dir);
	return ret ? ret : n ? 0 : -ESRCH;
}

void proc_comm(pid_t pid, pid_t tid, char *comm, size_t len)
{
	char path[64], buf[64];
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", (int)pid, (int)tid);
	fp = fopen(path, "re");
	if (!fp)
		return;
	if (fgets(buf, sizeof(buf), fp)) {
		buf[strcspn(buf, "\n")] = '\0';
		snprintf(comm, len, "%s", buf);
	}
	fclose(fp);
}

bool proc_exists(pid_t pid, pid_t tid)
{
	char path[64];

	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/task/%d", (int)pid, (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	return !access(path, F_OK) || errno != ENOENT;
}

int proc_readlink(pid_t pid, const char *what, char *out, size_t len)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, what);
	n = readlink(path, out, len - 1);
	if (n < 0)
		return -errno;
	out[n] = '\0';
	return 0;
}

pid_t proc_tgid(pid_t tid)
{
	char path[64], line[128];
	pid_t tgid = -ESRCH;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	fp = fopen(path, "re");
	if (!fp)
		return -errno;
	while (fgets(line, sizeof(line), fp))
		if (!strncmp(line, "Tgid:", 5)) {
			tgid = (pid_t)atoi(line + 5);
			break;
		}
	fclose(fp);
	return tgid;
}
