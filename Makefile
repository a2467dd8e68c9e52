# Atoll: top-level build. `make run` and `make test` are the two entry points;
# both first run tools/setup.sh, which installs whatever is missing.

BUILD      := build
CROSS      ?= aarch64-linux-gnu-
TFA_SRC    := deps/tf-a
MBEDTLS    := deps/mbedtls
SETUP_STAMP := $(BUILD)/.setup-done

# Firmware (R-EL2 RMM, NS-EL2 host, R-EL1 payloads): freestanding AArch64.
FW_CC      := $(CROSS)gcc
FW_CFLAGS  := -std=c11 -Wall -Wextra -Werror -O2 -g -ffreestanding -fno-common \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -march=armv8.4-a \
	-fno-pie -fno-stack-protector -fno-tree-loop-distribute-patterns \
	-ffunction-sections -fdata-sections -Iinclude -Ilib/include
FW_LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none -Wl,--no-warn-rwx-segments

LIB_SRCS := lib/format.c lib/string.c lib/mem.S lib/pl011.c lib/sve_regs.S

# The core's shared-library part (CBOR for the attestation token) goes wherever the core goes.
RMM_CORE_SRCS := $(wildcard rmm/core/*.c) $(wildcard rmm/rmi/*.c) $(wildcard rmm/rsi/*.c) lib/cbor.c
RMM_AARCH64_SRCS := $(wildcard rmm/arch/aarch64/*.c) $(wildcard rmm/arch/aarch64/*.S)

# The realm host by layer (each uses only those below it): run/ -> builder/ -> rmi/ -> host/*
# (platform); devices/ are the run loop's emulated devices, linux/ the Linux guest's machine
# description (no RMI), verify/ the token verifier.
HOST_LAYERS := host host/rmi host/builder host/run host/devices host/linux
HOST_SRCS := $(foreach d,$(HOST_LAYERS),$(wildcard $(d)/*.c) $(wildcard $(d)/*.S)) \
	$(wildcard verify/*.c) $(LIB_SRCS) lib/fdt.c lib/byte_ring.c lib/sve_pattern.c
SYSTEM_TEST_SRCS := $(wildcard tests/system/*.c) $(wildcard tests/system/*.S)

.PHONY: all setup rmm flash unit run test stress-qemu clean
all: flash unit

# HES=1 (the default): TF-A talks to the HES security processor over QEMU's
# secure UART1 (measured boot, attestation key and platform token, VHUKs;
# docs/hes-tfa.md), and `make run`/`make test` start the HES daemon
# (build/atoll-hesd) first with tools/hesd-run.sh, its state file kept in
# build/run/hes.state (the device identity). HES=0 builds and boots the stock
# images (flash-*.bin: TF-A's fixed sample key and token, no daemon).
HES ?= 1
FLASH := flash$(if $(filter 1,$(HES)),-hes)
HES_RUN := tools/hesd-run.sh $(if $(filter 1,$(HES)),,--no-hes) --

# Boots the stack on QEMU with the demo host image and shows its console;
# with the HES, then checks the realm's token against build/run/refs.json
# (build/atoll-verify: platform token signed by the CPAK, binding,
# sw-components, RIM), then writes it to build/run/token.cbor and checks it
# again with `atoll token verify` (mk/sdk.mk).
run: $(BUILD)/$(FLASH)-demo.bin $(if $(filter 1,$(HES)),$(BUILD)/atoll-hesd refs $(BUILD)/atoll-verify)
	@BUILD=$(BUILD) $(HES_RUN) --smp 2 $(BUILD)/$(FLASH)-demo.bin $(BUILD)/run.log; rc=$$?; \
		cat $(BUILD)/run.log; [ $$rc -eq 0 ] && grep -q '^HOST: demo complete' $(BUILD)/run.log \
		$(if $(filter 1,$(HES)),&& $(BUILD)/atoll-verify --refs $(BUILD)/run/refs.json --console $(BUILD)/run.log \
		&& $(SDK_RUN_VERIFY))

# Unit tests (host build) and system tests (QEMU); the last line is the total.
test: $(BUILD)/unit-tests $(BUILD)/$(FLASH)-test.bin $(BUILD)/flash-stress.bin $(BUILD)/flash-soft-sha-test.bin \
	$(if $(filter 1,$(HES)),$(BUILD)/atoll-hesd $(BUILD)/flash-hes-demo.bin $(BUILD)/realm-hello.bin)
	@BUILD=$(BUILD) FLASH=$(FLASH) HES=$(HES) tools/run-tests.sh

# The 4-CPU stress on QEMU for minutes instead of seconds (host/main/stress_long.c).
stress-qemu: $(BUILD)/flash-stress-long.bin
	@tools/qemu-run.sh --smp 4 --timeout 3600 --expect-closing $< $(BUILD)/stress-long.log; \
		rc=$$?; grep -E '^(HOST: CPU|FAIL|qemu-stress:)' $(BUILD)/stress-long.log; exit $$rc

setup: $(SETUP_STAMP)
$(SETUP_STAMP): tools/setup.sh $(wildcard firmware/tf-a/patches/*.patch)
	@bash tools/setup.sh
	@mkdir -p $(BUILD) && touch $@

# On a fresh machine, install and fetch before make looks for sources in deps/.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
ifeq ($(wildcard $(SETUP_STAMP)),)
$(shell bash tools/setup.sh 1>&2 && mkdir -p $(BUILD) && touch $(SETUP_STAMP))
endif
endif

# ---- RMM (R-EL2) -------------------------------------------------------------
RMM_OBJS := $(patsubst %,$(BUILD)/rmm/%.o,$(RMM_CORE_SRCS) $(RMM_AARCH64_SRCS) $(LIB_SRCS))

# The RMM's own code may have fixed-size memcpy/memset inlined (-fbuiltin);
# lib/string.c, which implements them, is built without.
RMM_BUILTIN = $(if $(filter rmm/%,$<),-fbuiltin)

$(BUILD)/rmm/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(FW_CFLAGS) $(RMM_BUILTIN) -Irmm/include $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/rmm/%.S.o: %.S | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(FW_CFLAGS) -Irmm/include -MMD -MP -c $< -o $@

# rmm-soft-sha: the same RMM forced to hash in C (ATOLL_FORCE_SOFT_SHA in
# rmm/arch/aarch64/sha_detect.c), as on a CPU without the SHA instructions;
# make test runs the system tests on it too.
SHA_DETECT_OBJ := $(BUILD)/rmm/rmm/arch/aarch64/sha_detect.c.o
RMM_SOFT_SHA_OBJS := $(filter-out $(SHA_DETECT_OBJ),$(RMM_OBJS)) $(BUILD)/rmm-soft-sha/sha_detect.c.o

$(BUILD)/rmm-soft-sha/sha_detect.c.o: rmm/arch/aarch64/sha_detect.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(FW_CFLAGS) -DATOLL_FORCE_SOFT_SHA -Irmm/include $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/rmm.elf: $(RMM_OBJS)
$(BUILD)/rmm-soft-sha.elf: $(RMM_SOFT_SHA_OBJS)
$(BUILD)/rmm.elf $(BUILD)/rmm-soft-sha.elf: rmm/plat/qemu/rmm.ld
	@echo "  LD      $@"
	@$(FW_CC) $(FW_LDFLAGS) -T rmm/plat/qemu/rmm.ld $(filter %.o,$^) $(MBEDTLS_RMM_LIB) -lgcc -o $@

$(BUILD)/rmm.bin: $(BUILD)/rmm.elf
	@$(CROSS)objcopy -O binary $< $@

rmm: $(BUILD)/rmm.bin

# ---- Realm host (NS-EL2 BL33): a test image and a demo image ------------------
HOST_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(HOST_SRCS))
HOST_TEST_OBJS := $(HOST_OBJS) $(patsubst %,$(BUILD)/host/%.o,host/main/test.c $(SYSTEM_TEST_SRCS))
HOST_DEMO_OBJS := $(HOST_OBJS) $(BUILD)/host/host/main/demo.c.o
# The multi-CPU stress (host/main/stress.c): a short run for make test, a long one for make stress-qemu.
HOST_STRESS_OBJS := $(HOST_OBJS) $(patsubst %,$(BUILD)/host/%.o,host/main/stress.c host/main/stress_realm.S lib/test.c)

$(BUILD)/host/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(FW_CFLAGS) -fno-toplevel-reorder -Ihost -I. $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/host/%.S.o: %.S | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $@"
	@$(FW_CC) $(FW_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/host-%.elf: host/host.ld
	@echo "  LD      $@"
	@$(FW_CC) $(FW_LDFLAGS) -T host/host.ld $(filter %.o %.a,$^) -lgcc -o $@

$(BUILD)/host-test.elf: $(HOST_TEST_OBJS)
$(BUILD)/host-demo.elf: $(HOST_DEMO_OBJS)
$(BUILD)/host-run.elf: $(HOST_OBJS) $(BUILD)/host/host/main/run_image.c.o
$(BUILD)/host-stress.elf: $(HOST_STRESS_OBJS) $(BUILD)/host/host/main/stress_short.c.o
$(BUILD)/host-stress-long.elf: $(HOST_STRESS_OBJS) $(BUILD)/host/host/main/stress_long.c.o

$(BUILD)/%.bin: $(BUILD)/%.elf
	@$(CROSS)objcopy -O binary $< $@

# ---- Flash images: TF-A 2.12 (patched) + Atoll RMM + a host image ---------------
# One TF-A build per host image; TF-A's own make keeps each incremental.
# flash-hes-<image>.bin is the same with the HES features (HES=1 above).
TFA_FLAGS := PLAT=qemu ENABLE_RME=1 QEMU_USE_GIC_DRIVER=QEMU_GICV3 CROSS_COMPILE=$(CROSS)
TFA_HES_FLAGS := QEMU_HES=1 MEASURED_BOOT=1 MBEDTLS_DIR=$(CURDIR)/$(MBEDTLS)

# $(call tfa_flash,<tf-a build name>,<extra TF-A flags>[,<RMM image>]) for the
# target $@, host image $*; the RMM image is rmm (build/rmm.bin) unless given.
define tfa_flash
	@echo "  TF-A    $@"
	@$(MAKE) -s -C $(TFA_SRC) $(TFA_FLAGS) $(2) BUILD_BASE=$(CURDIR)/$(BUILD)/$(1) \
		RMM=$(CURDIR)/$(BUILD)/$(or $(3),rmm).bin BL33=$(CURDIR)/$(BUILD)/host-$*.bin all fip >$(BUILD)/$(1).log 2>&1 \
		|| { tail -20 $(BUILD)/$(1).log; exit 1; }
	@cp $(BUILD)/$(1)/qemu/release/qemu_fw.bios $@ 2>/dev/null || \
		{ dd if=$(BUILD)/$(1)/qemu/release/bl1.bin of=$@ bs=4096 conv=notrunc 2>/dev/null && \
		  dd if=$(BUILD)/$(1)/qemu/release/fip.bin of=$@ seek=64 bs=4096 conv=notrunc 2>/dev/null; }
endef

$(BUILD)/flash-%.bin: $(BUILD)/rmm.bin $(BUILD)/host-%.bin $(SETUP_STAMP)
	$(call tfa_flash,tf-a-$*,)

# (The shorter stem wins: flash-hes-demo.bin is built here, not above.)
$(BUILD)/flash-hes-%.bin: $(BUILD)/rmm.bin $(BUILD)/host-%.bin $(SETUP_STAMP)
	$(call tfa_flash,tf-a-hes-$*,$(TFA_HES_FLAGS))

# Stock TF-A with the RMM that hashes in C.
$(BUILD)/flash-soft-sha-%.bin: $(BUILD)/rmm-soft-sha.bin $(BUILD)/host-%.bin $(SETUP_STAMP)
	$(call tfa_flash,tf-a-soft-sha-$*,,rmm-soft-sha)

flash: $(BUILD)/$(FLASH)-test.bin $(BUILD)/$(FLASH)-demo.bin

# ---- Host build of the RMM core + unit tests (ASan, UBSan) -----------------------
HOST_CC     ?= gcc
HOST_CFLAGS := -std=c11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE \
	-Iinclude -Ilib/include -Irmm/include -Irmm/arch/host
UNIT_SRCS := $(RMM_CORE_SRCS) lib/format.c $(wildcard rmm/arch/host/*.c) $(wildcard tests/unit/*.c) \
	$(wildcard verify/*.c)
UNIT_OBJS := $(patsubst %,$(BUILD)/unit/%.o,$(UNIT_SRCS))

$(BUILD)/unit/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/unit-tests: $(UNIT_OBJS)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $(UNIT_OBJS) $(MBEDTLS_HOST_LIB) -lcmocka -lcrypto -o $@

unit: $(BUILD)/unit-tests

# Feature-specific rules (mbedTLS, bench, fuzz) live in mk/*.mk.
include $(wildcard mk/*.mk)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

clean:
	rm -rf $(BUILD)
.SECONDARY:
