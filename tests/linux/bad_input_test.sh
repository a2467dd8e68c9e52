#!/usr/bin/env bash
# Bad parts for the Linux realm guest, each refused with a clear error before
# QEMU starts: a kernel without the arm64 Image magic (build/linux-check, and
# make run-linux's script stopping there with no console log), an initramfs
# too large for realm RAM, a module of modules.order missing from the
# modules directory (tools/linux-initramfs.sh), and the arguments linux-check
# takes; and the token block's extraction from a console log (atoll token extract).
# Usage: bad_input_test.sh BUILD; ends with "linux-bad-input: N passed, M failed".
set -uo pipefail

build=$(realpath "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
check_bin=$build/linux-check
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$top/tests/common/check.sh"

# A kernel header as Debian's: text_offset 0, image_size 8 MiB, 4K pages, the magic.
/usr/bin/python3 - "$work/Image" <<'PY'
import struct, sys
h = bytearray(8192)
struct.pack_into("<QQQ", h, 8, 0, 8 << 20, 0xA)
struct.pack_into("<I", h, 56, 0x644D5241)
open(sys.argv[1], "wb").write(h)
PY
head -c 100 /dev/zero >"$work/small.cpio"
head -c $((30 << 20)) /dev/zero >"$work/big.cpio"
cp "$work/Image" "$work/nomagic"
printf 'XXXX' | dd of="$work/nomagic" bs=1 seek=56 conv=notrunc 2>/dev/null

# expect_refusal OUT STATUS TEXT CMD...: CMD exits STATUS and says TEXT on stderr.
expect_refusal() {
	local out=$1 status=$2 text=$3 rc
	shift 3
	"$@" >"$work/$out.out" 2>"$work/$out.err"
	rc=$?
	[ "$rc" -eq "$status" ] && grep -q "$text" "$work/$out.err" ||
		{ echo "  exit $rc, stderr: $(cat "$work/$out.err")"; return 1; }
}

good_parts_accepted() {
	"$check_bin" "$work/Image" "$work/small.cpio" 32 1 "console=ttyAMA0" >"$work/good.out" &&
		grep -qE '^linux-check: predicted RIM [0-9a-f]{64}$' "$work/good.out"
}
check good_parts_accepted good_parts_accepted
check kernel_without_magic expect_refusal nomagic 1 \
	"nomagic: no arm64 Image magic" "$check_bin" "$work/nomagic" "$work/small.cpio" 32 1 x
check initramfs_too_large_for_ram expect_refusal big 1 \
	"initramfs does not fit in realm RAM" "$check_bin" "$work/Image" "$work/big.cpio" 32 1 x
check missing_kernel_file expect_refusal missing 1 \
	"nothing: No such file" "$check_bin" "$work/nothing" "$work/small.cpio" 32 1 x
check ram_size_not_a_number expect_refusal ram 1 "not a RAM size" \
	"$check_bin" "$work/Image" "$work/small.cpio" 32M 1 x
check rec_count_out_of_range expect_refusal recs 1 "not a REC count" \
	"$check_bin" "$work/Image" "$work/small.cpio" 32 9 x
check usage expect_refusal usage 2 "usage: linux-check" "$check_bin" "$work/Image"

# modules.order names a module the directory does not have.
mkdir -p "$work/modules"
printf 'configfs\ntsm_report\n' >"$work/modules/modules.order"
: >"$work/modules/configfs.ko"
check missing_module expect_refusal module 1 "module tsm_report of modules.order is missing" \
	env LINUX_MODULES="$work/modules" "$top/tools/linux-initramfs.sh" "$build/mkcpio" "$build" \
	"$work/initramfs.cpio"
check no_archive_after_missing_module test ! -e "$work/initramfs.cpio"

# The token block as the launcher prints atoll-attest's: prefixed lines, and a line of the
# host's statistics in the middle (skipped); a block shorter than its BEGIN line says is refused.
cat >"$work/console.log" <<'LOG'
linux: [10 ms] atoll-attest: -----BEGIN CCA TOKEN----- (4 bytes)
linux: [11 ms] d28443a1
HOST: realm linux: 15016 REC_ENTERs; exits SYNC 12029 IRQ 2982 FIQ 0 PSCI 1 SERROR 0
linux: [12 ms] atoll-attest: -----END CCA TOKEN-----
LOG
token_taken_between_host_lines() {
	"$build/atoll" token extract "$work/console.log" -o "$work/token.bin" >/dev/null &&
		[ "$(od -An -tx1 "$work/token.bin" | tr -d ' \n')" = d28443a1 ]
}
check token_taken_between_host_lines token_taken_between_host_lines
sed 's/(4 bytes)/(5 bytes)/' "$work/console.log" >"$work/short.log"
check token_block_shorter_than_said expect_refusal short 1 "the block holds 4 bytes, its BEGIN line says 5" \
	"$build/atoll" token extract "$work/short.log" -o "$work/short.bin"

# make run-linux's script with that kernel: linux-check stops it, QEMU never starts.
run_stops_before_qemu() {
	(cd "$top" && LINUX_IMAGE="$work/nomagic" tools/linux-run.sh "$build" flash-hes-linux.bin) \
		>"$work/run.out" 2>&1
	[ $? -ne 0 ] && grep -q '^FAIL kernel and initramfs accepted by linux-check' "$work/run.out" &&
		grep -q 'no arm64 Image magic' "$work/run.out" && [ ! -e "$build/run-linux.log" ] ||
		{ tail -5 "$work/run.out"; return 1; }
}
check run_stops_before_qemu run_stops_before_qemu
check_finish linux-bad-input
