/*
 * libbpf-style use of <lotrace/usdt.h>, built as C and as C++ and linked
 * with sim.c (libbpf's side): the version macros, struct usdt_sema named
 * by the caller, semaphores defined on one side and declared on the
 * other, and an implicit semaphore both sides define. Prints the
 * semaphores as both units see them whenever they change, until a line
 * arrives on stdin.
 */
#include <lotrace/usdt.h>

#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "lbsim.h"

#if !defined(USDT_MAJOR_VERSION) || !defined(USDT_MINOR_VERSION) || \
	!defined(USDT_PATCH_VERSION)
#error "libbpf's version macros are missing"
#endif
#if USDT_MAJOR_VERSION != 0 || USDT_MINOR_VERSION < 1
#error "not the libbpf usdt.h API 0.1"
#endif

USDT_DEFINE_SEMA(ours_defined);
USDT_DECLARE_SEMA(sim_defined);

struct view {
	int ours_defined, sim_defined, shared;	/* as ours.c reads them */
	int sim_ours_defined, sim_sim_defined, sim_shared;	/* as sim.c does */
};

static struct view look(void)
{
#ifdef __cplusplus
	usdt_sema *declared = &USDT_SEMA(sim_defined);	/* C++ names the type bare */
#else
	struct usdt_sema *declared = &USDT_SEMA(sim_defined);
#endif
	struct view v;

	v.ours_defined = USDT_SEMA_IS_ACTIVE(ours_defined);
	v.sim_defined = declared->active != 0;
	v.shared = USDT_IS_ACTIVE(lbsim, shared);
	v.sim_ours_defined = sim_sees_ours_defined();
	v.sim_sim_defined = sim_sees_sim_defined();
	v.sim_shared = sim_sees_shared();
	return v;
}

int main(void)
{
	struct view last;
	struct pollfd in = { 0, POLLIN, 0 };

	memset(&last, 0xff, sizeof(last));
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int ms = 0; ms < 60000; ms++) {
		struct view v = look();

		if (memcmp(&v, &last, sizeof(v))) {
			printf("ours_defined=%d/%d sim_defined=%d/%d shared=%d/%d\n",
			       v.ours_defined, v.sim_ours_defined, v.sim_defined,
			       v.sim_sim_defined, v.shared, v.sim_shared);
			last = v;
		}
		if (USDT_SEMA_IS_ACTIVE(sim_defined))
			USDT_WITH_EXPLICIT_SEMA(sim_defined, lbsim, ours_probe,
						USDT_SEMA_IS_ACTIVE(sim_defined));
		if (USDT_IS_ACTIVE(lbsim, shared))
			USDT_WITH_SEMA(lbsim, shared, sim_sees_shared());
		if (sim_sees_ours_defined())
			sim_fire();
		nop_probe_site(ms);
		if (poll(&in, 1, 1) != 0)
			return 0;
	}
	return 2;
}
