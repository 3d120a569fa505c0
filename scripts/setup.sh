#!/usr/bin/env bash
# Install every Debian package lotrace's build, tests and benchmarks need,
# then configure and build into build/ (or build-asan/ with --sanitize).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
cmake_args=(-DLOTRACE_WERROR=ON)
for arg in "$@"; do
	case "$arg" in
	--sanitize)
		build=build-asan
		cmake_args+=(-DLOTRACE_SANITIZE=ON)
		;;
	--no-install) skip_install=1 ;;
	*)
		echo "usage: $0 [--sanitize] [--no-install]" >&2
		exit 1
		;;
	esac
done

packages=(
	# build
	build-essential cmake pkg-config clang llvm
	# libFuzzer for clang (libclang-rt-14-dev on Debian 12): fuzz/
	libclang-rt-dev
	libtraceevent-dev libtracefs-dev libelf-dev libdw-dev libcmocka-dev
	libbpf-dev bpftool
	# tests: oracles and independent consumers
	strace linux-perf valgrind bpftrace systemtap-sdt-dev binutils python3
	bpfcc-tools
	# benchmarks
	sqlite3 postgresql postgresql-contrib hyperfine time
)

if [ -z "${skip_install:-}" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup.sh: run as root (it installs Debian packages)" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

cmake -S . -B "$build" "${cmake_args[@]}"
cmake --build "$build" -j "$(nproc)"
