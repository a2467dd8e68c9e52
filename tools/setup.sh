#!/usr/bin/env bash
# Installs everything Atoll needs on a Debian 12 machine, fetches the TF-A and
# mbedTLS source packages, and patches TF-A. Idempotent: each step checks
# whether its result already exists, so a second run does nothing.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
deps="$top/deps"
mkdir -p "$deps"

log() { printf '[setup] %s\n' "$*"; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages from bookworm, plus QEMU 10 from bookworm-backports. clang 14 with
# libclang-rt-14-dev builds the fuzzers and the stress test (its sanitizer runtimes,
# ThreadSanitizer's included).
packages=(gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu build-essential
	libssl-dev cmake dpkg-dev xz-utils libcmocka-dev clang
	libfuzzer-14-dev libclang-rt-14-dev python3 pkg-config libglib2.0-dev valgrind
	python3-cryptography python3-cbor2 libjansson-dev device-tree-compiler cpio)

missing_packages() {
	local p
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
	done
}

qemu_ok() {
	command -v qemu-system-aarch64 >/dev/null 2>&1 &&
		qemu-system-aarch64 --version | head -1 | grep -Eq 'version (1[0-9]|[2-9][0-9])\.'
}

# The extra suites reuse the URI of the machine's own Debian source list, so
# no registry host is written into the project.
debian_uri() {
	local list=/etc/apt/sources.list.d/debian.sources uri
	uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$list")
	if [ -z "$uri" ]; then
		echo "setup: cannot find a Debian URI in $list" >&2
		exit 1
	fi
	echo "$uri"
}

add_suites() {
	local extra=/etc/apt/sources.list.d/atoll-extra.sources uri
	[ -f "$extra" ] && return 0
	uri=$(debian_uri)
	log "adding bookworm-backports (binary) and trixie (source) from $uri"
	as_root tee "$extra" >/dev/null <<EOT
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: $uri
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
	as_root apt-get update -qq
}

install_packages() {
	local missing
	missing=$(missing_packages)
	if [ -n "$missing" ] || ! qemu_ok; then
		add_suites
		if [ -n "$missing" ]; then
			log "installing:" $missing
			as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
		fi
		if ! qemu_ok; then
			log "installing qemu-system-arm from bookworm-backports"
			as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				-t bookworm-backports qemu-system-arm >/dev/null
		fi
	fi
}

# fetch_source <package> <dir>: downloads the trixie source package once and
# unpacks it (with Debian's own patches) into deps/<dir>.
fetch_source() {
	local pkg=$1 dir=$2 dsc
	[ -d "$deps/$dir" ] && return 0
	dsc=$(ls "$deps/${pkg}"_*.dsc 2>/dev/null | head -1 || true)
	if [ -z "$dsc" ]; then
		add_suites
		log "fetching source package $pkg (trixie)"
		(cd "$deps" && apt-get source -qq --download-only "$pkg/trixie" >/dev/null 2>&1) || {
			as_root apt-get update -qq
			(cd "$deps" && apt-get source -qq --download-only "$pkg/trixie" >/dev/null)
		}
		dsc=$(ls "$deps/${pkg}"_*.dsc | head -1)
	fi
	log "unpacking $(basename "$dsc")"
	# The .dsc signature cannot be checked without Debian's keyring: apt already
	# verified the download, so dpkg-source's warning is noise; errors still show.
	(cd "$deps" && dpkg-source -x "$dsc" "$dir" >"$deps/$dir.unpack.log" 2>&1) || {
		cat "$deps/$dir.unpack.log" >&2
		exit 1
	}
}

# Atoll's TF-A patches; the stamp holds their checksum, so a changed or added
# patch unpacks a clean tree and applies the whole series again.
patch_tfa() {
	local stamp="$deps/tf-a/.atoll-patches" sum p
	sum=$(cat "$top"/firmware/tf-a/patches/*.patch | sha256sum | cut -d' ' -f1)
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && return 0
	if [ -f "$stamp" ]; then
		rm -rf "$deps/tf-a"
		fetch_source arm-trusted-firmware tf-a
	fi
	for p in "$top"/firmware/tf-a/patches/*.patch; do
		log "applying $(basename "$p")"
		patch -d "$deps/tf-a" -p1 -s --no-backup-if-mismatch <"$p"
	done
	echo "$sum" >"$stamp"
}

# QEMU's TCG plugin header, for `make profile` (tools/prof/insnprof.c): only
# that one file of the qemu source package is unpacked, into deps/qemu-plugin.
fetch_qemu_plugin_header() {
	local dir="$deps/qemu-plugin" orig
	[ -f "$dir/qemu-plugin.h" ] && return 0
	orig=$(ls "$deps"/qemu_*.orig.tar.* 2>/dev/null | head -1 || true)
	if [ -z "$orig" ]; then
		add_suites
		log "fetching source package qemu (trixie), for its plugin header"
		(cd "$deps" && apt-get source -qq --download-only qemu/trixie >/dev/null)
		orig=$(ls "$deps"/qemu_*.orig.tar.* | head -1)
	fi
	mkdir -p "$dir"
	tar -xf "$orig" -C "$dir" --strip-components=3 --wildcards '*/include/qemu/qemu-plugin.h'
}

# Debian's PyTorch (CPU only) and OpenBLAS, which it then uses instead of the
# much slower reference BLAS, for the ML example's training (examples/ml/train.py).
# From bookworm explicitly, without recommends: the trixie list added for the
# Linux guest's arm64 parts offers newer architecture-independent packages that
# bookworm's torch dependencies cannot use.
install_ml_packages() {
	local p missing=
	for p in python3-torch libopenblas0-pthread; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing=1
	done
	[ -z "$missing" ] && return 0
	log "installing python3-torch and libopenblas0-pthread (bookworm)"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm \
		--no-install-recommends python3-torch libopenblas0-pthread >/dev/null
}

install_packages
if [ "${1:-}" = "--ml" ]; then
	install_ml_packages
	exit 0
fi
if [ "${1:-}" = "--qemu-plugin" ]; then
	fetch_qemu_plugin_header
	exit 0
fi
# Debian's arm64 kernel, its modules and busybox for the Linux realm guest
# (tools/linux-parts.sh), only for the targets that boot Linux.
if [ "${1:-}" = "--linux" ]; then
	. "$top/tools/linux-parts.sh"
	fetch_linux_parts
	exit 0
fi
fetch_source arm-trusted-firmware tf-a
fetch_source mbedtls mbedtls
patch_tfa
