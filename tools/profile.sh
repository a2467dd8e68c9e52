#!/usr/bin/env bash
# `make profile`: where the instructions of the bench's calls go.
# Runs the bench image (as `make bench` does, -icount, -smp 1) with the
# insnprof TCG plugin (tools/prof/insnprof.c), which counts executed
# instructions per address inside the windows the bench host and the bench
# realm program open (bench_prof_begin/prof_begin, x0 = the label, an
# enum bench_id of host/main/bench.c; 40 = the first attestation token), and
# prints per label the instructions per window by image and by function.
#   PROFILE_LABELS="23 24"  only these labels;  PROFILE_ARGS="-a -n 10" more detail
set -uo pipefail

build=${BUILD:-build}
out=$build/profile
mkdir -p "$out"
nm=${CROSS:-aarch64-linux-gnu-}nm
host_elf=$build/host-bench.elf
bl31=$(ls "$build"/tf-a-bench/qemu/*/bl31/bl31.elf | head -1)

sym() { "$nm" "$1" | awk -v s="$2" '$3 == s { print "0x" $1; exit }'; }
realm_base=$(sym "$host_elf" bench_realm_start)
hb=$(sym "$host_elf" bench_prof_begin) he=$(sym "$host_elf" bench_prof_end)
rb=$(printf '0x%x' $(($(sym "$host_elf" prof_begin) - realm_base)))
re=$(printf '0x%x' $(($(sym "$host_elf" prof_end) - realm_base)))

timeout --foreground 600 qemu-system-aarch64 \
	-M virt,secure=on,virtualization=on,gic-version=3 -cpu max,x-rme=on -m 3G \
	-smp 1 -icount shift=0,sleep=off -seed 1 -nographic -monitor none -serial stdio \
	-plugin "$build/insnprof.so,begin=$hb,end=$he,begin=$rb,end=$re,out=$out/counts" \
	-bios "$build/flash-bench.bin" </dev/null >"$out/qemu.log" 2>&1 || {
	echo "profile: QEMU failed; see $out/qemu.log" >&2
	exit 1
}
grep -q '^bench: done' "$out/qemu.log" || { echo "profile: the bench did not finish" >&2; exit 1; }
largs=()
for l in ${PROFILE_LABELS:-}; do largs+=(-l "$l"); done
names=$(sed -n '/^#define BENCH_LIST/,/^$/p' host/main/bench.c | grep -o 'X([A-Z0-9_]*)' | sed 's/X(\(.*\))/\1/')
PROFILE_NAMES=$(echo $names) NM=$nm python3 tools/prof/symbolize.py "$out/counts" bench_realm_start \
	"$build/rmm.elf" "$bl31" "$host_elf" "${largs[@]}" ${PROFILE_ARGS:-} | tee "$out/profile.txt"
