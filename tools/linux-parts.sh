# Debian's arm64 Linux for the realm guest, sourced by tools/setup.sh --linux
# (which gives log, as_root, debian_uri, $deps): the kernel and module packages
# of trixie-backports and busybox-static, downloaded (not installed) and
# unpacked into deps/linux/, the token's module chain resolved from the
# modules' own `depends=` and decompressed. Everything is written under
# deps/linux/ only.

# The kernel tested as a realm guest: its ABI name and Debian version, in this one place.
LINUX_ABI=7.3.4+deb13-arm64
LINUX_DEB_VERSION=7.3.4-1~bpo13+1
# The modules the token needs (names as modinfo gives them); their dependencies are added.
LINUX_TOKEN_MODULES=(tsm_report arm_cca_guest)

linux_dir="$deps/linux"

linux_fail() {
	echo "linux-parts: $*" >&2
	exit 1
}

# arm64 as a foreign architecture and trixie + trixie-backports for arm64
# only, from the machine's configured mirror (as add_suites does).
add_linux_suites() {
	local list=/etc/apt/sources.list.d/atoll-linux.sources uri
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		log "adding the arm64 foreign architecture"
		as_root dpkg --add-architecture arm64
		rm -f "$linux_dir/.apt-updated"
	fi
	if [ ! -f "$list" ]; then
		uri=$(debian_uri)
		log "adding trixie and trixie-backports (arm64 binaries) from $uri"
		as_root tee "$list" >/dev/null <<EOT
Types: deb
URIs: $uri
Suites: trixie trixie-backports
Components: main
Architectures: arm64
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
		rm -f "$linux_dir/.apt-updated"
	fi
	if [ ! -f "$linux_dir/.apt-updated" ]; then
		as_root apt-get update -qq
		touch "$linux_dir/.apt-updated"
	fi
}

# download <package>[=<version>]: one .deb into deps/linux/debs, or a clear failure.
linux_download() {
	local spec=$1
	(cd "$linux_dir/debs" && apt-get download -qq "$spec" >/dev/null 2>"$linux_dir/download.log") ||
		linux_fail "cannot download $spec from trixie/trixie-backports ($(tail -1 "$linux_dir/download.log"));" \
			"if backports moved on, test the new version and update LINUX_ABI and LINUX_DEB_VERSION in tools/linux-parts.sh"
}

# modinfo_field <module.ko> <field>: the field from the module's .modinfo section
# (NUL-separated key=value strings), read with the cross binutils.
modinfo_field() {
	aarch64-linux-gnu-objcopy -O binary --only-section=.modinfo "$1" /dev/stdout |
		tr '\0' '\n' | sed -n "s/^$2=//p"
}

# Resolves the token's modules and everything they depend on, decompressed into
# deps/linux/modules/, with modules.order listing them in load order.
resolve_modules() {
	local tree="$linux_dir/root/usr/lib/modules/$LINUX_ABI/kernel" out="$linux_dir/modules"
	local -A path_of=() done_=()
	local f name order=()
	[ -d "$tree" ] || linux_fail "no module tree at $tree"
	while IFS= read -r f; do
		name=$(basename "$f" .ko.xz)
		path_of[${name//-/_}]=$f
	done < <(find "$tree" -name '*.ko.xz')
	rm -rf "$out" && mkdir -p "$out"
	add_module() {
		local m=$1 dep ko
		[ -n "${done_[$m]:-}" ] && return 0
		[ -n "${path_of[$m]:-}" ] || linux_fail "module $m is not in linux-modules-$LINUX_ABI"
		done_[$m]=1
		ko="$out/$m.ko"
		xz -dc "${path_of[$m]}" >"$ko"
		for dep in $(modinfo_field "$ko" depends | tr ',' ' '); do
			add_module "${dep//-/_}"
		done
		order+=("$m")
	}
	for name in "${LINUX_TOKEN_MODULES[@]}"; do
		add_module "$name"
	done
	printf '%s\n' "${order[@]}" >"$out/modules.order"
	log "modules for the token, in load order: ${order[*]}"
}

fetch_linux_parts() {
	local stamp="$linux_dir/.parts-$LINUX_DEB_VERSION" d busybox
	[ -f "$stamp" ] && return 0
	mkdir -p "$linux_dir/debs"
	add_linux_suites
	log "downloading linux-binary/linux-modules-$LINUX_ABI $LINUX_DEB_VERSION and busybox-static (arm64)"
	rm -f "$linux_dir"/debs/*.deb
	linux_download "linux-binary-$LINUX_ABI:arm64=$LINUX_DEB_VERSION"
	linux_download "linux-modules-$LINUX_ABI:arm64=$LINUX_DEB_VERSION"
	linux_download "busybox-static:arm64"
	rm -rf "$linux_dir/root" && mkdir -p "$linux_dir/root"
	for d in "$linux_dir"/debs/*.deb; do
		dpkg-deb -x "$d" "$linux_dir/root"
	done
	[ -f "$linux_dir/root/usr/lib/modules/$LINUX_ABI/vmlinuz" ] ||
		linux_fail "linux-binary-$LINUX_ABI has no usr/lib/modules/$LINUX_ABI/vmlinuz"
	busybox=$(cd "$linux_dir/root" && ls usr/bin/busybox bin/busybox 2>/dev/null | head -1 || true)
	[ -n "$busybox" ] || linux_fail "busybox-static has no usr/bin/busybox"
	resolve_modules
	ln -sf "root/usr/lib/modules/$LINUX_ABI/vmlinuz" "$linux_dir/Image"
	ln -sf "root/$busybox" "$linux_dir/busybox"
	rm -f "$linux_dir"/.parts-* "$linux_dir/debs"/*.deb
	touch "$stamp"
}
