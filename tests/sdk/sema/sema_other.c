#include "sema.h"

int other_hot_active(void)
{
	return USDT_IS_ACTIVE(sema, hot);
}

void other_fire(void)
{
	if (USDT_IS_ACTIVE(sema, hot))
		USDT_WITH_SEMA(sema, hot, 2, USDT_IS_ACTIVE(sema, hot));
}

void other_req_done(void)
{
	USDT_WITH_EXPLICIT_SEMA(req, sema, req_done, USDT_SEMA_IS_ACTIVE(req));
}
