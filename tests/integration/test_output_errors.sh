# A trace that cannot be written is never lost silently: a failed write or
# close of the output (-o /dev/full, a FIFO whose reader left, stderr on
# /dev/full) is said once on stderr, in one line that names the file and
# the reason, the command still runs to its end, and lotrace exits
# non-zero: 1, or the command's own status when that is not 0. For the
# strace text, --json and -c.
. "$(dirname "$0")/lib.sh"
need_root

# lotrace's stderr in $1 without the --no-bpf notice
said() {
	grep -v '^lotrace: --no-bpf: ' "$1"
}

cmd=(sh -c "i=0; while [ \$i -lt 300 ]; do i=\$((i + 1)); echo \$i >/dev/null; done; echo end >'$WORK/end'")
for how in text --json -c -C; do
	args=()
	[ "$how" != text ] && args=("$how")
	rm -f "$WORK/end"
	"$LOTRACE" "${args[@]}" -o /dev/full -f -- "${cmd[@]}" 2>"$WORK/e.txt"
	status=$?
	check "$how -o /dev/full: exit 1 (got $status)" [ "$status" -eq 1 ]
	check "$how -o /dev/full: one line ($(said "$WORK/e.txt"))" [ "$(said "$WORK/e.txt" | wc -l)" -eq 1 ]
	check "$how -o /dev/full: what failed and why" \
		grep -qx "lotrace: writing the trace to '/dev/full' failed: No space left on device; the rest of it is lost" "$WORK/e.txt"
	check "$how -o /dev/full: the command ran to its end" [ -s "$WORK/end" ]
done

"$LOTRACE" -o /dev/full -- sh -c 'exit 3' 2>"$WORK/e.txt"
status=$?
check "-o /dev/full: the command's status 3 kept (got $status)" [ "$status" -eq 3 ]
check "-o /dev/full, exit 3: said" grep -q "^lotrace: writing the trace to '/dev/full' failed" "$WORK/e.txt"

# a FIFO whose reader reads a little, then leaves: EPIPE (SIGPIPE is lotrace's to ignore)
mkfifo "$WORK/fifo"
head -c 100 "$WORK/fifo" >/dev/null &
rm -f "$WORK/end"
"$LOTRACE" -o "$WORK/fifo" -f -- "${cmd[@]}" 2>"$WORK/e.txt"
status=$?
wait
check "reader gone: exit 1 (got $status)" [ "$status" -eq 1 ]
check "reader gone: one line, Broken pipe ($(said "$WORK/e.txt"))" \
	bash -c "[ \$(grep -v '^lotrace: --no-bpf: ' '$WORK/e.txt' | wc -l) -eq 1 ] &&
		grep -qx \"lotrace: writing the trace to '$WORK/fifo' failed: Broken pipe; the rest of it is lost\" '$WORK/e.txt'"
check "reader gone: the command ran to its end" [ -s "$WORK/end" ]

# the trace on stderr, and stderr full: nothing can be said, the status says it
"$LOTRACE" -f -- "${cmd[@]}" 2>/dev/full
status=$?
check "stderr on /dev/full: exit 1 (got $status)" [ "$status" -eq 1 ]

# the files lotrace writes beside the trace: --export-chrome's
rm -f "$WORK/end"
"$LOTRACE" --export-chrome=/dev/full -o "$WORK/t.txt" -f -- "${cmd[@]}" 2>"$WORK/e.txt"
status=$?
check "--export-chrome=/dev/full: exit 1 (got $status)" [ "$status" -eq 1 ]
check "--export-chrome=/dev/full: one line ($(said "$WORK/e.txt"))" \
	bash -c "[ \$(grep -v '^lotrace: --no-bpf: ' '$WORK/e.txt' | wc -l) -eq 1 ] &&
		grep -qx \"lotrace: writing the --export-chrome file '/dev/full' failed: No space left on device; the rest of it is lost\" '$WORK/e.txt'"
check "--export-chrome=/dev/full: the command ran to its end" [ -s "$WORK/end" ]
"$LOTRACE" --export-chrome=/dev/full -- sh -c 'exit 3' 2>/dev/null
status=$?
check "--export-chrome=/dev/full: the command's status 3 kept (got $status)" [ "$status" -eq 3 ]

# and -ff's per-thread files: one that cannot be created, one on a full
# file system (a small tmpfs in a mount namespace of the test's own)
rm -f "$WORK/end"
"$LOTRACE" -ff -o "$WORK/none/t" -- "${cmd[@]}" 2>"$WORK/e.txt"
status=$?
check "-ff -o DIR/t, no DIR: exit 1 (got $status)" [ "$status" -eq 1 ]
check "-ff, no DIR: one line ($(said "$WORK/e.txt"))" \
	bash -c "[ \$(grep -v '^lotrace: --no-bpf: ' '$WORK/e.txt' | wc -l) -eq 1 ] &&
		grep -qE \"^lotrace: cannot open output file '$WORK/none/t\\.[0-9]+': No such file or directory; \" '$WORK/e.txt'"
check "-ff, no DIR: the command ran to its end" [ -s "$WORK/end" ]
mkdir "$WORK/small"
rm -f "$WORK/end"
unshare -m --propagation private bash -c 'mount -t tmpfs -o size=8k lt-small "$1/small" &&
	"$2" -ff -o "$1/small/t" -- "${@:3}"' _ "$WORK" "$LOTRACE" "${cmd[@]}" 2>"$WORK/e.txt"
status=$?
check "-ff onto a full file system: exit 1 (got $status)" [ "$status" -eq 1 ]
check "-ff, full: one line ($(said "$WORK/e.txt"))" \
	bash -c "[ \$(grep -v '^lotrace: --no-bpf: ' '$WORK/e.txt' | wc -l) -eq 1 ] &&
		grep -qE \"^lotrace: writing the trace to '$WORK/small/t\\.[0-9]+' failed: No space left on device; the rest of it is lost$\" '$WORK/e.txt'"
check "-ff, full: the command ran to its end" [ -s "$WORK/end" ]

# a thread's file name that the traced program made a FIFO nobody reads:
# no wait in open(2) with lotrace's signals blocked, said, exit 1
mkdir "$WORK/ffifo"
timeout -s KILL 20 "$LOTRACE" -ff -o "$WORK/ffifo/t" -e trace=getppid -- \
	"$PROGS/it-fftid" "$WORK/ffifo/t" 2>"$WORK/e.txt"
status=$?
check "-ff, a thread's file is a FIFO without a reader: no hang, exit 1 (got $status)" \
	[ "$status" -eq 1 ]
check "-ff, FIFO: one line ($(said "$WORK/e.txt"))" \
	bash -c "[ \$(grep -v '^lotrace: --no-bpf: ' '$WORK/e.txt' | wc -l) -eq 1 ] &&
		grep -qE \"^lotrace: cannot open output file '$WORK/ffifo/t\\.[0-9]+': No such device or address; \" '$WORK/e.txt'"
check "-ff, FIFO: the parent's file written" grep -q '^+++ exited with 0 +++$' "$WORK"/ffifo/t.*

# and a trace that could be written: 0, nothing said
"$LOTRACE" -o "$WORK/ok.txt" -f -- "${cmd[@]}" 2>"$WORK/e.txt"
status=$?
check "-o FILE: exit 0 (got $status)" [ "$status" -eq 0 ]
check "-o FILE: nothing said" [ -z "$(said "$WORK/e.txt")" ]
check "-o FILE: the trace is whole" grep -qE '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$WORK/ok.txt"
finish
