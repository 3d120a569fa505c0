# A syscall storm into a one-page ring loses events, and lotrace says so:
# per CPU as it happens, in total at the end, in --json and in -c.
. "$(dirname "$0")/lib.sh"
need_root

"$LOTRACE" -m 1 -o /dev/null -- "$PROGS/it-storm" 300000 2>"$WORK/err.txt"
check "exit status 0" [ $? -eq 0 ]
check "per-cpu loss lines" grep -qE '^lotrace: [0-9]+ events lost on cpu [0-9]+$' "$WORK/err.txt"
check "a total line last" bash -c "tail -n1 '$WORK/err.txt' | grep -qE '^lotrace: [0-9]+ events lost in total$'"
sum=$(awk '/lost on cpu/ { s += $2 } END { print s + 0 }' "$WORK/err.txt")
total=$(awk '/lost in total/ { print $2 }' "$WORK/err.txt")
check "the total ($total) is the sum of the parts ($sum)" [ "$sum" = "$total" ]

"$LOTRACE" -m 1 --json -o "$WORK/t.json" -- "$PROGS/it-storm" 300000 2>/dev/null
check "--json carries lost objects" grep -qE '^\{"lost":[0-9]+,"cpu":[0-9]+,"ts":[0-9.]+\}$' "$WORK/t.json"

"$LOTRACE" -m 1 -c -o "$WORK/c.txt" -- "$PROGS/it-storm" 300000 2>/dev/null
check "-c has a lost row" grep -qE '^ +0\.00 +0\.000000 +0 +[0-9]+ +lost$' "$WORK/c.txt"

# with the default buffers, a short storm loses nothing
"$LOTRACE" -o /dev/null -- "$PROGS/it-storm" 20000 2>"$WORK/err2.txt"
check "default buffers: nothing lost at 20k calls" bash -c "! grep -q lost '$WORK/err2.txt'"
finish
