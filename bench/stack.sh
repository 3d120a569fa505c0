#!/usr/bin/env bash
# bench/stack.sh: what -k costs. Two measures, interleaved round by round
# as run.sh does (the order rotated, every figure against the same round's
# untraced run), for both transports, without and with -k:
#  - the traced program's slowdown: an unpaced getppid loop, ns added per
#    call (records that lotrace could not take in time are lost, counted,
#    and cost the program all the same);
#  - lotrace's own CPU per call (selfusage: its utime + stime alone, less
#    that of the same run with no calls: start-up, BPF loading), on loops
#    paced so that nothing is lost: the getppid loop (a stack of 5 frames)
#    and python3 calling os.getppid() (CPython's stack, 20 frames and
#    more, through a dozen objects).
# bench/README.md has the latest figures.
#
# Usage: bench/stack.sh [--build DIR] [--rounds N] [--size N]
set -euo pipefail
export LC_ALL=C

rounds=5
size=200000
. "$(dirname "$0")/lib.sh"
need "$lotrace" "$bin/stopwatch" "$bin/getppid-loop" "$bin/selfusage"

paced=40000		# calls of a paced run
rate=20000		# calls per second: lotrace -k keeps up with it
tracers=(untraced bpf bpf_k perf perf_k)
declare -A flags=([bpf]="" [bpf_k]="-k" [perf]="--no-bpf" [perf_k]="--no-bpf -k")

# run TRACER CMD...: the workload's ns and lotrace's CPU ns and lost records
run() {
	local t=$1 usage=(0 0 0) lost
	shift
	if [ "$t" = untraced ]; then
		"$bin/stopwatch" "$scratch/ns" "$@"
	else
		# shellcheck disable=SC2086
		"$bin/selfusage" "$scratch/usage" "$lotrace" -f ${flags[$t]} -o /dev/null -- \
			"$bin/stopwatch" "$scratch/ns" "$@" 2>"$scratch/err"
		read -ra usage <"$scratch/usage"
	fi
	lost=$(awk '/events lost in total/ { n = $2 } END { print n + 0 }' "$scratch/err" 2>/dev/null)
	echo "$(cat "$scratch/ns") ${usage[1]} ${lost:-0}"
	: >"$scratch/err"
}

py_prog="import os,sys,time
n, gap = int(sys.argv[1]), 1.0 / int(sys.argv[2])
t = time.monotonic()
for i in range(n):
    os.getppid()
    t += gap
    while time.monotonic() < t: pass"

declare -A added cpu lost
: >"$scratch/err"
for ((r = 0; r < rounds; r++)); do
	declare -A ns=()
	for ((k = 0; k < ${#tracers[@]}; k++)); do
		t=${tracers[$(((k + r) % ${#tracers[@]}))]}
		read -r ns[$t] _ l < <(run "$t" "$bin/getppid-loop" "$size")
		lost[loop,$t]+="$l "
		[ "$t" = untraced ] && continue
		read -r _ c0 _ < <(run "$t" "$bin/getppid-loop" 0)
		read -r _ c l < <(run "$t" "$bin/getppid-loop" "$paced" "$rate")
		cpu[paced,$t]+="$(((c - c0) / paced)) "
		lost[paced,$t]+="$l "
		read -r _ c0 _ < <(run "$t" python3 -c "$py_prog" 0 "$rate")
		read -r _ c l < <(run "$t" python3 -c "$py_prog" "$paced" "$rate")
		cpu[py,$t]+="$(((c - c0) / paced)) "
		lost[py,$t]+="$l "
	done
	for t in bpf bpf_k perf perf_k; do
		added[$t]+="$(((ns[$t] - ns[untraced]) / size)) "
	done
	added[k_bpf]+="$(((ns[bpf_k] - ns[bpf]) / size)) "
	added[k_perf]+="$(((ns[perf_k] - ns[perf]) / size)) "
	added[base]+="$((ns[untraced] / size)) "
	echo "round $((r + 1))/$rounds: untraced ${ns[untraced]} bpf ${ns[bpf]} -k ${ns[bpf_k]}" \
		"perf ${ns[perf]} -k ${ns[perf_k]} ns" >&2
done

# the largest count of a list
worst() {
	tr ' ' '\n' | grep . | sort -n | tail -1
}

echo "lotrace -k bench: $(uname -sr), $(nproc) CPUs, $(date -u +%F\ %H:%M) UTC; median (min…max) of $rounds interleaved rounds"
echo
echo "Traced program: getppid loop, $size calls, ns per call"
echo
echo "| transport | untraced | lotrace | lotrace -k | -k's cost | lost records (worst run): lotrace / -k |"
echo "|---|---:|---:|---:|---:|---:|"
for tr in bpf perf; do
	printf '| %s | %s | +%s | +%s | %s | %s / %s |\n' \
		"$([ $tr = bpf ] && echo 'BPF (default)' || echo '--no-bpf')" \
		"$(echo "${added[base]}" | stats)" "$(echo "${added[$tr]}" | stats)" \
		"$(echo "${added[${tr}_k]}" | stats)" "$(echo "${added[k_$tr]}" | stats)" \
		"$(echo "${lost[loop,$tr]}" | worst)" "$(echo "${lost[loop,${tr}_k]}" | worst)"
done
echo
echo "lotrace's own CPU, ns per call (less a run of no calls), $paced calls paced at $rate/s"
echo
echo "| workload | BPF | BPF -k | --no-bpf | --no-bpf -k | lost (worst run): -k / --no-bpf -k |"
echo "|---|---:|---:|---:|---:|---:|"
for w in paced py; do
	printf '| %s | %s | %s | %s | %s | %s / %s |\n' \
		"$([ $w = paced ] && echo 'getppid loop (5 frames)' || echo 'python3 os.getppid() (CPython, 20+ frames)')" \
		"$(echo "${cpu[$w,bpf]}" | stats)" "$(echo "${cpu[$w,bpf_k]}" | stats)" \
		"$(echo "${cpu[$w,perf]}" | stats)" "$(echo "${cpu[$w,perf_k]}" | stats)" \
		"$(echo "${lost[$w,bpf_k]}" | worst)" "$(echo "${lost[$w,perf_k]}" | worst)"
done
