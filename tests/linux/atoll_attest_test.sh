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
. "$(dirname "$0")/../common/check.sh"
cd "$work"

# runs <status> <message> <args...>: exit status and a line of stderr.
runs() {
	local status=$1 want=$2 rc
	shift 2
	"$bin" "$@" >out.txt 2>err.txt
	rc=$?
	[ "$rc" -eq "$status" ] && grep -qF -- "$want" err.txt ||
		{ echo "  status $rc, stderr: $(cat err.txt)"; return 1; }
}

head -c 31 /dev/zero >c31
head -c 32 /dev/zero >c32
head -c 64 /dev/zero >c64
head -c 65 /dev/zero >c65
mkdir root

check usage_without_challenge runs 2 "usage: atoll-attest" -x
check usage_unknown_option runs 2 "usage: atoll-attest" -q c32
check challenge_too_short runs 1 "c31: the challenge must be 32 to 64 bytes" -r root c31
check challenge_too_long runs 1 "c65: the challenge must be 32 to 64 bytes" -r root c65
check challenge_missing runs 1 "cannot open nosuch" -r root nosuch
check no_report_root runs 1 "cannot create nowhere/atoll-attest" -r nowhere c64
check no_provider_attribute runs 1 "cannot open root/atoll-attest/provider" -r root c32
check report_removed_after_failure test ! -e root/atoll-attest

check_finish atoll-attest
