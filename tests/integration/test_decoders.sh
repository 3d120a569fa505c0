# Structs and strings as strace prints them, line by line: ioctl requests
# and their arguments (decode_ioctl), socket options, control messages
# and netlink messages (decode_sockmsg), the strings and structs of keys,
# mounts, names, extended attributes, message queues, perf_event_open and
# landlock (decode_str). Every argument of every call between the markers
# must equal strace's. Through perf sampling (--no-bpf) nothing is copied:
# there the integer arguments must still be strace's.
. "$(dirname "$0")/lib.sh"
need_root
command -v strace >/dev/null || { echo "FAIL: strace is not installed (scripts/setup.sh installs it)"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/setup.sh installs it)"; exit 1; }
here=$(dirname "$0")
# the same addresses in both runs: no address space randomization
norand="setarch $(uname -m) -R"
export ASAN_OPTIONS=detect_leaks=0

for family in ioctl:7600 sockmsg:7700 str:7800; do
	name=${family%:*}
	marker=${family#*:}
	prog=$PROGS/it-decode_$name
	mkdir -p "$WORK/$name"
	strace -qq -o "$WORK/s.txt" $norand "$prog" "$WORK/$name"
	"$LOTRACE" -o "$WORK/l.txt" -- $norand "$prog" "$WORK/$name"
	check "$name: exit status 0" [ $? -eq 0 ]
	# the credentials a process sends carry its pid, another each run;
	# lo's statistics move with whatever else uses it meanwhile
	# and sockets' inode numbers and cookies
	sed -i -E -e 's/cmsg_data=\{pid=[0-9]+/cmsg_data={pid=PID/' \
		-e 's/((idiag|udiag)_(inode|ino)|ndiag_ino)=[0-9]+/\1=INO/g' \
		-e 's/(idiag|udiag|ndiag|pdiag)_cookie=\[[0-9]+, [0-9]+\]/\1_cookie=C/g' \
		-e 's/((rx|tx)_[a-z_]+|multicast|collisions)=[0-9]+/\1=N/g' "$WORK/s.txt" "$WORK/l.txt"
	if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
		# stack addresses move with the environment each tracer leaves
		sed -i -E 's/0x7ff[0-9a-f]{9}/STACK/g' "$WORK/s.txt" "$WORK/l.txt"
		python3 "$here/decode_compare.py" lines "$WORK/s.txt" "$WORK/l.txt" \
			"close(-$marker)" "close(-$((marker + 1)))"
	else
		python3 "$here/compare.py" "$WORK/s.txt" "$WORK/l.txt" \
			"close(-$marker)" "close(-$((marker + 1)))" --all
	fi
	check "$name: every argument as strace's" [ $? -eq 0 ]
done
finish
