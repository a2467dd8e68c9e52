#!/usr/bin/env bash
# Boots the Linux realm guest (docs/linux-realm.md): checks the parts on the
# host first (build/linux-check), writes the record the launcher reads, and
# has QEMU load the kernel, the initramfs and the record into NS memory.
# Usage: linux-run.sh BUILD FLASH IMAGE INITRD LOG [TIMEOUT_S]
set -euo pipefail

build=$1 flash=$2 image=$3 initrd=$4 log=$5 timeout_s=${6:-600}
kernel_pa=0xC0000000 initrd_pa=0xE0000000 record_pa=0xF0000000
ram_mib=512	# host/main/linux.c's RAM_SIZE

"$build/linux-check" "$image" "$initrd" "$ram_mib"
# The record: "LNUXARTS", kernel PA and size, initrd PA and size (little-endian u64s).
/usr/bin/python3 - "$build/linux-parts.rec" "$kernel_pa" "$(stat -L -c %s "$image")" \
	"$initrd_pa" "$(stat -L -c %s "$initrd")" <<'PY'
import struct, sys
out, *vals = sys.argv[1:]
with open(out, "wb") as f:
    f.write(b"LNUXARTS" + struct.pack("<4Q", *(int(v, 0) for v in vals)))
PY
start=$(date +%s)
tools/qemu-run.sh --smp 2 --timeout "$timeout_s" \
	--load "$(realpath "$image")@$kernel_pa" --load "$(realpath "$initrd")@$initrd_pa" \
	--load "$build/linux-parts.rec@$record_pa" "$flash" "$log" || rc=$?
echo "linux-run: $(( $(date +%s) - start )) s of QEMU; console log in $log"
exit "${rc:-0}"
