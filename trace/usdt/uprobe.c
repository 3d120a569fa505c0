#include "usdt/uprobe.h"

#include <asm/perf_regs.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/user.h>

int uprobe_attr(struct perf_event_attr *attr, const char *path, const struct usdt_probe *p,
		char *err, size_t errlen)
{
	FILE *fp = fopen("/sys/bus/event_source/devices/uprobe/type", "re");
	int type = -1;

	if (fp) {
		if (fscanf(fp, "%d", &type) != 1)
			type = -1;
		fclose(fp);
	}
	if (type < 0) {
		snprintf(err, errlen, "this kernel has no uprobe PMU (/sys/bus/event_source/devices/uprobe)");
		return -ENODEV;
	}
	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	attr->type = (uint32_t)type;
	attr->config1 = (uint64_t)(uintptr_t)path;
	attr->config2 = p->offset;
	/* the kernel counts the semaphore up while the uprobe is in place */
	attr->config = p->sema_offset << 32;
	return 0;
}

/* usdt.c names registers by their offset in struct user_regs_struct (the
 * layout of the kernel's struct pt_regs); perf samples them by index. */
#define U(name) offsetof(struct user_regs_struct, name)
static const struct {
	size_t user;
	int perf;
} reg_map[] = {
	{ U(rax), PERF_REG_X86_AX }, { U(rbx), PERF_REG_X86_BX }, { U(rcx), PERF_REG_X86_CX },
	{ U(rdx), PERF_REG_X86_DX }, { U(rsi), PERF_REG_X86_SI }, { U(rdi), PERF_REG_X86_DI },
	{ U(rbp), PERF_REG_X86_BP }, { U(rsp), PERF_REG_X86_SP }, { U(rip), PERF_REG_X86_IP },
	{ U(eflags), PERF_REG_X86_FLAGS }, { U(r8), PERF_REG_X86_R8 }, { U(r9), PERF_REG_X86_R9 },
	{ U(r10), PERF_REG_X86_R10 }, { U(r11), PERF_REG_X86_R11 }, { U(r12), PERF_REG_X86_R12 },
	{ U(r13), PERF_REG_X86_R13 }, { U(r14), PERF_REG_X86_R14 }, { U(r15), PERF_REG_X86_R15 },
};

/* The sampled value of the register at user_regs_struct offset off. */
static int reg_value(const struct uprobe_regs *r, int off, uint64_t *v)
{
	for (size_t i = 0; i < sizeof(reg_map) / sizeof(reg_map[0]); i++) {
		int pos;

		if (reg_map[i].user != (size_t)off)
			continue;
		if (!(UPROBE_REGS_MASK & (1ull << reg_map[i].perf)))
			return -ENOENT;
		/* samples hold the registers of the mask in bit order */
		pos = __builtin_popcountll(UPROBE_REGS_MASK & ((1ull << reg_map[i].perf) - 1));
		if (pos >= r->nregs)
			return -ENOENT;
		*v = r->regs[pos];
		return 0;
	}
	return -ENOENT;
}

/* off(%base,%index,scale) read from the copied stack, when it lies there. */
static int stack_value(const struct uprobe_regs *r, const struct usdt_arg *a, uint64_t *v)
{
	uint64_t sp, addr, idx = 0;

	if (a->kind != USDT_ARG_MEM || a->size < 1 || a->size > 8 ||
	    reg_value(r, (int)U(rsp), &sp) || reg_value(r, a->reg, &addr) ||
	    (a->scale && reg_value(r, a->idx_reg, &idx)))
		return -ENOENT;
	addr += idx * (uint64_t)a->scale + (uint64_t)a->val;
	if (addr < sp || addr - sp > r->stack_len || r->stack_len - (addr - sp) < (size_t)a->size)
		return -ENOENT;
	*v = 0;
	memcpy(v, r->stack + (addr - sp), (size_t)a->size);	/* little-endian */
	return 0;
}

unsigned uprobe_args(const struct usdt_probe *p, const struct uprobe_regs *r, uint64_t *val)
{
	unsigned failed = 0;

	for (int i = 0; i < p->nargs && i < USDT_MAX_ARGS; i++) {
		const struct usdt_arg *a = &p->args[i];
		uint64_t v = 0;
		int ret = -ENOENT;

		if (a->kind == USDT_ARG_CONST) {
			v = (uint64_t)a->val;
			ret = 0;
		} else if (a->kind == USDT_ARG_REG) {
			ret = reg_value(r, a->reg, &v);
		} else if (a->kind == USDT_ARG_MEM) {
			ret = stack_value(r, a, &v);
		} else if (a->kind == USDT_ARG_RIP_ADDR) {
			/* an address, not memory: from the sampled ip */
			ret = reg_value(r, a->reg, &v);
			v += (uint64_t)a->val;
		}
		if (ret) {
			failed |= 1u << i;
			val[i] = 0;
			continue;
		}
		if (a->size > 0 && a->size < 8) {
			int shift = 64 - a->size * 8;

			v <<= shift;
			v = a->is_signed ? (uint64_t)((int64_t)v >> shift) : v >> shift;
		}
		val[i] = v;
	}
	return failed;
}
