# lotrace shares the syscalls' tracepoints with other tracers: while it
# traces a small set through those syscalls' own tracepoints, perf's users
# of the same tracepoints (perf stat here; perf record and perf trace the
# same way) still get every event. A BPF program on a tracepoint that
# returns 0 drops the event for all of them.
. "$(dirname "$0")/lib.sh"
need_root
if ! command -v perf >/dev/null; then
	echo "FAIL: perf is not installed (Debian's linux-perf, in scripts/setup.sh)" >&2
	exit 1
fi

# the traced command starts once tracing is on: its first act says so
"$LOTRACE" -e trace=getppid -o "$WORK/bg" -- \
	sh -c "echo \$\$ >'$WORK/on.tmp'; mv '$WORK/on.tmp' '$WORK/on'; exec sleep 30" \
	>/dev/null 2>"$WORK/bg.err" &
bg=$!
for _ in $(seq 100); do
	[ -e "$WORK/on" ] && break
	sleep 0.1
done
check "lotrace -e trace=getppid is tracing" [ -e "$WORK/on" ]

perf stat -x, -e syscalls:sys_enter_getppid -e syscalls:sys_exit_getppid \
	-o "$WORK/stat" -- "$PROGS/it-seq" >/dev/null 2>&1
enters=$(awk -F, '/sys_enter_getppid/ { print $1 }' "$WORK/stat")
exits=$(awk -F, '/sys_exit_getppid/ { print $1 }' "$WORK/stat")
check "perf stat still counts getppid's entries ($enters)" [ "${enters:-0}" -ge 1 ]
check "perf stat still counts getppid's exits ($exits)" [ "${exits:-0}" -ge 1 ]
[ "${enters:-0}" -ge 1 ] || sed 's/^/  perf stat: /' "$WORK/stat" >&2

kill -INT "$bg"
wait "$bg" 2>/dev/null
# lotrace leaves a command it started running, as strace does
[ -e "$WORK/on" ] && kill "$(cat "$WORK/on")" 2>/dev/null
finish
