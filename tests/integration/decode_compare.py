#!/usr/bin/env python3
"""Compare lotrace's integer arguments with strace's.

    decode_compare.py lines STRACE LOTRACE BEGIN END
        The calls strictly between the marker lines BEGIN and END must be
        the same calls with the same results. A line whose arguments are
        all integers must equal strace's to the character; in the others,
        the arguments where strace shows a string, struct or array are
        skipped and the rest compared position by position.

    decode_compare.py summary STRACE LOTRACE
        Two -c tables: the same syscalls with the same calls and errors.

Values the kernel chooses for each run (pids, tids) are numbered in order
of appearance in each file before comparing. lotrace's mark on a pointer
it could not copy, "0x10 /* unreadable */", is its documented difference
from strace's bare "0x10" and is dropped (test_strings.sh checks it)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import split_args  # noqa: E402

PREFIX = re.compile(r'^(?:\d+ +|\[pid +\d+\] )')
LINE = re.compile(r'^([a-z0-9_]+)\((.*)\) += (.*?)(?: <[0-9.]+>)?$')
# results that are a process or thread id
UNREADABLE = re.compile(r' /\* unreadable \*/')
PID_RESULTS = {"clone", "clone3", "fork", "vfork", "getpid", "gettid", "getppid",
               "set_tid_address", "wait4", "waitid", "getpgrp", "getsid", "getpgid"}




def is_integer(arg):
    """Not a string, struct, array or signal set (after a name= label), nor
    what strace sums up as "0x7ffe... /* 12 vars */" or "/* 29 entries */"."""
    value = re.sub(r'^[a-z_]+=', '', arg)
    return not (value[:1] in '"{[~' or '"' in value or
                re.search(r'/\* \d+ (vars?|entries) \*/$', value))


def unmark(line):
    """The line without unreadable marks, its result padded again as
    strace pads it, to column 40."""
    if not UNREADABLE.search(line):
        return line
    m = re.match(r'^(.*\))( +)(= .*)$', UNREADABLE.sub("", line))
    return m.group(1).ljust(39) + " " + m.group(3) if m else line


def calls(path, begin, end):
    on, out = False, []
    for raw in open(path, errors="replace"):
        line = unmark(PREFIX.sub("", raw.rstrip("\n")))
        if end in line and on:
            break
        if on and not line.startswith(("---", "+++")):
            m = LINE.match(line)
            if not m:
                out.append(("?", [], line, line))
            else:
                out.append((m.group(1), split_args(m.group(2)), m.group(3), line))
        if begin in line:
            on = True
    return out


def clock_free(cs):
    """time(2)'s result is the time: keep only its shape."""
    date = re.compile(r'^\d+ \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d{4}\)$')
    out = []
    for n, args, r, l in cs:
        if n == "time" and date.match(r):
            l = l[:len(l) - len(r)] + "TIME (DATE)"
            r = "TIME (DATE)"
        out.append((n, args, r, l))
    return out


def number_pids(cs):
    """Replace the pids the kernel chose with PID1, PID2... in order."""
    ids = {}
    for name, _, result, _ in cs:
        m = re.match(r'^(\d+)', result)
        if name in PID_RESULTS and m and m.group(1) not in ids and int(m.group(1)) > 1:
            ids[m.group(1)] = "PID%d" % (len(ids) + 1)
    if not ids:
        return cs
    pat = re.compile(r'\b(' + '|'.join(map(re.escape, ids)) + r')\b')
    fix = lambda s: pat.sub(lambda m: ids[m.group(1)], s)
    return [(n, [fix(a) for a in args], fix(r), fix(l)) for n, args, r, l in cs]


def result_core(result):
    """The result without strace's explanation when that is a struct."""
    m = re.match(r'^(.*?) \((.*)\)$', result)
    if m and re.search(r'[\[{]', m.group(2)):
        return m.group(1)
    return result


def compare_lines(spath, lpath, begin, end):
    s = clock_free(number_pids(calls(spath, begin, end)))
    l = clock_free(number_pids(calls(lpath, begin, end)))
    bad = 0
    if not s:
        print("no strace lines between %s and %s" % (begin, end))
        return 1
    if [c[0] for c in s] != [c[0] for c in l]:
        print("the sequences of calls differ:")
        sn, ln = [c[0] for c in s], [c[0] for c in l]
        for i in range(max(len(sn), len(ln))):
            a = sn[i] if i < len(sn) else "-"
            b = ln[i] if i < len(ln) else "-"
            if a != b:
                print("  #%d strace %s, lotrace %s" % (i, a, b))
                bad += 1
                if bad > 5:
                    break
        return 1
    whole = mixed = 0
    for (name, sargs, sres, sline), (_, largs, lres, lline) in zip(s, l):
        if all(is_integer(a) for a in sargs):
            whole += 1
            if sline != lline:
                print("differs:\n  strace:  %s\n  lotrace: %s" % (sline, lline))
                bad += 1
            continue
        mixed += 1
        why = None
        if len(sargs) != len(largs):
            why = "%d arguments, strace %d" % (len(largs), len(sargs))
        elif result_core(sres) != result_core(lres):
            why = "result"
        else:
            for i, (a, b) in enumerate(zip(sargs, largs)):
                if is_integer(a) and a != b:
                    why = "argument %d" % (i + 1)
                    break
        if why:
            print("differs (%s):\n  strace:  %s\n  lotrace: %s" % (why, sline, lline))
            bad += 1
    print("%d lines of integers compared whole, %d by their integer arguments, %d differ"
          % (whole, mixed, bad))
    return 1 if bad else 0


def summary(path):
    rows = {}
    for line in open(path, errors="replace"):
        f = line.split()
        if len(f) >= 5 and re.match(r'^[0-9.]+$', f[0]) and f[-1] != "total":
            nums = f[1:-1]
            calls_, errors = int(nums[2]), int(nums[3]) if len(nums) > 3 else 0
            rows[f[-1]] = (calls_, errors)
    return rows


def compare_summary(spath, lpath):
    s, l = summary(spath), summary(lpath)
    bad = 0
    for name in sorted(set(s) | set(l)):
        if s.get(name) != l.get(name):
            print("%s: strace calls/errors %s, lotrace %s" % (name, s.get(name), l.get(name)))
            bad += 1
    print("%d syscalls in the tables, %d differ" % (len(s), bad))
    return 1 if bad or not s else 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "lines":
        sys.exit(compare_lines(*sys.argv[2:]))
    if len(sys.argv) == 4 and sys.argv[1] == "summary":
        sys.exit(compare_summary(*sys.argv[2:]))
    print(__doc__)
    sys.exit(2)
