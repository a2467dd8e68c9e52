#!/usr/bin/env bash
# Boots the ML launcher (host/main/ml.c, flash-hes-ml.bin) with its two
# virtio consoles and a plan of realm images to run one after the other.
#   ml-run.sh [--timeout S] [--no-hes] [--bench] --dir DIR --model CHARDEV --chat CHARDEV
#             <flash.bin> <log> NAME=IMAGE...
# Each NAME=IMAGE is one act: the realm image file run as realm NAME (at most
# 16 characters); the same image twice in a row is a restart. CHARDEV is the
# rest of a QEMU socket chardev for that channel, e.g.
# path=DIR/chat.sock,server=on,wait=off (QEMU listens) or path=P.sock (QEMU
# connects to a peer that listens; add reconnect-ms=N to wait for one).
# The plan (magic, count, per act the image's address, size and name) goes
# to DIR/plan.bin; QEMU's loader puts it and the images where the launcher
# looks. --bench runs QEMU with -icount (qemu-run.sh --bench: one CPU, the
# counter ticks once per instruction). Exit status: qemu-run.sh's.
set -uo pipefail

here=$(dirname "$0")
timeout_s=120 hes=() dir= model= chat= bench=()
while [ $# -gt 0 ]; do
	case $1 in
	--timeout) timeout_s=$2; shift 2 ;;
	--no-hes) hes=(--no-hes); shift ;;
	--bench) bench=(--bench); shift ;;
	--dir) dir=$2; shift 2 ;;
	--model) model=$2; shift 2 ;;
	--chat) chat=$2; shift 2 ;;
	-*) echo "ml-run: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -ge 3 ] && [ -n "$dir" ] && [ -n "$model" ] && [ -n "$chat" ] ||
	{ echo "ml-run: usage: ml-run.sh [--timeout S] [--no-hes] --dir DIR --model CHARDEV --chat CHARDEV <flash.bin> <log> NAME=IMAGE..." >&2; exit 2; }
flash=$1 log=$2
shift 2
mkdir -p "$dir"

# Images from 0xE0000000, each on a 1 MB boundary (the loader wants granules); the plan at 0xF1000000.
plan_pa=0xF1000000 image_pa=$((0xE0000000))
loads=() acts=()
declare -A placed=()
for act in "$@"; do
	name=${act%%=*} image=${act#*=}
	[ -f "$image" ] || { echo "ml-run: no image $image" >&2; exit 2; }
	[ ${#name} -ge 1 ] && [ ${#name} -le 16 ] || { echo "ml-run: realm name '$name' is not 1..16 characters" >&2; exit 2; }
	if [ -z "${placed[$image]:-}" ]; then
		placed[$image]=$image_pa
		loads+=(--load "$image@$(printf '0x%x' "$image_pa")")
		size=$(stat -c %s "$image")
		image_pa=$(( image_pa + ((size + 0xFFFFF) & ~0xFFFFF) ))
	fi
	acts+=("${placed[$image]}:$(stat -c %s "$image"):$name")
done
/usr/bin/python3 - "$dir/plan.bin" "${acts[@]}" <<'PY'
import struct, sys
acts = [a.split(":", 2) for a in sys.argv[2:]]
out = struct.pack("<8sQ", b"ATMLPLAN", len(acts))
for pa, size, name in acts:
    out += struct.pack("<QQ16s", int(pa), int(size), name.encode())
open(sys.argv[1], "wb").write(out)
PY
loads+=(--load "$dir/plan.bin@$plan_pa")

exec "$here/hesd-run.sh" "${hes[@]}" -- --timeout "$timeout_s" "${bench[@]}" "${loads[@]}" \
	--qemu -global --qemu virtio-mmio.force-legacy=false \
	--qemu -chardev --qemu "socket,id=model,$model" \
	--qemu -device --qemu virtio-serial-device,id=vs0,max_ports=1 \
	--qemu -device --qemu virtconsole,chardev=model,bus=vs0.0,name=model \
	--qemu -chardev --qemu "socket,id=chat,$chat" \
	--qemu -device --qemu virtio-serial-device,id=vs1,max_ports=1 \
	--qemu -device --qemu virtconsole,chardev=chat,bus=vs1.0,name=chat \
	"$flash" "$log"
