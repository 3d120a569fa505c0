# "--- SIG ---" lines as strace prints them, from the kernel's own view:
# an ignored signal and a child's SIGCHLD at the default disposition (which
# the kernel discards without ptrace), a handled one, and a fatal SIGPIPE
# shown as the signal that was sent with its siginfo, not as the group
# SIGKILL the kernel turns it into; each after the call it came during.
. "$(dirname "$0")/lib.sh"
need_root

strace -f -o "$WORK/s.txt" "$PROGS/it-signals"
"$LOTRACE" -f -o "$WORK/l.txt" -- "$PROGS/it-signals"
check "killed by SIGPIPE: exit status 141" [ $? -eq 141 ]

# each signal line with the call before it in its task, pids as PID
lines() {
	awk '{ sub(/^[0-9]+ +/, "") }
	     /^--- SIG/ { print prev " | " $0; next }
	     /^\+\+\+ killed/ { print $0; next }
	     /^[a-z0-9_]+\(/ { prev = $0; sub(/\(.*/, "", prev) }' "$1" |
		sed -E 's/si_pid=[0-9]+/si_pid=PID/; s/si_utime=[0-9]+, si_stime=[0-9]+/TIMES/'
}
lines "$WORK/s.txt" >"$WORK/s.sig"
lines "$WORK/l.txt" >"$WORK/l.sig"
check "strace saw four signals (the test is meaningful)" [ "$(grep -c -- '---' "$WORK/s.sig")" -eq 4 ]
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ]; then
	check "the signal lines are strace's" diff -u "$WORK/s.sig" "$WORK/l.sig"
else
	# perf's signal tracepoints carry no sender (lotrace(1)), and a child's
	# SIGCHLD is sent after its events closed: the names and places of the
	# others, and their codes
	sed -E 's/, si_(pid|uid|status|utime|stime)=[^,}]*//g; s/, TIMES//' "$WORK/s.sig" |
		grep -v SIGCHLD >"$WORK/s.names"
	check "the signals, their codes and places are strace's" diff -u "$WORK/s.names" "$WORK/l.sig"
fi
check "no SIGKILL line" bash -c "! grep -q -- '--- SIGKILL' '$WORK/l.txt'"
finish
