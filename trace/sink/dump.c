/* -e read=SET and -e write=SET: after a call that reads or writes a
 * descriptor of the set, the data in strace's hex and ASCII layout, from
 * the bytes the BPF program copied (with these options it copies up to
 * LT_STR_MAX bytes of each buffer; what it could not copy is said). */
#include "sink/dump.h"

#include <inttypes.h>
#include <string.h>

#include "decode/capture.h"
#include "decode/decode.h"
#include "syscalls/systab.h"

/* The calls strace dumps (its dumpio), by how their data travels. */
enum dump_kind { DUMP_BUF, DUMP_IOV, DUMP_MSG };

static const struct {
	const char *name;
	bool write;
	enum dump_kind kind;
} dumped[] = {
	{ "write", true, DUMP_BUF }, { "pwrite64", true, DUMP_BUF },
	{ "sendto", true, DUMP_BUF }, { "writev", true, DUMP_IOV },
	{ "pwritev", true, DUMP_IOV }, { "pwritev2", true, DUMP_IOV },
	{ "sendmsg", true, DUMP_MSG },
	{ "read", false, DUMP_BUF }, { "pread64", false, DUMP_BUF },
	{ "recvfrom", false, DUMP_BUF }, { "readv", false, DUMP_IOV },
	{ "preadv", false, DUMP_IOV }, { "preadv2", false, DUMP_IOV },
	{ "recvmsg", false, DUMP_MSG },
};

/* One 16-byte line: " | 00010  xx xx ... xx  xx ... xx  ascii........... |". */
static void dump_line(FILE *out, uint64_t off, int width, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char line[16 * 3 + 2 + 16 + 1];
	size_t k = 0;

	memset(line, ' ', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	for (size_t i = 0; i < 16; i++) {
		if (i < n) {
			line[k] = hex[p[i] >> 4];
			line[k + 1] = hex[p[i] & 15];
		}
		k += 3 + (i == 7 || i == 15);
		line[16 * 3 + 2 + i] = i >= n ? ' ' : p[i] >= ' ' && p[i] < 0x7f ? (char)p[i] : '.';
	}
	fprintf(out, " | %0*" PRIx64 "  %s |\n", width, off, line);
}

/* strace's dumpstr of len bytes, have of which were copied. */
static void dump_bytes(FILE *out, const uint8_t *p, size_t have, uint64_t len)
{
	/* the offset takes 5 digits, more once it would not fit */
	int width = len > (1u << 20) ? 1 + (63 - __builtin_clzll(len - 1)) / 4 : 5;

	if (have > len)
		have = (size_t)len;
	for (size_t off = 0; off < have; off += 16)
		dump_line(out, off, width, p + off, have - off < 16 ? have - off : 16);
	if (len > have)
		fprintf(out, " | <%" PRIu64 " bytes not copied>\n", len - have);
}

/* An IOV_* capture: each buffer as strace's dumpiov_upto, up to limit
 * bytes in all. */
static void dump_iov(FILE *out, const uint8_t *p, size_t len, uint64_t limit)
{
	struct lt_iov h;
	size_t pos = sizeof(h);

	if (len < sizeof(h))
		return;
	memcpy(&h, p, sizeof(h));
	for (uint32_t k = 0; k < h.n && k < LT_IOV_MAX; k++) {
		uint64_t n = h.iov[k][1] < limit ? h.iov[k][1] : limit;
		size_t got = h.got[k] > 0 ? (size_t)h.got[k] : 0;

		if (!n)
			break;
		limit -= n;
		fprintf(out, " * %" PRIu64 " bytes in buffer %u\n", n, k);
		if (pos + got > len)
			got = 0;
		dump_bytes(out, p + pos, got, n);
		pos += got;
	}
}

/* A MSG_* capture: the msghdr, then an IOV_* capture of its iovecs. */
static void dump_msg(FILE *out, const struct lt_cap *cap, uint64_t limit)
{
	const struct lt_cap *vec;

	if (cap->len < sizeof(struct lt_msg) + sizeof(*vec))
		return;
	vec = (const struct lt_cap *)(capture_bytes(cap) + sizeof(struct lt_msg));
	if (vec->flags & LT_CAPF_FAULT || sizeof(struct lt_msg) + sizeof(*vec) + vec->len > cap->len)
		return;
	dump_iov(out, capture_bytes(vec), vec->len, limit);
}

/* The copy of argument 1 that holds the data: a write's from entry (or
 * its copy again at exit), a read's from exit. */
static const struct lt_cap *data_of(const struct call *c, bool write)
{
	const struct lt_cap *in = capture_find(c->cap_enter, 1), *out = capture_find(c->cap_exit, 1);

	if (!write)
		return out;
	if (in && !(in->flags & LT_CAPF_FAULT))
		return in;
	return out ? out : in;
}

void dump_io(const struct opts *o, const struct call *c, FILE *out)
{
	const char *name;
	int fd = (int)c->args[0];
	const struct lt_cap *cap;
	bool ok = c->returned && !decode_is_error(c->ret);

	/* asked first: every call comes here, and without -e read= or
	 * -e write= the name scan below was 10% of lotrace's user time */
	if (fd < 0 || !c->entered || !c->returned ||
	    (!numset_has(&o->read_fds, fd) && !numset_has(&o->write_fds, fd)))
		return;
	name = systab_name(c->nr);
	if (!name)
		return;
	for (size_t i = 0; i < sizeof(dumped) / sizeof(dumped[0]); i++) {
		bool write = dumped[i].write;
		uint64_t limit;

		if (strcmp(dumped[i].name, name) ||
		    !numset_has(write ? &o->write_fds : &o->read_fds, fd) || (!write && !ok))
			continue;
		cap = data_of(c, write);
		if (!cap || cap->flags & LT_CAPF_FAULT)
			return;
		/* strace dumps what a write was asked to write, what a read read */
		limit = write ? UINT64_MAX : (uint64_t)c->ret;
		if (dumped[i].kind == DUMP_BUF)
			dump_bytes(out, capture_bytes(cap), cap->len, write ? c->args[2] : limit);
		else if (dumped[i].kind == DUMP_IOV)
			dump_iov(out, capture_bytes(cap), cap->len, limit);
		else
			dump_msg(out, cap, limit);
		return;
	}
}
