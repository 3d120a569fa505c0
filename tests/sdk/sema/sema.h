/* The semaphore test program's pieces, spread over two units and a library. */
#ifndef SEMA_H
#define SEMA_H

#include <lotrace/usdt.h>

USDT_DECLARE_SEMA(req);

/* sema_other.c: the same implicit probe as sema_main.c, another unit. */
int other_hot_active(void);
void other_fire(void);
void other_req_done(void);

/* libsema.so: the same probe name again, with its own semaphore. */
int lib_hot_active(void);
void lib_fire(void);

#endif
