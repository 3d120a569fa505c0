/* Integer arguments of the file and descriptor syscalls, between the
 * markers close(-7200) and close(-7201): open flags and modes, AT_*,
 * access modes, whence, fcntl, ioctl, dup3, pipe2, the *fd() families,
 * mknod, statx, mount, xattr, splice... lotrace must print each line as
 * strace does. Most calls fail on purpose (bad descriptors, bad
 * addresses): the arguments are what matters. argv[1] is a scratch dir. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/fanotify.h>
#include <linux/fs.h>
#include <linux/memfd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/timerfd.h>
#include <sys/xattr.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define BAD ((long)0x10)	/* an address no process maps */

static char *const none[] = { NULL };

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	char path[512];
	long fd;

	snprintf(path, sizeof(path), "%s/decode-fs", dir);
	syscall(SYS_close, -7200);

	/* open flags: the access mode, flags in strace's order, unknown bits */
	fd = syscall(SYS_openat, AT_FDCWD, path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_APPEND | O_NONBLOCK | O_NOFOLLOW, 0600);
	syscall(SYS_openat, AT_FDCWD, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOATIME);
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | 0x4000000);
	syscall(SYS_openat, AT_FDCWD, path, O_ACCMODE);
	syscall(SYS_openat, AT_FDCWD, path, O_RDWR | O_SYNC | O_DIRECT | O_LARGEFILE | O_EXCL, 0);
	syscall(SYS_openat, AT_FDCWD, dir, O_RDWR | O_TMPFILE, 0640);
	syscall(SYS_openat, AT_FDCWD, path, O_PATH | O_NOCTTY | O_DSYNC | FASYNC);
	syscall(SYS_openat, 9999, "x", O_RDONLY);
	syscall(SYS_openat, -1, "x", O_WRONLY | O_CREAT, 04755);
	syscall(SYS_open, path, O_RDONLY);
	syscall(SYS_open, path, O_WRONLY | O_CREAT | O_EXCL, 01777);
	syscall(SYS_creat, "/nonexistent/x", 0751);

	/* lseek whence */
	syscall(SYS_lseek, fd, 0, SEEK_SET);
	syscall(SYS_lseek, fd, -5, SEEK_CUR);
	syscall(SYS_lseek, fd, 100, SEEK_END);
	syscall(SYS_lseek, fd, 0, SEEK_DATA);
	syscall(SYS_lseek, fd, 0, SEEK_HOLE);
	syscall(SYS_lseek, fd, 0, 7);

	/* access modes and AT_* */
	syscall(SYS_access, path, F_OK);
	syscall(SYS_access, path, R_OK | W_OK);
	syscall(SYS_access, path, X_OK | 0x10);
	syscall(SYS_faccessat, AT_FDCWD, path, W_OK);
	syscall(SYS_faccessat2, AT_FDCWD, path, R_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW);
	syscall(SYS_faccessat2, 5, "", R_OK, AT_EMPTY_PATH | 0x10000000);
	syscall(SYS_newfstatat, AT_FDCWD, path, BAD, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_newfstatat, fd, "", BAD, AT_EMPTY_PATH | AT_NO_AUTOMOUNT);
	syscall(SYS_statx, AT_FDCWD, path, AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, BAD);
	syscall(SYS_statx, AT_FDCWD, path, AT_STATX_FORCE_SYNC | AT_SYMLINK_NOFOLLOW,
		STATX_MODE | STATX_SIZE, BAD);
	syscall(SYS_statx, AT_FDCWD, path, AT_STATX_DONT_SYNC, STATX_ALL | 0x100000, BAD);
	syscall(SYS_unlinkat, AT_FDCWD, "/nonexistent/x", AT_REMOVEDIR);
	syscall(SYS_unlinkat, AT_FDCWD, "/nonexistent/x", 0);
	syscall(SYS_linkat, AT_FDCWD, "/nonexistent/a", 3, "b", AT_SYMLINK_FOLLOW);
	syscall(SYS_renameat2, AT_FDCWD, "/nonexistent/a", AT_FDCWD, "b",
		RENAME_NOREPLACE | RENAME_EXCHANGE);
	syscall(SYS_fchownat, AT_FDCWD, "/nonexistent/x", 1000, -1, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_utimensat, AT_FDCWD, "/nonexistent/x", 0, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_readlinkat, AT_FDCWD, "/nonexistent/x", BAD, 100);
	syscall(SYS_symlinkat, "/nonexistent/a", AT_FDCWD, "/nonexistent/b");
	syscall(SYS_execveat, 9999, "", none, none, AT_EMPTY_PATH);

	/* modes */
	syscall(SYS_chmod, "/nonexistent/x", 0644);
	syscall(SYS_chmod, "/nonexistent/x", 0);
	syscall(SYS_fchmod, fd, 04711);
	syscall(SYS_fchmodat, AT_FDCWD, "/nonexistent/x", 0777);
	syscall(SYS_mkdir, "/nonexistent/x", 0755);
	syscall(SYS_mkdirat, 9999, "x", 0700);
	syscall(SYS_mknod, "/nonexistent/x", S_IFIFO | 0644, 0);
	syscall(SYS_mknod, "/nonexistent/x", S_IFCHR | 0600, makedev(4, 64));
	syscall(SYS_mknodat, AT_FDCWD, "/nonexistent/x", S_IFBLK | S_ISUID | 0660, makedev(8, 1));
	syscall(SYS_mknod, "/nonexistent/x", 0644, 0);
	syscall(SYS_umask, 022);
	syscall(SYS_umask, 0);
	syscall(SYS_umask, 022);

	/* owners: -1 stays -1 */
	syscall(SYS_chown, "/nonexistent/x", 0, 0);
	syscall(SYS_lchown, "/nonexistent/x", -1, 1000);
	syscall(SYS_fchown, 9999, 65534, -1);

	/* descriptors */
	syscall(SYS_dup, 9999);
	syscall(SYS_dup2, 9999, 10000);
	syscall(SYS_dup3, fd, 100, O_CLOEXEC);
	syscall(SYS_dup3, fd, 100, 0);
	syscall(SYS_dup3, fd, 100, 0x1);
	syscall(SYS_close, 100);
	syscall(SYS_pipe2, BAD, O_CLOEXEC | O_NONBLOCK);
	syscall(SYS_pipe2, BAD, O_DIRECT);
	syscall(SYS_close, -1);
	syscall(SYS_fsync, 9999);
	syscall(SYS_fdatasync, 9999);
	syscall(SYS_ftruncate, 9999, 4096);
	syscall(SYS_truncate, "/nonexistent/x", 0);
	syscall(SYS_flock, 9999, LOCK_EX | LOCK_NB);
	syscall(SYS_flock, 9999, LOCK_UN);
	syscall(SYS_fadvise64, 9999, 0, 4096, POSIX_FADV_SEQUENTIAL);
	syscall(SYS_fadvise64, 9999, 10, 0, POSIX_FADV_DONTNEED);
	syscall(SYS_fallocate, 9999, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 4096);
	syscall(SYS_sync_file_range, 9999, 0, 0,
		SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
	syscall(SYS_splice, 9999, 0, 10000, 0, 4096, SPLICE_F_MOVE | SPLICE_F_MORE);
	syscall(SYS_tee, 9999, 10000, 4096, SPLICE_F_NONBLOCK);
	syscall(SYS_pread64, fd, BAD, 10, 1000);
	syscall(SYS_pwrite64, 9999, BAD, 10, -1);
	syscall(SYS_readv, 9999, BAD, 2);
	syscall(SYS_preadv, 9999, BAD, 2, 4096, 0);
	syscall(SYS_pwritev2, 9999, BAD, 1, -1, 0, RWF_HIPRI | RWF_NOWAIT);
	syscall(SYS_getdents64, 9999, BAD, 4096);
	syscall(SYS_copy_file_range, 9999, 0, 10000, 0, 4096, 0);

	/* fcntl: the argument follows the command */
	syscall(SYS_fcntl, fd, F_GETFD);
	syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
	syscall(SYS_fcntl, fd, F_GETFD);
	syscall(SYS_fcntl, fd, F_SETFD, 0);
	syscall(SYS_fcntl, fd, F_GETFD);
	syscall(SYS_fcntl, fd, F_GETFL);
	syscall(SYS_fcntl, fd, F_SETFL, O_NONBLOCK | O_APPEND);
	syscall(SYS_fcntl, fd, F_GETFL);
	syscall(SYS_fcntl, fd, F_DUPFD, 50);
	syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 60);
	syscall(SYS_fcntl, fd, F_GETOWN);
	syscall(SYS_fcntl, fd, F_SETOWN, 0);
	syscall(SYS_fcntl, fd, F_GETSIG);
	syscall(SYS_fcntl, fd, F_SETSIG, SIGUSR1);
	syscall(SYS_fcntl, fd, F_GETSIG);
	syscall(SYS_fcntl, fd, F_SETSIG, 0);
	syscall(SYS_fcntl, fd, F_GETLEASE);
	syscall(SYS_fcntl, fd, F_SETLEASE, F_UNLCK);
	syscall(SYS_fcntl, fd, F_NOTIFY, DN_MODIFY | DN_MULTISHOT);
	syscall(SYS_fcntl, fd, F_GET_SEALS);
	syscall(SYS_fcntl, fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_WRITE);
	syscall(SYS_fcntl, fd, F_GETPIPE_SZ);
	syscall(SYS_fcntl, fd, F_SETPIPE_SZ, 65536);
	syscall(SYS_fcntl, fd, F_SETLK, BAD);
	syscall(SYS_fcntl, fd, F_OFD_SETLKW, BAD);
	syscall(SYS_fcntl, fd, 1234, 5);
	syscall(SYS_fcntl, 9999, F_GETFL);

	/* ioctl: known names, names shared by two drivers, unknown numbers */
	syscall(SYS_ioctl, fd, TCGETS, BAD);
	syscall(SYS_ioctl, fd, TCSETS, BAD);
	syscall(SYS_ioctl, fd, TIOCGWINSZ, BAD);
	syscall(SYS_ioctl, fd, FIONREAD, BAD);
	syscall(SYS_ioctl, fd, FIONBIO, BAD);
	syscall(SYS_ioctl, fd, FIOCLEX);
	syscall(SYS_ioctl, fd, FIONCLEX);
	syscall(SYS_ioctl, fd, TCFLSH, TCIOFLUSH);
	syscall(SYS_ioctl, fd, TCXONC, TCOON);
	syscall(SYS_ioctl, fd, TCSBRK, 1);
	syscall(SYS_ioctl, fd, TIOCNOTTY);
	syscall(SYS_ioctl, fd, FS_IOC_GETFLAGS, BAD);
	syscall(SYS_ioctl, fd, BLKGETSIZE64, BAD);
	syscall(SYS_ioctl, fd, FICLONE, 0);
	syscall(SYS_ioctl, fd, _IOC(_IOC_READ | _IOC_WRITE, 0x99, 0x12, 0x10), 0);
	syscall(SYS_ioctl, fd, _IOC(_IOC_NONE, 0xfe, 0x1, 0), 0);
	syscall(SYS_ioctl, fd, 0x12345678, 0x1000);

	/* the *fd syscalls' flags */
	syscall(SYS_eventfd2, 3, EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE);
	syscall(SYS_eventfd2, 0, 0);
	syscall(SYS_signalfd4, -1, BAD, 8, SFD_CLOEXEC);
	syscall(SYS_inotify_init1, IN_CLOEXEC | IN_NONBLOCK);
	syscall(SYS_inotify_add_watch, 9999, path, IN_MODIFY | IN_CREATE | IN_ONLYDIR | IN_ONESHOT);
	syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
	syscall(SYS_epoll_create1, 0);
	syscall(SYS_epoll_ctl, 9999, EPOLL_CTL_DEL, 5, 0);
	syscall(SYS_epoll_ctl, 9999, 7, 5, 0);
	syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	syscall(SYS_timerfd_settime, 9999, TFD_TIMER_ABSTIME, BAD, 0);
	syscall(SYS_memfd_create, "x", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	syscall(SYS_memfd_create, "y", MFD_HUGETLB | (21 << MFD_HUGE_SHIFT));
	syscall(SYS_memfd_create, "z", 0);
	syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | 0x80);
	syscall(SYS_pidfd_open, 0x7ffffff0, 0);
	syscall(SYS_close_range, 10000, 10001, CLOSE_RANGE_CLOEXEC);

	/* fanotify, aio, and a poll that times out */
	syscall(SYS_fanotify_init, FAN_CLASS_CONTENT | FAN_CLOEXEC | FAN_NONBLOCK,
		O_RDONLY | O_LARGEFILE);
	syscall(SYS_fanotify_init, 0x8000000, O_RDWR);
	syscall(SYS_fanotify_mark, 9999, FAN_MARK_ADD | FAN_MARK_ONLYDIR, FAN_OPEN | FAN_ONDIR,
		AT_FDCWD, dir);
	syscall(SYS_fanotify_mark, 9999, FAN_MARK_REMOVE, FAN_CLOSE_WRITE, -1, 0);
	syscall(SYS_io_destroy, BAD);
	syscall(SYS_io_getevents, BAD, 1, 2, BAD, 0);
	syscall(SYS_poll, 0, 0, 0);

	/* mounts and extended attributes, all refused */
	syscall(SYS_mount, "none", "/nonexistent/x", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, 0);
	syscall(SYS_mount, "none", "/nonexistent/x", 0, MS_REMOUNT | MS_BIND | MS_REC, 0);
	syscall(SYS_mount, "none", "/nonexistent/x", 0, MS_MGC_VAL | MS_RDONLY, 0);
	syscall(SYS_umount2, "/nonexistent/x", MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW);
	syscall(SYS_setxattr, "/nonexistent/x", "user.a", BAD, 1, XATTR_CREATE);
	syscall(SYS_fsetxattr, 9999, "user.a", BAD, 1, XATTR_REPLACE | 4);
	syscall(SYS_swapon, "/nonexistent/x", SWAP_FLAG_PREFER | 5);
	syscall(SYS_swapon, "/nonexistent/x", 0);

	syscall(SYS_close, fd);
	syscall(SYS_unlink, path);
	syscall(SYS_close, -7201);
	return 0;
}
