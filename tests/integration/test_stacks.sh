# -k: the user stack after each syscall and USDT hit, as strace -k prints
# it, unwound by lotrace from the registers and stack bytes copied at the
# call (both transports), checked against the call chain stack_target
# prints and against strace -k.
. "$(dirname "$0")/lib.sh"
need_root
check_py=$(dirname "$0")/stack_check.py
# the kernel names mapped files by their real paths
dir=$(realpath "$PROGS")
target=$dir/it-stack_target

# run MODE ARGS...: stack_target MODE under lotrace ARGS, its stdout in
# $WORK/MODE.out, the trace in $WORK/MODE.trace
run() {
	local mode=$1
	shift
	"$LOTRACE" "$@" -o "$WORK/$mode.trace" -- "$target" $mode </dev/null >"$WORK/$mode.out"
}

# every syscall (the raw_syscalls tracepoints; small -e trace= sets use
# the syscalls' own, below): a perf event on a syscall's own tracepoint
# opened while the BPF test before this one detaches its program from
# that tracepoint misses records on this kernel, with or without -k
run plain -k
check "-k: getppid's frames are the program's chain" \
	python3 "$check_py" chain "$WORK/plain.trace" "$WORK/plain.out" "getppid(" /it-stack_target
check "-k: no source lines" bash -c "! grep -q 'stack_target.c:' '$WORK/plain.trace'"

"$LOTRACE" -kk -e trace=getppid -o "$WORK/kk.trace" -- "$target" plain </dev/null >/dev/null
check "-kk: each frame at the line of its call" \
	python3 "$check_py" chain "$WORK/kk.trace" "$WORK/plain.out" "getppid(" /it-stack_target --source
"$LOTRACE" -kkk -e trace=getppid -o "$WORK/kkk.trace" -- "$target" plain </dev/null >/dev/null
check "-kkk: the inlined call on a line of its own" \
	python3 "$check_py" chain "$WORK/kkk.trace" "$WORK/plain.out" "getppid(" /it-stack_target --inline

"$LOTRACE" -k -e trace=getppid -o "$WORK/bare.trace" -- "$target-stripped" plain </dev/null >/dev/null
check "-k, stripped: object() [0xoff], the same addresses" \
	python3 "$check_py" stripped "$WORK/bare.trace" "$WORK/plain.trace" /it-stack_target-stripped

"$LOTRACE" -kk -e trace=getppid -o "$WORK/dlopen.trace" -- "$target" dlopen "$dir/libit-stacklib.so" \
	</dev/null >"$WORK/dlopen.out"
check "-kk: a library dlopen()ed after start resolves, with its lines" \
	python3 "$check_py" chain "$WORK/dlopen.trace" "$WORK/dlopen.out" "getppid(" \
	/it-stack_target,/libit-stacklib.so --source

strace -qq -k -e trace=getppid -o "$WORK/strace.trace" "$target" plain </dev/null >/dev/null
check "-k: the frames strace -k prints" \
	python3 "$check_py" strace "$WORK/plain.trace" "$WORK/strace.trace" "$target"

"$LOTRACE" -kk -e trace=none -u lt_stack:hit -o "$WORK/probe.trace" -- "$target" probe \
	</dev/null >"$WORK/probe.out"
check "-kk: a USDT hit's stack" \
	python3 "$check_py" chain "$WORK/probe.trace" "$WORK/probe.out" "usdt:lt_stack:hit(7)" \
	/it-stack_target --source

"$LOTRACE" -k --json -e trace=getppid -o "$WORK/json" -- "$target" plain </dev/null >/dev/null
check "--json -k: a stack array, the text's frames" \
	python3 "$check_py" json "$WORK/plain.trace" "$WORK/json"

# a child that execs: its mappings are the new image's
"$LOTRACE" -f -k -e trace=getppid -o "$WORK/f.trace" -- sh -c "'$target' plain; true" \
	</dev/null >"$WORK/f.out"
check "-f -k: a child's exec'd program resolves" \
	python3 "$check_py" chain "$WORK/f.trace" "$WORK/f.out" "getppid(" /it-stack_target

# -p: the mappings from /proc, the calls from the attach on
"$target" repeat 100 </dev/null >"$WORK/p.out" &
pid=$!
sleep 0.3
timeout -s INT 3 "$LOTRACE" -k -q -p $pid -e trace=getppid -o "$WORK/p.trace"
wait $pid
check "-p -k: an attached process's stacks" \
	python3 "$check_py" chain "$WORK/p.trace" "$WORK/p.out" "getppid(" /it-stack_target

# every call's frames follow its line (every syscall: see above)
check "-k: each call's frames right after its line" \
	bash -c "awk '/^write\\(/ { getline; ok = /^ > .*write/ } END { exit !ok }' '$WORK/plain.trace'"
finish
