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

# How the syscall programs load (the verifier's statistics name the
# programs it loaded): with two CPUs or more the pair, each side in its own
# object, verified at once; LOTRACE_BPF_LOAD=one gives one program for
# both sides, told apart by the cookie of each attachment, as one CPU on
# Linux 6.10 or later gets; =pair the pair in one object, as one CPU on
# older kernels gets
loaded() {	# the programs LOTRACE_BPF_LOAD=$1 (empty: the default) loads for -e $2
	LOTRACE_BPF_LOAD=$1 LOTRACE_DEBUG_BPF=4 "$LOTRACE" -e "$2" -o "$WORK/one.txt" -- true \
		2>"$WORK/bpf.txt"
	sed -n "s/^libbpf: prog '\(lt_[a-z_]*\)': -- BEGIN PROG LOAD LOG --$/\1/p" "$WORK/bpf.txt" |
		sort | tr '\n' ' '
}
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ] && [ -z "${LOTRACE_BPF_LOAD:-}" ]; then
	for filter in trace=all trace=openat; do
		side=sys seen='^execve('
		[ $filter = trace=openat ] && side=tp seen='^openat('
		progs=$(loaded split $filter)
		check "-e $filter split: lt_${side}_enter and lt_${side}_exit ($progs)" \
			bash -c "echo ' $progs' | grep -q ' lt_${side}_enter lt_${side}_exit '"
		check "and traces through them" grep -q "$seen" "$WORK/one.txt"
		progs=$(loaded pair $filter)
		check "-e $filter pair: the same two ($progs)" \
			bash -c "echo ' $progs' | grep -q ' lt_${side}_enter lt_${side}_exit '"
		check "and traces through them" grep -q "$seen" "$WORK/one.txt"
		kv=$(uname -r | sed 's/^\([0-9]*\)\.\([0-9]*\).*/\1 \2/')
		if [ "${kv% *}" -gt 6 ] || { [ "${kv% *}" -eq 6 ] && [ "${kv#* }" -ge 10 ]; }; then
			progs=$(loaded one $filter)
			check "-e $filter one: lt_$side alone for the syscalls ($progs)" \
				bash -c "echo ' $progs' | grep -q ' lt_$side ' &&
					! echo '$progs' | grep -qE '_(sys|tp)_(enter|exit) '"
			check "and traces through it" grep -q "$seen" "$WORK/one.txt"
		else
			echo "SKIP: kernel $(uname -r) predates raw tracepoint cookies (6.10): no one program"
		fi
	done
	# -e trace=none (-u alone, signals alone): no syscall program, so
	# no syscall of any task pays for one; the rest still shows
	progs=$(loaded "" trace=none)
	check "-e trace=none: no syscall program ($progs)" \
		bash -c "! echo ' $progs' | grep -qE ' lt_(sys|tp)'"
	check "and the end still shows" grep -qx '+++ exited with 0 +++' "$WORK/one.txt"
	# on the kernel it was built on (a GNU build ID, as above): else
	# each object would parse the kernel's whole BTF, and it does not split
	if [ "$(getconf _NPROCESSORS_ONLN)" -gt 1 ] &&
		od -An -v -tx1 /sys/kernel/notes | tr -d ' \n' | grep -q '03000000474e5500'; then
		LOTRACE_DEBUG_BPF=4 "$LOTRACE" -o /dev/null -- true 2>"$WORK/bpf.txt"
		check "two CPUs: split by default (three objects: the maps', one per side)" \
			[ "$(grep -c "^libbpf: loading object 'lotrace_bpf'" "$WORK/bpf.txt")" -eq 3 ]
	fi
fi

# The plain build of the program (bpf/config.h): plain tracing of a
# command loads it, any option it fixes otherwise loads the generic one,
# and both print the same trace
build_of() {	# which build lotrace loads with options "$@"
	LOTRACE_DEBUG_BPF=4 "$LOTRACE" "$@" -o /dev/null -- true 2>&1 |
		sed -n 's/^lotrace: the \([a-z]*\) build of the BPF program$/\1/p'
}
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ]; then
	check "plain tracing loads the plain build" [ "$(build_of)" = plain ]
	check "so does -f with -s 64 (switches it does not fix)" [ "$(build_of -f -s 64)" = plain ]
	for opt in -c -C -T -tt -i -k --json; do
		check "$opt loads the generic build" [ "$(build_of $opt)" = generic ]
	done
	check "LOTRACE_BPF_BUILD=generic loads the generic build" \
		[ "$(LOTRACE_BPF_BUILD=generic build_of)" = generic ]
	for cmd in "dd if=/etc/hostname bs=4 count=3 status=none" "cat /etc/hostname"; do
		# shellcheck disable=SC2086
		"$LOTRACE" -e trace=openat,read,write,close -o "$WORK/plain.txt" -- $cmd >/dev/null
		# shellcheck disable=SC2086
		LOTRACE_BPF_BUILD=generic "$LOTRACE" -e trace=openat,read,write,close \
			-o "$WORK/generic.txt" -- $cmd >/dev/null
		check "$cmd: the plain build's trace is the generic one's" \
			cmp -s "$WORK/plain.txt" "$WORK/generic.txt"
		check "$cmd: with its reads and writes" grep -q '^write(1, ' "$WORK/plain.txt"
	done
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
