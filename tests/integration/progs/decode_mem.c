/* Integer arguments of the memory and System V IPC syscalls, between the
 * markers close(-7300) and close(-7301): mmap prot and flags (with huge
 * page sizes and unknown bits), mprotect, madvise, msync, mlock*, mremap,
 * brk, mbind, shm*, sem*, msg*. Run without address randomization so
 * that both tracers see the same addresses. */
#define _GNU_SOURCE
#include <linux/mempolicy.h>
#include <linux/mman.h>
#include <stddef.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD ((long)0x10)

int main(void)
{
	long p, page = sysconf(_SC_PAGESIZE);

	syscall(SYS_close, -7300);
	p = syscall(SYS_mmap, 0, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		-1, 0);
	syscall(SYS_mmap, 0, page, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	syscall(SYS_mmap, 0, page, PROT_READ | PROT_EXEC,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_LOCKED, -1, 0);
	syscall(SYS_mmap, 0, page, PROT_READ | PROT_WRITE | PROT_GROWSDOWN,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_STACK, -1, 0);
	syscall(SYS_mmap, 0, page, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, 9999, 0x2000);
	syscall(SYS_mmap, 0, page, PROT_READ,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << MAP_HUGE_SHIFT), -1, 0);
	syscall(SYS_mmap, 0, page, PROT_READ | 0x100, MAP_PRIVATE | MAP_ANONYMOUS | 0x800000,
		-1, 0);
	syscall(SYS_mmap, 0, page, PROT_READ, 0xf | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_mmap, 0, page, PROT_READ, MAP_FILE | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_mmap, p, page, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE | MAP_ANONYMOUS,
		-1, 0);
	syscall(SYS_mmap, 0, page, PROT_READ,
		MAP_PRIVATE | MAP_32BIT | MAP_ANONYMOUS | MAP_UNINITIALIZED, -1, 0);
	syscall(SYS_mprotect, p, page, PROT_READ);
	syscall(SYS_mprotect, p, page, PROT_NONE);
	syscall(SYS_mprotect, p, page, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM);
	syscall(SYS_pkey_mprotect, p, page, PROT_READ, -1);
	syscall(SYS_madvise, p, page, MADV_DONTNEED);
	syscall(SYS_madvise, p, page, MADV_HUGEPAGE);
	syscall(SYS_madvise, p, page, MADV_COLLAPSE);
	syscall(SYS_madvise, p, page, MADV_HWPOISON + 50);
	syscall(SYS_msync, p, page, MS_SYNC | MS_INVALIDATE);
	syscall(SYS_msync, p, page, 0x100);
	syscall(SYS_mlock, p, page);
	syscall(SYS_munlock, p, page);
	syscall(SYS_mlock2, p, page, MLOCK_ONFAULT);
	syscall(SYS_mlockall, MCL_FUTURE | MCL_ONFAULT | 0x40);
	syscall(SYS_munlockall);
	syscall(SYS_mincore, p, page, BAD);
	syscall(SYS_mremap, p, page, 2 * page, 0);
	syscall(SYS_mremap, p, page, 2 * page, MREMAP_MAYMOVE);
	syscall(SYS_mremap, p, page, 2 * page, MREMAP_MAYMOVE | MREMAP_FIXED, p + 16 * page);
	syscall(SYS_remap_file_pages, p, page, 0, 0, MAP_NONBLOCK);
	syscall(SYS_munmap, p, 2 * page);
	syscall(SYS_brk, 0);
	syscall(SYS_mbind, p, page, MPOL_BIND | MPOL_F_STATIC_NODES, 0, 0,
		MPOL_MF_STRICT | MPOL_MF_MOVE);
	syscall(SYS_mbind, p, page, MPOL_INTERLEAVE, 0, 0, 0);
	syscall(SYS_mbind, p, page, 77, 0, 0, 0);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, 0, 0);
	syscall(SYS_get_mempolicy, 0, 0, 0, p, MPOL_F_ADDR | MPOL_F_NODE);
	syscall(SYS_pkey_alloc, 0, PKEY_DISABLE_WRITE);

	/* System V IPC: keys, creation flags and modes, commands */
	/* every call refused, so that nothing outlives the test */
	syscall(SYS_shmget, IPC_PRIVATE, 1ul << 62, IPC_CREAT | IPC_EXCL | 0600);
	syscall(SYS_shmget, 0x7e57c0de, page, 0);
	syscall(SYS_shmget, 0x7e57c0de, page, SHM_HUGETLB | (21 << MAP_HUGE_SHIFT) | 0640);
	syscall(SYS_shmat, -1, 0, SHM_RDONLY | SHM_RND);
	syscall(SYS_shmctl, -1, IPC_RMID, 0);
	syscall(SYS_shmctl, -1, IPC_STAT | 0x100, BAD);
	syscall(SYS_shmctl, -1, 99, 0);
	syscall(SYS_shmdt, BAD);
	syscall(SYS_semget, IPC_PRIVATE, 1 << 30, IPC_CREAT | 0666);
	syscall(SYS_semget, 0x7e57c0de, 1, 0);
	syscall(SYS_semctl, -1, 0, GETVAL, 0);
	syscall(SYS_semctl, -1, 0, IPC_RMID, 0);
	syscall(SYS_msgget, 0x7e57c0de, IPC_EXCL | IPC_NOWAIT | 0644);
	syscall(SYS_msgctl, -1, IPC_RMID, 0);
	syscall(SYS_msgctl, -1, MSG_INFO, BAD);
	syscall(SYS_msgsnd, -1, BAD, 8, IPC_NOWAIT);
	syscall(SYS_msgrcv, -1, BAD, 8, -5, MSG_NOERROR | MSG_EXCEPT);
	syscall(SYS_close, -7301);
	return 0;
}
