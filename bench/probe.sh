#!/usr/bin/env bash
# bench/probe.sh: what one USDT probe hit costs, traced and untraced. Runs
# probe-loop (a loop firing one probe of lotrace's SDK with two register
# arguments per iteration) untraced, under lotrace -u with the BPF program
# (which reads the arguments at the hit) and under lotrace --no-bpf (perf
# samples of registers and stack), for a one-byte nop site, the nop +
# 10-byte nop form and a semaphore-guarded site, interleaved round by round
# as run.sh does. Prints one markdown table of ns per iteration above the
# loop without a probe. bench/README.md has the latest figures.
#
# Usage: bench/probe.sh [--build DIR] [--rounds N] [--size N]
set -euo pipefail
export LC_ALL=C

rounds=5
size=1000000
. "$(dirname "$0")/lib.sh"
need "$lotrace" "$bin/stopwatch" "$bin/probe-loop" "$bin/probe-loop-nop10"

sites=(nop nop10 sema)
declare -A title=(
	[nop]='`USDT(lbench, hit, i, n)`: one `nop`'
	[nop10]='the same with `LOTRACE_USDT_NOP10`: `nop` + 10-byte `nop`'
	[sema]='`USDT_WITH_SEMA`: a semaphore test around the `nop`'
)
site_bin() {
	case $1 in
	nop10) echo "$bin/probe-loop-nop10" ;;
	*) echo "$bin/probe-loop" ;;
	esac
}
site_kind() {
	case $1 in
	sema) echo sema ;;
	*) echo nop ;;
	esac
}

tracers=(untraced bpf perf)
# run TRACER SITE: prints the loop's own time in ns
# (the probes are named by path: lotrace starts stopwatch, which runs the loop)
run() {
	local t=$1 s=$2 prog kind
	prog=$(site_bin "$s")
	kind=$(site_kind "$s")
	rm -f "$scratch/ns"
	case $t in
	untraced) "$bin/stopwatch" "$scratch/ns" "$prog" "$size" "$kind" ;;
	bpf) "$lotrace" -f -u "$prog:lbench:*" -e trace=none -o "$scratch/out" -- \
		"$bin/stopwatch" "$scratch/ns" "$prog" "$size" "$kind" ;;
	perf) "$lotrace" -f --no-bpf -u "$prog:lbench:*" -e trace=none -o "$scratch/out" -- \
		"$bin/stopwatch" "$scratch/ns" "$prog" "$size" "$kind" 2>"$scratch/err" ;;
	esac
	# every hit is in the trace or counted lost, or the figure means nothing
	if [ "$t" != untraced ]; then
		local seen lost
		seen=$(grep -c ' usdt:lbench:' "$scratch/out" || true)
		lost=$(awk '/lost in total/ { print $2 }' "$scratch/err" 2>/dev/null)
		lost=${lost:-0}
		if [ "$seen" -gt "$size" ] || [ $((seen + lost)) -lt "$size" ]; then
			echo "$0: lotrace ($t) reported $seen hits and $lost lost of $size for $s" >&2
			exit 1
		fi
		echo "$lost" >"$scratch/lost"
	fi
	cat "$scratch/ns"
}

declare -A added lostn
for ((r = 0; r < rounds; r++)); do
	"$bin/stopwatch" "$scratch/ns" "$bin/probe-loop" "$size" none
	base=$(cat "$scratch/ns")
	[ -n "$base" ] || { echo "$0: the baseline loop did not run" >&2; exit 1; }
	for s in "${sites[@]}"; do
		for ((k = 0; k < ${#tracers[@]}; k++)); do
			t=${tracers[$(((k + r) % ${#tracers[@]}))]}
			ns=$(run "$t" "$s")
			added[$s,$t]+="$(((ns - base) / size)) "
			[ "$t" = untraced ] || lostn[$s,$t]+="$(cat "$scratch/lost") "
		done
		echo "round $((r + 1))/$rounds $s: ${added[$s,untraced]##* } / ${added[$s,bpf]% } / ${added[$s,perf]% } (last: untraced bpf perf)" >&2
	done
done


echo "lotrace probe bench: $(uname -sr), $(nproc) CPUs, $(date -u +%F\ %H:%M) UTC; ns per hit above the loop without a probe, median (min…max) of $rounds interleaved rounds, $size hits"
echo
echo "| probe site | untraced | lotrace -u (BPF) | lotrace --no-bpf -u | lost: BPF / --no-bpf |"
echo "|---|---:|---:|---:|---:|"
for s in "${sites[@]}"; do
	printf '| %s | %s | %s | %s | %s / %s |\n' "${title[$s]}" "$(echo "${added[$s,untraced]}" | stats)" \
		"$(echo "${added[$s,bpf]}" | stats)" "$(echo "${added[$s,perf]}" | stats)" \
		"$(echo "${lostn[$s,bpf]}" | stats)" "$(echo "${lostn[$s,perf]}" | stats)"
done
