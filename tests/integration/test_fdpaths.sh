# -y: the path behind every descriptor, as strace -y prints it, line for
# line per process: files by absolute and relative path and through
# directory fds, symlinks resolved, dup/dup2/dup3/F_DUPFD, pipes and sockets
# by inode, anonymous inodes, memfd, unlinked and renamed files, a forked
# child, close_range, close-on-exec across execve; with -e trace= showing
# only some calls, and for a process attached with -p.
. "$(dirname "$0")/lib.sh"
need_root
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/setup.sh installs it)"; exit 1; }

# same_lines STRACE LOTRACE BEGIN END: complete call lines between the
# markers, per process, with inode numbers, addresses and child pids
# (which differ from run to run) made equal
same_lines() {
	python3 - "$@" <<'PY'
import re, sys
def calls(path, begin, end):
    on, out, names, held = False, {}, {}, {}
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = re.match(r"^(\d+) +(.*)$", line)
        pid, body = (m.group(1), m.group(2)) if m else ("0", line)
        if begin in body:
            on = True
        if not on:
            continue
        # a call split by another process's: joined again, as either
        # tracer may or may not split it
        if body.endswith(" <unfinished ...>"):
            held[pid] = body[:-len(" <unfinished ...>")]
            continue
        m = re.match(r"^<\.\.\. [a-z0-9_]+ resumed>(.*)$", body)
        if m:
            if pid not in held:
                continue
            body = held.pop(pid) + m.group(1)
        if re.match(r"^[a-z0-9_]+\(.*\) += ", body):
            body = re.sub(r":\[\d+\]", ":[INODE]", body)
            body = re.sub(r"0x[0-9a-f]+", "ADDR", body)
            body = re.sub(r"^((clone|clone3|fork|vfork|wait4|waitid)\(.*= )\d+$", r"\1PID", body)
            body = re.sub(r"\b(wait4|waitid)\(\d+", r"\1(PID", body)
            body = re.sub(r" +=", " =", body)
            out.setdefault(names.setdefault(pid, len(names)), []).append(body)
        if end in body:
            break
    return out
s, l = calls(sys.argv[1], sys.argv[3], sys.argv[4]), calls(sys.argv[2], sys.argv[3], sys.argv[4])
bad = 0
for proc in sorted(set(s) | set(l)):
    a, b = s.get(proc, []), l.get(proc, [])
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "(none)"
        y = b[i] if i < len(b) else "(none)"
        if x != y:
            bad += 1
            print("process %d line %d:\n strace:  %s\n lotrace: %s" % (proc, i, x, y))
n = sum(len(v) for v in s.values())
print("%d lines compared, %d differ" % (n, bad))
sys.exit(1 if bad or not n else 0)
PY
}

run_pair() {
	rm -rf "$WORK/d" && mkdir -p "$WORK/d"
	strace -f -y -qq "$@" -o "$WORK/s.txt" "$PROGS/it-fdpaths" "$WORK/d"
	rm -rf "$WORK/d" && mkdir -p "$WORK/d"
	"$LOTRACE" -f -y "$@" -o "$WORK/l.txt" -- "$PROGS/it-fdpaths" "$WORK/d" 2>"$WORK/err.txt"
}

run_pair
check "exit status 0" [ $? -eq 0 ]
if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
	# no copies of paths: only what /proc still says when lotrace reads
	# the event, and never a wrong one
	check "--no-bpf -y: descriptors present" grep -q '^[0-9]* *close(-7100)' "$WORK/l.txt"
	check "--no-bpf -y: the working directory" grep -q "AT_FDCWD<$(pwd -P)>" "$WORK/l.txt"
	finish
fi

if same_lines "$WORK/s.txt" "$WORK/l.txt" 'close(-7100)' 'close(-7101)'; then
	pass "-y: every line as strace -y's"
else
	fail "-y: lines differ from strace -y's"
fi
if same_lines "$WORK/s.txt" "$WORK/l.txt" 'close(-7200)' 'close(-7201)'; then
	pass "-y after execve: close-on-exec descriptors gone, the others kept"
else
	fail "-y after execve differs from strace -y's"
fi
check "a pipe named by its inode" grep -Eq 'pipe2\(\[[0-9]+<pipe:\[[0-9]+\]>, [0-9]+<pipe:\[[0-9]+\]>\]' "$WORK/l.txt"
check "the file behind a symlink" grep -q "open(\"/etc/localtime\", O_RDONLY) = [0-9]*</usr/share/zoneinfo/\|openat(AT_FDCWD<[^>]*>, \"/etc/localtime\", O_RDONLY) = [0-9]*</" "$WORK/l.txt"

# -e trace= shows some calls; the descriptors still follow the others
run_pair -e trace=write,close
if same_lines "$WORK/s.txt" "$WORK/l.txt" 'close(-7100)' 'close(-7101)'; then
	pass "-y -e trace=write,close as strace's"
else
	fail "-y -e trace=write,close differs from strace's"
fi
check "-e trace= shows no other call" bash -c "! grep -q 'openat(' '$WORK/l.txt'"

# -p: what was open before lotrace attached comes from /proc
bash -c 'exec 7>"$1"; while :; do echo x >&7; sleep 0.05; done' loop "$WORK/held file" &
loop=$!
"$LOTRACE" -y -p $loop -o "$WORK/p.txt" 2>"$WORK/perr.txt" &
lt=$!
wait_attached "$WORK/perr.txt"
sleep 0.5
kill -INT $lt
wait $lt
kill $loop
wait $loop 2>/dev/null
check "-p -y: a descriptor opened before the attach" \
	grep -q "^dup2(7<$WORK/held file>, 1<" "$WORK/p.txt"
check "-p -y: and what it was duplicated to" \
	grep -q "^write(1<$WORK/held file>, \"x\\\\n\", 2) *= 2$" "$WORK/p.txt"
finish
