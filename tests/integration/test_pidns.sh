# Inside a PID namespace lotrace traces as outside, with the pids it sees
# there: the same calls as strace run in the same namespace.
. "$(dirname "$0")/lib.sh"
need_root

command -v unshare >/dev/null || { echo "FAIL: unshare (util-linux) is missing" >&2; exit 1; }
prog="sh -c 'echo hi >/dev/null; /bin/true; exit 3'"
unshare -fp --mount-proc strace -f -o "$WORK/s.txt" sh -c 'echo hi >/dev/null; /bin/true; exit 3'
unshare -fp --mount-proc "$LOTRACE" -f -o "$WORK/l.txt" -- sh -c 'echo hi >/dev/null; /bin/true; exit 3'
check "the command's status through the namespace ($prog: 3)" [ $? -eq 3 ]
names() {
	sed -E 's/^[0-9]+ +//' "$1" | grep -oE '^[a-z0-9_]+\(' | sort | uniq -c
}
check "lotrace traced in the namespace" [ "$(wc -l <"$WORK/l.txt")" -gt 10 ]
check "the same calls as strace in the namespace" diff -u <(names "$WORK/s.txt") <(names "$WORK/l.txt")
# lotrace is the namespace's pid 1: the shell and its child come next
check "pids as the namespace sees them" \
	bash -c "[ \$(awk '/^[0-9]/ { print \$1 }' '$WORK/l.txt' | sort -n | tail -n1) -lt 10 ]"
check "the child's exit, with its namespace pid" grep -qE '^[0-9]+ +\+\+\+ exited with 0 \+\+\+' "$WORK/l.txt"
finish
