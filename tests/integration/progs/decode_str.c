/* Strings strace prints where a pointer could be, between the markers
 * close(-7800) and close(-7801): keys' types and descriptions, mount's
 * source, target, type and data, fsconfig's key and value, a thread's name,
 * a host name too long to set, reboot's magic, extended attributes' names
 * and values, message queue names, notifications and messages, memfd
 * names past their limit, module names; and the structs of
 * perf_event_open, landlock and kcmp's epoll slot.
 * Every call fails or changes nothing outside the scratch directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kcmp.h>
#include <linux/landlock.h>
#include <linux/perf_event.h>
#include <linux/reboot.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef FSCONFIG_SET_STRING
#define FSCONFIG_SET_STRING 1
#endif
#ifndef FSCONFIG_SET_BINARY
#define FSCONFIG_SET_BINARY 2
#endif

int main(int argc, char **argv)
{
	char path[4096], name[300], value[] = "v\1\2lue";
	struct perf_event_attr attr;
	struct landlock_ruleset_attr rs = { .handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE };
	struct mq_attr mqa = { .mq_maxmsg = 2, .mq_msgsize = 16 };
	struct kcmp_epoll_slot slot = { .efd = 7, .tfd = 8, .toff = 9 };
	int fd;

	if (argc < 2)
		return 77;
	snprintf(path, sizeof(path), "%s/xattr-file", argv[1]);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0)
		return 77;
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.size = sizeof(attr);
	attr.config = 0x7fff;
	syscall(SYS_close, -7800);
	/* keys */
	syscall(SYS_add_key, "user", "lotrace:test", "payload", 7, -100);
	syscall(SYS_request_key, "user", "lotrace:none", "info", -100);
	/* mounts: a target that is not there */
	syscall(SYS_mount, "none", "/nonexistent/lotrace", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755");
	syscall(SYS_mount, "none", "/nonexistent/lotrace", NULL, MS_REMOUNT | MS_RDONLY, "mode=0700");
	syscall(SYS_umount2, "/nonexistent/lotrace", MNT_DETACH);
	syscall(SYS_fsconfig, -1, FSCONFIG_SET_STRING, "source", "/dev/null", 0);
	syscall(SYS_fsconfig, -1, FSCONFIG_SET_BINARY, "key", "\1\2ab\0c", 6);
	/* names */
	syscall(SYS_prctl, PR_SET_NAME, "decode-str", 0, 0, 0);
	syscall(SYS_sethostname, name, 65);
	syscall(SYS_reboot, 0, 0, LINUX_REBOOT_CMD_RESTART2, "now");
	syscall(SYS_memfd_create, name, 0);
	syscall(SYS_delete_module, "lotrace_nonexistent", O_NONBLOCK);
	/* extended attributes */
	syscall(SYS_setxattr, path, "user.lotrace", value, sizeof(value) - 1, 0);
	syscall(SYS_getxattr, path, "user.lotrace", name, sizeof(name));
	syscall(SYS_fgetxattr, fd, "user.none", name, sizeof(name));
	syscall(SYS_flistxattr, fd, name, sizeof(name));
	syscall(SYS_removexattr, path, "user.lotrace");
	/* message queues */
	fd = syscall(SYS_mq_open, "lotrace-mq", O_RDWR | O_CREAT | O_EXCL, 0600, &mqa);
	if (fd >= 0) {
		syscall(SYS_mq_notify, fd, &(struct sigevent){ .sigev_notify = SIGEV_NONE });
		syscall(SYS_mq_notify, fd, NULL);
		syscall(SYS_mq_notify, -1, &(struct sigevent){ .sigev_notify = SIGEV_THREAD_ID,
							      .sigev_signo = SIGUSR2,
							      .sigev_value.sival_int = 7,
							      ._sigev_un._tid = 42 });
		syscall(SYS_mq_timedsend, fd, "hello", 5, 1, NULL);
		syscall(SYS_mq_timedreceive, fd, name, 16, NULL, NULL);
		syscall(SYS_mq_unlink, "lotrace-mq");
	}
	/* structs */
	syscall(SYS_perf_event_open, &attr, -1, -1, -1, 0);
	syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	syscall(SYS_landlock_create_ruleset, &rs, sizeof(rs), 0x10);
	syscall(SYS_kcmp, -1, -1, KCMP_EPOLL_TFD, 0, &slot);
	syscall(SYS_close, -7801);
	return 0;
}
