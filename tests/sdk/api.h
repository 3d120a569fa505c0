/*
 * Every macro of <lotrace/usdt.h>, for std_test.py: compiled as C99, C11,
 * C23, C++11 to C++20, at -O0 to -O3 and with LTO, warning-free. Two units
 * (api.c, api2.c) share this header, its inline function and semaphores.
 */
#ifndef API_H
#define API_H

#include <lotrace/usdt.h>

USDT_DECLARE_SEMA(api_shared);

/* The same probe inlined into every caller, in both units. */
static inline int api_inline(int x)
{
	if (USDT_IS_ACTIVE(api, inline_sema))
		USDT_WITH_SEMA(api, inline_sema, x);
	USDT(api, inline_plain, x, x + 1);
	return x * 3;
}

int api_second_unit(int x);

#endif
