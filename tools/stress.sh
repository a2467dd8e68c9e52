#!/usr/bin/env bash
# Runs the threads-as-CPUs stress test (tests/stress, built by mk/stress.mk).
#   tools/stress.sh smoke [build]   the short, seeded run of `make test`; ends with
#                                   "stress: N passed, M failed"
#   tools/stress.sh long [build]    `make stress`: STRESS_TIME seconds in all (default
#                                   300) or STRESS_ITERS rounds per run, 2, 4 and 8 CPUs
# Each run's log is $build/stress-<name>.log.
set -uo pipefail

mode=${1:?usage: tools/stress.sh smoke|long [build]}
build=${2:-build}
passed=0 failed=0

# A clean build must report nothing; any race report stops it at once.
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
export UBSAN_OPTIONS="print_stacktrace=1"

# A lock left held, or a lock-order cycle, spins for ever: a run past its
# time limit fails (smoke runs take about a second).
limit=120

# run <name> <binary> <args...>: passes if the run exits 0 within the limit.
run() {
	local name=$1 bin=$2 log=$build/stress-$1.log
	shift 2
	if (timeout "$limit" "$bin" "$@") >"$log" 2>&1; then
		echo "PASS $name: $(grep -E '^stress: [0-9]+ CPUs' "$log") ($(grep -m1 -oE 'seed [0-9]+' "$log"))"
		passed=$((passed + 1))
	else
		echo "FAIL $name (exit $?; 124: timed out, a hang), see $log:"
		grep -E 'STRESS VIOLATION|INVARIANT VIOLATED|WARNING: ThreadSanitizer|ERROR: AddressSanitizer|runtime error|RMM panic' "$log" | head -5
		failed=$((failed + 1))
	fi
}

# expect_caught <name> <args...>: the broken-lock build must be caught: a TSan
# report, a violated check, or the RMM's own panic on a granule mapped in the
# wrong state. It must not end as a clean run.
expect_caught() {
	local name=$1 log=$build/stress-$1.log how rc
	shift
	(timeout "$limit" "$build/stress-broken" "$@") >"$log" 2>&1	# a subshell: its abort is not reported here
	rc=$?
	how=$(grep -m1 -oE 'WARNING: ThreadSanitizer: [a-z -]*[a-z]|STRESS VIOLATION|INVARIANT VIOLATED|RMM panic' "$log")
	if [ $rc -ne 0 ] && [ -n "$how" ]; then
		echo "PASS $name: the build without REC_CREATE's RD lock was caught ($how)"
		passed=$((passed + 1))
	else
		echo "FAIL $name: the build without REC_CREATE's RD lock was not caught (exit $rc), see $log"
		failed=$((failed + 1))
	fi
}

case $mode in
smoke)
	for cpus in 2 4; do
		run "tsan-$cpus" "$build/stress-tsan" --cpus $cpus --seed 1 --rounds 40
		run "asan-$cpus" "$build/stress-asan" --cpus $cpus --seed 1 --rounds 40
	done
	expect_caught broken-lock --cpus 4 --seed 1 --rounds 200
	;;
long)
	secs=${STRESS_TIME:-300} iters=${STRESS_ITERS:-0}
	per=$((secs / 6 > 0 ? secs / 6 : 1))
	[ "$iters" -gt 0 ] && limit=$((24 * 3600)) || limit=$((per + 120))
	for cpus in 2 4 8; do
		for san in tsan asan; do
			if [ "$iters" -gt 0 ]; then
				run "long-$san-$cpus" "$build/stress-$san" --cpus $cpus --seed $RANDOM --rounds "$iters"
			else
				run "long-$san-$cpus" "$build/stress-$san" --cpus $cpus --seed $RANDOM \
					--rounds 4000000000 --time $per
			fi
		done
	done
	;;
*)
	echo "tools/stress.sh: unknown mode $mode" >&2
	exit 2
	;;
esac
echo "stress: $passed passed, $failed failed"
[ $failed -eq 0 ]
