# With tracefs unmounted, lotrace mounts it (as root) and traces as usual.
. "$(dirname "$0")/lib.sh"
need_root

if mountpoint -q /sys/kernel/tracing; then
	check "tracefs can be unmounted for the test" umount /sys/kernel/tracing
fi
"$LOTRACE" -o "$WORK/t" -- "$PROGS/it-seq"
check "traced with tracefs unmounted (status 3)" [ $? -eq 3 ]
check "the trace is complete" grep -q 'close(-4343)' "$WORK/t"
check "tracefs is mounted again" mountpoint -q /sys/kernel/tracing
finish
