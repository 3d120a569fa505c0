#include "stack/stack.h"

#include <errno.h>
#include <string.h>

int stack_init(struct stack *s)
{
	int err = stack_objs_init(&s->objs);

	if (err)
		return err;
	err = stack_maps_init(&s->maps, stack_unwinder_free);
	if (err)
		stack_objs_free(&s->objs);
	return err;
}

/* The unwinders hold the objects' Elf handles: they go first. */
void stack_free(struct stack *s)
{
	stack_maps_free(&s->maps);
	stack_objs_free(&s->objs);
}

int stack_mmap(struct stack *s, uint32_t pid, uint64_t start, uint64_t len,
	       uint64_t pgoff, uint32_t prot, const char *path,
	       const uint8_t *build_id, size_t build_id_len)
{
	struct stack_proc *p = stack_maps_proc(&s->maps, pid);

	if (!p)
		return -ENOMEM;
	return stack_maps_mmap(p, start, len, pgoff, prot, path, build_id, build_id_len);
}

int stack_munmap(struct stack *s, uint32_t pid, uint64_t start, uint64_t len)
{
	struct stack_proc *p = stack_maps_find(&s->maps, pid);

	return p ? stack_maps_munmap(p, start, len) : 0;
}

int stack_exec(struct stack *s, uint32_t pid)
{
	struct stack_proc *p = stack_maps_proc(&s->maps, pid);

	if (!p)
		return -ENOMEM;
	stack_maps_clear(p);
	return 0;
}

int stack_fork(struct stack *s, uint32_t parent, uint32_t child)
{
	return stack_maps_fork(&s->maps, parent, child);
}

void stack_exit(struct stack *s, uint32_t pid)
{
	stack_maps_drop(&s->maps, pid);
}

int stack_seed(struct stack *s, uint32_t pid)
{
	struct stack_proc *p = stack_maps_proc(&s->maps, pid);

	if (!p)
		return -ENOMEM;
	return stack_maps_seed(p);
}

int stack_unwind(struct stack *s, uint32_t pid, uint32_t tid,
		 const struct stack_regs *regs, const void *stack, size_t len,
		 struct stack_pc *out, int max, struct stack_unwound *res)
{
	struct stack_proc *p = stack_maps_find(&s->maps, pid);
	int err;

	memset(res, 0, sizeof(*res));
	res->end = STACK_END_LOST;
	if (!p) {
		p = stack_maps_proc(&s->maps, pid);
		if (!p)
			return -ENOMEM;
		err = stack_maps_seed(p);
		if (err)
			return err;
	}
	if (!p->priv)
		p->priv = stack_unwinder_new();
	if (!p->priv)
		return -ENOMEM;
	return stack_unwinder_run(p->priv, p, &s->objs, tid, regs, stack, len, out, max, res);
}

void stack_symbolize(struct stack *s, uint32_t pid, const struct stack_pc *pc, bool source,
		     struct stack_frame *f)
{
	/* a return address is looked up in the call before it */
	uint64_t addr = pc->activation ? pc->pc : pc->pc - 1;
	struct stack_proc *p = stack_maps_find(&s->maps, pid);
	struct stack_map *m = p ? stack_maps_lookup(p, addr) : NULL;
	const struct stack_sym *sym;

	memset(f, 0, sizeof(*f));
	f->pc = pc->pc;
	if (!m || !stack_objs_resolve(&s->objs, m))
		return;
	f->object = m->obj->path;
	if (!m->bias_ok) {
		f->rel = addr - m->start + m->pgoff;
		return;
	}
	uint64_t vaddr = addr - m->bias;

	/* libdw's relocated address: from the first load of a library or
	 * PIE, the address itself in a fixed executable */
	f->rel = vaddr - m->obj->rel_base;
	sym = stack_obj_symbolize(m->obj, vaddr, source);
	if (!sym)
		return;
	f->function = sym->function;
	f->func_off = sym->func_off;
	f->file = sym->file;
	f->line = sym->line;
	f->inl = sym->inl;
	f->ninl = sym->ninl;
	f->call_file = sym->call_file;
	f->call_line = sym->call_line;
}
