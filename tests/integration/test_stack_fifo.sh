# -k opens the files traced programs map, by the paths their mappings were
# made from, and their debug files by the names .gnu_debuglink gives:
# places the traced program's owner controls. A FIFO there must not hang
# lotrace (its open(2) waits for a writer, with lotrace's signals blocked,
# so Ctrl-C could not end it either): the object is left unread and its
# frames print as object() [0xoff].
. "$(dirname "$0")/lib.sh"
need_root
# every syscall (the raw_syscalls tracepoints), as test_stacks traces: a
# perf event on getppid's own tracepoint misses records on this kernel
# while another test's BPF program detaches from it
dir=$(realpath "$PROGS")
target=$dir/it-stack_target

# the started command's library, renamed after dlopen and a FIFO made at
# its name: the mapping's path (from its mmap record) is the FIFO now
cp "$dir/libit-stacklib.so" "$WORK/lib.so"
timeout -s KILL 20 "$LOTRACE" -k -o "$WORK/swap.trace" -- \
	"$target" swap "$WORK/lib.so" 3 </dev/null >/dev/null 2>"$WORK/swap.err"
rc=$?
check "-k, a mapped library swapped for a FIFO: no hang, exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "-k, swapped library: its three getppid calls traced" \
	[ "$(grep -c '^getppid() ' "$WORK/swap.trace")" -eq 3 ]
check "-k, swapped library: its frames as object() [0xoff]" \
	grep -qE "^ > $WORK/lib.so\\(\\) \\[0x[0-9a-f]+\\]$" "$WORK/swap.trace"
check "-k, swapped library: the program's own frames still named" \
	grep -qE "^ > $target\\(run_swap\\+0x[0-9a-f]+\\)" "$WORK/swap.trace"

# -p: the path /proc/PID/maps shows for a mapped library is a FIFO in
# lotrace's mount namespace (a FIFO bind-mounted over it)
cp "$dir/libit-stacklib.so" "$WORK/plib.so"
"$target" swap "$WORK/plib.so" 1000 </dev/null >/dev/null &
pid=$!
for _ in $(seq 100); do
	[ -p "$WORK/plib.so" ] && break
	sleep 0.05
done
mkfifo "$WORK/pfifo"
# a writer waits for a reader: lotrace must not be one (stat before open)
( exec 3>"$WORK/pfifo"; echo released >"$WORK/released" ) &
writer=$!
# (timeout passes SIGINT on; a lotrace stuck in open(2) ignores it, and
# is killed after 20 s)
unshare -m --propagation private bash -c '
	mount --bind "$1/pfifo" "$1/plib.so.old" || exit 99
	timeout -s KILL 20 "$2" -k -p "$3" -o "$1/p.trace" 2>"$1/p.err" &
	lt=$!
	for _ in $(seq 100); do
		grep -q "^lotrace: Process [0-9]* attached$" "$1/p.err" && break
		sleep 0.1
	done
	sleep 0.5
	kill -INT $lt
	wait $lt' _ "$WORK" "$LOTRACE" "$pid"
rc=$?
kill "$pid"
wait "$pid" 2>/dev/null
check "-k -p, a mapped library that is a FIFO now: stopped by SIGINT (130, got $rc)" \
	[ "$rc" -eq 130 ]
check "-k -p: the library's calls traced" grep -q '^getppid() ' "$WORK/p.trace"
check "-k -p: the library's frames as object() [0xoff]" \
	grep -qE "^ > $WORK/plib.so.old\\(\\) \\[0x[0-9a-f]+\\]$" "$WORK/p.trace"
check "-k -p: the FIFO never opened (its writer still waits)" [ ! -e "$WORK/released" ]
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null

# a FIFO where .gnu_debuglink's file would be: beside the object, and in
# its .debug directory
for where in . .debug; do
	mkdir -p "$WORK/dl/.debug"
	cp "$target-debuglink" "$WORK/dl/prog"
	rm -f "$WORK/dl/it-stack_target-debuglink.debug" "$WORK/dl/.debug/it-stack_target-debuglink.debug"
	mkfifo "$WORK/dl/$where/it-stack_target-debuglink.debug"
	timeout -s KILL 20 "$LOTRACE" -k -o "$WORK/dl.trace" -- \
		"$WORK/dl/prog" plain </dev/null >/dev/null 2>&1
	rc=$?
	check "-k, a FIFO as the debuglink file in $where: no hang, exit 0 (got $rc)" [ "$rc" -eq 0 ]
	check "-k, FIFO debuglink in $where: the program's frames as object() [0xoff]" \
		grep -qE "^ > $WORK/dl/prog\\(\\) \\[0x[0-9a-f]+\\]$" "$WORK/dl.trace"
done
# and the real debug file in those places still names the frames
for where in . .debug; do
	rm -f "$WORK/dl/it-stack_target-debuglink.debug" "$WORK/dl/.debug/it-stack_target-debuglink.debug"
	cp "$target-debuglink.debug" "$WORK/dl/$where/"
	"$LOTRACE" -k -o "$WORK/dl.trace" -- "$WORK/dl/prog" plain </dev/null >/dev/null 2>&1
	check "-k, the debuglink file in $where: frames named" \
		grep -qE "^ > $WORK/dl/prog\\(leaf\\+0x[0-9a-f]+\\)" "$WORK/dl.trace"
done
finish
