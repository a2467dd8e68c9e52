#!/usr/bin/env bash
# The attested channel's costs on x86 (docs/attested-channel.md), in x86-64 instructions
# counted by callgrind: one chat session of ml-client against ml-sim-server (sim device
# with fixed roots, the small model), each process under callgrind, and from their profiles
# the inclusive counts of the session's parts: on the client the TLS handshake and the
# token's verification (ml_peer_open: handshake, exporter, TOKEN, atoll_verify); on the
# server the TLS handshake and the token (open_session: handshake, exporter, atoll_attest on
# the sim backend, TOKEN), and the server's start (a P-256 key and certificate).
# ECDHE and ECDSA draw random numbers, so counts vary a little between runs.
# Writes BUILD/bench/ml-channel.tsv.
#   examples/ml/bench/channel_bench.sh BUILD
set -uo pipefail

build=$(cd "${1:-build}" && pwd)
out=$build/bench
bin=$build/ml/bench
mkdir -p "$out"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "bench-ml-channel: valgrind is not installed (tools/setup.sh installs it)" >&2
	exit 1
fi
work=$(mktemp -d /tmp/atoll-ml-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export ATOLL_SIM_DIR=$work/sim
mkdir -m 700 "$ATOLL_SIM_DIR"
# Fixed roots (hes/include/hes/state.h's blob), as sdk/bench/bench.sh.
/usr/bin/python3 - "$ATOLL_SIM_DIR/hes.state" <<'PY'
import hashlib, os, struct, sys
body = b"ATOLLHES" + struct.pack("<II", 1, 0x3000) + bytes(range(32)) + bytes(range(32, 64))
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
os.write(fd, body + hashlib.sha256(body).digest())
os.close(fd)
PY
"$bin/ml-sim-server" --refs-out "$work/refs.json" || exit 1
rim=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["realm"]["rim"])' "$work/refs.json")
printf '{ "format": "atoll-policy 1", "refs": "refs.json", "rims": ["%s"] }\n' "$rim" >"$work/policy.json"

echo "== the attested channel on x86 (callgrind instructions, one chat session, sim device)"
sock=$work/chat.sock
timeout 600 valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.ml-server.out" \
	"$bin/ml-sim-server" --model "$build/ml/small/model.atml" --listen "unix:$sock" --length 16 \
	>"$out/ml-server.log" 2>&1 &
for _ in $(seq 3000); do [ -S "$sock" ] && break; sleep 0.1; done
if ! timeout 600 valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.ml-client.out" \
	"$bin/ml-client" --policy "$work/policy.json" --connect "unix:$sock" \
	--prompt 'int max(int a, int b)' >"$out/ml-client.log" 2>&1 ||
	! grep -q '^completion: ' "$out/ml-client.log"; then
	echo "bench-ml-channel: the session failed (see $out/ml-client.log, $out/ml-server.log)" >&2
	exit 1
fi
wait

# inclusive <profile> <function>: its inclusive instruction count (0 if absent).
inclusive() {
	callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
		awk -v f="$2" '{ n = $NF; sub(/ \[.*$/, "", n) }
			$0 ~ ":" f " " || $0 ~ ":" f "$" { gsub(/,/, "", $1); print $1; found = 1; exit }
			END { if (!found) print 0 }'
}
c=$out/callgrind.ml-client.out
s=$out/callgrind.ml-server.out
{
	printf 'client_session_open\t%s\n' "$(inclusive "$c" ml_peer_open)"
	printf 'client_handshake\t%s\n' "$(inclusive "$c" mbedtls_ssl_handshake)"
	printf 'client_verify\t%s\n' "$(inclusive "$c" atoll_verify)"
	printf 'server_session_open\t%s\n' "$(inclusive "$s" open_session)"
	printf 'server_handshake\t%s\n' "$(inclusive "$s" mbedtls_ssl_handshake)"
	printf 'server_attest\t%s\n' "$(inclusive "$s" atoll_attest)"
	printf 'server_start\t%s\n' "$(inclusive "$s" ml_server_init)"
	printf 'server_generate_16\t%s\n' "$(inclusive "$s" ml_generate)"
} >"$out/ml-channel.tsv"
awk -F'\t' '{ v[$1] = $2 }
	END {
		printf "%-66s %12s\n", "per chat session", "instructions"
		printf "%-66s %12s\n", "client: handshake + exporter + TOKEN + verification (ml_peer_open)", v["client_session_open"]
		printf "%-66s %12s\n", "  of which the TLS 1.3 handshake", v["client_handshake"]
		printf "%-66s %12s\n", "  of which atoll_verify of the token", v["client_verify"]
		printf "%-66s %12s\n", "server: handshake + exporter + token + TOKEN (open_session)", v["server_session_open"]
		printf "%-66s %12s\n", "  of which the TLS 1.3 handshake", v["server_handshake"]
		printf "%-66s %12s\n", "  of which atoll_attest (sim backend: the RMM core signs)", v["server_attest"]
		printf "%-66s %12s\n", "server start, once: P-256 key, self-signed certificate", v["server_start"]
		printf "%-66s %12s\n", "server: 16 characters generated (small model, x86)", v["server_generate_16"]
	}' "$out/ml-channel.tsv"
echo "(written: $out/ml-channel.tsv)"
