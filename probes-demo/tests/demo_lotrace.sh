# kvd traced by `lotrace -p PID -u 'kvd:*'`: probe hits and kvd's syscalls
# in one trace, counted exactly against what kvd-bench sent, in text and in
# the -c summary; the semaphore-guarded store__summary is computed only
# while traced.
#   bash demo_lotrace.sh KVD KVD_BENCH LOTRACE
. "$(dirname "$0")/lib.sh"
LOTRACE=$3
need_root
"$LOTRACE" --help 2>&1 | grep -qE '^ +-u ' ||
	die "lotrace has no -u yet ($LOTRACE --help does not list it)"

TRACE=$WORK/trace.txt

# hits PROBE: the lines of PROBE's hits in $TRACE
hits() {
	grep -E "(^|[] ])usdt:kvd:$1\(" "$TRACE"
}

# args PROBE N: argument N (from 0) of each hit of PROBE, one a line.
# Arguments hold no ", ": kvd's strings are ops, keys and transports.
args() {
	hits "$1" | sed -E "s/.*usdt:kvd:$1\((.*)\)$/\1/" |
		awk -F', ' -v n="$(($2 + 1))" '{ print $n }'
}

# tally PROBE N NAME=COUNT...: argument N of PROBE takes each value NAME
# COUNT times, matched by value: kvd's probes come from a usdt-gen header,
# whose types lotrace reads, so a char * prints as its string ("GET").
tally() {
	local probe=$1 n=$2 got want
	shift 2
	want=$(printf '%s\n' "$@" | grep -v '=0$' | sort)
	got=$(args "$probe" "$n" | sed -E 's/^"(.*)"$/\1/' | sort | uniq -c |
		awk '{ print $2 "=" $1 }' | sort)
	same "$probe argument $n by value" "$(echo $got)" "$(echo $want)"
}

# sum PROBE N: the sum of argument N of PROBE over its hits
sum() {
	args "$1" "$2" | awk '{ s += $1 } END { printf "%d\n", s }'
}

# Syscall tracing is on once the trace shows kvd printing a SIGUSR1 report.
trace_is_live() {
	kvd_state
	grep -q 'write(1, "kvd: stats ' "$TRACE"
}

start_kvd
bench warmup -p "$PORT" -n 300 -c 2 -k 50 -s 7
kvd_state
same "untraced: store__summary arguments built" "$(counter summaries)" 0

# 1. The trace: probes and syscalls together.
"$LOTRACE" -p "$KVD_PID" -u 'kvd:*' -o "$TRACE" 2>"$WORK/lotrace.err" &
TRACER_PID=$!
wait_traced 7/7 10 ||
	die "lotrace -u did not enable kvd's probes: $TRACED traced; $(cat "$WORK/lotrace.err")"
poll 10 trace_is_live || die "lotrace's trace shows no syscall of kvd's"
fsyncs0=$(counter fsyncs)
summaries0=$(counter summaries)
log0=$(wc -c <"$WORK/kvd.log")

bench tcp -p "$PORT" -n 2000 -c 4 -k 100 -s 1
bench unix -u "$SOCK" -n 1000 -c 2 -k 250 -s 2
kvd_state
fsyncs=$(($(counter fsyncs) - fsyncs0))
summaries=$(($(counter summaries) - summaries0))
log_growth=$(($(wc -c <"$WORK/kvd.log") - log0))
keys=$(counter keys)
stop "$TRACER_PID" INT
TRACER_PID=
same "lotrace's exit status after SIGINT" "$STATUS" 130

expect_runs tcp unix
same "conn__accept hits" "$(hits conn__accept | wc -l)" "$WANT_CONNS"
tally conn__accept 1 tcp="$(field tcp connections)" unix="$(field unix connections)"
same "conn__close hits" "$(hits conn__close | wc -l)" "$WANT_CONNS"
same "requests served, as conn__close counts them" "$(sum conn__close 1)" "$WANT_REQUESTS"
same "request__start hits" "$(hits request__start | wc -l)" "$WANT_REQUESTS"
# the walkthrough's line: the op and the key as strings, no /sN needed
same "request__start lines like (8, \"GET\", \"k0001\")" \
	"$(hits request__start | grep -cvE 'usdt:kvd:request__start\([0-9]+, "(GET|SET|DEL)", "k[0-9]{4}"\)$')" 0
same "request__done hits" "$(hits request__done | wc -l)" "$WANT_REQUESTS"
tally request__start 1 GET="$WANT_GET" SET="$WANT_SET" DEL="$WANT_DEL"
tally request__done 1 GET="$WANT_GET" SET="$WANT_SET" DEL="$WANT_DEL"
tally request__done 4 0="$WANT_FOUND" 1="$WANT_NOTFOUND"
lat=$(sum request__done 3)
check "kvd's latencies ($lat ns) are positive and within kvd-bench's round trips ($WANT_LATENCY ns)" \
	[ "$lat" -gt 0 -a "$lat" -lt "$WANT_LATENCY" ]

check "SETs and DELs were fsynced" [ "$fsyncs" -gt 0 ]
same "fsync__start hits, as kvd counts fsyncs" "$(hits fsync__start | wc -l)" "$fsyncs"
same "fsync__done hits" "$(hits fsync__done | wc -l)" "$fsyncs"
same "fsync__done with a nonzero ret" "$(args fsync__done 1 | grep -vxc 0)" 0
same "bytes fsynced, as the log grew" "$(sum fsync__start 1)" "$log_growth"
same "fsync syscalls" "$(grep -cE '(^|[] ])fsync\(' "$TRACE")" "$fsyncs"
# Each fsync(2) shows up between its two probes.
same "fsync(2) between fsync__start and fsync__done" \
	"$(grep -oE '(^|[] ])(usdt:kvd:fsync__start|fsync|usdt:kvd:fsync__done)\(' "$TRACE" |
		tr -d '[] (' | paste -d' ' - - - | sort | uniq -c | awk '{ $1 = $1; print }')" \
	"$fsyncs usdt:kvd:fsync__start fsync usdt:kvd:fsync__done"

same "store__summary hits, as kvd counts the summaries it built" \
	"$(hits store__summary | wc -l)" "$summaries"
same "one summary per fsync while traced" "$summaries" "$fsyncs"
same "the last summary's key count" "$(args store__summary 0 | tail -n 1)" "$keys"

wait_traced 0/7 10 || fail "detached: kvd sees $TRACED probes traced, want 0/7"

# 2. The -c summary: one row per probe, named usdt:kvd:NAME.
"$LOTRACE" -c -p "$KVD_PID" -u 'kvd:*' -o "$WORK/summary.txt" 2>"$WORK/lotrace-c.err" &
TRACER_PID=$!
wait_traced 7/7 10 ||
	die "lotrace -c -u did not enable kvd's probes: $TRACED traced; $(cat "$WORK/lotrace-c.err")"
# The probes are opened before lotrace enables its events all at once;
# -c shows nothing until the end, so give that step a generous moment.
sleep 1
kvd_state
fsyncs0=$(counter fsyncs)
summaries0=$(counter summaries)
bench summary -p "$PORT" -n 1000 -c 2 -k 100 -s 4
kvd_state
fsyncs=$(($(counter fsyncs) - fsyncs0))
summaries=$(($(counter summaries) - summaries0))
stop "$TRACER_PID" INT
TRACER_PID=
same "lotrace -c's exit status after SIGINT" "$STATUS" 130

# calls NAME: the calls column of the -c row NAME
calls() {
	awk -v n="$1" '$NF == n { print $4; f = 1 } END { if (!f) print "no row" }' \
		"$WORK/summary.txt"
}
expect_runs summary
same "-c usdt:kvd:request__done" "$(calls usdt:kvd:request__done)" "$WANT_REQUESTS"
same "-c usdt:kvd:request__start" "$(calls usdt:kvd:request__start)" "$WANT_REQUESTS"
same "-c usdt:kvd:conn__accept" "$(calls usdt:kvd:conn__accept)" "$WANT_CONNS"
same "-c usdt:kvd:conn__close" "$(calls usdt:kvd:conn__close)" "$WANT_CONNS"
same "-c usdt:kvd:fsync__start" "$(calls usdt:kvd:fsync__start)" "$fsyncs"
same "-c usdt:kvd:fsync__done" "$(calls usdt:kvd:fsync__done)" "$fsyncs"
same "-c fsync" "$(calls fsync)" "$fsyncs"
same "-c usdt:kvd:store__summary" "$(calls usdt:kvd:store__summary)" "$summaries"

# Detached, the summary is not built again.
wait_traced 0/7 10 || fail "detached: kvd sees $TRACED probes traced, want 0/7"
summaries1=$(counter summaries)
bench after -p "$PORT" -n 300 -c 2 -s 3
kvd_state
same "detached: store__summary arguments built" "$(counter summaries)" "$summaries1"

stop_kvd
same "kvd's exit status after SIGTERM" "$KVD_STATUS" 0
check "kvd printed no error" [ ! -s "$WORK/kvd.err" ]
finish
