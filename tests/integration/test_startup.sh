# Start-up on the kernel lotrace was built on: the kernel types its BPF
# program relocates against come from the build (transport/corebtf.c), so
# it does not read the kernel's whole BTF; and the fields it reads through
# them are right: a pipe's inode as /proc shows it, a socket's family.
. "$(dirname "$0")/lib.sh"
need_root

# a GNU build ID note (type 3, name "GNU") tells this kernel apart: only
# then does the build keep the types (bpf/gen-core-btf.sh); --no-bpf
# loads no program, and needs no BTF at all
if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ] ||
	od -An -v -tx1 /sys/kernel/notes | tr -d ' \n' | grep -q '03000000474e5500'; then
	# LeakSanitizer cannot run under ptrace: an ASan build's leak check
	# would fail lotrace's exit here (the other tests run it unptraced)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -qq -e trace=openat -o "$WORK/open.txt" "$LOTRACE" -o /dev/null -- true
	check "lotrace -- true exits 0 under strace" [ $? -eq 0 ]
	check "it read no /sys/kernel/btf/vmlinux" \
		bash -c "! grep -q /sys/kernel/btf/vmlinux '$WORK/open.txt'"
	check "it did open files (the strace oracle saw it)" grep -q 'openat(' "$WORK/open.txt"
fi

# the reader of a pipe prints the pipe's inode; lotrace -y shows the
# writer's pipe2 with the inode read in the kernel (--no-bpf copies
# nothing: its pipe2 prints the array's address)
[ "${LOTRACE_TRANSPORT:-bpf}" = bpf ] || finish
"$LOTRACE" -f -y -e trace=pipe2,pipe -o "$WORK/t.txt" -- \
	sh -c ': | readlink /proc/self/fd/0' >"$WORK/out.txt"
ino=$(sed -n 's/^pipe:\[\([0-9]*\)\]$/\1/p' "$WORK/out.txt")
check "the reader saw a pipe ($(cat "$WORK/out.txt"))" [ -n "$ino" ]
check "pipe2 shows its inode $ino" grep -qE "pipe2?\(\[[0-9]+<pipe:\[$ino\]>, [0-9]+<pipe:\[$ino\]>\]" \
	"$WORK/t.txt"
finish
