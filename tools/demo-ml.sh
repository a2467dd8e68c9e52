#!/usr/bin/env bash
# make demo-ml (docs/demo-ml.md): the confidential-ML scenario end to end.
#   demo-ml.sh [--build DIR] [--model FILE] [--out DIR] [--prompt TEXT] [--timeout S] [--tap]
#              [--server IMAGE] [--bench]
# 1. build and measure: the ML server realm image's RIM (atoll measure), the
#    device's reference values (atoll-refs) and one policy file for the
#    provider and the client that allows exactly that RIM.
# 2. provision: the provider (build/ml/ml-provider) listens; the launcher
#    (tools/ml-run.sh) runs the ML server realm, which connects, attests and
#    receives the model, then seals it into the launcher's store.
# 3. chat: the client (build/ml/ml-client) sends the prompt and prints the
#    completion the realm generates; then the same image is started again and
#    unseals the model from the store, without the provider, and serves
#    another chat.
# 4. a malicious server: the image that copies prompts to the console has
#    another RIM; the provider and the client both refuse it.
# The last line states each outcome; exit status 0 only if all four behaved.
# --tap puts tools/ml_tap.py between the sockets and QEMU, recording what the
# host relays on each channel to OUT/model-stream.bin and OUT/chat-stream.bin.
# --server runs another build of the server (make bench: realm-ml_server_bench.bin),
# --bench runs QEMU with -icount (tools/ml-bench.sh).
set -uo pipefail

build=build model= out= prompt='int max(int a, int b)' timeout_s=600 tap=0 server= bench=()
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--model) model=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--prompt) prompt=$2; shift 2 ;;
	--timeout) timeout_s=$2; shift 2 ;;
	--tap) tap=1; shift ;;
	--server) server=$2; shift 2 ;;
	--bench) bench=(--bench); shift ;;
	*) echo "demo-ml: unknown option $1" >&2; exit 2 ;;
	esac
done
model=${model:-$build/ml/full/model.atml} out=${out:-$build/ml/demo}
server=${server:-$build/realm-ml_server.bin} evil=$build/realm-ml_server_evil.bin flash=$build/flash-hes-ml.bin
state=$build/run/hes.state log=$out/launcher.log
for f in "$model" "$server" "$evil" "$flash" "$build/atoll" "$build/atoll-refs" \
	"$build/ml/ml-provider" "$build/ml/ml-client"; do
	[ -e "$f" ] || { echo "demo-ml: $f is missing (make demo-ml builds it; the HES state comes from make run or make test)" >&2; exit 2; }
done
rm -rf "$out" && mkdir -p "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT
# Where the provider listens and the client connects: QEMU's sockets, or the taps in front of them.
provider_sock=$out/model.sock chat_sock=$out/chat.sock
if [ $tap -eq 1 ]; then
	provider_sock=$out/provider.sock chat_sock=$out/chat-tap.sock
	/usr/bin/python3 tools/ml_tap.py "$out/model.sock" "$provider_sock" "$out/model-stream.bin" &
	pids+=($!)
	/usr/bin/python3 tools/ml_tap.py "$chat_sock" "$out/chat.sock" "$out/chat-stream.bin" &
	pids+=($!)
fi

# wait_for <fixed text> <seconds>: until the launcher's log has the text; false on a timeout or QEMU's end.
wait_for() {
	local i
	for ((i = 0; i < $2 * 5; i++)); do
		grep -qF -- "$1" "$log" 2>/dev/null && return 0
		kill -0 "$qemu" 2>/dev/null || { grep -qF -- "$1" "$log" 2>/dev/null; return; }
		sleep 0.2
	done
	return 1
}
# show <file> <prefix>: the file's lines, indented.
show() { sed "s/^/   $2/" "$1"; }

echo "== 1. build and measure"
rim=$("$build/atoll" measure "$server") || exit 1
evil_rim=$("$build/atoll" measure "$evil") || exit 1
echo "   ML server image $server: RIM $rim"
echo "   modified image  $evil: RIM $evil_rim"
"$build/atoll-refs" --state "$state" --bl2 "$build/tf-a-hes-ml/qemu/release/bl2.bin" \
	--bl31 "$build/tf-a-hes-ml/qemu/release/bl31.bin" --rmm "$build/rmm.bin" --bl33 "$build/host-ml.bin" \
	--realm "$server" --out "$out/refs.json" || exit 1
printf '{ "format": "atoll-policy 1", "refs": "refs.json", "rims": [ "%s" ], "hash_alg": "sha-256" }\n' \
	"$rim" >"$out/policy.json"
echo "   policy $out/policy.json: the device of $state (its CPAK and boot measurements), RIM $rim only"

echo "== 2. provision the model ($(stat -c %s "$model") bytes, $model)"
"$build/ml/ml-provider" --policy "$out/policy.json" --model "$model" --listen "unix:$provider_sock" \
	>"$out/provider-1.log" 2>&1 &
provider=$!
pids+=($provider)
for ((i = 0; i < 50; i++)); do [ -S "$out/model.sock" ] && [ -S "$provider_sock" ] && break; sleep 0.1; done
BUILD=$build tools/ml-run.sh --timeout "$timeout_s" "${bench[@]}" --dir "$out" \
	--model "path=$out/model.sock,reconnect-ms=200" --chat "path=$out/chat.sock,server=on,wait=off" \
	"$flash" "$log" ml_server="$server" ml_restart="$server" ml_evil="$evil" >"$out/ml-run.out" 2>&1 &
qemu=$!
pids+=($qemu)
echo "   launcher: realm ml_server, then the same image again (ml_restart), then the modified one (ml_evil)"
wait $provider
provider_rc=$?
show "$out/provider-1.log" "provider: "
grep '^ml_server: ml-server: ' "$log" | grep -v 'BEGIN\|END' | show /dev/stdin ""

echo "== 3. serve a user: \"$prompt\""
wait_for "HOST: realm ml_server: channel 1 open" "$timeout_s"
"$build/ml/ml-client" --policy "$out/policy.json" --connect "unix:$chat_sock" --prompt "$prompt" \
	>"$out/client-1.log" 2>&1
client1_rc=$?
show "$out/client-1.log" "client: "
echo "   restart: the same image, without the provider"
wait_for "HOST: realm ml_restart: channel 1 open" "$timeout_s"
grep -E '^ml_restart: ml-server: (model|the sealed|the store)' "$log" | show /dev/stdin ""
"$build/ml/ml-client" --policy "$out/policy.json" --connect "unix:$chat_sock" --prompt "$prompt" \
	>"$out/client-2.log" 2>&1
client2_rc=$?
show "$out/client-2.log" "client: "

echo "== 4. a malicious server (the image that copies prompts to the console)"
"$build/ml/ml-provider" --policy "$out/policy.json" --model "$model" --listen "unix:$provider_sock" \
	>"$out/provider-2.log" 2>&1 &
provider2=$!
pids+=($provider2)
wait $provider2
provider2_rc=$?
show "$out/provider-2.log" "provider: "
wait_for "HOST: realm ml_evil: channel 1 open" "$timeout_s"
"$build/ml/ml-client" --policy "$out/policy.json" --connect "unix:$chat_sock" --prompt "$prompt" \
	>"$out/client-3.log" 2>&1
client3_rc=$?
show "$out/client-3.log" "client: "
wait $qemu
qemu_rc=$?
grep -E '^ml_evil: ml-server: ' "$log" | show /dev/stdin ""

# The outcomes.
ok=1
# The completion on one line: its line breaks as " | ", runs of spaces as one.
one_line() { sed -n '/^completion: /,$p' "$1" | sed '1s/^completion: //' | tr -s ' ' | sed ':a;N;$!ba;s/\n/ | /g'; }
completion=$(one_line "$out/client-1.log")
completion2=$(one_line "$out/client-2.log")
if [ $provider_rc -eq 0 ] && grep -q "^model released to RIM $rim" "$out/provider-1.log"; then
	r1="model released to RIM $rim"
else r1="model NOT released (provider exit $provider_rc)"; ok=0; fi
if [ $client1_rc -eq 0 ] && [ -n "$completion" ]; then r2="completion: $completion"
else r2="no completion (client exit $client1_rc)"; ok=0; fi
if [ $client2_rc -eq 0 ] && [ "$completion2" = "$completion" ] &&
	grep -q '^ml_restart: ml-server: model of [0-9]* bytes unsealed' "$log" &&
	! grep -q '^HOST: realm ml_restart: channel 0 open' "$log"; then
	r3="restart: model unsealed without the provider, same completion"
else r3="restart FAILED (client exit $client2_rc)"; ok=0; fi
if [ $provider2_rc -eq 1 ] && grep -q "^refused: RIM $evil_rim not allowed" "$out/provider-2.log" &&
	[ $client3_rc -eq 1 ] && grep -q "^refused: RIM $evil_rim not allowed" "$out/client-3.log" &&
	! grep -q 'copied prompt' "$log"; then
	r4="malicious server refused: RIM $evil_rim not allowed"
else r4="malicious server NOT refused by both (provider exit $provider2_rc, client exit $client3_rc)"; ok=0; fi
[ $qemu_rc -eq 0 ] || { r4="$r4; launcher run failed ($qemu_rc)"; ok=0; }
echo "demo-ml: $r1; $r2; $r3; $r4"
[ $ok -eq 1 ]
