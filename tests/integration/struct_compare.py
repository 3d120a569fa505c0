#!/usr/bin/env python3
"""Compare strace's and lotrace's syscall lines between two markers, whole.

    struct_compare.py STRACE LOTRACE BEGIN END [--pointers]

Every syscall line strictly between the marker lines BEGIN and END must be
strace's, character for character, once the values that differ from run
to run are put aside in both files alike:

  - addresses (0x and 8 or more hex digits): the stack moves with the
    environment the tracer gives;
  - pids and tids, and keys' serial numbers, numbered in order of
    appearance;
  - a traced child's registers (ptrace's PTRACE_GETREGSET);
  - the ids of BPF programs, which lotrace's own move, and a test run's
    duration;
  - what clocks, timers and the system's counters say (clock_gettime,
    gettimeofday, times, sysinfo, the time an interval timer or a timer
    has left, rusage's times, select's and nanosleep's time left, free
    blocks and inodes of statfs) and getrandom's bytes: their shape stays.

Signal lines ("--- SIG...") are left out: which signals a tracer shows is
another test's matter (test_signals.sh).

--pointers: lotrace ran without its BPF program (--no-bpf), so where
strace prints a string, struct or array lotrace prints the address (or
nothing, for rt_sigreturn's mask, which is no argument), and a result's
explanation made of them ("2 (in [3], ...)") is left out; the rest of
each line must still be strace's."""
import re
import sys

sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from compare import split_args  # noqa: E402

PREFIX = re.compile(r'^(?:\d+ +|\[pid +\d+\] )')
CALL = re.compile(r'^([a-z0-9_]+)\(')
NUM = re.compile(r'\d+')
PID_RESULT = re.compile(r'^(?:clone|clone3|fork|vfork|getpid|gettid|wait4)\(.*= (\d+)'
                        # and the serial numbers of keys, as random
                        r'|^(?:add_key|request_key|keyctl\(KEYCTL_(?:JOIN_SESSION_KEYRING|SEARCH|'
                        r'GET_KEYRING_ID),).*= (\d+)')
# (syscalls, pattern): the numbers inside what the pattern matches vary
VOLATILE = [
    ({"clock_gettime", "gettimeofday", "times", "sysinfo"}, re.compile(r'\{.*\}|= \d+')),
    ({"getitimer", "timer_gettime", "timerfd_gettime"}, re.compile(r'it_value=\{[^}]*\}')),
    ({"setitimer", "timer_settime", "timerfd_settime"}, re.compile(r'\}, \{it_interval.*\}\)')),
    ({"getrusage", "wait4", "waitid"}, re.compile(r'ru_[us]time=\{[^}]*\}')),
    ({"select", "pselect6"}, re.compile(r'left \{[^}]*\}')),
    ({"nanosleep", "clock_nanosleep"}, re.compile(r'\}, \{tv_sec=\d+, tv_nsec=\d+\}\) += \? ERESTART')),
    ({"statfs", "fstatfs"}, re.compile(r'f_(?:bfree|bavail|ffree)=\d+')),
    # the programs loaded meanwhile (lotrace's own among them), a test's time
    ({"bpf"}, re.compile(r'next_id=\d+ => \d+|duration=\d+')),
]
REGS = re.compile(r'(iov_base=\{)(r15=[^}]*)\}')
RANDOM = re.compile(r'^(getrandom\(")((?:\\x[0-9a-f]{2})*)')


def normalize(line):
    line = re.sub(r'0x[0-9a-f]{8,}', 'ADDR', line)
    m = CALL.match(line)
    name = m.group(1) if m else ""
    for names, pat in VOLATILE:
        if name in names:
            line = pat.sub(lambda v: NUM.sub("N", v.group(0)), line)
    if name == "ptrace":	# a traced child's registers: its pid in one
        line = REGS.sub(lambda m: m.group(1) + re.sub(r'=[^,]*', '=V', m.group(2)) + "}", line)
    if name == "times":	# ticks are in seconds too once there are any
        line = line.replace(" /* N.N s */", "")
    return RANDOM.sub(lambda m: m.group(1) + re.sub(r'[0-9a-f]{2}', 'XX', m.group(2)), line)


def calls(path, begin, end):
    on, out = False, []
    for raw in open(path, errors="replace"):
        line = PREFIX.sub("", raw.rstrip("\n"))
        if on and end in line:
            break
        if on and not line.startswith(("---", "+++")):
            out.append(normalize(line))
        if begin in line:
            on = True
    pids = {}
    for line in out:
        m = PID_RESULT.match(line)
        v = m and (m.group(1) or m.group(2))
        if v and v not in pids and int(v) > 1:
            pids[v] = "PID%d" % (len(pids) + 1)
    if pids:
        pat = re.compile(r'\b(' + '|'.join(map(re.escape, pids)) + r')\b')
        # the padding to column 40 before " = " moves with a number's length
        out = [re.sub(r'\) +(= )', r') \1', pat.sub(lambda m: pids[m.group(1)], line))
               if pat.search(line) else line for line in out]
    return out


LINE = re.compile(r'^([a-z0-9_]+)\((.*)\) += (.*)$')


def copied(arg):
    """What only a copy of the process's memory shows."""
    return re.sub(r'^[a-z_]+=', '', arg)[:1] in '"{[~' or '/*' in arg


def same_without_copies(a, b):
    """b is a without what lotrace copies in the kernel: addresses instead."""
    ma, mb = LINE.match(a), LINE.match(b)
    if not ma or not mb:
        return a == b
    # comments hold commas ("/* 2 vars, unterminated */"): one token each
    sargs = split_args(re.sub(r'/\* .*? \*/', '/*C*/', ma.group(2)))
    largs = split_args(re.sub(r'/\* .*? \*/', '/*C*/', mb.group(2)))
    sres, lres = ma.group(3), mb.group(3)
    if re.search(r' \(.*[\[{].*\)$', sres):
        sres = re.sub(r' \(.*\)$', '', sres)
    if ma.group(1) != mb.group(1) or sres.split() != lres.split() or len(largs) > len(sargs):
        return False
    for i, sa in enumerate(sargs):
        la = largs[i] if i < len(largs) else None
        if la == sa:
            continue
        if not copied(sa) or (la is not None and not re.match(r'^(ADDR|0x[0-9a-f]+|NULL)$', la)):
            return False
    return True


def main():
    spath, lpath, begin, end = sys.argv[1:5]
    pointers = "--pointers" in sys.argv
    s, l = calls(spath, begin, end), calls(lpath, begin, end)
    bad = 0
    if not s:
        print("no strace lines between %s and %s" % (begin, end))
        return 1
    for i in range(max(len(s), len(l))):
        a = s[i] if i < len(s) else "(none)"
        b = l[i] if i < len(l) else "(none)"
        if a != b and not (pointers and same_without_copies(a, b)):
            print("differs:\n  strace:  %s\n  lotrace: %s" % (a, b))
            bad += 1
    print("%d lines compared whole, %d differ" % (len(s), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
