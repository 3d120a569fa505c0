# --json prints one object per line in SPEC.md's schema.
. "$(dirname "$0")/lib.sh"
need_root

"$LOTRACE" --json -o "$WORK/t.json" -- "$PROGS/it-seq"
check "exit status 3" [ $? -eq 3 ]
python3 - "$WORK/t.json" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
objs = [json.loads(l) for l in lines]          # every line parses
calls = [o for o in objs if "syscall" in o]
assert calls, "no syscall objects"
for o in calls:
    for key in ("ts", "pid", "tid", "comm", "syscall", "nr", "args", "ret", "errno", "dur_ns"):
        assert key in o, (key, o)
    assert isinstance(o["args"], dict)
marker = [o for o in calls if o["syscall"] == "close" and o["args"].get("fd") == -4242]
assert len(marker) == 1, marker
m = marker[0]
assert m["ret"] == -1 and m["errno"] == "EBADF", m
assert isinstance(m["dur_ns"], int) and m["dur_ns"] >= 0, m
assert m["comm"] == "it-seq", m
op = [o for o in calls if o["syscall"] == "openat" and o["errno"] == "ENOENT"]
assert op and op[-1]["args"]["dfd"] == "AT_FDCWD", op
ok = [o for o in calls if o["syscall"] == "getppid"]
assert ok and ok[0]["errno"] is None and ok[0]["ret"] > 0, ok
ex = [o for o in calls if o["syscall"] == "exit_group"]
assert len(ex) == 1 and ex[0]["ret"] is None and ex[0]["dur_ns"] is None, ex
assert ex[0]["args"]["error_code"] == 3, ex
ts = [o["ts"] for o in calls]
assert ts == sorted(ts), "timestamps out of order"
print("json: %d objects checked" % len(objs))
PY
check "schema and values" [ $? -eq 0 ]
finish
