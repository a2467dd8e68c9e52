#!/usr/bin/env bash
# The seeded smoke run of the HES protocol fuzzer (tests/hes/fuzz, built by
# mk/hes.mk) in `make test`: a fixed number of inputs from the built-in
# seeds with a fixed seed, so a run repeats. Ends with
# "hes-fuzz: N passed, M failed". Findings go to $build/fuzz/hes-findings/.
#   tests/hes/fuzz_smoke.sh [build]
# A longer campaign: $build/fuzz/hes-proto-fuzz -max_total_time=600 DIR $build/fuzz/hes-seeds
set -uo pipefail

build=${1:-build}
bin=$build/fuzz/hes-proto-fuzz
seeds=$build/fuzz/hes-seeds
corpus=$build/fuzz/hes-smoke-corpus
findings=$build/fuzz/hes-findings
seed=${FUZZ_SEED:-1}
runs=${HES_FUZZ_RUNS:-100000}

rm -rf "$seeds" "$corpus" && mkdir -p "$seeds" "$corpus" "$findings"
HES_FUZZ_WRITE_SEEDS="$seeds" "$bin" || { echo "hes-fuzz: 0 passed, 1 failed"; exit 1; }
echo "hes-fuzz: seed $seed, $runs runs"
start=$SECONDS
# A request is at most 20 + 4096 bytes; a hang is a finding too (-timeout).
"$bin" -seed="$seed" -runs="$runs" -max_len=8400 -timeout=10 -detect_leaks=0 -reload=0 \
	-artifact_prefix="$findings/" "$corpus" "$seeds"
rc=$?
echo "hes-fuzz: $runs runs in $((SECONDS - start)) s, exit status $rc"
if [ $rc -eq 0 ]; then
	echo "hes-fuzz: 1 passed, 0 failed"
else
	echo "hes-fuzz: 0 passed, 1 failed"
fi
exit $rc
