# A thread that is not its process's leader calls execve: as strace shows
# it, the leader is "+++ superseded by execve in pid TID +++" and its pause
# never returns, the execve returns under the leader's id, and the new
# image goes on being traced.
. "$(dirname "$0")/lib.sh"
need_root

"$LOTRACE" -f -o "$WORK/l.txt" -- "$PROGS/it-thexec" >"$WORK/ids.txt"
check "the new image's status (true: 0)" [ $? -eq 0 ]
tid=$(awk '$1 == "tid" { print $2 }' "$WORK/ids.txt")
check "the thread reported its id" [ -n "$tid" ]
strace -f -o "$WORK/s.txt" "$PROGS/it-thexec" >/dev/null
check "strace says superseded (the test is meaningful)" grep -q 'superseded by execve' "$WORK/s.txt"
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ]; then
	check "the leader is superseded by the thread" \
		grep -qE "^[0-9]+ +\+\+\+ superseded by execve in pid $tid \+\+\+$" "$WORK/l.txt"
	check "the execve returns 0 under the leader's id" \
		grep -qE '(execve resumed>\)|execve\(.*\)) += 0$' "$WORK/l.txt"
	# perf cannot tell a dying task's cut call from a restart (lotrace(1))
	check "the leader's pause never returns (no ERESTART line)" \
		bash -c "! grep -q 'pause.*ERESTART' '$WORK/l.txt'"
fi
check "the new image is traced to its end" grep -qE '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$WORK/l.txt"
finish
