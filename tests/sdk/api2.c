#include "api.h"

int api_second_unit(int x)
{
	if (USDT_SEMA_IS_ACTIVE(api_shared))
		USDT_WITH_EXPLICIT_SEMA(api_shared, api, second_unit, x);
	return api_inline(x) + api_inline(x + 1);
}
