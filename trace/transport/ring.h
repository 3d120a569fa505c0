/* ring: one perf_event mmap ring buffer per CPU; hands out the records the
 * kernel wrote, whole even where they wrap, and advances the tail. */
#ifndef LOTRACE_RING_H
#define LOTRACE_RING_H

#include <linux/perf_event.h>
#include <stddef.h>
#include <stdint.h>

struct ring {
	int fd;
	int cpu;
	void *base;		/* the metadata page, data pages follow */
	size_t data_size;	/* a power of two */
	uint8_t *scratch;	/* a wrapped record, copied whole */
	size_t scratch_size;
};

/* Map the ring of fd (data_size bytes of data pages). */
int ring_map(struct ring *r, int fd, int cpu, size_t data_size);
void ring_unmap(struct ring *r);

typedef void (*ring_record_fn)(void *ctx, int cpu, const struct perf_event_header *hdr);

/* Call fn for every record available now, then release them to the kernel.
 * Returns the number of records read. */
size_t ring_read(struct ring *r, ring_record_fn fn, void *ctx);

/* True when the kernel has written records we have not read. */
int ring_pending(const struct ring *r);

#endif
