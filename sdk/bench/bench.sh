#!/usr/bin/env bash
# libatoll's costs per operation, in x86-64 instructions counted by callgrind
# (deterministic): atoll_verify of a sim token, atoll_attest on the sim,
# atoll_seal + atoll_unseal of 1 KiB, on a simulated device with fixed roots.
# Writes BUILD/bench/sdk.tsv.
#   sdk/bench/bench.sh BUILD
set -uo pipefail

build=${1:-build}
out=$build/bench
mkdir -p "$out"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "bench-sdk: valgrind is not installed (tools/setup.sh installs it)" >&2
	exit 1
fi
sim=$(mktemp -d /tmp/atoll-bench.XXXXXX)
trap 'rm -rf "$sim"' EXIT
export ATOLL_SIM_DIR=$sim
# Fixed roots (hes/include/hes/state.h's blob), so the keys, and the counts, are the same every run.
/usr/bin/python3 - "$sim/hes.state" <<'PY'
import hashlib, os, struct, sys
body = b"ATOLLHES" + struct.pack("<II", 1, 0x3000) + bytes(range(32)) + bytes(range(32, 64))
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
os.write(fd, body + hashlib.sha256(body).digest())
os.close(fd)
PY
echo "== libatoll per operation (x86-64, callgrind instructions, sim device)"
: >"$out/sdk.tsv"
for kind in verify attest seal; do
	cg=$out/callgrind.sdk-$kind.out
	n=$(valgrind --tool=callgrind --collect-atstart=no --toggle-collect="bench_$kind" \
		--callgrind-out-file="$cg" "$build/sdk-bench" "$kind" "$sim/refs.json" \
		2>"$out/valgrind.sdk-$kind.log" | awk '{ print $2 }')
	total=$(awk '/^(summary|totals):/ { print $2; exit }' "$cg")
	if [ -z "$n" ] || [ -z "$total" ]; then
		echo "bench-sdk: $kind: no count (see $out/valgrind.sdk-$kind.log)" >&2
		exit 1
	fi
	printf '%s\t%s\n' "$kind" $((total / n)) >>"$out/sdk.tsv"
done
awk -F'\t' '{ v[$1] = $2 }
	END {
		printf "%-60s %12s\n", "per operation", "instructions"
		printf "%-60s %12s\n", "atoll_verify (2 ES384 verifications, policy)", v["verify"]
		printf "%-60s %12s\n", "atoll_attest, sim (the realm token: INIT, CONTINUE, ES384)", v["attest"]
		printf "%-60s %12s\n", "atoll_seal + atoll_unseal, 1 KiB, sim", v["seal"]
	}' "$out/sdk.tsv"
echo "(written: $out/sdk.tsv)"
