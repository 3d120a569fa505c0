#!/bin/sh
# Generate the syscall and errno name tables from the installed headers, so
# no number is ever typed by hand: gen-tables.sh CC OUTDIR
set -eu
cc=$1
out=$2
mkdir -p "$out"

echo '#include <asm/unistd.h>' | $cc -E -dM - |
	awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ {
		printf "\tSYSCALL(%s, %s)\n", substr($2, 6), $3
	}' | sort -t, -k2 -n >"$out/systab_gen.h.tmp"
mv "$out/systab_gen.h.tmp" "$out/systab_gen.h"

echo '#include <errno.h>' | $cc -E -dM - |
	awk '$1 == "#define" && $2 ~ /^E[A-Z0-9]+$/ && $3 ~ /^[0-9]+$/ {
		printf "\tERRNO(%s, %s)\n", $2, $3
	}' | sort -t, -k2 -n >"$out/errno_gen.h.tmp"
mv "$out/errno_gen.h.tmp" "$out/errno_gen.h"

# glibc defines SIGIO as SIGPOLL; strace (and we) print SIGIO.
echo '#include <signal.h>' | $cc -E -dM - |
	awk '$1 == "#define" && $2 ~ /^SIG[A-Z0-9]+$/ && $3 ~ /^[0-9]+$/ && $3 < 65 {
		name = $2 == "SIGPOLL" ? "SIGIO" : $2
		printf "\tSIGNAL(%s, %s)\n", name, $3
	}' | sort -t, -k2 -n >"$out/signal_gen.h.tmp"
mv "$out/signal_gen.h.tmp" "$out/signal_gen.h"
