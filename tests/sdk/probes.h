/* The values that probes.c fires its probes with, one field per type. */
#ifndef LT_PROBES_H
#define LT_PROBES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
typedef bool lt_bool;
#else
typedef _Bool lt_bool;
#endif

struct lt_values {
	lt_bool b;
	char c;
	signed char sc;
	unsigned char uc;
	short s;
	unsigned short us;
	int i;
	unsigned u;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	int8_t i8;
	int16_t i16;
	int32_t i32;
	int64_t i64;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	size_t sz;
	ssize_t ssz;
	ptrdiff_t pd;
	intptr_t ip;
	uintptr_t up;
	double d;
	float f;
	const char *str;
	char buf[8];
};

void lt_fire(const struct lt_values *v);

#ifdef __cplusplus
}
#endif

#endif /* LT_PROBES_H */
