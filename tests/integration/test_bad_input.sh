# Bad input: one clear line on stderr and exit status 1, never a crash.
. "$(dirname "$0")/lib.sh"
need_root

# expect_error DESCRIPTION PATTERN COMMAND...
expect_error() {
	local what=$1 pattern=$2
	shift 2
	"$@" >"$WORK/out.txt" 2>"$WORK/err.txt"
	local status=$?
	check "$what: exit status 1 (got $status)" [ "$status" -eq 1 ]
	check "$what: one line" [ "$(wc -l <"$WORK/err.txt")" -eq 1 ]
	check "$what: says '$pattern'" grep -qE "^lotrace: .*$pattern" "$WORK/err.txt"
	check "$what: nothing on stdout" [ ! -s "$WORK/out.txt" ]
}

expect_error "unknown syscall" "unknown syscall 'opnat'.*did you mean 'openat'" \
	"$LOTRACE" -e trace=opnat -- true
expect_error "unknown syscall in a negation" "unknown syscall 'clsoe'.*'close'" \
	"$LOTRACE" -e 'trace=!clsoe' -- true
expect_error "missing command" "cannot execute 'lotrace-no-such-command': command not found" \
	"$LOTRACE" -- lotrace-no-such-command
expect_error "not executable" "cannot execute '/etc/hostname'" \
	"$LOTRACE" -- /etc/hostname
expect_error "a directory" "cannot execute '/tmp'" "$LOTRACE" -- /tmp
expect_error "unknown option" "unknown option '--bogus'" "$LOTRACE" --bogus -- true
expect_error "unknown short option" "unknown option '-Q'" "$LOTRACE" -Q -- true
expect_error "missing argument" "needs an argument" "$LOTRACE" -o
expect_error "bad pid" "'abc' is not a process id" "$LOTRACE" -p abc
expect_error "nothing to trace" "nothing to trace" "$LOTRACE"
expect_error "bad -m" "power-of-two" "$LOTRACE" -m 3 -- true
expect_error "bad -S" "is not a sort key" "$LOTRACE" -c -S bogus -- true
# any -s strace takes (up to 2^30) is accepted; more is not a size
expect_error "bad -s" "not a string size" "$LOTRACE" -s 99999999999 -- true
expect_error "-e inject=" "cannot change what a syscall does" "$LOTRACE" -e inject=close:error=EBADF -- true
expect_error "-e fault=" "cannot change what a syscall does" "$LOTRACE" -e fault=close -- true
expect_error "-w without -c" "-w needs -c" "$LOTRACE" -w -- true
expect_error "-b other than execve" "is not execve" "$LOTRACE" -b clone -- true
expect_error "--kill-on-exit with -p" "cannot be combined" "$LOTRACE" --kill-on-exit -p 1
expect_error "bad -e status=" "invalid status" "$LOTRACE" -e status=fine -- true
expect_error "bad -e trace=/regex" "matches no syscall" "$LOTRACE" -e trace=/^nosuchcall -- true
# past what the kernel maps: said at once, not as a failed BPF load and
# then a failed perf ring
expect_error "-m of 2 GiB per CPU" "more than 1 GiB per CPU" \
	"$LOTRACE" -m $(((2 << 30) / $(getconf PAGESIZE))) -- true
expect_error "--buffer-size of 2 GiB per CPU" "more than 1024M per CPU" \
	"$LOTRACE" --buffer-size=2048M -- true
# the BPF ring holds 2 GiB for all possible CPUs: 1024M each is too much on 3 or more
possible=$(awk -F'[-,]' '{ n = 0; for (i = 1; i <= NF; i += 2) n += ($(i + 1) == "" ? $i : $(i + 1)) - $i + 1; print n }' \
	/sys/devices/system/cpu/possible)
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ] && [ "$possible" -gt 2 ]; then
	expect_error "--buffer-size=1024M on $possible CPUs" "at most 2 GiB for all $possible CPUs" \
		"$LOTRACE" --buffer-size=1024M -- true
fi
# strace refuses "trace=," as it refuses "trace=": no syscall named
expect_error "-e trace=," "empty syscall list" "$LOTRACE" -e trace=, -- true
expect_error "-e trace=" "empty syscall list" "$LOTRACE" -e trace= -- true
expect_error "unwritable -o" "cannot open output file" "$LOTRACE" -o /nonexistent/dir/f -- true
expect_error "tracing itself" "cannot trace itself" bash -c 'exec "$0" -p $$' "$LOTRACE"

# a pid that existed a moment ago
sh -c 'exit 0' &
dead=$!
wait $dead
expect_error "dead pid" "process $dead does not exist" "$LOTRACE" -p "$dead"

# no privileges: an unprivileged user is told what is missing and how to
# fix it, as a user would see it (BPF's refusal leads to perf's)
if id nobody >/dev/null 2>&1; then
	mkdir "$WORK/anyone"
	copy=$(lotrace_for_others "$WORK/anyone")
	chmod 755 "$WORK"
	expect_error "unprivileged user" "(root|CAP_PERFMON|perf_event_paranoid)" \
		env -u LOTRACE_BPF_REQUIRED \
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$copy" -- true
else
	fail "no 'nobody' user to test the unprivileged path"
fi
finish
