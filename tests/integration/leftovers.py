#!/usr/bin/env python3
"""What a lotrace run may leave behind, before and after it.

    leftovers.py snapshot STATE
    leftovers.py check STATE COMM [TMPDIR]

`snapshot` writes to STATE what exists now: the highest BPF program and
link ids (bpftool), the tracefs instances, the uprobe_events lines and the
entries of /dev/shm. `check` exits 1, one line per thing, when the run of
the lotrace binary named COMM (a copy under a name of its own, so that its
processes are told apart from other tracers on the machine) left any of:
a process named COMM; a lotrace BPF program (name lt_*) or link made
since the snapshot that a COMM process holds, or nobody holds, and that is
still there a few seconds later (a closed program goes away after an RCU
grace period, so one look is not enough); a new tracefs instance; a new
uprobe_events line or /dev/shm entry named for lotrace or COMM; anything
in TMPDIR.
"""
import json
import os
import subprocess
import sys
import time

TRACEFS = "/sys/kernel/tracing"


def bpftool(what):
    # A program or link that goes away while bpftool walks them (another
    # test's tracer closing) can fail the walk: its error is JSON on
    # stdout. Asked again, as a person would.
    for attempt in range(5):
        out = subprocess.run(["bpftool", "-j", what, "show"], capture_output=True, text=True)
        if not out.returncode:
            return json.loads(out.stdout or "[]")
        time.sleep(0.2)
    sys.exit(f"bpftool {what} show failed: {(out.stdout + out.stderr).strip()}")


def lines(path):
    try:
        with open(path) as f:
            return [l.rstrip("\n") for l in f if l.strip()]
    except OSError:
        return []


def listdir(path):
    try:
        return sorted(os.listdir(path))
    except OSError:
        return []


def snapshot():
    return {
        "prog": max([p["id"] for p in bpftool("prog")], default=0),
        "link": max([l["id"] for l in bpftool("link")], default=0),
        "instances": listdir(f"{TRACEFS}/instances"),
        "uprobes": lines(f"{TRACEFS}/uprobe_events"),
        "shm": listdir("/dev/shm"),
    }


def comm_of(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return None


def alive(comm):
    """Pids of live (not zombie) processes named comm."""
    pids = []
    for pid in filter(str.isdigit, listdir("/proc")):
        if comm_of(pid) != comm:
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            pids.append(int(pid))
    return pids


def holders():
    """BPF program and link ids -> the comms of the processes holding them."""
    progs, links = {}, {}
    for pid in filter(str.isdigit, listdir("/proc")):
        comm = comm_of(pid)
        for fd in listdir(f"/proc/{pid}/fdinfo"):
            for line in lines(f"/proc/{pid}/fdinfo/{fd}"):
                key, _, val = line.partition(":")
                if key == "prog_id":
                    progs.setdefault(int(val), set()).add(comm)
                elif key == "link_id":
                    links.setdefault(int(val), set()).add(comm)
    return progs, links


def bpf_suspects(state, comm):
    progs, links = holders()
    ours = {p["id"]: p.get("name", "") for p in bpftool("prog")
            if p["id"] > state["prog"] and p.get("name", "").startswith("lt_")}
    found = set()
    for pid, name in ours.items():
        who = progs.get(pid, set())
        if not who or comm in who:
            found.add(f"BPF program {pid} ({name})")
    for l in bpftool("link"):
        if l["id"] <= state["link"] or l.get("prog_id") not in ours:
            continue
        who = links.get(l["id"], set())
        if not who or comm in who:
            found.add(f"BPF link {l['id']} (program {l.get('prog_id')})")
    return found


def check(state, comm, tmpdir):
    problems = []
    for _ in range(50):	# the closer's grandchild ends once its closes are done
        if not alive(comm):
            break
        time.sleep(0.1)
    for pid in alive(comm):
        problems.append(f"process {pid} ({comm}) still runs")
    first = bpf_suspects(state, comm)
    if first:
        time.sleep(3)
        problems += sorted(first & bpf_suspects(state, comm))
    for name in set(listdir(f"{TRACEFS}/instances")) - set(state["instances"]):
        problems.append(f"tracefs instance {name}")
    # lotrace's uprobes are perf events of the uprobe PMU, held by its
    # processes (checked above) and absent from uprobe_events; other
    # tracers' lines there (perf probe, bpftrace) come and go meanwhile
    for line in set(lines(f"{TRACEFS}/uprobe_events")) - set(state["uprobes"]):
        if "lotrace" in line or comm in line:
            problems.append(f"uprobe_events: {line}")
    # other programs' segments (PostgreSQL's) come and go meanwhile
    for name in set(listdir("/dev/shm")) - set(state["shm"]):
        if "lotrace" in name or comm in name:
            problems.append(f"/dev/shm/{name}")
    for name in listdir(tmpdir) if tmpdir else []:
        problems.append(f"temporary file {tmpdir}/{name}")
    for p in problems:
        print(f"left behind: {p}")
    return 1 if problems else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "snapshot":
        with open(sys.argv[2], "w") as f:
            json.dump(snapshot(), f)
        return 0
    if len(sys.argv) in (4, 5) and sys.argv[1] == "check":
        with open(sys.argv[2]) as f:
            state = json.load(f)
        return check(state, sys.argv[3], sys.argv[4] if len(sys.argv) == 5 else None)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
