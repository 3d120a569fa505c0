/* SPDX-License-Identifier: MIT */
/*
 * lotrace/usdt.h - header-only USDT (user statically-defined tracing) probes
 *
 * Include this one file and mark interesting points of a C or C++ program:
 *
 *	#include <lotrace/usdt.h>
 *
 *	void serve(int fd, const char *key, size_t len)
 *	{
 *		USDT(kvd, request_start, fd, key, len);
 *		...
 *	}
 *
 * Each probe site is a `nop` instruction plus a record in the ELF note section
 * `.note.stapsdt`. The record names the probe (provider `kvd`, name
 * `request_start`) and says where each argument lives at the `nop`
 * ("-4@%edi 8@%rsi 8@-24(%rbp)"). Nobody pays anything while no tool is
 * tracing; a tracer (lotrace -u, bpftrace, perf, BCC, systemtap, gdb) puts a
 * uprobe on the `nop` and reads the arguments from there. Nothing needs to
 * be linked and no other header is needed.
 *
 * 1. Probes without a semaphore
 *
 *	USDT(group, name, args...)		0 to 12 arguments
 *
 *    `group` (the provider) and `name` are identifiers; they are written
 *    into the note exactly as spelled. Use this form when the arguments are
 *    already at hand: the cost of an untraced probe is the `nop` and nothing
 *    else, no load and no branch.
 *
 * 2. Probes with a semaphore
 *
 *	if (USDT_IS_ACTIVE(kvd, request_done))
 *		USDT_WITH_SEMA(kvd, request_done, fd, describe(req));
 *
 *    The semaphore is an unsigned short that the kernel increments while a
 *    tracer is attached to the probe (uprobe `ref_ctr_offset`), so
 *    USDT_IS_ACTIVE() is 1 exactly while someone is tracing and 0 otherwise.
 *    Use it to skip work done only for the probe. The semaphore is created
 *    implicitly: no definition is needed, the same probe may appear in
 *    several source files and inline functions, and each executable or
 *    shared library gets its own copy (the symbol is weak and hidden), which
 *    is what the note format requires. Checking costs one load and one
 *    well-predicted branch.
 *
 *    A semaphore shared by several probes (a request's start and end, say) is
 *    defined once by the program:
 *
 *	USDT_DEFINE_SEMA(kvd_req);		in one .c file
 *	USDT_DECLARE_SEMA(kvd_req);		in a header, for the others
 *
 *	if (USDT_SEMA_IS_ACTIVE(kvd_req))
 *		USDT_WITH_EXPLICIT_SEMA(kvd_req, kvd, request_start, id);
 *
 *    Semaphores are `struct usdt_sema` and their symbols are named as in
 *    libbpf's usdt.h (`__usdt_sema_kvd_req`, `__usdt_sema_kvd__request_done`
 *    for the implicit one), so objects built with either header share them.
 *
 * 3. systemtap's spellings
 *
 *    STAP_PROBE(p, n), STAP_PROBE1(p, n, a1) ... STAP_PROBE12 and
 *    DTRACE_PROBE(p, n) ... DTRACE_PROBE12 behave as in <sys/sdt.h>, so code
 *    written for systemtap switches by changing its #include. They are not
 *    defined again if <sys/sdt.h> was included first. Headers made by
 *    usdt-gen(1) from a DTrace provider file give typed PROVIDER_NAME(...)
 *    and PROVIDER_NAME_ENABLED() macros built on this header.
 *
 * Arguments
 *
 *    Any scalar expression: _Bool/bool, char, every integer width, enums and
 *    pointers (arrays and string literals are passed as pointers). The note
 *    records each argument as SIZE@OPERAND: SIZE is the byte size of the
 *    argument's type, negative when the type is signed (`char` follows the
 *    target's ABI: signed on x86-64, unsigned on aarch64; an enum follows the
 *    integer type the compiler chose for it); OPERAND is what the compiler
 *    picked under the asm constraint, a register (`%edi`), a memory operand
 *    (`-20(%rbp)`, `8(%rsp)`, `-4(%rsp)` below the stack pointer,
 *    `counter(%rip)`, and in -fPIC code `sym@GOTPCREL(%rip)`, the GOT slot
 *    holding the value) or a constant (`$42`). Compilers print a constant
 *    sign-extended from its mode: (unsigned char)255 is `1@$-1`; the size
 *    governs and a consumer keeps the low bytes. Each argument is evaluated
 *    once.
 *
 *    float and double are recorded as unsigned 4- or 8-byte values; the
 *    constraint keeps them in general registers or memory, so a tracer
 *    reads their IEEE-754 bits and must reinterpret them itself. Structs,
 *    unions, long double and 128-bit integers are accepted by the compiler
 *    but their size does not fit a tracer's 1, 2, 4 or 8 bytes: pass a
 *    pointer or a member instead. In C, bit-fields cannot be arguments (cast
 *    them: `(int)s.bits`); in C++ g++ takes them but clang++ says "reference
 *    to a bit-field in asm output with a memory constraint 'nor'": cast
 *    them there too.
 *
 *    Each probe also records its arguments' types, beside the note in the
 *    non-allocated section .lotrace.usdt, which other tools ignore: `char *`
 *    and `const char *` (and char arrays) are strings, other pointers are
 *    pointers, float and double are floats, the rest integers with their
 *    sign (C11's _Generic, C99's type-compatibility builtin, C++'s type
 *    traits). lotrace prints a string argument as a string from it. The
 *    layout is documented at __lotrace_usdt_desc below and in
 *    lotrace-usdt(3).
 *
 *    Not every consumer reads every operand: bpftrace 0.17, for one, reads
 *    arg0 to arg5 only and cannot resolve `sym(%rip)`. Copy such a value
 *    into a local variable, or choose another constraint (below).
 *
 *    The operands come from the `nor` constraint (immediate, memory or
 *    register), and each probe is the same pair of asm statements as in
 *    <sys/sdt.h>, so the same code gives the same notes, byte for byte.
 *    If the compiler reports "impossible constraint" or "asm requires
 *    impossible reload" (many arguments in a function that is short of
 *    registers), choose another constraint before the #include:
 *
 *	#define USDT_ARG_CONSTRAINT g
 *
 *    systemtap's STAP_SDT_ARG_CONSTRAINT is honoured as well.
 *
 * The probe instruction
 *
 *    By default a probe site is exactly one `nop` (one byte, 0x90 on x86-64).
 *    Linux 6.18 turns a uprobe on the 5-byte `nopl 0x0(%rax,%rax,1)` into a
 *    call instead of a trap, but measured per traced hit (bench/probe.sh)
 *    that call costs more than the trap on one `nop`, so the `nop` stays.
 *    As with libbpf's usdt.h, USDT_NOP defined before the #include replaces
 *    the instruction (commas allowed):
 *
 *	#define USDT_NOP .byte 0x0f, 0x1f, 0x44, 0x00, 0x00
 *
 *    LOTRACE_USDT_NOP10 makes x86-64 sites a `nop` followed by the 10-byte
 *    `nopw %cs:0x0(%rax,%rax,1)`. The note points at the site's first byte,
 *    so every tracer works with any form.
 *
 * libbpf compatibility
 *
 *    USDT_MAJOR_VERSION, USDT_MINOR_VERSION and USDT_PATCH_VERSION say the
 *    libbpf usdt.h API this header implements (0.1.0). Of libbpf's
 *    overridable internals, USDT_ARG_CONSTRAINT and USDT_NOP are honoured;
 *    __usdt_asm_name, __usdt_nth, __usdt_narg and the __usdt_sema_* hooks
 *    are not: they shape libbpf's own macros, not the object, and changing
 *    the semaphore ones would break the shared semaphore symbols.
 *
 * Note format
 *
 *    Notes are of type 3 with owner "stapsdt", laid out as systemtap's
 *    <sys/sdt.h> lays them out (probe address, `_.stapsdt.base` address,
 *    semaphore address or 0, provider, name, argument string), and the
 *    one-byte `.stapsdt.base` section lets tools compute the prelink/load
 *    offset. Semaphores are unsigned shorts in section `.probes`.
 *
 * Supported compilers and targets
 *
 *    gcc and clang; C99 and later (C11, C23) and C++11 and later (up to
 *    C++20), warning-free with -Wall -Wextra -pedantic at -O0 to -O3 and
 *    with LTO; executables, PIE and -fPIC shared libraries. x86-64 is tested
 *    end to end. aarch64 uses the same definitions (one `nop`, `.8byte`
 *    addresses, operands such as `x0`, `[x8]` or `[sp, 12]`, constants
 *    without `$`); its notes are checked against <sys/sdt.h>'s by
 *    cross-compiling C with clang, not on hardware. The macros need GNU C
 *    (asm with named operands, __typeof__, __builtin_classify_type).
 *
 * The macros below whose names start with `__lotrace_usdt_` are private.
 */
#ifndef LOTRACE_USDT_H
#define LOTRACE_USDT_H

/* This header's own version. */
#define LOTRACE_USDT_VERSION_MAJOR 0
#define LOTRACE_USDT_VERSION_MINOR 2
#define LOTRACE_USDT_VERSION_PATCH 0

/*
 * USDT_MAJOR_VERSION, USDT_MINOR_VERSION, USDT_PATCH_VERSION - the version
 * of libbpf's usdt.h API that this header implements (0.1.0), for code that
 * checks for it as it checks for libbpf's header.
 */
#define USDT_MAJOR_VERSION 0
#define USDT_MINOR_VERSION 1
#define USDT_PATCH_VERSION 0

/*
 * USDT(group, name, args...) - fire probe group:name with 0 to 12 arguments.
 *
 * No semaphore is attached to the probe. The group and name are not strings
 * but identifiers, e.g. USDT(kvd, request_start, fd).
 */
#define USDT(...)							\
	__lotrace_usdt_dispatch(__lotrace_usdt_k_none, 0, __VA_ARGS__)

/*
 * USDT_WITH_SEMA(group, name, args...) - fire probe group:name whose
 * semaphore is created implicitly (see USDT_IS_ACTIVE()).
 *
 * The probe fires whether or not a tracer is attached; guard it with
 * USDT_IS_ACTIVE(group, name) when computing its arguments costs something.
 */
#define USDT_WITH_SEMA(...)						\
	__lotrace_usdt_dispatch(__lotrace_usdt_k_implicit, 0, __VA_ARGS__)

/*
 * USDT_IS_ACTIVE(group, name) - 1 while a tracer is attached to the
 * USDT_WITH_SEMA() probe group:name of this executable or library, else 0.
 *
 * An int expression usable wherever a statement expression is: one load of
 * the probe's semaphore. The answer may be stale by the time the probe fires
 * (a tracer may attach or detach in between); tracers expect that.
 */
#define USDT_IS_ACTIVE(group, name)					\
	__extension__ ({						\
		__lotrace_usdt_sema_def(__lotrace_usdt_sema_sym(group, name)) \
		__lotrace_usdt_block_extern_begin			\
		extern struct usdt_sema					\
			__lotrace_usdt_sema_sym(group, name)		\
			__asm__(__lotrace_usdt_str(			\
				__lotrace_usdt_sema_sym(group, name)))	\
			__attribute__((visibility("hidden")));		\
		__lotrace_usdt_block_extern_end				\
		__lotrace_usdt_int(__builtin_expect(			\
			__lotrace_usdt_sema_sym(group, name).active != 0, \
			0) != 0);					\
	})

/*
 * struct usdt_sema - a semaphore, as libbpf's usdt.h defines it: `active`
 * counts the tracers attached to the probes that use it (the kernel's
 * uprobe reference counter, an unsigned short).
 */
struct usdt_sema {
	volatile unsigned short active;
};

/*
 * USDT_SEMA(sema) - the variable behind explicit semaphore `sema`, for
 * debuggers and for code that must name it; USDT_SEMA_IS_ACTIVE() is the
 * normal way to read it. Its symbol is `__usdt_sema_<sema>`, the name
 * libbpf's usdt.h gives it, so an object built with either header can
 * define a semaphore that the other declares.
 */
#define USDT_SEMA(sema) __usdt_sema_##sema

/*
 * USDT_DEFINE_SEMA(sema) - define explicit semaphore `sema`.
 *
 * Once per executable or shared library, at file scope, like any global
 * variable definition. The symbol is hidden: a semaphore cannot be shared
 * between an executable and its libraries, since notes are not relocated at
 * run time. In C++ it may be placed in a namespace; the symbol name does not
 * depend on the namespace.
 */
#define USDT_DEFINE_SEMA(sema)						\
	__attribute__((section(".probes"), used,			\
		       visibility("hidden")))				\
	struct usdt_sema USDT_SEMA(sema)				\
		__asm__(__lotrace_usdt_str(USDT_SEMA(sema))) = { 0 }

/*
 * USDT_DECLARE_SEMA(sema) - declare explicit semaphore `sema` defined by
 * USDT_DEFINE_SEMA() in another source file of the same executable or
 * library.
 */
#define USDT_DECLARE_SEMA(sema)						\
	extern struct usdt_sema USDT_SEMA(sema)				\
		__asm__(__lotrace_usdt_str(USDT_SEMA(sema)))		\
		__attribute__((visibility("hidden")))

/*
 * USDT_SEMA_IS_ACTIVE(sema) - 1 while a tracer is attached to any probe that
 * uses explicit semaphore `sema`, else 0.
 */
#define USDT_SEMA_IS_ACTIVE(sema)					\
	__lotrace_usdt_int(						\
		__builtin_expect(USDT_SEMA(sema).active != 0, 0) != 0)

/*
 * USDT_WITH_EXPLICIT_SEMA(sema, group, name, args...) - fire probe
 * group:name (0 to 12 arguments) tied to explicit semaphore `sema`.
 */
#define USDT_WITH_EXPLICIT_SEMA(sema, ...)				\
	__lotrace_usdt_dispatch(__lotrace_usdt_k_explicit, sema, __VA_ARGS__)

/*
 * USDT_ARG_CONSTRAINT - the asm constraint that places probe arguments.
 *
 * Define it before including this header to override the default `nor`
 * (systemtap's STAP_SDT_ARG_CONSTRAINT is taken if that one is defined).
 */
#ifndef USDT_ARG_CONSTRAINT
#ifdef STAP_SDT_ARG_CONSTRAINT
#define USDT_ARG_CONSTRAINT STAP_SDT_ARG_CONSTRAINT
#else
#define USDT_ARG_CONSTRAINT nor
#endif
#endif

/*
 * systemtap's <sys/sdt.h> names: STAP_PROBEn(provider, name, a1 .. an) and
 * DTRACE_PROBEn, n = 0 (no suffix) to 12, probes without semaphore, and
 * STAP_PROBEV(provider, name, ...) if SDT_USE_VARIADIC is defined. Left to
 * <sys/sdt.h> if it was included first. (STAP_PROBE_ASM, for probes in
 * assembly, is not provided.)
 */
#ifndef _SYS_SDT_H
#define STAP_PROBE(p, n)	USDT(p, n)
#define STAP_PROBE1(p, n, a1) \
	USDT(p, n, a1)
#define STAP_PROBE2(p, n, a1, a2) \
	USDT(p, n, a1, a2)
#define STAP_PROBE3(p, n, a1, a2, a3) \
	USDT(p, n, a1, a2, a3)
#define STAP_PROBE4(p, n, a1, a2, a3, a4) \
	USDT(p, n, a1, a2, a3, a4)
#define STAP_PROBE5(p, n, a1, a2, a3, a4, a5) \
	USDT(p, n, a1, a2, a3, a4, a5)
#define STAP_PROBE6(p, n, a1, a2, a3, a4, a5, a6) \
	USDT(p, n, a1, a2, a3, a4, a5, a6)
#define STAP_PROBE7(p, n, a1, a2, a3, a4, a5, a6, a7) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7)
#define STAP_PROBE8(p, n, a1, a2, a3, a4, a5, a6, a7, a8) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8)
#define STAP_PROBE9(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9)
#define STAP_PROBE10(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)
#define STAP_PROBE11(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11)
#define STAP_PROBE12(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12)
#define DTRACE_PROBE(p, n)	USDT(p, n)
#define DTRACE_PROBE1(p, n, a1) \
	USDT(p, n, a1)
#define DTRACE_PROBE2(p, n, a1, a2) \
	USDT(p, n, a1, a2)
#define DTRACE_PROBE3(p, n, a1, a2, a3) \
	USDT(p, n, a1, a2, a3)
#define DTRACE_PROBE4(p, n, a1, a2, a3, a4) \
	USDT(p, n, a1, a2, a3, a4)
#define DTRACE_PROBE5(p, n, a1, a2, a3, a4, a5) \
	USDT(p, n, a1, a2, a3, a4, a5)
#define DTRACE_PROBE6(p, n, a1, a2, a3, a4, a5, a6) \
	USDT(p, n, a1, a2, a3, a4, a5, a6)
#define DTRACE_PROBE7(p, n, a1, a2, a3, a4, a5, a6, a7) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7)
#define DTRACE_PROBE8(p, n, a1, a2, a3, a4, a5, a6, a7, a8) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8)
#define DTRACE_PROBE9(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9)
#define DTRACE_PROBE10(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)
#define DTRACE_PROBE11(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11)
#define DTRACE_PROBE12(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, \
		       a12) \
	USDT(p, n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12)
#ifdef SDT_USE_VARIADIC
#define STAP_PROBEV(...)	USDT(__VA_ARGS__)
#endif
#endif

/* ------------------------------------------------------------------------
 * Implementation. Nothing below is API.
 */

/* A comparison's result as an int, which in C++ is a bool. */
#ifdef __cplusplus
#define __lotrace_usdt_int(x)		static_cast<int>(x)
#else
#define __lotrace_usdt_int(x)		(x)
#endif

#define __lotrace_usdt_str_(x)		#x
#define __lotrace_usdt_str(x)		__lotrace_usdt_str_(x)
#define __lotrace_usdt_cat_(a, b)	a##b
#define __lotrace_usdt_cat(a, b)	__lotrace_usdt_cat_(a, b)

/*
 * The public macros take `...` starting at the group, so that a probe with
 * no arguments still passes two (group and name): ISO C before C23 and C++
 * before C++20 forbid an empty `...`, and -pedantic says so at every call.
 * __lotrace_usdt_nargs() counts 2 to 14 of them.
 */
#define __lotrace_usdt_nth(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11,	\
			   a12, a13, a14, a15, n, ...) n
#define __lotrace_usdt_nargs(...)					\
	__lotrace_usdt_nth(__VA_ARGS__, 15, 14, 13, 12, 11, 10, 9, 8,	\
			   7, 6, 5, 4, 3, 2, 1, 0)
#define __lotrace_usdt_dispatch(kind, sema, ...)			\
	__lotrace_usdt_cat(__lotrace_usdt_probe,			\
			   __lotrace_usdt_nargs(__VA_ARGS__))		\
		(kind, sema, __VA_ARGS__)

#define __lotrace_usdt_probe2(k, s, g, n)				\
	__lotrace_usdt_emit(k, s, g, n, 0, ())
#define __lotrace_usdt_probe3(k, s, g, n, a1)				\
	__lotrace_usdt_emit(k, s, g, n, 1, (a1))
#define __lotrace_usdt_probe4(k, s, g, n, a1, a2)			\
	__lotrace_usdt_emit(k, s, g, n, 2, (a1, a2))
#define __lotrace_usdt_probe5(k, s, g, n, a1, a2, a3)			\
	__lotrace_usdt_emit(k, s, g, n, 3, (a1, a2, a3))
#define __lotrace_usdt_probe6(k, s, g, n, a1, a2, a3, a4)		\
	__lotrace_usdt_emit(k, s, g, n, 4, (a1, a2, a3, a4))
#define __lotrace_usdt_probe7(k, s, g, n, a1, a2, a3, a4, a5)		\
	__lotrace_usdt_emit(k, s, g, n, 5, (a1, a2, a3, a4, a5))
#define __lotrace_usdt_probe8(k, s, g, n, a1, a2, a3, a4, a5, a6)	\
	__lotrace_usdt_emit(k, s, g, n, 6, (a1, a2, a3, a4, a5, a6))
#define __lotrace_usdt_probe9(k, s, g, n, a1, a2, a3, a4, a5, a6, a7)	\
	__lotrace_usdt_emit(k, s, g, n, 7, (a1, a2, a3, a4, a5, a6, a7))
#define __lotrace_usdt_probe10(k, s, g, n, a1, a2, a3, a4, a5, a6, a7,	\
			       a8)					\
	__lotrace_usdt_emit(k, s, g, n, 8,				\
			    (a1, a2, a3, a4, a5, a6, a7, a8))
#define __lotrace_usdt_probe11(k, s, g, n, a1, a2, a3, a4, a5, a6, a7,	\
			       a8, a9)					\
	__lotrace_usdt_emit(k, s, g, n, 9,				\
			    (a1, a2, a3, a4, a5, a6, a7, a8, a9))
#define __lotrace_usdt_probe12(k, s, g, n, a1, a2, a3, a4, a5, a6, a7,	\
			       a8, a9, a10)				\
	__lotrace_usdt_emit(k, s, g, n, 10,				\
			    (a1, a2, a3, a4, a5, a6, a7, a8, a9, a10))
#define __lotrace_usdt_probe13(k, s, g, n, a1, a2, a3, a4, a5, a6, a7,	\
			       a8, a9, a10, a11)			\
	__lotrace_usdt_emit(k, s, g, n, 11,				\
			    (a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11))
#define __lotrace_usdt_probe14(k, s, g, n, a1, a2, a3, a4, a5, a6, a7,	\
			       a8, a9, a10, a11, a12)			\
	__lotrace_usdt_emit(k, s, g, n, 12,				\
			    (a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, \
			     a12))
/* More than 12 arguments: the count names no macro and compilation stops. */

/*
 * The nop and its note, then _.stapsdt.base: two asm statements, as
 * <sys/sdt.h> has them, because the second (an asm without operands) is
 * what makes compilers place the arguments exactly as for <sys/sdt.h>.
 * `kind` decides the note's semaphore field and whether a semaphore must be
 * defined first.
 */
#define __lotrace_usdt_emit(kind, sema, g, n, nargs, args)		\
	do {								\
		kind##_prepare(sema, g, n)				\
		__asm__ __volatile__(					\
			"990:\t" __lotrace_usdt_nop "\n"		\
			__lotrace_usdt_note(g, n,			\
				kind##_addr(sema, g, n),		\
				__lotrace_usdt_specs##nargs)		\
			__lotrace_usdt_desc##nargs(g, n)		\
			: : __lotrace_usdt_ops##nargs args		\
			__lotrace_usdt_tyop##nargs args);		\
		__asm__ __volatile__(__lotrace_usdt_base);		\
	} while (0)

#define __lotrace_usdt_k_none_prepare(sema, g, n)
#define __lotrace_usdt_k_none_addr(sema, g, n)	0
#define __lotrace_usdt_k_implicit_prepare(sema, g, n)			\
	__lotrace_usdt_sema_def(__lotrace_usdt_sema_sym(g, n))
#define __lotrace_usdt_k_implicit_addr(sema, g, n)			\
	__lotrace_usdt_sema_sym(g, n)
/* The empty asm tells the compiler (and LTO) that the variable is used. */
#define __lotrace_usdt_k_explicit_prepare(sema, g, n)			\
	__asm__ __volatile__("" : : "m"(USDT_SEMA(sema)));
#define __lotrace_usdt_k_explicit_addr(sema, g, n)	USDT_SEMA(sema)

#ifdef USDT_NOP
#define __lotrace_usdt_nop	__lotrace_usdt_strv(USDT_NOP)
#elif defined(__x86_64__) && defined(LOTRACE_USDT_NOP10)
/* nop; nopw %cs:0x0(%rax,%rax,1) -- the exact bytes tracers look for. */
#define __lotrace_usdt_nop						\
	".byte 0x90, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00"
#elif defined(__ia64__) || defined(__s390__) || defined(__s390x__)
#define __lotrace_usdt_nop	"nop 0"
#else
#define __lotrace_usdt_nop	"nop"
#endif
/* USDT_NOP may hold commas (".byte 0x0f, 0x1f, ..."): stringified whole. */
#define __lotrace_usdt_strv_(...)	#__VA_ARGS__
#define __lotrace_usdt_strv(...)	__lotrace_usdt_strv_(__VA_ARGS__)

#if defined(__LP64__) || defined(_LP64)
#define __lotrace_usdt_addr	".8byte"
#else
#define __lotrace_usdt_addr	".4byte"
#endif

/*
 * The implicit semaphore of group:name, `__usdt_sema_<group>__<name>` as in
 * libbpf's usdt.h. It is defined in assembly, weak and hidden, by every
 * expansion that needs it; `.ifndef` keeps a translation unit (or an LTO
 * partition) to one definition and the linker merges the weak copies of
 * different units (built with either header) into one per executable or
 * library.
 */
#define __lotrace_usdt_sema_sym(g, n)	__usdt_sema_##g##__##n
#define __lotrace_usdt_sema_def(sym)					\
	__asm__ __volatile__(						\
		".ifndef " __lotrace_usdt_str(sym) "\n"			\
		".pushsection .probes, \"aw\", \"progbits\"\n"		\
		".weak " __lotrace_usdt_str(sym) "\n"			\
		".hidden " __lotrace_usdt_str(sym) "\n"			\
		".balign 2\n"						\
		__lotrace_usdt_str(sym) ":\n"				\
		".zero 2\n"						\
		".type " __lotrace_usdt_str(sym) ", %%object\n"		\
		".size " __lotrace_usdt_str(sym) ", 2\n"		\
		".popsection\n"						\
		".endif\n"						\
		: : );

/*
 * USDT_IS_ACTIVE() declares the semaphore inside its statement expression,
 * which the user's -Wnested-externs or -Wredundant-decls would report.
 */
#if defined(__clang__)
#define __lotrace_usdt_block_extern_begin				\
	_Pragma("clang diagnostic push")				\
	_Pragma("clang diagnostic ignored \"-Wredundant-decls\"")
#define __lotrace_usdt_block_extern_end					\
	_Pragma("clang diagnostic pop")
#elif defined(__cplusplus)
#define __lotrace_usdt_block_extern_begin				\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wredundant-decls\"")
#define __lotrace_usdt_block_extern_end					\
	_Pragma("GCC diagnostic pop")
#else
#define __lotrace_usdt_block_extern_begin				\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wnested-externs\"")	\
	_Pragma("GCC diagnostic ignored \"-Wredundant-decls\"")
#define __lotrace_usdt_block_extern_end					\
	_Pragma("GCC diagnostic pop")
#endif

/*
 * The note: namesz, descsz, type 3, "stapsdt", then the probe's address,
 * the address of _.stapsdt.base, the semaphore's address (or 0), provider,
 * name and the argument specs, each NUL-terminated. "?" puts the note in the
 * section group of the code around it, so a C++ inline function's notes are
 * dropped together with its discarded COMDAT copies.
 */
#define __lotrace_usdt_note(g, n, sema_addr, specs)			\
	".pushsection .note.stapsdt, \"?\", \"note\"\n"			\
	".balign 4\n"							\
	".4byte 992f-991f, 994f-993f, 3\n"				\
	"991:\t.asciz \"stapsdt\"\n"					\
	"992:\t.balign 4\n"						\
	"993:\t" __lotrace_usdt_addr " 990b\n"				\
	__lotrace_usdt_addr " _.stapsdt.base\n"				\
	__lotrace_usdt_addr " " __lotrace_usdt_str(sema_addr) "\n"	\
	".asciz \"" __lotrace_usdt_str(g) "\"\n"			\
	".asciz \"" __lotrace_usdt_str(n) "\"\n"			\
	specs								\
	".byte 0\n"							\
	"994:\t.balign 4\n"						\
	".popsection\n"

/*
 * _.stapsdt.base marks a one-byte allocated section; tools compare its
 * address in the file with the one in the note to detect prelinking.
 */
#define __lotrace_usdt_base						\
	".ifndef _.stapsdt.base\n"					\
	".pushsection .stapsdt.base, \"aG\", \"progbits\", "		\
		".stapsdt.base, comdat\n"				\
	".weak _.stapsdt.base\n"					\
	".hidden _.stapsdt.base\n"					\
	"_.stapsdt.base:\n"						\
	".space 1\n"							\
	".size _.stapsdt.base, 1\n"					\
	".popsection\n"							\
	".endif\n"

/*
 * The type descriptor: a record in section .lotrace.usdt beside each note
 * with arguments, so that a tracer can print a `char *` as a string, a
 * pointer in hex and a number with its sign (the note only has sizes).
 * Version 1, in the target's byte order:
 *
 *	u8	version		1
 *	u8	nargs		as in the note, 1 to 12
 *	u16	size		bytes from `version` to the end of `name`
 *	u32	reserved	0
 *	addr	location	the probe's address, 8 bytes (4 on ILP32),
 *				relocated as the note's first address
 *	u8	type[nargs]	__LOTRACE_USDT_T_* below
 *	char	provider[]	NUL-terminated, as in the note
 *	char	name[]		NUL-terminated, as in the note
 *
 * Records start 8-aligned; a reader skips to the next multiple of 8 after
 * `size` bytes, and skips records of a version it does not know. The
 * section is not allocated (nothing is loaded at run time) and sits in the
 * same section group as the note, so both go away together. The types are
 * packed 4 bits an argument into one constant operand (GCC allows 30
 * operands per asm; twelve arguments take 24) and unpacked by the
 * assembler.
 */
#define __lotrace_usdt_desc(g, n, nargs, types)				\
	".pushsection .lotrace.usdt, \"?\", \"progbits\"\n"		\
	".balign 8\n"							\
	"995:\t.byte 1, " #nargs "\n"					\
	".2byte 996f-995b\n"						\
	".4byte 0\n"							\
	__lotrace_usdt_addr " 990b\n"					\
	".byte " types "\n"						\
	".asciz \"" __lotrace_usdt_str(g) "\"\n"			\
	".asciz \"" __lotrace_usdt_str(n) "\"\n"			\
	"996:\t.popsection\n"

#define __lotrace_usdt_t(op, shift)					\
	"(%c[__lotrace_usdt_" #op "] >> " #shift ") & 15"
#define __lotrace_usdt_t1	__lotrace_usdt_t(ty, 0)
#define __lotrace_usdt_t2	__lotrace_usdt_t1 ", " \
				__lotrace_usdt_t(ty, 4)
#define __lotrace_usdt_t3	__lotrace_usdt_t2 ", " \
				__lotrace_usdt_t(ty, 8)
#define __lotrace_usdt_t4	__lotrace_usdt_t3 ", " \
				__lotrace_usdt_t(ty, 12)
#define __lotrace_usdt_t5	__lotrace_usdt_t4 ", " \
				__lotrace_usdt_t(ty, 16)
#define __lotrace_usdt_t6	__lotrace_usdt_t5 ", " \
				__lotrace_usdt_t(ty, 20)
#define __lotrace_usdt_t7	__lotrace_usdt_t6 ", " \
				__lotrace_usdt_t(ty2, 0)
#define __lotrace_usdt_t8	__lotrace_usdt_t7 ", " \
				__lotrace_usdt_t(ty2, 4)
#define __lotrace_usdt_t9	__lotrace_usdt_t8 ", " \
				__lotrace_usdt_t(ty2, 8)
#define __lotrace_usdt_t10	__lotrace_usdt_t9 ", " \
				__lotrace_usdt_t(ty2, 12)
#define __lotrace_usdt_t11	__lotrace_usdt_t10 ", " \
				__lotrace_usdt_t(ty2, 16)
#define __lotrace_usdt_t12	__lotrace_usdt_t11 ", " \
				__lotrace_usdt_t(ty2, 20)

/* A probe without arguments has nothing to describe. */
#define __lotrace_usdt_desc0(g, n)
#define __lotrace_usdt_desc1(g, n)					\
	__lotrace_usdt_desc(g, n, 1, __lotrace_usdt_t1)
#define __lotrace_usdt_desc2(g, n)					\
	__lotrace_usdt_desc(g, n, 2, __lotrace_usdt_t2)
#define __lotrace_usdt_desc3(g, n)					\
	__lotrace_usdt_desc(g, n, 3, __lotrace_usdt_t3)
#define __lotrace_usdt_desc4(g, n)					\
	__lotrace_usdt_desc(g, n, 4, __lotrace_usdt_t4)
#define __lotrace_usdt_desc5(g, n)					\
	__lotrace_usdt_desc(g, n, 5, __lotrace_usdt_t5)
#define __lotrace_usdt_desc6(g, n)					\
	__lotrace_usdt_desc(g, n, 6, __lotrace_usdt_t6)
#define __lotrace_usdt_desc7(g, n)					\
	__lotrace_usdt_desc(g, n, 7, __lotrace_usdt_t7)
#define __lotrace_usdt_desc8(g, n)					\
	__lotrace_usdt_desc(g, n, 8, __lotrace_usdt_t8)
#define __lotrace_usdt_desc9(g, n)					\
	__lotrace_usdt_desc(g, n, 9, __lotrace_usdt_t9)
#define __lotrace_usdt_desc10(g, n)					\
	__lotrace_usdt_desc(g, n, 10, __lotrace_usdt_t10)
#define __lotrace_usdt_desc11(g, n)					\
	__lotrace_usdt_desc(g, n, 11, __lotrace_usdt_t11)
#define __lotrace_usdt_desc12(g, n)					\
	__lotrace_usdt_desc(g, n, 12, __lotrace_usdt_t12)

/*
 * The argument types, one per nibble, argument 1 in the lowest: six to an
 * operand, because x86-64 prints only 32-bit constants bare (%c).
 */
#define __lotrace_usdt_ty(x, i)	(__lotrace_usdt_kind(x) << (4 * (i)))
#define __lotrace_usdt_pk1(a1)	__lotrace_usdt_ty(a1, 0)
#define __lotrace_usdt_pk2(a1, a2)	\
	__lotrace_usdt_pk1(a1) | __lotrace_usdt_ty(a2, 1)
#define __lotrace_usdt_pk3(a1, a2, a3)	\
	__lotrace_usdt_pk2(a1, a2) | __lotrace_usdt_ty(a3, 2)
#define __lotrace_usdt_pk4(a1, a2, a3, a4)	\
	__lotrace_usdt_pk3(a1, a2, a3) | __lotrace_usdt_ty(a4, 3)
#define __lotrace_usdt_pk5(a1, a2, a3, a4, a5)	\
	__lotrace_usdt_pk4(a1, a2, a3, a4) | __lotrace_usdt_ty(a5, 4)
#define __lotrace_usdt_pk6(a1, a2, a3, a4, a5, a6)	\
	__lotrace_usdt_pk5(a1, a2, a3, a4, a5) | __lotrace_usdt_ty(a6, 5)
#define __lotrace_usdt_tyop0()
#define __lotrace_usdt_tyop1(a1)	\
	, [__lotrace_usdt_ty] "n"(__lotrace_usdt_pk1(a1))
#define __lotrace_usdt_tyop2(a1, a2)	\
	, [__lotrace_usdt_ty] "n"(__lotrace_usdt_pk2(a1, a2))
#define __lotrace_usdt_tyop3(a1, a2, a3)	\
	, [__lotrace_usdt_ty] "n"(__lotrace_usdt_pk3(a1, a2, a3))
#define __lotrace_usdt_tyop4(a1, a2, a3, a4)	\
	, [__lotrace_usdt_ty] "n"(__lotrace_usdt_pk4(a1, a2, a3, a4))
#define __lotrace_usdt_tyop5(a1, a2, a3, a4, a5)	\
	, [__lotrace_usdt_ty] "n"(__lotrace_usdt_pk5(a1, a2, a3, a4, a5))
#define __lotrace_usdt_tyop6(a1, a2, a3, a4, a5, a6)	\
	, [__lotrace_usdt_ty] "n"(__lotrace_usdt_pk6(a1, a2, a3, a4, a5, a6))
#define __lotrace_usdt_tyop7(a1, a2, a3, a4, a5, a6, a7)	\
	__lotrace_usdt_tyop6(a1, a2, a3, a4, a5, a6)	\
	, [__lotrace_usdt_ty2] "n"(__lotrace_usdt_pk1(a7))
#define __lotrace_usdt_tyop8(a1, a2, a3, a4, a5, a6, a7, a8)	\
	__lotrace_usdt_tyop6(a1, a2, a3, a4, a5, a6)	\
	, [__lotrace_usdt_ty2] "n"(__lotrace_usdt_pk2(a7, a8))
#define __lotrace_usdt_tyop9(a1, a2, a3, a4, a5, a6, a7, a8, a9)	\
	__lotrace_usdt_tyop6(a1, a2, a3, a4, a5, a6)	\
	, [__lotrace_usdt_ty2] "n"(__lotrace_usdt_pk3(a7, a8, a9))
#define __lotrace_usdt_tyop10(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)	\
	__lotrace_usdt_tyop6(a1, a2, a3, a4, a5, a6)	\
	, [__lotrace_usdt_ty2] "n"(__lotrace_usdt_pk4(a7, a8, a9, a10))
#define __lotrace_usdt_tyop11(a1, a2, a3, a4, a5, a6, \
			      a7, a8, a9, a10, a11)	\
	__lotrace_usdt_tyop6(a1, a2, a3, a4, a5, a6)	\
	, [__lotrace_usdt_ty2] "n"(__lotrace_usdt_pk5(a7, a8, a9, a10, a11))
#define __lotrace_usdt_tyop12(a1, a2, a3, a4, a5, a6, \
			      a7, a8, a9, a10, a11, a12)	\
	__lotrace_usdt_tyop6(a1, a2, a3, a4, a5, a6)	\
	, [__lotrace_usdt_ty2] "n"(__lotrace_usdt_pk6(a7, a8, a9, a10, a11, a12))

/* Argument types in the descriptor. */
#define __LOTRACE_USDT_T_UNKNOWN	0	/* print by the note's size */
#define __LOTRACE_USDT_T_SIGNED		1	/* a signed integer or enum */
#define __LOTRACE_USDT_T_UNSIGNED	2	/* unsigned, _Bool/bool too */
#define __LOTRACE_USDT_T_POINTER	3	/* any other pointer */
#define __LOTRACE_USDT_T_STRING		4	/* char * or const char * */
#define __LOTRACE_USDT_T_FLOAT		5	/* float or double */

/*
 * Argument i is the pair of asm operands __lotrace_usdt_szI (its signed size,
 * a constant printed bare with %c) and __lotrace_usdt_argI (its location).
 */
#define __lotrace_usdt_spec(i)						\
	".ascii \"%c[__lotrace_usdt_sz" #i "]@%[__lotrace_usdt_arg" #i "]\"\n"
#define __lotrace_usdt_sep		".ascii \" \"\n"

#define __lotrace_usdt_specs0
#define __lotrace_usdt_specs1	__lotrace_usdt_spec(1)
#define __lotrace_usdt_specs2	__lotrace_usdt_specs1 __lotrace_usdt_sep \
				__lotrace_usdt_spec(2)
#define __lotrace_usdt_specs3	__lotrace_usdt_specs2 __lotrace_usdt_sep \
				__lotrace_usdt_spec(3)
#define __lotrace_usdt_specs4	__lotrace_usdt_specs3 __lotrace_usdt_sep \
				__lotrace_usdt_spec(4)
#define __lotrace_usdt_specs5	__lotrace_usdt_specs4 __lotrace_usdt_sep \
				__lotrace_usdt_spec(5)
#define __lotrace_usdt_specs6	__lotrace_usdt_specs5 __lotrace_usdt_sep \
				__lotrace_usdt_spec(6)
#define __lotrace_usdt_specs7	__lotrace_usdt_specs6 __lotrace_usdt_sep \
				__lotrace_usdt_spec(7)
#define __lotrace_usdt_specs8	__lotrace_usdt_specs7 __lotrace_usdt_sep \
				__lotrace_usdt_spec(8)
#define __lotrace_usdt_specs9	__lotrace_usdt_specs8 __lotrace_usdt_sep \
				__lotrace_usdt_spec(9)
#define __lotrace_usdt_specs10	__lotrace_usdt_specs9 __lotrace_usdt_sep \
				__lotrace_usdt_spec(10)
#define __lotrace_usdt_specs11	__lotrace_usdt_specs10 __lotrace_usdt_sep \
				__lotrace_usdt_spec(11)
#define __lotrace_usdt_specs12	__lotrace_usdt_specs11 __lotrace_usdt_sep \
				__lotrace_usdt_spec(12)

#define __lotrace_usdt_op(i, x)						\
	[__lotrace_usdt_sz##i] "n"(__lotrace_usdt_signed_size(x)),	\
	[__lotrace_usdt_arg##i] __lotrace_usdt_str(USDT_ARG_CONSTRAINT)(x)

/* An operand that prints nothing, so that every probe's asm has inputs:
 * without it a probe with no arguments is scheduled differently from
 * <sys/sdt.h>'s, which has one. */
#define __lotrace_usdt_ops0()	[__lotrace_usdt_none] "g"(0)
#define __lotrace_usdt_ops1(a1)						\
	__lotrace_usdt_op(1, a1)
#define __lotrace_usdt_ops2(a1, a2)					\
	__lotrace_usdt_ops1(a1), __lotrace_usdt_op(2, a2)
#define __lotrace_usdt_ops3(a1, a2, a3)					\
	__lotrace_usdt_ops2(a1, a2), __lotrace_usdt_op(3, a3)
#define __lotrace_usdt_ops4(a1, a2, a3, a4)				\
	__lotrace_usdt_ops3(a1, a2, a3), __lotrace_usdt_op(4, a4)
#define __lotrace_usdt_ops5(a1, a2, a3, a4, a5)				\
	__lotrace_usdt_ops4(a1, a2, a3, a4), __lotrace_usdt_op(5, a5)
#define __lotrace_usdt_ops6(a1, a2, a3, a4, a5, a6)			\
	__lotrace_usdt_ops5(a1, a2, a3, a4, a5), __lotrace_usdt_op(6, a6)
#define __lotrace_usdt_ops7(a1, a2, a3, a4, a5, a6, a7)			\
	__lotrace_usdt_ops6(a1, a2, a3, a4, a5, a6),			\
	__lotrace_usdt_op(7, a7)
#define __lotrace_usdt_ops8(a1, a2, a3, a4, a5, a6, a7, a8)		\
	__lotrace_usdt_ops7(a1, a2, a3, a4, a5, a6, a7),		\
	__lotrace_usdt_op(8, a8)
#define __lotrace_usdt_ops9(a1, a2, a3, a4, a5, a6, a7, a8, a9)		\
	__lotrace_usdt_ops8(a1, a2, a3, a4, a5, a6, a7, a8),		\
	__lotrace_usdt_op(9, a9)
#define __lotrace_usdt_ops10(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)	\
	__lotrace_usdt_ops9(a1, a2, a3, a4, a5, a6, a7, a8, a9),	\
	__lotrace_usdt_op(10, a10)
#define __lotrace_usdt_ops11(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10,	\
			     a11)					\
	__lotrace_usdt_ops10(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10),	\
	__lotrace_usdt_op(11, a11)
#define __lotrace_usdt_ops12(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10,	\
			     a11, a12)					\
	__lotrace_usdt_ops11(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10,	\
			     a11),					\
	__lotrace_usdt_op(12, a12)

/*
 * The size before the `@`: sizeof the argument's type after array and
 * function decay, negated for signed integer types (enums by their
 * underlying type). Computed at compile time without evaluating the
 * argument.
 */
#ifdef __cplusplus

extern "C++" {
#include <type_traits>

template <typename T, bool = std::is_enum<T>::value>
struct __lotrace_usdt_is_signed {
	static const bool value =
		std::is_integral<T>::value && std::is_signed<T>::value;
};

template <typename T>
struct __lotrace_usdt_is_signed<T, true> {
	static const bool value =
		std::is_signed<typename std::underlying_type<T>::type>::value;
};

template <typename T>
struct __lotrace_usdt_arg_type {
	typedef typename std::decay<T>::type type;
	static const int size = static_cast<int>(sizeof(type));
	static const int signed_size =
		__lotrace_usdt_is_signed<type>::value ? -size : size;
	static const bool is_string =
		std::is_same<type, char *>::value ||
		std::is_same<type, const char *>::value;
	static const int kind =
		is_string ? __LOTRACE_USDT_T_STRING :
		std::is_pointer<type>::value ? __LOTRACE_USDT_T_POINTER :
		std::is_floating_point<type>::value ? __LOTRACE_USDT_T_FLOAT :
		!std::is_integral<type>::value && !std::is_enum<type>::value ?
			__LOTRACE_USDT_T_UNKNOWN :
		__lotrace_usdt_is_signed<type>::value ?
			__LOTRACE_USDT_T_SIGNED : __LOTRACE_USDT_T_UNSIGNED;
};

/*
 * Declared, never defined: only its type is used. Taking the argument by
 * value decays arrays and functions and accepts bit-fields; going through
 * decltype() of a call keeps GNU statement expressions (USDT_IS_ACTIVE())
 * out of a template argument list, where they are not allowed.
 */
template <typename T>
__lotrace_usdt_arg_type<T> __lotrace_usdt_type_of(T);
}

#define __lotrace_usdt_signed_size(x)					\
	(decltype(__lotrace_usdt_type_of(x))::signed_size)
#define __lotrace_usdt_kind(x)						\
	(decltype(__lotrace_usdt_type_of(x))::kind)

#else /* C */

/* GCC's type classes: 1-4 integer, char, enum, bool; 5 pointer; 14 array. */
#define __lotrace_usdt_class(x)		__builtin_classify_type(x)
#define __lotrace_usdt_is_int(x)					\
	(__lotrace_usdt_class(x) >= 1 && __lotrace_usdt_class(x) <= 4)
#define __lotrace_usdt_is_ptr(x)					\
	(__lotrace_usdt_class(x) == 5 || __lotrace_usdt_class(x) == 14)
/* The argument's own type if it is an integer, else unsigned int. */
#define __lotrace_usdt_int_type(x)					\
	__typeof__(__builtin_choose_expr(__lotrace_usdt_is_int(x), (x), 0U))
#define __lotrace_usdt_is_signed(x)					\
	((__lotrace_usdt_int_type(x))-1 < (__lotrace_usdt_int_type(x))1)
#define __lotrace_usdt_size(x)						\
	((int)(__lotrace_usdt_is_ptr(x) ? sizeof(void *) : sizeof(x)))
#define __lotrace_usdt_signed_size(x)					\
	(__lotrace_usdt_is_signed(x) ? -__lotrace_usdt_size(x)		\
				     : __lotrace_usdt_size(x))

/*
 * `char *` and `const char *` (and char arrays, which decay to them) are
 * strings: C11's _Generic says so after the argument's lvalue conversion.
 * C99 has no _Generic; GCC's and clang's type-compatibility builtin gives
 * the same answer there (char[] is compatible with every char[N]).
 */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define __lotrace_usdt_is_str(x)					\
	_Generic((x), char *: 1, const char *: 1, default: 0)
#else
#define __lotrace_usdt_is_str(x)					\
	(__builtin_types_compatible_p(__typeof__(x), char *) ||		\
	 __builtin_types_compatible_p(__typeof__(x), const char *) ||	\
	 __builtin_types_compatible_p(__typeof__(x), char[]) ||		\
	 __builtin_types_compatible_p(__typeof__(x), const char[]))
#endif
/* GCC's type class 8: float, double, long double. */
#define __lotrace_usdt_kind(x)						\
	(__lotrace_usdt_is_str(x) ? __LOTRACE_USDT_T_STRING :		\
	 __lotrace_usdt_is_ptr(x) ? __LOTRACE_USDT_T_POINTER :		\
	 __lotrace_usdt_class(x) == 8 ? __LOTRACE_USDT_T_FLOAT :	\
	 !__lotrace_usdt_is_int(x) ? __LOTRACE_USDT_T_UNKNOWN :		\
	 __lotrace_usdt_is_signed(x) ? __LOTRACE_USDT_T_SIGNED :	\
	 __LOTRACE_USDT_T_UNSIGNED)

#endif /* __cplusplus */

#endif /* LOTRACE_USDT_H */
