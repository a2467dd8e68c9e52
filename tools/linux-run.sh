#!/usr/bin/env bash
# Boots Debian's kernel as a realm guest and checks what it did
# (docs/linux-realm.md): fetches the parts (first time), builds the
# initramfs, checks the parts and predicts the guest's RIM on the host
# (build/linux-check), writes the reference values of this flash image with
# that RIM (build/atoll-refs), boots QEMU with the HES daemon
# (tools/hesd-run.sh) with the kernel, the initramfs and a record of both in
# NS memory, then verifies the token /init's atoll-attest printed, with
# build/atoll-verify and with `atoll token verify`. Prints the time of each
# phase and one line per check, then "linux-boot: N passed, M failed".
# Exit 0 only if every check passed.
#
# Usage: linux-run.sh BUILD FLASH
# Environment: VERBOSE=1 boots without `quiet` (the full kernel log);
# LINUX_RAM_MIB (realm RAM), LINUX_RECS (vCPUs), LINUX_TIMEOUT (seconds),
# LINUX_IMAGE (another kernel than Debian's, for the bad-input tests);
# LINUX_ICOUNT=1 runs QEMU with -icount shift=0 (the counter then ticks once
# an instruction of either CPU, so each phase is a count of instructions).
set -uo pipefail

build=$1 flash=$2
ram_mib=${LINUX_RAM_MIB:-256} recs=${LINUX_RECS:-2} timeout_s=${LINUX_TIMEOUT:-600}
image=${LINUX_IMAGE:-deps/linux/Image} initrd=$build/linux/initramfs.cpio log=$build/run-linux.log
out=$build/run-linux
kernel_pa=0xC0000000 initrd_pa=0xE0000000 record_pa=0xF0000000
# The TF-A build of $flash (flash-hes-linux.bin: tf-a-hes-linux), whose images refs.json measures.
tfa=$build/tf-a-${flash#flash-}
tfa=${tfa%.bin}/qemu/release
# earlycon at the PL011's unprotected alias (s2sz 40): before RSI init Linux knows no better.
# `quiet` comes first: earlycon replays the log as soon as it is parsed. panic=-1: a
# panicking kernel resets at once (SYSTEM_RESET ends the run) instead of hanging.
# rcu_expedited: grace periods by IPI rather than by waiting for ticks (2 vCPUs:
# 7.6 G -> 7.0 G instructions to /init under -icount).
bootargs="console=ttyAMA0 earlycon=pl011,mmio32,0x8009000000 rdinit=/init swiotlb=1 panic=-1 rcupdate.rcu_expedited=1"
[ "${VERBOSE:-0}" = 1 ] || bootargs="quiet $bootargs"
mkdir -p "$out"
# Nothing of an earlier run may pass for this one's.
rm -f "$log" "$out/token.cbor" "$out/refs.json" "$out/check.txt"

. tests/common/check.sh
finish() {
	check_finish linux-boot
	exit
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# A fatal step: its own error is printed, the run ends as one failure.
must() {
	local what=$1
	shift
	if ! "$@"; then
		echo "FAIL $what"
		failed=$((failed + 1))
		finish
	fi
}

t=$(now)
must "Debian parts fetched" bash tools/setup.sh --linux
echo "linux-run: phase fetch: $(since "$t") s"
t=$(now)
must "initramfs built" tools/linux-initramfs.sh "$build/mkcpio" "$build" "$initrd"
echo "linux-run: phase initramfs: $(since "$t") s ($(stat -c %s "$initrd") bytes)"

# Checked and measured on the host before QEMU starts: a wrong kernel or an
# initramfs too large for realm RAM stops here.
linux_check() { "$build/linux-check" "$image" "$initrd" "$ram_mib" "$recs" "$bootargs" >"$out/check.txt"; }
must "kernel and initramfs accepted by linux-check" linux_check
cat "$out/check.txt"
rim=$(sed -n 's/^linux-check: predicted RIM //p' "$out/check.txt")
must "reference values written" "$build/atoll-refs" --state "$build/run/hes.state" \
	--bl2 "$tfa/bl2.bin" --bl31 "$tfa/bl31.bin" --rmm "$build/rmm.bin" --bl33 "$build/host-linux.bin" \
	--realm-name linux --realm-rim "$rim" --out "$out/refs.json"

# The record the launcher reads (host/linux/linux_vm.h): magic, u64s, bootargs.
/usr/bin/python3 - "$out/parts.rec" "$kernel_pa" "$(stat -L -c %s "$image")" "$initrd_pa" \
	"$(stat -c %s "$initrd")" "$((ram_mib << 20))" "$recs" "$bootargs" <<'PY'
import struct, sys
path, *vals, bootargs = sys.argv[1:]
with open(path, "wb") as f:
    f.write(b"LNUXARTS" + struct.pack("<6Q", *(int(v, 0) for v in vals)) + bootargs.encode() + b"\0")
PY

echo "linux-run: booting ($ram_mib MiB, $recs vCPU(s), \"$bootargs\"); console log in $log"
t=$(now)
icount=()
[ "${LINUX_ICOUNT:-0}" = 1 ] && icount=(--bench)
BUILD=$build tools/hesd-run.sh -- "${icount[@]}" --smp 2 --timeout "$timeout_s" \
	--load "$(realpath "$image")@$kernel_pa" --load "$(realpath "$initrd")@$initrd_pa" \
	--load "$out/parts.rec@$record_pa" "$build/$flash" "$log"
qemu_rc=$?
qemu_s=$(since "$t")
grep -E '^(HOST: (linux|kernel|bootargs)|linux: )' "$log" | grep -vE '^linux: \[[0-9]+ ms\] [0-9a-f]+$'

# Phases from the launcher's counter (ms since QEMU started): the realm
# loaded, /init's first line, the token's last line, the power-off.
ms() { sed -n "$1" "$log" | head -1; }
loaded=$(ms 's/^HOST: linux guest loaded -> 0 .* at \([0-9]*\) ms$/\1/p')
init=$(ms 's/^linux: \[\([0-9]*\) ms\] init: started$/\1/p')
token=$(ms 's/^linux: \[\([0-9]*\) ms\] atoll-attest: -----END CCA TOKEN-----$/\1/p')
stopped=$(ms 's/^HOST: linux guest stopped, state [0-9]*, at \([0-9]*\) ms$/\1/p')
# Under -icount the counter's ms are millions of instructions.
unit="s of the guest's counter"
[ "${LINUX_ICOUNT:-0}" = 1 ] && unit="G instructions (-icount shift=0)"
phase() { [ -n "$2" ] && [ -n "$3" ] && awk -v a="$2" -v b="$3" -v n="$1" -v u="$unit" \
	'BEGIN { printf "linux-run: phase %s: %.2f %s\n", n, (b - a) / 1000, u }'; }
phase "QEMU start to realm loaded" 0 "$loaded"
phase "boot to /init" "$loaded" "$init"
phase "token" "$init" "$token"
phase "poweroff" "$token" "$stopped"
echo "linux-run: $qemu_s s of QEMU in all"

check "QEMU ran to its end" test "$qemu_rc" -eq 0
check "the kernel negotiated RSI (\"RME: Using RSI version\")" \
	grep -qE '^linux: .*init: kernel: .*RME: Using RSI version [0-9]+\.[0-9]+' "$log"
check "the arm-cca-guest provider registered (configfs-tsm provider arm_cca_guest)" \
	grep -qE '^linux: .*init: provider arm_cca_guest$' "$log"
check "no TSM registration error" bash -c "! grep -q 'registering with TSM' '$log'"
cpus=$( [ "$recs" -eq 1 ] && echo 0 || echo "0-$((recs - 1))")
check "the kernel brought up $recs CPU(s) (online $cpus)" \
	grep -qE "^linux: .*init: cpus online $cpus\$" "$log"
check "a token printed by atoll-attest" \
	"$build/atoll" token extract "$log" -o "$out/token.cbor" >/dev/null
# arm-cca-guest passes the inblob zero-padded to 64 bytes.
challenge=$(/usr/bin/python3 -c 'import sys; print((open(sys.argv[1], "rb").read() + bytes(64))[:64].hex())' \
	realm/linux/challenge.bin)
check "atoll-verify: platform token, sw-components, binding, RIM and challenge" \
	"$build/atoll-verify" --refs "$out/refs.json" --token "$out/token.cbor" --challenge "$challenge"
check "atoll token verify" "$build/atoll" token verify "$out/token.cbor" --refs "$out/refs.json" \
	--challenge "$challenge"
# Both verifiers must be able to say no: the same token against another challenge is
# refused as a failed check (exit 1), not as bad input.
other=$(echo "$challenge" | tr 0-9a-f 1-9a-f0)
check "atoll-verify refuses the token for another challenge" bash -c \
	"'$build/atoll-verify' --refs '$out/refs.json' --token '$out/token.cbor' --challenge $other >/dev/null; [ \$? -eq 1 ]"
check "atoll token verify refuses the token for another challenge" bash -c \
	"'$build/atoll' token verify '$out/token.cbor' --refs '$out/refs.json' --challenge $other >/dev/null 2>&1; [ \$? -eq 1 ]"
token_rim=$("$build/atoll" token show "$out/token.cbor" --json 2>/dev/null |
	/usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["realm"]["rim"])' 2>/dev/null)
echo "linux-run: predicted RIM $rim"
echo "linux-run: token's RIM  ${token_rim:-(none)}"
check "the token's RIM is the one predicted before QEMU started" test -n "$rim" -a "$rim" = "$token_rim"
check "the guest reached PSCI SYSTEM_OFF" grep -q '^HOST: linux guest stopped, state 1,' "$log"
# What the run loop's fail() prints: "HOST: realm linux: <what> (<value>)"; and a REC that
# did not stop on its CPU.
check "no REC in an error state" bash -c \
	"! grep -qE '^HOST: realm linux: (.* \([0-9a-f]+\)|the REC on CPU [0-9]+ did not stop)\$' '$log'"
finish
