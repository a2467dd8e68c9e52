#!/usr/bin/env bash
# Runs every test suite, each ending with "<suite>: N passed, M failed",
# and prints the grand total as the last line. Exits non-zero on any failure.
set -uo pipefail

build=${BUILD:-build}
flash=${FLASH:-flash-hes}
# The system tests boot with the HES daemon unless HES=0 (tools/hesd-run.sh).
hes_run=(tools/hesd-run.sh $([ "${HES:-1}" = 0 ] && echo --no-hes) --)
total_pass=0 total_fail=0 broken=0

# record <suite> <log>: adds the suite's closing line to the totals.
record() {
	local line
	line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed$" "$2" | tail -1)
	if [ -z "$line" ]; then
		echo "$1: no closing line (see $2)"
		broken=1
		return
	fi
	echo "$line"
	set -- $line
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $4))
}

echo "== unit tests (host build, ASan + UBSan)"
"$build/unit-tests" >"$build/unit-tests.log" 2>&1 || grep -E 'FAILED|ERROR|LINE' "$build/unit-tests.log" | head -40
record unit "$build/unit-tests.log"

echo "== hes unit tests (hes/ core and protocol, ASan + UBSan)"
"$build/hes-tests" >"$build/hes-tests.log" 2>&1 || grep -E 'FAILED|ERROR|LINE' "$build/hes-tests.log" | head -40
record hes "$build/hes-tests.log"

echo "== TF-A patch constants (the stock path's RAK public key is TF-A's sample key's)"
/usr/bin/python3 tests/tfa/sample_pubkey.py deps/tf-a >"$build/tfa-tests.log" 2>&1 || grep -E '^FAIL' "$build/tfa-tests.log"
record tfa-sample-key "$build/tfa-tests.log"

echo "== hesd tests (the HES daemon as a process: state file, sockets, boots, log, SIGTERM)"
"$build/hesd-tests" "$build/atoll-hesd" >"$build/hesd-tests.log" 2>&1 || grep -E 'FAILED|ERROR|LINE' "$build/hesd-tests.log" | head -40
record hesd "$build/hesd-tests.log"

echo "== sdk tests (libatoll: verify error paths, seal/unseal, refs.json, sim and tsm backends)"
"$build/sdk-tests" "$build" >"$build/sdk-tests.log" 2>&1 || grep -E 'FAILED|ERROR|LINE' "$build/sdk-tests.log" | head -40
record sdk "$build/sdk-tests.log"
echo "== cli tests (the atoll CLI: golden outputs, exit codes, measure against atoll-refs, python cross-check)"
sdk/tests/cli_test.sh "$build" >"$build/cli-tests.log" 2>&1 || grep -E '^FAIL' "$build/cli-tests.log"
record cli "$build/cli-tests.log"
echo "== sdk example (docs/sdk.md's example against make install into a temporary DESTDIR, pkg-config)"
sdk/tests/example.sh "$build" >"$build/example-tests.log" 2>&1 || grep -E '^FAIL' "$build/example-tests.log"
record example "$build/example-tests.log"

echo "== fuzz smoke run (libFuzzer on the host build: RMI sequences, invariants after every call)"
tools/fuzz.sh smoke "$build" >"$build/fuzz-smoke.log" 2>&1 ||
	grep -E '^(INVARIANT|==[0-9]+==ERROR|  after|SUMMARY|artifact_prefix)' "$build/fuzz-smoke.log" | head -20
grep -E '^fuzz: (seed|[0-9]+ runs)' "$build/fuzz-smoke.log"
record fuzz "$build/fuzz-smoke.log"

echo "== rsi fuzz smoke run (libFuzzer on the host build: a realm's RSI and PSCI calls, the host's answers)"
tools/fuzz.sh rsi-smoke "$build" >"$build/rsi-fuzz-smoke.log" 2>&1 ||
	grep -E '^(RSI INVARIANT|INVARIANT|  at input|  after|==[0-9]+==ERROR|SUMMARY|artifact_prefix|rsi-fuzz: tests)' \
		"$build/rsi-fuzz-smoke.log" | head -20
grep -E '^rsi-fuzz: (seed|[0-9]+ runs)' "$build/rsi-fuzz-smoke.log"
record rsi-fuzz "$build/rsi-fuzz-smoke.log"

echo "== stress (threads as CPUs on the host build: TSan, ASan + UBSan, a broken-lock build that must be caught)"
tools/stress.sh smoke "$build" >"$build/stress-smoke.log" 2>&1 ||
	grep -E -A5 '^FAIL' "$build/stress-smoke.log" | head -20
grep -E '^PASS' "$build/stress-smoke.log"
record stress "$build/stress-smoke.log"

echo "== hes fuzz smoke run (libFuzzer on the HES protocol and services)"
tests/hes/fuzz_smoke.sh "$build" >"$build/hes-fuzz-smoke.log" 2>&1 ||
	grep -E '^(HES-FUZZ|==[0-9]+==ERROR|SUMMARY|artifact_prefix)' "$build/hes-fuzz-smoke.log" | head -20
grep -E '^hes-fuzz: (seed|[0-9]+ runs)' "$build/hes-fuzz-smoke.log"
record hes-fuzz "$build/hes-fuzz-smoke.log"

echo "== Linux guest pieces on the host (FDT writer and guest DT via dtc, initramfs archiver, atoll-attest)"
"$build/linux-tests" >"$build/linux-tests.log" 2>&1 || grep -E 'FAILED|ERROR|LINE' "$build/linux-tests.log" | head -40
record linux "$build/linux-tests.log"
tests/linux/mkcpio_test.sh "$build/mkcpio" >"$build/mkcpio-tests.log" 2>&1 || grep -E '^FAIL|^  ' "$build/mkcpio-tests.log"
record mkcpio "$build/mkcpio-tests.log"
tests/linux/atoll_attest_test.sh "$build/atoll-attest-host" >"$build/atoll-attest-tests.log" 2>&1 ||
	grep -E '^FAIL' "$build/atoll-attest-tests.log"
record atoll-attest "$build/atoll-attest-tests.log"

echo "== ml (the C inference against the small model's PyTorch logits and greedy completion; damaged weights)"
"$build/ml/ml-tests" "$build/ml/small/model.atml" "$build/ml/small/reference.txt" >"$build/ml-tests.log" 2>&1 ||
	grep -E 'FAILED|ERROR|LINE' "$build/ml-tests.log" | head -40
record ml "$build/ml-tests.log"

echo "== transport (the launcher's virtio-console driver against a fake device, the realm's byte channel, the relay)"
"$build/ml/transport-tests" >"$build/transport-tests.log" 2>&1 ||
	grep -E 'FAILED|ERROR|LINE' "$build/transport-tests.log" | head -40
record transport "$build/transport-tests.log"

echo "== entropy (a realm's random bytes from RNDR: retries, failures, no FEAT_RNG)"
"$build/ml/entropy-tests" >"$build/entropy-tests.log" 2>&1 ||
	grep -E 'FAILED|ERROR|LINE' "$build/entropy-tests.log" | head -40
record entropy "$build/entropy-tests.log"

echo "== ml-channel (the attested channel on x86: provider and client against ml-sim-server, refusals, replay, a man in the middle, malformed messages)"
examples/ml/tests/ml_channel_test.sh "$build" >"$build/ml-channel-tests.log" 2>&1 ||
	grep -E '^FAIL|FAILED|ERROR|LINE' "$build/ml-channel-tests.log" | head -40
record ml-channel "$build/ml-channel-tests.log"

echo "== system tests (QEMU: TF-A 2.12 + Atoll RMM + realm host, with the HES daemon)"
BUILD=$build "${hes_run[@]}" --smp 2 --expect-closing "$build/$flash-test.bin" "$build/system-tests.log" ||
	grep -E '^FAIL' "$build/system-tests.log"
record system "$build/system-tests.log"

echo "== soft-sha (the system tests again, on an RMM forced to hash in C as on a CPU without FEAT_SHA256/512)"
soft_log=$build/soft-sha-system.log
tools/qemu-run.sh --smp 2 --timeout 300 --expect-closing "$build/flash-soft-sha-test.bin" "$soft_log" ||
	grep -E '^FAIL' "$soft_log"
# Counted only if the RMM said it took the C code.
if grep -q '^RMM: SHA-256 in software, SHA-512 in software' "$soft_log"; then
	sed -n 's/^system: /soft-sha: /p' "$soft_log" >"$build/soft-sha-tests.log"
else
	echo "soft-sha: the RMM did not report hashing in software" | tee "$build/soft-sha-tests.log"
	echo "soft-sha: 0 passed, 1 failed" >>"$build/soft-sha-tests.log"
fi
record soft-sha "$build/soft-sha-tests.log"

echo "== qemu-channel (QEMU: the ML launcher relays a realm's byte channels to virtio consoles and sockets; its store)"
tests/system/qemu_channel.sh "$build" "$flash" >"$build/qemu-channel-tests.log" 2>&1 || grep -E '^FAIL' "$build/qemu-channel-tests.log"
record qemu-channel "$build/qemu-channel-tests.log"

if [ "${HES:-1}" != 0 ]; then
	echo "== ml demo (QEMU + HES: provision, chat, restart from the sealed model, a malicious server, a replayed token, the relayed bytes)"
	tests/system/ml_demo.sh "$build" >"$build/ml-demo-tests.log" 2>&1 || grep -E '^FAIL' "$build/ml-demo-tests.log"
	record ml-demo "$build/ml-demo-tests.log"

	echo "== attest (QEMU with the HES daemon: tokens against refs.json, a changed BL33, no or a dying HES, sealing keys)"
	tests/system/hes_attest.sh "$build" >"$build/attest.log" 2>&1 || grep -E '^FAIL' "$build/attest.log"
	record attest "$build/attest.log"
fi

echo "== linux-bad-input (a kernel without the magic, an initramfs too large, a missing module: refused before QEMU)"
tests/linux/bad_input_test.sh "$build" >"$build/linux-bad-input.log" 2>&1 || grep -E -A1 '^FAIL' "$build/linux-bad-input.log"
record linux-bad-input "$build/linux-bad-input.log"

if [ "${HES:-1}" != 0 ]; then
	echo "== linux-boot (QEMU with the HES daemon: Debian's kernel to /init, its token verified, RIM as predicted)"
	tools/linux-run.sh "$build" "$flash-linux.bin" >"$build/linux-boot.log" 2>&1 ||
		grep -E '^(FAIL|qemu-run|linux-check|linux-initramfs)' "$build/linux-boot.log"
	grep -E '^linux-run: (phase|[0-9.]+ s of QEMU)' "$build/linux-boot.log"
	record linux-boot "$build/linux-boot.log"
fi

echo "== 4-CPU stress (QEMU -smp 4: shared REC, granule pool, DATA and RTT slots; host/main/stress.c)"
tools/qemu-run.sh --smp 4 --timeout 120 --expect-closing "$build/flash-stress.bin" "$build/qemu-stress.log" ||
	grep -E '^(FAIL|HOST: CPU)' "$build/qemu-stress.log"
grep -E '^HOST: CPU' "$build/qemu-stress.log"
record qemu-stress "$build/qemu-stress.log"

echo "== conformance (docs/conformance.md: every failure condition has a passing test)"
tools/conformance.py --build "$build" >"$build/conformance.log" 2>&1 ||
	grep -E '^(UNCOVERED|ERROR)' "$build/conformance.log" | head -40
record conformance "$build/conformance.log"

echo "total: $total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ] && [ $broken -eq 0 ]
