#!/usr/bin/env bash
# tools/mkcpio against GNU cpio as the independent reader: what the list says
# is what cpio lists and extracts, the bytes are reproducible, and each kind of
# bad list is refused with its message and no archive.
# Usage: mkcpio_test.sh MKCPIO; ends with "mkcpio: N passed, M failed".
set -uo pipefail

mkcpio=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/check.sh"

cd "$work"
printf 'hello\n' >hello.txt
head -c 5 /dev/urandom >odd.bin	# 5 bytes: the data needs padding
cat >good.list <<'EOF'
# a comment line
dir   /bin 0755
file  /bin/hello 0755 hello.txt   # trailing comment
file  /odd 0600 odd.bin
slink /bin/sh hello
dir   /dev 0755
nod   /dev/console 0600 c 5 1
EOF

listing_matches() {
	"$mkcpio" good.list a.cpio || return 1
	# GNU cpio's verbose listing: mode, links, owner, group, size or device, name.
	cpio -itv --quiet <a.cpio 2>/dev/null | awk '{ print $1, $3, $4, $5, $NF }' >got.txt
	cat >want.txt <<EOF
drwxr-xr-x root root 0 bin
-rwxr-xr-x root root 6 bin/hello
-rw------- root root 5 odd
lrwxrwxrwx root root 5 hello
drwxr-xr-x root root 0 dev
crw------- root root 5, dev/console
EOF
	diff want.txt got.txt
}

contents_extract() {
	mkdir -p out && (cd out && cpio -id --quiet --no-absolute-filenames <../a.cpio 2>/dev/null)
	cmp hello.txt out/bin/hello && cmp odd.bin out/odd && [ "$(readlink out/bin/sh)" = hello ]
}

reproducible() {
	sleep 1
	touch hello.txt
	"$mkcpio" good.list b.cpio && cmp a.cpio b.cpio
}

newc_layout() {
	# Magic first, every header 4-byte aligned, and the trailer last.
	[ "$(head -c 6 a.cpio)" = 070701 ] && [ $(($(stat -c %s a.cpio) % 4)) -eq 0 ] &&
		grep -qa 'TRAILER!!!' a.cpio
}

# refused <expected message> <list line>: the list is refused, the old archive stays.
refused() {
	local want=$1 line=$2
	printf 'dir /etc 0755\n%s\n' "$line" >bad.list
	cp a.cpio keep.cpio
	if "$mkcpio" bad.list keep.cpio 2>err.txt; then
		echo "  accepted: $line"
		return 1
	fi
	grep -q "bad.list:2: $want" err.txt && cmp a.cpio keep.cpio && [ ! -e keep.cpio.tmp ] ||
		{ echo "  message: $(cat err.txt)"; return 1; }
}

check listing_matches listing_matches
check contents_extract contents_extract
check reproducible reproducible
check newc_layout newc_layout
check refuses_unknown_type refused "unknown entry type 'fifo'" "fifo /x 0644"
check refuses_relative_path refused "the path must be absolute" "dir etc 0755"
check refuses_bad_mode refused "bad mode '0999'" "dir /x 0999"
check refuses_missing_source refused "cannot open nosuch" "file /x 0644 nosuch"
check refuses_wrong_field_count refused "'slink' takes 2 fields, got 1" "slink /x"
check refuses_bad_device refused "device type must be c or b" "nod /x 0600 p 1 2"

check_finish mkcpio
