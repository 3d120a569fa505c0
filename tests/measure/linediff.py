#!/usr/bin/env python3
"""How many of strace's lines another trace of the same command repeats.

    linediff.py [-v N] REFERENCE OTHER [REFERENCE OTHER ...]

Each file is a `-f -o FILE` trace (lines "PID call(...) = ret" or
"[pid PID] ..."). Before comparing: each process's lines are taken apart,
a call split into "<unfinished ...>" and "<... resumed>" is joined again,
the processes are put in the order their parents made them (the first,
then breadth first, each parent's children in the order its clone, fork
or vfork returned them: not the order they first print in, which the
scheduler decides), their pids numbered so (P1, P2, ...) wherever they
occur, and addresses (hex of 5 digits and more) become ADDR. Then each
process's lines are aligned with difflib's longest matching blocks: a line
is identical when it is in a matched block. Prints the share of
REFERENCE's lines that OTHER has identical, over all the pairs, and the
syscalls that differ most often; -v N shows N differing pairs."""
import collections
import difflib
import re
import sys

PREFIX = re.compile(r'^(?:\[pid +(\d+)\] |(\d+) +)')
UNFINISHED = re.compile(r' <unfinished \.\.\.>$')
RESUMED = re.compile(r'^<\.\.\. ([a-z0-9_]+) resumed>')
ADDR = re.compile(r'0x[0-9a-f]{5,}')
NAME = re.compile(r'^([a-z0-9_]+)\(')
FORKED = re.compile(r'^(?:clone3?|fork|vfork)\(.* = (\d+)$')


def streams(path):
    """The lines of each process, in order, calls joined again."""
    per, order, pending = {}, [], {}
    for raw in open(path, errors="replace"):
        line = raw.rstrip("\n")
        m = PREFIX.match(line)
        pid = (m.group(1) or m.group(2)) if m else "0"
        body = line[m.end():] if m else line
        if pid not in per:
            per[pid] = []
            order.append(pid)
        if UNFINISHED.search(body):
            pending[pid] = UNFINISHED.sub("", body)
            continue
        r = RESUMED.match(body)
        if r:
            head = pending.pop(pid, None)
            body = (head + body[r.end():]) if head else body
        per[pid].append(body)
    for pid, head in pending.items():
        per[pid].append(head + " <unfinished ...>")
    return per, order


def by_fork(per, order):
    """order, rearranged as the processes were made (see the module's
    doc); a process no traced parent made (attached, or its parent's
    line lost) keeps its place after them."""
    made = order[:1]
    for parent in made:
        for line in per[parent]:
            m = FORKED.match(line)
            if m and m.group(1) in per and m.group(1) not in made:
                made.append(m.group(1))
    return made + [pid for pid in order if pid not in made]


def normalize(per, order):
    """Pids numbered as by_fork orders them, addresses as ADDR."""
    order = by_fork(per, order)
    ids = {pid: "P%d" % (i + 1) for i, pid in enumerate(order)}
    pat = re.compile(r'\b(' + '|'.join(map(re.escape, ids)) + r')\b') if ids else None
    out = []
    for pid in order:
        lines = []
        for line in per[pid]:
            line = ADDR.sub("ADDR", line)
            if pat:
                line = pat.sub(lambda m: ids[m.group(1)], line)
            # strace pads the result to column 40: compare without it
            line = re.sub(r'\) +(= )', r') \1', line)
            lines.append(line)
        out.append(lines)
    return out


def name_of(line):
    m = NAME.match(line)
    return m.group(1) if m else line.split(" ")[0]


def compare(ref, other, examples, shown):
    """Identical lines, lines, and the differing ones' syscalls; up to
    examples differing pairs appended to shown."""
    a, b = normalize(*streams(ref)), normalize(*streams(other))
    same = total = 0
    names = collections.Counter()
    for i, sa in enumerate(a):
        sb = b[i] if i < len(b) else []
        total += len(sa)
        sm = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                same += i2 - i1
                continue
            for k in range(i1, i2):
                names[name_of(sa[k])] += 1
                if len(shown) < examples:
                    o = sb[j1 + k - i1] if j1 + k - i1 < j2 else "(none)"
                    shown.append("  ref:   %s\n  other: %s" % (sa[k], o))
    return same, total, names


def main(argv):
    examples = 0
    if len(argv) > 2 and argv[1] == "-v":
        examples = int(argv[2])
        argv = argv[2:]
    files = argv[1:]
    if not files or len(files) % 2:
        sys.exit("usage: linediff.py [-v N] REFERENCE OTHER [REFERENCE OTHER ...]")
    same = total = 0
    names = collections.Counter()
    shown = []
    for ref, other in zip(files[::2], files[1::2]):
        s, t, n = compare(ref, other, examples, shown)
        same, total = same + s, total + t
        names.update(n)
    print("%.1f%% of %d lines identical" % (100.0 * same / max(total, 1), total))
    print("differing most: " + ", ".join("%s %d" % kv for kv in names.most_common(12)))
    for e in shown:
        print(e)


if __name__ == "__main__":
    main(sys.argv)
