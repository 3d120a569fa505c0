"""Helpers shared by the SDK's test drivers.

ELF facts come from binutils (readelf, objdump) and run-time facts from
bpftrace: tools we did not write. This module only runs them and splits
their text output into fields.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field


class TestFailure(Exception):
    pass


def fail(msg):
    raise TestFailure(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def tool(name, path=None):
    """The path of a required tool; a missing tool fails the test."""
    found = path if path and os.path.isabs(path) and os.access(path, os.X_OK) \
        else shutil.which(path or name)
    if not found:
        fail(f"required tool '{name}' not found ({path or 'PATH'}); "
             "scripts/setup.sh installs it")
    return found


def run(cmd, check_rc=True, **kw):
    """Run a command; on failure show it with its output."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, **kw)
    if check_rc and p.returncode != 0:
        fail(f"command failed (exit {p.returncode}): {' '.join(cmd)}\n"
             f"--- stdout\n{p.stdout}--- stderr\n{p.stderr}")
    return p


@dataclass
class Note:
    provider: str
    name: str
    location: int
    base: int
    semaphore: int
    args: list = field(default_factory=list)


def readelf_notes(path):
    """The stapsdt notes of an ELF file, as `readelf -n` prints them."""
    out = run([tool("readelf"), "-n", path]).stdout
    notes, cur = [], None
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("stapsdt") and "NT_STAPSDT" in s:
            cur = Note("", "", 0, 0, 0)
            notes.append(cur)
        elif cur is None:
            continue
        elif s.startswith("Provider: "):
            cur.provider = s[len("Provider: "):]
        elif s.startswith("Name: "):
            cur.name = s[len("Name: "):]
        elif s.startswith("Location: "):
            m = re.fullmatch(r"Location: (0x[0-9a-f]+), Base: (0x[0-9a-f]+), "
                             r"Semaphore: (0x[0-9a-f]+)", s)
            check(m, f"{path}: unexpected readelf line: {s}")
            cur.location, cur.base, cur.semaphore = \
                (int(x, 16) for x in m.groups())
        elif s.startswith("Arguments:"):
            cur.args = s[len("Arguments:"):].split()
            cur = None
    return notes


def section_bytes(path, section):
    """The bytes of a section, from `readelf -x` (empty if it has none)."""
    out = run([tool("readelf"), "-x", section, path], check_rc=False).stdout
    data = bytearray()
    for line in out.splitlines():
        m = re.match(r"\s+0x[0-9a-f]+ ((?:[0-9a-f]{2,8} ){1,4})", line + " ")
        if m:
            data += bytes.fromhex(m.group(1).replace(" ", ""))
    return bytes(data)


@dataclass
class TypeRecord:
    location: int
    provider: str
    name: str
    types: list


def lotrace_types(path):
    """The records of section .lotrace.usdt (x86-64 layout: version,
    nargs, u16 size, 4 reserved bytes, 8-byte address, one byte per
    argument, provider and name NUL-terminated; 8-aligned)."""
    data, recs, off = section_bytes(path, ".lotrace.usdt"), [], 0
    while off + 16 <= len(data):
        version, nargs = data[off], data[off + 1]
        size = int.from_bytes(data[off + 2:off + 4], "little")
        check(version == 1 and 16 <= size <= len(data) - off,
              f"{path}: bad .lotrace.usdt record at {off}")
        addr = int.from_bytes(data[off + 8:off + 16], "little")
        types = list(data[off + 16:off + 16 + nargs])
        prov, name = data[off + 16 + nargs:off + size].split(b"\0")[:2]
        recs.append(TypeRecord(addr, prov.decode(), name.decode(), types))
        off = (off + size + 7) & ~7
    return recs


def readelf_sections(path):
    """{name: (address, size, flags)} from `readelf -S`."""
    out = run([tool("readelf"), "-S", "--wide", path]).stdout
    secs = {}
    for m in re.finditer(r"\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+"
                         r"([0-9a-f]+)\s+[0-9a-f]+\s+(\S*)", out):
        secs[m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16),
                            m.group(4))
    return secs


def objdump_insns(path, function=None):
    """[(address, bytes-hex, text)] of the disassembly, optionally of one
    function (objdump's --disassemble=SYMBOL)."""
    cmd = [tool("objdump"), "-d", "-w", path]
    if function:
        cmd.insert(2, f"--disassemble={function}")
    out = run(cmd).stdout
    insns = []
    for line in out.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(.*)$", line)
        if m:
            insns.append((int(m.group(1), 16), m.group(2).replace(" ", ""),
                          m.group(3).strip()))
    return insns


def bpftrace_attached(bpftrace, program, cmd, env=None, timeout=60):
    """Trace a process from its first probe on, with `bpftrace -p`.

    `cmd` must wait for a line on stdin before firing its probes, so that
    bpftrace attaches to the running process, libraries and semaphores
    included. `program` must call exit() on the last probe. Returns
    (bpftrace's output lines, the process's stdout)."""
    prog = "BEGIN { printf(\"lotrace-sdk-ready\\n\"); }\n" + program
    with tempfile.TemporaryFile(mode="w+") as bt_err, \
            tempfile.TemporaryFile(mode="w+") as cmd_out:
        target = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=cmd_out,
                                  stderr=subprocess.STDOUT, text=True, env=env)
        bt = subprocess.Popen([bpftrace, "-B", "line", "-p", str(target.pid),
                               "-e", prog], stdout=subprocess.PIPE,
                              stderr=bt_err, text=True)
        timer = threading.Timer(timeout, lambda: (bt.kill(), target.kill()))
        timer.start()
        try:
            # BEGIN runs once every probe is attached.
            for line in bt.stdout:
                if line.strip() == "lotrace-sdk-ready":
                    break
            else:
                bt_err.seek(0)
                fail(f"bpftrace did not attach to {' '.join(cmd)} "
                     f"(exit {bt.wait()}):\n{bt_err.read()}")
            target.stdin.write("go\n")
            target.stdin.close()
            out = bt.stdout.read()
            rc = bt.wait()
            target.wait()
        finally:
            timer.cancel()
            for p in (bt, target):
                if p.poll() is None:
                    p.kill()
                    p.wait()
        cmd_out.seek(0)
        bt_err.seek(0)
        if rc != 0:
            fail(f"bpftrace exited with {rc} tracing {' '.join(cmd)}:\n"
                 f"{bt_err.read()}")
        return out.splitlines(), cmd_out.read()


def main_wrapper(fn):
    """Run a test body; print one verdict line and exit 0/1."""
    try:
        fn()
    except TestFailure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
    print("PASS")
    sys.exit(0)
