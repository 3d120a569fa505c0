/*
 * Watches its semaphores and prints a line whenever one changes, firing the
 * probes that are active, until a line arrives on stdin (or 60 s pass).
 * sema_test.py attaches bpftrace to one probe at a time and reads the lines.
 */
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "sema.h"

USDT_DEFINE_SEMA(req);

struct state {
	int main, other, lib, req, cold;
};

static struct state read_state(void)
{
	struct state s;

	s.main = USDT_IS_ACTIVE(sema, hot);
	s.other = other_hot_active();
	s.lib = lib_hot_active();
	s.req = USDT_SEMA_IS_ACTIVE(req);
	s.cold = USDT_IS_ACTIVE(sema, cold);
	return s;
}

int main(void)
{
	struct state last = { -1, -1, -1, -1, -1 };
	struct pollfd in = { .fd = 0, .events = POLLIN };

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int ms = 0; ms < 60000; ms++) {
		struct state s = read_state();

		if (memcmp(&s, &last, sizeof(s))) {
			printf("state main=%d other=%d lib=%d req=%d cold=%d\n",
			       s.main, s.other, s.lib, s.req, s.cold);
			last = s;
		}
		if (USDT_IS_ACTIVE(sema, hot))
			USDT_WITH_SEMA(sema, hot, 1, USDT_IS_ACTIVE(sema, hot));
		other_fire();
		lib_fire();
		if (USDT_SEMA_IS_ACTIVE(req)) {
			USDT_WITH_EXPLICIT_SEMA(req, sema, req_start, 1);
			other_req_done();
		}
		if (USDT_IS_ACTIVE(sema, cold))
			USDT_WITH_SEMA(sema, cold);
		if (poll(&in, 1, 1) != 0)
			return 0;
	}
	return 2;
}
