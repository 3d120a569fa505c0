#!/usr/bin/env python3
"""The compile matrix: probes.c as C and C++, with gcc and clang, at -O0 and
-O2, into an executable, a PIE and a shared library (24 builds).

  matrix.py build    DIR SRCDIR INCDIR GCC GXX CLANG CLANGXX
  matrix.py readelf  DIR    every note checked with binutils' readelf
  matrix.py bpftrace DIR    bpftrace lists the probes and reads the values

The expectations below are the C ABI's (x86-64 LP64), written by hand: the
size of each argument's type, negative when signed, and for constants the
exact operand.
"""

import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sdktest import (bpftrace_attached, check, fail, lotrace_types,
                     main_wrapper, objdump_insns, readelf_notes,
                     readelf_sections, run, tool)

PROVIDER = "lt"
# bpftrace 0.17 (Debian 12) reads USDT arguments arg0..arg5 only.
BPFTRACE_MAX_ARGS = 6


@dataclass
class Arg:
    size: int               # signed size in the spec: -4 for int
    value: object = None    # what bpftrace must read; None: not checked
    fmt: str = "d"          # d signed, u unsigned, s string, x hex, nz != 0
    const: str = None       # the exact operand of a constant, e.g. "$42"
    ty: int = None          # the SDK's recorded type, when not by the above


# the SDK's argument types in .lotrace.usdt (include/lotrace/usdt.h)
T_SIGNED, T_UNSIGNED, T_POINTER, T_STRING, T_FLOAT = 1, 2, 3, 4, 5


def arg_type(arg):
    if arg.ty is not None:
        return arg.ty
    if arg.fmt == "s":
        return T_STRING
    return T_SIGNED if arg.size < 0 else T_UNSIGNED


def probes(lang):
    """(name, [Arg]) for every probe of probes.c, in firing order."""
    char_lit = -4 if lang == "c" else -1     # 'A' is an int in C only
    return [
        ("none", []),
        ("boolean", [Arg(1, 1, "u")]),
        ("chars", [Arg(-1, -3), Arg(-1, -100), Arg(1, 200, "u")]),
        ("shorts", [Arg(-2, -30000), Arg(2, 65000, "u")]),
        ("ints", [Arg(-4, -2000000000), Arg(4, 4000000000, "u")]),
        ("longs", [Arg(-8, -9000000000000000000),
                   Arg(8, 18000000000000000000, "u"), Arg(-8, -1),
                   Arg(8, 18446744073709551615, "u")]),
        ("fixed_s", [Arg(-1, -8), Arg(-2, -16), Arg(-4, -32), Arg(-8, -64)]),
        ("fixed_u", [Arg(1, 8, "u"), Arg(2, 16, "u"), Arg(4, 32, "u"),
                     Arg(8, 64, "u")]),
        ("sizes", [Arg(8, 4096, "u"), Arg(-8, -4096), Arg(-8, -12345),
                   Arg(-8, -1), Arg(8, 77, "u")]),
        ("enums", [Arg(4, 2, "u"), Arg(-4, -7)]),
        ("ptrs", [Arg(8, "hello", "s"), Arg(8, "world", "s"),
                  Arg(8, 0, "u", "$0", T_POINTER),
                  Arg(8, 1, "nz", ty=T_POINTER)]),
        # IEEE-754 bits of 1.5 and 2.5f, as the header's manual says.
        ("floats", [Arg(8, 0x3ff8000000000000, "x", ty=T_FLOAT),
                    Arg(4, 0x40200000, "x", ty=T_FLOAT)]),
        # Compilers print an immediate sign-extended from its mode:
        # (unsigned char)255 is "$-1"; the size (1, unsigned) governs.
        ("consts", [Arg(-4, 42, "d", "$42"), Arg(-4, -42, "d", "$-42"),
                    Arg(char_lit, 65, "d", "$65"),
                    Arg(-8, 9223372036854775807, "d", "$9223372036854775807"),
                    Arg(8, 8, "u", "$8"), Arg(1, 255, "u", "$-1")]),
        ("twelve", [Arg(-1, -8), Arg(1, 8, "u"), Arg(-2, -16), Arg(2, 16, "u"),
                    Arg(-4, -32), Arg(4, 32, "u"), Arg(-4, const="$7"),
                    Arg(-4, const="$-8"), Arg(4, const="$9"),
                    Arg(-8, const="$10"), Arg(-8, const="$-11"),
                    Arg(8, const="$12")]),
        ("twelve_vars", [Arg(8, 64, "u"), Arg(-8, -64), Arg(4, 32, "u"),
                         Arg(-4, -32), Arg(2, 16, "u"), Arg(-2, -16),
                         Arg(1), Arg(-1), Arg(8, ty=T_STRING), Arg(1), Arg(8),
                         Arg(-1)]),
        ("stap2", [Arg(-4, -2000000000), Arg(8, "hello", "s")]),
        ("dtrace3", [Arg(-1, -8), Arg(1, 8, "u"), Arg(-8, -1)]),
        ("inlined", [Arg(-8, -2000000000)]),
        ("inlined", [Arg(-8, -9000000000000000000)]),
        ("inlined", [Arg(-8, -4096)]),
        # Fired only while traced; arg0 is USDT_IS_ACTIVE() at that moment.
        ("sema", [Arg(-4, 1), Arg(-4, -2000000000)]),
        ("req_start", [Arg(-4, 1)]),
        ("req_done", [Arg(4, 4000000000, "u")]),
    ]


SEMA_PROBES = {"sema", "req_start", "req_done"}

REG_WIDTH = {}
for _r in "abcd":
    REG_WIDTH.update({f"{_r}l": 1, f"{_r}x": 2, f"e{_r}x": 4, f"r{_r}x": 8})
for _r in ("si", "di", "bp", "sp"):
    REG_WIDTH.update({f"{_r}l": 1, _r: 2, f"e{_r}": 4, f"r{_r}": 8})
for _n in range(8, 16):
    REG_WIDTH.update({f"r{_n}b": 1, f"r{_n}w": 2, f"r{_n}d": 4, f"r{_n}": 8})

MEM_RE = re.compile(r"(-?\d+|[A-Za-z_.][\w.]*(?:@GOTPCREL)?(?:[+-]\d+)?)?"
                    r"\(%(\w+)(?:,%(\w+)(?:,[1248])?)?\)")


def check_operand(where, spec, arg):
    m = re.fullmatch(r"(-?\d+)@(.+)", spec)
    check(m, f"{where}: '{spec}' is not SIZE@OPERAND")
    size, operand = int(m.group(1)), m.group(2)
    check(size == arg.size, f"{where}: size {size} in '{spec}', "
          f"expected {arg.size}")
    if arg.const is not None:
        check(operand == arg.const, f"{where}: operand '{operand}', "
              f"expected the constant {arg.const}")
        return
    if operand.startswith("%"):
        width = REG_WIDTH.get(operand[1:])
        check(width is not None, f"{where}: unknown register in '{spec}'")
        check(width == abs(size), f"{where}: register of {width} bytes "
              f"for a {abs(size)}-byte argument in '{spec}'")
        return
    m = MEM_RE.fullmatch(operand)
    check(m and all(r is None or r in REG_WIDTH or r == "rip"
                    for r in m.groups()[1:]),
          f"{where}: '{operand}' is neither a register, a memory operand "
          "nor a constant")
    check(not operand.startswith("$"), f"{where}: unexpected constant")


# ----------------------------------------------------------------------
# build

LANGS = ("c", "cxx")
COMPILERS = ("gcc", "clang")
OPTS = ("-O0", "-O2")
KINDS = ("exe", "pie", "shared")


def variants():
    for lang in LANGS:
        for cc in COMPILERS:
            for opt in OPTS:
                for kind in KINDS:
                    yield lang, cc, opt, kind


def build_one(d, srcdir, incdir, compilers, lang, cc, opt, kind):
    name = f"{lang}-{cc}{opt}-{kind}"
    out = os.path.join(d, name)
    os.makedirs(out, exist_ok=True)
    comp = compilers[(cc, lang)]
    std = ["-x", "c", "-std=c99"] if lang == "c" else \
        ["-x", "c++", "-std=c++11"]
    flags = ["-Wall", "-Wextra", "-pedantic", "-Werror", opt, "-g",
             "-I", incdir, "-I", srcdir]
    probes_c = os.path.join(srcdir, "probes.c")
    main_c = os.path.join(srcdir, "probes-main.c")
    exe = os.path.join(out, "probes")
    if kind == "shared":
        lib = os.path.join(out, "liblt.so")
        run([comp] + std + flags + ["-fPIC", "-shared", probes_c, "-o", lib])
        run([comp] + std + flags + ["-fPIE", main_c, "-x", "none",
                                    "-pie", lib, "-Wl,-rpath,$ORIGIN",
                                    "-o", exe])
        target = lib
    else:
        pic = ["-fno-pie", "-no-pie"] if kind == "exe" else ["-fPIE", "-pie"]
        run([comp] + std + flags + pic + [probes_c, main_c, "-o", exe])
        target = exe
    return {"name": name, "lang": lang, "kind": kind, "exe": exe,
            "target": target}


def cmd_build(d, srcdir, incdir, gcc, gxx, clang, clangxx):
    compilers = {("gcc", "c"): tool("gcc", gcc), ("gcc", "cxx"): tool("g++", gxx),
                 ("clang", "c"): tool("clang", clang),
                 ("clang", "cxx"): tool("clang++", clangxx)}
    os.makedirs(d, exist_ok=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        jobs = [pool.submit(build_one, d, srcdir, incdir, compilers, *v)
                for v in variants()]
        built = [j.result() for j in jobs]
    with open(os.path.join(d, "manifest.json"), "w") as f:
        json.dump(built, f, indent=1)
    print(f"built {len(built)} variants")


def load(d):
    path = os.path.join(d, "manifest.json")
    check(os.path.exists(path), f"{path} missing: sdk_matrix_build failed")
    with open(path) as f:
        return json.load(f)


# ----------------------------------------------------------------------
# readelf

def check_notes(v):
    where = v["name"]
    path = v["target"]
    notes = [n for n in readelf_notes(path)]
    check(all(n.provider == PROVIDER for n in notes),
          f"{where}: provider other than '{PROVIDER}'")
    expected = {}
    for name, args in probes(v["lang"]):
        expected.setdefault(name, args)
    expected["done"] = []
    names = sorted({n.name for n in notes})
    check(names == sorted(expected), f"{where}: probes {names}, expected "
          f"{sorted(expected)}")

    for n in notes:
        args = expected[n.name]
        w = f"{where} {n.provider}:{n.name}"
        check(len(n.args) == len(args), f"{w}: {len(n.args)} arguments "
              f"({' '.join(n.args)}), expected {len(args)}")
        for i, (spec, arg) in enumerate(zip(n.args, args)):
            check_operand(f"{w} arg{i}", spec, arg)
        check((n.semaphore != 0) == (n.name in SEMA_PROBES),
              f"{w}: semaphore {n.semaphore:#x}")

    count = {name: sum(1 for n in notes if n.name == name)
             for name in expected}
    for name, c in count.items():
        if name != "inlined":
            check(c == 1, f"{where}: {c} notes for {name}, expected 1")
    # One note per copy: not inlined at -O0, inlined three times at -O2.
    check(count["inlined"] in (1, 3), f"{where}: {count['inlined']} notes "
          "for inlined, expected 1 or 3")

    sema = {n.name: n.semaphore for n in notes if n.name in SEMA_PROBES}
    check(sema["req_start"] == sema["req_done"],
          f"{where}: req_start and req_done do not share their semaphore")
    check(sema["sema"] != sema["req_start"],
          f"{where}: implicit and explicit semaphores share an address")

    secs = readelf_sections(path)
    check(".stapsdt.base" in secs, f"{where}: no .stapsdt.base section")
    base_addr, base_size, _ = secs[".stapsdt.base"]
    check(base_size == 1, f"{where}: .stapsdt.base is {base_size} bytes")
    check(all(n.base == base_addr for n in notes),
          f"{where}: a note's base is not .stapsdt.base ({base_addr:#x})")
    check(".probes" in secs, f"{where}: no .probes section")
    p_addr, p_size, p_flags = secs[".probes"]
    check("W" in p_flags and "A" in p_flags,
          f"{where}: .probes is not allocated and writable")
    for name, addr in sema.items():
        check(p_addr <= addr and addr + 2 <= p_addr + p_size and addr % 2 == 0,
              f"{where}: semaphore of {name} at {addr:#x} is not an aligned "
              f"unsigned short in .probes")

    # the SDK's types, one record per note with arguments
    recs = {}
    for r in lotrace_types(path):
        recs.setdefault((r.location, r.provider, r.name), []).append(r)
    for n in notes:
        got = recs.get((n.location, n.provider, n.name), [])
        want = [arg_type(a) for a in expected[n.name]]
        if not want:
            check(not got, f"{where} {n.name}: a type record without arguments")
            continue
        check(len(got) == 1 and got[0].types == want,
              f"{where} {n.name}: type records {[r.types for r in got]}, "
              f"expected [{want}]")

    insns = {a: (b, t) for a, b, t in objdump_insns(path)}
    for n in notes:
        check(insns.get(n.location, ("", ""))[0] == "90",
              f"{where} {n.name}: no one-byte nop at {n.location:#x} "
              f"({insns.get(n.location)})")
    return len(notes)


def cmd_readelf(d):
    total = 0
    for v in load(d):
        total += check_notes(v)
    print(f"checked {total} notes in {len(load(d))} binaries")


# ----------------------------------------------------------------------
# bpftrace

def bt_expr(i, arg):
    if arg.fmt == "s":
        return "%s", f"str(arg{i})"
    if arg.fmt == "nz":
        return "%d", f"arg{i} != 0"
    return {"d": "%ld", "u": "%lu", "x": "%lx"}[arg.fmt], f"arg{i}"


def bt_value(arg):
    if arg.fmt == "x":
        return f"{arg.value:x}"
    return str(arg.value)


def bt_program(v):
    """A bpftrace program printing each probe's readable arguments, and the
    lines it must print."""
    prog, want, seen = [], [], set()
    for name, args in probes(v["lang"]):
        shown = [(i, a) for i, a in enumerate(args[:BPFTRACE_MAX_ARGS])
                 if a.value is not None]
        want.append(" ".join([name] + [bt_value(a) for _, a in shown]))
        if name in seen:
            continue
        seen.add(name)
        fmts = " ".join([name] + [bt_expr(i, a)[0] for i, a in shown])
        exprs = "".join(f", {bt_expr(i, a)[1]}" for i, a in shown)
        prog.append(f'usdt:{v["target"]}:{PROVIDER}:{name} '
                    f'{{ printf("{fmts}\\n"{exprs}); }}')
    prog.append(f'usdt:{v["target"]}:{PROVIDER}:done {{ exit(); }}')
    return "\n".join(prog) + "\n", want


def check_bpftrace(v, bpftrace):
    where = v["name"]
    listed = run([bpftrace, "-l", f'usdt:{v["target"]}:*']).stdout.split()
    names = sorted({name for name, _ in probes(v["lang"])} | {"done"})
    want = [f'usdt:{v["target"]}:{PROVIDER}:{n}' for n in names]
    check(sorted(listed) == want, f"{where}: bpftrace -l listed {listed}, "
          f"expected {want}")

    prog, want = bt_program(v)
    lines, _ = bpftrace_attached(bpftrace, prog, [v["exe"], "--wait"])
    names = {name for name, _ in probes(v["lang"])}
    got = [line for line in lines if line.split(" ", 1)[0] in names]
    # Events reach bpftrace through per-CPU buffers: compare as sets.
    if sorted(got) != sorted(want):
        fail(f"{where}: bpftrace read wrong values\n"
             f"missing: {sorted(set(want) - set(got))}\n"
             f"unexpected: {sorted(set(got) - set(want))}")


def cmd_bpftrace(d):
    check(os.geteuid() == 0, "bpftrace tests need root (uprobes and BPF)")
    bpftrace = tool("bpftrace")
    built = load(d)
    # One at a time: the time goes into the kernel's serialized uprobe
    # teardown (about 0.1 s a probe), and concurrent bpftrace -p runs made
    # BCC's argument lookup fail now and then.
    for v in built:
        check_bpftrace(v, bpftrace)
    print(f"bpftrace listed and read every probe of {len(built)} binaries")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    fn = {"build": cmd_build, "readelf": cmd_readelf,
          "bpftrace": cmd_bpftrace}[cmd]
    main_wrapper(lambda: fn(*args))


if __name__ == "__main__":
    main()
