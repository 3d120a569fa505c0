#!/usr/bin/env bash
# bench/soak.sh [--build DIR] [--minutes N] [--seed N]: lotrace stopped at
# random moments, over and over, for N minutes (default 3), as root. Not
# part of ctest: README.md ("Soak") says how and records the last result.
#
# Two services run meanwhile: PostgreSQL under pgbench -C (a backend forked
# and gone per transaction) and probes-demo's kvd under kvd-bench. Each
# round picks at random: a target (the postmaster, -p -f with its
# transaction and query probes; kvd, -p -f with kvd:*; or a command lotrace starts,
# -f -y, that forks, execs and exits in a loop and talks to kvd), the
# transport (BPF or --no-bpf), a signal (SIGINT, SIGTERM or SIGKILL) and a
# moment (a fifth of the rounds within the first 0.3 s: during setup).
# After each round:
# - lotrace exited with 128+signal, within 120 s (the time it took is
#   printed: closing each uprobe waits for an RCU grace period, ~100 ms,
#   under the kernel's event_mutex, so hundreds of uprobes take seconds;
#   rounds over 5 s are counted as slow);
# - nothing of it is left (tests/integration/leftovers.py): no process, no
#   BPF program or link, no tracefs instance, no uprobe, no file;
# - every USDT semaphore of the traced services is back to 0
#   (semaphores.py), in the postmaster and every backend;
# - the services still answer (psql SELECT 1, kvd's STATS);
# - every loss was reported: after SIGINT/SIGTERM the "N events lost in
#   total" line says the sum of the "events lost on cpu" lines before it;
# - a command lotrace started is killed with it (SIGINT, SIGTERM) or runs
#   on (SIGKILL, after it was released), and is then stopped here.
# Prints one line per round and a summary; exits 1 if any check failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$here/../build
minutes=3
seed=$$
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--minutes) minutes=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	*) echo "usage: $0 [--build DIR] [--minutes N] [--seed N]" >&2; exit 2 ;;
	esac
done
[ "$(id -u)" -eq 0 ] || { echo "$0: must run as root" >&2; exit 1; }
# job control: what lotrace starts gets SIGINT as a foreground job would
set -m
RANDOM=$seed
leftovers=$here/../tests/integration/leftovers.py
kvd=$build/probes-demo/kvd
kvdbench=$build/probes-demo/kvd-bench
storm=$build/bench/forkstorm
for f in "$build/trace/lotrace" "$kvd" "$kvdbench" "$storm"; do
	[ -x "$f" ] || { echo "$0: $f is missing: cmake --build $build" >&2; exit 1; }
done
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/postgres" ] || { echo "$0: PostgreSQL is not installed" >&2; exit 1; }

# a scratch directory postgres may enter; lotrace under a name of its own
scratch=$(mktemp -d /tmp/lotrace-soak.XXXXXX)
chmod 755 "$scratch"
comm=ltsoak
cp "$build/trace/lotrace" "$scratch/$comm"
lt=$scratch/$comm
mkdir -m 700 "$scratch/tmp"
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	[ -f "$scratch/pg/data/postmaster.pid" ] &&
		(cd "$scratch/pg" && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$scratch/pg/data" \
			-m immediate stop >/dev/null 2>&1)
	wait 2>/dev/null
	rm -rf "$scratch"
}
trap cleanup EXIT

# --- the services ----------------------------------------------------------
as_pg() { (cd "$scratch/pg" && runuser -u postgres -- "$@"); }
mkdir "$scratch/pg"
chown postgres "$scratch/pg"
port=$((20000 + $$ % 20000))
as_pg "$pg_bin/initdb" -D "$scratch/pg/data" -A trust --no-sync >/dev/null 2>&1 ||
	{ echo "$0: initdb failed" >&2; exit 1; }
as_pg "$pg_bin/pg_ctl" -D "$scratch/pg/data" -l "$scratch/pg/log" -w \
	-o "-c listen_addresses='' -k $scratch/pg -p $port" start >/dev/null ||
	{ echo "$0: the PostgreSQL server did not start" >&2; exit 1; }
postmaster=$(head -n1 "$scratch/pg/data/postmaster.pid")
pgc=(-h "$scratch/pg" -p "$port" -U postgres postgres)
"$pg_bin/pgbench" -i -s 1 -q "${pgc[@]}" >/dev/null 2>&1 || { echo "$0: pgbench -i failed" >&2; exit 1; }
"$pg_bin/pgbench" -n -C -c 2 -j 1 -T $((minutes * 60 + 120)) "${pgc[@]}" >/dev/null 2>&1 &
pids+=($!)

mkdir "$scratch/kvd"
"$kvd" -d "$scratch/kvd" -p 0 >"$scratch/kvd.log" 2>&1 &
kvd_pid=$!
pids+=($kvd_pid)
for _ in $(seq 50); do grep -q serving "$scratch/kvd.log" && break; sleep 0.1; done
sock=$scratch/kvd/kvd.sock
"$kvdbench" -u "$sock" -n 100000000 -c 2 -k 50 >/dev/null 2>&1 &
pids+=($!)
loop="while :; do $storm 2 5 $scratch/tmp.storm; $kvdbench -u $sock -n 20 -c 1 -k 5 >/dev/null; /bin/true; done"
mkdir "$scratch/tmp.storm"

# --- the checks after a round --------------------------------------------
round_failures=()
bad() { round_failures+=("$*"); }

# the lost-event lines on stderr in $1: the total says their sum
losses_said() {
	awk '/ events lost on cpu / { sum += $2 } / events lost in total$/ { total = $2; seen = 1 }
	     END { if (sum && (!seen || total != sum)) exit 1; if (seen && total != sum) exit 1 }' "$1"
}

check_round() {
	local sig=$1 status=$2 target=$3
	local want
	case $sig in INT) want=130 ;; TERM) want=143 ;; KILL) want=137 ;; esac
	[ "$status" = hung ] && bad "lotrace did not exit within 120 s"
	[ "$status" != hung ] && [ "$status" -ne "$want" ] && bad "exit $status, not $want"
	python3 "$leftovers" check "$scratch/state.json" "$comm" "$scratch/tmp" >"$scratch/left" ||
		bad "left behind: $(tr '\n' ';' <"$scratch/left")"
	python3 "$here/semaphores.py" "$lt" "$kvd_pid" "$postmaster" \
		$(pgrep -P "$postmaster") >"$scratch/sema" || bad "semaphores not 0: $(tr '\n' ';' <"$scratch/sema")"
	"$pg_bin/psql" -qAtX "${pgc[@]}" -c 'SELECT 1' 2>/dev/null | grep -qx 1 || bad "PostgreSQL does not answer"
	"$kvdbench" -u "$sock" -S 2>/dev/null | grep -q '^STATS ' || bad "kvd does not answer"
	kill -0 "$postmaster" 2>/dev/null || bad "the postmaster is gone"
	kill -0 "$kvd_pid" 2>/dev/null || bad "kvd is gone"
	[ "$sig" != KILL ] && ! losses_said "$scratch/err" && bad "losses not all reported: $(grep lost "$scratch/err" | tr '\n' ';')"
	if [ "$target" = cmd ] && [ -n "$cmd_pid" ]; then
		if kill -0 "$cmd_pid" 2>/dev/null; then
			[ "$sig" != KILL ] && bad "the started command outlived lotrace's SIG$sig"
			kill "$cmd_pid" 2>/dev/null
		fi
	fi
}

# --- the rounds ----------------------------------------------------------
end=$(($(date +%s) + minutes * 60))
rounds=0 failed=0 slow=0
declare -A tally
while [ "$(date +%s)" -lt "$end" ]; do
	targets=(pg kvd cmd)
	sigs=(INT TERM KILL)
	target=${targets[RANDOM % 3]}
	sig=${sigs[RANDOM % 3]}
	transport=bpf
	args=()
	((RANDOM % 2)) && { transport=perf; args+=(--no-bpf); }
	# a fifth of the rounds within the first 0.3 s: setup; the rest up to 3 s
	if ((RANDOM % 5 == 0)); then
		delay_ms=$((RANDOM % 300))
	else
		delay_ms=$((300 + RANDOM % 2700))
	fi
	case $target in
	pg) args+=(-f -p "$postmaster" -u 'postgresql:transaction__*' -u 'postgresql:query__*') ;;
	kvd) args+=(-f -p "$kvd_pid" -u 'kvd:*') ;;
	cmd) args+=(-f -y -- sh -c "$loop") ;;
	esac
	python3 "$leftovers" snapshot "$scratch/state.json"
	TMPDIR=$scratch/tmp "$lt" -o "$scratch/trace" "${args[@]}" 2>"$scratch/err" &
	ltpid=$!
	sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
	cmd_pid=$(pgrep -P "$ltpid" -x sh | head -n1)
	kill -"$sig" "$ltpid" 2>/dev/null
	t0=$(date +%s%N)
	status=hung
	for _ in $(seq 1200); do
		kill -0 "$ltpid" 2>/dev/null || break
		sleep 0.1
	done
	exit_ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$exit_ms" -gt 5000 ] && slow=$((slow + 1))
	if kill -0 "$ltpid" 2>/dev/null; then
		kill -KILL "$ltpid"
		wait "$ltpid" 2>/dev/null
	else
		wait "$ltpid"
		status=$?
	fi
	round_failures=()
	check_round "$sig" "$status" "$target"
	rounds=$((rounds + 1))
	key="$target/$transport/SIG$sig"
	tally[$key]=$((${tally[$key]:-0} + 1))
	lost=$(sed -n 's/^lotrace: \([0-9]*\) events lost in total$/\1/p' "$scratch/err")
	if [ ${#round_failures[@]} -eq 0 ]; then
		printf 'round %d: %s after %d ms, exit in %d ms: ok%s\n' "$rounds" "$key" "$delay_ms" \
			"$exit_ms" "${lost:+ ($lost lost, reported)}"
	else
		failed=$((failed + 1))
		printf 'round %d: %s after %d ms, exit in %d ms: FAILED: %s\n' "$rounds" "$key" \
			"$delay_ms" "$exit_ms" "$(IFS='|'; echo "${round_failures[*]}")"
		cp "$scratch/err" "/tmp/lotrace-soak-round$rounds.err" 2>/dev/null
	fi
done
echo "soak: $rounds rounds in $minutes min (seed $seed), $failed failed, $slow exits slower than 5 s"
for k in $(printf '%s\n' "${!tally[@]}" | sort); do printf '  %s: %d\n' "$k" "${tally[$k]}"; done
[ "$failed" -eq 0 ]
