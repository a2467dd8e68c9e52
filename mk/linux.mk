# The Linux realm guest (issue 12, docs/linux-realm.md): Debian's arm64 kernel,
# its modules for the token and busybox, fetched once into deps/linux/ by
# tools/setup.sh --linux (tools/linux-parts.sh pins the version).
LINUX_DIR := deps/linux

.PHONY: linux-parts
linux-parts:
	@bash tools/setup.sh --linux

$(LINUX_DIR)/modules/modules.order $(LINUX_DIR)/Image $(LINUX_DIR)/busybox:
	@bash tools/setup.sh --linux

# tools/mkcpio: the initramfs archiver (cpio newc, no root needed).
MKCPIO := $(BUILD)/mkcpio
$(MKCPIO): tools/mkcpio.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) -std=c11 -Wall -Wextra -Werror -O2 -g $< -o $@

# atoll-attest: reads the token through configfs-tsm inside the guest; a static
# aarch64 Linux program (glibc from the cross toolchain, SHA-256 from mbedTLS).
# The host build is for its tests. (mbedtls.mk comes later: $$ expands its
# libraries in the second expansion bench.mk turns on.)
# Recursive: mk/mbedtls.mk is read after this file.
ATOLL_ATTEST_CFLAGS = -std=c11 -Wall -Wextra -Werror -O2 $(MBEDTLS_CPPFLAGS)
$(BUILD)/linux/atoll-attest: realm/linux/atoll_attest.c $$(MBEDTLS_FW_LIB)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CROSS)gcc $(ATOLL_ATTEST_CFLAGS) -static -s $^ -o $@

$(BUILD)/atoll-attest-host: realm/linux/atoll_attest.c $$(MBEDTLS_HOST_LIB)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(ATOLL_ATTEST_CFLAGS) -fsanitize=address,undefined $^ -o $@

LINUX_INITRAMFS := $(BUILD)/linux/initramfs.cpio
$(LINUX_INITRAMFS): tools/linux-initramfs.sh realm/linux/initramfs.list realm/linux/init \
		realm/linux/challenge.bin $(MKCPIO) $(BUILD)/linux/atoll-attest \
		$(LINUX_DIR)/modules/modules.order $(LINUX_DIR)/busybox
	@echo "  CPIO    $@"
	@tools/linux-initramfs.sh $(MKCPIO) $(BUILD) $@

.PHONY: initramfs
initramfs: $(LINUX_INITRAMFS)

# The host-side tests of the Linux guest's pieces need no Linux download.
test: $(MKCPIO) $(BUILD)/atoll-attest-host

# Host tests of the launcher's Linux pieces (cmocka, ASan + UBSan): the FDT
# writer and the guest's device tree (checked through Debian's dtc).
LINUX_TEST_SRCS := lib/fdt.c lib/format.c $(wildcard host/linux/*.c) $(wildcard host/devices/*.c) \
	verify/expected_rim.c $(wildcard tests/linux/*.c) tests/common/test_groups.c
LINUX_TEST_OBJS := $(patsubst %,$(BUILD)/linux-tests.obj/%.o,$(LINUX_TEST_SRCS))
LINUX_TEST_BIN := $(BUILD)/linux-tests

$(BUILD)/linux-tests.obj/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) -I. -Ihost -Itests/common $(MBEDTLS_CPPFLAGS) -MMD -c $< -o $@

$(LINUX_TEST_BIN): $(LINUX_TEST_OBJS) $$(MBEDTLS_HOST_LIB)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ -lcmocka -o $@

test: $(LINUX_TEST_BIN)

# linux-check: the launcher's Image and layout checks and the RIM prediction
# (host/linux/linux_rim.c), on the host before QEMU: the launcher's own
# sources with SHA-256/512 straight from mbedTLS's files, at -O2 (the Image
# is 50 MB of hashing).
LINUX_CHECK := $(BUILD)/linux-check
LINUX_CHECK_SRCS := tools/linux_check.c $(wildcard host/linux/*.c) lib/fdt.c lib/format.c \
	verify/expected_rim.c rmm/mbedtls/atoll_mbedtls_platform.c \
	$(addprefix $(MBEDTLS)/library/,sha256.c sha512.c)
$(LINUX_CHECK): $(LINUX_CHECK_SRCS) | $(SETUP_STAMP)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) -std=c11 -Wall -Wextra -Werror -O2 -D_GNU_SOURCE -I. -Ihost -Iinclude -Ilib/include \
		$(MBEDTLS_CPPFLAGS) $^ -o $@

# `make run-linux`: the Linux launcher image (host/main/linux.c) with TF-A and
# the RMM (with the HES: $(FLASH)-linux.bin), Debian's kernel and the
# initramfs loaded by QEMU; tools/linux-run.sh fetches the parts, builds the
# initramfs, predicts the RIM, boots with the HES daemon and verifies the
# token (VERBOSE=1: the full kernel log; LINUX_TIMEOUT seconds).
HOST_LINUX_OBJS := $(HOST_OBJS) $(BUILD)/host/host/main/linux.c.o
$(BUILD)/host-linux.elf: $(HOST_LINUX_OBJS) $$(MBEDTLS_FW_LIB)

LINUX_RUN_DEPS := $(BUILD)/$(FLASH)-linux.bin $(MKCPIO) $(BUILD)/linux/atoll-attest $(LINUX_CHECK) \
	$(BUILD)/atoll-hesd $(BUILD)/atoll-refs $(BUILD)/atoll-verify $(BUILD)/atoll

.PHONY: run-linux
run-linux: $(LINUX_RUN_DEPS)
	@tools/linux-run.sh $(BUILD) $(FLASH)-linux.bin

# make test runs the same boot as its linux-boot suite (with the HES; the
# parts are fetched by the script through tools/setup.sh --linux).
ifeq ($(HES),1)
test: $(LINUX_RUN_DEPS)
endif
