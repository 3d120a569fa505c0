#!/usr/bin/env python3
"""Check -k's frames in a trace against what stack_target says its call
chain is ("frame NAME LINE" and "inline NAME LINE" on its stdout, innermost
first), and against strace -k on the same program.

  stack_check.py chain TRACE TARGET_OUT EVENT OBJECT [--source|--inline]
      the first EVENT line of TRACE ("getppid(", "usdt:lt_stack:hit(") is
      followed by frames whose functions are the target's chain, in order,
      right after the first, each in OBJECT (path suffixes, comma
      separated), at the line of its call
      with --source (strace -kk's innermost line), with an "(inlined)"
      line for each inlined call with --inline
  stack_check.py stripped TRACE PLAIN_TRACE OBJECT
      the frames of the stripped OBJECT are "OBJECT() [0xREL]" with the
      addresses the unstripped program's frames have
  stack_check.py strace TRACE STRACE_TRACE PROGRAM
      the same objects frame by frame, the same addresses (strace's
      libunwind prints return addresses, libdw the call's last byte: one
      less but for the first frame) and the same names in PROGRAM
  stack_check.py json TRACE JSON_TRACE
      the "stack" of the first getppid object is the text's frames"""
import json
import re
import sys

FRAME = re.compile(r"^ > (?P<obj>[^(]+)\((?P<fn>[^)+]*)(\+0x(?P<off>[0-9a-f]+))?\) "
                   r"\[0x(?P<rel>[0-9a-f]+)\](?: (?P<src>\S+):(?P<line>\d+))?(?P<inl> \(inlined\))?$")


def frames_after(path, event):
    """The frame lines after the last line that starts with event (with
    -f, a shell's calls come before its child's)."""
    out, on = [], False
    for line in open(path):
        line = line.rstrip("\n")
        if re.sub(r"^(\d+ +|\[pid +\d+\] )", "", line).startswith(event):
            out, on = [], True
        elif on and line.startswith(" > "):
            m = FRAME.match(line)
            if not m:
                sys.exit("not a frame line: %r" % line)
            out.append(m.groupdict() | {"text": line})
        else:
            on = False
    if not out:
        sys.exit("no frames after a %r line in %s" % (event, path))
    return out


def expected(path):
    """("frame"|"inline", name, line) of the target."""
    out = []
    for line in open(path):
        f = line.split()
        if len(f) == 3 and f[0] in ("frame", "inline"):
            out.append((f[0], f[1], int(f[2])))
    return out


def fail(msg, frames):
    sys.exit(msg + "\n" + "\n".join(f["text"] for f in frames))


def chain(trace, target_out, event, obj, mode=None):
    frames = frames_after(trace, event)
    want = expected(target_out)
    if not want:
        sys.exit("no call chain in " + target_out)
    # a syscall's first frame is libc's wrapper; a USDT hit's the probe's
    at = 0 if event.startswith("usdt:") else 1
    inline = [w for w in want if w[0] == "inline"]
    for kind, name, line in want:
        if kind == "inline":
            if mode == "--inline":
                f = frames[at]
                if f["fn"] != name or not f["inl"] or int(f["line"]) != line:
                    fail("frame %d is not %s inlined at line %d" % (at, name, line), frames)
                at += 1
            continue
        f = frames[at] if at < len(frames) else None
        if not f or f["fn"] != name or not any(f["obj"].endswith(o) for o in obj.split(",")):
            fail("frame %d is not %s in %s" % (at, name, obj), frames)
        if mode:
            # strace -kk: the innermost line, inside an inlined call
            want_line = inline[0][2] if inline and mode == "--source" and name == "leaf" else line
            if not f["src"] or not f["src"].endswith(".c") or int(f["line"]) != want_line:
                fail("frame %d (%s) is not at line %d" % (at, name, want_line), frames)
        at += 1
    if frames[-1]["fn"] != "_start":
        fail("the last frame is not _start", frames)
    print("ok: %d frames, the chain at 1..%d" % (len(frames), at - 1))


def stripped(trace, plain, obj):
    bare, full = frames_after(trace, "getppid("), frames_after(plain, "getppid(")
    if len(bare) != len(full):
        fail("%d frames, the unstripped program has %d" % (len(bare), len(full)), bare)
    n = 0
    for b, f in zip(bare, full):
        if not b["obj"].endswith(obj):
            continue
        if b["fn"] or b["rel"] != f["rel"]:
            fail("%r is not %s() [0x%s]" % (b["text"], obj, f["rel"]), bare)
        n += 1
    if n < 5:
        fail("%d frames in %s" % (n, obj), bare)
    print("ok: %d frames of %s as object() [0xoff]" % (n, obj))


def against_strace(trace, strace_out, program):
    ours, theirs = frames_after(trace, "getppid("), frames_after(strace_out, "getppid(")
    if len(ours) != len(theirs):
        fail("%d frames, strace -k has %d" % (len(ours), len(theirs)), ours)
    for i, (o, t) in enumerate(zip(ours, theirs)):
        adj = 0 if i == 0 else 1
        if o["obj"] != t["obj"] or int(o["rel"], 16) + adj != int(t["rel"], 16):
            fail("frame %d: %r, strace: %r" % (i, o["text"], t["text"]), ours)
        if o["obj"] == program and (o["fn"] != t["fn"] or int(o["off"], 16) + adj != int(t["off"], 16)):
            fail("frame %d: %r, strace: %r" % (i, o["text"], t["text"]), ours)
    print("ok: %d frames as strace -k's" % len(ours))


def json_stack(trace, json_trace):
    text = [f["text"][3:] for f in frames_after(trace, "getppid(")]
    for line in open(json_trace):
        obj = json.loads(line)
        if obj.get("syscall") == "getppid":
            if obj.get("stack") != text:
                sys.exit("json stack %r\n  text %r" % (obj.get("stack"), text))
            print("ok: the JSON stack is the text's %d frames" % len(text))
            return
    sys.exit("no getppid object in " + json_trace)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"chain": chain, "stripped": stripped, "strace": against_strace, "json": json_stack}[cmd](*args)
