# Realm payloads (R-EL1, realm/): the runtime plus realm/payloads/<name>.c or
# every .c file of realm/payloads/<name>/ (in name order), linked at REALM_IMAGE_IPA into $(BUILD)/realm-<name>.bin with the
# image header of include/atoll/realm_image.h filled in by the linker
# script. The host images that run realms embed the .bin files
# (host/images/realm_images.S).

REALM_PAYLOADS := hello rsi_tests sve pmu pmu_probe timer
REALM_BINS := $(patsubst %,$(BUILD)/realm-%.bin,$(REALM_PAYLOADS))

# -fno-toplevel-reorder: tests run in the order a payload defines them.
REALM_CFLAGS := $(FW_CFLAGS) -fno-toplevel-reorder -Irealm
REALM_RUNTIME_SRCS := realm/start.S realm/vectors.S realm/smc.S realm/runtime.c \
	realm/console.c realm/rsi.c realm/test.c lib/format.c lib/string.c lib/mem.S lib/test.c \
	lib/sve_regs.S lib/sve_pattern.c
REALM_RUNTIME_OBJS := $(patsubst %,$(BUILD)/realm/%.o,$(REALM_RUNTIME_SRCS))
REALM_LD := $(BUILD)/realm/realm.ld

# rsi_tests checks REM values with mbedTLS's SHA-256.
REALM_LIBS_rsi_tests = $(MBEDTLS_FW_LIB)

$(BUILD)/realm/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(REALM_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/realm/%.S.o: %.S | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $@"
	@$(FW_CC) $(REALM_CFLAGS) -MMD -MP -c $< -o $@

# The linker script takes its constants from the C headers.
$(REALM_LD): realm/realm.ld.S | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@$(FW_CC) -E -P -x c -D__ASSEMBLER__ -Iinclude -Irealm -MMD -MP -MT $@ -MF $@.d $< -o $@

realm_payload_objs = $(patsubst %,$(BUILD)/realm/%.o,\
	$(wildcard realm/payloads/$(1).c) $(sort $(wildcard realm/payloads/$(1)/*.c)))

.SECONDEXPANSION:
$(BUILD)/realm-%.elf: $(REALM_RUNTIME_OBJS) $$(call realm_payload_objs,$$*) $(REALM_LD) \
		$$(REALM_LIBS_$$*)
	@echo "  LD      $@"
	@$(FW_CC) $(FW_LDFLAGS) -T $(REALM_LD) $(filter %.o,$^) $(REALM_LIBS_$*) -lgcc -o $@

# The file is padded to 4 KB, and must then be exactly the header's image size.
$(BUILD)/realm-%.bin: $(BUILD)/realm-%.elf
	@echo "  IMAGE   $@"
	@$(CROSS)objcopy -O binary $< $@ && truncate -s %4096 $@
	@size=$$($(CROSS)nm $< | awk '$$3 == "__realm_image_size" { print $$1 }'); \
		[ "$$(stat -c %s $@)" -eq "$$((0x$$size))" ] || \
		{ echo "$@: file size differs from the header's image size 0x$$size"; rm -f $@; exit 1; }

realms: $(REALM_BINS)
.PHONY: realms

# ---- Host images that run realms ------------------------------------------------
REALM_IMAGES_OBJ := $(BUILD)/host/host/images/realm_images.S.o

$(REALM_IMAGES_OBJ): host/images/realm_images.S $(REALM_BINS) | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $@"
	@$(FW_CC) $(FW_CFLAGS) -Wa,-I$(BUILD) -MMD -MP -c $< -o $@

# The system tests use the realm payloads and lib/test.c (the host's test runner).
$(BUILD)/host-test.elf: $(REALM_IMAGES_OBJ) $(BUILD)/host/lib/test.c.o
$(BUILD)/host-demo.elf: $(REALM_IMAGES_OBJ)
