# USDT probes through uprobes: lotrace lists them as readelf does, reads
# every argument form at the probe (registers, constants, stack and
# rip-relative memory, sizes and signs), in executables, shared libraries
# and sys/sdt.h programs, and a semaphore is 1 exactly while traced.
. "$(dirname "$0")/lib.sh"
need_root
prog=$PROGS/it-usdt
lib=$PROGS/libit-usdtlib.so

# -f: a uprobe event cannot be inherited (the kernel would read its path in
# the forking task and fork fails with EFAULT), so the probes go on every
# task and only the traced ones' hits count: the command forks fine and
# its child's hits are all there, once each
"$LOTRACE" -f -u "$prog:lttest:zero" -e trace=none -o "$WORK/f.txt" -- sh -c "'$prog' 4" >"$WORK/f.out"
check "-f -u: the command and its fork run (exit 0)" [ $? -eq 0 ]
check "-f -u: the child's 4 hits, once each" [ "$(grep -c 'usdt:lttest:zero()$' "$WORK/f.txt")" -eq 4 ]
"$LOTRACE" -f -u "$prog:lttest:zero" -e trace=none -o "$WORK/f2.txt" -- sh -c "'$prog' 1; '$prog' 1" >/dev/null
check "-f -u: two children, one hit each" [ "$(grep -c 'usdt:lttest:zero()$' "$WORK/f2.txt")" -eq 2 ]

# -f: a probe with a semaphore goes on the traced processes only. An
# untraced run of the same program keeps its semaphore at 0; the traced
# child (a fork of sh) has it 1 from when lotrace has read the fork and
# the kernel has put the uprobe in (some 50-150 ms here) to its end.
"$prog" 300 20 >"$WORK/untraced.txt" &
other=$!
sleep 0.2
"$LOTRACE" -f -u "$prog:lttest:guarded" -e trace=none -o "$WORK/fs.txt" -- \
	sh -c "'$prog' 30 20; true" >"$WORK/fchild.txt"
check "-f -u semaphore: exit 0" [ $? -eq 0 ]
sleep 0.1
kill "$other"
wait "$other" 2>/dev/null
check "-f -u: an untraced process's semaphore stays 0" \
	bash -c "! grep -q 'active 1' '$WORK/untraced.txt' && grep -q 'active 0' '$WORK/untraced.txt'"
on=$(grep -c 'active 1' "$WORK/fchild.txt")
hits=$(grep -cE '^([0-9]+ +)?usdt:lttest:guarded\(' "$WORK/fs.txt")
check "-f -u: the traced child's semaphore 1 to its end ($on of 30 rounds)" \
	bash -c "[ $on -ge 15 ] && tail -n1 '$WORK/fchild.txt' | grep -q 'active 1' &&
		 [ \$(awk '/^round/ { print \$4 }' '$WORK/fchild.txt' | uniq | wc -l) -le 2 ]"
check "-f -u: a hit for each round the semaphore was on ($hits, $on)" \
	bash -c "[ $hits -ge $((on - 1)) ] && [ $hits -le $((on + 1)) ]"
# the last hit too, when the child ended on another CPU and its end was read first
check "-f -u: the child's last hit" grep -qE 'usdt:lttest:guarded\(129\)$' "$WORK/fs.txt"

# -p on a process with two threads: each hit once, not once per thread
"$prog" 60 50 thread >/dev/null &
two=$!
"$LOTRACE" -p "$two" -u "$prog:lttest:zero" -e trace=close -o "$WORK/p2.txt" 2>"$WORK/p2.err" &
lt=$!
wait_attached "$WORK/p2.err"
sleep 1
kill -INT "$lt"
wait "$lt"
kill "$two" 2>/dev/null
wait "$two" 2>/dev/null
hits=$(grep -c 'usdt:lttest:zero()$' "$WORK/p2.txt")
rounds=$(grep -c 'close(-8[0-9]*) ' "$WORK/p2.txt")
check "-p, two threads: one hit per round ($hits hits, $rounds rounds)" \
	[ "$rounds" -ge 5 ] && [ "$hits" -le $((rounds + 1)) ] && [ "$hits" -ge $((rounds - 1)) ]

# --no-bpf: arguments come from the registers and stack the kernel copies
# into the uprobe's sample; the same values as the BPF program reads, but
# for globals (sym(%rip)), which print as ?, never as a guess
if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
	bpf_lotrace=$1
	"$LOTRACE" -u 'lttest:*' -u "$lib:lttestlib:*" -e trace=close -o "$WORK/p.txt" -- "$prog" 2 >/dev/null
	check "--no-bpf -u: exit status 0" [ $? -eq 0 ]
	"$bpf_lotrace" -u 'lttest:*' -u "$lib:lttestlib:*" -e trace=close -o "$WORK/b.txt" -- "$prog" 2 >/dev/null
	{ "$bpf_lotrace" --list-usdt "$prog"; "$bpf_lotrace" --list-usdt "$lib"; } >"$WORK/list.txt"
	python3 - "$WORK/b.txt" "$WORK/p.txt" "$WORK/list.txt" <<'PY'
import re, sys
def hits(path):
    return [re.match(r"^usdt:([^(]+)\((.*)\)$", l.strip()).groups()
            for l in open(path) if l.startswith("usdt:")]
specs = {}
for l in open(sys.argv[3]):
    f = l.split()
    specs[f[0].split("(")[0]] = f[3:-1]
b, p = hits(sys.argv[1]), hits(sys.argv[2])
assert [h[0] for h in b] == [h[0] for h in p] and b, (b, p)
marked = 0
for (name, bargs), (_, pargs) in zip(b, p):
    bargs, pargs = bargs.split(", "), pargs.split(", ")
    for i, (x, y) in enumerate(zip(bargs, pargs)):
        if y == "?":
            assert "(%rip)" in specs[name.split("(")[0]][i], (name, i)
            marked += 1
        elif x.startswith('"'):
            # a char * copied at the hit with BPF; its address without
            assert y.startswith("0x"), (name, i, x, y)
        elif x.startswith("0x"):
            # pointers differ from run to run
            assert y.startswith("0x"), (name, i, x, y)
        else:
            assert x == y, (name, i, x, y)
print("%d hits compared, %d globals marked ?" % (len(b), marked))
PY
	check "--no-bpf -u: the values the BPF program reads, globals marked" [ $? -eq 0 ]
	check "--no-bpf -u: a stack operand read from the sampled stack" \
		grep -qxF 'usdt:lttest:ints(1, -5, 4000000000, 1099511627776, -3, 250)' "$WORK/p.txt"
	check "--no-bpf -u: the semaphore counted" grep -qxF 'usdt:lttest:guarded(101)' "$WORK/p.txt"
	"$LOTRACE" -u 'lttest:str/s1' -e trace=none -o "$WORK/s.txt" -- "$prog" 2 >/dev/null
	check "--no-bpf -u NAME/s1: the address, no string read later" \
		grep -qE '^usdt:lttest:str\(1, 0x[0-9a-f]+\)$' "$WORK/s.txt"
	"$LOTRACE" -u 'lttestlib:got' -e trace=none -o "$WORK/got.txt" -- "$prog" 1 >"$WORK/got.out"
	relaxed=$(awk '/^lib addresses/ { print $4 }' "$WORK/got.out")
	check "--no-bpf: sym@GOTPCREL(%rip) without a slot, from the sampled ip; the slot ?" \
		grep -qxF "usdt:lttestlib:got(?, $relaxed)" "$WORK/got.txt"
	finish
fi

# --list-usdt agrees with readelf -n, note for note (the types the SDK
# recorded follow the name)
"$LOTRACE" --list-usdt "$prog" >"$WORK/list-typed.txt"
sed -E 's/^([^ (]*)\([^ ]*\) /\1 /' "$WORK/list-typed.txt" >"$WORK/list.txt"
check "--list-usdt: exit status 0" [ $? -eq 0 ]
# readelf -n's fields, as one line a note (it prints Arguments: even empty)
readelf -n "$prog" | awk -v path="$prog" '
	/Provider:/ { prov = $2 }
	/Name:/ { name = $2 }
	/Location:/ { loc = $2; sub(",", "", loc); sema = $6 }
	/Arguments:/ {
		sub(/^ *Arguments: */, "")
		printf "%s:%s %s %s%s %s\n", prov, name, loc, sema, $0 == "" ? "" : " " $0, path
	}' >"$WORK/readelf.txt"
if diff -u "$WORK/readelf.txt" "$WORK/list.txt"; then
	pass "--list-usdt equals readelf -n"
else
	fail "--list-usdt differs from readelf -n"
fi
check "--list-usdt sees 6 probes" [ "$(wc -l <"$WORK/list.txt")" -eq 6 ]
check "--list-usdt: the SDK's types after the name" \
	grep -q '^lttest:str(int32_t,char\*) 0x' "$WORK/list-typed.txt"

# every argument form, values known from the program
"$LOTRACE" -u 'lttest:*' -u "$lib:lttestlib:*" -e trace=close -o "$WORK/t.txt" -- "$prog" 2 >"$WORK/out.txt"
check "exit status 0" [ $? -eq 0 ]
for line in 'usdt:lttest:zero()' \
	'usdt:lttest:ints(1, -5, 4000000000, 1099511627776, -3, 250)' \
	'usdt:lttest:mem(-1234567890123, -7, 42)' \
	'usdt:lttest:request__start(10, 1)' \
	'usdt:lttest:guarded(101)' \
	'usdt:lttestlib:hit(1, 2)'; do
	check "$line" grep -qxF "$line" "$WORK/t.txt"
done
# without PATH: the binary and the libraries its loader will map
"$LOTRACE" -u 'lttestlib:hit' -e trace=none -o "$WORK/nolib.txt" -- "$prog" 2 >/dev/null
check "a started command's library probe without PATH" grep -qxF 'usdt:lttestlib:hit(1, 2)' "$WORK/nolib.txt"
check "probes and syscalls in one stream, in order" \
	bash -c "grep -A3 -F 'usdt:lttestlib:hit(0, 0)' '$WORK/t.txt' | grep -v '^usdt:' | head -n1 | grep -q '^close(-8000)'"
check "the semaphore is 1 while traced" grep -qx 'round 0 active 1' "$WORK/out.txt"

# A char * prints as a string (the SDK recorded its type), copied at the
# hit by a sleepable program, so a string on a page the process has not
# touched yet ("GET", in .rodata, printed by nothing) is read too
"$LOTRACE" -u 'lttest:str' -e trace=none -o "$WORK/s.txt" -- "$prog" 2 >/dev/null
check "a char * argument as a string" grep -qxF 'usdt:lttest:str(1, "a \"quoted\" key\n")' "$WORK/s.txt"
check "one on a page not touched yet" grep -qxF 'usdt:lttest:str(0, "GET")' "$WORK/s.txt"
# NAME/sN says it for a probe without types (sys/sdt.h's, usdt.h 0.1's)
"$LOTRACE" -u 'lttest:str/s1' -e trace=none -o "$WORK/s.txt" -- "$prog" 2 >/dev/null
check "/s1 as well" grep -qxF 'usdt:lttest:str(1, "a \"quoted\" key\n")' "$WORK/s.txt"
"$LOTRACE" --json -u 'lttest:str/s1' -e trace=none -o "$WORK/s.json" -- "$prog" 2 >/dev/null
check "--json: the string" grep -qF '"usdt":"lttest:str","args":[1,"a \"quoted\" key\u000a"]' "$WORK/s.json"
"$LOTRACE" -u 'lttest:str/x1' -- "$prog" 1 >/dev/null 2>"$WORK/err.txt"
check "a bad /s suffix: exit 1" [ $? -eq 1 ]

# sym@GOTPCREL(%rip) (gcc's operand for a global's address in -fPIC code):
# the GOT slot read at the hit, or the address when no slot was linked
"$LOTRACE" -u 'lttestlib:got' -e trace=none -o "$WORK/got.txt" -- "$prog" 1 >"$WORK/got.out"
check "sym@GOTPCREL(%rip): the addresses the program sees" \
	grep -qxF "usdt:lttestlib:got($(awk '/^lib addresses/ { print $3 ", " $4 }' "$WORK/got.out"))" "$WORK/got.txt"

# -u without PATH finds a library named by a relative DT_NEEDED
# (cc main.c ./libfoo.so), as the loader does, from the working directory
inc=$(cd "$(dirname "$0")/../../include" && pwd)
mkdir "$WORK/rel"
printf '#include <lotrace/usdt.h>\nvoid rel(int n) { USDT(reldep, hit, n); }\n' >"$WORK/rel/lib.c"
printf 'void rel(int n);\nint main(void) { rel(7); return 0; }\n' >"$WORK/rel/main.c"
(cd "$WORK/rel" && cc -shared -fPIC -I"$inc" lib.c -o libreldep.so && cc main.c ./libreldep.so -o main)
check "the program names ./libreldep.so" bash -c "readelf -d '$WORK/rel/main' | grep -qF '[./libreldep.so]'"
(cd "$WORK/rel" && "$LOTRACE" -u 'reldep:hit' -e trace=none -o "$WORK/rel.txt" -- ./main)
check "a relative DT_NEEDED library's probe" grep -qxF 'usdt:reldep:hit(7)' "$WORK/rel.txt"

# '-' in a name matches the note's '__', as DTrace users write it
"$LOTRACE" -u 'lttest:request-start' -e trace=none -o "$WORK/dash.txt" -- "$prog" 2 >/dev/null
check "request-start selects request__start" [ "$(grep -c '^usdt:lttest:request__start(' "$WORK/dash.txt")" -eq 2 ]

# systemtap's sys/sdt.h
"$LOTRACE" -u 'stap:tick' -e trace=none -o "$WORK/sdt.txt" -- "$PROGS/it-sdt"
check "sys/sdt.h probe values" grep -qx 'usdt:stap:tick(2, 41)' "$WORK/sdt.txt"

# -c counts hits; --json has usdt objects
"$LOTRACE" -c -u 'lttest:ints' -o "$WORK/c.txt" -- "$prog" 3 >/dev/null
check "-c row usdt:lttest:ints with 3 hits" grep -qE '^ +[0-9.]+ +[0-9.]+ +[0-9]+ +3 +usdt:lttest:ints$' "$WORK/c.txt"
"$LOTRACE" --json -u 'lttest:ints' -e trace=none -o "$WORK/u.json" -- "$prog" 1 >/dev/null
check "--json usdt object" grep -qE '^\{"ts":[0-9.]+,"pid":[0-9]+,"tid":[0-9]+,"comm":"it-usdt","usdt":"lttest:ints","args":\[0,-5,4000000000,1099511627776,-3,250\]\}$' "$WORK/u.json"

# attach to a running process: the semaphore goes 1 while traced, then 0
"$prog" 100000 20 >"$WORK/run.txt" &
pid=$!
trap 'kill -9 $pid 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 0.5
"$LOTRACE" --list-usdt -p "$pid" >"$WORK/plist.txt"
check "--list-usdt -p lists the library's probe too" grep -q "^lttestlib:hit(int32_t,int32_t) .*libit-usdtlib.so$" "$WORK/plist.txt"
"$LOTRACE" -p "$pid" -u 'lttest:guarded' -e trace=none -o "$WORK/p.txt" 2>"$WORK/p.err" &
lt=$!
check "-p -u: attached" wait_attached "$WORK/p.err"
sleep 0.5
kill -INT "$lt"
wait "$lt"
check "-p -u stopped by SIGINT: 130" [ $? -eq 130 ]
check "-p -u: says it detached" grep -qx "lotrace: Process $pid detached" "$WORK/p.err"
sleep 0.3
check "-p: guarded probe seen" grep -q '^usdt:lttest:guarded(' "$WORK/p.txt"
"$LOTRACE" -p "$pid" -u 'lttestlib:hit' -e trace=none -o "$WORK/pl.txt" 2>"$WORK/pl.err" &
lt=$!
wait_attached "$WORK/pl.err"
sleep 0.5
kill -INT "$lt"
wait "$lt"
check "-p: library objects found from the maps" grep -q '^usdt:lttestlib:hit(' "$WORK/pl.txt"
sleep 0.3
active=$(awk '/^round/ { print $4 }' "$WORK/run.txt" | uniq | tr '\n' ' ')
check "semaphore 0, then 1 while traced, then 0 again ($active)" bash -c "echo '$active' | grep -q '^0 1 0'"
tail -n1 "$WORK/run.txt" | grep -q 'active 0'
check "after lotrace: the semaphore is back to 0" [ $? -eq 0 ]
check "the process still runs" kill -0 "$pid"
# (tests run two at a time: another tool's uprobe, perf probe's or BCC's,
# may be in the list meanwhile; none of this test's objects may)
check "no uprobe left in tracefs" \
	bash -c "! grep -qF -e '$prog' -e '$lib' /sys/kernel/tracing/uprobe_events"
kill "$pid"

# bad probe names: one line, exit 1, the nearest probe named
"$LOTRACE" -u 'lttest:reqest__start' -- "$prog" 1 >/dev/null 2>"$WORK/err.txt"
check "unknown probe: exit status 1" [ $? -eq 1 ]
check "unknown probe: one line" [ "$(wc -l <"$WORK/err.txt")" -eq 1 ]
check "unknown probe: did you mean" grep -q "did you mean 'lttest:request__start'" "$WORK/err.txt"
"$LOTRACE" --list-usdt /nonexistent/bin 2>"$WORK/err2.txt"
check "--list-usdt of a missing file: exit 1, one line" [ $? -eq 1 ] && [ "$(wc -l <"$WORK/err2.txt")" -eq 1 ]
finish
