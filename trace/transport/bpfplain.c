/* bpfplain: the plain build of the BPF program (bpf/config.h), whose
 * object lotrace opens through the generic skeleton (bpfload.c). Its own
 * skeleton is here only for the object's bytes: the build checked that it
 * is the generic one's in all else (bpf/same-skeleton.sh). */
#include <stddef.h>
#include <stdlib.h>

#include "bpf/config.h"
#include "syscalls_plain.skel.h"
#include "transport/bpfplain.h"

const void *bpfplain_object(size_t *size)
{
	return lotrace_plain_bpf__elf_bytes(size);
}
