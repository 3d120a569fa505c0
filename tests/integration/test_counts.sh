# -c counts as strace -c does: a clone once (not again for the child's
# return), rt_sigreturn by the call it ends, the command's execve; in the
# kernel (-c alone) and in user space (-C).
. "$(dirname "$0")/lib.sh"
need_root

strace -c -f -o "$WORK/s.txt" "$PROGS/it-signals"
# calls per syscall of a -c table
calls() {
	awk '$NF ~ /^(clone|clone3|rt_sigreturn|execve|kill|wait4)$/ { print $NF, $4 }' "$1" | sort
}
calls "$WORK/s.txt" >"$WORK/s.calls"
check "strace counted rt_sigreturn (the test is meaningful)" grep -q rt_sigreturn "$WORK/s.calls"
for mode in -c -C; do
	"$LOTRACE" $mode -f -o "$WORK/l$mode.txt" -- "$PROGS/it-signals"
	calls "$WORK/l$mode.txt" >"$WORK/l$mode.calls"
	check "$mode: clone, rt_sigreturn, execve, kill, wait4 counted as strace" \
		diff -u "$WORK/s.calls" "$WORK/l$mode.calls"
done
finish
