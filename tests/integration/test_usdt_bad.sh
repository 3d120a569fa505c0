# USDT input lotrace does not control: objects that are FIFOs or truncated,
# notes with specs that are no SIZE@OPERAND, names with terminal escapes,
# and another user's process. Each gets one clear line (exit 1), or the
# bad probe alone is left out; nothing hangs.
. "$(dirname "$0")/lib.sh"
need_root
real_lotrace=$1
prog=$PROGS/it-usdt
bad=$PROGS/it-usdtbad

# one_line FILE: exactly one line, starting with "lotrace: ", but for the
# line --no-bpf adds
one_line() {
	[ "$(grep -vc -- '--no-bpf' "$1")" -eq 1 ] && grep -q '^lotrace: ' "$1"
}

# a FIFO is no object: refused at once, not opened for reading (which
# blocks until a writer comes)
mkfifo "$WORK/fifo"
timeout -s KILL 10 "$LOTRACE" -u "$WORK/fifo:p:a" -- true 2>"$WORK/e1"
check "-u FIFO:p:a: exit 1, no hang" [ $? -eq 1 ]
check "-u FIFO: one line" one_line "$WORK/e1"
check "-u FIFO: not a regular file" grep -q 'is not a regular file' "$WORK/e1"
timeout -s KILL 10 "$LOTRACE" --list-usdt "$WORK/fifo" >/dev/null 2>"$WORK/e2"
check "--list-usdt FIFO: exit 1, no hang" [ $? -eq 1 ]
check "--list-usdt FIFO: one line" one_line "$WORK/e2"
check "--list-usdt FIFO: not a regular file" grep -q 'is not a regular file' "$WORK/e2"
# nor opened at all: open(2) of a device can act (a watchdog starts
# counting), and of a FIFO it releases a writer that waits for a reader
mkfifo "$WORK/fifo-w"
( exec 3>"$WORK/fifo-w"; echo released >"$WORK/released" ) &
writer=$!
sleep 0.2
timeout -s KILL 10 "$LOTRACE" --list-usdt "$WORK/fifo-w" >/dev/null 2>&1
timeout -s KILL 10 "$LOTRACE" -u "$WORK/fifo-w:p:a" -- true >/dev/null 2>&1
sleep 0.2
check "--list-usdt, -u FIFO: never opened (a writer still waits for a reader)" \
	[ ! -e "$WORK/released" ]
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
# a started command that is a FIFO is not opened for its libraries either
timeout -s KILL 10 "$LOTRACE" -u 'p:a' -- "$WORK/fifo" >/dev/null 2>&1
check "-u with a FIFO as the command: no hang" [ $? -ne 137 ]

# -p: a mapped file replaced by a FIFO of the name /proc/PID/maps shows
cp "$prog" "$WORK/copy"
"$WORK/copy" 100000 20 >/dev/null &
pid=$!
sleep 0.3
rm "$WORK/copy"
mkfifo "$WORK/copy (deleted)"
timeout -s KILL 10 "$LOTRACE" --list-usdt -p "$pid" >"$WORK/plist" 2>"$WORK/e3"
check "--list-usdt -p with a FIFO in the maps: no hang, exit 0" [ $? -eq 0 ]
check "--list-usdt -p: the library still listed" grep -q '^lttestlib:hit' "$WORK/plist"
timeout -s KILL 10 "$LOTRACE" -p "$pid" -u 'lttestlib:hit' -e trace=none -o "$WORK/pl.txt" 2>"$WORK/pl.err" &
lt=$!
wait_attached "$WORK/pl.err"
sleep 0.3
kill -INT "$lt"
wait "$lt"
check "-p -u with a FIFO in the maps: attached, stopped by SIGINT (130)" [ $? -eq 130 ]
check "-p -u: the library's hits" grep -q '^usdt:lttestlib:hit(' "$WORK/pl.txt"
# a /proc/PID/map_files path is the mapped file itself
mf=$(ls /proc/$pid/map_files/ | head -n1)
timeout -s KILL 10 "$LOTRACE" --list-usdt "/proc/$pid/map_files/$mf" >"$WORK/mf.txt" 2>&1
check "--list-usdt /proc/PID/map_files/...: no hang, exit 0" [ $? -eq 0 ]
check "--list-usdt map_files: the program's probes" grep -q '^lttest:zero ' "$WORK/mf.txt"
kill "$pid"
wait "$pid" 2>/dev/null

# truncated ELF files, section headers past the end: said as readelf does
head -c 4000 "$prog" >"$WORK/trunc"
"$LOTRACE" --list-usdt "$WORK/trunc" >"$WORK/o4" 2>"$WORK/e4"
check "truncated ELF: exit 1" [ $? -eq 1 ]
check "truncated ELF: nothing listed" [ ! -s "$WORK/o4" ]
check "truncated ELF: one line" one_line "$WORK/e4"
check "truncated ELF: says so" grep -q 'past the end of the file' "$WORK/e4"
cp "$prog" "$WORK/shoff"
# e_shoff (offset 0x28 of an ELF64 header) far beyond the file
printf '\x00\x00\x00\x10\x00\x00\x00\x00' | dd of="$WORK/shoff" bs=1 seek=40 conv=notrunc status=none
"$LOTRACE" --list-usdt "$WORK/shoff" >/dev/null 2>"$WORK/e5"
check "section headers past the end: exit 1" [ $? -eq 1 ]
check "section headers past the end: one line" one_line "$WORK/e5"
check "section headers past the end: says so" grep -q 'section headers lie past the end' "$WORK/e5"
"$LOTRACE" -u "$WORK/trunc:lttest:zero" -- true 2>"$WORK/e6"
check "-u on a truncated file: exit 1" [ $? -eq 1 ]
check "-u on a truncated file: one line" one_line "$WORK/e6"

# specs that are no SIZE@OPERAND: each such probe is named and left out,
# the good one is traced
"$LOTRACE" -u 'bad:*' -e trace=none -o "$WORK/b.txt" -- "$bad" 2>"$WORK/b.err"
check "bad specs: the run goes on (exit 0)" [ $? -eq 0 ]
check "bad specs: the sound probe is traced" grep -qxF 'usdt:bad:good(42)' "$WORK/b.txt"
for spec in '-9223372036854775808@%rax' '0@%rax' '16@%rax' '8@$'; do
	check "bad spec $spec: named" grep -qF "invalid argument spec '$spec'; not traced" "$WORK/b.err"
done
check "bad specs: one line each, nothing else" [ "$(grep -vc -- '--no-bpf' "$WORK/b.err")" -eq 4 ]
check "bad specs: no hit of a bad probe" bash -c "! grep -qE 'bad:(neg|zero|huge|dollar)' '$WORK/b.txt'"
"$LOTRACE" -u 'bad:neg' -e trace=none -- "$bad" 2>"$WORK/b2.err"
check "-u of a bad probe alone: exit 1" [ $? -eq 1 ]
check "-u of a bad probe alone: one line" one_line "$WORK/b2.err"
check "-u of a bad probe alone: the probe named" \
	grep -q 'USDT probe bad:neg in .*: invalid argument spec' "$WORK/b2.err"

# names with control characters are escaped before they reach a terminal
"$LOTRACE" --list-usdt "$bad" >"$WORK/l.txt"
check "--list-usdt: no raw escape character" bash -c "! grep -q \$'\\033' '$WORK/l.txt'"
check "--list-usdt: the name escaped as strace escapes" grep -qF 'bad:\33[2Jclear ' "$WORK/l.txt"
check "the hit: no raw escape character" bash -c "! grep -q \$'\\033' '$WORK/b.txt'"
check "the hit: the name escaped" grep -qxF 'usdt:bad:\33[2Jclear(42)' "$WORK/b.txt"
"$LOTRACE" -c -u 'bad:*' -o "$WORK/b.c" -- "$bad" 2>/dev/null
check "-c: the row's name escaped" grep -qE ' usdt:bad:\\33\[2Jclear$' "$WORK/b.c"
"$LOTRACE" --json -u 'bad:*' -e trace=none -o "$WORK/b.json" -- "$bad" 2>/dev/null
check "--json: the name escaped" grep -qF '"usdt":"bad:\u001b[2Jclear"' "$WORK/b.json"
# and the objects' paths, which another user's process chooses (-p)
esc=$WORK/$'d\033[2J'
mkdir "$esc"
cp "$prog" "$PROGS/libit-usdtlib.so" "$bad" "$esc/"
LD_LIBRARY_PATH=$esc "$esc/it-usdt" 100000 20 >/dev/null &
pid=$!
sleep 0.3
"$LOTRACE" --list-usdt -p "$pid" >"$WORK/esc.txt" 2>&1
kill "$pid"
wait "$pid" 2>/dev/null
check "--list-usdt -p: no raw escape in the objects' paths" bash -c "! grep -q \$'\\033' '$WORK/esc.txt'"
check "--list-usdt -p: the program's path escaped" grep -qF "/d\\33[2J/it-usdt" "$WORK/esc.txt"
check "--list-usdt -p: the library's path escaped" grep -qF "/d\\33[2J/libit-usdtlib.so" "$WORK/esc.txt"
"$LOTRACE" -u 'bad:*' -e trace=none -o /dev/null -- "$esc/it-usdtbad" 2>"$WORK/esc.err"
check "a bad probe's object path: no raw escape" bash -c "! grep -q \$'\\033' '$WORK/esc.err'"
check "a bad probe's object path: escaped" grep -qF "bad:neg in $WORK/d\\33[2J/it-usdtbad:" "$WORK/esc.err"

# another user's process: permission denied, not "does not exist". The
# binary runs as nobody from a scratch directory anyone may enter.
scratch=$(mktemp -d /tmp/lotrace-perm.XXXXXX)
chmod 755 "$scratch"
cp "$real_lotrace" "$scratch/lotrace"
chmod 755 "$scratch/lotrace"
"$prog" 100000 20 >/dev/null &
rootpid=$!
sleep 0.2
setpriv --reuid=nobody --regid=nogroup --clear-groups "$scratch/lotrace" --list-usdt -p "$rootpid" \
	>/dev/null 2>"$WORK/e7"
rc=$?
kill "$rootpid"
wait "$rootpid" 2>/dev/null
setpriv --reuid=nobody --regid=nogroup --clear-groups "$scratch/lotrace" --list-usdt -p 2147483600 \
	>/dev/null 2>"$WORK/e8"
rm -rf "$scratch"
check "--list-usdt -p of root's process as nobody: exit 1" [ "$rc" -eq 1 ]
check "--list-usdt -p: one line" one_line "$WORK/e7"
check "--list-usdt -p: permission denied" grep -q 'permission denied' "$WORK/e7"
check "--list-usdt -p of no process: does not exist" grep -q 'does not exist' "$WORK/e8"
finish
