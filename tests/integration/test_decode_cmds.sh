# Calls whose arguments a command or request gives their meaning, whole
# lines compared with strace's (decode_cmds.c, struct_compare.py): ptrace
# as a parent tracing its child; waitid's siginfo and rusage;
# prctl(PR_SCHED_CORE); calls strace prints with printargs; keyctl;
# io_uring_register; bpf. Without BPF the same lines, with
# addresses where strace shows memory.
. "$(dirname "$0")/lib.sh"
need_root
command -v strace >/dev/null || { echo "FAIL: strace is not installed (scripts/setup.sh installs it)"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/setup.sh installs it)"; exit 1; }
compare=$(dirname "$0")/struct_compare.py
norand="setarch $(uname -m) -R"
export ASAN_OPTIONS=detect_leaks=0
mode=
[ "${LOTRACE_TRANSPORT:-bpf}" = perf ] && mode=--pointers

mkdir "$WORK/d"
strace -qq -o "$WORK/s.txt" $norand "$PROGS/it-decode_cmds" "$WORK/d"
"$LOTRACE" -o "$WORK/l.txt" -- $norand "$PROGS/it-decode_cmds" "$WORK/d"
check "exit status 0" [ $? -eq 0 ]
for part in "ptrace:7900" "waitid and others:7902" "keyctl:7904" "io_uring_register:7906" "bpf:7908"; do
	m=${part#*:}
	if python3 "$compare" "$WORK/s.txt" "$WORK/l.txt" "close(-$m)" "close(-$((m + 1)))" $mode; then
		pass "${part%:*}: every line is strace's"
	else
		fail "${part%:*}: lines differ from strace's"
	fi
done
finish
