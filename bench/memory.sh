#!/usr/bin/env bash
# bench/memory.sh [--build DIR] [--rounds N] [--size N]: lotrace's memory
# under a -f -y fork/exec storm (forkstorm.c: N rounds of 4 processes,
# each opening SIZE descriptors, every other one exec'ing), as root.
# Prints lotrace's peak RSS (and what it is after the storm, while the
# traced command sleeps) for the storm, and for storms of N and 4N rounds
# with few descriptors, whose peaks differ by what lotrace keeps per
# process ever traced. README.md's "Memory" figures come from here.
rounds=2000
size=1000
. "$(dirname "$0")/lib.sh"
need "$lotrace" "$bin/forkstorm"

# rss_run LABEL CMD...: lotrace -f -y on CMD; its peak RSS, its RSS in the
# command's last second (an idle sleep), the events it said were lost
rss_run() {
	local label=$1 pid peak=0 last=0 r
	shift
	"$lotrace" -f -y -o /dev/null "$@" 2>"$scratch/err" &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		r=$(awk '/^VmHWM/ { h = $2 } /^VmRSS/ { r = $2 } END { print h + 0, r + 0 }' \
			"/proc/$pid/status" 2>/dev/null) || break
		[ -n "$r" ] && peak=${r% *} last=${r#* }
		sleep 0.1
	done
	wait "$pid"
	printf '| %s | %d MB | %d MB | %s |\n' "$label" $(((peak + 512) / 1024)) \
		$(((last + 512) / 1024)) \
		"$(sed -n 's/^lotrace: \([0-9]*\) events lost in total$/\1/p' "$scratch/err" | grep . || echo 0)"
}

storm=$bin/forkstorm
echo "| lotrace -f -y -o /dev/null -- | peak RSS | RSS after the storm | events lost |"
echo "|---|---|---|---|"
rss_run "forkstorm $rounds $size, then sleep 2" sh -c "$storm $rounds $size $scratch; sleep 2"
rss_run "-e trace=close forkstorm $rounds 10" -e trace=close -- "$storm" "$rounds" 10 "$scratch"
rss_run "-e trace=close forkstorm $((4 * rounds)) 10" -e trace=close -- "$storm" $((4 * rounds)) 10 "$scratch"
