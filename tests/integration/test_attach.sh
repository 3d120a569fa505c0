# -p attaches to every thread of a running process; after lotrace stops,
# the process keeps running unharmed.
. "$(dirname "$0")/lib.sh"
need_root

"$PROGS/it-spin" >"$WORK/pid.txt" &
spin=$!
trap 'kill -9 $spin 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s "$WORK/pid.txt" ] && break; sleep 0.1; done

# attach_for SIGNAL OUTPUT ARGS...: lotrace -p spin, stopped by SIGNAL half
# a second after it says it attached; its exit status in $status
attach_for() {
	local sig=$1 out=$2
	shift 2
	"$LOTRACE" "$@" -p "$spin" -o "$out" 2>"$out.err" &
	local lt=$!
	wait_attached "$out.err"
	sleep 0.5
	kill -"$sig" "$lt"
	wait "$lt"
	status=$?
}

# with -o and more than one task, lines start with the pid, as strace's do
attach_for INT "$WORK/trace.txt"
check "stopped by SIGINT: exit status 130" [ "$status" -eq 130 ]
check "says it attached and detached, as strace does" \
	bash -c "grep -qx 'lotrace: Process $spin attached' '$WORK/trace.txt.err' && grep -qx 'lotrace: Process $spin detached' '$WORK/trace.txt.err'"
check "the main thread's calls" grep -qE "^$spin +close\(-6000\)" "$WORK/trace.txt"
check "the other thread's calls" grep -qE '^[0-9]+ +close\(-6001\)' "$WORK/trace.txt"
check "nanosleep decoded" grep -q 'clock_nanosleep\|nanosleep' "$WORK/trace.txt"
sleep 0.2
check "the process still runs" kill -0 "$spin"
state=$(awk '{ print $3 }' "/proc/$spin/stat")
check "and is not stopped (state $state)" [ "$state" != T ] && [ "$state" != t ]

attach_for TERM "$WORK/trace2.txt" -f
check "stopped by SIGTERM: exit status 143" [ "$status" -eq 143 ]
check "still running after a second attach" kill -0 "$spin"
check "second attach saw calls" grep -q 'close(-6000)' "$WORK/trace2.txt"

kill -9 "$spin"
wait "$spin" 2>/dev/null
"$LOTRACE" -p "$spin" -o /dev/null 2>"$WORK/err.txt"
check "a dead pid: exit status 1" [ $? -eq 1 ]
check "a dead pid: one line" [ "$(wc -l <"$WORK/err.txt")" -eq 1 ]
check "a dead pid: says so" grep -q "process $spin does not exist" "$WORK/err.txt"
finish
