#!/usr/bin/env python3
"""Every form of probe site is read by the tools users trace with: the
SDK's default (one 1-byte nop), USDT_NOP's 5-byte nop (which Linux 6.18
turns into a call) and LOTRACE_USDT_NOP10. readelf and objdump find the
note at the site's first byte; BCC's tplist parses the note; perf
(buildid-cache, perf probe, perf stat), bpftrace and lotrace count every
hit. (systemtap needs the running kernel's build tree, which this kernel
has not; its <sys/sdt.h> gives the same notes, compat_test.py.)

  consumers_test.py BUILDDIR SRCDIR INCDIR CC LOTRACE
"""

import os
import re
import sys

from sdktest import check, main_wrapper, objdump_insns, readelf_notes, run, tool

HITS = 1000
FORMS = {
    "nop1": ([], "90"),
    "nop5": (["-DUSDT_NOP=.byte 0x0f, 0x1f, 0x44, 0x00, 0x00"], "0f1f440000"),
    "nop10": (["-DLOTRACE_USDT_NOP10"], "90"),
}


def check_elf(exe, first):
    notes = [n for n in readelf_notes(exe) if n.name == "hit"]
    check(len(notes) == 1, f"{exe}: {len(notes)} site:hit notes")
    at = {a: b for a, b, _ in objdump_insns(exe, "main")}
    check(at.get(notes[0].location) == first, f"{exe}: {at.get(notes[0].location)} "
          f"at the note's address, expected {first}")


def check_bcc(exe):
    out = run([tool("tplist-bpfcc"), "-vv", "-l", exe]).stdout
    check(re.search(r"^site:hit .*\n  location #1 .*\n(    argument #\d .*\n){2}",
                    out, re.M), f"{exe}: tplist-bpfcc reads no site:hit with "
          f"two arguments:\n{out}")


def check_perf(exe):
    perf = tool("perf")
    run([perf, "buildid-cache", "--add", exe])
    try:
        run([perf, "probe", "-x", exe, "-a", "sdt_site:hit"])
        try:
            out = run([perf, "stat", "-x,", "-e", "sdt_site:hit", exe,
                       str(HITS)]).stderr
        finally:
            run([perf, "probe", "-d", "sdt_site:hit"], check_rc=False)
    finally:
        run([perf, "buildid-cache", "--remove", exe], check_rc=False)
    count = [l.split(",")[0] for l in out.splitlines() if "sdt_site:hit" in l]
    check(count == [str(HITS)], f"{exe}: perf stat counted {count}, "
          f"expected {HITS}")


def check_bpftrace(exe):
    out = run([tool("bpftrace"), "-e",
               f"usdt:{exe}:site:hit {{ @n = count(); }}",
               "-c", f"{exe} {HITS}"]).stdout
    check(re.search(rf"^@n: {HITS}$", out, re.M),
          f"{exe}: bpftrace counted {out!r}, expected {HITS}")


def check_lotrace(exe, lotrace):
    out = run([lotrace, "-c", "-u", "site:hit", "-e", "trace=none", "--",
               exe, str(HITS)]).stderr
    check(re.search(rf"\s{HITS}\s+usdt:site:hit$", out, re.M),
          f"{exe}: lotrace -c counted:\n{out}")


def run_test(builddir, srcdir, incdir, cc, lotrace):
    check(os.geteuid() == 0, "uprobes need root")
    os.makedirs(builddir, exist_ok=True)
    for form, (defs, first) in FORMS.items():
        exe = os.path.join(builddir, f"sites-{form}")
        run([tool("cc", cc), "-O2", "-Wall", "-Wextra", "-Werror",
             "-I", incdir] + defs + [os.path.join(srcdir, "sites.c"), "-o", exe])
        check_elf(exe, first)
        check_bcc(exe)
        check_perf(exe)
        check_bpftrace(exe)
        check_lotrace(exe, lotrace)
        print(f"ok {form}: readelf, BCC, perf, bpftrace and lotrace")


if __name__ == "__main__":
    main_wrapper(lambda: run_test(*sys.argv[1:]))
