# A call interrupted in the output by another task's prints as strace
# prints it: "read(3,  <unfinished ...>" with the arguments up to the first
# one the kernel writes, then "<... read resumed>"hi", 77) = 2" with those
# it wrote; and a new task's return from clone is no line of its own.
. "$(dirname "$0")/lib.sh"
need_root

strace -f -o "$WORK/strace.txt" "$PROGS/it-split"
check "the program ran under strace" [ $? -eq 0 ]
"$LOTRACE" -f -o "$WORK/lotrace.txt" -- "$PROGS/it-split"
check "the program ran under lotrace" [ $? -eq 0 ]

# the split lines of the calls the program makes to be split (the worker's
# and the child's naps may or may not be), without the pid column and with
# addresses and the child's pid as ADDR and PID
split_lines() {
	grep -E '(read|epoll_wait|clock_nanosleep|wait4)\(.*<unfinished|<\.\.\. (read|epoll_wait|clock_nanosleep|wait4) resumed>' "$1" |
		grep -vE 'tv_nsec=(100|50)000000' |
		sed -E 's/^[0-9]+ +//; s/0x[0-9a-f]{6,}/ADDR/g; s/ {2,}= / = /;
			s/wait4\([0-9]+/wait4(PID/; s/(wait4 resumed>.*) = [0-9]+$/\1 = PID/' | sort -u
}
split_lines "$WORK/strace.txt" >"$WORK/s.txt"
split_lines "$WORK/lotrace.txt" >"$WORK/l.txt"
check "strace split the calls (the test is meaningful)" grep -q 'wait4.*<unfinished' "$WORK/s.txt"
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ]; then
	check "the split lines are strace's" diff -u "$WORK/s.txt" "$WORK/l.txt"
else
	# --no-bpf prints pointers for what the kernel wrote: the unfinished
	# halves are still strace's
	grep '<unfinished' "$WORK/s.txt" | grep -v nanosleep >"$WORK/s1.txt"
	grep '<unfinished' "$WORK/l.txt" | grep -v nanosleep >"$WORK/l1.txt"
	check "the unfinished halves are strace's" diff -u "$WORK/s1.txt" "$WORK/l1.txt"
fi
check "no line for the child's return from clone" \
	bash -c "! grep -qE 'clone(3)? resumed>\) += 0$' '$WORK/lotrace.txt'"
finish
