#!/usr/bin/env python3
"""Compare strace's and lotrace's output of one program run with the same
option, line by line (test_strace_options.sh).

    options_compare.py lines STRACE LOTRACE [--drop REGEX]... [--sub REGEX REPL]...
        The lines strictly between the markers close(-9100) and
        close(-9199) (the whole file when it has none) must be equal once
        the values the kernel chooses for each run are numbered in order
        of appearance: process ids (from [pid N], "NNN " prefixes, getpid,
        clone, fork and wait4 results), socket inodes and ports.
        --drop takes out lines that differ for a reason the test states;
        --sub rewrites both sides (a difference the test states).

        --names compares each call by its leader, name and result only: what
        lotrace prints without the BPF program's copies (--no-bpf).

    options_compare.py table STRACE LOTRACE
        Two -c tables must be equal, the "lost" row aside.

Two differences that are not the options' business are always evened out:
strace prints rt_sigreturn's mask argument (lotrace does not decode it),
and the SIGCHLD the parent gets while in wait4 shows before that call in
strace (at its signal-delivery stop) and after it in lotrace (which shows
a signal sent to a task inside a call once the call returns): its line is
left out."""
import re
import sys

BEGIN, END = "close(-9100)", "close(-9199)"
PREFIX = re.compile(r'^(\[pid +(\d+)(?:<[^>]*>)?\] |(\d+)(?:<[^>]*>)? +)')
# the leader's other parts: -n's "[ 39] ", -i's "[00007f...] "
LEADER = re.compile(r'^(\[[ 0-9a-f?]+\] )+')
PID_RESULT = re.compile(r'^(?:getpid|gettid|clone|clone3|fork|vfork|wait4)\(.*\) += (\d+)')
SI_PID = re.compile(r'si_pid=(\d+)')
PID_CALLS = ("getpid", "gettid", "getppid", "getpgid", "getpgrp", "getsid", "setsid",
             "set_tid_address", "clone", "clone3", "fork", "vfork", "wait4")
# calls whose numeric arguments may be pids; in any other call's a pid's
# digits are numbered only in a path ("/proc/PID/...") or a pidfd's
# "<pid:PID>": a traced pid of 8192 is not mmap's length of 8192
PID_ARG_CALLS = PID_CALLS + ("kill", "tkill", "tgkill", "waitid", "setpgid", "prlimit64",
                             "pidfd_open", "pidfd_send_signal", "rt_sigqueueinfo",
                             "rt_tgsigqueueinfo", "sched_setaffinity", "sched_getaffinity",
                             "sched_setscheduler", "sched_getscheduler", "sched_setparam",
                             "sched_getparam", "getpriority", "setpriority", "ioprio_get",
                             "ioprio_set", "process_vm_readv", "process_vm_writev", "kcmp",
                             "perf_event_open", "capget", "capset", "get_robust_list",
                             "migrate_pages", "move_pages", "ptrace", "exit_group")
# the call a line shows: its entry, unfinished or resumed
CALL_NAME = re.compile(r'^(?:<\.\.\. )?([a-z_][a-z0-9_]*)(?:\(| resumed>)')
# a call's line up to its result, its name (whole or resumed), the result
CALL_RESULT = re.compile(r'^(.*?(?:<\.\.\. )?([a-z_][a-z0-9_]*)(?:\(| resumed>).*\) +)(= .*)$')
ALWAYS_DROP = [re.compile(r'--- SIGCHLD ')]
# addresses of a process before setarch turned randomization off
ADDRESS = re.compile(r'0x[0-9a-f]{8,}')
RESULT = re.compile(r'^(.*\))( +)(= .*)$')
ALWAYS_SUB = [(re.compile(r'rt_sigreturn\(\{mask=[^}]*\}\)'), 'rt_sigreturn()')]


def marked(lines):
    """The lines between the markers, or all of them."""
    begin = [i for i, l in enumerate(lines) if BEGIN in l]
    end = [i for i, l in enumerate(lines) if END in l]
    if begin and end:
        return lines[begin[0] + 1:end[-1]]
    return lines


def number(lines):
    """Number the pids in order of appearance."""
    ids = {}

    def pid(m):
        return ids.setdefault(m, "PID%d" % (len(ids) + 1))

    out = []
    for line in lines:
        m = PREFIX.match(line)
        if m:
            pid(m.group(2) or m.group(3))
        m = PID_RESULT.match(LEADER.sub("", PREFIX.sub("", line)))
        if m:
            pid(m.group(1))
        for m in SI_PID.finditer(line):
            pid(m.group(1))
    if ids:
        # not an octal escape's digits in a string ("\322")
        alts = '|'.join(sorted(map(re.escape, ids), key=len, reverse=True))
        pat = re.compile(r'(?<![\\\w])(' + alts + r')\b')
        in_path = re.compile(r'(?:(?<=/)|(?<=pid:))(' + alts + r')\b')
    for line in lines:
        head = PREFIX.match(line)
        head = head.group(0) if head else ""
        name = CALL_NAME.match(LEADER.sub("", line[len(head):]))
        if ids and name and name.group(1) not in PID_ARG_CALLS:
            was = line
            line = (pat.sub(lambda m: ids[m.group(1)], head) +
                    in_path.sub(lambda m: ids[m.group(1)], line[len(head):]))
            r = RESULT.match(line)
            if line != was and r:
                line = r.group(1).ljust(39) + " " + r.group(3)
        elif ids:
            # a result is a pid only for the calls that return one: a
            # read's 832 stays 832 when a pid happens to be 832 too
            m = CALL_RESULT.match(line)
            if m and m.group(2) not in PID_CALLS:
                was = line
                line = pat.sub(lambda p: ids[p.group(1)], m.group(1)) + m.group(3)
                r = RESULT.match(line)
                if line != was and r:
                    line = r.group(1).ljust(39) + " " + r.group(3)
            else:
                line = rewrite(line, [(pat, lambda m: ids[m.group(1)])])
        out.append(line)
    return out


def number_net(lines):
    """Socket inodes and ephemeral ports, numbered in order."""
    seen = {}

    def name(kind, v):
        return seen.setdefault((kind, v), "%s%d" % (kind, len([k for k in seen if k[0] == kind]) + 1))

    out = []
    for line in lines:
        line = re.sub(r'(?<=[:\[])(\d{4,})(?=(->|\]|,"))', lambda m: name("INO", m.group(1)), line)
        line = re.sub(r'(->)(\d{4,})', lambda m: m.group(1) + name("INO", m.group(2)), line)
        line = re.sub(r':(\d{4,5})(?=[\]-])', lambda m: ":" + name("PORT", m.group(1)), line)
        line = re.sub(r'htons\((\d{4,5})\)', lambda m: "htons(" + name("PORT", m.group(1)) + ")", line)
        out.append(line)
    return out


def rewrite(line, subs):
    """Apply subs; a line they changed is aligned again, at column 40."""
    was = line
    for rx, repl in subs:
        line = rx.sub(repl, line)
    m = RESULT.match(line)
    if line != was and m:
        line = m.group(1).ljust(39) + " " + m.group(3)
    return line


def load(path, drops, subs):
    """The lines to compare: dropped, pids numbered, then rewritten (a
    --sub sees PID1, PID2...), sockets numbered, addresses evened out."""
    lines = open(path, errors="replace").read().splitlines()
    keep = []
    for line in marked(lines):
        line = rewrite(line, ALWAYS_SUB)
        if not any(rx.search(line) for rx in ALWAYS_DROP + drops):
            keep.append(line)
    keep = [rewrite(line, subs) for line in number(keep)]
    return [ADDRESS.sub("0xADDR", line) for line in number_net(keep)]


CALL = re.compile(r'^(.*?)([a-z_][a-z0-9_]*)\((.*)\) += (.*?)(?: <[0-9.]+>)?$')


def name_and_result(line):
    """The leader, the call's name and its result."""
    m = CALL.match(line)
    if not m:
        return line
    result = re.sub(r' \(.*\)$', '', m.group(4))
    return "%s%s(...) = %s" % (m.group(1), m.group(2), result)


def compare_lines(argv):
    spath, lpath, rest = argv[0], argv[1], argv[2:]
    drops, subs = [], []
    names = False
    i = 0
    while i < len(rest):
        if rest[i] == "--names":
            names = True
            i += 1
        elif rest[i] == "--drop":
            drops.append(re.compile(rest[i + 1]))
            i += 2
        elif rest[i] == "--sub":
            subs.append((re.compile(rest[i + 1]), rest[i + 2]))
            i += 3
        else:
            raise SystemExit("unknown argument " + rest[i])
    s, l = load(spath, drops, subs), load(lpath, drops, subs)
    if names:
        s = [name_and_result(x) for x in s if not x.startswith((" | ", " * "))]
        l = [name_and_result(x) for x in l if not x.startswith((" | ", " * "))]
    if not s:
        print("no strace lines to compare")
        return 1
    if s == l:
        print("%d lines equal" % len(s))
        return 0
    import difflib
    for d in difflib.unified_diff(s, l, "strace", "lotrace", lineterm="", n=1):
        print(d)
    return 1


def table(path):
    return [l.rstrip("\n") for l in open(path, errors="replace")
            if l.strip() and not re.search(r'\blost$', l)]


def compare_table(argv):
    s, l = table(argv[0]), table(argv[1])
    if s and s == l:
        print("%d table lines equal" % len(s))
        return 0
    import difflib
    for d in difflib.unified_diff(s, l, "strace", "lotrace", lineterm=""):
        print(d)
    return 1


if __name__ == "__main__":
    modes = {"lines": compare_lines, "table": compare_table}
    if len(sys.argv) < 4 or sys.argv[1] not in modes:
        raise SystemExit(__doc__)
    sys.exit(modes[sys.argv[1]](sys.argv[2:]))
