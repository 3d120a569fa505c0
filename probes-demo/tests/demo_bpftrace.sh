# kvd traced by `bpftrace -p`: the probes bpftrace counts, and the op, key,
# status and latency arguments it reads, must match what kvd-bench sent,
# exactly; the semaphore-guarded store__summary is computed only while it
# is traced.
#   bash demo_bpftrace.sh KVD KVD_BENCH BPFTRACE
. "$(dirname "$0")/lib.sh"
BPFTRACE=$3
need_root
command -v "$BPFTRACE" >/dev/null ||
	die "bpftrace not found ($BPFTRACE); scripts/setup.sh installs it"

# bpftrace 0.17 reads arg0 to arg5 only and cannot read sym(%rip)
# operands: every argument of kvd's notes must be a register, memory
# relative to a register, or a constant.
readelf -n "$KVD" | sed -n 's/^ *Arguments: //p' >"$WORK/specs"
same "probes in kvd's notes" "$(readelf -n "$KVD" | grep -c 'Provider: kvd')" 7
bad=$(tr ' ' '\n' <"$WORK/specs" | grep -vE '^-?[1248]@(%[a-z0-9]+|-?[0-9]+\(%[a-z0-9]+\)|\$-?[0-9]+)$')
check "every argument is readable by bpftrace 0.17${bad:+ (not: $bad)}" [ -z "$bad" ]
check "no probe has more than 6 arguments" awk 'NF > 6 { exit 1 }' "$WORK/specs"

start_kvd

# Untraced, the expensive argument is never built.
bench warmup -p "$PORT" -n 300 -c 2 -k 50 -s 7
kvd_state
same "untraced: probes traced" "$TRACED" 0/7
same "untraced: store__summary arguments built" "$(counter summaries)" 0
check "untraced: the log was fsynced" [ "$(counter fsyncs)" -gt 0 ]

cat >"$WORK/count.bt" <<'EOF'
BEGIN { printf("tracing\n"); }
usdt:*:kvd:conn__accept { @accept[str(arg1)] = count(); }
usdt:*:kvd:conn__close { @close = count(); @close_requests = sum(arg1); }
usdt:*:kvd:request__start {
	@start[str(arg1)] = count();
	@start_key[str(arg2)] = count();
}
usdt:*:kvd:request__done {
	@done[str(arg1)] = count();
	@done_status[arg4] = count();
	@latency = stats(arg3);
}
usdt:*:kvd:fsync__start { @fsync_start = count(); @fsync_bytes = sum(arg1); }
usdt:*:kvd:fsync__done { @fsync_done = count(); @fsync_ret[arg1] = count(); }
usdt:*:kvd:store__summary {
	@summary = count();
	@summary_keys = arg0;
	@summary_text = str(arg1);
}
EOF
BPFTRACE_STRLEN=200 "$BPFTRACE" -B line -p "$KVD_PID" "$WORK/count.bt" \
	>"$WORK/bt.out" 2>"$WORK/bt.err" &
TRACER_PID=$!
poll 20 grep -q '^tracing$' "$WORK/bt.out" ||
	die "bpftrace did not start: $(cat "$WORK/bt.err")"
wait_traced 7/7 10 || fail "traced: kvd sees $TRACED probes traced, want 7/7"
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
same "bpftrace's exit status after SIGINT" "$STATUS" 0

# bt MAP[KEY]: the value bpftrace printed for it ("@start[GET]: 12")
bt() {
	awk -v k="@$1:" '$1 == k { $1 = ""; sub(/^ /, ""); print; f = 1 } END { if (!f) print 0 }' "$WORK/bt.out"
}

expect_runs tcp unix
same "tcp connections accepted" "$(bt 'accept[tcp]')" "$(field tcp connections)"
same "unix connections accepted" "$(bt 'accept[unix]')" "$(field unix connections)"
same "connections closed" "$(bt close)" "$WANT_CONNS"
same "requests served, as conn__close counts them" "$(bt close_requests)" "$WANT_REQUESTS"
for op in GET SET DEL; do
	want=WANT_$op
	same "$op request__start" "$(bt "start[$op]")" "${!want}"
	same "$op request__done" "$(bt "done[$op]")" "${!want}"
done
same "ops seen: GET, SET and DEL, started and done" "$(grep -cE '^@(start|done)\[' "$WORK/bt.out")" 6
same "requests done with status 0" "$(bt 'done_status[0]')" "$WANT_FOUND"
same "requests done with status 1 (not found)" "$(bt 'done_status[1]')" "$WANT_NOTFOUND"
same "requests done with status -1" "$(bt 'done_status[-1]')" 0
badkeys=$(sed -n 's/^@start_key\[\(.*\)\]: .*/\1/p' "$WORK/bt.out" | grep -vE '^k[0-9]{4}$')
check "every key read is one kvd-bench sent${badkeys:+ (not: $badkeys)}" [ -z "$badkeys" ]
same "requests counted by key" \
	"$(awk '/^@start_key\[/ { n += $NF } END { print n + 0 }' "$WORK/bt.out")" "$WANT_REQUESTS"
read -r lat_count lat_avg lat_total < <(sed -n 's/^@latency: count \([0-9]*\), average \([0-9]*\), total \([0-9]*\)$/\1 \2 \3/p' "$WORK/bt.out")
same "latencies read" "${lat_count:-none}" "$WANT_REQUESTS"
check "kvd's latencies (${lat_total:-?} ns) are positive and within kvd-bench's round trips ($WANT_LATENCY ns)" \
	[ "${lat_avg:-0}" -gt 0 -a "${lat_total:-0}" -lt "$WANT_LATENCY" ]

same "fsync__start, as kvd counts fsyncs" "$(bt fsync_start)" "$fsyncs"
same "fsync__done" "$(bt fsync_done)" "$fsyncs"
same "fsyncs that failed" "$(grep -c '^@fsync_ret\[[^0]' "$WORK/bt.out")" 0
same "bytes fsynced, as the log grew" "$(bt fsync_bytes)" "$log_growth"
check "SETs and DELs were fsynced" [ "$fsyncs" -gt 0 ]

same "store__summary hits, as kvd counts the summaries it built" "$(bt summary)" "$summaries"
same "one summary per fsync while traced" "$summaries" "$fsyncs"
same "the last summary's key count" "$(bt summary_keys)" "$keys"
check "the last summary: $(bt summary_text)" \
	grep -qE "^@summary_text: keys=$keys value_bytes=[0-9]+ buckets=[0-9]+ " "$WORK/bt.out"

# Detached, the semaphores drop to 0 and the summary is not built again.
wait_traced 0/7 10 || fail "detached: kvd sees $TRACED probes traced, want 0/7"
summaries1=$(counter summaries)
fsyncs1=$(counter fsyncs)
bench after -p "$PORT" -n 300 -c 2 -s 3
kvd_state
same "detached: store__summary arguments built" "$(counter summaries)" "$summaries1"
check "detached: the log was fsynced" [ "$(counter fsyncs)" -gt "$fsyncs1" ]

stop_kvd
same "kvd's exit status after SIGTERM" "$KVD_STATUS" 0
check "kvd printed no error" [ ! -s "$WORK/kvd.err" ]
check "kvd removed its socket" [ ! -e "$SOCK" ]
finish
