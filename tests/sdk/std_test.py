#!/usr/bin/env python3
"""Every macro of the header, under every supported standard, compiler and
optimization level, warning-free (-Wall -Wextra -pedantic -Werror), linked
from two translation units; readelf checks each result's notes.

  std_test.py BUILDDIR SRCDIR INCDIR GCC GXX CLANG CLANGXX
"""

import os
import sys
from concurrent.futures import ThreadPoolExecutor

from sdktest import check, lotrace_types, main_wrapper, readelf_notes, run, tool

C_STDS = ("c99", "c11", "c2x")
CXX_STDS = ("c++11", "c++14", "c++17", "c++20")
OPTS = (("-O0",), ("-O1",), ("-O2",), ("-O3",), ("-O2", "-flto"))


def expected(lang):
    """{probe: number of arguments}"""
    want = {"inline_sema": 1, "inline_plain": 2, "sema0": 0, "sema12": 12,
            "explicit0": 0, "explicit12": 12, "second_unit": 1, "stapv": 2}
    for n in range(13):
        want[f"args{n}"] = want[f"stap{n}"] = want[f"dtrace{n}"] = n
    if lang == "c++":
        want.update({"template_probe": 1, "member": 2, "lambda": 2})
    return want


def arg_sizes(name, nargs):
    """Every argument is an int but the fifth of argsN, a const char *,
    the second of lambda and both of member, longs."""
    sizes = [-4] * nargs
    if name.startswith("args") and nargs >= 5:
        sizes[4] = 8
    if name == "lambda":
        sizes[1] = -8
    if name == "member":
        sizes = [-8, -8]
    return sizes


# the SDK's argument types (include/lotrace/usdt.h): 1 signed, 4 string
SIGNED, STRING = 1, 4


def check_types(where, exe, notes):
    """One record per note with arguments, with its address, names and
    types: every argument is signed but argsN's fifth, a const char *."""
    recs = {(r.location, r.provider, r.name): r for r in lotrace_types(exe)}
    typed = [n for n in notes if n.args]
    check(len(recs) == len(typed), f"{where}: {len(recs)} type records for "
          f"{len(typed)} notes with arguments")
    for n in typed:
        r = recs.get((n.location, n.provider, n.name))
        check(r, f"{where} {n.name}: no type record at {n.location:#x}")
        want = [SIGNED] * len(n.args)
        if n.name.startswith("args") and len(n.args) >= 5:
            want[4] = STRING
        check(r.types == want, f"{where} {n.name}: types {r.types}, "
              f"expected {want}")


def check_binary(where, exe, lang):
    notes = readelf_notes(exe)
    check_types(where, exe, notes)
    want = expected(lang)
    names = sorted({n.name for n in notes})
    check(names == sorted(want), f"{where}: probes {names}, expected "
          f"{sorted(want)}")
    sema = {}
    for n in notes:
        check(n.provider == "api", f"{where}: provider {n.provider}")
        if n.name == "template_probe":
            # twice<int> and twice<long>
            sizes = [[-4], [-8]]
        else:
            sizes = [arg_sizes(n.name, want[n.name])]
        got = [int(a.split("@")[0]) for a in n.args]
        check(got in sizes, f"{where} {n.name}: argument sizes {got}, "
              f"expected {sizes[0]}")
        sema.setdefault(n.name, set()).add(n.semaphore)
    for name, addrs in sema.items():
        semaphored = name.startswith(("sema", "inline_sema", "explicit",
                                      "second_unit", "member"))
        check(len(addrs) == 1 and (0 not in addrs) == semaphored,
              f"{where} {name}: semaphores {sorted(addrs)}")
    check(sema["explicit0"] == sema["explicit12"] == sema["second_unit"],
          f"{where}: the explicit semaphore differs between probes or units")
    return len(notes)


def build(builddir, srcdir, incdir, compiler, lang, std, opts):
    name = f"{os.path.basename(compiler)}-{std}{''.join(opts)}"
    exe = os.path.join(builddir, name)
    run([compiler, "-x", lang, f"-std={std}", "-Wall", "-Wextra",
         "-pedantic", "-Werror", *opts, "-I", incdir,
         os.path.join(srcdir, "api.c"), os.path.join(srcdir, "api2.c"),
         "-o", exe])
    return name, exe, lang


def run_test(builddir, srcdir, incdir, gcc, gxx, clang, clangxx):
    os.makedirs(builddir, exist_ok=True)
    jobs = []
    for cc, cxx in ((tool("gcc", gcc), tool("g++", gxx)),
                    (tool("clang", clang), tool("clang++", clangxx))):
        jobs += [(cc, "c", std, o) for std in C_STDS for o in OPTS]
        jobs += [(cxx, "c++", std, o) for std in CXX_STDS for o in OPTS]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        built = list(pool.map(lambda j: build(builddir, srcdir, incdir, *j),
                              jobs))
    total = sum(check_binary(name, exe, lang) for name, exe, lang in built)
    print(f"{len(built)} builds warning-free, {total} notes checked")


if __name__ == "__main__":
    main_wrapper(lambda: run_test(*sys.argv[1:]))
