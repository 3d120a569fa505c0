# Signals during setup. strace holds one setup step of lotrace for
# seconds (a delay injected into its bpf, perf_event_open or openat
# calls) while lotrace gets SIGINT, SIGTERM or SIGKILL:
# - SIGINT/SIGTERM: lotrace stops at the end of that step and exits with
#   128+signal, the command it started never runs (no execve in the trace,
#   its marker file never written), a -p process runs on with its
#   semaphore back to 0;
# - SIGKILL: the command it started still never runs;
# - and nothing is left behind: no process, BPF program or link, tracefs
#   instance, uprobe or file of that lotrace (leftovers.py).
. "$(dirname "$0")/lib.sh"
need_root
set -m
command -v strace >/dev/null || { echo "FAIL: strace is needed (scripts/setup.sh installs it)"; exit 1; }
# a sanitizer build's lotrace runs under strace here: LeakSanitizer cannot
# work under ptrace and would turn every exit into its own error
export ASAN_OPTIONS=detect_leaks=0

prog=$(readlink -f "$PROGS/it-usdt")
comm=ltint$$
comm=${comm:0:15}
# a copy under a name of its own: its processes, and only they, are ours
cp "$1" "$WORK/$comm"
lt=("$WORK/$comm")
[ "${LOTRACE_TRANSPORT:-bpf}" = perf ] && lt+=(--no-bpf)
ncpus=$(getconf _NPROCESSORS_CONF)
mkdir -m 700 "$WORK/tmp"
# what lotrace might create: files, directories, shared memory
creating=openat,open,creat,mkdir,mkdirat,mknodat,memfd_create

# until FILE has a line matching REGEX, 10 s at most
wait_line() {
	for _ in $(seq 100); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# Files lotrace's calls in strace's log $1 created that still exist, but
# for the trace itself ($2).
created_files() {
	grep -E 'O_CREAT|^(creat|mkdir|mkdirat|mknodat)\(' "$1" | grep -v ' = -1 ' |
		grep -oE '"[^"]*"' | tr -d '"' | while read -r f; do
			[ "$f" != "$2" ] && [ -e "$f" ] && echo "$f"
		done
}

n=0
strace_extra=()
# interrupt WHAT SIG INJECT ARGS...: run lotrace ARGS under strace with
# INJECT (inject=SET:delay_exit=USECS[:when=N]) and strace_extra, signal
# it while the first delayed call is held (strace prints its line as the
# delay begins), check what it did and left
interrupt() {
	local what=$1 sig=$2 inject=$3 set st pid status t0 t1
	shift 3
	n=$((n + 1))
	set=${inject#inject=}
	set=${set%%:*}
	st=$WORK/st$n.txt
	rm -f "$WORK/ran"
	python3 "$(dirname "$0")/leftovers.py" snapshot "$WORK/state$n.json"
	TMPDIR=$WORK/tmp strace -o "$st" "${strace_extra[@]}" -e trace="$set,$creating" -e "$inject" \
		"${lt[@]}" -o "$WORK/t$n.txt" "$@" 2>"$WORK/e$n.txt" &
	st_pid=$!
	pid=
	for _ in $(seq 50); do
		pid=$(pgrep -P "$st_pid" -x "$comm") && break
		sleep 0.1
	done
	if ! wait_line "$st" "^$set\(.*DELAYED"; then
		fail "$what: lotrace never reached $set (it said: $(cat "$WORK/e$n.txt"))"
	fi
	t0=$(date +%s%N)
	kill -"$sig" "$pid"
	wait "$st_pid"
	status=$?
	t1=$(date +%s%N)
	if [ "$sig" = KILL ]; then
		# strace dies of the signal too
		sleep 1
		check "$what, SIGKILL: the held command did not run" [ ! -e "$WORK/ran" ]
	else
		want=$((128 + $(kill -l "$sig")))
		check "$what, SIG$sig: exit $want (got $status)" [ "$status" -eq "$want" ]
		check "$what, SIG$sig: within 5 s ($(((t1 - t0) / 1000000)) ms)" \
			[ $((t1 - t0)) -lt 5000000000 ]
		check "$what, SIG$sig: no error line ($(cat "$WORK/e$n.txt"))" [ ! -s "$WORK/e$n.txt" ]
		check "$what, SIG$sig: the command never ran" \
			bash -c "[ ! -e '$WORK/ran' ] && ! grep -qs execve '$WORK/t$n.txt'"
	fi
	check "$what, SIG$sig: nothing left behind" \
		python3 "$(dirname "$0")/leftovers.py" check "$WORK/state$n.json" "$comm" "$WORK/tmp"
	left=$(created_files "$st" "$WORK/t$n.txt")
	check "$what, SIG$sig: no file it created is left ($left)" [ -z "$left" ]
}

cmd=(sh -c "echo ran >'$WORK/ran'")
if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
	# 3 events per CPU: the task records and the two raw_syscalls tracepoints
	interrupt "opening the events" INT inject=perf_event_open:delay_exit=300000 -f -- "${cmd[@]}"
	interrupt "opening the events" TERM inject=perf_event_open:delay_exit=300000 -- "${cmd[@]}"
	interrupt "putting on the uprobes" INT \
		inject=perf_event_open:delay_exit=300000:when=$((3 * ncpus + 1))+ \
		-u "$prog:lttest:*" -- "${cmd[@]}"
	interrupt "opening the events" KILL inject=perf_event_open:delay_exit=300000 -- "${cmd[@]}"
else
	interrupt "loading the BPF program" INT inject=bpf:delay_exit=10000 -f -- "${cmd[@]}"
	interrupt "loading the BPF program" TERM inject=bpf:delay_exit=10000 -y -- "${cmd[@]}"
	interrupt "putting on the uprobes" INT inject=perf_event_open:delay_exit=300000 \
		-u "$prog:lttest:*" -- "${cmd[@]}"
	interrupt "loading the BPF program" KILL inject=bpf:delay_exit=10000 -- "${cmd[@]}"
	# after the fork: the command is held, waiting to be released
	interrupt "putting on the uprobes" KILL inject=perf_event_open:delay_exit=300000 \
		-u "$prog:lttest:*" -- "${cmd[@]}"
fi
# the probes' object, opened while probes are resolved
strace_extra=(-P "$prog")
interrupt "resolving the probes" TERM inject=openat:delay_exit=2000000 \
	-u "$prog:lttest:*" -- "${cmd[@]}"
strace_extra=()

# -o onto a FIFO nobody reads: lotrace waits in open(2), and a signal
# still ends it (the output is opened before lotrace blocks signals)
mkfifo "$WORK/fifo"
rm -f "$WORK/ran"
"${lt[@]}" -o "$WORK/fifo" -- "${cmd[@]}" 2>/dev/null &
pid=$!
sleep 0.5
kill -TERM "$pid"
for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
	fail "-o FIFO without a reader: SIGTERM did not end lotrace"
	kill -9 "$pid"
fi
wait "$pid"
status=$?
check "-o FIFO without a reader, SIGTERM: exit 143 (got $status)" [ "$status" -eq 143 ]
check "-o FIFO without a reader: the command never ran" [ ! -e "$WORK/ran" ]

# the same for --export-chrome's file
mkfifo "$WORK/chrome-fifo"
rm -f "$WORK/ran"
"${lt[@]}" --export-chrome="$WORK/chrome-fifo" -o /dev/null -- "${cmd[@]}" 2>/dev/null &
pid=$!
sleep 0.5
kill -TERM "$pid"
for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
	fail "--export-chrome FIFO without a reader: SIGTERM did not end lotrace"
	kill -9 "$pid"
fi
wait "$pid"
status=$?
check "--export-chrome FIFO without a reader, SIGTERM: exit 143 (got $status)" [ "$status" -eq 143 ]
check "--export-chrome FIFO without a reader: the command never ran" [ ! -e "$WORK/ran" ]

# -u without a PATH asks the command's loader which libraries it will map
# (ld.so --list); one of them a FIFO, the loader waits in open(2), and a
# signal still ends lotrace, and the loader with it
mkdir "$WORK/fifolib"
mkfifo "$WORK/fifolib/libit-usdtlib.so"
LD_LIBRARY_PATH=$WORK/fifolib "${lt[@]}" -u 'lttest:*' -o "$WORK/ld.txt" -- "$prog" 3 1 \
	>/dev/null 2>"$WORK/ld.err" &
pid=$!
for _ in $(seq 50); do pgrep -P "$pid" -f -- '--list' >/dev/null && break; sleep 0.1; done
loader=$(pgrep -P "$pid" -f -- '--list')
sleep 0.3
kill -TERM "$pid"
for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
	fail "a library that is a FIFO: SIGTERM did not end lotrace while its loader lists"
	kill -9 "$pid" "$loader"
fi
wait "$pid"
status=$?
check "a library that is a FIFO, SIGTERM while resolving probes: exit 143 (got $status)" \
	[ "$status" -eq 143 ]
check "a library that is a FIFO: no error line ($(cat "$WORK/ld.err"))" [ ! -s "$WORK/ld.err" ]
check "a library that is a FIFO: the loader listing it ($loader) is gone" \
	bash -c "[ -n '$loader' ] && ! kill -0 $loader 2>/dev/null"
check "a library that is a FIFO: the command never ran" bash -c "! grep -qs execve '$WORK/ld.txt'"

# -p: the process runs on, its semaphore back to 0
"$prog" 100000 20 >"$WORK/run.txt" &
target=$!
trap 'kill -9 $target 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 0.3
if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
	inject=inject=perf_event_open:delay_exit=300000:when=$((3 * ncpus + 1))+
else
	inject=inject=perf_event_open:delay_exit=300000
fi
interrupt "-p: putting on the uprobes" INT "$inject" -p "$target" -u 'lttest:*'
sleep 0.3
check "-p: the process still runs" kill -0 "$target"
check "-p: its semaphore is back to 0" bash -c "tail -n1 '$WORK/run.txt' | grep -q 'active 0$'"
kill "$target"
finish
