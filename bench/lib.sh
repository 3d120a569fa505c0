# bench/lib.sh: what capture.sh and probe.sh share, sourced after they set
# rounds and size to their defaults: the options, the root check, where
# the programs are, a scratch directory, and the median of a round's figures.

here=$(cd "$(dirname "$0")" && pwd)
build=${LOTRACE_BUILD:-$here/../build}
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	--size) size=$2; shift 2 ;;
	*) echo "usage: $0 [--build DIR] [--rounds N] [--size N]" >&2; exit 2 ;;
	esac
done
[ "$(id -u)" -eq 0 ] || { echo "$0: must run as root (it loads BPF)" >&2; exit 1; }
lotrace=${LOTRACE:-$build/trace/lotrace}
bin=$build/bench
scratch=$(mktemp -d /tmp/lotrace-bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

# need PROGRAM...: each must be built
need() {
	for f in "$@"; do
		[ -x "$f" ] || { echo "$0: $f is missing: cmake --build $build" >&2; exit 1; }
	done
}

# median (min…max) of a list of integers on stdin
stats() {
	tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)
		printf "%d (%d…%d)", m, v[1], v[NR] }'
}
