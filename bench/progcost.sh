#!/usr/bin/env bash
# bench/progcost.sh: what each of lotrace's BPF programs costs a run, on
# run.sh's getppid, write+read and dd workloads, in text mode (-f -o
# /dev/null) and with -c, and on a getppid loop lotrace does not trace
# (other: what a trace costs the rest of the machine). The kernel's own accounting
# (kernel.bpf_stats_enabled, restored afterwards), read with bpftool just
# before and just after the workload, so that start-up and the command's
# own exec do not count. bpf_stats times each run with two clock reads,
# part of which every figure includes: compare the figures with each
# other, not with run.sh's per-call costs. Prints a markdown table.
#
# Usage: bench/progcost.sh [--build DIR] [--rounds N] [--size CALLS]
set -euo pipefail
export LC_ALL=C

rounds=3
size=1000000
. "$(dirname "$0")/lib.sh"
need "$lotrace" "$bin/getppid-loop" "$bin/rw-loop"
command -v bpftool >/dev/null || { echo "$0: needs bpftool" >&2; exit 1; }

stats_was=$(sysctl -n kernel.bpf_stats_enabled)
trap 'sysctl -qw kernel.bpf_stats_enabled="$stats_was"; rm -rf "$scratch"' EXIT
sysctl -qw kernel.bpf_stats_enabled=1

# id name run_time_ns run_cnt of every loaded program called lt_*
programs() {
	bpftool prog show | awk '/^[0-9]+:/ && / name lt_/ {
		t = c = 0	# no figures until a program has run
		for (i = 1; i < NF; i++) {
			if ($i == "name") n = $(i + 1)
			if ($i == "run_time_ns") t = $(i + 1)
			if ($i == "run_cnt") c = $(i + 1)
		}
		sub(":", "", $1); print $1, n, t, c }'
}

# the programs on stdin that were not loaded before this run began (the
# file of those may be empty: NR == FNR would not tell the files apart)
new() {
	awk 'FILENAME != "-" { old[$1]; next } !($1 in old)' "$scratch"/before -
}

# workload WL: the command that makes its syscalls, about $size of them;
# other's is a getppid loop that lotrace does not trace, run beside the
# traced shell: what lotrace costs the rest of the machine
workload() {
	case $1 in
	getppid | other) echo "$bin/getppid-loop $size" ;;
	rw) echo "$bin/rw-loop $((size / 2))" ;;
	dd) echo "dd if=/dev/zero of=/dev/null bs=512 count=$((size / 2)) status=none" ;;
	esac
}

# one WL MODE: "name runs ns_per_run" of each program of one traced run.
# The command waits on FIFOs around the workload, so that the snapshots
# fall between its start-up and its end.
one() {
	local wl=$1 mode=$2 opts=(-f -o /dev/null) pid traced=: other=:
	[ "$mode" = -c ] && opts+=(-c)
	if [ "$wl" = other ]; then other=$(workload "$wl"); else traced=$(workload "$wl"); fi
	rm -f "$scratch"/go "$scratch"/ready "$scratch"/done "$scratch"/end
	mkfifo "$scratch"/go "$scratch"/ready "$scratch"/done "$scratch"/end
	programs | awk '{ print $1 }' >"$scratch"/before
	"$lotrace" "${opts[@]}" -- sh -c "echo >$scratch/ready; read _ <$scratch/go;
		$traced; echo >$scratch/done; read _ <$scratch/end" &
	pid=$!
	read -r _ <"$scratch"/ready
	programs | new >"$scratch"/a
	$other
	echo >"$scratch"/go
	read -r _ <"$scratch"/done
	programs | new >"$scratch"/b
	echo >"$scratch"/end
	wait "$pid"
	join <(sort "$scratch"/a) <(sort "$scratch"/b) |
		awk '{ n = $7 - $4; if (n > 0) printf "%s %d %.0f\n", $2, n, ($6 - $3) / n }'
}

echo "lotrace's BPF programs: $(uname -r), $(nproc) CPUs, $(date +%F);" \
	"ns a run (bpf_stats), median (min–max) of $rounds round(s), about $size syscalls each"
echo
echo "| workload | mode | program | runs | ns a run |"
echo "|---|---|---|---:|---:|"
for wl in getppid rw dd other; do
	for mode in text -c; do
		: >"$scratch"/all
		for _ in $(seq "$rounds"); do
			one "$wl" "$mode" >>"$scratch"/all
		done
		for prog in $(awk '{ print $1 }' "$scratch"/all | sort -u); do
			runs=$(awk -v p="$prog" '$1 == p { print $2 }' "$scratch"/all | stats | cut -d' ' -f1)
			# programs that ran a few times (the shell's fork and
			# exec around the workload) say little a run
			[ "$runs" -ge 1000 ] || continue
			ns=$(awk -v p="$prog" '$1 == p { print $3 }' "$scratch"/all | stats)
			echo "| $wl | $mode | $prog | $runs | $ns |"
		done
	done
done
