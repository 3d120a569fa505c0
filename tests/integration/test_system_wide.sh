# -a traces every process but lotrace itself.
. "$(dirname "$0")/lib.sh"
need_root

"$LOTRACE" -a -e trace=close,getppid -o "$WORK/a.txt" &
lt=$!
# -a says nothing when it is in place: the calls again, for a start-up
# slowed by a loaded machine
for _ in 1 2 3; do
	sleep 0.7
	"$PROGS/it-seq"
done
sleep 0.5
kill -INT "$lt"
wait "$lt"
check "exit status 130 after SIGINT" [ $? -eq 130 ]
# under load from other processes the call may be split into unfinished/resumed
check "another process's calls" grep -q 'close(-4242' "$WORK/a.txt"
check "never lotrace itself" bash -c "! grep -qE '^\[pid +$lt\]' '$WORK/a.txt'"
finish
