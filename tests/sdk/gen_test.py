#!/usr/bin/env python3
"""usdt-gen: golden headers, error messages, the headers in use (compiled as
C and C++, read with readelf and bpftrace) and a valgrind run.

  gen_test.py golden   USDT_GEN SRCDIR BUILDDIR
  gen_test.py errors   USDT_GEN SRCDIR BUILDDIR
  gen_test.py use      USDT_GEN SRCDIR BUILDDIR INCDIR CC CXX
  gen_test.py valgrind USDT_GEN SRCDIR BUILDDIR
  gen_test.py scale    USDT_GEN SRCDIR BUILDDIR
  gen_test.py outputs  USDT_GEN SRCDIR BUILDDIR
  gen_test.py inputs   USDT_GEN SRCDIR BUILDDIR
  gen_test.py types    USDT_GEN SRCDIR BUILDDIR INCDIR CC CXX CLANG CLANGXX
"""

import filecmp
import glob
import os
import re
import resource
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time

from sdktest import (bpftrace_attached, check, fail, main_wrapper,
                     readelf_notes, run, tool)

GOLDEN = ("kvd", "pgsql", "two")


def gen(usdt_gen, args, cwd, wrapper=()):
    return subprocess.run([*wrapper, usdt_gen, *args], cwd=cwd, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def cmd_golden(usdt_gen, srcdir, builddir):
    d = os.path.join(srcdir, "usdt-gen")
    out = os.path.join(builddir, "golden")
    os.makedirs(out, exist_ok=True)
    for name in GOLDEN:
        header = os.path.join(out, f"{name}.h")
        p = gen(usdt_gen, ["-s", f"{name}.d", "-o", header], d)
        check(p.returncode == 0, f"{name}.d: exit {p.returncode}\n{p.stderr}")
        want = os.path.join(d, f"{name}.h.expected")
        if not filecmp.cmp(header, want, shallow=False):
            diff = run(["diff", "-u", want, header], check_rc=False).stdout
            fail(f"{name}.d: the header differs from {want}:\n{diff}")
        err = os.path.join(d, f"{name}.stderr.expected")
        want_err = open(err).read() if os.path.exists(err) else ""
        check(p.stderr == want_err, f"{name}.d: stderr {p.stderr!r}, "
              f"expected {want_err!r}")
        # The same through standard output, and under dtrace's -h.
        p = gen(usdt_gen, ["-h", "-s", f"{name}.d", "-o", "-"], d)
        with open(header) as f:
            text = f.read()
        # Only the include guard may differ: it comes from the providers.
        def unguard(s):
            return re.sub(r"\bUSDT_GEN_\w+_H\b", "GUARD", s)
        check(p.returncode == 0 and unguard(p.stdout) == unguard(text),
              f"{name}.d: -o - differs from the file output")
    # Without -o, provider.d gives provider.h beside it.
    shutil.copy(os.path.join(d, "kvd.d"), out)
    os.remove(os.path.join(out, "kvd.h"))
    p = gen(usdt_gen, ["-s", "kvd.d"], out)
    check(p.returncode == 0 and os.path.exists(os.path.join(out, "kvd.h")),
          "usdt-gen -s kvd.d did not write kvd.h")
    check(filecmp.cmp(os.path.join(out, "kvd.h"),
                      os.path.join(d, "kvd.h.expected"), shallow=False),
          "usdt-gen -s kvd.d wrote a header unlike kvd.h.expected")
    print(f"{len(GOLDEN)} golden headers match")


# (arguments, expected exit status, expected stderr or stdout start)
CLI_CASES = [
    ([], 1, "usdt-gen: error: no provider file: use -s PROVIDER.d "
     "(see --help)\n"),
    (["-s"], 1, "usdt-gen: error: option '-s' needs a file name "
     "(see --help)\n"),
    (["-s", "missing.d"], 1, "usdt-gen: error: cannot read 'missing.d': "
     "No such file or directory\n"),
    (["-s", "a.d", "-s", "b.d"], 1, "usdt-gen: error: option '-s' given "
     "twice\n"),
    (["-x"], 1, "usdt-gen: error: unknown argument '-x' (see --help)\n"),
    (["-G", "-s", "a.d"], 1, "usdt-gen: error: -G is not needed: the "
     "probes' semaphores are defined by the header itself\n"),
    (["--help"], 0, "usage: usdt-gen [-h] -s PROVIDER.d [-o HEADER.h]\n"),
    (["--version"], 0, "usdt-gen "),
]


def cmd_errors(usdt_gen, srcdir, builddir):
    d = os.path.join(srcdir, "usdt-gen", "errors")
    out = os.path.join(builddir, "errors")
    os.makedirs(out, exist_ok=True)
    cases = sorted(glob.glob(os.path.join(d, "*.d")))
    check(len(cases) >= 15, f"only {len(cases)} error cases in {d}")
    for path in cases:
        name = os.path.basename(path)
        with open(path) as f:
            first = f.readline()
        check(first.startswith("// expect: "), f"{name}: no expectation")
        want = f"{name}:{first[len('// expect: '):]}"
        header = os.path.join(out, name + ".h")
        with open(header, "w") as f:
            f.write("previous\n")
        p = gen(usdt_gen, ["-s", name, "-o", header], d)
        check(p.returncode == 1, f"{name}: exit {p.returncode}, expected 1")
        check(p.stderr == want, f"{name}: stderr\n  {p.stderr!r}\n"
              f"expected\n  {want!r}")
        with open(header) as f:
            check(f.read() == "previous\n", f"{name}: the output file was "
                  "changed although usdt-gen failed")
    for args, rc, want in CLI_CASES:
        p = gen(usdt_gen, args, out)
        got = p.stdout if rc == 0 else p.stderr
        check(p.returncode == rc and got.startswith(want) and
              (rc == 0 or got == want),
              f"usdt-gen {' '.join(args)}: exit {p.returncode}, "
              f"{got!r}; expected exit {rc}, {want!r}")
    print(f"{len(cases)} bad provider files and {len(CLI_CASES)} command "
          "lines give the expected messages")


# Expected notes of app.c: argument sizes from the .d files' types.
APP_NOTES = {
    ("kvd", "conn__accept"): [-4, 8],
    ("kvd", "request__start"): [-4, 8],
    ("kvd", "request__done"): [-4, 8, 8, -8],
    ("kvd", "idle"): [],
    ("kvd", "tick"): [],
    ("kvd", "stats"): [8, 8, 4, -1, 1, -2, 2, 8, -8, 8, 8, 8],
    ("postgresql", "transaction__start"): [4],
    ("postgresql", "lwlock__acquire"): [8, -4],
    ("postgresql", "buffer__read__done"): [-4, 4, 4, 4, 4, -4, 1],
    ("app", "done"): [],
}

APP_BPFTRACE = """
usdt:{exe}:kvd:conn__accept {{ printf("conn__accept %d %s\\n", arg0, str(arg1)); }}
usdt:{exe}:kvd:request__start {{ printf("request__start %d %s\\n", arg0, str(arg1)); }}
usdt:{exe}:kvd:request__done {{ printf("request__done %d %s %lu %ld\\n", arg0, str(arg1), arg2, arg3); }}
usdt:{exe}:kvd:idle {{ printf("idle\\n"); }}
usdt:{exe}:kvd:stats {{ printf("stats %lu %lu %lu %ld %lu %ld\\n", arg0, arg1, arg2, arg3, arg4, arg5); }}
usdt:{exe}:postgresql:transaction__start {{ printf("transaction__start %lu\\n", arg0); }}
usdt:{exe}:postgresql:lwlock__acquire {{ printf("lwlock__acquire %s %d\\n", str(arg0), arg1); }}
usdt:{exe}:postgresql:buffer__read__done {{ printf("buffer__read__done %ld %lu %lu %lu %lu %ld\\n", arg0, arg1, arg2, arg3, arg4, arg5); }}
usdt:{exe}:app:done {{ exit(); }}
"""

APP_VALUES = [
    "conn__accept 3 127.0.0.1",
    "request__start 7 GET",
    "request__done 7 key 123456789 -2",
    "idle",
    "stats 1 2 3 -4 5 -6",
    "transaction__start 42",
    "lwlock__acquire WALWrite 1",
    "buffer__read__done 0 17 1663 5 16384 -1",
]

BAD_CALLS = [
    # (statement, what must stop the build)
    ('KVD_CONN_ACCEPT(3, 42);', "an int where the .d says const char *"),
    ('KVD_REQUEST_DONE(1, "k", 2ULL);', "too few arguments"),
    ('KVD_IDLE(1);', "an argument to a probe without any"),
]


def cmd_use(usdt_gen, srcdir, builddir, incdir, cc, cxx):
    d = os.path.join(srcdir, "usdt-gen")
    out = os.path.join(builddir, "use")
    os.makedirs(out, exist_ok=True)
    for name in ("kvd", "pgsql"):
        p = gen(usdt_gen, ["-s", os.path.join(d, f"{name}.d"), "-o",
                           os.path.join(out, f"{name}.h")], out)
        check(p.returncode == 0, f"{name}.d: {p.stderr}")
    flags = ["-Wall", "-Wextra", "-pedantic", "-Werror", "-O2", "-I", out,
             "-I", incdir]
    bpftrace = tool("bpftrace")
    check(os.geteuid() == 0, "bpftrace tests need root (uprobes and BPF)")
    for comp, lang, std in ((tool("gcc", cc), "c", "c99"),
                            (tool("g++", cxx), "c++", "c++11")):
        exe = os.path.join(out, f"app-{lang.replace('+', 'x')}")
        run([comp, "-x", lang, f"-std={std}", *flags,
             os.path.join(d, "app.c"), "-o", exe])
        notes = readelf_notes(exe)
        got = {(n.provider, n.name): [int(a.split("@")[0]) for a in n.args]
               for n in notes}
        check(got == APP_NOTES, f"{exe}: notes {got}, expected {APP_NOTES}")
        check(all(n.semaphore != 0 for n in notes if n.provider != "app"),
              f"{exe}: a generated probe has no semaphore")
        lines, _ = bpftrace_attached(bpftrace, APP_BPFTRACE.format(exe=exe),
                                     [exe, "--wait"])
        got = sorted(l for l in lines if l.split(" ")[0] in
                     {v.split(" ")[0] for v in APP_VALUES})
        check(got == sorted(APP_VALUES), f"{exe}: bpftrace read {got}, "
              f"expected {sorted(APP_VALUES)}")
        # The generated macros are typed: a wrong call does not build.
        for stmt, why in BAD_CALLS:
            src = os.path.join(out, "bad.c")
            with open(src, "w") as f:
                f.write('#include "kvd.h"\nint main(void)\n{\n\t'
                        f"{stmt}\n\treturn 0;\n}}\n")
            p = run([comp, "-x", lang, f"-std={std}", *flags, "-c", src,
                     "-o", os.devnull], check_rc=False)
            check(p.returncode != 0, f"{lang}: {stmt} built despite {why}")
        print(f"ok {lang}")


def cmd_valgrind(usdt_gen, srcdir, builddir):
    valgrind = tool("valgrind")
    d = os.path.join(srcdir, "usdt-gen")
    out = os.path.join(builddir, "valgrind")
    os.makedirs(out, exist_ok=True)
    vg = [valgrind, "--quiet", "--leak-check=full", "--show-leak-kinds=all",
          "--errors-for-leak-kinds=all", "--error-exitcode=99"]
    inputs = [os.path.join(d, f"{n}.d") for n in GOLDEN] + \
        sorted(glob.glob(os.path.join(d, "errors", "*.d")))
    for path in inputs:
        p = gen(usdt_gen, ["-s", path, "-o",
                           os.path.join(out, "out.h")], out, vg)
        check(p.returncode in (0, 1), f"valgrind on {path}: exit "
              f"{p.returncode}\n{p.stderr}")
    for args, _, _ in CLI_CASES:
        p = gen(usdt_gen, args, out, vg)
        check(p.returncode != 99, f"valgrind on usdt-gen {' '.join(args)}:\n"
              f"{p.stderr}")
    print(f"valgrind: no errors or leaks in {len(inputs) + len(CLI_CASES)} "
          "runs")


# A provider file as large as a generated one gets: every name that
# usdt-gen indexes (providers, probes, macros, #defines, struct tags) many
# times over. Read in linear time this takes a fraction of a second (ASan
# included); the quadratic reader took 23 s for the 50,000 probes alone.
SCALE_PROBES = 50000
SCALE_OTHERS = 10000
SCALE_SECONDS = 5


def scale_file(path):
    with open(path, "w") as f:
        for i in range(SCALE_OTHERS):
            f.write(f"#define T{i} unsigned int\n")
        f.write("provider big {\n")
        for i in range(SCALE_PROBES):
            f.write(f"\tprobe p{i}(T{i % SCALE_OTHERS}, char *);\n")
        f.write("};\n")
        for i in range(SCALE_OTHERS):
            f.write(f"provider s{i} {{ probe p(struct t{i} *); }};\n")


def cmd_scale(usdt_gen, srcdir, builddir):
    out = os.path.join(builddir, "scale")
    os.makedirs(out, exist_ok=True)
    src = os.path.join(out, "big.d")
    scale_file(src)
    start = time.monotonic()
    p = gen(usdt_gen, ["-s", src, "-o", os.path.join(out, "big.h")], out)
    took = time.monotonic() - start
    check(p.returncode == 0, f"big.d: exit {p.returncode}\n{p.stderr}")
    with open(os.path.join(out, "big.h")) as f:
        text = f.read()
    macros = len(re.findall(r"^#define \w+_ENABLED\(\)", text, re.M))
    tags = len(re.findall(r"^struct t\d+;$", text, re.M))
    want = SCALE_PROBES + SCALE_OTHERS
    check(macros == want and tags == SCALE_OTHERS,
          f"big.h: {macros} probes and {tags} struct declarations, "
          f"expected {want} and {SCALE_OTHERS}")
    check(took < SCALE_SECONDS, f"usdt-gen took {took:.1f} s for {want} "
          f"probes; expected well under {SCALE_SECONDS} s (linear time)")
    print(f"{want} probes in {took:.2f} s")


def unguard(s):
    return re.sub(r"\bUSDT_GEN_\w+_H\b", "GUARD", s)


def cmd_outputs(usdt_gen, srcdir, builddir):
    """-o onto what is not a plain file: devices and FIFOs are written
    through and stay what they are, symlinks stay symlinks, directories and
    sockets are refused in one line."""
    src = os.path.join(srcdir, "usdt-gen", "two.d")
    out = os.path.join(builddir, "outputs")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    want = unguard(gen(usdt_gen, ["-s", src, "-o", "-"], out).stdout)
    check(want.startswith("/*"), "usdt-gen -o - wrote no header")

    def to(name):
        return gen(usdt_gen, ["-s", src, "-o", name], out)

    def kind(name):
        return stat.S_IFMT(os.lstat(os.path.join(out, name)).st_mode)

    # A symlink to /dev/null: the link and /dev/null stay as they are.
    os.symlink(os.devnull, os.path.join(out, "null.h"))
    p = to("null.h")
    check(p.returncode == 0 and p.stderr == "", f"-o null.h: {p.stderr}")
    check(kind("null.h") == stat.S_IFLNK, "-o null.h replaced the symlink")
    check(stat.S_ISCHR(os.stat(os.devnull).st_mode), "/dev/null is gone")
    # A device node of our own (root can make one: /dev/null's numbers).
    if os.geteuid() == 0:
        os.mknod(os.path.join(out, "dev.h"), 0o666 | stat.S_IFCHR,
                 os.makedev(1, 3))
        p = to("dev.h")
        check(p.returncode == 0 and kind("dev.h") == stat.S_IFCHR,
              f"-o dev.h: exit {p.returncode}, {p.stderr}, the device "
              "node was replaced")
    # A FIFO: its reader gets the header, and it stays a FIFO.
    fifo = os.path.join(out, "fifo.h")
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo).read()),
                              daemon=True)
    reader.start()
    p = to("fifo.h")
    reader.join(30)
    check(p.returncode == 0 and kind("fifo.h") == stat.S_IFIFO,
          f"-o fifo.h: exit {p.returncode}, {p.stderr}")
    check(got and unguard(got[0]) == want, "the FIFO's reader got "
          f"{got[0][:80] if got else None!r}, not the header")
    # A symlink to a header: the header is replaced, the link stays.
    with open(os.path.join(out, "real.h"), "w") as f:
        f.write("old\n")
    os.symlink("real.h", os.path.join(out, "link.h"))
    p = to("link.h")
    with open(os.path.join(out, "real.h")) as f:
        check(p.returncode == 0 and kind("link.h") == stat.S_IFLNK and
              unguard(f.read()) == want, f"-o link.h: exit {p.returncode}"
              f", {p.stderr}, the link or its target is wrong")
    # A dangling symlink: its target is created.
    os.symlink("new.h", os.path.join(out, "dangling.h"))
    p = to("dangling.h")
    check(p.returncode == 0 and kind("dangling.h") == stat.S_IFLNK and
          kind("new.h") == stat.S_IFREG, f"-o dangling.h: {p.stderr}")
    # What cannot hold a header: one line, exit 1, nothing changed.
    os.mkdir(os.path.join(out, "dir.h"))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(os.path.join(out, "sock.h"))
    for name, why, k in (("dir.h", "it is a directory", stat.S_IFDIR),
                         ("sock.h", "not a regular file, a character "
                          "device or a FIFO", stat.S_IFSOCK)):
        p = to(name)
        line = f"usdt-gen: error: cannot write '{name}': {why}\n"
        check(p.returncode == 1 and p.stderr == line and kind(name) == k,
              f"-o {name}: exit {p.returncode}, {p.stderr!r}; expected 1, "
              f"{line!r}")
    sock.close()
    left = [n for n in os.listdir(out) if ".tmp" in n]
    check(not left, f"temporary files left behind: {left}")
    print("devices, FIFOs, symlinks, directories and sockets as -o: ok")


def cmd_inputs(usdt_gen, srcdir, builddir):
    """-s from what is no provider file: a NUL byte (/dev/zero) and an
    endless pipe are one line, exit 1, at once and in bounded memory,
    where usdt-gen used to read until memory ran out."""
    out = os.path.join(builddir, "inputs")
    os.makedirs(out, exist_ok=True)
    header = os.path.join(out, "x.h")
    cases = (("/dev/zero", None, "contains a NUL byte"),
             ("/dev/stdin", b"provider p { probe a(int); };\n",
              "is larger than 16 MiB"))
    for src, line, why in cases:
        feeder = None
        stdin = subprocess.DEVNULL
        if line:
            # an endless stream of sound provider text
            feeder = subprocess.Popen(["yes", line.decode().rstrip("\n")],
                                      stdout=subprocess.PIPE)
            stdin = feeder.stdout
        start = time.monotonic()
        p = subprocess.run([usdt_gen, "-s", src, "-o", header], stdin=stdin,
                           capture_output=True, text=True, timeout=20)
        took = time.monotonic() - start
        if feeder:
            feeder.kill()
            feeder.wait()
        lines = p.stderr.splitlines()
        # the largest of the children so far: usdt-gen's, or smaller
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        want = f"usdt-gen: error: '{src}' {why}; is it a provider file?"
        check(p.returncode == 1 and lines == [want],
              f"-s {src}: exit {p.returncode}, {lines}; expected 1, {want!r}")
        check(took < 10 and rss < 128 * 1024,
              f"-s {src}: {took:.1f} s, {rss} KB before failing")
        check(not os.path.exists(header), f"-s {src} wrote {header}")
    print("-s /dev/zero and an endless pipe: refused at once")


# What USDT_WITH_SEMA gets from kvd.h's macros in types.c: kvd.d's types
# (x86-64's typedefs spelled out), whatever types the call passed.
TYPES = """conn__accept(int, const char *)
request__start(int, char *)
request__done(int, const char *, unsigned long long, long)
idle()
tick()
stats(unsigned long, unsigned long, unsigned int, signed char, \
unsigned char, short, unsigned short, unsigned long, long, void *, \
const void *, char **)
"""


def cmd_types(usdt_gen, srcdir, builddir, incdir, cc, cxx, clang, clangxx):
    d = os.path.join(srcdir, "usdt-gen")
    out = os.path.join(builddir, "types")
    os.makedirs(out, exist_ok=True)
    p = gen(usdt_gen, ["-s", os.path.join(d, "kvd.d"), "-o",
                       os.path.join(out, "kvd.h")], out)
    check(p.returncode == 0, f"kvd.d: {p.stderr}")
    flags = ["-Wall", "-Wextra", "-pedantic", "-Werror", "-O2", "-I", out,
             "-I", incdir, os.path.join(d, "types.c")]
    for comp, lang, std in ((tool("gcc", cc), "c", "c11"),
                            (tool("clang", clang), "c", "c11"),
                            (tool("g++", cxx), "c++", "c++11"),
                            (tool("clang++", clangxx), "c++", "c++11")):
        exe = os.path.join(out, "types")
        run([comp, "-x", lang, f"-std={std}", *flags, "-o", exe])
        got = run([exe]).stdout
        check(got == TYPES, f"{os.path.basename(comp)} -std={std}: "
              f"USDT_WITH_SEMA got\n{got}expected\n{TYPES}")
    print("the macros pass every argument as its declared type")


def main():
    cmd = {"golden": cmd_golden, "errors": cmd_errors, "use": cmd_use,
           "valgrind": cmd_valgrind, "scale": cmd_scale,
           "outputs": cmd_outputs, "inputs": cmd_inputs,
           "types": cmd_types}[sys.argv[1]]
    main_wrapper(lambda: cmd(*sys.argv[2:]))


if __name__ == "__main__":
    main()
