#!/bin/bash
# How close lotrace's lines are to strace's on real commands, as root:
#   tests/measure/real_commands.sh [LOTRACE] [-v N]
# Runs each command of the sample under strace -f twice and lotrace -f
# once, each time in the same fresh scratch directory, without address
# space randomization, and prints the share of strace's lines that the
# other trace repeats identically after pids and addresses are normalized
# (linediff.py): strace against itself first (the floor that timing,
# randomness and the clock leave), then lotrace; and the syscalls that
# differ most. -v N prints N differing lines per command.
# Not a ctest test: a measure, quoted in README.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
lotrace=${1:-$here/../../build/trace/lotrace}
# the commands run elsewhere: a relative path must still find it
lotrace=$(realpath "$lotrace")
shift $(($# > 0 ? 1 : 0))
verbose=()
[ "${1:-}" = -v ] && verbose=(-v "$2")
[ "$(id -u)" = 0 ] || { echo "real_commands.sh: run as root (lotrace needs tracefs and BPF)"; exit 1; }
for tool in strace sqlite3 git tar gzip /usr/bin/python3; do
	command -v "$tool" >/dev/null || { echo "real_commands.sh: $tool is not installed"; exit 1; }
done
out=$(mktemp -d /tmp/lotrace-measure.XXXXXX)
scratch=$out/scratch
norand=(setarch "$(uname -m)" -R)
# git's commits the same in every run
export GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z'
export GIT_AUTHOR_NAME=m GIT_AUTHOR_EMAIL=m@example.org GIT_COMMITTER_NAME=m
export GIT_COMMITTER_EMAIL=m@example.org GIT_CONFIG_NOSYSTEM=1 HOME=$out

# name, then the command; each runs in $scratch, made again before each run
commands=(
	"ls|ls -la /etc"
	"find|find /usr/share/doc -maxdepth 2"
	"sqlite3|sqlite3 db.sqlite 'insert into t values (3, \"c\"); select * from t;'"
	"git|git commit -q -m second -a"
	"python3|/usr/bin/python3 -c 'import json, sqlite3'"
	"tar|tar czf out.tgz files"
)

prepare() {
	rm -rf "$scratch"
	mkdir -p "$scratch/files"
	cd "$scratch" || exit 1
	for i in 1 2 3 4 5; do
		seq $((i * 100)) >"files/f$i"
	done
	sqlite3 db.sqlite 'create table t (a int, b text); insert into t values (1, "a"), (2, "b");'
	git init -q repo && git -C repo add . 2>/dev/null
	cp files/f1 repo/ && git -C repo add f1 && git -C repo commit -q -m first
	echo changed >>repo/f1
}

pairs_self=()
pairs_lt=()
for entry in "${commands[@]}"; do
	name=${entry%%|*}
	cmd=${entry#*|}
	dir=$scratch
	[ "$name" = git ] && dir=$scratch/repo
	for run in s1 s2 lt; do
		prepare
		cd "$dir" || exit 1
		case $run in
		s1 | s2) "${norand[@]}" strace -f -qq -o "$out/$name.$run" sh -c "exec $cmd" >/dev/null 2>&1 ;;
		lt) "$lotrace" -f -qq -o "$out/$name.$run" -- "${norand[@]}" sh -c "exec $cmd" >/dev/null 2>&1 ;;
		esac
	done
	# lotrace sees setarch's own calls: start both at the command's execve
	sed -n '/execve("\/usr\/bin\/sh"/,$p' "$out/$name.lt" >"$out/$name.lt2"
	mv "$out/$name.lt2" "$out/$name.lt"
	printf '%-8s strace/strace: ' "$name"
	/usr/bin/python3 "$here/linediff.py" "$out/$name.s1" "$out/$name.s2" | sed -n 1p
	printf '%-8s strace/lotrace: ' "$name"
	/usr/bin/python3 "$here/linediff.py" "${verbose[@]}" "$out/$name.s1" "$out/$name.lt" | sed '2d'
	pairs_self+=("$out/$name.s1" "$out/$name.s2")
	pairs_lt+=("$out/$name.s1" "$out/$name.lt")
done
echo "all, strace against itself:"
/usr/bin/python3 "$here/linediff.py" "${pairs_self[@]}"
echo "all, lotrace against strace:"
/usr/bin/python3 "$here/linediff.py" "${pairs_lt[@]}"
echo "traces kept in $out"
