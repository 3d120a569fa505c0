# Integer arguments as strace prints them: the decode_* programs call the
# syscalls of each family with known values (flags with unknown bits,
# unknown enum values, -1 ids...) between markers; every line whose
# arguments are integers must equal strace's, the integer arguments of the
# other lines too, position by position (decode_compare.py). Then the -c
# tables: the same calls and errors per syscall.
. "$(dirname "$0")/lib.sh"
need_root
command -v strace >/dev/null || { echo "FAIL: strace is not installed (scripts/setup.sh installs it)"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/setup.sh installs it)"; exit 1; }
compare=$(dirname "$0")/decode_compare.py
# the same addresses in both runs: no address space randomization
norand="setarch $(uname -m) -R"
# a sanitizer build's programs: LeakSanitizer's exit-time syscalls (and
# its failure under ptrace) would differ between the two tracers
export ASAN_OPTIONS=detect_leaks=0

for family in fs:7200 mem:7300 proc:7400 net:7500; do
	prog=$PROGS/it-decode_${family%:*}
	marker=${family#*:}
	strace -qq -o "$WORK/s.txt" $norand "$prog" "$WORK"
	"$LOTRACE" -o "$WORK/l.txt" -- $norand "$prog" "$WORK"
	check "${family%:*}: exit status 0" [ $? -eq 0 ]
	if python3 "$compare" lines "$WORK/s.txt" "$WORK/l.txt" "close(-$marker)" "close(-$((marker + 1)))"; then
		pass "${family%:*}: integer arguments and results equal strace's"
	else
		fail "${family%:*}: lotrace differs from strace"
	fi

	strace -qq -c -o "$WORK/sc.txt" $norand "$prog" "$WORK"
	"$LOTRACE" -c -o "$WORK/lc.txt" -- $norand "$prog" "$WORK"
	if python3 "$compare" summary "$WORK/sc.txt" "$WORK/lc.txt"; then
		pass "${family%:*}: -c calls and errors equal strace's"
	else
		fail "${family%:*}: -c calls or errors differ from strace's"
	fi
done

# syscall classes: the same calls as strace's selection, in the same order
names() {
	grep -v '^+++\|^---' "$1" | sed -E 's/^\[pid +[0-9]+\] //; s/\(.*//'
}
for case in fs:%file fs:%desc fs:%%stat fs:%fstat mem:%memory mem:%ipc proc:%process \
	proc:%signal proc:%creds proc:%clock proc:%pure net:%network net:%net \
	proc:'!%desc,close' fs:'%file,%memory,getpid'; do
	expr=${case#*:}
	prog=$PROGS/it-decode_${case%%:*}
	strace -qq -e trace="$expr" -o "$WORK/s.txt" $norand "$prog" "$WORK"
	"$LOTRACE" -e trace="$expr" -o "$WORK/l.txt" -- $norand "$prog" "$WORK"
	names "$WORK/s.txt" >"$WORK/sn.txt"
	names "$WORK/l.txt" >"$WORK/ln.txt"
	if [ -s "$WORK/sn.txt" ] && diff -u "$WORK/sn.txt" "$WORK/ln.txt" >"$WORK/d.txt"; then
		pass "-e trace=$expr selects strace's calls"
	else
		cat "$WORK/d.txt"
		fail "-e trace=$expr selects other calls than strace's"
	fi
done

# -c alone decodes nothing: no trace line at all
"$LOTRACE" -c -o "$WORK/lc.txt" -- $norand "$PROGS/it-decode_fs" "$WORK"
check "-c prints only the table" bash -c "! grep -q 'openat(' '$WORK/lc.txt'"
finish
