#!/usr/bin/env python3
"""Byte compatibility with systemtap's <sys/sdt.h>: the same STAP_PROBEn and
DTRACE_PROBEn calls through either header give the same notes. Objects are
compared (their note bytes do not depend on code layout), as C and C++,
with gcc and clang at -O0 and -O2, and for aarch64 through clang's
cross-compiler.

  compat_test.py BUILDDIR SRCDIR INCDIR SDT_INCDIR GCC GXX CLANG CLANGXX
"""

import os
import re
import shutil
import sys

from sdktest import check, main_wrapper, readelf_notes, run, tool


def section_dump(obj, section):
    """readelf's hex dump of a section: its bytes, in any ELF machine."""
    out = run([tool("readelf"), "-x", section, obj]).stdout
    return [line for line in out.splitlines() if line.startswith("  0x")]


def relocations(obj, section):
    """The relocations of `section` from `readelf -r`: offset, type, symbol
    and addend. The Info column is left out: it holds the symbol's index,
    which moves when the object has other sections (lotrace's type
    descriptors) without changing what is relocated."""
    out = run([tool("readelf"), "-rW", obj]).stdout
    m = re.search(rf"Relocation section '\.rela{re.escape(section)}'.*?\n\n",
                  out + "\n\n", re.S)
    if not m:
        return []
    rows = [line.split() for line in m.group(0).splitlines()[2:]]
    return [[r[0]] + r[2:] for r in rows if r]


def notes_text(obj):
    return [(n.provider, n.name, n.location, n.semaphore, n.args)
            for n in readelf_notes(obj)]


def compare(where, ours, sdt):
    check(notes_text(ours) == notes_text(sdt),
          f"{where}: readelf -n differs:\n{notes_text(ours)}\n"
          f"{notes_text(sdt)}")
    for sec in (".note.stapsdt", ".stapsdt.base"):
        a, b = section_dump(ours, sec), section_dump(sdt, sec)
        check(a and a == b, f"{where}: {sec} bytes differ:\n"
              + "\n".join(a) + "\n--- <sys/sdt.h>:\n" + "\n".join(b))
    check(relocations(ours, ".note.stapsdt") ==
          relocations(sdt, ".note.stapsdt"),
          f"{where}: the notes' relocations differ")


def run_test(builddir, srcdir, incdir, sdt_incdir, gcc, gxx, clang, clangxx):
    os.makedirs(builddir, exist_ok=True)
    sdt_h = os.path.join(sdt_incdir, "sys", "sdt.h")
    check(os.path.exists(sdt_h), f"{sdt_h} missing: install "
          "systemtap-sdt-dev")
    src = os.path.join(srcdir, "compat.c")
    combos = []
    for cc, lang in ((gcc, "c"), (gxx, "c++"), (clang, "c"),
                     (clangxx, "c++")):
        for opt in ("-O0", "-O2"):
            combos.append((tool(cc, cc), ["-x", lang, opt]))

    # aarch64: clang's cross-compiler, freestanding so that no target libc
    # headers are needed; <sys/sdt.h> is copied next to nothing else.
    cross_inc = os.path.join(builddir, "sdt-only")
    os.makedirs(os.path.join(cross_inc, "sys"), exist_ok=True)
    for h in ("sdt.h", "sdt-config.h"):
        shutil.copy(os.path.join(sdt_incdir, "sys", h),
                    os.path.join(cross_inc, "sys"))
    clang_path = tool("clang", clang)
    resource = run([clang_path, "-print-resource-dir"]).stdout.strip()
    cross = ["--target=aarch64-linux-gnu", "-ffreestanding", "-nostdinc",
             "-isystem", os.path.join(resource, "include"), "-x", "c"]
    for opt in ("-O0", "-O2"):
        combos.append((clang_path, cross + [opt]))

    for i, (cc, flags) in enumerate(combos):
        where = f"{os.path.basename(cc)} {' '.join(flags)}"
        sdt_inc = cross_inc if "-nostdinc" in flags else sdt_incdir
        ours = os.path.join(builddir, f"{i}-ours.o")
        sdt = os.path.join(builddir, f"{i}-sdt.o")
        run([cc, *flags, "-Wall", "-Wextra", "-Werror", "-I", incdir,
             "-c", src, "-o", ours])
        run([cc, *flags, "-Wall", "-Wextra", "-DUSE_SYS_SDT", "-I", sdt_inc,
             "-c", src, "-o", sdt])
        compare(where, ours, sdt)
        print(f"ok {where}")

    # What the aarch64 notes say, beyond agreeing with <sys/sdt.h>: plain
    # char is unsigned there and constants have no '$'.
    notes = {n.name: n.args for n in readelf_notes(ours)}
    check(notes["consts"] == ["-4@5", "-4@-1", "8@5", "-4@97",
                              "8@1311768467463790320", "-1@-3"],
          f"aarch64 constants: {notes['consts']}")
    check(notes["small"][0].startswith("1@"),
          f"aarch64 char is not unsigned: {notes['small']}")


if __name__ == "__main__":
    main_wrapper(lambda: run_test(*sys.argv[1:]))
