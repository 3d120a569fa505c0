/* ioctl(2) as strace prints it, between the markers close(-7600) and
 * close(-7601): request names from the kernel headers (one number with two
 * names), requests without an argument, NULL, numbers, and the structs of
 * terminals (a pty's termios and window size), files (this program's
 * extents), block devices, real-time clocks and network interfaces (lo). Most calls fail on purpose; what matters is
 * how each line prints. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/rtc.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#define BAD ((long)0x10)

static void fiemap(void)
{
	union {
		struct fiemap fm;
		char buf[sizeof(struct fiemap) + 4 * sizeof(struct fiemap_extent)];
	} u;
	int fd = open("/proc/self/exe", O_RDONLY);

	memset(&u, 0, sizeof(u));
	u.fm.fm_length = ~0ULL;
	u.fm.fm_extent_count = 4;
	u.fm.fm_flags = FIEMAP_FLAG_SYNC;
	syscall(SYS_ioctl, fd, FS_IOC_FIEMAP, &u.fm);
	u.fm.fm_flags = 0x10;
	syscall(SYS_ioctl, fd, FS_IOC_FIEMAP, &u.fm);
	close(fd);
}

int main(void)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	struct ifreq ifr;
	int pty, fds[2], s, one = 1, n = 0;
	unsigned int flags = FS_NOATIME_FL | FS_NODUMP_FL;

	pty = posix_openpt(O_RDWR | O_NOCTTY);
	if (pty < 0 || pipe(fds) || (s = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		return 77;
	syscall(SYS_close, -7600);
	/* names, arity, NULL */
	syscall(SYS_ioctl, -1, FIFREEZE, 0);
	syscall(SYS_ioctl, -1, FIOCLEX, 0);
	syscall(SYS_ioctl, -1, BLKGETSIZE64, 0);
	syscall(SYS_ioctl, -1, TCSETS, 0);
	syscall(SYS_ioctl, -1, _IOC(_IOC_READ, 0x99, 0x12, 0x10), BAD);
	syscall(SYS_ioctl, -1, TCFLSH, TCIFLUSH);
	syscall(SYS_ioctl, -1, BLKRASET, 1234);
	syscall(SYS_ioctl, -1, RNDZAPENTCNT, 0);
	syscall(SYS_ioctl, -1, RTC_AIE_ON, 0);
	syscall(SYS_ioctl, -1, RTC_IRQP_SET, 64);
	syscall(SYS_ioctl, -1, RTC_RD_TIME, BAD);
	syscall(SYS_ioctl, -1, RTC_SET_TIME, &(struct rtc_time){ .tm_sec = 1, .tm_year = 125 });
	syscall(SYS_ioctl, -1, FICLONE, 4);
	/* this program's own extents */
	fiemap();
	/* a terminal */
	syscall(SYS_ioctl, pty, TIOCSWINSZ, &ws);
	syscall(SYS_ioctl, pty, TIOCGWINSZ, &ws);
	syscall(SYS_ioctl, pty, TCGETS, &(struct termios){ 0 });
	syscall(SYS_ioctl, pty, TIOCGPTN, &n);
	syscall(SYS_ioctl, pty, TIOCSPTLCK, &n);
	syscall(SYS_ioctl, fds[1], TCGETS, &(struct termios){ 0 });
	/* files */
	syscall(SYS_ioctl, fds[0], FIONREAD, &n);
	syscall(SYS_ioctl, fds[0], FIONBIO, &one);
	syscall(SYS_ioctl, -1, FS_IOC_SETFLAGS, &flags);
	syscall(SYS_ioctl, -1, BLKBSZSET, &one);
	syscall(SYS_ioctl, -1, BLKDISCARD, (unsigned long long[2]){ 4096, 8192 });
	/* network interfaces */
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	syscall(SYS_ioctl, s, SIOCGIFINDEX, &ifr);
	syscall(SYS_ioctl, s, SIOCGIFFLAGS, &ifr);
	syscall(SYS_ioctl, s, SIOCGIFMTU, &ifr);
	ifr.ifr_ifindex = 1;
	syscall(SYS_ioctl, s, SIOCGIFNAME, &ifr);
	strcpy(ifr.ifr_name, "nonexistent0");
	syscall(SYS_ioctl, s, SIOCGIFMTU, &ifr);
	syscall(SYS_close, -7601);
	return 0;
}
