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
finish
