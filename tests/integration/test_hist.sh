# --hist: a log2 latency histogram per syscall under the -c table, in
# bpftrace's hist() layout, from the kernel's buckets (-c alone with the
# BPF program) or from the calls (-C, --no-bpf); each syscall's buckets
# add up to its calls column.
. "$(dirname "$0")/lib.sh"
need_root

# add_up FILE: every row of the table has a histogram whose counts sum
# to its calls, and every bucket line is bpftrace's
add_up() {
	python3 - "$1" <<'PY'
import re
import sys

lines = open(sys.argv[1]).read().split("\n")
calls, hist, name, rows = {}, {}, None, 0
BUCKET = re.compile(r"^(\[\d+[KMGT]?\]|\[\d+[KMGT]?, \d+[KMGT]?\))\s+(\d+) \|(@*) *\|$")
for line in lines:
    m = re.match(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(\d+\s+)?(\S+)$", line)
    if m and not name and m.group(3) not in ("total", "lost"):
        calls[m.group(3)] = int(m.group(1))
        continue
    if re.match(r"^[a-z0-9_]+:$", line):
        name = line[:-1]
        hist[name] = 0
        continue
    m = BUCKET.match(line)
    if m:
        # bpftrace's: label in 16 columns, count in 8, a 52-column bar
        if not name or len(line) != 79 or line.index("|") != 25:
            sys.exit("not bpftrace's layout: %r" % line)
        hist[name] += int(m.group(2))
    elif name and line:
        sys.exit("a line in no histogram: %r" % line)
if not calls or calls.keys() != hist.keys():
    sys.exit("rows %s, histograms %s" % (sorted(calls), sorted(hist)))
for k, n in calls.items():
    if hist[k] != n:
        sys.exit("%s: %d calls, %d in the histogram" % (k, n, hist[k]))
print("ok: %d syscalls, %d calls" % (len(calls), sum(calls.values())))
PY
}

target=$PROGS/it-stack_target
"$LOTRACE" -c --hist -o "$WORK/c" -- "$target" loop 20000 </dev/null
check "-c --hist: the counts add up to the calls column" add_up "$WORK/c"
n=$(sed -n '/^getppid:$/,/^$/p' "$WORK/c" | grep '^\[' | sed 's/ |.*//' | awk '{ s += $NF } END { print s }')
check "-c --hist: the 20000 getppid calls in getppid's histogram ($n)" [ "$n" = 20000 ]
"$LOTRACE" -C --hist -e trace=getppid,close,openat -o "$WORK/C" -- "$PROGS/it-seq"
check "-C --hist: from the calls, the counts add up" add_up "$WORK/C"
check "-C --hist: the trace above" grep -q '^close(-4242)' "$WORK/C"
"$LOTRACE" -c -S name --hist -o "$WORK/n" -- "$PROGS/it-seq"
check "-S name: histograms by name" \
	bash -c "diff <(grep -E '^[a-z0-9_]+:\$' '$WORK/n') <(grep -E '^[a-z0-9_]+:\$' '$WORK/n' | sort)"

# the layout is bpftrace's: the same values through bpftrace's hist()
# (bpftrace 0.17 puts values of 2^32 and more into [2G, 4G); lotrace
# buckets them on, test_hist's unit test checks where)
vals="0 1 1 2 3 5 7 8 1023 1024 1500 4097 65535 1048576 3000000 4294967295"
prog="BEGIN {"
for v in $vals; do prog="$prog @h = hist($v);"; done
prog="$prog exit(); }"
bpftrace -e "$prog" 2>/dev/null | grep '^\[' >"$WORK/bt"
"$PROGS/it-hist_fmt" $vals >"$WORK/lt"
check "the bucket lines of bpftrace's hist()" diff "$WORK/bt" "$WORK/lt"
check "bpftrace printed a histogram" [ -s "$WORK/bt" ]

"$LOTRACE" --hist -- true 2>"$WORK/err"
check "--hist without -c: exit status 1" [ $? -eq 1 ]
check "--hist without -c: one line" \
	grep -qx 'lotrace: --hist goes with -c or -C: it prints under their table' "$WORK/err"
finish
