/*
 * Fills in the values that matrix.py expects and fires probes.c's probes.
 * With --wait it first waits for a line on stdin, so that a tracer can
 * attach to the running process (and its libraries) before the probes fire.
 */
#include <stdio.h>
#include <string.h>

#include "probes.h"

int main(int argc, char **argv)
{
	struct lt_values v;
	char line[16];

	memset(&v, 0, sizeof(v));
	v.b = 1;
	v.c = -3;
	v.sc = -100;
	v.uc = 200;
	v.s = -30000;
	v.us = 65000;
	v.i = -2000000000;
	v.u = 4000000000u;
	v.l = -9000000000000000000l;
	v.ul = 18000000000000000000ul;
	v.ll = -1;
	v.ull = 18446744073709551615ull;
	v.i8 = -8;
	v.i16 = -16;
	v.i32 = -32;
	v.i64 = -64;
	v.u8 = 8;
	v.u16 = 16;
	v.u32 = 32;
	v.u64 = 64;
	v.sz = 4096;
	v.ssz = -4096;
	v.pd = -12345;
	v.ip = -1;
	v.up = 77;
	v.d = 1.5;
	v.f = 2.5f;
	v.str = "hello";
	strcpy(v.buf, "world");
	if (argc > 1 && !strcmp(argv[1], "--wait") &&
	    !fgets(line, sizeof(line), stdin))
		return 1;
	lt_fire(&v);
	return 0;
}
