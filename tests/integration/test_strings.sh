# Strings and structs are copied in the kernel at the syscall and printed as
# strace prints them: paths with spaces, quotes, non-ASCII and control
# bytes, buffers cut at -s, stat, timespec, sockaddr, pipe fds, iovecs,
# msghdrs, pollfds, epoll events, signal masks, actions and siginfo,
# rlimits, the addresses accept and getsockname write, NULL; a path in a page the process never
# touched is copied again at exit, never left empty, and a buffer that
# cannot be copied at all is a pointer marked unreadable.
. "$(dirname "$0")/lib.sh"
need_root
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/setup.sh installs it)"; exit 1; }
compare=$(dirname "$0")/compare.py

mkdir -p "$WORK/d"
strace -qq -o "$WORK/s.txt" "$PROGS/it-strings" "$WORK/d"
"$LOTRACE" -o "$WORK/l.txt" -- "$PROGS/it-strings" "$WORK/d" 2>"$WORK/err.txt"
check "exit status 0" [ $? -eq 0 ]

# -e raw=: undecoded, every argument and the result in hex, as strace
strace -qq -e trace=openat,write,close -e raw=openat,write -o "$WORK/sr.txt" \
	"$PROGS/it-strings" "$WORK/d"
"$LOTRACE" -e trace=openat,write,close -e raw=openat,write -o "$WORK/lr.txt" -- \
	"$PROGS/it-strings" "$WORK/d" 2>/dev/null
if python3 "$compare" "$WORK/sr.txt" "$WORK/lr.txt" 'close(-7100)' 'close(-7101)' --all; then
	pass "-e raw= as strace's"
else
	fail "-e raw= differs from strace's"
fi

if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
	check "--no-bpf says once why strings are missing" \
		grep -qx 'lotrace: --no-bpf: strings and structs print as addresses' "$WORK/err.txt"
	check "--no-bpf: pointers, never strings" bash -c "! grep -q 'openat(AT_FDCWD, \"' '$WORK/l.txt'"
	check "--no-bpf: an untouched path is a pointer, not empty" \
		bash -c "! grep -q '\"\"' '$WORK/l.txt'"
	check "--no-bpf: structs are pointers too" \
		grep -q '^rt_sigprocmask(SIG_BLOCK, 0x[0-9a-f]*, 0x[0-9a-f]*, 8) = 0' "$WORK/l.txt"
	check "--no-bpf: nothing is marked unreadable, nothing was copied" \
		bash -c "! grep -q unreadable '$WORK/l.txt'"
	finish
fi

check "nothing said on stderr" [ ! -s "$WORK/err.txt" ]
if python3 "$compare" "$WORK/s.txt" "$WORK/l.txt" 'close(-7100)' 'close(-7101)'; then
	pass "every string and struct argument equals strace's"
else
	fail "string or struct arguments differ from strace's"
fi
check "the untouched page's path" grep -q 'openat(AT_FDCWD, "/etc/hostname"' "$WORK/l.txt"
check "a buffer no copy could read is a marked pointer" \
	grep -q '^write(-1, 0x[0-9a-f]* /\* unreadable \*/, 9) = -1 EBADF' "$WORK/l.txt"

strace -qq -s 64 -o "$WORK/s64.txt" "$PROGS/it-strings" "$WORK/d"
"$LOTRACE" -s 64 -o "$WORK/l64.txt" -- "$PROGS/it-strings" "$WORK/d"
if python3 "$compare" "$WORK/s64.txt" "$WORK/l64.txt" 'close(-7100)' 'close(-7101)'; then
	pass "-s 64 as strace's"
else
	fail "-s 64 differs from strace's"
fi

# execve's argv and environment count, for a command lotrace starts and for
# one its child starts
strace -f -qq -o "$WORK/se.txt" sh -c 'exec /bin/echo "a b" "$(printf "x%.0s" $(seq 40))" >/dev/null'
"$LOTRACE" -f -o "$WORK/le.txt" -- sh -c 'exec /bin/echo "a b" "$(printf "x%.0s" $(seq 40))" >/dev/null'
s_exec=$(grep -o 'execve("/bin/echo".*' "$WORK/se.txt" | sed 's/0x[0-9a-f]*/ADDR/')
l_exec=$(grep -o 'execve("/bin/echo".*' "$WORK/le.txt" | sed 's/0x[0-9a-f]*/ADDR/')
check "execve's argv as strace's ($l_exec)" [ -n "$s_exec" ] && [ "$s_exec" = "$l_exec" ]
check "the first execve shows the command" grep -q '^[0-9]* *execve("/usr/bin/sh", \["sh", "-c", ' "$WORK/le.txt"

"$LOTRACE" --json -o "$WORK/l.json" -- "$PROGS/it-strings" "$WORK/d"
python3 - "$WORK/l.json" "$WORK/d" <<'PY'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
opens = [o for o in objs if o.get("syscall") == "openat"]
paths = [o["args"]["filename"] for o in opens]
assert sys.argv[2] + "/with space" in paths, paths
assert sys.argv[2] + "/caf\u00c3\u00a9\u0001\n\t" in paths, paths
w = [o for o in objs if o.get("syscall") == "write" and o["args"]["fd"] == -1]
assert w and w[0]["args"]["buf"] == "x" * 32, w
print("json strings checked")
PY
check "--json carries strings as JSON strings" [ $? -eq 0 ]

# execve's path and argv on a page nothing touched: copied from the exec
"$LOTRACE" -e trace=execve -o "$WORK/exec.txt" -- "$PROGS/it-execlit"
strace -e trace=execve -o "$WORK/exec.s" "$PROGS/it-execlit"
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ]; then
	check "execve on untouched pages prints its strings, as strace's" \
		diff <(sed -n 2p "$WORK/exec.s" | sed -E 's/0x[0-9a-f]+/ADDR/') \
		     <(sed -n 2p "$WORK/exec.txt" | sed -E 's/0x[0-9a-f]+/ADDR/')
fi
finish
