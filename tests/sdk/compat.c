/*
 * The same probes through systemtap's <sys/sdt.h> (-DUSE_SYS_SDT) and
 * through <lotrace/usdt.h>: compat_test.py requires identical notes.
 */
#ifdef USE_SYS_SDT
#include <sys/sdt.h>
#else
#include <lotrace/usdt.h>
#endif
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define COMPAT_BOOL bool
#else
#define COMPAT_BOOL _Bool
#endif

long compat_global = 7;

int compat_probes(int a, char c, COMPAT_BOOL b, unsigned short us,
		  long long ll, const char *s, int8_t i8, uint64_t u64)
{
	char buf[16] = "hello";

	STAP_PROBE(compat, zero);
	STAP_PROBE1(compat, one, a);
	STAP_PROBE3(compat, small, c, b, us);
	STAP_PROBE4(compat, wide, ll, s, i8, u64);
	STAP_PROBE4(compat, memory, buf, compat_global, &compat_global, &a);
	DTRACE_PROBE6(compat, consts, 5, -1, 5UL, 'a', 0x123456789abcdef0ULL,
		      (int8_t)-3);
	DTRACE_PROBE12(compat, twelve, a, c, b, us, ll, s, i8, u64, buf, 10,
		       -11, compat_global);
	return a + buf[1];
}
