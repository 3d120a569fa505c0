# SIGTERM or SIGINT to lotrace: the command gets the signal as a foreground
# job would, lotrace cleans up and exits with 128+signal.
. "$(dirname "$0")/lib.sh"
need_root
# job control: background jobs then keep SIGINT, as a foreground job has it
set -m

for sig in TERM INT; do
	"$LOTRACE" -o "$WORK/$sig.txt" -- sleep 30 &
	lt=$!
	child=
	for _ in $(seq 50); do
		child=$(pgrep -P "$lt" sleep) && break
		sleep 0.1
	done
	check "SIG$sig: the command started" [ -n "$child" ]
	sleep 0.3
	kill -"$sig" "$lt"
	wait "$lt"
	status=$?
	want=$((128 + $(kill -l "$sig")))
	check "SIG$sig: lotrace exits $want (got $status)" [ "$status" -eq "$want" ]
	sleep 0.2
	check "SIG$sig: the command got the signal" grep -q "^+++ killed by SIG$sig +++$" "$WORK/$sig.txt"
	check "SIG$sig: the trace was written" grep -q 'nanosleep' "$WORK/$sig.txt"
done
check "no tracefs instance left" bash -c "! ls /sys/kernel/tracing/instances | grep -q lotrace"
check "no uprobe left" bash -c "! grep -q lotrace /sys/kernel/tracing/uprobe_events"
finish
