#!/usr/bin/env bash
# bench/capture.sh: what copying strings and structs in the kernel costs per
# syscall. Runs each workload untraced, under lotrace (the BPF program
# copies by its plans) and under lotrace -e raw=all (the same program and
# ring, copying nothing), each in text mode to /dev/null and with -c (no
# decoding, so lotrace's own CPU competes less with the workload),
# interleaved round by round as run.sh does, and prints one markdown table:
# the time added per syscall with and without capture, and the
# difference. bench/README.md has the latest figures.
#
# Usage: bench/capture.sh [--build DIR] [--rounds N] [--size N]
set -euo pipefail
export LC_ALL=C

rounds=7
size=1000000
. "$(dirname "$0")/lib.sh"
need "$lotrace" "$bin/stopwatch" "$bin/stat-loop" "$bin/rw-loop"

# workload name, syscalls per iteration, command
workloads=(stat rw)
declare -A per=([stat]=1 [rw]=2)
declare -A title=(
	[stat]='newfstatat("/etc/hostname") loop: path in, struct stat out'
	[rw]='1-byte write+read loop on a pipe: buffer in, buffer out'
)
workload_cmd() {
	case $1 in
	stat) echo "$bin/stat-loop $size /etc/hostname" ;;
	rw) echo "$bin/rw-loop $size" ;;
	esac
}

tracers=(untraced capture raw capture_c raw_c)
# run TRACER WORKLOAD: prints the workload's own time in ns
run() {
	local t=$1 w=$2 cmd
	cmd=$(workload_cmd "$w")
	case $t in
	untraced) "$bin/stopwatch" "$scratch/ns" $cmd ;;
	capture) "$lotrace" -f -o /dev/null -- "$bin/stopwatch" "$scratch/ns" $cmd ;;
	raw) "$lotrace" -f -e raw=all -o /dev/null -- "$bin/stopwatch" "$scratch/ns" $cmd ;;
	capture_c) "$lotrace" -f -c -o /dev/null -- "$bin/stopwatch" "$scratch/ns" $cmd ;;
	raw_c) "$lotrace" -f -c -e raw=all -o /dev/null -- "$bin/stopwatch" "$scratch/ns" $cmd ;;
	esac
	cat "$scratch/ns"
}

# added ns per syscall, per round, against that round's untraced run
declare -A added
for ((r = 0; r < rounds; r++)); do
	for w in "${workloads[@]}"; do
		declare -A ns=()
		# rotate the order by round so drifts spread over all tracers
		for ((k = 0; k < ${#tracers[@]}; k++)); do
			t=${tracers[$(((k + r) % ${#tracers[@]}))]}
			ns[$t]=$(run "$t" "$w")
		done
		calls=$((size * per[$w]))
		for t in capture raw capture_c raw_c; do
			added[$w,$t]+="$(((ns[$t] - ns[untraced]) / calls)) "
		done
		added[$w,diff]+="$(((ns[capture] - ns[raw]) / calls)) "
		added[$w,diff_c]+="$(((ns[capture_c] - ns[raw_c]) / calls)) "
		added[$w,base]+="$((ns[untraced] / calls)) "
		echo "round $((r + 1))/$rounds $w: untraced ${ns[untraced]} capture ${ns[capture]} raw ${ns[raw]} capture -c ${ns[capture_c]} raw -c ${ns[raw_c]} ns" >&2
	done
done


echo "lotrace capture bench: $(uname -sr), $(nproc) CPUs, $(date -u +%F\ %H:%M) UTC; ns per syscall, median (min…max) of $rounds interleaved rounds, $size iterations"
echo
echo "| workload | untraced | text: capture | text: -e raw=all | text: capture's cost | -c: capture | -c: -e raw=all | -c: capture's cost |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for w in "${workloads[@]}"; do
	printf '| %s | %s | +%s | +%s | %s | +%s | +%s | %s |\n' "${title[$w]}" \
		"$(echo "${added[$w,base]}" | stats)" "$(echo "${added[$w,capture]}" | stats)" \
		"$(echo "${added[$w,raw]}" | stats)" "$(echo "${added[$w,diff]}" | stats)" \
		"$(echo "${added[$w,capture_c]}" | stats)" "$(echo "${added[$w,raw_c]}" | stats)" \
		"$(echo "${added[$w,diff_c]}" | stats)"
done
