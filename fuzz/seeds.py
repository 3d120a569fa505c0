#!/usr/bin/env python3
"""Write the seeds of the record fuzzers: fuzz/corpus/bpf_records/ (records
of the BPF program's ring, laid out as trace/bpf/records.h and capture.h
say) and fuzz/corpus/perf_records/ (perf records of lotrace's sample_type,
as trace/transport/record.h says), one well-formed record per file, for
the fuzzers to mutate. x86-64 syscall numbers. Run it again after a
layout changes: python3 fuzz/seeds.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

# bpf/records.h
REC_SYSCALL, REC_FORK, REC_EXIT, REC_EXEC, REC_USDT, REC_SIGNAL, REC_CALL, REC_LOST, REC_CAPS = range(1, 10)
ID_ENTER, ID_EXIT = 21, 22	# the fuzzers' raw_syscalls layouts
# bpf/capture.h
CAP = dict(PATH=1, STR=2, BUF_IN=3, BUF_OUT=4, MEM_IN=5, MEM_OUT=6, ADDR_IN=7, ARGV=8,
           STR_OUT=10, ARR_IN=11, ARR_OUT=12, ARR_INOUT=13, ADDR_OUT=14, IOV_IN=15,
           IOV_OUT=16, MSG_IN=17, MSG_OUT=18, INODES=32)
FAULT = 1


def head(kind, payload, ts=1_000_000, pid=100, tid=101, cpu=1):
    return struct.pack("<QIIHHI", ts, pid, tid, kind, cpu, len(payload)) + payload


def cap(arg, kind, data, flags=0, at_exit=0):
    pad = (-len(data)) % 8
    return struct.pack("<BBBBI", arg, CAP[kind], flags, at_exit, len(data)) + data + b"\0" * pad


def tp_common(type_, flags=0):
    return struct.pack("<HBBi", type_, flags, 0, 101)


def enter(nr, args, caps=b"", flags=0):
    args = (list(args) + [0] * 6)[:6]
    return head(REC_SYSCALL, tp_common(ID_ENTER, flags) + struct.pack("<q6Q", nr, *args) + caps)


def exit_(nr, ret, caps=b""):
    return head(REC_SYSCALL, tp_common(ID_EXIT) + struct.pack("<qq", nr, ret) + caps)


def task(kind, ppid=100, ptid=100, status=0, comm=b"seq"):
    return head(kind, struct.pack("<IIi16s", ppid, ptid, status, comm))


def sockaddr_in(port, addr):
    return struct.pack("<H", 2) + struct.pack(">H4s", port, bytes(addr)) + b"\0" * 8


def iov(bufs):
    n = len(bufs)
    got = [len(b) for b in bufs] + [0] * (8 - n)
    vecs = []
    for i, b in enumerate(bufs):
        vecs += [0x7ffd0000 + 0x100 * i, len(b)]
    vecs += [0, 0] * (8 - n)
    return struct.pack("<II8i16Q", n, 0, *got, *vecs) + b"".join(bufs)


def bpf_seeds():
    stat = struct.pack("<QQQIIIIQqqqQQQQQQ", 2049, 1234, 1, 0o100644, 0, 0, 0, 0, 3, 4096, 8,
                       1700000000, 0, 1700000000, 0, 1700000000, 0) + b"\0" * 24
    yield "openat_enter", enter(257, [-100 & (2**64 - 1), 0x1000, 0o2000000],
                                cap(1, "PATH", b"/etc/hostname\0"))
    yield "openat_exit", exit_(257, 3)
    yield "read_exit", exit_(0, 3, cap(1, "BUF_OUT", b"vm\n", at_exit=1))
    yield "write_enter", enter(1, [1, 0x2000, 6], cap(1, "BUF_IN", b"hello\n"))
    yield "fstat_exit", exit_(5, 0, cap(1, "MEM_OUT", stat, at_exit=1))
    yield "execve_enter", enter(59, [0x1000, 0x2000, 0x3000],
                                cap(0, "PATH", b"/bin/echo\0") +
                                cap(1, "ARGV", b"echo\0a b\0") + cap(2, "ARGV", b"A=1\0"))
    yield "writev_enter", enter(20, [1, 0x4000, 2], cap(1, "IOV_IN", iov([b"ab", b"cde"])))
    yield "connect_enter", enter(42, [3, 0x5000, 16],
                                 cap(1, "ADDR_IN", sockaddr_in(80, [127, 0, 0, 1])))
    yield "accept_exit", exit_(43, 4, cap(1, "ADDR_OUT", sockaddr_in(4242, [10, 0, 0, 2]),
                                          at_exit=1))
    yield "poll_exit", exit_(7, 1, cap(0, "ARR_INOUT", struct.pack("<ihh", 3, 1, 1) * 2))
    yield "pipe2_exit", exit_(293, 0, cap(0, "ARR_OUT", struct.pack("<ii", 3, 4)) +
                              cap(6, "INODES", struct.pack("<QQ", 5555, 5555)))
    yield "faulted_enter", enter(257, [0, 0x7ffd1234], cap(1, "PATH", b"", flags=FAULT))
    yield "late_enter", enter(0, [0, 0x2000, 10], flags=1)
    yield "call_getppid", head(REC_CALL, struct.pack("<q6QqQ", 110, 0, 0, 0, 0, 0, 0, 1, 999_000))
    yield "caps", head(REC_CAPS, cap(1, "BUF_OUT", b"late bytes", at_exit=1))
    yield "lost", head(REC_LOST, struct.pack("<Q", 42))
    yield "fork", task(REC_FORK)
    yield "exec", task(REC_EXEC, comm=b"echo")
    yield "exit", task(REC_EXIT, status=3 << 8)
    vals = [7, 0x7ffd0000] + [0] * 14
    yield "usdt", head(REC_USDT, struct.pack("<IHH16Q16h", 0, 2, 0, *vals, 0, 4, *[0] * 14) +
                       b"GET\0")
    yield "signal", head(REC_SIGNAL, struct.pack("<iI", 15, 0) +
                         struct.pack("<iii", 15, 0, 0) + b"\0" * 36)


# perf: RECORD_SAMPLE_TYPE = IDENTIFIER | TID | TIME | RAW; sample_id_all
# trailers: TID, TIME, IDENTIFIER
PERF_RECORD_LOST, PERF_RECORD_COMM, PERF_RECORD_EXIT, PERF_RECORD_FORK, PERF_RECORD_SAMPLE = 2, 3, 4, 7, 9


def perf(type_, body, misc=0):
    return struct.pack("<IHH", type_, misc, 8 + len(body)) + body


def sample_id(pid=100, tid=101, ts=5_000_000, ident=1):
    return struct.pack("<IIQQ", pid, tid, ts, ident)


def sample(raw, pid=100, tid=101, ts=5_000_000, ident=1):
    raw += b"\0" * ((-len(raw) - 4) % 8)	# the kernel pads RAW to 8 with its size
    return perf(PERF_RECORD_SAMPLE, struct.pack("<QIIQI", ident, pid, tid, ts, len(raw)) + raw)


def perf_seeds():
    yield "raw_enter", sample(tp_common(21) + struct.pack("<q6Q", 257, 2**64 - 100, 0x1000, 0, 0, 0, 0))
    yield "raw_exit", sample(tp_common(22) + struct.pack("<qq", 257, 3))
    yield "openat_enter", sample(tp_common(700) + struct.pack("<iI4Q", 257, 0, 2**64 - 100, 0x1000, 0, 0))
    yield "openat_exit", sample(tp_common(701) + struct.pack("<iIq", 257, 0, -2))
    yield "getpid_enter", sample(tp_common(309) + struct.pack("<i", 39))
    yield "unknown_tp", sample(tp_common(555) + b"\0" * 16)
    yield "signal_generate", sample(tp_common(261) + struct.pack("<iii16siii", 15, 0, 0, b"kill", 102, 1, 0))
    yield "signal_deliver", sample(tp_common(262) + struct.pack("<iiiiQQ", 15, 0, 0, 0, 0, 0))
    yield "fork", perf(PERF_RECORD_FORK, struct.pack("<IIIIQ", 102, 100, 102, 101, 6_000_000) + sample_id())
    yield "exit", perf(PERF_RECORD_EXIT, struct.pack("<IIIIQ", 102, 100, 102, 101, 7_000_000) + sample_id())
    yield "comm_exec", perf(PERF_RECORD_COMM, struct.pack("<II8s", 100, 100, b"echo") + sample_id(),
                            misc=0x2000)
    yield "lost", perf(PERF_RECORD_LOST, struct.pack("<QQ", 1, 12) + sample_id())


EXPR_SEEDS = {
    "names": b"trace=openat,close,read",
    "classes": b"trace=%file,%network,!%desc",
    "negated": b"trace=!write,%process",
    "all_none": b"none",
    "empty_items": b"trace=open,,close,",
    "argv_follow": b"-f\0-e\0trace=%memory\0-o\0out.txt\0ls\0-l",
    "argv_pids": b"-p\0001,2,3\0-u\0lib:prov:name\0-e\0trace=none",
    "argv_sizes": b"-m\08\0--buffer-size=512K\0-s\099\0--columns=60\0true",
    "argv_status": b"-e\0status=failed\0-e\0raw=read,write\0-Z\0-c\0-S\0calls\0true",
    "argv_list": b"--list-usdt\0/bin/true",
    "argv_times": b"-ttt\0-T\0-r\0-y\0--json\0--no-bpf\0--\0sh\0-c\0exit 3",
}


def write(sub, seeds):
    d = os.path.join(HERE, "corpus", sub)
    os.makedirs(d, exist_ok=True)
    for name, data in seeds:
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    write("bpf_records", bpf_seeds())
    write("perf_records", perf_seeds())
    write("trace_expr", EXPR_SEEDS.items())
