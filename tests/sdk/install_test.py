#!/usr/bin/env python3
"""The installed SDK: `cmake --install --component usdt-sdk` into a
temporary prefix, then a project outside this tree builds against it, once
with find_package(lotrace-usdt) and once with pkg-config.

  install_test.py CMAKE BUILDDIR SRCDIR WORKDIR CC \
      INCLUDEDIR BINDIR LIBDIR DATADIR MANDIR   (GNUInstallDirs, relative)
"""

import json
import os
import shutil
import sys

from sdktest import check, main_wrapper, readelf_notes, run, tool

def installed(inc, bindir, lib, data, man):
    return [f"{inc}/lotrace/usdt.h", f"{bindir}/usdt-gen",
            f"{lib}/cmake/lotrace-usdt/lotrace-usdt-config.cmake",
            f"{lib}/cmake/lotrace-usdt/lotrace-usdt-config-version.cmake",
            f"{lib}/cmake/lotrace-usdt/lotrace-usdt-targets.cmake",
            f"{lib}/cmake/lotrace-usdt/lotrace-usdt-functions.cmake",
            f"{data}/pkgconfig/lotrace-usdt.pc",
            f"{man}/man1/usdt-gen.1", f"{man}/man3/lotrace-usdt.3"]


EXPECTED = {
    ("ext", "main_entry"): ["-4"],
    ("ext", "job__start"): ["4", "8"],
    ("ext", "job__done"): ["4", "-8"],
}


def check_consumer(exe):
    got = {(n.provider, n.name): [a.split("@")[0] for a in n.args]
           for n in readelf_notes(exe)}
    check(got == EXPECTED, f"{exe}: notes {got}, expected {EXPECTED}")


def run_test(cmake, builddir, srcdir, work, cc, inc, bindir, lib, data,
             man):
    if os.path.exists(work):
        shutil.rmtree(work)
    prefix = os.path.join(work, "prefix")
    run([cmake, "--install", builddir, "--prefix", prefix,
         "--component", "usdt-sdk"])
    for path in installed(inc, bindir, lib, data, man):
        check(os.path.isfile(os.path.join(prefix, path)),
              f"{path} was not installed")
    # The prefix must be all the consumer sees: a copy of the project, and
    # the source tree's include/ nowhere on its command lines.
    ext = os.path.join(work, "external")
    shutil.copytree(os.path.join(srcdir, "tests", "sdk", "external"), ext)
    build = os.path.join(work, "build")
    env = dict(os.environ, CC=tool("cc", cc))
    run([cmake, "-S", ext, "-B", build, f"-DCMAKE_PREFIX_PATH={prefix}",
         "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"], env=env)
    run([cmake, "--build", build], env=env)
    with open(os.path.join(build, "compile_commands.json")) as f:
        commands = " ".join(c["command"] for c in json.load(f))
    incdir = os.path.join(prefix, inc)
    check(f"-I{incdir}" in commands or f"-isystem {incdir}" in commands,
          f"the consumer does not use {incdir}: {commands}")
    check(os.path.join(srcdir, "include") not in commands,
          "the consumer compiled against the source tree")
    check_consumer(os.path.join(build, "consumer"))

    pc_env = dict(os.environ,
                  PKG_CONFIG_PATH=os.path.join(prefix, data, "pkgconfig"))
    pkgconfig = tool("pkg-config")
    cflags = run([pkgconfig, "--cflags", "lotrace-usdt"],
                 env=pc_env).stdout.split()
    # The .pc file is relocatable: its prefix is relative to its own path.
    check(len(cflags) == 1 and cflags[0].startswith("-I") and
          os.path.realpath(cflags[0][2:]) == os.path.realpath(incdir),
          f"pkg-config --cflags: {cflags}, expected -I{incdir}")
    usdt_gen = run([pkgconfig, "--variable=usdt_gen", "lotrace-usdt"],
                   env=pc_env).stdout.strip()
    check(os.path.realpath(usdt_gen) ==
          os.path.realpath(os.path.join(prefix, bindir, "usdt-gen")),
          f"pkg-config's usdt_gen is {usdt_gen}")
    header = os.path.join(work, "pc", "ext_probes.h")
    os.makedirs(os.path.dirname(header))
    run([usdt_gen, "-s", os.path.join(ext, "ext.d"), "-o", header])
    exe = os.path.join(work, "pc", "consumer")
    run([tool("cc", cc), *cflags, "-I", os.path.dirname(header), "-Wall",
         "-Wextra", "-pedantic", "-Werror", os.path.join(ext, "main.c"),
         "-o", exe])
    check_consumer(exe)
    print("the installed package builds consumers through CMake and "
          "pkg-config")


if __name__ == "__main__":
    main_wrapper(lambda: run_test(*sys.argv[1:]))
