# The output options behave as strace's.
. "$(dirname "$0")/lib.sh"
need_root
seq=$PROGS/it-seq

"$LOTRACE" -T -o "$WORK/T" -- "$seq"
check "-T appends <seconds>" grep -qE '^close\(-4242\) += -1 EBADF \(Bad file descriptor\) <0\.[0-9]{6}>$' "$WORK/T"

"$LOTRACE" -t -o "$WORK/t" -- "$seq"
check "-t: HH:MM:SS" grep -qE '^[0-9]{2}:[0-9]{2}:[0-9]{2} close\(-4242\)' "$WORK/t"
"$LOTRACE" -tt -o "$WORK/tt" -- "$seq"
check "-tt: microseconds" grep -qE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} close\(-4242\)' "$WORK/tt"
"$LOTRACE" -ttt -o "$WORK/ttt" -- "$seq"
now=$(date +%s)
stamp=$(grep 'close(-4242)' "$WORK/ttt" | cut -d. -f1)
check "-ttt: epoch seconds ($stamp vs $now)" [ $((now - stamp)) -ge 0 ] && [ $((now - stamp)) -lt 60 ]
"$LOTRACE" -r -o "$WORK/r" -- "$seq"
check "-r: relative stamps" grep -qE '^ +[0-9]+\.[0-9]{6} close\(-4242\)' "$WORK/r"

"$LOTRACE" -e trace=close,getppid -o "$WORK/e" -- "$seq"
check "-e trace=close,getppid: only those" bash -c "! grep -vE '^(close|getppid)\(|^\+\+\+' '$WORK/e'"
check "-e trace=: the markers are there" grep -q 'close(-4343)' "$WORK/e"
# a set this small goes on the syscalls' own tracepoints; their slow
# detach is left to a background process, which must not linger
"$LOTRACE" -e trace=getppid -o "$WORK/small" -- "$seq"
check "-e trace=getppid: the calls" grep -q '^getppid() *= [0-9]*$' "$WORK/small"
grep -q '^getppid() *= [0-9]*$' "$WORK/small" || sed 's/^/  the trace: /' "$WORK/small" >&2
check "-e trace=getppid: nothing else" bash -c "! grep -vE '^getppid\(|^\+\+\+' '$WORK/small'"
sleep 1
check "nothing of lotrace left a second later" bash -c "! pgrep -f -- '[-]o $WORK/small'"
"$LOTRACE" -e 'trace=!close' -o "$WORK/ne" -- "$seq"
check "-e trace=!close: no close" bash -c "! grep -q '^close(' '$WORK/ne'"
check "-e trace=!close: the rest" grep -q '^getppid()' "$WORK/ne"

"$LOTRACE" -Z -o "$WORK/Z" -- "$seq"
check "-Z: only failures" bash -c "! grep -vE '= -1 [A-Z]+ \(|^\+\+\+ exited' '$WORK/Z'"
check "-Z: the end still shows, as in strace" grep -q '^+++ exited with 3 +++$' "$WORK/Z"
check "-Z: the failing marker" grep -q 'close(-4242)' "$WORK/Z"
"$LOTRACE" -z -o "$WORK/z" -- "$seq"
check "-z: no failures" bash -c "! grep -q '= -1 ' '$WORK/z'"
check "-z: successes" grep -q '^getppid()' "$WORK/z"

"$LOTRACE" -c -o "$WORK/c" -- "$seq"
check "-c: header" grep -q '^% time     seconds  usecs/call     calls    errors syscall$' "$WORK/c"
strace -c -o "$WORK/sc" "$seq"
s_close=$(awk '$NF == "close" { print $4 "/" $5 }' "$WORK/sc")
l_close=$(awk '$NF == "close" { print $4 "/" $5 }' "$WORK/c")
check "-c: close calls/errors as strace ($s_close = $l_close)" [ "$s_close" = "$l_close" ]
check "-c: no trace lines" bash -c "! grep -q 'close(' '$WORK/c'"
"$LOTRACE" -C -o "$WORK/C" -- "$seq"
check "-C: trace and table" grep -q 'close(-4242)' "$WORK/C" && grep -q ' total$' "$WORK/C"

"$LOTRACE" --buffer-size=64K -o "$WORK/b" -- "$seq"
check "--buffer-size" grep -q 'close(-4343)' "$WORK/b"

"$LOTRACE" -- "$seq" 2>"$WORK/stderr"
check "default output is stderr" grep -q 'close(-4242)' "$WORK/stderr"

"$LOTRACE" -V >"$WORK/v"
check "-V" grep -qE '^lotrace [0-9]+\.[0-9]+' "$WORK/v"
"$LOTRACE" --help >"$WORK/h"
for o in -f --follow-forks -p --attach -a -o --output -A --output-append-mode --output-separately \
	-q --quiet -e --trace --status --signal --raw --abbrev --verbose --read --write \
	--decode-fds --decode-pids --trace-fds -P --trace-path -c --summary-only -C --summary \
	-w --summary-wall-clock -S --summary-sort-by -U --summary-columns -O \
	--summary-syscall-overhead -Z --failed-only -z --successful-only -T --syscall-times -t -r \
	-s --string-limit -y -Y -n --syscall-number -i --instruction-pointer -v --no-abbrev \
	-X --const-print-style -x --strings-in-hex --seccomp-bpf -I --interruptible -D --daemonize \
	-b --detach-on --kill-on-exit -u --columns --list-usdt -m --buffer-size --json --no-bpf \
	--help --version; do
	check "--help lists $o" grep -qE -- "(^| |,)$o([ =,[]|$)" "$WORK/h"
done
# every option --help lists is in the man page and the README too
top=$(dirname "$0")/../..
for o in $(grep -oE '^  (-[a-zA-Z]|--[a-z-]+)(, --[a-z-]+)?' "$WORK/h" | tr -d ' ,' | sed 's/--/ --/g'); do
	man_o=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	check "the man page has $o" grep -q -- "$man_o" "$top/man/lotrace.1"
	check "the README has $o" grep -q -- "\`$o" "$top/README.md"
done

"$LOTRACE" --columns=60 -e trace=getppid -o "$WORK/col" -- "$seq"
strace --columns=60 -e trace=getppid -o "$WORK/scol" "$seq" 2>/dev/null ||
	strace -a 60 -e trace=getppid -o "$WORK/scol" "$seq"
# getppid returns each tracer's pid
check "--columns=60 as strace -a 60" diff <(sed 's/= [0-9]*$/= PID/' "$WORK/scol") \
	<(sed 's/= [0-9]*$/= PID/' "$WORK/col")
"$LOTRACE" --columns=0 -e trace=getppid -o "$WORK/col0" -- "$seq"
check "--columns=0: no padding" grep -qx 'getppid() = [0-9]*' "$WORK/col0"
finish
