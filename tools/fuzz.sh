#!/usr/bin/env bash
# Runs the fuzzers of tests/fuzz (built by mk/fuzz.mk into $build/fuzz/):
# rmi-fuzz (RMI call sequences) and rsi-fuzz (a realm's RSI and PSCI calls
# with the host's answers).
#   tools/fuzz.sh smoke [build]            the seeded, fixed-length RMI run of `make test`;
#                                          ends with "fuzz: N passed, M failed"
#   tools/fuzz.sh rsi-smoke [build]        the same for the RSI fuzzer; "rsi-fuzz: ..."
#   tools/fuzz.sh campaign [build] [secs]  `make fuzz`: each target for secs seconds,
#                                          growing $build/fuzz/corpus and corpus-rsi
#                                          (FUZZ_TARGETS="rsi": only that one)
#   tools/fuzz.sh coverage [build]         line coverage of rmm/ by those corpora (llvm-cov),
#                                          also written to $build/fuzz/coverage.txt
#   tools/fuzz.sh rsi-seeds [build]        rewrites tests/fuzz/corpus/rsi/ from the
#                                          built-in seeds (tests/fuzz/rsi_seeds.c)
# Inputs that trip an invariant or a sanitizer go to $build/fuzz/findings/.
set -uo pipefail

mode=${1:?usage: tools/fuzz.sh smoke|rsi-smoke|campaign|rsi-seeds [build] [seconds]}
build=${2:-build}
bin=$build/fuzz/rmi-fuzz
rsi_bin=$build/fuzz/rsi-fuzz
seeds=$build/fuzz/seeds
rsi_seeds=tests/fuzz/corpus/rsi
findings=$build/fuzz/findings

# An RMI input is at most 64 calls of 16 bytes. Mutating at full length from
# the start keeps the seeds (whole realm lifecycles) whole: libFuzzer's length
# control would first cut them down to a few calls. A hang (a granule lock
# left held spins forever) is a finding too.
flags=(-max_len=1024 -len_control=0 -timeout=10 -detect_leaks=0 -artifact_prefix="$findings/")
# An RSI input is a header and up to 96 records of 16 bytes (tests/fuzz/rsi_fuzz.h).
rsi_flags=(-max_len=1552 -len_control=0 -timeout=10 -detect_leaks=0 -artifact_prefix="$findings/rsi-")

# The built-in RMI seed inputs (tests/fuzz/seeds.c), as files for libFuzzer.
write_seeds() {
	rm -rf "$seeds" && mkdir -p "$seeds" "$findings" && RMI_FUZZ_WRITE_SEEDS="$seeds" "$bin"
}

# The committed RSI corpus must be what the built-in seeds give.
check_rsi_seeds() {
	local fresh=$build/fuzz/rsi-seeds
	rm -rf "$fresh" && mkdir -p "$fresh" "$findings" && RSI_FUZZ_WRITE_SEEDS="$fresh" "$rsi_bin" &&
		diff -r "$fresh" "$rsi_seeds" >/dev/null ||
		{ echo "rsi-fuzz: $rsi_seeds differs from the built-in seeds (tools/fuzz.sh rsi-seeds)"; return 1; }
}

# smoke <suite> <runs> <binary> <seed dir> <flags...>: a fixed number of inputs
# from the seeds alone with a fixed seed, so a run repeats exactly: without
# address randomisation too, as libFuzzer learns compared values, and the RMM
# compares pointers; no timed corpus reloads either.
smoke() {
	local suite=$1 runs=$2 target=$3 from=$4 seed=${FUZZ_SEED:-1} corpus start rc
	shift 4
	corpus=$build/fuzz/$suite-smoke-corpus
	local norand=(setarch "$(uname -m)" -R)
	"${norand[@]}" true 2>/dev/null || norand=()	# not allowed everywhere
	rm -rf "$corpus" && mkdir -p "$corpus"
	echo "$suite: seed $seed, $runs runs (FUZZ_SEED=$seed tools/fuzz.sh $mode $build repeats it)"
	start=$SECONDS
	"${norand[@]}" "$target" "$@" -seed="$seed" -runs="$runs" -reload=0 "$corpus" "$from"
	rc=$?
	echo "$suite: $runs runs in $((SECONDS - start)) s, exit status $rc"
	if [ $rc -eq 0 ]; then
		echo "$suite: 1 passed, 0 failed"
	else
		echo "$suite: 0 passed, 1 failed"
	fi
	return $rc
}

# Each target in FUZZ_TARGETS (default both: "rmi rsi") for secs seconds.
campaign() {
	local secs=${1:-300} t
	mkdir -p "$build/fuzz/corpus" "$build/fuzz/corpus-rsi"
	for t in ${FUZZ_TARGETS:-rmi rsi}; do
		echo "== $t-fuzz, $secs s"
		case $t in
		rmi) "$bin" "${flags[@]}" -max_total_time="$secs" -print_final_stats=1 \
			"$build/fuzz/corpus" "$seeds" || return ;;
		rsi) "$rsi_bin" "${rsi_flags[@]}" -max_total_time="$secs" -print_final_stats=1 \
			"$build/fuzz/corpus-rsi" "$rsi_seeds" || return ;;
		*) echo "tools/fuzz.sh: unknown target $t (rmi, rsi)" >&2; return 2 ;;
		esac
	done
}

# Replays each target's corpus once through its coverage build (mk/fuzz.mk)
# and prints llvm-cov's summary of the RMM's sources: rmm/core, rmi, rsi.
coverage() {
	local out=$build/fuzz/coverage.txt prof=$build/fuzz-cov target corpus
	local srcs=(rmm/core rmm/rmi rmm/rsi)
	rm -f "$prof"/*.profraw
	for target in rmi rsi; do
		corpus=$build/fuzz/corpus$([ $target = rsi ] && echo -rsi)
		LLVM_PROFILE_FILE="$prof/$target-%p.profraw" "$prof/$target-fuzz" -runs=0 -max_len=2048 \
			"$corpus" >"$prof/$target-replay.log" 2>&1 ||
			{ echo "coverage: replaying $corpus failed (see $prof/$target-replay.log)"; return 1; }
	done
	llvm-profdata-14 merge -sparse "$prof"/*.profraw -o "$prof/merged.profdata" || return
	{
		echo "== line coverage of rmm/ by the rmi-fuzz and rsi-fuzz corpora ($(ls "$build/fuzz/corpus" | wc -l) + $(ls "$build/fuzz/corpus-rsi" | wc -l) inputs)"
		llvm-cov-14 report "$prof/rmi-fuzz" -object "$prof/rsi-fuzz" \
			-instr-profile="$prof/merged.profdata" "${srcs[@]}"
	} | tee "$out"
}

case $mode in
smoke) write_seeds && smoke fuzz 100000 "$bin" "$seeds" "${flags[@]}" ;;
rsi-smoke)
	if check_rsi_seeds; then
		smoke rsi-fuzz 20000 "$rsi_bin" "$rsi_seeds" "${rsi_flags[@]}"
	else
		echo "rsi-fuzz: 0 passed, 1 failed"
		false
	fi ;;
campaign) write_seeds && campaign "${3:-300}" ;;
coverage) coverage ;;
rsi-seeds) rm -rf "$rsi_seeds" && mkdir -p "$rsi_seeds" && RSI_FUZZ_WRITE_SEEDS="$rsi_seeds" "$rsi_bin" ;;
*) echo "tools/fuzz.sh: unknown mode $mode" >&2; exit 2 ;;
esac
