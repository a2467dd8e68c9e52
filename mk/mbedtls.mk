# mbedTLS 3.6 (deps/mbedtls, fetched by tools/setup.sh): only the hashes the RMM
# uses, built twice from the same files and rmm/mbedtls/atoll_mbedtls_config.h:
# freestanding AArch64 for the RMM, and native with sanitizers for unit tests.

# platform_util.c is left out: its only function we would use, the zeroize,
# comes from atoll_mbedtls_platform.c (MBEDTLS_PLATFORM_ZEROIZE_ALT).
MBEDTLS_SRCS := $(MBEDTLS)/library/sha256.c $(MBEDTLS)/library/sha512.c \
	rmm/mbedtls/atoll_mbedtls_platform.c

# Every file that includes an mbedTLS header needs these.
MBEDTLS_CPPFLAGS := -I$(MBEDTLS)/include -Irmm/mbedtls \
	-DMBEDTLS_CONFIG_FILE='"atoll_mbedtls_config.h"'

MBEDTLS_FW_LIB   := $(BUILD)/mbedtls-aarch64/libmbedcrypto.a
MBEDTLS_HOST_LIB := $(BUILD)/mbedtls-host/libmbedcrypto.a

# Objects keep their source path, as elsewhere in the build.
mbedtls_objs = $(patsubst %.c,$(BUILD)/mbedtls-$(1)/%.o,$(MBEDTLS_SRCS))

$(BUILD)/mbedtls-aarch64/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(FW_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -c $< -o $@

$(BUILD)/mbedtls-host/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -c $< -o $@

$(MBEDTLS_FW_LIB): $(call mbedtls_objs,aarch64)
	@echo "  AR      $@"
	@rm -f $@ && $(CROSS)ar rcs $@ $^

$(MBEDTLS_HOST_LIB): $(call mbedtls_objs,host)
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

$(BUILD)/rmm.elf: $(MBEDTLS_FW_LIB)
$(BUILD)/unit-tests: $(MBEDTLS_HOST_LIB)
