#!/usr/bin/env python3
"""Check an --export-chrome file the way Perfetto's JSON importer and
chrome://tracing read it, and that it holds the expected events.

  chrome_check.py FILE [CHECK...]
every event has the fields its phase needs (X: name, ts, dur, pid, tid;
i: name, ts, s; M: thread_name or process_name with args.name), every
thread with events has a thread_name "comm/tid" and every process a
process_name. CHECKs, each of which some event must pass:
  call:NAME:ARG=VALUE,...     an X event NAME whose args hold those
                              values (JSON text: -4242, "EBADF", "0x..")
  instant:CAT:NAME[;ARG=VALUE,...]
                              an i event of category CAT
  thread:COMM                 a thread named COMM/tid
  stack:NAME                  an X event NAME with a non-empty args.stack
  order:A:B                   the first X event A (NAME:ARG=VALUE) starts
                              before the first B does"""
import json
import sys


def fail(msg):
    sys.exit("chrome_check: " + msg)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_fields(ev):
    threads, procs = {}, set()
    for e in ev:
        ph = e.get("ph")
        if ph not in ("X", "i", "M"):
            fail("unknown phase in %r" % e)
        if not isinstance(e.get("pid"), int) or not isinstance(e.get("tid"), int):
            fail("no integer pid and tid: %r" % e)
        if not isinstance(e.get("name"), str):
            fail("no name: %r" % e)
        if ph == "M":
            if e["name"] not in ("thread_name", "process_name") or \
                    not isinstance(e.get("args", {}).get("name"), str):
                fail("bad metadata event %r" % e)
            if e["name"] == "thread_name":
                threads[e["tid"]] = e["args"]["name"]
            else:
                procs.add(e["pid"])
            continue
        if not is_num(e.get("ts")) or e["ts"] < 0:
            fail("no ts: %r" % e)
        if ph == "X" and (not is_num(e.get("dur")) or e["dur"] < 0):
            fail("no dur: %r" % e)
        if ph == "X" and not ("ret" in e.get("args", {}) and "errno" in e["args"]):
            fail("no ret and errno: %r" % e)
        if ph == "i" and e.get("s") not in ("t", "p", "g"):
            fail("an instant without scope: %r" % e)
    for e in ev:
        if e["ph"] == "M" or e.get("s") == "g":
            continue
        name = threads.get(e["tid"])
        if not name or not name.endswith("/%d" % e["tid"]):
            fail("thread %d has no comm/tid name (%r)" % (e["tid"], name))
        if e["pid"] not in procs:
            fail("process %d has no name" % e["pid"])
    return threads


def match_args(e, spec):
    for kv in filter(None, spec.split(",")):
        k, _, v = kv.partition("=")
        if json.dumps(e.get("args", {}).get(k)) != v:
            return False
    return True


def find(ev, name, spec, ph="X", cat=None):
    for e in ev:
        if e["ph"] == ph and e["name"] == name and (cat is None or e.get("cat") == cat) \
                and match_args(e, spec):
            return e
    return None


def main():
    try:
        doc = json.load(open(sys.argv[1]))
    except ValueError as err:
        fail("not JSON: %s" % err)
    ev = doc.get("traceEvents") if isinstance(doc, dict) else None
    if not isinstance(ev, list) or not ev:
        fail("no traceEvents array")
    threads = check_fields(ev)
    for c in sys.argv[2:]:
        kind, _, rest = c.partition(":")
        if kind == "call":
            name, _, spec = rest.partition(":")
            ok = find(ev, name, spec)
        elif kind == "instant":
            cat, _, rest = rest.partition(":")
            name, _, spec = rest.partition(";")
            ok = find(ev, name, spec, "i", cat)
        elif kind == "thread":
            ok = any(n.startswith(rest + "/") for n in threads.values())
        elif kind == "stack":
            ok = any(e["ph"] == "X" and e["name"] == rest and e["args"].get("stack") for e in ev)
        elif kind == "order":
            a, b = rest.split(";")
            ea, eb = find(ev, *a.split(":", 1)), find(ev, *b.split(":", 1))
            ok = ea and eb and ea["ts"] < eb["ts"]
        else:
            fail("unknown check " + c)
        if not ok:
            fail("no event for %s" % c)
    print("ok: %d events, %d threads named" % (len(ev), len(threads)))


main()
