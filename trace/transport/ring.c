#include "transport/ring.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int ring_map(struct ring *r, int fd, int cpu, size_t data_size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	void *base;

	memset(r, 0, sizeof(*r));
	base = mmap(NULL, page + data_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (base == MAP_FAILED)
		return -errno;
	r->fd = fd;
	r->cpu = cpu;
	r->base = base;
	r->data_size = data_size;
	return 0;
}

void ring_unmap(struct ring *r)
{
	if (r->base)
		munmap(r->base, (size_t)sysconf(_SC_PAGESIZE) + r->data_size);
	free(r->scratch);
	memset(r, 0, sizeof(*r));
	r->fd = -1;
}

int ring_pending(const struct ring *r)
{
	const struct perf_event_mmap_page *pc = r->base;

	return __atomic_load_n(&pc->data_head, __ATOMIC_ACQUIRE) != pc->data_tail;
}

size_t ring_read(struct ring *r, ring_record_fn fn, void *ctx)
{
	struct perf_event_mmap_page *pc = r->base;
	uint8_t *data = (uint8_t *)r->base + pc->data_offset;
	uint64_t head = __atomic_load_n(&pc->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = pc->data_tail;
	size_t mask = r->data_size - 1, n = 0;

	if (!pc->data_offset)
		data = (uint8_t *)r->base + sysconf(_SC_PAGESIZE);
	while (tail < head) {
		const struct perf_event_header *hdr = (const void *)&data[tail & mask];
		size_t off = tail & mask;
		size_t size = hdr->size;

		if (size < sizeof(*hdr))
			break;
		if (off + size > r->data_size) {
			/* The record wraps: hand out a contiguous copy. */
			size_t first = r->data_size - off;

			if (r->scratch_size < size) {
				uint8_t *grown = realloc(r->scratch, size);

				if (!grown)
					break;
				r->scratch = grown;
				r->scratch_size = size;
			}
			memcpy(r->scratch, &data[off], first);
			memcpy(r->scratch + first, data, size - first);
			hdr = (const void *)r->scratch;
		}
		fn(ctx, r->cpu, hdr);
		tail += size;
		n++;
	}
	__atomic_store_n(&pc->data_tail, tail, __ATOMIC_RELEASE);
	return n;
}
