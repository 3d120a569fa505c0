# -f follows a thread, a forked child and its execve, attributing each line
# to the task that made it.
. "$(dirname "$0")/lib.sh"
need_root

"$LOTRACE" -f -o "$WORK/trace.txt" -- "$PROGS/it-family" >"$WORK/who.txt"
check "exit status 0" [ $? -eq 0 ]
parent=$(awk '$1 == "parent" { print $2 }' "$WORK/who.txt")
thread=$(awk '$1 == "thread" { print $2 }' "$WORK/who.txt")
child=$(awk '$1 == "child" { print $2 }' "$WORK/who.txt")
check "the program reported its tasks" [ -n "$parent" ] && [ -n "$thread" ] && [ -n "$child" ]

# with -o and -f every line starts with the task id, as strace's do
expect() {
	check "$2 is task $1" grep -qE "^$1 +$2" "$WORK/trace.txt"
}
expect "$parent" 'close\(-5000\)'
expect "$thread" 'close\(-5002\)'
expect "$child" 'close\(-5001\)'
expect "$child" 'execve\(.*\) += 0'
expect "$child" 'close\(-5004\)'
expect "$parent" 'close\(-5003\)'
expect "$child" '\+\+\+ exited with 0 \+\+\+'
expect "$thread" '\+\+\+ exited with 0 \+\+\+'
expect "$parent" 'exit_group\(0\) += \?'
check "one markers each, no duplicates" [ "$(grep -c 'close(-500' "$WORK/trace.txt")" -eq 5 ]

# without -f only the first task is traced
"$LOTRACE" -o "$WORK/nof.txt" -- "$PROGS/it-family" >/dev/null
check "without -f: the parent's markers" grep -q 'close(-5003)' "$WORK/nof.txt"
check "without -f: no child or thread lines" bash -c "! grep -qE 'close\(-500[124]\)' '$WORK/nof.txt'"
check "without -f: no pid prefixes" bash -c "! grep -q '^\[pid' '$WORK/nof.txt'"
finish
