#!/usr/bin/env bash
# The attested channel end to end on x86 (docs/attested-channel.md): ml-provider
# and ml-client against ml-sim-server (the portable server core with libatoll's
# sim backend), all built with ASan and UBSan, through a recording relay
# (ml_relay.py) where the tests need a party in the middle. Then the in-process
# cases (build/ml/channel-tests: malformed messages, the binding).
#   ml_channel_test.sh BUILD
# Ends with "ml-channel: N passed, M failed".
set -uo pipefail

build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
ml=$build/ml
model=$ml/small/model.atml
prompt='int max(int a, int b)'
length=48
py=/usr/bin/python3
relay="$py $here/ml_relay.py"
passed=0 failed=0
work=$(mktemp -d /tmp/atoll-ml-channel.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 1

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# check <name> <condition...>: pass if the command succeeds, else fail with the logs named.
check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "$(echo "$*" | head -c 400)"; fi
}

# A simulated device of its own (ATOLL_SIM_DIR): its refs.json, the honest server's RIM (the
# simulator's default realm) and another realm's (rsi_tests: the "malicious" image).
export ATOLL_SIM_DIR=$work/sim
mkdir -m 700 sim
"$ml/ml-sim-server" --refs-out refs.json || { echo "ml-channel: 0 passed, 1 failed"; exit 1; }
rim=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["realm"]["rim"])' refs.json)
other_image=$build/realm-rsi_tests.bin
"$ml/ml-sim-server" --image "$other_image" --refs-out other-refs.json
other_rim=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["realm"]["rim"])' other-refs.json)
printf '{ "format": "atoll-policy 1", "refs": "refs.json", "rims": ["%s"] }\n' "$rim" >policy.json
expected=$("$ml/ml-complete" "$model" "$prompt" $length)
expected=${expected#"$prompt"}

T=60	# every process gets a timeout
provider() { timeout $T "$ml/ml-provider" "$@"; }
client() { timeout $T "$ml/ml-client" "$@"; }
server() { timeout $T "$ml/ml-sim-server" --length $length "$@"; }

# run_session <name> <provider policy> <client policy> [server options...]: provider, server
# and client, each with its output in <name>.{provider,server,client}.{out,err}, exit codes in
# <name>.*.rc. The server connects to the provider, then serves one chat (no client if the
# client policy is "-": the server has no model to chat with).
run_session() {
	local name=$1 ppol=$2 cpol=$3
	shift 3
	(provider --policy "$ppol" --model "$model" --listen "unix:$work/$name.p.sock" \
		>"$name.provider.out" 2>"$name.provider.err"; echo $? >"$name.provider.rc") &
	(server --provider "unix:$work/$name.p.sock" --listen "unix:$work/$name.c.sock" "$@" \
		>"$name.server.out" 2>"$name.server.err"; echo $? >"$name.server.rc") &
	if [ "$cpol" != - ]; then
		client --policy "$cpol" --connect "unix:$work/$name.c.sock" --prompt "$prompt" \
			>"$name.client.out" 2>"$name.client.err"
		echo $? >"$name.client.rc"
	fi
	wait
}
rc() { cat "$1.rc" 2>/dev/null; }

# ---- usage and exit codes -------------------------------------------------------------
"$ml/ml-provider" --help >help.out 2>&1 && grep -q '^usage: ml-provider --policy' help.out &&
	"$ml/ml-client" --help >help.out 2>&1 && grep -q '^usage: ml-client --policy' help.out &&
	"$ml/ml-sim-server" --help >help.out 2>&1 && grep -q '^usage: ml-sim-server' help.out &&
	pass help || fail help "$(head -2 help.out)"
"$ml/ml-client" --connect unix:x --prompt p >usage.out 2>&1
[ $? -eq 2 ] && grep -q '^usage: ml-client' usage.out && pass usage_client_no_policy ||
	fail usage_client_no_policy "$(head -2 usage.out)"
"$ml/ml-provider" --policy policy.json --model "$model" --listen tcp:1 >usage.out 2>&1
[ $? -eq 2 ] && grep -q 'not unix:PATH' usage.out && pass usage_provider_bad_address ||
	fail usage_provider_bad_address "$(head -2 usage.out)"
printf '{ "format": "atoll-policy 1", "refs": "refs.json", "rims": ["%s"], "rim": 1 }\n' "$rim" >typo.json
"$ml/ml-client" --policy typo.json --connect unix:x --prompt p >local.out 2>&1
[ $? -eq 4 ] && grep -qF 'typo.json: unknown key "rim"' local.out && pass client_policy_refused ||
	fail client_policy_refused "$(head -2 local.out)"
"$py" -c 'import sys; d=bytearray(open(sys.argv[1],"rb").read()); d[4000]^=1; open("bad.atml","wb").write(d)' "$model"
"$ml/ml-provider" --policy policy.json --model bad.atml --listen "unix:$work/never.sock" >local.out 2>&1
[ $? -eq 4 ] && grep -q 'bad.atml: .*checksum' local.out && pass provider_damaged_model ||
	fail provider_damaged_model "$(head -2 local.out)"
# A "server" that closes at once: a TLS failure, exit 3.
"$py" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); c, _ = s.accept(); c.close()' \
	"$work/closer.sock" &
client --policy policy.json --connect "unix:$work/closer.sock" --prompt "$prompt" >closer.out 2>&1
[ $? -eq 3 ] && grep -q 'TLS handshake failed' closer.out && pass client_server_hangs_up ||
	fail client_server_hangs_up "$(head -2 closer.out)"
wait

# ---- the model released once, the completion the C inference gives ---------------------
run_session good policy.json policy.json
check provision_releases_once [ "$(rc good.provider)" = 0 -a \
	"$(grep -c '^model released to RIM ' good.provider.out)" = 1 -a \
	"$(cat good.provider.out)" = "model released to RIM $rim" ]
check server_loaded_model grep -q "model of $(stat -c %s "$model") bytes loaded" good.server.err
check completion_is_the_c_inference [ "$(rc good.client)" = 0 -a "$(rc good.server)" = 0 -a \
	"$(cat good.client.out)" = "completion: $expected" ]
# The completion is generated text, not an echo: it is not empty and differs from the prompt.
check completion_is_generated [ -n "${expected// /}" -a "$expected" != "$prompt" ]

# ---- a server image the policy does not allow: both refuse and send nothing -----------------
run_session evil policy.json - --image "$other_image" --copy-prompts
check provider_refuses_other_rim [ "$(rc evil.provider)" = 1 -a "$(cat evil.provider.out)" = \
	"refused: RIM $other_rim not allowed (allowed: $rim)" ]
check server_got_no_model grep -q "waiting for MODEL: the peer refused: RIM $other_rim not allowed" \
	evil.server.err
check server_loaded_nothing [ "$(grep -c 'bytes loaded' evil.server.err)" = 0 ]
# The server had no model, so it could not chat; run the refused client against one that has it.
(server --model "$model" --image "$other_image" --copy-prompts --listen "unix:$work/evil2.sock" \
	>evil2.server.out 2>evil2.server.err) &
client --policy policy.json --connect "unix:$work/evil2.sock" --prompt "$prompt" >evil2.client.out \
	2>evil2.client.err
echo $? >evil2.client.rc
wait
check client_refuses_other_rim [ "$(rc evil2.client)" = 1 -a "$(cat evil2.client.out)" = \
	"refused: RIM $other_rim not allowed (allowed: $rim)" ]
check server_got_no_prompt grep -q 'waiting for PROMPT: the peer refused: RIM' evil2.server.err
check prompt_never_reached_server [ "$(grep -c 'copied prompt' evil2.server.out)" = 0 ]
# The same malicious server does see prompts once a policy allows it: the check above can fail.
printf '{ "format": "atoll-policy 1", "refs": "refs.json", "rims": ["%s"] }\n' "$other_rim" >evil.json
(server --model "$model" --image "$other_image" --copy-prompts --listen "unix:$work/evil3.sock" \
	>evil3.server.out 2>evil3.server.err) &
client --policy evil.json --connect "unix:$work/evil3.sock" --prompt "$prompt" >evil3.client.out 2>&1
wait
check copy_prompts_works grep -qF "copied prompt: $prompt" evil3.server.out

# ---- a token replayed from an earlier session is refused: the binding ---------------------
(server --model "$model" --record-token recorded.cbor --listen "unix:$work/rec.sock" \
	>rec.server.out 2>rec.server.err) &
client --policy policy.json --connect "unix:$work/rec.sock" --prompt "$prompt" >rec.client.out 2>&1
wait
check recorded_session_succeeds grep -q '^completion: ' rec.client.out
# It is a genuine token of the honest server: only its challenge is another session's.
"$build/atoll" token verify recorded.cbor --policy policy.json >recorded.verify 2>&1
check recorded_token_is_genuine grep -q '^verified: recorded.cbor against policy.json' recorded.verify
(server --model "$model" --replay-token recorded.cbor --listen "unix:$work/replay.sock" \
	>replay.server.out 2>replay.server.err) &
client --policy policy.json --connect "unix:$work/replay.sock" --prompt "$prompt" >replay.client.out \
	2>replay.client.err
echo $? >replay.client.rc
wait
check replayed_token_refused [ "$(rc replay.client)" = 1 -a \
	"$(grep -c '^refused: stale challenge: the realm challenge is not the one expected' replay.client.out)" = 1 ]
check replay_got_no_prompt grep -q 'waiting for PROMPT: the peer refused: stale challenge' replay.server.err

# ---- a man in the middle: the model never in the clear; one changed byte breaks the session --
(provider --policy policy.json --model "$model" --listen "unix:$work/mp.sock" >mitm.provider.out \
	2>mitm.provider.err) &
($relay --listen "$work/mr.sock" --connect "$work/mp.sock" --record model-stream >relay.out 2>&1) &
(server --provider "unix:$work/mr.sock" --listen "unix:$work/mc.sock" >mitm.server.out 2>mitm.server.err) &
($relay --listen "$work/mcr.sock" --connect "$work/mc.sock" --record chat-stream >relay2.out 2>&1) &
client --policy policy.json --connect "unix:$work/mcr.sock" --prompt "$prompt" >mitm.client.out 2>&1
wait
check relayed_session_works grep -qF "completion: $expected" mitm.client.out
# Known slices of the weights: the embedding's start, the middle, the head bias before the checksum.
size=$(stat -c %s "$model")
"$py" - "$model" model-stream.in model-stream.out chat-stream.in chat-stream.out "$prompt" "$expected" \
	>scan.out 2>&1 <<'PY'
import sys
model = open(sys.argv[1], "rb").read()
streams = b"".join(open(p, "rb").read() for p in sys.argv[2:4])
chat = b"".join(open(p, "rb").read() for p in sys.argv[4:6])
slices = [model[320:352], model[len(model) // 2:len(model) // 2 + 32], model[-64:-32]]
bad = 0
if len(streams) < len(model):
    print(f"the relayed stream has {len(streams)} bytes, fewer than the model's {len(model)}"); bad += 1
for s in slices:
    if model.count(s) < 1 or s == bytes(32):
        print("a slice is not a usable pattern"); bad += 1
    if s in streams:
        print(f"weights {s.hex()} appear in the clear"); bad += 1
for text in sys.argv[6:8]:
    if text.encode() in chat:
        print(f"{text!r} appears in the clear"); bad += 1
print("scan: ok" if bad == 0 else f"scan: {bad} problems")
sys.exit(1 if bad else 0)
PY
check model_never_in_clear grep -q '^scan: ok' scan.out
# The scan can fail: the same slices are found in a stream that carries the file as it is.
cat "$model" >plain-stream
check scan_finds_plain_weights "$py" -c '
import sys
m = open(sys.argv[1], "rb").read(); s = open(sys.argv[2], "rb").read()
sys.exit(0 if m[320:352] in s else 1)' "$model" plain-stream

# flip_session <name> <relay --flip spec>: a chat through a relay that changes one byte.
flip_session() {
	local name=$1
	(server --model "$model" --listen "unix:$work/$name.sock" >"$name.server.out" \
		2>"$name.server.err") &
	($relay --listen "$work/$name.r.sock" --connect "$work/$name.sock" --record "$name" \
		--flip "$2" >"$name.relay.out" 2>&1) &
	client --policy policy.json --connect "unix:$work/$name.r.sock" --prompt "$prompt" \
		>"$name.client.out" 2>"$name.client.err"
	echo $? >"$name.client.rc"
	wait
}
# One byte of the token's record changed on its way to the client.
flip_session flip1 out:minlen:1000
check mitm_token_flip_relayed grep -q '^flipped byte' flip1.relay.out
check mitm_token_flip_breaks_session [ "$(rc flip1.client)" = 3 -a \
	"$(grep -c 'a record was changed in transit' flip1.client.err)" = 1 -a \
	"$(grep -c '^completion' flip1.client.out)" = 0 ]
# One byte of the prompt's record changed: the client's application_data records are its
# Finished, the PROMPT header, the prompt (index 2), close_notify (ml_msg_send writes the header
# and the payload apart; mbedTLS pads records to 16 bytes).
flip_session flip2 in:index:2
check mitm_prompt_flip_breaks_session [ "$(rc flip2.client)" = 3 -a \
	"$(grep -c 'a record was changed in transit' flip2.server.err)" = 1 -a \
	"$(grep -c 'answered' flip2.server.err)" = 0 ]

# ---- in-process: malformed messages, the binding -----------------------------------------
"$ml/channel-tests" "$model" >channel-tests.log 2>&1 || grep -E 'FAILED|ERROR|LINE' channel-tests.log | head -20
line=$(grep -E '^channel: [0-9]+ passed, [0-9]+ failed$' channel-tests.log | tail -1)
if [ -n "$line" ]; then
	set -- $line
	passed=$((passed + $2))
	failed=$((failed + $4))
	echo "$line"
else
	fail channel-tests "no closing line: $(tail -5 channel-tests.log)"
fi

echo "ml-channel: $passed passed, $failed failed"
[ $failed -eq 0 ]
