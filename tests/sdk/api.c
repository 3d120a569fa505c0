#define SDT_USE_VARIADIC
#include <stdint.h>

#include "api.h"

USDT_DEFINE_SEMA(api_shared);

#ifdef __cplusplus
namespace api_ns {
USDT_DEFINE_SEMA(api_ns_sema);

template <typename T>
T twice(T v)
{
	USDT(api, template_probe, v);
	return v + v;
}

struct counter {
	long n;
	void bump(long by)
	{
		n += by;
		if (USDT_SEMA_IS_ACTIVE(api_ns_sema))
			USDT_WITH_EXPLICIT_SEMA(api_ns_sema, api, member, n, by);
	}
};
}
#endif

static int fire_all(int a, volatile int *p, const char *s)
{
	int b = a + 1, c = a * 2;

	USDT(api, args0);
	USDT(api, args1, a);
	USDT(api, args2, a, b);
	USDT(api, args3, a, b, c);
	USDT(api, args4, a, b, c, *p);
	USDT(api, args5, a, b, c, *p, s);
	USDT(api, args6, a, b, c, *p, s, 6);
	USDT(api, args7, a, b, c, *p, s, 6, 7);
	USDT(api, args8, a, b, c, *p, s, 6, 7, 8);
	USDT(api, args9, a, b, c, *p, s, 6, 7, 8, 9);
	USDT(api, args10, a, b, c, *p, s, 6, 7, 8, 9, 10);
	USDT(api, args11, a, b, c, *p, s, 6, 7, 8, 9, 10, 11);
	USDT(api, args12, a, b, c, *p, s, 6, 7, 8, 9, 10, 11, 12);
	STAP_PROBE(api, stap0);
	STAP_PROBE1(api, stap1, a);
	STAP_PROBE2(api, stap2, a, b);
	STAP_PROBE3(api, stap3, a, b, c);
	STAP_PROBE4(api, stap4, a, b, c, 4);
	STAP_PROBE5(api, stap5, a, b, c, 4, 5);
	STAP_PROBE6(api, stap6, a, b, c, 4, 5, 6);
	STAP_PROBE7(api, stap7, a, b, c, 4, 5, 6, 7);
	STAP_PROBE8(api, stap8, a, b, c, 4, 5, 6, 7, 8);
	STAP_PROBE9(api, stap9, a, b, c, 4, 5, 6, 7, 8, 9);
	STAP_PROBE10(api, stap10, a, b, c, 4, 5, 6, 7, 8, 9, 10);
	STAP_PROBE11(api, stap11, a, b, c, 4, 5, 6, 7, 8, 9, 10, 11);
	STAP_PROBE12(api, stap12, a, b, c, 4, 5, 6, 7, 8, 9, 10, 11, 12);
	STAP_PROBEV(api, stapv, a, b);
	DTRACE_PROBE(api, dtrace0);
	DTRACE_PROBE1(api, dtrace1, a);
	DTRACE_PROBE2(api, dtrace2, a, b);
	DTRACE_PROBE3(api, dtrace3, a, b, c);
	DTRACE_PROBE4(api, dtrace4, a, b, c, 4);
	DTRACE_PROBE5(api, dtrace5, a, b, c, 4, 5);
	DTRACE_PROBE6(api, dtrace6, a, b, c, 4, 5, 6);
	DTRACE_PROBE7(api, dtrace7, a, b, c, 4, 5, 6, 7);
	DTRACE_PROBE8(api, dtrace8, a, b, c, 4, 5, 6, 7, 8);
	DTRACE_PROBE9(api, dtrace9, a, b, c, 4, 5, 6, 7, 8, 9);
	DTRACE_PROBE10(api, dtrace10, a, b, c, 4, 5, 6, 7, 8, 9, 10);
	DTRACE_PROBE11(api, dtrace11, a, b, c, 4, 5, 6, 7, 8, 9, 10, 11);
	DTRACE_PROBE12(api, dtrace12, a, b, c, 4, 5, 6, 7, 8, 9, 10, 11, 12);
	if (USDT_IS_ACTIVE(api, sema0))
		USDT_WITH_SEMA(api, sema0);
	if (USDT_IS_ACTIVE(api, sema12))
		USDT_WITH_SEMA(api, sema12, a, b, c, 4, 5, 6, 7, 8, 9, 10, 11,
			       12);
	if (USDT_SEMA_IS_ACTIVE(api_shared)) {
		USDT_WITH_EXPLICIT_SEMA(api_shared, api, explicit0);
		USDT_WITH_EXPLICIT_SEMA(api_shared, api, explicit12, a, b, c, 4,
					5, 6, 7, 8, 9, 10, 11, 12);
	}
	return api_inline(a) + api_inline(b) + *p;
}

int main(int argc, char **argv)
{
	volatile int v = argc;
	int r = fire_all(argc, &v, argv[0]) + api_second_unit(argc);

#ifdef __cplusplus
	api_ns::counter k = { 0 };
	auto lambda = [&](int x) {
		USDT(api, lambda, x, k.n);
		return x + 1;
	};

	k.bump(argc);
	r += lambda(argc) + api_ns::twice(argc) +
	     static_cast<int>(api_ns::twice(static_cast<long>(argc)));
#endif
	return r == 12345;
}
