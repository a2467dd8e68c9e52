#!/usr/bin/env bash
# The atoll CLI (docs/cli.md) on a simulated device with a fixed identity:
# golden outputs (sdk/tests/golden/, the hello realm's RIM replaced by
# <RIM>), exit codes, and `atoll measure` against build/atoll-refs.
#   cli_test.sh BUILD [--update]   (--update rewrites the golden files)
# Ends with "cli: N passed, M failed".
set -uo pipefail

build=$(cd "${1:-build}" && pwd)
update=${2:-}
golden=$(cd "$(dirname "$0")" && pwd)/golden
atoll=$build/atoll
py=/usr/bin/python3
passed=0 failed=0
work=$(mktemp -d /tmp/atoll-cli-tests.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# A device with fixed roots (hes/include/hes/state.h's blob): its tokens are the same on every run.
export ATOLL_SIM_DIR=$work/sim
mkdir -m 700 sim
"$py" - sim/hes.state <<'PY'
import hashlib, os, struct, sys
body = b"ATOLLHES" + struct.pack("<II", 1, 0x3000) + bytes(range(32)) + bytes(range(32, 64))
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
os.write(fd, body + hashlib.sha256(body).digest())
os.close(fd)
PY
rim=$("$atoll" measure "$build/realm-hello.bin")
challenge=$(printf '11%.0s' $(seq 64))

# golden <name> <expected exit> <command...>: stdout (RIM masked) equals golden/<name>.
golden() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$name.out" 2>"$name.err"
	rc=$?
	sed -i "s/$rim/<RIM>/g" "$name.out"
	[ "$update" = --update ] && cp "$name.out" "$golden/$name"
	if [ $rc -ne "$want" ]; then
		fail "$name" "exit $rc, not $want: $(head -c 300 "$name.err")"
	elif ! diff -u "$golden/$name" "$name.out" >"$name.diff"; then
		fail "$name" "output differs from golden/$name: $(head -20 "$name.diff")"
	else
		pass "$name"
	fi
}

# status <name> <expected exit> <stderr text or ""> <command...>
status() {
	local name=$1 want=$2 text=$3 rc
	shift 3
	"$@" >"$name.out" 2>"$name.err"
	rc=$?
	if [ $rc -ne "$want" ]; then
		fail "$name" "exit $rc, not $want: $(head -c 300 "$name.err")"
	elif [ -n "$text" ] && ! grep -qF -- "$text" "$name.err" "$name.out"; then
		fail "$name" "no \"$text\" in its output: $(head -c 300 "$name.err")"
	else
		pass "$name"
	fi
}

golden help 0 "$atoll" --help
for cmd in "token show" "token verify" "token extract" measure attest seal unseal refs run; do
	t="help_${cmd// /_}"
	if "$atoll" $cmd --help >"$t.out" 2>&1 && head -1 "$t.out" | grep -q "^usage: atoll $cmd"; then
		pass "$t"
	else
		fail "$t" "$(head -1 "$t.out")"
	fi
done
status usage_no_command 2 "usage: atoll" "$atoll"
status usage_unknown_command 2 'unknown command "frobnicate"' "$atoll" frobnicate
status usage_measure_bad_hash 2 "bad option or value: --hash sha-1" \
	"$atoll" measure "$build/realm-hello.bin" --hash sha-1
status io_missing_token 3 "cannot read missing.cbor" "$atoll" token show missing.cbor

golden measure_hello 0 "$atoll" measure "$build/realm-hello.bin"
t=measure_other_params_other_rim
rim512=$("$atoll" measure "$build/realm-hello.bin" --s2sz 41 --hash sha-512)
[[ $rim512 =~ ^[0-9a-f]{128}$ ]] && [ "${rim512:0:64}" != "$rim" ] && pass $t || fail $t "$rim512"
status measure_not_an_image 1 "realm image refused" "$atoll" measure sim/hes.state

# The RIM build/atoll-refs writes for the demo flash image (what make run's refs.json holds).
t=measure_equals_atoll_refs
if [ -f "$build/tf-a-hes-demo/qemu/release/bl2.bin" ]; then
	"$build/atoll-refs" --state refs-dev.state --bl2 "$build/tf-a-hes-demo/qemu/release/bl2.bin" \
		--bl31 "$build/tf-a-hes-demo/qemu/release/bl31.bin" --rmm "$build/rmm.bin" \
		--bl33 "$build/host-demo.bin" --realm "$build/realm-hello.bin" --out demo-refs.json \
		2>/dev/null
	refs_rim=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["realm"]["rim"])' \
		demo-refs.json 2>/dev/null)
	[ -n "$refs_rim" ] && [ "$refs_rim" = "$rim" ] && pass $t || fail $t "refs: ${refs_rim:-none}, atoll measure: $rim"
else
	fail $t "no demo flash image build (make $build/flash-hes-demo.bin)"
fi

golden attest_sim 0 "$atoll" attest --sim --challenge "$challenge" -o token.cbor
golden refs_sim 0 "$atoll" refs --sim
status refs_sim_to_file 0 "" "$atoll" refs --sim -o sim-refs.json
golden token_show 0 "$atoll" token show token.cbor
golden token_show_json 0 "$atoll" token show token.cbor --json
golden token_verify 0 "$atoll" token verify token.cbor --refs sim-refs.json --challenge "$challenge"
golden token_verify_stale 1 "$atoll" token verify token.cbor --refs sim-refs.json \
	--challenge "$(printf '22%.0s' $(seq 64))"
status token_verify_bad_refs 3 "demo-refs.jsonx" "$atoll" token verify token.cbor --refs demo-refs.jsonx
status usage_attest_short_challenge 2 "128 hex digits" "$atoll" attest --sim --challenge 11 -o x
status usage_attest_no_device 2 "which device" "$atoll" attest -o x

# atoll token extract: the last complete token block of a console log, byte for byte.
"$py" - token.cbor <<'PY'
import sys
tok = open(sys.argv[1], "rb").read()
h = tok.hex()
block = lambda hx: ["-----BEGIN CCA TOKEN----- %d bytes" % (len(hx) // 2)] + \
	[hx[i:i + 64] for i in range(0, len(hx), 64)] + ["-----END CCA TOKEN-----"]
# an older, other token first; then ours; then an unfinished block (the log was cut)
lines = ["boot", *block("ab" * 40), "noise", *block(h), *block("cd" * 20)[:-1]]
open("console.log", "w").write("\n".join(lines) + "\n")
open("nohex.log", "w").write("\n".join(block(h)[:2] + ["zz" * 32] + block(h)[2:]) + "\n")
# a Linux guest's console: each line prefixed by the launcher
# with the launcher's own status lines landing in the middle of the block
lines = ["linux: [%d ms] %s" % (i, l) for i, l in enumerate(block(h))]
lines[3:3] = ["HOST: linux: WFI 0 MMIO r/w 1262/1412 LRs 50c000000000001b 0", "RMM: a log line"]
open("prefixed.log", "w").write("\n".join(lines) + "\n")
short = block(h)
short[0] = "-----BEGIN CCA TOKEN----- (%d bytes)" % (len(h) // 2 + 1)
open("short.log", "w").write("\n".join(short) + "\n")
open("noblock.log", "w").write("boot\n-----BEGIN CCA TOKEN-----\n" + h[:64] + "\n")
PY
status token_extract 0 "written to extracted.cbor" "$atoll" token extract console.log -o extracted.cbor
t=token_extract_is_the_last_complete_block
cmp -s token.cbor extracted.cbor && pass $t || fail $t "extracted.cbor differs from token.cbor"
status token_extract_prefixed 0 "written to prefixed.cbor" "$atoll" token extract prefixed.log -o prefixed.cbor
t=token_extract_prefixed_is_the_token
cmp -s token.cbor prefixed.cbor && pass $t || fail $t "prefixed.cbor differs from token.cbor"
status token_extract_not_hex 1 "line 3 inside the token block is not hex" \
	"$atoll" token extract nohex.log -o x.cbor
status token_extract_size_differs 1 "its BEGIN line says" "$atoll" token extract short.log -o x.cbor
status token_extract_no_block 1 "no complete CCA token block" "$atoll" token extract noblock.log -o x.cbor
status token_extract_missing_log 3 "missing.log" "$atoll" token extract missing.log -o x.cbor
t=token_extract_refused_writes_nothing
[ ! -e x.cbor ] && pass $t || fail $t "x.cbor written"
status usage_token_extract_no_output 2 "usage: atoll token extract" "$atoll" token extract console.log

# A token from another device (the demo refs' identity) is refused: unknown CPAK.
status token_verify_other_device 1 "unknown CPAK" "$atoll" token verify token.cbor --refs demo-refs.json

# One flipped byte of the token file: exit 1 (every position: tests/... cross-check samples more).
t=token_verify_flipped_bytes
bad=0
len=$(stat -c %s token.cbor)
for at in 0 1 5 40 $((len / 3)) $((len / 2)) $((len - 97)) $((len - 1)); do
	"$py" - token.cbor flipped.cbor "$at" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read()); d[int(sys.argv[3])] ^= 0x01
open(sys.argv[2], "wb").write(d)
PY
	"$atoll" token verify flipped.cbor --refs sim-refs.json >/dev/null 2>&1 && bad=$((bad + 1))
done
[ $bad -eq 0 ] && pass $t || fail $t "$bad flipped tokens verified"

# python3-cbor2 and python3-cryptography, independent of libatoll: both signatures, the binding.
status cross_check_sim_token 0 "cross-check: ok" "$py" "$golden/../cross_check.py" token.cbor sim-refs.json "$challenge"
"$py" -c 'import sys; d=bytearray(open("token.cbor","rb").read()); d[-5]^=1; open("sig.bad","wb").write(d)'
status cross_check_refuses_bad_signature 1 "signature does not verify" \
	"$py" "$golden/../cross_check.py" sig.bad sim-refs.json

# Another realm image for the simulator: its token carries that image's RIM.
rim_rsi=$("$atoll" measure "$build/realm-rsi_tests.bin" --s2sz 41 --hash sha-512)
status attest_sim_image 0 "" "$atoll" attest --sim --image "$build/realm-rsi_tests.bin" --s2sz 41 \
	--hash sha-512 --challenge "$challenge" -o rsi.cbor
status refs_sim_image 0 "" "$atoll" refs --sim --image "$build/realm-rsi_tests.bin" --s2sz 41 \
	--hash sha-512 -o rsi-refs.json
status token_verify_sim_image 0 "RIM $rim_rsi" "$atoll" token verify rsi.cbor --refs rsi-refs.json
status token_verify_other_realm 1 "RIM not allowed" "$atoll" token verify rsi.cbor --refs sim-refs.json
status usage_image_without_sim 2 "for --sim only" "$atoll" attest --tsm --image x -o y

# Policy files (docs/sdk.md): the refs.json named, only the RIMs listed.
printf '{ "format": "atoll-policy 1", "refs": "sim-refs.json", "rims": ["%s"] }\n' "$rim" >policy.json
printf '{ "format": "atoll-policy 1", "refs": "sim-refs.json", "rims": ["%s"] }\n' \
	"${rim_rsi}" >policy-rsi.json
printf '{ "format": "atoll-policy 1", "refs": "sim-refs.json", "rims": ["%s"], "rim": [] }\n' "$rim" \
	>policy-typo.json
status token_verify_policy 0 "verified: token.cbor against policy.json" \
	"$atoll" token verify token.cbor --policy policy.json --challenge "$challenge"
status token_verify_policy_stale 1 "stale challenge" \
	"$atoll" token verify token.cbor --policy policy.json --challenge "$(printf '22%.0s' $(seq 64))"
status token_verify_policy_other_rim 1 "RIM not allowed" "$atoll" token verify token.cbor --policy policy-rsi.json
status token_verify_policy_its_rim 0 "RIM $rim_rsi" "$atoll" token verify rsi.cbor --policy policy-rsi.json
status token_verify_policy_refused 3 'policy-typo.json: unknown key "rim"' \
	"$atoll" token verify token.cbor --policy policy-typo.json
status usage_verify_refs_and_policy 2 "usage: atoll token verify" \
	"$atoll" token verify token.cbor --policy policy.json --refs sim-refs.json

# atoll run: the hello realm on QEMU (the HES, TF-A, the RMM, the run launcher); its RIM is
# atoll measure's, and its token verifies against the refs of that flash image.
t=run_hello_realm
if "$atoll" run "$build/realm-hello.bin" --state run-dev.state --token run.cbor --log run.log \
	>run.out 2>&1; then
	if ! grep -q "its RIM will be $rim$" run.out; then
		fail $t "no 'its RIM will be $rim' line: $(grep 'RIM will' run.out)"
	elif ! grep -q "^realm: RIM  $rim$" run.out; then
		fail $t "the realm did not report RIM $rim: $(grep '^realm: RIM' run.out)"
	elif ! grep -q "^atoll run: the realm powered off" run.out; then
		fail $t "$(tail -3 run.out)"
	else
		pass $t
	fi
else
	fail $t "exit $?: $(grep -v '^[0-9a-f]*$' run.out | tail -5)"
fi
t=run_token_verifies_against_the_run_image_refs
rem0=$("$py" -c 'import hashlib; print(hashlib.sha256(bytes(32) + b"hello, realm").hexdigest())')
"$build/atoll-refs" --state run-dev.state --bl2 "$build/tf-a-hes-run/qemu/release/bl2.bin" \
	--bl31 "$build/tf-a-hes-run/qemu/release/bl31.bin" --rmm "$build/rmm.bin" \
	--bl33 "$build/host-run.bin" --realm "$build/realm-hello.bin" --out run-refs.json 2>/dev/null
if out=$("$atoll" token verify run.cbor --refs run-refs.json --rem "$rem0" 2>&1); then
	pass $t
else
	fail $t "$out"
fi
rim512=$("$atoll" measure "$build/realm-hello.bin" --s2sz 41 --hash sha-512)
t=run_other_params_give_measure_s_rim
# (the hello realm prints the first 32 bytes of its RIM; the token has all 64)
if "$atoll" run "$build/realm-hello.bin" --s2sz 41 --hash sha-512 --state run-dev.state \
	--token run512.cbor >run512.out 2>&1 &&
	"$atoll" token show run512.cbor | grep -qE "^  RIM +$rim512$"; then
	pass $t
else
	fail $t "$(grep -E '^(realm: RIM|atoll)' run512.out | head -4)"
fi
status run_not_an_image 1 "realm image refused" "$atoll" run sim/hes.state --state run-dev.state
t=run_not_an_image_boots_nothing
grep -q "booting QEMU" run_not_an_image.out && fail $t "QEMU was started" || pass $t
status run_no_runtime 4 "holds no flash-hes-run.bin" env ATOLL_RUNTIME_DIR=/nonexistent \
	"$atoll" run "$build/realm-hello.bin"
status usage_run_bad_timeout 2 "--timeout takes" "$atoll" run "$build/realm-hello.bin" --timeout 0

printf 'private data of the realm\n' >plain.txt
status seal_sim 0 "" "$atoll" seal --sim --key vhuk-m --rim --svn 3 plain.txt -o blob
status unseal_sim 0 "" "$atoll" unseal --sim blob -o back.txt
t=unseal_gives_the_data
cmp -s plain.txt back.txt && [ "$(stat -c %a back.txt)" = 600 ] && pass $t || fail $t "differs or not 0600"
"$py" -c 'import sys; d=bytearray(open("blob","rb").read()); d[-1]^=1; open("blob.bad","wb").write(d)'
status unseal_tampered 1 "sealed blob authentication failed" "$atoll" unseal --sim blob.bad -o x.txt
t=unseal_tampered_writes_nothing
[ ! -e x.txt ] && pass $t || fail $t "x.txt written"

echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
