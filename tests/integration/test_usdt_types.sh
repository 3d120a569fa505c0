# Typed USDT probes: lotrace's SDK records each argument's type next to the
# stapsdt note, so a char * prints as the string copied in the kernel at
# the hit (strace's escaping, -s), other pointers in hex, integers with
# their sign and floats as numbers, without /sN; through USDT(),
# STAP_PROBEn and a usdt-gen header. readelf and bpftrace read the same
# objects as ever.
. "$(dirname "$0")/lib.sh"
need_root
prog=$PROGS/it-usdttypes

run_types() {	# OUT [lotrace options...]: trace every probe of the program
	local out=$1
	shift
	"$LOTRACE" "$@" -u 'lttypes:*' -u 'ltgen:*' -e trace=none -o "$out" -- "$prog" 40 \
		>"$out.stdout"
}

run_types "$WORK/t.txt"
check "exit status 0" [ $? -eq 0 ]
ptr=$(awk '/^ptr / { print $2 }' "$WORK/t.txt.stdout")
check "the program printed its pointer" [ -n "$ptr" ]
big=$(printf 'x%.0s' $(seq 32))
if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
	# strings are not copied at the hit without BPF: their addresses
	check "--no-bpf: strings as addresses, the rest by type" \
		grep -qE "^usdt:lttypes:typed\(7, 0x[0-9a-f]+, 0x[0-9a-f]+, $ptr, -5, 4000000000, 1.5, 0.1, NULL, 0x[0-9a-f]+\)$" "$WORK/t.txt"
	check "--no-bpf: usdt-gen's probe" \
		grep -qE "^usdt:ltgen:request\(8, 0x[0-9a-f]+, 0x[0-9a-f]+, 12345678901234, $ptr\)$" "$WORK/t.txt"
else
	for line in "usdt:lttypes:typed(7, \"GET\", \"k0001\", $ptr, -5, 4000000000, 1.5, 0.1, NULL, \"$big\"...)" \
		"usdt:ltgen:request(8, \"SET\", \"k0001\", 12345678901234, $ptr)" \
		'usdt:lttypes:stap("k0001", "literal")'; do
		check "$line" grep -qxF "$line" "$WORK/t.txt"
	done
	# -s cuts strings as strace does
	run_types "$WORK/s3.txt" -s 3
	ptr=$(awk '/^ptr / { print $2 }' "$WORK/s3.txt.stdout")
	check "-s 3" grep -qxF "usdt:lttypes:typed(7, \"GET\", \"k00\"..., $ptr, -5, 4000000000, 1.5, 0.1, NULL, \"xxx\"...)" "$WORK/s3.txt"
	# a hit copies 4096 bytes of strings in all: "GET", "k0001" and
	# 4085 x's and a NUL of the long one
	"$LOTRACE" -s 4095 -u 'lttypes:typed' -e trace=none -o "$WORK/long.txt" -- "$prog" 6000 >/dev/null
	xs=$(grep -o '"x*"' "$WORK/long.txt" | tr -d '"' | awk '{ print length }')
	check "the per-hit bound: 4085 characters of the last string, then ... ($xs)" \
		bash -c "[ '$xs' = 4085 ] && grep -q '\"\\.\\.\\.)\$' '$WORK/long.txt'"
	# /sN still forces a string: the struct's first bytes (fd 7)
	"$LOTRACE" -u 'lttypes:typed/s3' -e trace=none -o "$WORK/force.txt" -- "$prog" 40 >/dev/null
	check "/s3 prints the void * as a string" grep -qF '"GET", "k0001", "\7")' \
		<(sed 's/, -5.*)$/)/' "$WORK/force.txt")
	# --json: strings as JSON strings, pointers as "0x...", NULL, numbers
	run_types "$WORK/t.json" --json
	ptr=$(awk '/^ptr / { print $2 }' "$WORK/t.json.stdout")
	check "--json typed" grep -qF "\"usdt\":\"lttypes:typed\",\"args\":[7,\"GET\",\"k0001\",\"$ptr\",-5,4000000000,1.5,0.1,\"NULL\",\"$big\"]" "$WORK/t.json"
fi
check "integers with their sign and size" \
	grep -qxF 'usdt:lttypes:chars(-3, 250, -300, 60000, -1, 18446744073709551615)' "$WORK/t.txt"
# 1@16(%rsi,%rdi): base and index, no scale: tag[6 & 3] = 30
check "an indexed operand without scale" grep -qxF 'usdt:lttypes:tag(30)' "$WORK/t.txt"

# --list-usdt: the types after the name, the readelf fields as before
"$LOTRACE" --list-usdt "$prog" >"$WORK/list.txt"
check "--list-usdt shows the types" \
	grep -q '^lttypes:typed(int32_t,char\*,char\*,void\*,int64_t,uint32_t,double,float,char\*,char\*) 0x' "$WORK/list.txt"
check "--list-usdt: usdt-gen's types" \
	grep -q '^ltgen:request(int32_t,char\*,char\*,uint64_t,void\*) 0x[0-9a-f]* 0x0*[1-9a-f][0-9a-f]* -4@' "$WORK/list.txt"
check "--list-usdt: the indexed operand as in the note" grep -q ' 1@16(%rsi,%rdi) ' "$WORK/list.txt"

# other tools read the same objects as before: readelf's notes, bpftrace
check "readelf -n: the notes" [ "$(readelf -n "$prog" | grep -c 'NT_STAPSDT')" -eq 5 ]
check "the descriptor is a section readelf -n does not show" \
	bash -c "readelf -SW '$prog' | grep -q ' .lotrace.usdt  *PROGBITS' && ! readelf -n '$prog' | grep -q lotrace"
if [ "${LOTRACE_TRANSPORT:-bpf}" = bpf ]; then
	bpftrace -e "usdt:$prog:lttypes:typed { printf(\"bt %d %s %s\\n\", arg0, str(arg1), str(arg2)); exit(); }" \
		-c "$prog 40" >"$WORK/bt.txt" 2>&1
	check "bpftrace reads the typed probe" grep -qx 'bt 7 GET k0001' "$WORK/bt.txt"
fi
finish
