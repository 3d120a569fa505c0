# strace's options, each run under strace and lotrace on the same program
# (progs/options.c) and compared line by line (options_compare.py). Where
# lotrace cannot print what strace prints, the comparison says why: with
# --drop (a line left out) or --sub (a difference evened out).
#
# With --no-bpf (LOTRACE_TRANSPORT=perf) nothing is copied from the
# process, so strings and structs print as addresses: the lines are then
# compared by their leader, syscall name and result (--names), and the
# options that only change strings and structs are skipped there.
. "$(dirname "$0")/lib.sh"
need_root
command -v strace >/dev/null || { echo "FAIL: strace is not installed (scripts/setup.sh installs it)"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/setup.sh installs it)"; exit 1; }
cmp=$(dirname "$0")/options_compare.py
prog=$PROGS/it-options
# the same addresses in both runs: -i's instruction pointers, sa_restorer
norand="setarch $(uname -m) -R"
export ASAN_OPTIONS=detect_leaks=0
perf=false
[ "${LOTRACE_TRANSPORT:-bpf}" = perf ] && perf=true
names=()
# without the BPF program lotrace reports no delivered signals yet (the
# signal events are the BPF program's): their lines are left out there
$perf && names=(--names --drop '^(\[[^]]*\] )*--- SIG')

# the file the program reads, with its times fixed, made before any trace
"$prog" "$WORK" setup
# outside the markers (comparisons of whole traces) a few calls print what
# lotrace's decoders do not decode yet, not the options': left out there
gaps=(--drop '^(getrandom|uname|utimensat)\(')

# same WHAT SECTION "OPTIONS" [COMPARE ARGS...]: both tracers with OPTIONS
# on SECTION of the program, the lines compared
same() {
	local what=$1 section=$2 opts=$3
	shift 3
	# shellcheck disable=SC2086
	strace $opts -o "$WORK/s.txt" $norand "$prog" "$WORK" "$section" 2>"$WORK/s.err"
	# shellcheck disable=SC2086
	"$LOTRACE" $opts -o "$WORK/l.txt" -- $norand "$prog" "$WORK" "$section" 2>"$WORK/l.err"
	if python3 "$cmp" lines "$WORK/s.txt" "$WORK/l.txt" "${names[@]}" "$@" >"$WORK/d.txt"; then
		pass "$what: $(cat "$WORK/d.txt")"
	else
		cat "$WORK/d.txt"
		fail "$what: lotrace differs from strace"
	fi
}

# the same, for options that change only strings and structs (BPF only)
same_strings() {
	if $perf; then
		pass "$1: strings and structs are addresses without the BPF program"
		return
	fi
	same "$@"
}

# --- output selection --------------------------------------------------------
same "-s 5" all "-s 5"
same_strings "-s 65535" all "-s 65535"
"$LOTRACE" -s 100000 -o /dev/null -- true 2>"$WORK/err"
if $perf; then
	check "-s 100000: nothing said without the BPF program" bash -c "! grep -q 'copies at most' '$WORK/err'"
else
	check "-s 100000: the kernel side's limit is said once" \
		[ "$(grep -c '^lotrace: -s 100000: the BPF program copies at most 4095 bytes' "$WORK/err")" -eq 1 ]
fi
same "-e trace=/REGEX" all "-e trace=/^(read|write|lseek)$"
same "-e trace=?NAME" all "-e trace=?no_such_syscall,close,pipe2"
same "-e trace=NUMBER" all "-e trace=3,39"
same "-e status=failed" all "-e status=failed"
same "-e status=successful,unfinished" all "-e status=successful,unfinished" "${gaps[@]}"
same "-e status=!failed" all "-e status=!failed" "${gaps[@]}"
same "-e status=none" all "-e status=none"
# no markers when only unfinished calls print: the whole trace
same "-e status=unfinished" all "-e status=unfinished"
same "-qq: no '+++ exited'" all "-qq -e trace=close"
same "-qqq" all "-qqq -e trace=close"
same "--quiet=exit" all "--quiet=exit -e trace=close"
same "-e signal=none" all "-e signal=none"
same "-e signal=SIGUSR1" all "-e signal=SIGUSR1"
same "-e signal=!usr1" all "-e signal=!usr1"
same "-e signal=10" all "-e signal=10"
same_strings "-P FILE" all "-P $WORK/options.txt"
ln -sf "$WORK/options.txt" "$WORK/link.txt"
same_strings "-P SYMLINK" all "-P $WORK/link.txt"
if ! $perf; then
	check "-P SYMLINK: the resolution said as strace says it" \
		diff <(sed 's/^strace: //' "$WORK/s.err") <(sed 's/^lotrace: //' "$WORK/l.err")
fi
same_strings "-P SYMLINK -qqq" all "-qqq -P $WORK/link.txt"
if ! $perf; then
	check "-qqq: no path resolution line" [ ! -s "$WORK/l.err" ]
fi
# strace 6.1 has no --trace-fds (6.3 does): its lines whose descriptor
# argument is 3 are what it would print (the first argument here, mmap's
# fifth), the whole trace
strace -o "$WORK/s.txt" $norand "$prog" "$WORK" all
grep -E '^[a-z0-9_]+\(3[,)]|^mmap\(([^,]*, ){4}3,|^--- |^\+\+\+' "$WORK/s.txt" >"$WORK/s3.txt"
"$LOTRACE" --trace-fds=3 -o "$WORK/l.txt" -- $norand "$prog" "$WORK" all 2>/dev/null
if python3 "$cmp" lines "$WORK/s3.txt" "$WORK/l.txt" "${names[@]}" "${gaps[@]}" >"$WORK/d.txt"; then
	pass "--trace-fds=3: $(cat "$WORK/d.txt")"
else
	cat "$WORK/d.txt"
	fail "--trace-fds=3 selects other calls than strace's rule"
fi

# --- argument detail ---------------------------------------------------------
same_strings "-v" all "-v"
same_strings "-e abbrev=none" all "-e abbrev=none"
same_strings "-e verbose=none" all "-e verbose=none"
same_strings "-e verbose=!fstat" all "-e verbose=!fstat"
# a delivered signal's siginfo keeps its names under -X (decode/siginfo.c,
# the signal events' printer, has no -X yet): strace's numbers are renamed
siginfo=(--sub 'si_signo=10, si_code=0,' 'si_signo=SIGUSR1, si_code=SI_USER,'
	--sub 'si_signo=10 /\* SIGUSR1 \*/, si_code=0 /\* SI_USER \*/,' 'si_signo=SIGUSR1, si_code=SI_USER,')
same "-X raw" all "-X raw" "${siginfo[@]}"
same "-X verbose" all "-X verbose" "${siginfo[@]}"
same "-X abbrev" all "-X abbrev"
same_strings "-x" all "-x"
same_strings "-xx" all "-xx"
same_strings "--strings-in-hex=non-ascii-chars" all "--strings-in-hex=non-ascii-chars"
same_strings "-e read=3 -e write=4" all "-e read=3 -e write=4"
same_strings "-e read=all -e write=all" all "-e read=all -e write=all"
if $perf; then
	"$LOTRACE" -e write=all -o "$WORK/l.txt" -- "$prog" "$WORK" all 2>/dev/null
	check "-e write=all without copies: no dump" bash -c "! grep -q '^ | ' '$WORK/l.txt'"
fi
same "-n" all "-n"
same "-i" all "-i"
# -Y: strace reads a process's name at the call; lotrace once the line
# prints, when the child of the fork has ended (clone's and wait4's pid
# print bare), and a delivered signal's si_pid is decode/siginfo.c's
# (the signal events'), which has no -Y yet
pids=(--sub '(PID2)<[^>]*>' '\1' --sub 'si_pid=(PID[0-9]+)<[^>]*>' 'si_pid=\1')
same "-Y" all "-Y" "${pids[@]}"
same "-n -i -Y together" all "-n -i -Y" "${pids[@]}"
# -yy on sockets: strace looks a socket up before each call, lotrace once
# the call has returned, so the calls that set a socket up (socket, bind,
# listen, connect, accept) show it later in its life; the rest, and the
# pidfd and the device, must be equal
setup='^(socketpair|socket|bind|listen|getsockname|connect|accept|pidfd_open|openat)\('
same_strings "-yy" net "-yy" --drop "$setup"
same_strings "--decode-fds=socket,dev,pidfd" net "--decode-fds=socket,dev,pidfd" --drop "$setup"
same_strings "--decode-fds=dev" net "--decode-fds=dev" --drop "$setup"
same_strings "-y on sockets" net "-y" --drop "$setup"

# --- where it goes -----------------------------------------------------------
rm -f "$WORK"/sff.* "$WORK"/lff.*
strace -ff -o "$WORK/sff" $norand "$prog" "$WORK" all
"$LOTRACE" -ff -o "$WORK/lff" -- $norand "$prog" "$WORK" all 2>/dev/null
sfiles=$(ls "$WORK"/sff.* | sort -t. -k2 -n)
lfiles=$(ls "$WORK"/lff.* | sort -t. -k2 -n)
check "-ff: a file per process ($(echo "$sfiles" | wc -l) and $(echo "$lfiles" | wc -l))" \
	[ "$(echo "$sfiles" | wc -l)" -eq "$(echo "$lfiles" | wc -l)" ]
for pair in $(paste -d: <(echo "$sfiles") <(echo "$lfiles")); do
	s=${pair%%:*} l=${pair##*:}
	# a child's first line: its return from clone, which strace does not
	# show (lotrace sees it begin in the parent: the event stream's
	# unfinished/resumed business, not -ff's)
	if python3 "$cmp" lines "$s" "$l" "${names[@]}" "${gaps[@]}" \
		--drop '^<\.\.\. clone resumed>' >"$WORK/d.txt"; then
		pass "-ff: $(basename "$l") as $(basename "$s"): $(cat "$WORK/d.txt")"
	else
		cat "$WORK/d.txt"
		fail "-ff: $(basename "$l") differs from $(basename "$s")"
	fi
done
strace -o "|cat >$WORK/spipe.txt" $norand "$prog" "$WORK" all
"$LOTRACE" -o "|cat >$WORK/lpipe.txt" -- $norand "$prog" "$WORK" all 2>/dev/null
check "-o |CMD: the command wrote the trace" python3 "$cmp" lines "$WORK/spipe.txt" \
	"$WORK/lpipe.txt" "${names[@]}"
rm -f "$WORK/sA.txt" "$WORK/lA.txt"
for _ in 1 2; do
	strace -A -o "$WORK/sA.txt" $norand "$prog" "$WORK" all
	"$LOTRACE" -A -o "$WORK/lA.txt" -- $norand "$prog" "$WORK" all 2>/dev/null
done
check "-A: two runs in the file" [ "$(grep -c 'close(-9100)' "$WORK/lA.txt")" -eq 2 ]
check "-A: as strace appends" python3 "$cmp" lines "$WORK/sA.txt" "$WORK/lA.txt" "${names[@]}" "${gaps[@]}"

# --- summary -----------------------------------------------------------------
# times differ between the tracers; an overhead of a second takes them all
# to zero, and the tables must then be equal to the character
table() {
	local what=$1 opts=$2
	# shellcheck disable=SC2086
	strace $opts -o "$WORK/sc.txt" $norand "$prog" "$WORK" all
	# shellcheck disable=SC2086
	"$LOTRACE" $opts -o "$WORK/lc.txt" -- $norand "$prog" "$WORK" all 2>/dev/null
	if python3 "$cmp" table "$WORK/sc.txt" "$WORK/lc.txt" >"$WORK/d.txt"; then
		pass "$what: $(cat "$WORK/d.txt")"
	else
		cat "$WORK/d.txt"
		fail "$what: the table differs from strace's"
	fi
}
table "-c -O 1s -S name" "-c -O 1s -S name"
table "-c -w -O 1s -S name" "-c -w -O 1s -S name"
table "-c -f (a wider syscall column)" "-c -f -O 1s -S name"
table "-U calls,errors,name" "-c -U calls,errors,name -S name"
table "-U name,calls,max-time,min-time" "-c -O1000000 -U name,calls,max-time,min-time -S name"
table "--summary-columns, --summary-syscall-overhead" \
	"--summary-only --summary-syscall-overhead=1s --summary-columns=time-percent,calls,name -S calls"
# system time (the default) is CPU time; wall time (-w) is at least as long
"$LOTRACE" -c -S name -o "$WORK/cpu.txt" -- "$prog" "$WORK" net 2>/dev/null
"$LOTRACE" -c -w -S name -o "$WORK/wall.txt" -- "$prog" "$WORK" net 2>/dev/null
cpu=$(awk '$NF == "total" { print $2 }' "$WORK/cpu.txt")
wall=$(awk '$NF == "total" { print $2 }' "$WORK/wall.txt")
if $perf; then
	check "-c without BPF: wall time, like -w ($cpu s, $wall s)" \
		python3 -c "import sys; sys.exit(not (float('$cpu') > 0.5 and float('$wall') > 0.5))"
else
	check "-c: CPU time ($cpu s) well below -w's wall time ($wall s) of a program that sleeps" \
		python3 -c "import sys; sys.exit(not (float('$cpu') < float('$wall') / 4 and float('$wall') > 0.5))"
fi

# --- accepted for compatibility ----------------------------------------------
same "--seccomp-bpf" all "--seccomp-bpf"
same "-I 1" all "-I 1"
same "-D" all "-D"
same "-DD" all "-DD"
# strace 6.1 has no --kill-on-exit (6.6 does): the trace is the same as without it
strace -o "$WORK/s.txt" $norand "$prog" "$WORK" all
"$LOTRACE" --kill-on-exit -o "$WORK/l.txt" -- $norand "$prog" "$WORK" all 2>/dev/null
check "--kill-on-exit: the trace is strace's" python3 "$cmp" lines "$WORK/s.txt" "$WORK/l.txt" "${names[@]}"
# lotrace killed outright: the command dies with it, as under ptrace's
# PTRACE_O_EXITKILL (without the option it would go on)
"$LOTRACE" --kill-on-exit -o /dev/null -- sleep 31.5 2>/dev/null &
lt=$!
cmd=
for _ in $(seq 50); do
	cmd=$(pgrep -P $lt -x sleep) && break
	sleep 0.1
done
kill -KILL $lt
wait $lt 2>/dev/null
sleep 0.3
# (killed, it may wait a moment as a zombie for whoever reaps it)
check "--kill-on-exit: the command ($cmd) is gone with lotrace" \
	bash -c "[ -n '$cmd' ] && ! ps -o stat= -p '$cmd' | grep -qv '^Z'"
# -b execve: strace detaches at the call and says "<detached ...>";
# lotrace shows the call like any other that never returns, "= ?"
same "-f -b execve" exec "-f -b execve" --drop '^(?!.*execve\()' \
	--sub ' <detached \.\.\.>$' ') = ?' --sub '\) +=' ') ='
finish
