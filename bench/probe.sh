#!/usr/bin/env bash
# bench/probe.sh: what one USDT probe hit costs, traced and untraced, for
# each form of probe site. Runs probe-loop (a loop firing one probe of
# lotrace's SDK with two register arguments per iteration, timing itself)
# untraced, under lotrace -u with the BPF program (which reads the
# arguments at the hit) and under lotrace --no-bpf (perf samples of
# registers and stack), for the 1-byte nop (the SDK's default), the 5-byte
# nop (which Linux 6.18 turns into a call to a uprobe trampoline instead
# of a trap), the nop + 10-byte nop form and a semaphore-guarded 1-byte
# nop, interleaved round by round as run.sh does. Prints one markdown
# table of ns per iteration above the loop without a probe.
# bench/README.md has the latest figures.
#
# Usage: bench/probe.sh [--build DIR] [--rounds N] [--size N]
set -euo pipefail
export LC_ALL=C

rounds=5
size=1000000
. "$(dirname "$0")/lib.sh"
need "$lotrace" "$bin/probe-loop" "$bin/probe-loop-nop5" "$bin/probe-loop-nop10"

sites=(nop nop5 nop10 sema)
declare -A title=(
	[nop]='`USDT(lbench, hit, i, n)`: one 1-byte `nop` (the default)'
	[nop5]='`USDT_NOP` 5-byte `nopl 0x0(%rax,%rax,1)` (a call on 6.18)'
	[nop10]='`LOTRACE_USDT_NOP10`: `nop` + 10-byte `nop`'
	[sema]='`USDT_WITH_SEMA`: a semaphore test around the 1-byte `nop`'
)
site_bin() {
	case $1 in
	nop5) echo "$bin/probe-loop-nop5" ;;
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
run() {
	local t=$1 s=$2 prog kind
	prog=$(site_bin "$s")
	kind=$(site_kind "$s")
	rm -f "$scratch/ns"
	case $t in
	untraced) "$prog" "$size" "$kind" "$scratch/ns" ;;
	bpf) "$lotrace" -u "lbench:*" -e trace=none -o "$scratch/out" -- \
		"$prog" "$size" "$kind" "$scratch/ns" 2>"$scratch/err" ;;
	perf) "$lotrace" --no-bpf -u "lbench:*" -e trace=none -o "$scratch/out" -- \
		"$prog" "$size" "$kind" "$scratch/ns" 2>"$scratch/err" ;;
	esac
	# every hit is in the trace or counted lost, or the figure means nothing
	if [ "$t" != untraced ]; then
		local seen lost
		seen=$(grep -c '^usdt:lbench:' "$scratch/out" || true)
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

# last LIST: the last figure of a space-separated list
last() {
	local a=($1)
	echo "${a[-1]}"
}

# tenths LIST: median (min…max) of figures in tenths, in units with a decimal
tenths() {
	tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f (%.1f…%.1f)", m / 10, v[1] / 10, v[NR] / 10 }'
}

declare -A added lostn
for ((r = 0; r < rounds; r++)); do
	"$bin/probe-loop" "$size" none "$scratch/ns"
	base=$(cat "$scratch/ns")
	[ -n "$base" ] || { echo "$0: the baseline loop did not run" >&2; exit 1; }
	for s in "${sites[@]}"; do
		for ((k = 0; k < ${#tracers[@]}; k++)); do
			t=${tracers[$(((k + r) % ${#tracers[@]}))]}
			ns=$(run "$t" "$s")
			# tenths of a ns: an untraced site costs less than one
			added[$s,$t]+="$(((ns - base) * 10 / size)) "
			[ "$t" = untraced ] || lostn[$s,$t]+="$(cat "$scratch/lost") "
		done
		echo "round $((r + 1))/$rounds $s (tenths of ns): $(last "${added[$s,untraced]}") /" \
			"$(last "${added[$s,bpf]}") / $(last "${added[$s,perf]}") (untraced bpf perf)" >&2
	done
done

echo "lotrace probe bench: $(uname -sr), $(nproc) CPUs, $(date -u +%F\ %H:%M) UTC; ns per hit above the loop without a probe, median (min…max) of $rounds interleaved rounds, $size hits"
echo
echo "| probe site | untraced | lotrace -u (BPF) | lotrace --no-bpf -u | lost: BPF / --no-bpf |"
echo "|---|---:|---:|---:|---:|"
for s in "${sites[@]}"; do
	printf '| %s | %s | %s | %s | %s / %s |\n' "${title[$s]}" "$(echo "${added[$s,untraced]}" | tenths)" \
		"$(echo "${added[$s,bpf]}" | tenths)" "$(echo "${added[$s,perf]}" | tenths)" \
		"$(echo "${lostn[$s,bpf]}" | stats)" "$(echo "${lostn[$s,perf]}" | stats)"
done
