#!/usr/bin/env bash
# The attest suite: QEMU boots with the HES daemon, checked from the outside.
#   hes_attest.sh [--break WHAT] [BUILD]
# (a) the hello realm's token (RSI_ATTESTATION_TOKEN_*) verifies end to end
#     against reference values: platform token signed by the CPAK, binding,
#     sw-components of BL2, BL31, RMM and BL33, RIM (build/atoll-verify);
# (b) a flash image whose BL33 differs in one byte of a string gives another
#     BL33 sw-component, and the verifier refuses it against the original refs;
# (c) no HES, or an HES that stops answering mid-boot (atoll-hesd
#     --drop-after): EL3 says so, the RMM boots on, attestation fails with an
#     RSI error, the demo completes (qemu-run.sh's timeout catches a hang);
# (d) sealing keys with the real HES: the same on a second boot with the same
#     state file; a one-byte BL33 change keeps the VHUK_A keys and changes the
#     VHUK_M keys; realms with different RIMs get different RIM-bound keys.
# --break WHAT breaks one property on purpose, to show that its test fails:
#   refs (a wrong BL2 slot value in the refs), cpak (the refs of another
#   device), variant (the "variant" is the original image), hes-answers
#   (the HES is not stopped in (c)), seal-state (the second boot of (d) uses
#   another state file).
# Ends with "attest: N passed, M failed".
set -uo pipefail

brk=
if [ "${1:-}" = --break ]; then brk=$2; shift 2; fi
build=${1:-build}
work=$build/attest
state=$work/hes.state
mkdir -p "$work"
export BUILD=$build
py=/usr/bin/python3	# Debian's, with cryptography and cbor2
passed=0 failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# boot <flash> <log> [hesd-run.sh options]: one QEMU run; its status.
boot() {
	local flash=$1 log=$2
	shift 2
	tools/hesd-run.sh "$@" --hesd-log "$log.hesd" -- --smp 2 --timeout 60 "$flash" "$log" \
		>"$log.run" 2>&1
}

# flip <in> <out> <text>: a copy of in with the last byte of text (found once) changed.
flip() {
	"$py" - "$1" "$2" "$3" <<'EOF'
import sys
data, text = bytearray(open(sys.argv[1], 'rb').read()), sys.argv[3].encode()
at = data.find(text)
if at < 0 or data.find(text, at + 1) >= 0:
    sys.exit(f"flip: {sys.argv[3]!r} is not in {sys.argv[1]} exactly once")
data[at + len(text) - 1] ^= 0x20
open(sys.argv[2], 'wb').write(data)
EOF
}

# refs <tf-a build> <bl33> <out> [state]: reference values of a demo flash image.
refs() {
	"$build/atoll-refs" --state "${4:-$state}" --bl2 "$build/$1/qemu/release/bl2.bin" \
		--bl31 "$build/$1/qemu/release/bl31.bin" --rmm "$build/rmm.bin" --bl33 "$2" \
		--realm "$build/realm-hello.bin" --out "$3" 2>>"$work/refs.err"
}

# has <log> <fixed text>...: every text is a line part of log.
has() {
	local log=$1 t
	shift
	for t in "$@"; do
		grep -qF -- "$t" "$log" || { echo "missing: $t"; return 1; }
	done
}

demo=$build/flash-hes-demo.bin
banner='HOST: Atoll realm host (NS-EL2), demo'
refs tf-a-hes-demo "$build/host-demo.bin" "$work/refs.json" || { echo "attest: cannot write refs"; }
case $brk in
refs)	"$py" - "$work/refs.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["measurements"][0]["slot_value"] = "00" * 32
json.dump(r, open(sys.argv[1], "w"))
EOF
	;;
cpak)	rm -f "$work/other.state"
	refs tf-a-hes-demo "$build/host-demo.bin" "$work/refs.json" "$work/other.state" ;;
esac

# ---- (a) ------------------------------------------------------------------------
t=attest_refs_cpak_is_the_daemons_in_every_form
cpak=$("$build/atoll-hesd" --state "$state" --show-cpak 2>/dev/null)
why=$("$py" - "$work/refs.json" "$cpak" <<'EOF'
import json, sys, cbor2
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
c = json.load(open(sys.argv[1]))["cpak"]
sec1 = bytes.fromhex(c["sec1"])
pem = serialization.load_pem_public_key(c["pem"].encode())
point = pem.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
key = cbor2.loads(bytes.fromhex(c["cose_key"]))
if sec1.hex() != sys.argv[2]: print("refs' CPAK is not the one atoll-hesd --show-cpak prints")
elif not isinstance(pem, ec.EllipticCurvePublicKey) or pem.curve.name != "secp384r1" or point != sec1:
    print("PEM is not the same P-384 point")
elif key != {1: 2, -1: 2, -2: sec1[1:49], -3: sec1[49:]}: print("COSE_Key is not the same point")
EOF
)
[ -z "$why" ] && [ -n "$cpak" ] && pass $t || fail $t "${why:-no CPAK}"

t=attest_realm_token_verifies_against_refs
log=$work/demo.log
if ! boot "$demo" "$log" --state "$state"; then
	fail $t "the boot failed (see $log.run)"
elif ! "$build/atoll-verify" --refs "$work/refs.json" --console "$log" >"$work/verify.out" 2>&1; then
	fail $t "atoll-verify refused it: $(grep -m1 FAIL "$work/verify.out")"
elif ! why=$(has "$log" "RMM: attestation: P-384 RAK and its public key from EL3, set up at the first token"); then
	# The RAK's public key came from the HES (RMM_ATOLL_GET_REALM_PUBKEY), and the token still verifies.
	fail $t "$why"
elif ! why=$(has "$work/verify.out" "ok   platform token" "signed by the CPAK of refs: ok" \
	"ok   binding: platform challenge" "ok   sw-component slot 10 BL_2" \
	"ok   sw-component slot 11 SECURE_RT_EL3" "ok   sw-component slot 14 RMM" \
	"ok   sw-component slot 15 BL_33" "ok   realm RIM"); then
	fail $t "$why"
else
	pass $t
fi

# The same token through the atoll CLI (docs/cli.md) and through the independent
# cross-check (python3-cbor2 and python3-cryptography, sdk/tests/cross_check.py);
# atoll measure gives the refs' RIM; one flipped byte is refused.
t=attest_atoll_cli_verifies_the_demo_token
"$build/atoll" token extract "$log" -o "$work/demo-token.cbor" >/dev/null
"$py" -c 'import sys; d=bytearray(open(sys.argv[1],"rb").read()); d[len(d)//2]^=1; open(sys.argv[2],"wb").write(d)' \
	"$work/demo-token.cbor" "$work/demo-token.bad" 2>/dev/null
rim=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["realm"]["rim"])' "$work/refs.json")
# The hello realm extends REM0 with "hello, realm" (realm/payloads/hello.c): H(0^32 || text).
rem0=$("$py" -c 'import hashlib; print(hashlib.sha256(bytes(32) + b"hello, realm").hexdigest())')
if ! out=$("$build/atoll" token verify "$work/demo-token.cbor" --refs "$work/refs.json" --rem "$rem0" 2>&1); then
	fail $t "atoll token verify refused it: $out"
elif out=$("$build/atoll" token verify "$work/demo-token.cbor" --refs "$work/refs.json" 2>&1) ||
	[[ $out != *"REM not allowed: REM0"* ]]; then
	fail $t "without --rem: $out"
elif ! out=$(sdk/tests/cross_check.py "$work/demo-token.cbor" "$work/refs.json" 2>&1); then
	fail $t "the cross-check refused it: $out"
elif [ "$("$build/atoll" measure "$build/realm-hello.bin")" != "$rim" ]; then
	fail $t "atoll measure differs from the refs' RIM $rim"
elif "$build/atoll" token verify "$work/demo-token.bad" --refs "$work/refs.json" --rem "$rem0" >/dev/null 2>&1; then
	fail $t "a flipped byte verified"
else
	pass $t
fi

t=attest_damaged_refs_refused_with_a_message
why=
while IFS='|' read -r damage want; do
	"$py" - "$work/refs.json" "$work/damaged.json" "$damage" <<'EOF'
import json, sys
r, d = json.load(open(sys.argv[1])), sys.argv[3]
if d == "format": r["format"] = "atoll-refs 0"
elif d == "no-cpak": del r["cpak"]
elif d == "hex": r["measurements"][1]["slot_value"] = "zz" + r["measurements"][1]["slot_value"][2:]
elif d == "order": r["measurements"][0], r["measurements"][1] = r["measurements"][1], r["measurements"][0]
elif d == "short-rim": r["realm"]["rim"] = "00" * 8
text = json.dumps(r)
open(sys.argv[2], "w").write(text[:40] if d == "truncated" else text)
EOF
	out=$("$build/atoll-verify" --refs "$work/damaged.json" --console "$work/demo.log" 2>&1)
	rc=$?
	[ $rc -eq 2 ] && [[ $out == *"damaged.json: "*"$want"* ]] || why="$why [$damage: exit $rc, $out]"
done <<'EOT'
format|not reference values of format "atoll-refs 1"
no-cpak|"cpak" is missing
hex|"slot_value" is not lower-case hex
order|"measurements" are not in slot order
short-rim|"rim" is not 32..64 bytes of hex
truncated|line 1:
EOT
[ -z "$why" ] && pass $t || fail $t "$why"

# ---- (b) ------------------------------------------------------------------------
t=attest_bl33_one_byte_change_refused
variant=$work/flash-hes-demo-variant.bin
if [ "$brk" = variant ]; then cp "$demo" "$variant"; else flip "$demo" "$variant" "$banner"; fi
flip "$build/host-demo.bin" "$work/host-demo-variant.bin" "$banner"
log=$work/variant.log
if ! boot "$variant" "$log" --state "$state"; then
	fail $t "the boot failed (see $log.run)"
elif "$build/atoll-verify" --refs "$work/refs.json" --console "$log" >"$work/variant.out" 2>&1; then
	fail $t "atoll-verify accepted a token with another BL33"
elif ! why=$(has "$work/variant.out" "FAIL sw-component slot 15 BL_33" \
	"ok   sw-component slot 10 BL_2" "ok   sw-component slot 14 RMM" "token REFUSED: 1 check failed"); then
	fail $t "$why"
elif ! refs tf-a-hes-demo "$work/host-demo-variant.bin" "$work/refs-variant.json" ||
	! "$build/atoll-verify" --refs "$work/refs-variant.json" --console "$log" >/dev/null 2>&1; then
	fail $t "the variant's token does not verify against the variant's own refs"
else
	pass $t
fi

# ---- (c) ------------------------------------------------------------------------
# hes_fails <name> <hesd-run.sh options> -- <expected lines>...
hes_fails() {
	local t=$1 log=$work/$1.log opts=()
	shift
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	[ "$brk" = hes-answers ] && opts=(--state "$state")
	if ! boot "$demo" "$log" "${opts[@]}"; then
		fail $t "the boot failed or hung (see $log.run)"
	elif ! why=$(has "$log" "$@" "RMM: cold boot complete" "HOST: hello realm: no attestation token" \
		"HOST: demo complete"); then
		fail $t "$why"
	else
		pass $t
	fi
}

hes_fails attest_no_hes_rmm_boots_attestation_fails --no-hes -- \
	"RSE-UART: reply timed out on UART 0x9040000: no HES within 2000 ms?" \
	"HES: image id 1 NOT MEASURED (-145), booting on" \
	"RMM: attestation not available: EL3 gave no realm attestation key (-1)" \
	"RMM: sealing keys not available: EL3 gave no VHUKs (-1)" \
	"hello: ATTEST_TOKEN_INIT failed: 4 (attestation unavailable)"
hes_fails attest_hes_dies_before_bl31 --state "$state" --hesd-opt --drop-after=4 -- \
	"RSE-UART: reply timed out on UART 0x9040000: no HES within 2000 ms?" \
	"QEMU: no realm attestation key from the HES (-145)" \
	"RMM: attestation not available: EL3 gave no realm attestation key (-1)" \
	"RMM: sealing keys not available: EL3 gave no VHUKs (-1)" \
	"hello: ATTEST_TOKEN_INIT failed: 4 (attestation unavailable)"
# It answers the key, then nothing: no public key either, so the RMM keeps to deriving it (the
# fallback for firmware without the call), and then the platform token fails.
hes_fails attest_hes_dies_after_the_key_rmm_falls_back --state "$state" --hesd-opt --drop-after=5 -- \
	"QEMU: no realm attestation public key from the HES (-145)" \
	"RMM: attestation: no RAK public key from EL3 (-1), derived at the first token" \
	"RMM: attestation: P-384 RAK from EL3, set up at the first token" \
	"RMM: attestation not available: EL3 gave no platform token (-1)" \
	"hello: ATTEST_TOKEN_CONTINUE failed: 4"
hes_fails attest_hes_dies_before_the_platform_token --state "$state" --hesd-opt --drop-after=8 -- \
	"RMM: sealing keys available: VHUK_A and VHUK_M from EL3" \
	"QEMU: no platform token from the HES (-145)" \
	"RMM: attestation not available: EL3 gave no platform token (-1)" \
	"hello: ATTEST_TOKEN_CONTINUE failed: 4"

# ---- (d) ------------------------------------------------------------------------
test_flash=$build/flash-hes-test.bin
# keys <log>: rsi_tests' four key lines of its first run, without the prefix.
keys() { grep -m4 '^rsi_tests: sealing key VHUK' "$1" | cut -d' ' -f4-; }
# key <log> <label>: one of them.
key() { keys "$1" | grep "^$2: "; }

t=attest_sealing_keys_same_across_boots
second_state=$state
[ "$brk" = seal-state ] && { rm -f "$work/other.state"; second_state=$work/other.state; }
seal1=$work/seal-1.log seal2=$work/seal-2.log
if ! boot "$test_flash" "$seal1" --state "$state" || ! boot "$test_flash" "$seal2" --state "$second_state"; then
	fail $t "a boot failed (see $seal1.run, $seal2.run)"
elif ! has "$seal1" "rsi_tests: sealing keys available (status 0)" >/dev/null ||
	[ "$(keys "$seal1" | wc -l)" -ne 4 ]; then
	fail $t "rsi_tests printed no sealing keys"
elif [ "$(keys "$seal1")" != "$(keys "$seal2")" ]; then
	fail $t "the keys differ between two boots of the same image and state"
else
	pass $t
fi

t=attest_sealing_bl33_change_keeps_vhuk_a_changes_vhuk_m
seal3=$work/seal-variant.log
flip "$test_flash" "$work/flash-hes-test-variant.bin" 'HOST: Atoll realm host, system tests'
if ! boot "$work/flash-hes-test-variant.bin" "$seal3" --state "$state"; then
	fail $t "the boot failed (see $seal3.run)"
elif [ "$(key "$seal1" VHUK_A)" != "$(key "$seal3" VHUK_A)" ] ||
	[ "$(key "$seal1" VHUK_A+RIM)" != "$(key "$seal3" VHUK_A+RIM)" ]; then
	fail $t "a VHUK_A key changed with BL33"
elif [ "$(key "$seal1" VHUK_M)" = "$(key "$seal3" VHUK_M)" ] ||
	[ "$(key "$seal1" VHUK_M+RIM)" = "$(key "$seal3" VHUK_M+RIM)" ] || [ -z "$(key "$seal3" VHUK_M)" ]; then
	fail $t "a VHUK_M key stayed the same with another BL33"
else
	pass $t
fi

t=attest_sealing_keys_differ_by_rim
if ! has "$seal1" "PASS realm_sealing_keys_bound_to_rim_only_with_the_rim_flag" \
	"seal-40: sealing key VHUK_M+RIM" "seal-41: sealing key VHUK_M+RIM" >/dev/null; then
	fail $t "the system test comparing two RIMs did not compare keys and pass"
else
	pass $t
fi

echo "attest: $passed passed, $failed failed"
[ $failed -eq 0 ]
