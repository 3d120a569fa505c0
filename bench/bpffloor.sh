#!/usr/bin/env bash
# bench/bpffloor.sh: what the least a BPF syscall tracer can do costs a
# traced call on this machine, step by step (bpffloor.bpf.c: the raw
# tracepoints' dispatch, one and two clock reads, one record, one record
# with a 1-byte copy), beside run.sh's floor (perf stat counting the same
# tracepoints) and lotrace itself, on run.sh's getppid and write+read
# loops, interleaved round by round, each timed by stopwatch. It tells how
# far lotrace is from the cheapest program that writes what it needs, and
# which of issue 20's ratios any design of that shape can meet here.
# Prints a markdown table: median ns a call (min…max), then the median's
# added cost over untraced and its ratio to the floor's.
#
# Usage: bench/bpffloor.sh [--build DIR] [--rounds N] [--size CALLS]
set -euo pipefail
export LC_ALL=C

rounds=5
size=2000000
. "$(dirname "$0")/lib.sh"
need "$lotrace" "$bin/bpffloor" "$bin/stopwatch" "$bin/getppid-loop" "$bin/rw-loop"
command -v perf >/dev/null || { echo "$0: needs perf (the floor)" >&2; exit 1; }

modes=(untraced floor nop clock1 clock2 record copy lotrace lotrace_c)
workloads=(getppid rw)

# run_one MODE WL: the workload WL under MODE, timed by stopwatch
run_one() {
	local cmd=()

	case $1 in
	untraced) ;;
	floor) cmd=(perf stat "-x," -o "$scratch/perf-stat.out" -e raw_syscalls:sys_enter
		-e raw_syscalls:sys_exit) ;;
	lotrace) cmd=("$lotrace" -f -o /dev/null) ;;
	lotrace_c) cmd=("$lotrace" -f -c -o "$scratch/summary.out") ;;
	*) cmd=("$bin/bpffloor" "$1") ;;
	esac
	cmd+=("$bin/stopwatch" "$scratch/elapsed")
	case $2 in
	getppid) cmd+=("$bin/getppid-loop" "$size") ;;
	rw) cmd+=("$bin/rw-loop" $((size / 2))) ;;
	esac
	"${cmd[@]}"
}

# getppid has no buffer to copy: its second register is whatever it is
skip() {
	[ "$1" = getppid ] && [ "$2" = copy ]
}

# one round: every workload under every mode, ns per syscall of each
for ((r = 1; r <= rounds; r++)); do
	for wl in "${workloads[@]}"; do
		for m in "${modes[@]}"; do
			skip "$wl" "$m" && continue
			run_one "$m" "$wl" >/dev/null 2>"$scratch/stderr" ||
				{ echo "$0: $m on $wl failed:" >&2; cat "$scratch/stderr" >&2; exit 1; }
			echo "$wl $m $(($(cat "$scratch/elapsed") / size))" >>"$scratch/ns"
		done
	done
done

median() {
	awk -v wl="$1" -v m="$2" '$1 == wl && $2 == m { print $3 }' "$scratch/ns" | stats
}

echo "bpffloor: Linux $(uname -r), $(nproc) CPUs, $(date +%F); ns a syscall, median (min…max) of $rounds interleaved round(s), $size calls each"
echo
printf '| what runs on sys_enter / sys_exit |'
for wl in "${workloads[@]}"; do printf ' %s |' "$wl"; done
printf '\n|---|'
for wl in "${workloads[@]}"; do printf -- '---:|'; done
echo
declare -A med cells
for wl in "${workloads[@]}"; do
	for m in "${modes[@]}"; do
		skip "$wl" "$m" && continue
		cell=$(median "$wl" "$m")
		med[$wl.$m]=${cell%% *}
		cells[$wl.$m]=$cell
	done
done
label() {
	case $1 in
	untraced) echo "nothing (untraced)" ;;
	floor) echo "the floor: perf stat counting both tracepoints" ;;
	nop) echo "BPF programs that return at once" ;;
	clock1) echo "one clock read (\`bpf_ktime_get_ns\`) at the exit" ;;
	clock2) echo "one clock read on each side" ;;
	record) echo "one 120-byte ring record at the exit, no clock" ;;
	copy) echo "one 160-byte record with a 1-byte copy of argument 2" ;;
	lotrace) echo "lotrace \`-f -o /dev/null\`" ;;
	lotrace_c) echo "lotrace \`-f -c\`" ;;
	esac
}
for m in "${modes[@]}"; do
	printf '| %s |' "$(label "$m")"
	for wl in "${workloads[@]}"; do
		if skip "$wl" "$m"; then
			printf ' — |'
			continue
		fi
		base=${med[$wl.untraced]} floor=$((med[$wl.floor] - med[$wl.untraced]))
		added=$((med[$wl.$m] - base))
		if [ "$m" = untraced ]; then
			printf ' %s |' "${cells[$wl.$m]}"
		elif [ "$floor" -gt 0 ]; then
			printf ' %s, %+d ns, ×%s of the floor |' "${cells[$wl.$m]}" "$added" \
				"$(awk -v a="$added" -v f="$floor" 'BEGIN { printf "%.2f", a / f }')"
		else
			printf ' %s, %+d ns |' "${cells[$wl.$m]}" "$added"
		fi
	done
	echo
done
