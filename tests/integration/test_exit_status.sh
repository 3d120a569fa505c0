# lotrace -- CMD exits with CMD's status, 128+signal when it was killed, and
# prints strace's "+++ ... +++" line.
. "$(dirname "$0")/lib.sh"
need_root

"$LOTRACE" -o "$WORK/t1" -- sh -c 'exit 7'
check "exit 7 propagates" [ $? -eq 7 ]
check "+++ exited with 7 +++" grep -q '^+++ exited with 7 +++$' "$WORK/t1"

"$LOTRACE" -o "$WORK/t2" -- sh -c 'ulimit -c 0; kill -SEGV $$'
check "killed by SIGSEGV: 139" [ $? -eq 139 ]
check "+++ killed by SIGSEGV +++" grep -q '^+++ killed by SIGSEGV +++$' "$WORK/t2"

"$LOTRACE" -o "$WORK/t3" -- true
check "true: 0" [ $? -eq 0 ]
check "true: execve first" bash -c "head -n1 '$WORK/t3' | grep -q '^execve(.*) *= 0$'"
check "true: exit_group last call" grep -q '^exit_group(0) *= ?$' "$WORK/t3"
# where pidfd_open(2) is missing (before Linux 5.3, under valgrind),
# SIGCHLD tells the command's end
"$PROGS/it-nopidfd" "$LOTRACE" -o "$WORK/t8" -- sh -c 'exit 6'
check "without pidfd_open: exit 6 propagates" [ $? -eq 6 ]
check "without pidfd_open: +++ exited with 6 +++" grep -q '^+++ exited with 6 +++$' "$WORK/t8"
"$PROGS/it-nopidfd" "$LOTRACE" -o "$WORK/t9" -- sh -c 'sleep 0.2; exit 9' &
nopid=$!
sleep 0.05
check "without pidfd_open: a command still running waits" kill -0 "$nopid"
wait "$nopid"
check "without pidfd_open: then exit 9 propagates" [ $? -eq 9 ]
# with -f, every process's end; the BPF transport reads the kernel's exit
# status, so a child killed by a signal is reported too
"$LOTRACE" -f -o "$WORK/t4" -- sh -c 'sh -c "kill -KILL \$\$"; exit 4'
check "-f: the command's status (4)" [ $? -eq 4 ]
check "-f: the parent exited with 4" grep -qE '^[0-9]+ +\+\+\+ exited with 4 \+\+\+$' "$WORK/t4"
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ]; then
	check "-f: the child was killed by SIGKILL" grep -qE '^[0-9]+ +\+\+\+ killed by SIGKILL \+\+\+$' "$WORK/t4"
fi
# -e trace=none shows no call but every process's end, as strace does;
# without BPF the status comes from exit_group(2), reported unshown
cmd='/bin/sh -c "exit 3"; exit 2'
strace -f -q -e trace=none -e signal=none -o "$WORK/s6" sh -c "$cmd"
"$LOTRACE" -f -e trace=none -e signal=none -o "$WORK/l6" -- sh -c "$cmd"
ends() { sed -E 's/^[0-9]+ +//' "$1" | sort; }
check "-f -e trace=none: the ends strace prints, and nothing else ($(ends "$WORK/l6" | tr '\n' ' '))" \
	[ "$(ends "$WORK/l6" | wc -l)" -eq 2 ] && [ "$(ends "$WORK/s6")" = "$(ends "$WORK/l6")" ]
# a delivered signal prints as strace prints it
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ]; then
	cmd='/bin/sh -c "exit 5"; true'
	strace -f -qq -o "$WORK/s5" sh -c "$cmd"
	"$LOTRACE" -f -o "$WORK/l5" -- sh -c "$cmd"
	norm() { grep -o -- '--- SIGCHLD {.*} ---' "$1" | sed -E 's/si_pid=[0-9]+/si_pid=N/; s/si_(u|s)time=[0-9]+/si_\1time=T/g'; }
	s_sig=$(norm "$WORK/s5")
	l_sig=$(norm "$WORK/l5")
	check "--- SIGCHLD line as strace's ($l_sig)" [ -n "$s_sig" ] && [ "$s_sig" = "$l_sig" ]
fi
finish
