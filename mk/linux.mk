# The Linux realm guest (issue 12, docs/linux-realm.md): Debian's arm64 kernel,
# its modules for the token and busybox, fetched once into deps/linux/ by
# tools/setup.sh --linux (tools/linux-parts.sh pins the version).
LINUX_DIR := deps/linux

.PHONY: linux-parts
linux-parts:
	@bash tools/setup.sh --linux
