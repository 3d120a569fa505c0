#!/usr/bin/env python3
"""libbpf-style use of the header: USDT_{MAJOR,MINOR,PATCH}_VERSION,
struct usdt_sema named by the caller, USDT_NOP, and semaphores shared with
a unit built "with libbpf's usdt.h" (sim.c, written from libbpf's
documented ABI): a semaphore defined on either side and declared on the
other, and an implicit one defined by both, link into one, and bpftrace
attached to either side's probe switches it on for both units.

  libbpf_test.py BUILDDIR SRCDIR INCDIR GCC GXX CLANG CLANGXX
"""

import os
import queue
import re
import subprocess
import sys
import threading

from sdktest import (check, fail, main_wrapper, objdump_insns, readelf_notes,
                     run, tool)

ZERO = "ours_defined=0/0 sim_defined=0/0 shared=0/0"
NOP5 = "0f1f440000"


def build(builddir, srcdir, cc, cxx, lang, incdir):
    # bpftrace cannot parse a '+' in a probe's path: no "g++" directory
    name = f"{os.path.basename(cc)}-{'cxx' if lang == 'c++' else 'c'}"
    out = os.path.join(builddir, name)
    os.makedirs(out, exist_ok=True)
    src = os.path.join(srcdir, "libbpf")
    flags = ["-O2", "-Wall", "-Wextra", "-pedantic", "-Werror", "-I", incdir]
    std = "-std=c++11" if lang == "c++" else "-std=c11"
    objs = []
    for f, comp, fl in (("ours.c", cxx if lang == "c++" else cc,
                         ["-x", lang, std]),
                        ("sim.c", cc, ["-std=c11"]),
                        ("nop.c", cc, ["-std=c11"])):
        obj = os.path.join(out, f[:-2] + ".o")
        run([comp] + fl + flags + ["-c", os.path.join(src, f), "-o", obj])
        objs.append(obj)
    exe = os.path.join(out, "lbsim")
    run([cxx if lang == "c++" else cc] + objs + ["-o", exe])
    return exe


def symbols(exe):
    out = run([tool("nm"), exe]).stdout
    return {m.group(2): int(m.group(1), 16) for m in
            re.finditer(r"^([0-9a-f]+) \w (__usdt_sema_\w+)$", out, re.M)}


def check_elf(exe):
    syms = symbols(exe)
    check(sorted(syms) == ["__usdt_sema_lbsim__shared",
                           "__usdt_sema_ours_defined",
                           "__usdt_sema_sim_defined"],
          f"{exe}: semaphore symbols {sorted(syms)}")
    notes = {n.name: n for n in readelf_notes(exe)}
    want = {"ours_probe": "__usdt_sema_sim_defined",
            "sim_probe": "__usdt_sema_ours_defined",
            "shared": "__usdt_sema_lbsim__shared"}
    for probe, sym in want.items():
        check(probe in notes and notes[probe].semaphore == syms[sym],
              f"{exe}: lbsim:{probe}'s semaphore is not {sym}")
    nop5 = notes.get("nop5")
    check(nop5 and nop5.semaphore == 0, f"{exe}: no lbsim:nop5 probe")
    at = {a: b for a, b, _ in objdump_insns(exe, "nop_probe_site")}
    check(at.get(nop5.location) == NOP5, f"{exe}: USDT_NOP ignored: "
          f"{at.get(nop5.location)} at {nop5.location:#x}, expected {NOP5}")


def phases(exe):
    """(bpftrace program, its expected line, the state while attached)"""
    return [
        (f"usdt:{exe}:lbsim:sim_probe {{ printf(\"sim_probe %d\\n\", arg0);"
         " exit(); }", "sim_probe 1",
         "ours_defined=1/1 sim_defined=0/0 shared=0/0"),
        (f"usdt:{exe}:lbsim:ours_probe {{ printf(\"ours_probe %d\\n\","
         " arg0); exit(); }", "ours_probe 1",
         "ours_defined=0/0 sim_defined=1/1 shared=0/0"),
        (f"usdt:{exe}:lbsim:shared {{ printf(\"shared %d\\n\", arg0);"
         " exit(); }", "shared 1",
         "ours_defined=0/0 sim_defined=0/0 shared=1/1"),
        (f"usdt:{exe}:lbsim:nop5 {{ printf(\"nop5 %d\\n\", arg0 >= 0);"
         " exit(); }", "nop5 1", None),
    ]


def next_line(lines, what):
    try:
        return lines.get(timeout=30)
    except queue.Empty:
        fail(f"the program printed no line {what} within 30 s")


def run_program(exe, bpftrace):
    p = subprocess.Popen([exe], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l.rstrip("\n"))
                                     for l in p.stdout], daemon=True).start()
    try:
        first = next_line(lines, "at start")
        check(first == ZERO, f"{exe}: started with {first!r}")
        for prog, want_bt, active in phases(exe):
            bt = run([bpftrace, "-B", "line", "-e", prog], check_rc=False,
                     timeout=60)
            out = [l for l in bt.stdout.splitlines()
                   if l and not l.startswith(("Attaching", "@"))]
            check(bt.returncode == 0 and out == [want_bt],
                  f"{exe}: bpftrace printed {out} (exit {bt.returncode}), "
                  f"expected [{want_bt!r}]\n{bt.stderr}")
            if active:
                seen = [next_line(lines, "while traced"),
                        next_line(lines, "after bpftrace detached")]
                check(seen == [active, ZERO], f"{exe}: states {seen}, "
                      f"expected [{active!r}, {ZERO!r}]")
        p.stdin.write("quit\n")
        p.stdin.close()
        check(p.wait(timeout=30) == 0, f"{exe}: exit status {p.returncode}")
        check(lines.empty(), f"{exe}: unexpected state lines at the end")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def run_test(builddir, srcdir, incdir, gcc, gxx, clang, clangxx):
    check(os.geteuid() == 0, "bpftrace tests need root (uprobes and BPF)")
    bpftrace = tool("bpftrace")
    for cc, cxx in ((tool("gcc", gcc), tool("g++", gxx)),
                    (tool("clang", clang), tool("clang++", clangxx))):
        for lang in ("c", "c++"):
            exe = build(builddir, srcdir, cc, cxx, lang, incdir)
            check_elf(exe)
            run_program(exe, bpftrace)
            print(f"ok {os.path.basename(cc)} {lang}")


if __name__ == "__main__":
    main_wrapper(lambda: run_test(*sys.argv[1:]))
