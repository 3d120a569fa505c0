/* What every sink does with a call: decode it, and ask -e status=. */
#include "sink/sink.h"

#include "decode/capture.h"
#include "decode/decode.h"

void sink_decode(const struct sink_env *env, const struct call *c, struct dcall *d)
{
	d->strsize = env->opts->strsize;
	decode_call(env->formats, c, d);
	if (sysset_has(&env->opts->raw, c->nr))
		decode_raw(c, d);
	else
		capture_decode(c, d, env->opts->strsize);
	if (env->fdtrack)
		fdtrack_annotate(env->fdtrack, c, d);
}

bool sink_wanted(const struct sink_env *env, const struct call *c)
{
	bool failed = c->returned && decode_is_error(c->ret);

	switch (env->opts->status) {
	case STATUS_FAILED:
		return failed;
	case STATUS_SUCCESSFUL:
		return c->returned && !failed;
	default:
		return true;
	}
}
