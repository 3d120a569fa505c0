/* arch: the register and frame facts libbpf's bpf_tracing.h does not give
 * in a form the syscall programs can use: the syscall number as the
 * tracepoint saw it, the sixth syscall argument (libbpf 1.1 stops at the
 * fifth), where the argument registers lie together, where (one read for
 * all), and where rt_sigreturn finds the signal mask it restores.
 * Everything else comes from libbpf's PT_REGS_*_CORE_SYSCALL macros, so a
 * new architecture is one case here and its -D__TARGET_ARCH_ flag. */
#ifndef LOTRACE_BPF_ARCH_H
#define LOTRACE_BPF_ARCH_H

/* LT_SIGFRAME_MASK: where the signal mask rt_sigreturn restores is, from
 * the user stack pointer at its entry. x86-64: the handler's return
 * popped rt_sigframe's pretcode, so sp is the ucontext, whose uc_sigmask
 * follows uc_flags, uc_link, uc_stack (24) and the 256-byte sigcontext.
 * arm64: sp is the frame, a 128-byte siginfo and then the ucontext, whose
 * uc_sigmask follows uc_flags, uc_link and uc_stack. */
#if defined(__TARGET_ARCH_x86)
#define LT_SYSCALL_NR_CORE(x)		BPF_CORE_READ(x, orig_ax)
#define LT_PARM6_CORE_SYSCALL(x)	BPF_CORE_READ(x, r9)
#define LT_SIGFRAME_MASK		296
/* The six argument registers lie within r10..di of pt_regs (r10 r9 r8 ax
 * cx dx si di): one read of that stretch, offsets relocated by CO-RE. */
#define LT_ARGS_SPAN
#define LT_ARGS_SPAN_WORDS 8
#define LT_ARGS_SPAN_LO	((__u32)bpf_core_field_offset(struct pt_regs, r10))
#define LT_ARG_OFF(i)							\
	((__u32)((i) == 0 ? bpf_core_field_offset(struct pt_regs, di) :	\
		 (i) == 1 ? bpf_core_field_offset(struct pt_regs, si) :	\
		 (i) == 2 ? bpf_core_field_offset(struct pt_regs, dx) :	\
		 (i) == 3 ? bpf_core_field_offset(struct pt_regs, r10) :	\
		 (i) == 4 ? bpf_core_field_offset(struct pt_regs, r8) :	\
		 bpf_core_field_offset(struct pt_regs, r9)))
#elif defined(__TARGET_ARCH_arm64)
#define LT_SYSCALL_NR_CORE(x)		BPF_CORE_READ(x, syscallno)
#define LT_PARM6_CORE_SYSCALL(x)	BPF_CORE_READ(x, regs[5])
#define LT_SIGFRAME_MASK		168
#else
#error "lotrace's BPF programs do not know this architecture's syscall registers"
#endif

#endif
