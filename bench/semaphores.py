#!/usr/bin/env python3
"""semaphores.py LOTRACE PID...: the USDT semaphores of each process's
executable that are not 0, read from its memory (/proc/PID/mem), one line
each: "PID provider:name VALUE". Exit status 1 when there is any.

The probes and their semaphores' link-time addresses come from
`lotrace --list-usdt PATH` (readelf's addresses); the executable's load
bias is the start of its first mapping less the lowest PT_LOAD address,
which --list-usdt's object is mapped at (0 for a PIE). A process that is
gone meanwhile is skipped. Used by soak.sh: once lotrace has ended, every
semaphore it raised must be back to 0.
"""
import os
import struct
import subprocess
import sys


def probes(lotrace, path):
    out = subprocess.run([lotrace, "--list-usdt", path], capture_output=True, text=True)
    for line in out.stdout.splitlines():
        f = line.split()
        if len(f) >= 3 and int(f[2], 16):
            yield f[0].split("(")[0], int(f[2], 16)


def lowest_load(path):
    with open(path, "rb") as f:
        ehdr = f.read(64)
        phoff, = struct.unpack_from("<Q", ehdr, 32)
        phentsize, phnum = struct.unpack_from("<HH", ehdr, 54)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    loads = [struct.unpack_from("<Q", table, i * phentsize + 16)[0]
             for i in range(phnum) if struct.unpack_from("<I", table, i * phentsize)[0] == 1]
    return min(loads)


def bias(pid, path):
    with open(f"/proc/{pid}/maps") as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 6 and fields[5] == path:
                return int(fields[0].split("-")[0], 16) - lowest_load(path)
    return None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lotrace, found = sys.argv[1], 0
    cache = {}
    for pid in sys.argv[2:]:
        try:
            path = os.readlink(f"/proc/{pid}/exe")
            if path not in cache:
                cache[path] = list(probes(lotrace, path))
            base = bias(pid, path)
            if base is None:
                continue
            with open(f"/proc/{pid}/mem", "rb") as mem:
                for name, addr in cache[path]:
                    mem.seek(base + addr)
                    value, = struct.unpack("<H", mem.read(2))
                    if value:
                        print(f"{pid} {name} {value}")
                        found += 1
        except (FileNotFoundError, ProcessLookupError, PermissionError, OSError):
            continue	# it ended meanwhile
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
