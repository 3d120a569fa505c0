#include "transport/bpfring.h"

#include <errno.h>
#include <linux/bpf.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Space given back at least this often while reading: the producers
 * find it free before the read ends, as they did when each record gave
 * its own back. */
#define RELEASE ((size_t)64 << 10)

int bpfring_map(struct bpfring *r, int fd, size_t size)
{
	void *cons, *prod;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	r->page = (size_t)sysconf(_SC_PAGESIZE);
	if (!size || (size & (size - 1)))
		return -EINVAL;
	/* the kernel lets only the consumer page be mapped writable; the
	 * producer page follows it, and the data pages follow that twice,
	 * so that a record across the end reads whole */
	cons = mmap(NULL, r->page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (cons == MAP_FAILED)
		return -errno;
	prod = mmap(NULL, r->page + 2 * size, PROT_READ, MAP_SHARED, fd, (off_t)r->page);
	if (prod == MAP_FAILED) {
		int err = -errno;

		munmap(cons, r->page);
		return err;
	}
	r->fd = fd;
	r->cons = cons;
	r->prod = prod;
	r->data = (const uint8_t *)prod + r->page;
	r->size = size;
	return 0;
}

void bpfring_unmap(struct bpfring *r)
{
	if (r->cons)
		munmap(r->cons, r->page);
	if (r->prod)
		munmap((void *)r->prod, r->page + 2 * r->size);
	memset(r, 0, sizeof(*r));
	r->fd = -1;
}

size_t bpfring_read(struct bpfring *r, bpfring_fn fn, void *ctx)
{
	unsigned long pos = __atomic_load_n(r->cons, __ATOMIC_RELAXED);
	unsigned long end = __atomic_load_n(r->prod, __ATOMIC_ACQUIRE);
	unsigned long released = pos;
	size_t release = r->size / 8 < RELEASE ? r->size / 8 : RELEASE;
	size_t n = 0;

	while (pos < end) {
		const uint32_t *hdr = (const uint32_t *)(r->data + (pos & (r->size - 1)));
		/* the length's word, stored last by the commit (release) */
		uint32_t len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);

		if (len & BPF_RINGBUF_BUSY_BIT)
			break;
		if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
			fn(ctx, (const uint8_t *)hdr + BPF_RINGBUF_HDR_SZ, len);
			n++;
		}
		len &= ~(uint32_t)BPF_RINGBUF_DISCARD_BIT;
		pos += (BPF_RINGBUF_HDR_SZ + len + 7) & ~7ul;
		if (pos - released >= release) {
			/* what fn read is done with: its stores before this */
			__atomic_store_n(r->cons, pos, __ATOMIC_RELEASE);
			released = pos;
		}
	}
	if (pos != released)
		__atomic_store_n(r->cons, pos, __ATOMIC_RELEASE);
	return n;
}
