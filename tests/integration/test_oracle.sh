# strace is the oracle: the same program traced by both must show the same
# syscalls, return values and errno names between two marker calls.
. "$(dirname "$0")/lib.sh"
need_root
command -v strace >/dev/null || { echo "FAIL: strace is not installed (scripts/setup.sh installs it)"; exit 1; }

strace -f -qq -o "$WORK/strace.txt" "$PROGS/it-seq"
s_status=$?
"$LOTRACE" -f -o "$WORK/lotrace.txt" -- "$PROGS/it-seq"
l_status=$?

check "exit status is the command's (3)" [ "$l_status" -eq 3 ] && [ "$s_status" -eq 3 ]
# getppid returns the tracer's pid: the one value that must differ
between "$WORK/strace.txt" 'close(-4242)' 'close(-4343)' | name_and_result |
	sed 's/^getppid = .*/getppid = PPID/' >"$WORK/s.txt"
between "$WORK/lotrace.txt" 'close(-4242)' 'close(-4343)' | name_and_result |
	sed 's/^getppid = .*/getppid = PPID/' >"$WORK/l.txt"
check "strace saw the marked sequence" [ "$(wc -l <"$WORK/s.txt")" -ge 15 ]
if diff -u "$WORK/s.txt" "$WORK/l.txt"; then
	pass "names, results and errnos equal strace's"
else
	fail "lotrace differs from strace between the markers"
fi
# lines whose arguments are plain integers must be equal to the character
strace -qq -o "$WORK/strace1.txt" "$PROGS/it-seq"
"$LOTRACE" -o "$WORK/lotrace1.txt" -- "$PROGS/it-seq"
markers="close(-4242) close(-4343) lseek(999, kill( dup("
# lines with strings and structs, where the BPF program copies them
[ "${LOTRACE_TRANSPORT:-bpf}" = bpf ] && markers="$markers openat(AT_FDCWD,+\"/nonexistent/lotrace\" mkdir( pipe2("
for marker in $markers; do
	marker=${marker//+/ }
	s_line=$(grep -F "$marker" "$WORK/strace1.txt")
	l_line=$(grep -F "$marker" "$WORK/lotrace1.txt")
	if [ -n "$s_line" ] && [ "$s_line" = "$l_line" ]; then
		pass "'$l_line' is strace's line"
	else
		fail "'$l_line' is not strace's '$s_line'"
	fi
done
check "the last line is the exit" grep -q '^[0-9]* *+++ exited with 3 +++$' "$WORK/lotrace.txt"
finish
