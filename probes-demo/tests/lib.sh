# Helpers of the demo tests. Each demo_*.sh is run by ctest as
# `bash demo_X.sh KVD KVD_BENCH [TRACER]`; the traced ones need root.
set -u
KVD=$1
BENCH=$2
WORK=$(mktemp -d /tmp/kvd-demo.XXXXXX)
KVD_PID=
TRACER_PID=
failures=0

cleanup() {
	[ -n "$TRACER_PID" ] && kill -INT "$TRACER_PID" 2>/dev/null && wait "$TRACER_PID"
	[ -n "$KVD_PID" ] && kill -9 "$KVD_PID" 2>/dev/null && wait "$KVD_PID"
	rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

pass() {
	echo "ok: $*"
}

# check DESCRIPTION COMMAND...: the command must succeed
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# same DESCRIPTION GOT WANT: two values must be equal (lines shown joined)
same() {
	local got=${2//$'\n'/ | } want=${3//$'\n'/ | }
	if [ "$2" = "$3" ]; then pass "$1: $got"; else fail "$1: got '$got', want '$want'"; fi
}

# Stop at once: what follows cannot run.
die() {
	echo "FAIL: $*" >&2
	[ -f "$WORK/kvd.err" ] && sed 's/^/  kvd stderr: /' "$WORK/kvd.err" >&2
	exit 1
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

need_root() {
	[ "$(id -u)" -eq 0 ] || die "tracing kvd needs root (uprobes and BPF)"
	[ -d /sys/kernel/tracing/events ] ||
		mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
}

# poll SECONDS COMMAND...: until the command succeeds; 1 on timeout
poll() {
	local tries=$(($1 * 20))
	shift
	while [ "$tries" -gt 0 ]; do
		"$@" && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	return 1
}

# start_kvd: kvd on a free port of 127.0.0.1, with its socket and log in
# $WORK; sets KVD_PID, PORT and SOCK.
start_kvd() {
	"$KVD" -d "$WORK" -p 0 >>"$WORK/kvd.out" 2>>"$WORK/kvd.err" &
	KVD_PID=$!
	poll 10 grep -q "^kvd: pid $KVD_PID serving" "$WORK/kvd.out" ||
		die "kvd did not start: $(cat "$WORK/kvd.err")"
	PORT=$(sed -n "s/^kvd: pid $KVD_PID serving 127\.0\.0\.1:\([0-9]*\) .*/\1/p" "$WORK/kvd.out")
	SOCK=$WORK/kvd.sock
}

# exited PID: the child is gone or a zombie, waiting for `wait`
exited() {
	local state
	state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -z "$state" ] || [ "$state" = Z ]
}

# stop PID SIGNAL: signal a child and wait for it, 15 s at most (then
# SIGKILL, and the status says 137); sets STATUS.
stop() {
	kill -"$2" "$1"
	poll 15 exited "$1" || kill -9 "$1"
	wait "$1"
	STATUS=$?
}

# stop_kvd: SIGTERM; sets KVD_STATUS.
stop_kvd() {
	stop "$KVD_PID" TERM
	KVD_STATUS=$STATUS
	KVD_PID=
}

# dumped_after N: kvd printed more than N SIGUSR1 reports
dumped_after() {
	[ "$(grep -c '^kvd: probes traced' "$WORK/kvd.out")" -gt "$1" ]
}

# kvd_state: ask kvd for its counters with SIGUSR1, which fires no probe;
# sets STATS (the "kvd: stats ..." line) and TRACED ("7/7": how many of
# its probes a tracer has enabled, read from their semaphores).
kvd_state() {
	local before
	before=$(grep -c '^kvd: probes traced' "$WORK/kvd.out")
	kill -USR1 "$KVD_PID"
	poll 10 dumped_after "$before" || die "kvd did not answer SIGUSR1"
	STATS=$(grep '^kvd: stats ' "$WORK/kvd.out" | tail -n 1)
	TRACED=$(grep '^kvd: probes traced ' "$WORK/kvd.out" | tail -n 1 | cut -d' ' -f4)
}

# counter NAME: NAME's value in $STATS
counter() {
	sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$STATS"
}

# wait_traced WANT SECONDS: until kvd reports WANT probes traced ("7/7")
wait_traced() {
	local tries=$(($2 * 10))
	while [ "$tries" -gt 0 ]; do
		kvd_state
		[ "$TRACED" = "$1" ] && return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}

# bench NAME ARGS...: run kvd-bench; its report in $WORK/NAME.out
bench() {
	local name=$1
	shift
	timeout 20 "$BENCH" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" ||
		die "kvd-bench $* (exit $?): $(cat "$WORK/$name.err")"
}

# field NAME LINE KEY: KEY=value on the line starting with LINE in
# $WORK/NAME.out ("sent GET=12 ..."), or the line's number ("connections 4")
field() {
	awk -v line="$2" -v key="${3:-}" '$1 == line {
		if (key == "") { print $2; exit }
		for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] }
	}' "$WORK/$1.out"
}

# The counts a tracer must see for the kvd-bench runs NAME...: sets
# WANT_GET, WANT_SET, WANT_DEL, WANT_REQUESTS, WANT_CONNS, WANT_FOUND
# (replies with status 0), WANT_NOTFOUND and WANT_LATENCY (kvd-bench's
# summed round trips, which contain kvd's own latencies).
expect_runs() {
	local r
	WANT_GET=0 WANT_SET=0 WANT_DEL=0 WANT_REQUESTS=0 WANT_CONNS=0
	WANT_FOUND=0 WANT_NOTFOUND=0 WANT_LATENCY=0
	for r in "$@"; do
		same "$r: every request answered" "$(field "$r" answered total)" \
			"$(field "$r" sent total)"
		WANT_GET=$((WANT_GET + $(field "$r" sent GET)))
		WANT_SET=$((WANT_SET + $(field "$r" sent SET)))
		WANT_DEL=$((WANT_DEL + $(field "$r" sent DEL)))
		WANT_REQUESTS=$((WANT_REQUESTS + $(field "$r" sent total)))
		WANT_CONNS=$((WANT_CONNS + $(field "$r" connections)))
		WANT_FOUND=$((WANT_FOUND + $(field "$r" replies VALUE) + \
			$(field "$r" replies OK) + $(field "$r" replies DELETED)))
		WANT_NOTFOUND=$((WANT_NOTFOUND + $(field "$r" replies NOTFOUND)))
		WANT_LATENCY=$((WANT_LATENCY + $(field "$r" latency_ns total)))
	done
}
