# Structs and arrays as strace prints them, whole lines compared: statx,
# statfs, uname, sysinfo, getrandom's bytes, fcntl's locks, CPU and node
# masks, select's fd sets and what was ready, clocks, timers and the time
# a sleep has left, rt_sigreturn's mask, wait4's statuses and rusage,
# openat2's open_how, clone3's clone_args, getdents' entry counts; then
# buffers that end where a page ends (rt_sigpending's sets, the addresses
# accept, getsockname, recvfrom and recvmsg write), which a copy of more
# than the kernel wrote cannot read (decode_structs.c, struct_compare.py).
# Without BPF the same lines, with addresses where strace shows memory.
. "$(dirname "$0")/lib.sh"
need_root
command -v strace >/dev/null || { echo "FAIL: strace is not installed (scripts/setup.sh installs it)"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/setup.sh installs it)"; exit 1; }
compare=$(dirname "$0")/struct_compare.py
norand="setarch $(uname -m) -R"
export ASAN_OPTIONS=detect_leaks=0
mode=
[ "${LOTRACE_TRANSPORT:-bpf}" = perf ] && mode=--pointers

# each run in a fresh directory of the same name: the paths it prints
run() {
	rm -rf "$WORK/d"
	mkdir "$WORK/d"
	"$@" "$PROGS/it-decode_structs" "$WORK/d"
}
run strace -qq -o "$WORK/s.txt" $norand
run "$LOTRACE" -o "$WORK/l.txt" -- $norand
check "exit status 0" [ $? -eq 0 ]
for part in "structs:7600" "page ends:7602"; do
	m=${part#*:}
	if python3 "$compare" "$WORK/s.txt" "$WORK/l.txt" "close(-$m)" "close(-$((m + 1)))" $mode; then
		pass "${part%:*}: every line is strace's"
	else
		fail "${part%:*}: lines differ from strace's"
	fi
done
if [ -z "$mode" ]; then
	check "nothing marked unreadable" bash -c "! grep -q unreadable '$WORK/l.txt'"
	# -e trace= of a few: the per-syscall tracepoints' programs copy the same
	run "$LOTRACE" -e trace=statx,getdents64,select,clone3,fcntl -o "$WORK/l2.txt" -- $norand
	pick() {
		grep -E '^(statx|getdents64|select|fcntl)\(' "$1" |
			sed -E 's/0x[0-9a-f]{8,}/ADDR/g; s/left \{[^}]*\}/left {...}/'
	}
	pick "$WORK/l.txt" >"$WORK/want.txt"
	pick "$WORK/l2.txt" >"$WORK/got.txt"
	check "-e trace= of five: the same lines as the full trace's" \
		diff -u "$WORK/want.txt" "$WORK/got.txt"
	check "-e trace= of five: clone3's parent_tid" grep -q ' => {parent_tid=\[[0-9]*\]}, 88) = ' "$WORK/l2.txt"
fi
finish
