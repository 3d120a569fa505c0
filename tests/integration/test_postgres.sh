# A real PostgreSQL backend, attached with -p while it serves queries: its
# postgresql:transaction__start probe fires once per transaction, with the
# backend's local transaction ids counting up by one.
. "$(dirname "$0")/lib.sh"
need_root
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/postgres" ] || { echo "FAIL: PostgreSQL 15 is not installed (scripts/setup.sh installs it)"; exit 1; }

pg=$WORK/pg
mkdir -p "$pg"
chown postgres "$pg"
chmod 755 "$WORK"
port=$((20000 + $$ % 20000))
# from the server's own directory: ctest runs this inside the build tree,
# which postgres may not enter (a clone in root's home, any mktemp -d)
as_pg() { (cd "$pg" && runuser -u postgres -- "$@"); }
as_pg "$bin/initdb" -D "$pg/data" -A trust >/dev/null 2>&1 || { fail "initdb"; finish; }
as_pg "$bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w \
	-o "-c listen_addresses='' -k $pg -p $port" start >/dev/null || { fail "server start"; finish; }
trap 'as_pg "$bin/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1; rm -rf "$WORK"' EXIT

# one client session, fed through a fifo, so its backend lives on
mkfifo "$pg/in"
as_pg psql -h "$pg" -p "$port" -d postgres -qAtX <"$pg/in" >"$pg/out" 2>&1 &
exec 9>"$pg/in"
echo 'SELECT pg_backend_pid();' >&9
for _ in $(seq 50); do [ -s "$pg/out" ] && break; sleep 0.1; done
backend=$(head -n1 "$pg/out")
check "the backend's pid ($backend)" [ -n "$backend" ] && kill -0 "$backend"

"$LOTRACE" -p "$backend" -u 'postgresql:transaction-start' -u 'postgresql:transaction__commit' \
	-e trace=none -o "$WORK/t.txt" 2>"$WORK/lt.err" &
lt=$!
check "lotrace attached" wait_attached "$WORK/lt.err"
for i in 1 2 3 4 5; do echo "SELECT $i;" >&9; done
echo 'BEGIN; SELECT 6; SELECT 7; COMMIT;' >&9
sleep 1
kill -INT "$lt"
wait "$lt"
check "lotrace exits 130 after SIGINT" [ $? -eq 130 ]
echo 'SELECT 8;' >&9
sleep 0.3
check "the backend keeps serving after lotrace left" grep -qx 8 "$pg/out"
check "the backend still runs" kill -0 "$backend"
echo '\q' >&9
exec 9>&-

starts=$(grep -c '^usdt:postgresql:transaction__start(' "$WORK/t.txt")
commits=$(grep -c '^usdt:postgresql:transaction__commit(' "$WORK/t.txt")
check "six transactions started ($starts)" [ "$starts" -eq 6 ]
check "six transactions committed ($commits)" [ "$commits" -eq 6 ]
ids=$(sed -n 's/^usdt:postgresql:transaction__start(\([0-9]*\))$/\1/p' "$WORK/t.txt" | tr '\n' ' ')
check "local transaction ids count up by one ($ids)" \
	bash -c "echo '$ids' | awk '{ for (i = 2; i <= NF; i++) if (\$i != \$(i-1) + 1) exit 1 }'"
finish
