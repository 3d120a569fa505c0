/* What every sink does with a call: decode it, and ask -e status=. */
#include "sink/sink.h"

#include "decode/capture.h"
#include "decode/decode.h"
#include "sink/pidname.h"

void sink_decode(const struct sink_env *env, const struct call *c, struct dcall *d)
{
	const struct opts *o = env->opts;
	struct decode_style style = {
		.xlat = (uint8_t)o->xlat_style,
		.hex = (uint8_t)o->hex,
		.whole = !sysset_has(&o->abbrev, c->nr),
		.no_structs = !sysset_has(&o->verbose, c->nr),
	};

	d->strsize = o->strsize;
	decode_call_as(env->formats, c, d, &style);
	if (sysset_has(&o->raw, c->nr))
		decode_raw(c, d);
	else
		capture_decode(c, d, o->strsize);
	if (env->fdtrack && env->opts->fd_paths)
		fdtrack_annotate(env->fdtrack, c, d);
	if (o->decode_pids)
		pidname_annotate(env, c, d);
}

/* The status strace gives a call that ends here: how it returned, or
 * unfinished (the task ended inside it). lotrace always has the result of
 * a call that returned, so none is unavailable. */
static unsigned call_status(const struct call *c)
{
	if (!c->returned)
		return STATUS_UNFINISHED;
	return decode_is_error(c->ret) ? STATUS_FAILED : STATUS_SUCCESSFUL;
}

bool sink_selected(const struct sink_env *env, const struct call *c)
{
	return !env->pathtrace || pathtrace_match(env->pathtrace, c);
}

bool sink_wanted(const struct sink_env *env, const struct call *c)
{
	return env->opts->status & call_status(c) && sink_selected(env, c);
}

bool sink_filtered(const struct sink_env *env)
{
	return opts_call_filter(env->opts);
}
