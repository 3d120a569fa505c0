/* execve with its path and argv in a page nothing has touched yet (64 KiB
 * of padding keeps the kernel's fault-around away): the BPF program's copy
 * at the entry fails, and the strings must come from the exec itself. */
#include <unistd.h>

#define UNTOUCHED __attribute__((section(".rodata.untouched"), aligned(65536)))

static const char pad[2 * 65536] UNTOUCHED = { 1 };
static const char path[] UNTOUCHED = "/bin/true";
static const char arg0[] UNTOUCHED = "true";
static const char arg1[] UNTOUCHED = "an-argument-on-an-untouched-page";

int main(void)
{
	(void)pad;
	execl(path, arg0, arg1, (char *)0);
	return 1;
}
