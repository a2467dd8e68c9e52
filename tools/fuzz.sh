#!/usr/bin/env bash
# Runs the RMI fuzzer (tests/fuzz, built by mk/fuzz.mk as $build/fuzz/rmi-fuzz).
#   tools/fuzz.sh smoke [build]            the seeded, fixed-length run of `make test`;
#                                          ends with "fuzz: N passed, M failed"
#   tools/fuzz.sh campaign [build] [secs]  `make fuzz`: grows $build/fuzz/corpus
# Inputs that trip an invariant or a sanitizer go to $build/fuzz/findings/.
set -uo pipefail

mode=${1:?usage: tools/fuzz.sh smoke|campaign [build] [seconds]}
build=${2:-build}
bin=$build/fuzz/rmi-fuzz
seeds=$build/fuzz/seeds
findings=$build/fuzz/findings

# An input is at most 64 calls of 16 bytes. Mutating at full length from the
# start keeps the seeds (whole realm lifecycles) whole: libFuzzer's length
# control would first cut them down to a few calls. A hang (a granule lock
# left held spins forever) is a finding too.
flags=(-max_len=1024 -len_control=0 -timeout=10 -detect_leaks=0 -artifact_prefix="$findings/")

# The built-in seed inputs (tests/fuzz/seeds.c), as files for libFuzzer.
write_seeds() {
	rm -rf "$seeds" && mkdir -p "$seeds" "$findings" && RMI_FUZZ_WRITE_SEEDS="$seeds" "$bin"
}

# 100,000 inputs from the seeds alone with a fixed seed, so a run repeats
# exactly: without address randomisation too, as libFuzzer learns compared
# values, and the RMM compares pointers; no timed corpus reloads either.
smoke() {
	local seed=${FUZZ_SEED:-1} runs=100000 corpus=$build/fuzz/smoke-corpus start rc
	local norand=(setarch "$(uname -m)" -R)
	"${norand[@]}" true 2>/dev/null || norand=()	# not allowed everywhere
	rm -rf "$corpus" && mkdir -p "$corpus"
	echo "fuzz: seed $seed, $runs runs (FUZZ_SEED=$seed tools/fuzz.sh smoke $build repeats it)"
	start=$SECONDS
	"${norand[@]}" "$bin" "${flags[@]}" -seed="$seed" -runs="$runs" -reload=0 "$corpus" "$seeds"
	rc=$?
	echo "fuzz: $runs runs in $((SECONDS - start)) s, exit status $rc"
	if [ $rc -eq 0 ]; then
		echo "fuzz: 1 passed, 0 failed"
	else
		echo "fuzz: 0 passed, 1 failed"
	fi
	return $rc
}

campaign() {
	local secs=${1:-300}
	mkdir -p "$build/fuzz/corpus"
	"$bin" "${flags[@]}" -max_total_time="$secs" -print_final_stats=1 \
		"$build/fuzz/corpus" "$seeds"
}

write_seeds || exit 1
case $mode in
smoke) smoke ;;
campaign) campaign "${3:-300}" ;;
*) echo "tools/fuzz.sh: unknown mode $mode" >&2; exit 2 ;;
esac
