#!/usr/bin/env bash
# bench/run.sh: what tracing costs the traced program. Runs each workload
# untraced and under strace, perf trace, lotrace (text and -c), perf record
# and the floor (perf stat counting the same tracepoints), interleaved round
# by round; then finds the syscall rate at which lotrace starts to lose
# events. Prints markdown tables on stdout; bench/README.md explains them.
#
# Usage: bench/run.sh [--build DIR] [--rounds N] [--only WL,...] [--smoke]
#                     [--no-build]
set -euo pipefail
# Decimal points in EPOCHREALTIME and awk's numbers, whatever the locale.
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
build=${LOTRACE_BUILD:-$here/../build}
rounds=5
only=
smoke=0
do_build=1

usage() {
	cat >&2 <<-EOF
	usage: $0 [--build DIR] [--rounds N] [--only WORKLOAD,...] [--smoke] [--no-build]
	  --build DIR   CMake build directory (default: \$LOTRACE_BUILD or build/)
	  --rounds N    interleaved rounds per figure (default 5)
	  --only LIST   workloads to run: ${workloads[*]}
	  --smoke       tiny counts and one round: checks that the bench works
	  --no-build    do not run cmake --build first (the "bench" target did)
	  LOTRACE=PATH  use this lotrace binary instead of DIR/trace/lotrace
	EOF
	exit 2
}

# ---------------------------------------------------------------------------
# Workloads: the table's rows, in order. A workload's size is its iteration
# count (for pgbench: seconds of traced window). strace and perf trace cost
# 100-1000x more per syscall than the others, so they run slow_size
# iterations, each compared with an untraced run of the same size.

workloads=(dd getppid rw filtered beside sqlite pgbench startup)

declare -A title=(
	[dd]='`dd bs=512` /dev/zero → /dev/null'
	[getppid]='getppid loop'
	[rw]='1-byte write+read loop on a pipe'
	[filtered]='getppid loop, `-e trace=openat`'
	[beside]='getppid loop beside the trace, not traced'
	[sqlite]='sqlite3 INSERTs, autocommit, db on tmpfs'
	[pgbench]='pgbench -S, 1 client, backend traced with -p'
	[startup]='start-up: `TRACER -- true`'
)
declare -A unit=([dd]=blocks [getppid]=calls [rw]=rounds [filtered]=calls
	[beside]=calls [sqlite]=inserts)
# The syscall filter that the tracers apply (strace adds --seccomp-bpf).
declare -A syscall_filter=([filtered]=openat)
# Syscalls per iteration where the workload fixes them; the others are
# counted by the floor's perf stat.
declare -A per_unit=([dd]=2 [getppid]=1 [rw]=2 [filtered]=1 [beside]=1)
# How a workload is run: "cmd" under stopwatch, "pid" attached with -p,
# "startup" timed as a whole by selfusage, "beside" under stopwatch while
# the tracer traces an idle shell: what a trace costs the other processes.
declare -A kind=([pgbench]=pid [startup]=startup [beside]=beside)

declare -A size=([dd]=1000000 [getppid]=2000000 [rw]=1000000
	[filtered]=2000000 [beside]=2000000 [sqlite]=10000 [pgbench]=3 [startup]=1)
declare -A slow_size=([dd]=50000 [getppid]=100000 [rw]=50000
	[filtered]=2000000 [beside]=2000000 [sqlite]=1000 [pgbench]=3 [startup]=1)

# Loss sweep, under lotrace with its default buffers: getppid paced at these
# rates (calls/s) for sweep_seconds each, then one loop as fast as it goes
# (max), then two and four loops at once (max2, max4: more busy processes
# than CPUs, the tracer competing with them), each sweep_top*sweep_seconds
# calls in all.
sweep_steps=(250000 500000 1000000 1500000 2000000 max max2 max4)
sweep_top=2000000
sweep_seconds=2
sweep_runs=3

# ---------------------------------------------------------------------------
# Tracers: the table's columns. "untraced" is the reference for each round.
# perf record is not a competitor but a yardstick: the kernel writes the
# same two records per syscall into perf ring buffers as for lotrace, and
# perf only copies them to a file, so it shows what the records cost.

tracers=(untraced strace perf_trace lotrace lotrace_c perf_record floor)
slow_tracers=" strace perf_trace "

# tracer_cmd TRACER FILTER [PID]: sets cmd=(...) to the command that traces
# PID, or, without PID, the command that the caller appends.
tracer_cmd() {
	local tracer=$1 filter=$2 pid=${3:-}
	local target=(--)

	[ -n "$pid" ] && target=(-p "$pid")
	case $tracer in
	untraced)
		# Attached runs still need a process that lasts the window.
		cmd=()
		[ -n "$pid" ] && cmd=(sleep infinity)
		return 0
		;;
	strace)
		cmd=(strace -f -qq -o /dev/null)
		[ -n "$filter" ] && cmd+=(--seccomp-bpf -e "trace=$filter")
		;;
	perf_trace)
		# A file, not /dev/null: perf trace reports lost events only in
		# its output ("LOST N events!"). It is on tmpfs and deleted.
		cmd=(perf trace -o "$scratch/perf-trace.out")
		[ -n "$filter" ] && cmd+=(-e "$filter")
		;;
	lotrace)
		cmd=("$lotrace" -f -o /dev/null)
		[ -n "$filter" ] && cmd+=(-e "trace=$filter")
		;;
	lotrace_c)
		cmd=("$lotrace" -f -c -o "$scratch/summary.out")
		[ -n "$filter" ] && cmd+=(-e "trace=$filter")
		;;
	perf_record)
		cmd=(perf record -o "$scratch/perf.data")
		add_tracepoints "$filter"
		;;
	floor)
		cmd=(perf stat "-x," -o "$scratch/perf-stat.out")
		add_tracepoints "$filter"
		;;
	esac
	cmd+=("${target[@]}")
}

# add_tracepoints FILTER: adds to cmd perf's options for the tracepoints that
# a tracer with this syscall filter needs.
add_tracepoints() {
	if [ -n "$1" ]; then
		cmd+=(-e "syscalls:sys_enter_$1" -e "syscalls:sys_exit_$1")
	else
		cmd+=(-e raw_syscalls:sys_enter -e raw_syscalls:sys_exit)
	fi
}

tracer_available() {
	case $1 in
	lotrace | lotrace_c) [ -x "$lotrace" ] ;;
	*) return 0 ;;
	esac
}

# lost_events TRACER: events the run just finished lost, from its reports.
# strace cannot lose (ptrace stops the tracee); perf stat only counts;
# perf record states losses only as a percentage (recorded by finish_run).
lost_events() {
	case $1 in
	perf_trace)
		awk '$1 == "LOST" { n += $2 } END { print n + 0 }' \
			"$scratch/perf-trace.out" 2>/dev/null || echo 0
		;;
	lotrace | lotrace_c)
		# The total line if present, else the sum of the per-CPU lines.
		awk '/^lotrace: [0-9]+ events lost in total$/ { total = $2 }
		     /^lotrace: [0-9]+ events lost on cpu/ { sum += $2 }
		     END { print (total != "" ? total : sum + 0) }' "$scratch/stderr"
		;;
	*) echo 0 ;;
	esac
}

# lost_percent: from perf record's "Processed N samples and lost X%!".
lost_percent() {
	sed -n 's/.* samples and lost \([0-9.]*\)%.*/\1/p' "$scratch/stderr" | tail -n 1
}

# floor_count: sys_enter events the floor's perf stat counted.
floor_count() {
	awk -F, '$3 ~ /sys_enter/ { print $1; exit }' "$scratch/perf-stat.out"
}

# ---------------------------------------------------------------------------
# Workload commands

# workload_cmd WL N: sets wcmd=(...) to run N iterations of WL.
workload_cmd() {
	local wl=$1 n=$2

	case $wl in
	dd) wcmd=(dd if=/dev/zero of=/dev/null bs=512 "count=$n" status=none) ;;
	getppid | filtered | beside) wcmd=("$bin/getppid-loop" "$n") ;;
	rw) wcmd=("$bin/rw-loop" "$n") ;;
	sqlite)
		rm -f "$scratch"/bench.db*
		wcmd=(sqlite3 "$scratch/bench.db" ".read $(sqlite_script "$n")")
		;;
	startup) wcmd=(true) ;;
	esac
}

# sqlite_script N: path of an SQL script doing N INSERTs, one transaction
# each, as an application logging rows one by one would.
sqlite_script() {
	local sql=$scratch/inserts-$1.sql

	[ -f "$sql" ] || awk -v n="$1" 'BEGIN {
		print "CREATE TABLE log(id INTEGER PRIMARY KEY, at INTEGER, msg TEXT);"
		for (i = 1; i <= n; i++)
			printf "INSERT INTO log(at, msg) VALUES(%d, \047event %d\047);\n", i, i
	}' >"$sql"
	echo "$sql"
}

# ---------------------------------------------------------------------------
# PostgreSQL: a private server under /tmp, unix socket only, run as postgres.

pg_dir=
pg_bin=
pg_settle=1.5

# from the server's own directory: the caller's may be one postgres cannot
# enter (a clone in root's home, any mktemp -d)
as_postgres() { (cd "$pg_dir" && runuser -u postgres -- "$@"); }

# pg_start: initdb, start the server and fill pgbench's tables. Returns 1
# with a message if any step fails (its log stays in $pg_dir until pg_stop).
pg_start() {
	pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$pg_bin" ] || ! id postgres >/dev/null 2>&1; then
		echo "run.sh: PostgreSQL is not installed (apt-get install postgresql postgresql-contrib)" >&2
		return 1
	fi
	pg_dir=$(mktemp -d /tmp/lotrace-bench-pg.XXXXXX)
	chown postgres: "$pg_dir"
	pg_conn=(-h "$pg_dir" -U postgres postgres)
	# pgbench's -T takes whole seconds; one more covers connecting.
	pg_total=$(awk -v s="$pg_settle" -v w="${size[pgbench]}" \
		'BEGIN { t = s + w; printf "%d", (t == int(t) ? t : int(t) + 1) + 1 }')
	if ! as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres \
		--no-sync >"$pg_dir/initdb.log" 2>&1; then
		echo "run.sh: initdb failed:" >&2
		tail -n 5 "$pg_dir/initdb.log" >&2
		return 1
	fi
	if ! as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
		-o "-c listen_addresses='' -c unix_socket_directories='$pg_dir'" \
		start >/dev/null; then
		echo "run.sh: the PostgreSQL server did not start:" >&2
		tail -n 5 "$pg_dir/server.log" >&2
		return 1
	fi
	if ! "$pg_bin/pgbench" -i -s 1 -q "${pg_conn[@]}" >"$pg_dir/init.log" 2>&1; then
		echo "run.sh: pgbench -i failed:" >&2
		tail -n 5 "$pg_dir/init.log" >&2
		return 1
	fi
}

pg_stop() {
	[ -n "$pg_dir" ] || return 0
	if [ -f "$pg_dir/data/postmaster.pid" ]; then
		as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true
	fi
	rm -rf "$pg_dir"
	pg_dir=
}

# pg_backend_pid APPNAME: the PID of the backend serving pgbench's client
# that connected as APPNAME, once it runs the benchmark's query. pgbench
# first opens a short-lived connection of its own to read the scale.
pg_backend_pid() {
	local pid tries=100

	while [ $((tries--)) -gt 0 ]; do
		pid=$("$pg_bin/psql" "${pg_conn[@]}" -Atc "SELECT pid FROM pg_stat_activity
			WHERE application_name = '$1' AND query LIKE 'SELECT abalance %'")
		[ -n "$pid" ] && { echo "$pid"; return 0; }
		sleep 0.05
	done
	return 1
}

# ---------------------------------------------------------------------------
# One measurement. Each appends a tab-separated "run" record to $results:
# workload tracer round size value lost cpu_ns rss_kib count lost_pct
# user_ns sys_ns, where value is the time in ns (per transaction for
# pgbench) or "fail", lost_pct the share of samples perf record says it
# lost, and cpu_ns = user_ns + sys_ns the tracer's own CPU time.

record() {
	local IFS=$'\t'
	echo "$*" >>"$results"
}

# finish_run WL TRACER ROUND N STATUS VALUE [COUNT]: checks and records.
finish_run() {
	local wl=$1 tracer=$2 round=$3 n=$4 status=$5 value=$6 count=${7:--}
	local usage=(0 0 0 0 0)

	if [ "$status" -ne 0 ] || [ -z "$value" ]; then
		echo "run.sh: $wl under $tracer failed (status $status):" >&2
		tail -n 5 "$scratch/stderr" >&2
		value=fail
	fi
	[ -s "$scratch/usage" ] && read -ra usage <"$scratch/usage"
	record run "$wl" "$tracer" "$round" "$n" "$value" "$(lost_events "$tracer")" \
		"${usage[1]}" "${usage[2]}" "$count" "$(lost_percent)" "${usage[3]:-0}" "${usage[4]:-0}"
}

clean_run_files() {
	rm -f "$scratch"/{elapsed,usage,stderr,perf-trace.out,perf-stat.out,perf.data,summary.out}
}

# A command workload: the tracer runs stopwatch, which times the workload.
run_cmd() {
	local wl=$1 tracer=$2 round=$3 n=$4 status=0 count=-

	clean_run_files
	workload_cmd "$wl" "$n"
	tracer_cmd "$tracer" "${syscall_filter[$wl]:-}"
	"$selfusage" "$scratch/usage" "${cmd[@]}" "$stopwatch" "$scratch/elapsed" \
		"${wcmd[@]}" >/dev/null 2>"$scratch/stderr" || status=$?
	[ "$tracer" = floor ] && count=$(floor_count)
	finish_run "$wl" "$tracer" "$round" "$n" "$status" \
		"$(cat "$scratch/elapsed" 2>/dev/null)" "$count"
}

# Start-up: the whole "TRACER -- true", timed by selfusage.
run_startup() {
	local wl=$1 tracer=$2 round=$3 n=$4 status=0 count=-
	local usage=()

	clean_run_files
	workload_cmd "$wl" "$n"
	tracer_cmd "$tracer" ""
	"$selfusage" "$scratch/usage" "${cmd[@]}" "${wcmd[@]}" \
		>/dev/null 2>"$scratch/stderr" || status=$?
	[ "$tracer" = floor ] && count=$(floor_count)
	[ -s "$scratch/usage" ] && read -ra usage <"$scratch/usage"
	finish_run "$wl" "$tracer" "$round" "$n" "$status" "${usage[0]:-}" "$count"
}

# pgbench: a fresh pgbench -S connection per run; the tracer attaches to its
# backend for pg_settle seconds plus the window (the workload's size).
# Throughput counts the transactions that pgbench logged (-l) as completed
# within the window, so that a slow attach (perf trace's) is not counted.
# pgbench and its backend share CPU 0: apart, every query and reply needs a
# cross-CPU wake-up, whose cost in this VM (tens of µs, bimodal) drowns
# what the tracers add; together they leave CPU 1 to the tracer.
run_pid() {
	local wl=$1 tracer=$2 round=$3 window=$4 status=0 count=-
	local app=lotrace-bench-$round-$tracer pgbench_pid backend t0 t_end value=

	clean_run_files
	rm -f "$scratch"/pgbench-log.*
	PGAPPNAME=$app taskset -c 0 "$pg_bin/pgbench" -n -S -c 1 -T "$pg_total" \
		-l --log-prefix="$scratch/pgbench-log" "${pg_conn[@]}" \
		>/dev/null 2>"$scratch/pgbench.err" &
	pgbench_pid=$!
	if ! backend=$(pg_backend_pid "$app"); then
		echo "run.sh: pgbench's backend did not show up in pg_stat_activity" >&2
		wait "$pgbench_pid" || true
		finish_run "$wl" "$tracer" "$round" "$window" 1 ""
		return
	fi
	taskset -pc 0 "$backend" >/dev/null
	tracer_cmd "$tracer" "" "$backend"
	t0=$EPOCHREALTIME
	"$selfusage" -t "$(awk -v s="$pg_settle" -v w="$window" 'BEGIN { print s + w }')" \
		"$scratch/usage" "${cmd[@]}" >/dev/null 2>"$scratch/stderr" || status=$?
	# Detaching on SIGINT is the expected end of an attached tracer.
	[ "$status" -eq 130 ] && status=0
	wait "$pgbench_pid" || status=$?
	t_end=$(awk -v t="$t0" -v s="$pg_settle" -v w="$window" 'BEGIN { printf "%.6f", t + s + w }')
	# Log lines: client txn latency_us script epoch_s epoch_us.
	value=$(awk -v end="$t_end" -v w="$window" '
		{ t = $5 + $6 / 1e6 }
		t >= end - w && t < end { n++ }
		END { if (n) printf "%.1f", w * 1e9 / n }
	' "$scratch"/pgbench-log.*)
	if [ "$tracer" = floor ]; then
		# Syscalls per transaction over the time perf stat says it counted
		# (CSV: count,,event,time_running,...): on a busy machine its
		# start-up can take seconds of the window.
		count=$(awk -v end="$t_end" '
			FNR == NR { if ($3 ~ /sys_enter/) { events = $1; len = $4 / 1e9 } next }
			{ t = $5 + $6 / 1e6 }
			t >= end - len && t < end { n++ }
			END { if (n) printf "%.3f", events / n }
		' FS=, "$scratch/perf-stat.out" FS=' ' "$scratch"/pgbench-log.*)
	fi
	finish_run "$wl" "$tracer" "$round" "$window" "$status" "$value" "$count"
}

# Beside: the tracer traces a shell that waits on a FIFO, started for it
# (it says when it runs, so the tracer is ready), while stopwatch times the
# workload, which nothing traces; then the shell ends, and the tracer. The
# FIFOs are opened read-write here, so that neither end waits for a tracer
# that never ran its shell.
run_beside() {
	local wl=$1 tracer=$2 round=$3 n=$4 status=0 count=- tpid ready go

	clean_run_files
	rm -f "$scratch"/ready "$scratch"/go
	mkfifo "$scratch"/ready "$scratch"/go
	exec {ready}<>"$scratch"/ready {go}<>"$scratch"/go
	workload_cmd "$wl" "$n"
	tracer_cmd "$tracer" ""
	"$selfusage" "$scratch/usage" "${cmd[@]}" sh -c "echo >$scratch/ready; read _ <$scratch/go" \
		>/dev/null 2>"$scratch/stderr" &
	tpid=$!
	if read -r -t 60 -u "$ready" _; then
		"$stopwatch" "$scratch/elapsed" "${wcmd[@]}" >/dev/null || status=$?
	else
		status=1
	fi
	echo >&"$go"
	wait "$tpid" || status=$?
	exec {ready}>&- {go}>&-
	finish_run "$wl" "$tracer" "$round" "$n" "$status" \
		"$(cat "$scratch/elapsed" 2>/dev/null)" "$count"
}

run_once() {
	case ${kind[$1]:-cmd} in
	cmd) run_cmd "$@" ;;
	beside) run_beside "$@" ;;
	pid) run_pid "$@" ;;
	startup) run_startup "$@" ;;
	esac
}

# ---------------------------------------------------------------------------
# The rounds: in each round every tracer runs once, in an order rotated by
# the round number so that no tracer always follows the same neighbour. The
# untraced reference runs at every size a tracer of this round uses.

run_round() {
	local wl=$1 round=$2 count=${#tracers[@]} i tracer n

	for ((i = 0; i < count; i++)); do
		tracer=${tracers[(i + round) % count]}
		tracer_available "$tracer" || continue
		if [ "$tracer" = untraced ]; then
			run_once "$wl" untraced "$round" "${size[$wl]}"
			[ "${slow_size[$wl]}" = "${size[$wl]}" ] ||
				run_once "$wl" untraced "$round" "${slow_size[$wl]}"
			continue
		fi
		n=${size[$wl]}
		[[ $slow_tracers == *" $tracer "* ]] && n=${slow_size[$wl]}
		run_once "$wl" "$tracer" "$round" "$n"
	done
}

# Human-readable counts for labels: 2000000 -> 2M, 50000 -> 50k.
human() {
	if [ $(($1 % 1000000)) -eq 0 ]; then
		echo "$(($1 / 1000000))M"
	elif [ $(($1 % 1000)) -eq 0 ]; then
		echo "$(($1 / 1000))k"
	else
		echo "$1"
	fi
}

# The row label with its sizes, as a "meta" record for table.awk.
record_meta() {
	local wl=$1 label=${title[$1]} n=${size[$1]} slow=${slow_size[$1]}
	local table_kind=${kind[$1]:-cmd}

	case ${kind[$wl]:-cmd} in
	cmd | beside)
		label+=", $(human "$n") ${unit[$wl]}"
		[ "$slow" = "$n" ] || label+=" (strace, perf trace: $(human "$slow"))"
		;;
	pid) label+=" for ${n} s" ;;
	esac
	# in the table, beside's row reads as a command's
	[ "$table_kind" = beside ] && table_kind=cmd
	record meta "$wl" "$label" "$table_kind" "${per_unit[$wl]:-count}"
}

run_workload() {
	local wl=$1 round

	if [ "$wl" = pgbench ] && ! pg_start; then
		pg_stop
		record meta "$wl" "${title[$wl]}: no PostgreSQL server" pid count
		return
	fi
	record_meta "$wl"
	for ((round = 1; round <= rounds; round++)); do
		run_round "$wl" "$round"
	done
	[ "$wl" = pgbench ] && pg_stop
	return 0
}

# sweep_cmd STEP N: sets wcmd=(...) to N getppid calls paced as STEP says:
# a rate in calls/s, "max" (one loop, unpaced) or "maxK" (K loops at once,
# N calls in all: the only way past one process's rate on two CPUs).
sweep_cmd() {
	local step=$1 n=$2 loops

	case $step in
	max) wcmd=("$bin/getppid-loop" "$n") ;;
	max*)
		loops=${step#max}
		wcmd=(sh -c 'i=0
			while [ "$i" -lt "$2" ]; do "$0" "$1" & i=$((i + 1)); done
			wait' "$bin/getppid-loop" $((n / loops)) "$loops")
		;;
	*) wcmd=("$bin/getppid-loop" "$n" "$step") ;;
	esac
}

# The loss sweep: lotrace alone, sweep_runs passes over the steps, one
# "sweep" record per run: tracer step calls elapsed_ns lost cpu_ns rss_kib.
run_sweep() {
	local tracer step rate n status elapsed usage pass

	for ((pass = 1; pass <= sweep_runs; pass++)); do
	for tracer in lotrace lotrace_c; do
		tracer_available "$tracer" || continue
		for step in "${sweep_steps[@]}"; do
			clean_run_files
			status=0
			case $step in
			max*) rate=$sweep_top ;;
			*) rate=$step ;;
			esac
			n=$(awk -v r="$rate" -v s="$sweep_seconds" 'BEGIN { printf "%d", r * s }')
			sweep_cmd "$step" "$n"
			tracer_cmd "$tracer" ""
			"$selfusage" "$scratch/usage" "${cmd[@]}" "$stopwatch" "$scratch/elapsed" \
				"${wcmd[@]}" >/dev/null 2>"$scratch/stderr" || status=$?
			elapsed=fail
			if [ "$status" -eq 0 ]; then
				elapsed=$(cat "$scratch/elapsed")
			else
				echo "run.sh: loss sweep step $step under $tracer failed (status $status)" >&2
			fi
			usage=(0 0 0)
			[ -s "$scratch/usage" ] && read -ra usage <"$scratch/usage"
			record sweep "$tracer" "$step" "$n" "$elapsed" "$(lost_events "$tracer")" \
				"${usage[1]}" "${usage[2]}"
		done
	done
	done
}

# ---------------------------------------------------------------------------
# Set-up and clean-up

scratch=

cleanup() {
	# Never leave a server or stray pgbench behind.
	local pids
	pids=$(jobs -p)
	[ -z "$pids" ] || kill $pids 2>/dev/null || true
	pg_stop
	[ -z "$scratch" ] || rm -rf "$scratch"
}

check_environment() {
	local tool

	if [ "$(id -u)" -ne 0 ]; then
		echo "run.sh: run as root: the tracers need perf events and ptrace of any process" >&2
		exit 1
	fi
	if [ ! -d /sys/kernel/tracing/events ]; then
		mount -t tracefs nodev /sys/kernel/tracing
	fi
	for tool in strace perf sqlite3 dd awk; do
		if ! command -v "$tool" >/dev/null; then
			echo "run.sh: $tool is missing (scripts/setup.sh installs it)" >&2
			exit 1
		fi
	done
}

build_programs() {
	if [ "$do_build" -eq 1 ]; then
		cmake --build "$build" --target bench-getppid-loop bench-rw-loop \
			bench-stopwatch bench-selfusage >&2
		cmake --build "$build" --target lotrace >&2 ||
			echo "run.sh: lotrace did not build; its columns will read n/a" >&2
	fi
	bin=$build/bench
	stopwatch=$bin/stopwatch
	selfusage=$bin/selfusage
	lotrace=${LOTRACE:-$build/trace/lotrace}
	[ -x "$lotrace" ] || echo "run.sh: no lotrace at $lotrace; its columns will read n/a" >&2
}

smoke_sizes() {
	rounds=1
	size=([dd]=4000 [getppid]=20000 [rw]=10000 [filtered]=20000
		[beside]=20000 [sqlite]=200 [pgbench]=1 [startup]=1)
	slow_size=([dd]=400 [getppid]=1000 [rw]=500 [filtered]=20000
		[beside]=20000 [sqlite]=20 [pgbench]=1 [startup]=1)
	sweep_steps=(1000000 max max2 max4)
	sweep_seconds=0.1
	sweep_runs=1
	pg_settle=1
}

main() {
	local wl

	while [ $# -gt 0 ]; do
		case $1 in
		--build) build=$2; shift ;;
		--rounds) rounds=$2; shift ;;
		--only) only=$2; shift ;;
		--smoke) smoke=1 ;;
		--no-build) do_build=0 ;;
		*) usage ;;
		esac
		shift
	done
	[ "$smoke" -eq 1 ] && smoke_sizes
	[ -n "$only" ] && IFS=, read -ra workloads <<<"$only"
	check_environment
	build=$(cd "$build" && pwd)
	build_programs

	# tmpfs: the sqlite database and perf trace's output stay off the disk.
	scratch=$(mktemp -d /dev/shm/lotrace-bench.XXXXXX)
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	results=$scratch/results.tsv
	: >"$results"

	for wl in "${workloads[@]}"; do
		[ -n "${title[$wl]:-}" ] || { echo "run.sh: unknown workload $wl" >&2; usage; }
		echo "run.sh: $wl" >&2
		run_workload "$wl"
	done
	echo "run.sh: loss sweep" >&2
	run_sweep

	awk -F'\t' -v rounds="$rounds" \
		-v machine="$(uname -sr), $(nproc) CPUs, $(date -u +%Y-%m-%d)" \
		-f "$here/table.awk" "$results"
}

# Sourcing the file (for debugging a function) does not run the benchmark.
[ "${BASH_SOURCE[0]}" != "$0" ] || main "$@"
