#!/usr/bin/env bash
# The ML example's transport end to end (docs/demo-ml.md): the ML launcher
# (flash-*-ml.bin) runs the channel_echo realm with its two channels relayed
# to QEMU's virtio consoles, whose socket chardevs a peer here connects to.
# On each channel the peer sends a count and that many random bytes and must
# get back every byte plus one (made in the realm), in order: 100,000 bytes
# on the model channel (through the 1 KB rings about a hundred times over),
# 5,000 on the chat channel. The plan runs the realm twice (destroyed and
# created again in between): the second finds the count the first left in
# the launcher's store, and the peer connects afresh.
#   qemu_channel.sh BUILD [FLASH]
set -uo pipefail

build=${1:-build} flash=${2:-flash-hes}
dir=$build/ml/run-echo log=$build/qemu-channel.log
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

rm -rf "$dir" "$log" && mkdir -p "$dir"
hes=()
[ "$flash" = flash ] && hes=(--no-hes)
BUILD=$build tools/ml-run.sh "${hes[@]}" --timeout 90 --dir "$dir" \
	--model "path=$dir/model.sock,server=on,wait=off" --chat "path=$dir/chat.sock,server=on,wait=off" \
	"$build/$flash-ml.bin" "$log" echo="$build/realm-ml_echo.bin" echo="$build/realm-ml_echo.bin" \
	>"$dir/ml-run.out" 2>&1 &
qemu=$!

/usr/bin/python3 - "$dir" >"$dir/peer.out" 2>&1 <<'PY'
import os, random, struct, sys, threading

sys.path.insert(0, "tools")
from ml_tap import connect  # Unix-socket connect, retrying while QEMU starts

def echo(name, n, seed):
    data = random.Random(seed).randbytes(n)
    s = connect(os.path.join(sys.argv[1], name + ".sock"), 60)
    s.settimeout(60)
    got = bytearray()
    def reader():
        while len(got) < n:
            chunk = s.recv(65536)
            if not chunk:
                break
            got.extend(chunk)
    t = threading.Thread(target=reader)
    t.start()
    s.sendall(struct.pack("<I", n) + data)
    t.join(70)
    s.close()
    want = bytes((b + 1) & 0xFF for b in data)
    ok = bytes(got) == want
    print(f"{name}: sent {n}, got {len(got)}, {'equal' if ok else 'DIFFERENT'}")
    return ok

ok = True
for run in (1, 2):
    ok = echo("model", 100000, run) and ok
    ok = echo("chat", 5000, 10 + run) and ok
sys.exit(0 if ok else 1)
PY
peer=$?
wait $qemu
qemu_rc=$?
cat "$dir/peer.out"

[ $peer -eq 0 ] && pass peer_gets_every_byte_plus_one_on_both_channels ||
	fail peer_gets_every_byte_plus_one_on_both_channels "$(tail -3 "$dir/peer.out")"
[ $qemu_rc -eq 0 ] && pass launcher_run_ends_cleanly || fail launcher_run_ends_cleanly "$(tail -5 "$dir/ml-run.out")"
[ "$(grep -c '^echo: echo: channel 0: 100000 of 100000 bytes$' "$log")" -eq 2 ] &&
	[ "$(grep -c '^echo: echo: channel 1: 5000 of 5000 bytes$' "$log")" -eq 2 ] &&
	pass realm_echoed_every_byte || fail realm_echoed_every_byte "$(grep '^echo:' "$log" | tail -5)"
[ "$(grep -c '^echo: realm: 4 passed, 0 failed$' "$log")" -eq 2 ] && pass realm_tests_pass ||
	fail realm_tests_pass "$(grep -E '^echo: (FAIL|realm:)' "$log")"
[ "$(grep '^echo: store: run' "$log" | tr '\n' ' ')" = "echo: store: run 1 echo: store: run 2 " ] &&
	pass store_outlives_the_realm || fail store_outlives_the_realm "$(grep '^echo: store' "$log")"
grep -q '^HOST: ml: 2 of 2 acts ended with the realm switched off$' "$log" &&
	pass realm_switched_itself_off || fail realm_switched_itself_off "$(grep '^HOST: ml' "$log" | tail -3)"
echo "qemu-channel: $passed passed, $failed failed"
[ $failed -eq 0 ]
