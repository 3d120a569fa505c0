# kvd untraced: the protocol's replies, group commit to the log, replay at
# start, one kvd per directory, and a clean stop on SIGINT and SIGTERM.
#   bash demo_kvd.sh KVD KVD_BENCH
. "$(dirname "$0")/lib.sh"

# ask LINE...: send the lines on a new TCP connection in one write, print
# the replies (bash cannot half-close a socket: read one reply per line)
ask() {
	local reply
	exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
	printf '%s\n' "$@" >&3
	for _ in "$@"; do
		IFS= read -r -t 5 reply <&3 || break
		echo "$reply"
	done
	exec 3>&-
}

start_kvd
same "SET" "$(ask 'SET fruit apple')" OK
same "GET" "$(ask 'GET fruit')" "VALUE apple"
same "GET of a missing key" "$(ask 'GET nut')" NOTFOUND
same "a value with spaces" "$(ask 'SET greeting hello, world' 'GET greeting')" \
	"$(printf 'OK\nVALUE hello, world')"
same "DEL" "$(ask 'DEL fruit' 'DEL fruit' 'GET fruit')" \
	"$(printf 'DELETED\nNOTFOUND\nNOTFOUND')"
same "CRLF line ends" "$(ask $'GET greeting\r')" "VALUE hello, world"
same "errors" "$(ask 'PUT a b' 'GET' 'STATS now' "GET $(printf 'k%.0s' $(seq 65))")" \
	"$(printf 'ERR unknown command\nERR key must be 1 to 64 bytes\nERR no arguments expected\nERR key must be 1 to 64 bytes')"
check "STATS" grep -qE '^STATS keys=1 connections=8 open=1 requests=14 get=5 set=2 del=2 stats=1 bad=4 fsyncs=[1-9]' \
	<(ask STATS)
same "kvd-bench -S" "$("$BENCH" -p "$PORT" -S | cut -d' ' -f1-2)" "STATS keys=1"

exec 3<>"/dev/tcp/127.0.0.1/$PORT"
head -c 3000 /dev/zero | tr '\0' x >&3
IFS= read -r -t 5 reply <&3
same "a line longer than any request" "$reply" "ERR line too long"
# (with a reset: the rest of the line was never read)
check "and kvd hangs up" [ "$(timeout 5 cat <&3 2>/dev/null | wc -c)" -eq 0 ]
exec 3>&-

bench mix -u "$SOCK" -n 2000 -c 4 -k 300
same "kvd-bench over the unix socket: all answered" "$(field mix answered total)" 2000
same "kvd-bench: no errors" "$(field mix replies ERR)" 0

"$KVD" -d "$WORK" -p 0 >/dev/null 2>"$WORK/second.err"
same "a second kvd on the same directory: exit status" $? 1
check "and it says why" grep -q "kvd.log is in use by another kvd" "$WORK/second.err"
"$KVD" -d "$WORK" -p 70000 >/dev/null 2>"$WORK/badport.err"
same "-p 70000: exit status" $? 1

kvd_state
keys=$(counter keys)
stop "$KVD_PID" INT
KVD_PID=
same "exit status after SIGINT" "$STATUS" 0
check "a last line" grep -q '^kvd: stopping on SIGINT: 18 connections, 2016 requests' "$WORK/kvd.out"
check "the socket is gone" [ ! -e "$SOCK" ]

# Replay: the log holds every SET and DEL; a torn last record is cut off.
records=$(wc -l <"$WORK/kvd.log")
printf 'SET torn' >>"$WORK/kvd.log"
start_kvd
check "replayed $records records" grep -q "($records records replayed)" "$WORK/kvd.out"
check "the torn record was dropped" grep -q 'dropping a torn last record (8 bytes)' "$WORK/kvd.err"
same "the log ends with a whole record" "$(tail -c 1 "$WORK/kvd.log" | od -An -c | tr -d ' ')" '\n'
kvd_state
same "keys after replay" "$(counter keys)" "$keys"
same "a value after replay" "$(ask 'GET greeting')" "VALUE hello, world"
stop_kvd
same "exit status after SIGTERM" "$KVD_STATUS" 0
finish
