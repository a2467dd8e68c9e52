#!/usr/bin/env bash
# Boots a flash image on QEMU virt with RME and checks the console log.
#   qemu-run.sh [--smp N] [--timeout S] [--expect-closing] [--bench]
#               [--hes-serial CHARDEV] [--load FILE@ADDR]... [--qemu ARG]... [--stream] <flash.bin> <log>
# --load has QEMU's loader put FILE's raw bytes at physical address ADDR.
# --qemu passes one more argument to QEMU as it is (devices, chardevs).
# --hes-serial wires QEMU's secure-only UART1 (EL3's channel to the HES) to a
# second -serial backend, e.g. tcp:127.0.0.1:5002 (QEMU connects to an HES
# listening there) or unix:/path/to/hes.sock. Without it UART1 has no backend.
# With --expect-closing the run passes only if the log has a closing line
# "N passed, 0 failed"; a hang (timeout), a crash or a missing closing line
# fails with the log's tail. The full console log is kept in <log>; with
# --stream it is also shown as it comes.
set -uo pipefail

smp=2 timeout_s=60 expect_closing=0 stream=0 icount=() hes_serial=() loads=() extra=()
while [ $# -gt 2 ]; do
	case $1 in
	--smp) smp=$2; shift 2 ;;
	--timeout) timeout_s=$2; shift 2 ;;
	--expect-closing) expect_closing=1; shift ;;
	--stream) stream=1; shift ;;
	--bench) icount=(-icount shift=0,sleep=off -seed 1); smp=1; shift ;;
	--hes-serial) hes_serial=(-serial "$2"); shift 2 ;;
	--load) loads+=(-device "loader,file=${2%@*},addr=${2##*@},force-raw=on"); shift 2 ;;
	--qemu) extra+=("$2"); shift 2 ;;
	*) echo "qemu-run: unknown option $1" >&2; exit 2 ;;
	esac
done
flash=$1 log=$2

qemu() {
	timeout --foreground "$timeout_s" qemu-system-aarch64 \
		-M virt,secure=on,virtualization=on,gic-version=3 -cpu max,x-rme=on -m 3G \
		-smp "$smp" "${icount[@]}" -nographic -monitor none -serial stdio "${hes_serial[@]}" \
		"${loads[@]}" "${extra[@]}" -bios "$flash" </dev/null 2>&1
}
if [ $stream -eq 1 ]; then
	qemu | tee "$log" | tr -d '\r'
	rc=${PIPESTATUS[0]}
	# QEMU may stop in the middle of a line: what comes after starts on its own.
	[ -s "$log" ] && [ -n "$(tail -c 1 "$log")" ] && echo
else
	qemu >"$log"
	rc=$?
fi
tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"

fail() {
	echo "qemu-run: $1 ($flash); last lines of $log:" >&2
	tail -n 25 "$log" >&2
	exit 1
}

[ $rc -eq 124 ] && fail "timed out after ${timeout_s}s"
[ $rc -ne 0 ] && fail "QEMU exited with status $rc"
if [ $expect_closing -eq 1 ]; then
	closing=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	[ -n "$closing" ] || fail "no closing 'N passed, M failed' line"
	echo "$closing" | grep -q ' 0 failed$' || fail "failures: $closing"
fi
exit 0
