#!/bin/sh
# same-skeleton.sh GENERIC PLAIN: fails unless the plain build's skeleton
# (name lotrace_plain_bpf) is the generic one's (lotrace_bpf) but for the
# object's bytes: the same maps, programs and .rodata layout, in the same
# order. lotrace opens the plain object through the generic skeleton.
set -eu
generic=$1
plain=$2

# the skeleton without the function that returns the object's bytes
strip() {
	sed -e 's/lotrace_plain_bpf/lotrace_bpf/g' -e 's/LOTRACE_PLAIN_BPF/LOTRACE_BPF/g' "$1" |
		awk '/^static inline const void \*lotrace_bpf__elf_bytes\(size_t \*sz\)$/ { skip = 1 }
			!skip { print }
			skip && /^}$/ { skip = 0 }'
}

if ! strip "$generic" >"$plain.generic.cmp" || ! strip "$plain" >"$plain.plain.cmp" ||
	! cmp -s "$plain.generic.cmp" "$plain.plain.cmp"; then
	echo "same-skeleton.sh: the plain build's skeleton differs from the generic one:" >&2
	diff "$plain.generic.cmp" "$plain.plain.cmp" | head -20 >&2 || true
	rm -f "$plain.generic.cmp" "$plain.plain.cmp" "$plain"
	exit 1
fi
rm -f "$plain.generic.cmp" "$plain.plain.cmp"
