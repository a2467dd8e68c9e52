#!/usr/bin/env bash
# The confidential-ML scenario on QEMU with the small model (tools/demo-ml.sh
# --tap): the outcome of each step checked from the peers' outputs, the
# launcher's console and what the host relayed.
#   ml_demo.sh BUILD
set -uo pipefail

build=${1:-build}
out=$build/ml/demo-test model=$build/ml/small/model.atml
prompt='int max(int a, int b)'
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
check() { local t=$1; shift; if "$@"; then pass "$t"; else fail "$t" "$(tail -3 "$out/demo.out" | tr '\n' ' ')"; fi; }

tools/demo-ml.sh --build "$build" --model "$model" --out "$out" --timeout 120 --tap >"$out.out" 2>&1
demo_rc=$?
mkdir -p "$out" && mv "$out.out" "$out/demo.out"
log=$out/launcher.log
rim=$("$build/atoll" measure "$build/realm-ml_server.bin")
evil_rim=$("$build/atoll" measure "$build/realm-ml_server_evil.bin")

check demo_exits_0_and_states_every_outcome \
	grep -q "^demo-ml: model released to RIM $rim; completion: .*; restart: model unsealed without the provider, same completion; malicious server refused: RIM $evil_rim not allowed$" "$out/demo.out"
[ $demo_rc -eq 0 ] || fail demo_exit_status "demo-ml.sh exited $demo_rc"

# Released once, to the honest RIM only.
releases=$(cat "$out"/provider-*.log 2>/dev/null | grep -c '^model released to RIM')
check provider_released_the_model_once [ "$releases" -eq 1 ]
check the_release_named_the_servers_rim grep -q "^model released to RIM $rim$" "$out/provider-1.log"

# The completion is the model's: the C inference on x86 gives the same bytes for this prompt
# (the server's sampling: 64 bytes, temperature 0.6, seed 2).
"$build/ml/ml-complete" "$model" "$prompt" 64 0.6 2 >"$out/expected.txt" 2>/dev/null
/usr/bin/python3 - "$out/client-1.log" "$out/expected.txt" "$prompt" <<'PY' >"$out/completion-check.txt" 2>&1
import sys
got = open(sys.argv[1], "rb").read()
want = open(sys.argv[2], "rb").read()
prompt = sys.argv[3].encode()
assert got.startswith(b"completion: "), got[:40]
text = got[len(b"completion: "):].rstrip(b"\n")
if want.startswith(prompt):
    want = want[len(prompt):]
want = want.rstrip(b"\n")
assert len(text) > 0 and text == want, (text, want)
print("completion equals the host inference:", text[:40])
PY
check completion_is_the_models_generated_in_the_realm [ $? -eq 0 ]
check the_realm_answered_a_prompt grep -q '^ml_server: ml-server: a prompt of 21 bytes answered with 64 bytes' "$log"

# A restart unseals the model: no model channel, the same completion.
check restart_unseals_the_model_from_the_store grep -q '^ml_restart: ml-server: model of 317448 bytes unsealed' "$log"
check restart_does_not_ask_the_provider bash -c "! grep -q '^HOST: realm ml_restart: channel 0 open' '$log'"
check restart_completion_is_the_same cmp -s "$out/client-1.log" "$out/client-2.log"

# The modified image: refused by both, never sees the model or a prompt.
check provider_refuses_the_malicious_rim grep -q "^refused: RIM $evil_rim not allowed (allowed: $rim)$" "$out/provider-2.log"
check client_refuses_the_malicious_rim grep -q "^refused: RIM $evil_rim not allowed (allowed: $rim)$" "$out/client-3.log"
check malicious_image_cannot_unseal_the_model grep -q '^ml_evil: ml-server: the sealed model in the store does not unseal' "$log"
check malicious_image_got_no_prompt bash -c "! grep -q 'copied prompt' '$log'"

# A token from an earlier session of the honest realm, replayed by another server, is refused.
sed -n 's/^ml_server: //p' "$log" >"$out/server-console.txt"
"$build/atoll" token extract "$out/server-console.txt" -o "$out/replayed.cbor" >/dev/null 2>&1
"$build/ml/ml-sim-server" --model "$model" --listen "unix:$out/replay.sock" --replay-token "$out/replayed.cbor" \
	>"$out/replay-server.log" 2>&1 &
sim=$!
"$build/ml/ml-client" --policy "$out/policy.json" --connect "unix:$out/replay.sock" --prompt "$prompt" \
	>"$out/client-replay.log" 2>&1
replay_rc=$?
wait $sim 2>/dev/null
check replayed_token_is_refused_as_stale bash -c "[ $replay_rc -eq 1 ] && grep -q '^refused: stale challenge: .*(the token was made for another TLS session)' '$out/client-replay.log'"

# What the host relayed: TLS records only. A known slice of the weights and the prompt are not in it.
/usr/bin/python3 - "$model" "$out/model-stream.bin" "$out/chat-stream.bin" "$prompt" <<'PY' >"$out/scan.txt" 2>&1
import sys
model = open(sys.argv[1], "rb").read()
stream = open(sys.argv[2], "rb").read()
chat = open(sys.argv[3], "rb").read()
prompt = sys.argv[4].encode()
# 64 bytes of weights from the middle of the tensors (after the 320-byte header and vocabulary).
at = 320 + (len(model) - 352) // 2
weights = model[at:at + 64]
assert weights in model and len(set(weights)) > 8
assert len(stream) > len(model), f"only {len(stream)} bytes relayed for a {len(model)}-byte model"
assert weights not in stream, "a slice of the weights is in the relayed stream"
assert model[:8] not in stream, "the model's magic is in the relayed stream"
assert len(chat) > 0 and prompt not in chat, "the prompt is in the relayed chat stream"
print(f"scanned {len(stream)} model-channel and {len(chat)} chat-channel bytes: no weights, no prompt")
PY
check relayed_stream_holds_no_weights_and_no_prompt [ $? -eq 0 ]
cat "$out/scan.txt"
echo "ml-demo: $passed passed, $failed failed"
[ $failed -eq 0 ]
