#!/usr/bin/env python3
"""Compare strace's and lotrace's lines between two markers, argument by
argument: where strace prints a string, struct or array (", {, [) or NULL,
lotrace must print the same; integer arguments are compared only with
--all. Addresses inside structs (iov_base of a failed readv) differ from
run to run and compare as ADDR; what follows a result in "( [...] )"
(poll's revents) is compared too, with ppoll's time left as LEFT.
Usage: compare.py STRACE_FILE LOTRACE_FILE BEGIN END [--all]"""
import re
import sys


def split_args(s):
    """Top-level comma split of an argument list, respecting quotes."""
    out, depth, cur, i, quote = [], 0, "", 0, False
    while i < len(s):
        c = s[i]
        if quote:
            cur += c
            if c == "\\":
                cur += s[i + 1]
                i += 1
            elif c == '"':
                quote = False
        elif c == '"':
            quote = True
            cur += c
        elif c in "[{(":
            depth += 1
            cur += c
        elif c in "]})":
            depth -= 1
            cur += c
        elif c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    if cur.strip():
        out.append(cur.strip())
    return out


ADDR = re.compile(r"0x[0-9a-f]{8,}")
LEFT = re.compile(r"left \{tv_sec=\d+, tv_nsec=\d+\}")


def same(a, b):
    return ADDR.sub("ADDR", a) == ADDR.sub("ADDR", b)


LINE = re.compile(r'^(?:\d+ +|\[pid +\d+\] )?([a-z0-9_]+)\((.*)\) += (.*)$')


def calls(path, begin, end):
    on, out = False, []
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if end in line:
            break
        if on:
            m = LINE.match(line)
            if m:
                out.append((m.group(1), split_args(m.group(2)),
                            re.sub(r" <[0-9.]+>$", "", m.group(3)), line))
        if begin in line:
            on = True
    return out


def main():
    s_file, l_file, begin, end = sys.argv[1:5]
    compare_all = "--all" in sys.argv
    s_calls, l_calls = calls(s_file, begin, end), calls(l_file, begin, end)
    bad = 0
    if [c[0] for c in s_calls] != [c[0] for c in l_calls]:
        print("syscall sequences differ:\n strace:  %s\n lotrace: %s" %
              ([c[0] for c in s_calls], [c[0] for c in l_calls]))
        return 1
    for (name, s_args, s_ret, s_line), (_, l_args, l_ret, l_line) in zip(s_calls, l_calls):
        diffs = []
        for i, (a, b) in enumerate(zip(s_args, l_args)):
            if (compare_all or a[:1] in '"{[' or a == "NULL") and not same(a, b):
                diffs.append("arg %d: strace %s, lotrace %s" % (i, a, b))
        if compare_all and len(s_args) != len(l_args):
            diffs.append("argument counts %d and %d" % (len(s_args), len(l_args)))
        if s_ret.split(" ")[0] != l_ret.split(" ")[0] and not name.startswith("socket"):
            diffs.append("results %s and %s" % (s_ret, l_ret))
        elif " ([" in s_ret and LEFT.sub("LEFT", s_ret) != LEFT.sub("LEFT", l_ret):
            diffs.append("results %s and %s" % (s_ret, l_ret))
        if diffs:
            bad += 1
            print("%s:\n strace:  %s\n lotrace: %s\n %s" % (name, s_line, l_line, "\n ".join(diffs)))
    print("%d calls compared, %d differ" % (len(s_calls), bad))
    return 1 if bad or not s_calls else 0


if __name__ == "__main__":
    sys.exit(main())
