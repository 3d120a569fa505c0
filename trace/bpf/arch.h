/* arch: where a syscall's number, arguments, result and the user ip are
 * in pt_regs, and where rt_sigreturn finds the signal mask it restores.
 * The syscall programs get pt_regs from bpf_task_pt_regs, a pointer whose
 * type the verifier knows, and read these fields with plain loads (at
 * x86-64's fixed offsets, or CO-RE relocated by vmlinux.h's
 * preserve_access_index): a helper call per read
 * was 6% of a traced dd call here. A new architecture is one case here and
 * its -D__TARGET_ARCH_ flag. */
#ifndef LOTRACE_BPF_ARCH_H
#define LOTRACE_BPF_ARCH_H

/* LT_SIGFRAME_MASK: where the signal mask rt_sigreturn restores is, from
 * the user stack pointer at its entry. x86-64: the handler's return
 * popped rt_sigframe's pretcode, so sp is the ucontext, whose uc_sigmask
 * follows uc_flags, uc_link, uc_stack (24) and the 256-byte sigcontext.
 * arm64: sp is the frame, a 128-byte siginfo and then the ucontext, whose
 * uc_sigmask follows uc_flags, uc_link and uc_stack. */
#if defined(__TARGET_ARCH_x86)
/* x86-64's pt_regs is user ABI (the layout asm/ptrace.h gives user space
 * too), so it is read at these fixed offsets, not CO-RE relocated: 241 of
 * the programs' 480 relocations were its registers, and libbpf spends
 * some 8000 instructions on each at every start. */
struct lt_x86_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};
#define LT_X86(r)		((const struct lt_x86_regs *)(r))
#define LT_REG_NR(r)		(LT_X86(r)->orig_ax)
#define LT_REG_RET(r)		(LT_X86(r)->ax)
#define LT_REG_IP(r)		(LT_X86(r)->ip)
#define LT_REG_SP(r)		(LT_X86(r)->sp)
#define LT_REG_ARG0(r)		(LT_X86(r)->di)
#define LT_REG_ARG1(r)		(LT_X86(r)->si)
#define LT_REG_ARG2(r)		(LT_X86(r)->dx)
#define LT_REG_ARG3(r)		(LT_X86(r)->r10)
#define LT_REG_ARG4(r)		(LT_X86(r)->r8)
#define LT_REG_ARG5(r)		(LT_X86(r)->r9)
#define LT_SIGFRAME_MASK	296
#elif defined(__TARGET_ARCH_arm64)
#define LT_REG_NR(r)		((r)->syscallno)
#define LT_REG_RET(r)		((r)->regs[0])
#define LT_REG_IP(r)		((r)->pc)
#define LT_REG_SP(r)		((r)->sp)
#define LT_REG_ARG0(r)		((r)->orig_x0)
#define LT_REG_ARG1(r)		((r)->regs[1])
#define LT_REG_ARG2(r)		((r)->regs[2])
#define LT_REG_ARG3(r)		((r)->regs[3])
#define LT_REG_ARG4(r)		((r)->regs[4])
#define LT_REG_ARG5(r)		((r)->regs[5])
#define LT_SIGFRAME_MASK	168
#else
#error "lotrace's BPF programs do not know this architecture's syscall registers"
#endif

#endif
