#!/usr/bin/env bash
# Builds the Linux realm guest's initramfs: realm/linux/initramfs.list plus
# the modules of deps/linux/modules/modules.order (in load order), archived
# by mkcpio. Usage: linux-initramfs.sh MKCPIO BUILD OUT
# (LINUX_MODULES: another modules directory, for the bad-input tests.)
set -euo pipefail

mkcpio=$1 build=$2 out=$3
modules=${LINUX_MODULES:-deps/linux/modules}
[ -f "$modules/modules.order" ] || { echo "linux-initramfs: no $modules/modules.order (make linux-parts)" >&2; exit 1; }
list="$out.list"
sed "s|@BUILD@|$build|" realm/linux/initramfs.list >"$list"
while read -r m; do
	[ -f "$modules/$m.ko" ] || { echo "linux-initramfs: module $m of modules.order is missing" >&2; exit 1; }
	echo "file /lib/modules/atoll/$m.ko 0644 $modules/$m.ko" >>"$list"
done <"$modules/modules.order"
"$mkcpio" "$list" "$out"
