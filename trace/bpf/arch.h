/* arch: the two register facts libbpf's bpf_tracing.h does not give in a
 * form the syscall programs can use: the syscall number as the tracepoint
 * saw it, and the sixth syscall argument (libbpf 1.1 stops at the fifth).
 * Everything else comes from libbpf's PT_REGS_*_CORE_SYSCALL macros, so a
 * new architecture is one case here and its -D__TARGET_ARCH_ flag. */
#ifndef LOTRACE_BPF_ARCH_H
#define LOTRACE_BPF_ARCH_H

#if defined(__TARGET_ARCH_x86)
#define LT_SYSCALL_NR_CORE(x)		BPF_CORE_READ(x, orig_ax)
#define LT_PARM6_CORE_SYSCALL(x)	BPF_CORE_READ(x, r9)
#elif defined(__TARGET_ARCH_arm64)
#define LT_SYSCALL_NR_CORE(x)		BPF_CORE_READ(x, syscallno)
#define LT_PARM6_CORE_SYSCALL(x)	BPF_CORE_READ(x, regs[5])
#else
#error "lotrace's BPF programs do not know this architecture's syscall registers"
#endif

#endif
