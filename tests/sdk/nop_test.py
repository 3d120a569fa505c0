#!/usr/bin/env python3
"""What an untraced probe costs, read from objdump: a probe without
semaphore in a hot loop is one `nop` (with LOTRACE_USDT_NOP10, `nop` plus
the 10-byte nop; with USDT_NOP, the instruction it names) and adds no
branch; a semaphore probe adds one 16-bit load of its semaphore.

  nop_test.py BUILDDIR SRCDIR INCDIR GCC CLANG
"""

import os
import re
import sys

from sdktest import (check, main_wrapper, objdump_insns, readelf_notes, run,
                     tool)

NOP10 = "662e0f1f840000000000"      # nopw %cs:0x0(%rax,%rax,1)
NOP5 = "0f1f440000"                 # nopl 0x0(%rax,%rax,1)
# the forms: the -D flags, and the nops the site must be
FORMS = {
    "": ([], ["90"]),
    "nop10": (["-DLOTRACE_USDT_NOP10"], ["90", NOP10]),
    "nop5": (["-DUSDT_NOP=.byte 0x0f, 0x1f, 0x44, 0x00, 0x00"], [NOP5]),
}


def is_nop(text):
    return re.match(r"(\S+ )*nop", text) is not None or text == "xchg   %ax,%ax"


def loop_around(insns, addr):
    """The instructions of the innermost loop (from the target of a backward
    conditional jump to that jump) that contains addr."""
    best = None
    for i, (a, _, text) in enumerate(insns):
        m = re.match(r"j\w+\s+([0-9a-f]+)\s", text)
        if not m or text.startswith("jmp"):
            continue
        target = int(m.group(1), 16)
        if target <= addr <= a and (best is None or target > best[0]):
            best = (target, a)
    check(best, f"no loop around the probe at {addr:#x}")
    return [x for x in insns if best[0] <= x[0] <= best[1]]


def notes_in(exe, name, insns):
    """The notes of probe hot:NAME located in the disassembled function."""
    lo, hi = insns[0][0], insns[-1][0]
    return [n for n in readelf_notes(exe)
            if n.name == name and lo <= n.location <= hi]


def check_plain(where, exe, site):
    insns = objdump_insns(exe, "hot_plain")
    notes = notes_in(exe, "plain", insns)
    check(len(notes) == 1, f"{where}: {len(notes)} notes for hot:plain "
          "in hot_plain()")
    note = notes[0]
    check(note.semaphore == 0, f"{where}: hot:plain has a semaphore")
    body = loop_around(insns, note.location)
    at = {a: (b, t) for a, b, t in body}
    check(at.get(note.location, ("",))[0] == site[0],
          f"{where}: the probe address {note.location:#x} is not {site[0]}")
    nops = [(a, b) for a, b, t in body if is_nop(t)]
    want, addr = [], note.location
    for b in site:
        want.append((addr, b))
        addr += len(b) // 2
    check(nops == want, f"{where}: nops in the loop {nops}, expected {want}")
    jumps = [t for _, _, t in body if t.startswith("j") or
             t.startswith("call")]
    check(len(jumps) == 1, f"{where}: the loop has branches {jumps}; "
          "only its own backward jump was expected")


def check_sema(where, exe):
    insns = objdump_insns(exe, "hot_sema")
    notes = notes_in(exe, "sema", insns)
    check(notes, f"{where}: no note for hot:sema in hot_sema()")
    sema = notes[0].semaphore
    check(sema != 0 and all(n.semaphore == sema for n in notes),
          f"{where}: hot:sema's notes do not share one semaphore")
    reads = [(a, t) for a, _, t in insns if re.search(rf"# {sema:x} <", t)]
    check(len(reads) == 1, f"{where}: {len(reads)} accesses to the "
          f"semaphore at {sema:x}: {reads}")
    addr, text = reads[0]
    check(re.match(r"(movzwl|cmpw|testw|movw)\s", text),
          f"{where}: the semaphore is not read as an unsigned short: {text}")
    body = loop_around(insns, addr)
    check(len([t for _, _, t in body if t.startswith("j")]) >= 2,
          f"{where}: no branch on the semaphore in the loop")


def run_test(builddir, srcdir, incdir, gcc, clang):
    os.makedirs(builddir, exist_ok=True)
    src = os.path.join(srcdir, "hotloop.c")
    for cc in (tool("gcc", gcc), tool("clang", clang)):
        for form, (defs, site) in FORMS.items():
            where = f"{os.path.basename(cc)} -O2 {' '.join(defs)}"
            exe = os.path.join(builddir, f"hotloop-{os.path.basename(cc)}"
                               f"{'-' + form if form else ''}")
            run([cc, "-O2", "-Wall", "-Wextra", "-pedantic", "-Werror",
                 "-I", incdir] + defs + [src, "-o", exe])
            check_plain(where, exe, site)
            check_sema(where, exe)
            print(f"ok {where}")


if __name__ == "__main__":
    main_wrapper(lambda: run_test(*sys.argv[1:]))
