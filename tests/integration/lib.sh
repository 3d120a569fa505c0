# Helpers for the integration tests: each test_*.sh is run by ctest as
# `bash test_X.sh LOTRACE PROGDIR`, as root, against the real kernel.
set -u
LOTRACE=$1
LOTRACE_BIN=$1	# the binary itself, whatever LOTRACE becomes below
PROGS=$2
WORK=$(mktemp -d /tmp/lotrace-it.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
failures=0

# LOTRACE_TRANSPORT=perf: the same test through perf sampling (--no-bpf).
# Through BPF, a program that cannot load is an error, not a quiet run
# through perf sampling that most checks would pass (the man page's
# LOTRACE_BPF_REQUIRED).
if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
	printf '#!/bin/sh\nexec "%s" --no-bpf "$@"\n' "$LOTRACE" >"$WORK/lotrace-perf"
	chmod 755 "$WORK/lotrace-perf"
	LOTRACE=$WORK/lotrace-perf
else
	export LOTRACE_BPF_REQUIRED=1
fi

# lotrace_for_others DIR: for a test that runs lotrace as another user, a
# copy of it in DIR, a scratch directory of the test's own that this makes
# world-readable: the build tree may sit where only root may enter (a
# clone in root's home, any mktemp -d). Under LOTRACE_TRANSPORT=perf the
# copy has its --no-bpf wrapper there too. Prints the path to run.
lotrace_for_others() {
	chmod 755 "$1"
	cp "$LOTRACE_BIN" "$1/lotrace.bin"
	chmod 755 "$1/lotrace.bin"
	if [ "${LOTRACE_TRANSPORT:-bpf}" = perf ]; then
		printf '#!/bin/sh\nexec "%s" --no-bpf "$@"\n' "$1/lotrace.bin" >"$1/lotrace"
		chmod 755 "$1/lotrace"
	else
		mv "$1/lotrace.bin" "$1/lotrace"
	fi
	echo "$1/lotrace"
}

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

pass() {
	echo "ok: $*"
}

# check DESCRIPTION COMMAND...: the command must succeed
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "FAIL: integration tests trace real programs and must run as root" >&2
		exit 1
	fi
	if [ ! -d /sys/kernel/tracing/events ]; then
		mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
	fi
}

# wait_attached FILE: until lotrace's stderr in FILE says "Process N
# attached" (it says so once its probes and events are in place), 20 s at most
wait_attached() {
	for _ in $(seq 200); do
		grep -q '^lotrace: Process [0-9]* attached$' "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "lotrace never said it attached: $(cat "$1")" >&2
	return 1
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

# Lines strictly between the marker lines matching $2 and $3 in file $1.
between() {
	awk -v b="$2" -v e="$3" 'index($0, e) { on = 0 } on { print } index($0, b) { on = 1 }' "$1"
}

# Reduce strace or lotrace lines to "name = result": the call name and
# what it returned (errno name for failures), the comparable part while
# lotrace prints pointers where strace prints strings.
name_and_result() {
	sed -E 's/^([0-9]+ +|\[pid +[0-9]+\] )//' |
		sed -E 's/^([a-z0-9_]+)\(.*\) += (-1 [A-Z0-9_]+|[-0-9a-fx?]+).*$/\1 = \2/'
}
