#!/usr/bin/env bash
# atoll-attest built for the host, on the paths a host can reach without
# configfs-tsm: its argument and challenge checks, and a report directory
# whose attributes are missing (reported, and the directory removed again).
# The token path itself runs only in a realm (make run-linux).
# Usage: atoll_attest_test.sh ATOLL_ATTEST; ends with "atoll-attest: N passed, M failed".
set -uo pipefail

bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
cd "$work"

# expect <name> <status> <message> <args...>: exit status and a line of stderr.
expect() {
	local name=$1 status=$2 want=$3 rc
	shift 3
	"$bin" "$@" >out.txt 2>err.txt
	rc=$?
	if [ "$rc" -eq "$status" ] && grep -qF -- "$want" err.txt; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name: status $rc, stderr: $(cat err.txt)"
		failed=$((failed + 1))
	fi
}

head -c 31 /dev/zero >c31
head -c 32 /dev/zero >c32
head -c 64 /dev/zero >c64
head -c 65 /dev/zero >c65
mkdir root

expect usage_without_challenge 2 "usage: atoll-attest" -x
expect usage_unknown_option 2 "usage: atoll-attest" -q c32
expect challenge_too_short 1 "c31: the challenge must be 32 to 64 bytes" -r root c31
expect challenge_too_long 1 "c65: the challenge must be 32 to 64 bytes" -r root c65
expect challenge_missing 1 "cannot open nosuch" -r root nosuch
expect no_report_root 1 "cannot create nowhere/atoll-attest" -r nowhere c64
expect no_provider_attribute 1 "cannot open root/atoll-attest/provider" -r root c32
if [ -e root/atoll-attest ]; then
	echo "FAIL report_removed_after_failure"
	failed=$((failed + 1))
else
	echo "PASS report_removed_after_failure"
	passed=$((passed + 1))
fi

echo "atoll-attest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
