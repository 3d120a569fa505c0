/* pidname: -Y and --decode-pids=: the process ids among a call's
 * arguments and result, followed by the process's command name, as strace
 * prints them: kill(1234<sleep>, SIGTERM), getpid() = 1234<cat>. */
#ifndef LOTRACE_SINK_PIDNAME_H
#define LOTRACE_SINK_PIDNAME_H

#include "sink/sink.h"

struct dcall;

/* Rewrite the pid arguments and result of d, decoded from c. */
void pidname_annotate(const struct sink_env *env, const struct call *c, struct dcall *d);

#endif
