/* USDT_NOP, libbpf's override of the probe instruction: a 5-byte nop. */
#define USDT_NOP .byte 0x0f, 0x1f, 0x44, 0x00, 0x00
#include <lotrace/usdt.h>

#include "lbsim.h"

int nop_probe_site(int x)
{
	USDT(lbsim, nop5, x);
	return x + 1;
}
