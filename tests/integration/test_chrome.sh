# --export-chrome: Chrome trace-event JSON as Perfetto's UI and
# chrome://tracing read it, beside the text trace or alone, with -f, -p
# and -a; checked by chrome_check.py with python3's json.
. "$(dirname "$0")/lib.sh"
need_root
chk=$(dirname "$0")/chrome_check.py
seq=$PROGS/it-seq
bpf=$([ "${LOTRACE_TRANSPORT:-bpf}" = bpf ] && echo 1)

# alone: no -o, no text trace
"$LOTRACE" --export-chrome="$WORK/alone.json" -- "$seq" 2>"$WORK/alone.err"
check "exit status is the command's" [ $? -eq 3 ]
check "alone: no trace on stderr" bash -c "! grep -q 'close(' '$WORK/alone.err'"
markers=(call:close:fd=-4242,ret=-1,errno='"EBADF"' call:close:fd=-4343
	call:getppid: "call:mkdir:ret=-1,errno=\"ENOENT\""
	"order:close:fd=-4242;close:fd=-4343" thread:it-seq
	"instant:exit:exited;code=3")
check "alone: the viewers' fields, the markers and the exit" \
	python3 "$chk" "$WORK/alone.json" "${markers[@]}"
if [ -n "$bpf" ]; then
	check "the decoded arguments: strings copied at the call" \
		python3 "$chk" "$WORK/alone.json" \
		'call:openat:filename="/etc/hostname",flags="O_RDONLY|O_CLOEXEC"' \
		'call:write:buf="lotrace",count=7,ret=7'
fi

# beside the text trace, with -f: a process per command, named threads
"$LOTRACE" -f -o "$WORK/f.txt" --export-chrome="$WORK/f.json" -- sh -c "'$seq'; '$seq'; true"
check "-f -o: the text trace too" grep -q 'close(-4242)' "$WORK/f.txt"
check "-f: both children and sh" python3 "$chk" "$WORK/f.json" "${markers[@]}" thread:sh
# (perf sampling has no signal records)
[ -n "$bpf" ] && check "-f: sh's SIGCHLD, an instant with its siginfo" \
	python3 "$chk" "$WORK/f.json" "instant:signal:SIGCHLD"
n=$(python3 -c "import json,sys; e=json.load(open(sys.argv[1]))['traceEvents']; \
print(len({x['pid'] for x in e if x['ph']=='X' and x['name']=='close' and x['args'].get('fd')==-4242}))" \
	"$WORK/f.json")
check "-f: the markers of two processes ($n)" [ "$n" = 2 ]

# -p: an attached process's two threads
"$PROGS/it-spin" >"$WORK/spin.out" &
spin=$!
sleep 0.3
timeout -s INT 3 "$LOTRACE" -q -p $spin -e trace=close --export-chrome="$WORK/p.json"
kill $spin
wait $spin 2>/dev/null
check "-p: the attached threads' calls" python3 "$chk" "$WORK/p.json" call:close:fd=-6001 \
	thread:it-spin
threads=$(python3 -c "import json,sys; e=json.load(open(sys.argv[1]))['traceEvents']; \
print(len({x['tid'] for x in e if x['ph']=='X'}))" "$WORK/p.json")
check "-p: a track per thread ($threads)" [ "$threads" -ge 2 ]

# -a: every process
"$LOTRACE" -a -e trace=close,getppid --export-chrome="$WORK/a.json" &
lt=$!
# -a says nothing when it is in place: the markers again, for a start-up
# slowed by a loaded machine
for _ in 1 2 3; do
	sleep 0.7
	"$seq"
done
sleep 0.5
kill -INT $lt
wait $lt
check "-a: another process's markers" python3 "$chk" "$WORK/a.json" call:close:fd=-4242 \
	thread:it-seq

# USDT hits and -k's stacks
"$LOTRACE" -k -u 'lttest:*' -e trace=getppid,close --export-chrome="$WORK/u.json" -- \
	"$PROGS/it-usdt" 1 0 >/dev/null
check "USDT hits as instants with their arguments, -k's stacks" \
	python3 "$chk" "$WORK/u.json" "instant:usdt:usdt:lttest:ints;arg0=0,arg1=-5,arg2=4000000000" \
	stack:close

"$LOTRACE" --export-chrome=/nonexistent/dir/x.json -- true 2>"$WORK/bad"
check "an unwritable file: exit status 1" [ $? -eq 1 ]
check "an unwritable file: one line" grep -qx "lotrace: cannot open the --export-chrome file '/nonexistent/dir/x.json': No such file or directory" "$WORK/bad"
finish
