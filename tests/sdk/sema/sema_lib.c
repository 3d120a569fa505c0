#include "sema.h"

int lib_hot_active(void)
{
	return USDT_IS_ACTIVE(sema, hot);
}

void lib_fire(void)
{
	if (USDT_IS_ACTIVE(sema, hot))
		USDT_WITH_SEMA(sema, hot, 3, USDT_IS_ACTIVE(sema, hot));
}
