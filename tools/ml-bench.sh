#!/usr/bin/env bash
# make bench's ML figures (docs/demo-ml.md, Performance): the demo run on QEMU
# with -icount (one counter tick per instruction) and the bench build of the
# ML server realm (realm-ml_server_bench.bin), which reports what each of its
# steps cost. Written to $BUILD/bench/ml.tsv: the realm's instructions for
# start-up (P-256 key, certificate), each attestation token, each TLS session
# (all of it, the part spent waiting for the host, and the rest: handshake,
# token, protocol, and for chat the inference), sealing and unsealing the
# model, and the inference alone per generated character. The full model if
# it is trained (make ml-model), else the small one.
set -uo pipefail

build=${BUILD:-build}
out=$build/bench
model=$build/ml/full/model.atml
[ -f "$model" ] || model=$build/ml/small/model.atml
mkdir -p "$out"
echo "== the ML server realm under -icount ($model)"
tools/demo-ml.sh --build "$build" --model "$model" --out "$build/ml/bench" --timeout 1200 --bench \
	--server "$build/realm-ml_server_bench.bin" >"$out/ml-demo.log" 2>&1 ||
	{ echo "ml-bench: the demo failed; see $out/ml-demo.log and $build/ml/bench/" >&2; exit 1; }
log=$build/ml/bench/launcher.log
{
	printf 'model\t%s\n' "$(basename "$(dirname "$model")")"
	# First realm (provision, seal, chat), then the restart (unseal, chat).
	for realm in ml_server ml_restart; do
		sed -n "s/^$realm: ml-server: bench //p" "$log" | awk -v r="$realm" '
			$1 == "attest" { n[r "_attest"]++; printf "%s_attest_%d\t%s\n", r, n[r "_attest"], $2; next }
			$1 == "provision" || $1 == "chat" { printf "%s_%s\t%s\n%s_%s_io\t%s\n%s_%s_compute\t%s\n",
				r, $1, $2, r, $1, $4, r, $1, $6; next }
			$1 == "feed" { printf "%s_feed_%s_chars\t%s\n%s_generate_%s_chars\t%s\n%s_per_char\t%s\n%s_params\t%s\n",
				r, $2, $4, r, $6, $8, r, $10, r, $12; next }
			{ printf "%s_%s\t%s\n", r, $1, $2 }'
	done
} >"$out/ml.tsv"
column -t -s "$(printf '\t')" "$out/ml.tsv"
