#!/usr/bin/env python3
"""Semaphores at run time, judged by bpftrace: USDT_IS_ACTIVE() and
USDT_SEMA_IS_ACTIVE() are 1 exactly while bpftrace is attached, for an
implicit semaphore used in two translation units, for the same probe name
in a shared library (its own semaphore) and for an explicit semaphore
shared by two probes; an untraced probe's semaphore stays 0.

  sema_test.py BUILDDIR SRCDIR INCDIR CC...
"""

import os
import queue
import subprocess
import sys
import threading

from sdktest import check, fail, main_wrapper, readelf_notes, run, tool

ZERO = "state main=0 other=0 lib=0 req=0 cold=0"


def build(builddir, srcdir, incdir, cc):
    name = os.path.basename(cc)
    out = os.path.join(builddir, name)
    os.makedirs(out, exist_ok=True)
    src = os.path.join(srcdir, "sema")
    flags = ["-O2", "-std=c11", "-Wall", "-Wextra", "-pedantic", "-Werror",
             "-I", incdir]
    lib = os.path.join(out, "libsema.so")
    exe = os.path.join(out, "sema")
    run([cc] + flags + ["-fPIC", "-shared", os.path.join(src, "sema_lib.c"),
                        "-o", lib])
    run([cc] + flags + [os.path.join(src, "sema_main.c"),
                        os.path.join(src, "sema_other.c"), lib,
                        "-Wl,-rpath,$ORIGIN", "-o", exe])
    return exe, lib


def check_notes(exe, lib):
    notes = readelf_notes(exe)
    by = {}
    for n in notes:
        by.setdefault(n.name, set()).add(n.semaphore)
    check(sorted(by) == ["cold", "hot", "req_done", "req_start"],
          f"{exe}: probes {sorted(by)}")
    check(len(by["hot"]) == 1 and 0 not in by["hot"],
          f"{exe}: the two units' sema:hot notes do not share a semaphore")
    check(by["req_start"] == by["req_done"] and 0 not in by["req_done"],
          f"{exe}: req_start and req_done do not share the explicit semaphore")
    check(len(by["hot"] | by["req_done"] | by["cold"]) == 3,
          f"{exe}: distinct probes share a semaphore")
    lib_notes = readelf_notes(lib)
    check([n.name for n in lib_notes] == ["hot"] and
          lib_notes[0].semaphore != 0, f"{lib}: expected one sema:hot note")


def phases(exe, lib):
    """(bpftrace program, its expected output, the state while attached)"""
    return [
        (f"usdt:{exe}:sema:hot {{ @tu[arg0] = arg1;"
         f" if (@tu[1] == 1 && arg0 == 2) {{"
         f" printf(\"hot tu1=%d tu2=%d\\n\", @tu[1], arg1);"
         f" clear(@tu); exit(); }} }}",
         "hot tu1=1 tu2=1", "state main=1 other=1 lib=0 req=0 cold=0"),
        (f"usdt:{lib}:sema:hot {{ printf(\"lib tu=%d active=%d\\n\","
         f" arg0, arg1); exit(); }}",
         "lib tu=3 active=1", "state main=0 other=0 lib=1 req=0 cold=0"),
        (f"usdt:{exe}:sema:req_done {{ printf(\"req_done active=%d\\n\","
         f" arg0); exit(); }}",
         "req_done active=1", "state main=0 other=0 lib=0 req=1 cold=0"),
    ]


def next_line(lines, what):
    try:
        return lines.get(timeout=30)
    except queue.Empty:
        fail(f"the program printed no line {what} within 30 s")


def run_program(exe, lib, bpftrace):
    p = subprocess.Popen([exe], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)
    lines = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(l.rstrip("\n"))
                                              for l in p.stdout], daemon=True)
    reader.start()
    try:
        got = [next_line(lines, "at start")]
        check(got == [ZERO], f"{exe}: started with {got}, expected {ZERO}")
        for prog, want_bt, active in phases(exe, lib):
            # By path, not -p: bpftrace 0.17's per-process lookup (BCC)
            # sees one sema:hot per process and misses the library's. The
            # kernel maintains the semaphores (uprobe ref_ctr_offset).
            bt = run([bpftrace, "-B", "line", "-e", prog], check_rc=False,
                     timeout=60)
            out = [l for l in bt.stdout.splitlines()
                   if l and not l.startswith(("Attaching", "@"))]
            check(bt.returncode == 0 and out == [want_bt],
                  f"{exe}: bpftrace printed {out} (exit {bt.returncode}), "
                  f"expected [{want_bt!r}]\n{bt.stderr}")
            seen = [next_line(lines, "while traced"),
                    next_line(lines, "after bpftrace detached")]
            check(seen == [active, ZERO], f"{exe}: states {seen} around "
                  f"bpftrace, expected [{active!r}, {ZERO!r}]")
        p.stdin.write("quit\n")
        p.stdin.close()
        check(p.wait(timeout=30) == 0, f"{exe}: exit status {p.returncode}")
        reader.join(timeout=5)
        check(lines.empty(), f"{exe}: unexpected state lines at the end")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def run_test(builddir, srcdir, incdir, *compilers):
    check(os.geteuid() == 0, "bpftrace tests need root (uprobes and BPF)")
    bpftrace = tool("bpftrace")
    for cc in compilers:
        exe, lib = build(builddir, srcdir, incdir, tool(cc, cc))
        check_notes(exe, lib)
        run_program(exe, lib, bpftrace)
        print(f"ok {os.path.basename(cc)}")


if __name__ == "__main__":
    main_wrapper(lambda: run_test(*sys.argv[1:]))
