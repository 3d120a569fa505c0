#!/bin/sh
# Generate the ioctl(2) request names from the installed kernel headers:
# gen-ioctls.sh CC OUTDIR
#
# As strace's maint/ioctls_gen.sh does over a kernel tree: every header of
# the uapi directories that defines a request with _IO, _IOR, _IOW, _IOWR
# or _IOC (or a prefixed form, DRM_IOWR) gives its names; the old terminal,
# socket, block and console requests are numbers, taken from the headers
# strace takes them from. Each header is compiled on its own (uapi headers
# do not all go together), with what it needs declared first; one that
# still does not compile is left out, with a note on stderr. The values are
# what the compiler makes of the definitions, so no number is typed here.
#
# Writes OUTDIR/ioctl_gen.c: ioctl_ents[], sorted by request code and then
# name, as strace's ioctlsort sorts them (one name per header that defines
# it, asm/ before asm-generic/; a name that extends the previous one of
# the same code, FOO_OLD after FOO, is left out, as strace leaves it).
set -eu
cc=$1
out=$2
tmp=$out/ioctls.tmp
[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
mkdir -p "$tmp/src" "$tmp/obj"

# where the compiler finds <linux/...> and <asm/...>
where() {
	echo "#include <$1>" | $cc -E -x c - 2>/dev/null |
		sed -n "s|^# [0-9]* \"\\(.*\\)/$1\".*|\\1|p" | head -n 1
}
inc=$(where linux/ioctl.h)
asminc=$(where asm/ioctl.h)
scsiinc=$(where scsi/sg.h)
[ -n "$inc" ] && [ -n "$asminc" ] || {
	echo "gen-ioctls.sh: the kernel headers (<linux/ioctl.h>, <asm/ioctl.h>) are not installed" >&2
	exit 1
}

r_sym='^[[:space:]]*#[[:space:]]*define[[:space:]]\+\([A-Z][A-Z0-9_]*\)[[:space:]]\+\([A-Z]\+\)\?_S\?\(IO\|IOW\|IOR\|IOWR\|IOC\)[[:space:]]*(.*'

# the headers (as included) that may define some, their definitions
# perhaps continued on the next line
r_any='_S\?\(IO\|IOW\|IOR\|IOWR\|IOC\)[[:space:]]*('
{
	for d in linux sound mtd misc rdma video drm xen asm-generic; do
		[ -d "$inc/$d" ] || continue
		(cd "$inc" && grep -rl "$r_any" "$d" || true)
	done
	(cd "$asminc" && grep -rl "$r_any" asm || true)
} | LC_ALL=C sort -u >"$tmp/headers"

# The requests defined as numbers, by the header and the number's first
# byte: strace's maint/ioctls_hex.sh list.
hex_headers='03:linux/hdreg.h 22:scsi/sg.h 46:linux/fb.h 4B:linux/kd.h 4C:linux/loop.h
53:linux/cdrom.h 54:asm-generic/ioctls.h 46:asm-generic/ioctls.h 66:asm-generic/ioctls.h
74:asm-generic/ioctls.h 56:linux/vt.h 89:linux/sockios.h 89:asm-generic/sockios.h
8B:linux/wireless.h'

path_of() {
	case $1 in
	asm/*) echo "$asminc/$1" ;;
	scsi/*) echo "${scsiinc:-$inc}/$1" ;;
	*) echo "$inc/$1" ;;
	esac
}

# What some headers need declared before them (strace's ioctls_sym.sh
# keeps the same list of fixes).
fixes() {
	case $1 in
	asm-generic/ioctls.h | asm/ioctls.h) printf '#include <asm/termios.h>\n#include <linux/serial.h>\n' ;;
	linux/fs.h) printf '#include <linux/blktrace_api.h>\n#include <linux/fiemap.h>\n' ;;
	linux/if_tun.h | linux/ppp-ioctl.h) echo '#include <linux/filter.h>' ;;
	linux/if_pppox.h) echo '#include <netinet/in.h>' ;;
	linux/isdn_ppp.h | linux/gsmmux.h) echo '#include <linux/if.h>' ;;
	linux/atm?*.h) echo '#include <linux/atm.h>' ;;
	linux/sonet.h) echo '#include <linux/atmioc.h>' ;;
	linux/auto_fs*.h) echo 'typedef __u32 compat_ulong_t;' ;;
	linux/coda.h) printf '#define _LINUX_TIME_H\n#define _UAPI_LINUX_TIME_H\n' ;;
	linux/ndctl.h) echo '#define PAGE_SIZE 0' ;;
	linux/ivtvfb.h | linux/meye.h) echo '#include <linux/videodev2.h>' ;;
	sound/asequencer.h) printf '#include <sound/asound.h>\nstruct snd_seq_queue_owner { __u32 unused[0]; };\n' ;;
	sound/emu10k1.h) printf '#include <sound/asound.h>\n#define DECLARE_BITMAP(n, b) unsigned long n[((b) + 63) / 64]\n' ;;
	video/sstfb.h) echo 'struct fb_info;' ;;
	xen/evtchn.h | xen/gntdev.h) printf 'typedef __u32 grant_ref_t;\ntypedef __u16 domid_t;\n' ;;
	esac
}

n=0
emit() {
	hdr=$1
	names=$2
	[ -s "$names" ] || return 0
	n=$((n + 1))
	echo "$n $hdr" >>"$tmp/index"
	{
		cat <<'EOF'
#include <linux/types.h>
#include <linux/ioctl.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <asm/termbits.h>
#include <linux/limits.h>
#include <linux/major.h>
typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;
#ifndef __user
# define __user
#endif
EOF
		fixes "$hdr"
		echo "#include <$hdr>"
		echo '#include "ioctl_hdr.h"'
		echo 'static const struct ioctl_hdr_ent ent[] = {'
		LC_ALL=C sort -u "$names" | while read -r name; do
			printf '#ifdef %s\n\t{ "%s", (unsigned int)(%s) },\n#endif\n' "$name" "$name" "$name"
		done
		echo '	{ 0, 0 },'
		echo '};'
		echo "const struct ioctl_hdr ioctl_hdr_$n = { \"$hdr\", ent };"
	} >"$tmp/src/$n.c"
}

cat >"$tmp/ioctl_hdr.h" <<'EOF'
struct ioctl_hdr_ent {
	const char *name;
	unsigned int code;
};
struct ioctl_hdr {
	const char *header;
	const struct ioctl_hdr_ent *ent;
};
EOF

# a header's lines, those continued with a backslash joined
joined() {
	sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$1"
}

while read -r hdr; do
	joined "$(path_of "$hdr")" | sed -n "s/$r_sym/\\1/p" >"$tmp/names"
	emit "$hdr" "$tmp/names"
done <"$tmp/headers"
for e in $hex_headers; do
	hdr=${e#*:}
	f=$(path_of "$hdr")
	[ -f "$f" ] || continue
	sed -n "s/^[[:space:]]*#[[:space:]]*define[[:space:]]\\+\\([A-Z][A-Z0-9_]*\\)[[:space:]]\\+0x${e%%:*}[0-9A-Fa-f][0-9A-Fa-f]\\([[:space:]].*\\)\\?$/\\1/p" \
		"$f" >"$tmp/names"
	emit "$hdr" "$tmp/names"
done

# Compile each header's table on its own, two at a time. A request whose
# argument type is some other architecture's (kvm.h's) does not compile
# here: its entry is dropped and the rest compiled again.
cat >"$tmp/compile.sh" <<'EOF'
cc=$1 tmp=$2 i=$3
for try in 1 2 3 4; do
	$cc -D_GNU_SOURCE -w -I"$tmp" -c "$tmp/src/$i.c" -o "$tmp/obj/$i.o" 2>"$tmp/src/$i.err" && exit 0
	lines=$(sed -n "s|^$tmp/src/$i\.c:\([0-9]*\):[0-9]*: error:.*|\1|p" "$tmp/src/$i.err" | sort -un)
	[ -n "$lines" ] || break
	for l in $lines; do
		sed -i "${l}s/.*/ /" "$tmp/src/$i.c"
	done
done
echo "gen-ioctls.sh: <$(sed -n "s/^$i //p" "$tmp/index")> does not compile alone: left out" >&2
EOF
ls "$tmp/src" | sed -n 's/\.c$//p' | xargs -P 2 -I{} sh "$tmp/compile.sh" "$cc" "$tmp" {}

objs=
tables=
for o in "$tmp"/obj/*.o; do
	[ -f "$o" ] || continue
	i=$(basename "$o" .o)
	objs="$objs $o"
	tables="$tables &ioctl_hdr_$i,"
done

{
	echo '#include <stdio.h>'
	echo '#include <stdlib.h>'
	echo '#include <string.h>'
	echo '#include "ioctl_hdr.h"'
	for t in $tables; do
		echo "extern const struct ioctl_hdr ${t#&}"
	done | sed 's/,$/;/'
	echo "static const struct ioctl_hdr *const all[] = { $tables };"
	cat <<'EOF'
struct ent {
	const char *name, *header;
	unsigned int code;
	int gone;
};

static int prefix(const char *p, const char *s)
{
	return !strncmp(p, s, strlen(p));
}

/* strace's ioctlsort: by name, asm/ before asm-generic/, then header */
static int by_name(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	int rc = strcmp(x->name, y->name);

	if (rc)
		return rc;
	if (prefix("asm/", x->header) && prefix("asm-generic/", y->header))
		return -1;
	if (prefix("asm/", y->header) && prefix("asm-generic/", x->header))
		return 1;
	return strcmp(x->header, y->header);
}

static int by_code(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	if (x->gone != y->gone)
		return x->gone - y->gone;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return strcmp(x->name, y->name);
}

int main(void)
{
	size_t n = 0, cap = 4096, i;
	struct ent *e = malloc(cap * sizeof(*e));

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		for (const struct ioctl_hdr_ent *h = all[i]->ent; h->name; h++) {
			if (n == cap && !(e = realloc(e, (cap *= 2) * sizeof(*e))))
				return 1;
			e[n++] = (struct ent){ h->name, all[i]->header, h->code, 0 };
		}
	qsort(e, n, sizeof(*e), by_name);
	for (i = 1; i < n; i++)
		e[i].gone = !strcmp(e[i - 1].name, e[i].name);
	qsort(e, n, sizeof(*e), by_code);
	printf("/* Generated by gen-ioctls.sh from the installed kernel headers. */\n"
	       "#include \"decode/ioctl.h\"\n\nconst struct ioctl_ent ioctl_ents[] = {\n");
	for (i = 0; i < n && !e[i].gone; i++)
		if (!i || e[i - 1].code != e[i].code || !prefix(e[i - 1].name, e[i].name))
			printf("\t{ %#010x, \"%s\" },\n", e[i].code, e[i].name);
	printf("};\n\nconst size_t ioctl_nents = sizeof(ioctl_ents) / sizeof(ioctl_ents[0]);\n");
	return 0;
}
EOF
} >"$tmp/dump.c"
# shellcheck disable=SC2086
$cc -I"$tmp" -o "$tmp/dump" "$tmp/dump.c" $objs
"$tmp/dump" >"$tmp/ioctl_gen.c"
mv "$tmp/ioctl_gen.c" "$out/ioctl_gen.c"
[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
