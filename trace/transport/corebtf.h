/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LOTRACE_COREBTF_H
#define LOTRACE_COREBTF_H

#include <stddef.h>

/* Made at build time by bpf/gen-core-btf.sh: the kernel BTF the BPF
 * program's CO-RE relocations use, and what identifies the kernel it was
 * taken from; empty when the build machine could not make them. */
extern const unsigned char lt_core_btf[], lt_core_notes[], lt_core_version[];
extern const size_t lt_core_btf_len, lt_core_notes_len, lt_core_version_len;

/* On the kernel the build took its BTF from, a memfd holding that BTF and
 * its path in path (for libbpf's btf_custom_path); close the fd after the
 * load. -1 elsewhere: libbpf reads /sys/kernel/btf/vmlinux itself. */
int corebtf_open(char *path, size_t len);

#endif
