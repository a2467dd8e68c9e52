#!/usr/bin/env bash
# `make bench`: instruction counts of RMI calls, next to bench/targets.tsv.
#  1. The bench host image on QEMU with -icount (qemu-run.sh --bench): its
#     "BENCH <command> <instructions>" lines go to $BUILD/bench/rmi.tsv.
#  2. The HES bench image (flash-hes-bench.bin) the same way, with atoll-hesd
#     (tools/hesd-run.sh): the RMM's EL3 calls that reach the HES, the tokens
#     and cold boot with them. Not deterministic (EL3 polls UART1 while the
#     HES process works, so the count depends on the host), so not guarded.
#  3. DATA_CREATE per 4 KiB page through the RMM core's host build, and the
#     plain copy (+ hash) of a page, counted by callgrind:
#     $BUILD/bench/data_create_host.tsv.
set -uo pipefail

build=${BUILD:-build}
out=$build/bench
targets=bench/targets.tsv
mkdir -p "$out"

echo "== RMI calls on QEMU (-icount shift=0: one counter tick per instruction)"
tools/qemu-run.sh --bench --timeout 300 "$build/flash-bench.bin" "$out/qemu.log" || exit 1
if ! grep -q '^bench: done$' "$out/qemu.log"; then
	echo "bench: the bench image did not finish; see $out/qemu.log" >&2
	exit 1
fi
awk '$1 == "BENCH" { printf "%s\t%s\n", $2, $3 }' "$out/qemu.log" >"$out/rmi.tsv"
# The RMM reports its own cold boot, from its first instruction to BOOT_COMPLETE.
sed -n 's/^RMM: cold boot complete .*(\([0-9]*\) counter ticks)$/RMM_COLD_BOOT\t\1/p' \
	"$out/qemu.log" >>"$out/rmi.tsv"
grep '^bench: .*not measured' "$out/qemu.log"

echo "== the same with the HES daemon (flash-hes-bench.bin; HES round trips depend on the host)"
rm -f "$out/hes.state"	# a new device each time: the figures do not depend on the identity
tools/hesd-run.sh --state "$out/hes.state" --hesd-log "$out/hesd.log" -- --bench --timeout 300 \
	"$build/flash-hes-bench.bin" "$out/qemu-hes.log" || exit 1
grep -q '^bench: done$' "$out/qemu-hes.log" ||
	{ echo "bench: the HES bench image did not finish; see $out/qemu-hes.log" >&2; exit 1; }
# The RMM logs each EL3 call that reaches the HES (rmm/arch/aarch64/el3_attest.c).
sed -n -e 's/^RMM: EL3 GET_REALM_ATTEST_KEY: \([0-9]*\) counter ticks$/HES_GET_DELEGATED_KEY\t\1/p' \
	-e 's/^RMM: EL3 ATOLL_GET_VHUKS: \([0-9]*\) counter ticks$/HES_GET_VHUKS\t\1/p' \
	-e 's/^RMM: EL3 GET_PLAT_TOKEN: \([0-9]*\) counter ticks$/HES_GET_PLATFORM_TOKEN\t\1/p' \
	-e 's/^RMM: cold boot complete .*(\([0-9]*\) counter ticks)$/RMM_COLD_BOOT_HES\t\1/p' \
	"$out/qemu-hes.log" >>"$out/rmi.tsv"
awk '$1 == "BENCH" && $2 ~ /^ATTESTATION_TOKEN/ { printf "%s_HES\t%s\n", $2, $3 }' \
	"$out/qemu-hes.log" >>"$out/rmi.tsv"

# One row per target: measured value (or -), reference, target, verdict; the
# same rows as a Markdown table in rmi.md, for the README. The atoll column
# is the last accepted figure: a measurement more than 2% above it is a
# regression, and make bench fails (update the column when a gain lands).
awk -F'\t' -v md="$out/rmi.md" -v regressions="$out/regressions" '
	FNR == NR { measured[$1] = $2; order[++n] = $1; next }
	/^#/ || NF < 3 { next }
	{ ref[$1] = $2; tgt[$1] = $3; base[$1] = $4; note[$1] = $5; if (!($1 in measured)) order[++n] = $1 }
	END {
		printf "%-24s %12s %12s %12s %12s  %-10s %s\n", "command", "measured", "reference", "target", "atoll", "", "note"
		print "| command | Atoll | reference | target | note |" > md
		print "|---|---:|---:|---:|---|" > md
		printf "" > regressions
		for (i = 1; i <= n; i++) {
			c = order[i]; m = (c in measured) ? measured[c] : "-"
			r = (c in ref) ? ref[c] : "-"; t = (c in tgt) ? tgt[c] : "-"
			b = (c in base && base[c] != "") ? base[c] : "-"
			v = ""
			if (m != "-" && t != "-") v = (m + 0 <= t + 0) ? "ok" : "OVER"
			if (m != "-" && b != "-" && m + 0 > 1.02 * b) {
				v = v " REGRESSED"
				printf "%s %s %s\n", c, m, b >> regressions
			}
			printf "%-24s %12s %12s %12s %12s  %-10s %s\n", c, m, r, t, b, v, note[c]
			printf "| %s | %s | %s | %s | %s |\n", c, m, r, t, note[c] > md
		}
	}' "$out/rmi.tsv" "$targets"
echo "(written: $out/rmi.tsv, $out/rmi.md)"

echo "== DATA_CREATE per 4 KiB page, RMM core host build (x86-64, callgrind instructions)"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "bench: valgrind is not installed (tools/setup.sh installs it)" >&2
	exit 1
fi
: >"$out/data_create_host.tsv"
for kind in measured unmeasured copy_hash copy; do
	cg=$out/callgrind.$kind.out
	pages=$(valgrind --tool=callgrind --collect-atstart=no --toggle-collect="bench_$kind" \
		--callgrind-out-file="$cg" "$build/bench-data-create" "$kind" 2>"$out/valgrind.$kind.log" |
		awk '{ print $2 }')
	total=$(awk '/^(summary|totals):/ { print $2; exit }' "$cg")
	if [ -z "$pages" ] || [ -z "$total" ]; then
		echo "bench: $kind: no count (see $out/valgrind.$kind.log)" >&2
		exit 1
	fi
	printf '%s\t%s\n' "$kind" $((total / pages)) >>"$out/data_create_host.tsv"
done
awk -F'\t' '
	{ v[$1] = $2 }
	END {
		printf "%-40s %12s\n", "per page", "instructions"
		printf "%-40s %12s\n", "DATA_CREATE, measured (RMI dispatch)", v["measured"]
		printf "%-40s %12s\n", "DATA_CREATE, unmeasured (RMI dispatch)", v["unmeasured"]
		printf "%-40s %12s\n", "memcpy + SHA-256 of the page (floor)", v["copy_hash"]
		printf "%-40s %12s\n", "memcpy of the page (floor)", v["copy"]
		printf "measured DATA_CREATE over its floor: %d instructions (%.1f%%)\n",
			v["measured"] - v["copy_hash"], 100 * (v["measured"] - v["copy_hash"]) / v["copy_hash"]
	}' "$out/data_create_host.tsv"
echo "(written: $out/data_create_host.tsv)"

if [ -s "$out/regressions" ]; then
	echo "bench: more than 2% above bench/targets.tsv's atoll column (command, measured, recorded):" >&2
	sed 's/^/  /' "$out/regressions" >&2
	exit 1
fi
