/*
 * Probes of every C scalar type, fired with known values: the subject of
 * the compile matrix (readelf checks the notes, bpftrace reads the values).
 * Built as C and as C++, into an executable, a PIE or a shared library;
 * matrix.py holds what each probe must look like. The values come from
 * probes-main.c, another translation unit, so that they reach the probes
 * at run time instead of being folded into constants.
 */
#include <lotrace/usdt.h>

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "probes.h"

enum lt_color { LT_RED, LT_GREEN, LT_BLUE };	/* unsigned int */
enum lt_delta { LT_DOWN = -7, LT_UP = 7 };	/* int */

USDT_DEFINE_SEMA(lt_req);

/*
 * Static, so that its address is computed, not loaded: a preemptible
 * function's address in -fPIC code is a GOT load, which gcc passes as the
 * memory operand "sym@GOTPCREL(%rip)" (bpftrace 0.17 cannot read that).
 */
static void lt_callback(void)
{
}

static inline void lt_inline_probe(long x)
{
	USDT(lt, inlined, x);
}

void lt_fire(const struct lt_values *v)
{
	enum lt_color color = (enum lt_color)(v->up % 3);	/* LT_BLUE */
	enum lt_delta delta = v->ssz < 0 ? LT_DOWN : LT_UP;
	void (*fn)(void) = lt_callback;

	USDT(lt, none);
	USDT(lt, boolean, v->b);
	USDT(lt, chars, v->c, v->sc, v->uc);
	USDT(lt, shorts, v->s, v->us);
	USDT(lt, ints, v->i, v->u);
	USDT(lt, longs, v->l, v->ul, v->ll, v->ull);
	USDT(lt, fixed_s, v->i8, v->i16, v->i32, v->i64);
	USDT(lt, fixed_u, v->u8, v->u16, v->u32, v->u64);
	USDT(lt, sizes, v->sz, v->ssz, v->pd, v->ip, v->up);
	USDT(lt, enums, color, delta);
	USDT(lt, ptrs, v->str, v->buf, (void *)0, fn);
	USDT(lt, floats, v->d, v->f);
	USDT(lt, consts, 42, -42, 'A', 0x7fffffffffffffffll, sizeof(int64_t),
	     (unsigned char)255);
	USDT(lt, twelve, v->i8, v->u8, v->i16, v->u16, v->i32, v->u32,
	     7, -8, 9u, 10l, -11ll, 12ull);
	USDT(lt, twelve_vars, v->u64, v->i64, v->u32, v->i32, v->u16, v->i16,
	     v->u8, v->i8, v->str, v->b, v->ull, v->c);
	STAP_PROBE2(lt, stap2, v->i, v->str);
	DTRACE_PROBE3(lt, dtrace3, v->i8, v->u8, v->ll);
	lt_inline_probe(v->i);
	lt_inline_probe(v->l);
	lt_inline_probe(v->ssz);
	if (USDT_IS_ACTIVE(lt, sema))
		USDT_WITH_SEMA(lt, sema, USDT_IS_ACTIVE(lt, sema), v->i);
	if (USDT_SEMA_IS_ACTIVE(lt_req)) {
		USDT_WITH_EXPLICIT_SEMA(lt_req, lt, req_start,
					USDT_SEMA_IS_ACTIVE(lt_req));
		USDT_WITH_EXPLICIT_SEMA(lt_req, lt, req_done, v->u);
	}
	USDT(lt, done);
}
