/* stack/maps: the memory mappings of each traced process as they were at
 * the event being processed, for -k's unwinder and symbolizer. Seeded from
 * /proc/PID/maps, then kept by the mmap, munmap, exec, fork and exit events
 * the pipeline feeds it. Owns the entries and their paths. */
#ifndef LOTRACE_STACK_MAPS_H
#define LOTRACE_STACK_MAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/idtab.h"

#define STACK_BUILD_ID_MAX 20	/* what PERF_RECORD_MMAP2 can carry */

struct stack_obj;

struct stack_map {
	uint64_t start, end;	/* [start, end), page aligned */
	uint64_t pgoff;		/* file offset mapped at start */
	uint32_t prot;		/* PROT_READ | PROT_WRITE | PROT_EXEC */
	char *path;		/* owned; NULL for anonymous memory */
	uint8_t build_id[STACK_BUILD_ID_MAX];
	uint8_t build_id_len;	/* 0: unknown, the file's own is trusted */
	/* the file's ELF object and load bias, looked up on first use */
	bool resolved;
	bool bias_ok;		/* obj is an ELF file and bias is its load bias */
	struct stack_obj *obj;
	uint64_t bias;
};

struct stack_proc {
	uint32_t pid;
	/* Bumped when a file mapping comes or goes: the unwinder reports
	 * its modules again. Anonymous memory (malloc's mmaps) leaves it. */
	uint64_t gen;
	struct stack_map *map;	/* sorted by start, disjoint */
	size_t n, cap;
	void *priv;		/* the unwinder's, freed by maps->priv_free */
	struct idtab_node node;	/* in stack_maps' table, by pid */
};

struct stack_maps {
	struct idtab procs;
	void (*priv_free)(void *priv);
};

int stack_maps_init(struct stack_maps *t, void (*priv_free)(void *priv));
void stack_maps_free(struct stack_maps *t);

struct stack_proc *stack_maps_find(const struct stack_maps *t, uint32_t pid);
/* The process pid, created empty on first use; NULL when out of memory. */
struct stack_proc *stack_maps_proc(struct stack_maps *t, uint32_t pid);
void stack_maps_drop(struct stack_maps *t, uint32_t pid);

/* [start, start + len) now maps path at pgoff (path NULL: anonymous),
 * replacing whatever overlapped it, as mmap(MAP_FIXED) and mprotect do.
 * build_id may be NULL. */
int stack_maps_mmap(struct stack_proc *p, uint64_t start, uint64_t len, uint64_t pgoff,
		    uint32_t prot, const char *path, const uint8_t *build_id,
		    size_t build_id_len);
/* Nothing is mapped in [start, start + len) any more. */
int stack_maps_munmap(struct stack_proc *p, uint64_t start, uint64_t len);
/* execve succeeded: the old image is gone. */
void stack_maps_clear(struct stack_proc *p);
/* A forked child starts with a copy of its parent's mappings. */
int stack_maps_fork(struct stack_maps *t, uint32_t parent, uint32_t child);

/* Replace p's mappings with the lines of a /proc/PID/maps text;
 * -EINVAL on a line that is not one. */
int stack_maps_parse(struct stack_proc *p, const char *text);
/* The same from /proc/PID/maps; -ESRCH when the process is gone. */
int stack_maps_seed(struct stack_proc *p);

/* The mapping holding addr, or NULL. */
struct stack_map *stack_maps_lookup(const struct stack_proc *p, uint64_t addr);

#endif
