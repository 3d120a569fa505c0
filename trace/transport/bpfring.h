/* bpfring: the BPF ring buffer map, mapped and read by lotrace itself.
 * The space it read goes back to the programs every RELEASE bytes, not
 * after every record: each release is a store to the page every
 * bpf_ringbuf_reserve reads, on another CPU. */
#ifndef LOTRACE_BPFRING_H
#define LOTRACE_BPFRING_H

#include <stddef.h>
#include <stdint.h>

struct bpfring {
	int fd;				/* the map's: poll it for POLLIN */
	unsigned long *cons;		/* the consumer position, its page writable */
	const unsigned long *prod;	/* the producer position's page, the data after it */
	const uint8_t *data;		/* the data pages, mapped twice in a row */
	size_t size;			/* of the data: a power of two */
	size_t page;
};

/* Maps the ring of map fd, of size bytes (its max_entries). 0 or -errno. */
int bpfring_map(struct bpfring *r, int fd, size_t size);
void bpfring_unmap(struct bpfring *r);

/* One record: its size bytes at data. */
typedef void (*bpfring_fn)(void *ctx, const void *data, uint32_t size);

/* Calls fn for each record the ring held when the read began, in order,
 * up to the first still being written, and gives their space back.
 * Records written meanwhile wait for the next read: behind busy
 * producers, a read that followed them would never end. Returns the
 * records read. */
size_t bpfring_read(struct bpfring *r, bpfring_fn fn, void *ctx);

#endif
