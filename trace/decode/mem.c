/* Memory and System V IPC: mmap and mremap flags, memfd_create, shmget,
 * the IPC keys, flags and commands. */
#include <asm-generic/hugetlb_encode.h>
#include <linux/memfd.h>
#include <sys/mman.h>

#include "decode/internal.h"

/* A huge page size encoded in flags: "|21<<MAP_HUGE_SHIFT". */
static void huge_size(struct xbuf *b, unsigned int log2, const char *shift)
{
	xb_u64(b, log2);
	xb_str(b, "<<");
	xb_str(b, shift);
}

/* strace's print_mmap_flags: the mapping type by name, the other flags,
 * the huge page size. */
void decode_mmap_flags(struct dcall *d, struct darg *a)
{
	uint64_t flags = a->value;
	unsigned int huge;
	struct xbuf b;

	dt_begin(d, &b);
	xlat_enum(&b, &xlat_mmap_flags, flags & MAP_TYPE, "MAP_???", XN_HEX);
	flags &= ~(uint64_t)MAP_TYPE;
	huge = (unsigned int)(flags & ((uint64_t)MAP_HUGE_MASK << MAP_HUGE_SHIFT));
	flags &= ~(uint64_t)huge;
	if (flags) {
		xb_char(&b, '|');
		xlat_flags(&b, &xlat_mmap_flags, flags, NULL);
	}
	if (huge) {
		xb_char(&b, '|');
		huge_size(&b, huge >> MAP_HUGE_SHIFT, "MAP_HUGE_SHIFT");
	}
	dt_arg(d, a, &b);
}

/* The new address follows only when the mapping may move to it. */
void fix_mremap(struct dcall *d, const struct call *c)
{
	if ((c->args[3] & (MREMAP_MAYMOVE | MREMAP_FIXED)) != (MREMAP_MAYMOVE | MREMAP_FIXED))
		decode_hide_from(d, 4);
}

void decode_memfd_flags(struct dcall *d, struct darg *a)
{
	unsigned int flags = (uint32_t)a->value;
	unsigned int huge = flags & ((unsigned int)MFD_HUGE_MASK << MFD_HUGE_SHIFT);
	struct xbuf b;

	dt_begin(d, &b);
	if (!flags) {
		xb_char(&b, '0');
		dt_arg(d, a, &b);
		return;
	}
	flags &= ~huge;
	if (flags || !huge)
		xlat_flags(&b, &xlat_memfd_flags, flags, "MFD_???");
	if (huge) {
		if (flags)
			xb_char(&b, '|');
		huge_size(&b, huge >> MFD_HUGE_SHIFT, "MFD_HUGE_SHIFT");
	}
	dt_arg(d, a, &b);
}

/* IPC_PRIVATE, or the key in hex. */
void decode_ipc_key(struct dcall *d, struct darg *a)
{
	a->value = (uint32_t)a->value;
	decode_fmt(d, a, F_ENUM, &xlat_ipc_private, NULL);
}

/* msgget and semget: IPC_CREAT|IPC_EXCL|0600. */
void decode_ipc_flags(struct dcall *d, struct darg *a)
{
	struct xbuf b;

	dt_begin(d, &b);
	if (xlat_flags(&b, &xlat_ipc_flags, a->value & ~(uint64_t)0777, NULL))
		xb_char(&b, '|');
	fmt_mode(&b, a->value & 0777);
	dt_arg(d, a, &b);
}

void fix_shmget(struct dcall *d, const struct call *c)
{
	struct darg *a = darg_at(d, 2);
	unsigned int flags = (uint32_t)c->args[2] & ~0777u;
	/* linux/shm.h's SHM_HUGE_MASK and _SHIFT; it clashes with sys/shm.h */
	const unsigned int mask = (unsigned int)HUGETLB_FLAG_ENCODE_MASK << HUGETLB_FLAG_ENCODE_SHIFT;
	unsigned int huge = flags & mask;
	struct xbuf b;

	if (!a)
		return;
	flags &= ~huge;
	dt_begin(d, &b);
	if (flags || !huge)
		xlat_flags(&b, &xlat_shm_resource_flags, flags, NULL);
	if (huge) {
		if (flags)
			xb_char(&b, '|');
		huge_size(&b, huge >> HUGETLB_FLAG_ENCODE_SHIFT, "SHM_HUGE_SHIFT");
	}
	if (flags || huge)
		xb_char(&b, '|');
	fmt_mode(&b, c->args[2] & 0777);
	dt_arg(d, a, &b);
}

/* The *ctl commands, with IPC_64 in front when set (linux/ipc.h's value,
 * from its one-entry table: the header clashes with sys/ipc.h). */
static void ipc_cmd(struct dcall *d, struct darg *a, const struct xlat *x, const char *dflt)
{
	const uint64_t ipc_64 = xlat_ipc_64.ent[0].val;
	uint64_t cmd = a->value;
	struct xbuf b;

	dt_begin(d, &b);
	if (cmd & ipc_64) {
		xb_str(&b, "IPC_64|");
		cmd &= ~ipc_64;
	}
	xlat_enum(&b, x, cmd, dflt, XN_HEX);
	dt_arg(d, a, &b);
}

void decode_msgctl_cmd(struct dcall *d, struct darg *a)
{
	ipc_cmd(d, a, &xlat_msgctl_cmds, "MSG_???");
}

void decode_semctl_cmd(struct dcall *d, struct darg *a)
{
	ipc_cmd(d, a, &xlat_semctl_cmds, "SEM_???");
}

void decode_shmctl_cmd(struct dcall *d, struct darg *a)
{
	ipc_cmd(d, a, &xlat_shmctl_cmds, "SHM_???");
}

/* The numa mode: the policy by name, then its flags (every one of the
 * mode flags table). */
void decode_mpol_mode(struct dcall *d, struct darg *a)
{
	uint64_t mask = 0, mode, flags;

	for (uint32_t i = 0; i < xlat_mpol_mode_flags.n; i++)
		mask |= xlat_mpol_mode_flags.ent[i].val;
	mode = a->value & ~mask;
	flags = a->value & mask;
	const char *name = xlat_name(&xlat_mpol_modes, mode);
	struct xbuf b;

	if (!flags) {
		decode_fmt(d, a, F_ENUM, &xlat_mpol_modes, "MPOL_???");
		return;
	}
	if (!name) {
		decode_fmt(d, a, F_FLAGS, &xlat_mpol_mode_flags, "MPOL_???");
		return;
	}
	dt_begin(d, &b);
	xb_str(&b, name);
	xb_char(&b, '|');
	xlat_flags(&b, &xlat_mpol_mode_flags, flags, NULL);
	dt_arg(d, a, &b);
}
