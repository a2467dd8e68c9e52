# mbedTLS 3.6 (deps/mbedtls, fetched by tools/setup.sh): only what the RMM
# uses (measurement hashes; ES384 signing for attestation, and verification
# for the realm host; HKDF for sealing keys), built twice from the same files and
# rmm/mbedtls/atoll_mbedtls_config.h: freestanding AArch64 for the RMM and the
# realm host, and native with sanitizers for unit tests.

# The zeroize comes from atoll_mbedtls_platform.c (MBEDTLS_PLATFORM_ZEROIZE_ALT),
# not platform_util.c, which here only adds mbedtls_zeroize_and_free().
# atoll_heap.c is the allocator behind mbedtls_calloc/free.
MBEDTLS_SRCS := $(addprefix $(MBEDTLS)/library/,sha256.c sha512.c md.c hmac_drbg.c \
		bignum.c bignum_core.c constant_time.c ecp.c ecp_curves.c ecdsa.c \
		asn1parse.c asn1write.c platform.c platform_util.c hkdf.c) \
	rmm/mbedtls/atoll_mbedtls_platform.c rmm/mbedtls/atoll_heap.c

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
	@$(FW_CC) $(FW_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/mbedtls-host/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(MBEDTLS_FW_LIB): $(call mbedtls_objs,aarch64)
	@echo "  AR      $@"
	@rm -f $@ && $(CROSS)ar rcs $@ $^

$(MBEDTLS_HOST_LIB): $(call mbedtls_objs,host)
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

# The RMM's copy: the same, but sha256.c and sha512.c twice, for the CPU's SHA
# instructions (FEAT_SHA256, FEAT_SHA512) and in C. The functions whose code
# differs (those that reach the compression function) are renamed atoll_hw_*
# and atoll_sw_*, and rmm/mbedtls/atoll_sha_select.c provides their mbedtls_*
# names, calling the copy the RMM chose at cold boot; the ones that are the
# same in both (init, free, clone, starts) keep their names in the hw copy.
MBEDTLS_RMM_LIB := $(BUILD)/mbedtls-rmm/libmbedcrypto.a
MBEDTLS_SHA_SRCS := $(addprefix $(MBEDTLS)/library/,sha256.c sha512.c)
# The same list as SHA_API in atoll_sha_select.c.
MBEDTLS_SHA_SPLIT := sha256_update sha256_finish internal_sha256_process sha256 \
	sha512_update sha512_finish internal_sha512_process sha512
MBEDTLS_SHA_SAME := sha256_init sha256_free sha256_clone sha256_starts \
	sha512_init sha512_free sha512_clone sha512_starts
sha_renamed = $(foreach f,$(2),-Dmbedtls_$(f)=atoll_$(1)_$(f))
MBEDTLS_RMM_SHA_OBJS := $(foreach v,hw sw,$(patsubst %.c,$(BUILD)/mbedtls-rmm/sha-$(v)/%.o,$(MBEDTLS_SHA_SRCS)))
# mbedTLS reads and writes multi-byte values through tiny fixed-size memcpy
# calls: -fbuiltin lets GCC inline them rather than call out every time.
MBEDTLS_RMM_CFLAGS := $(FW_CFLAGS) -fbuiltin
# The RMM's MMU is on when it hashes, so unaligned loads are fine: with
# -mstrict-align GCC splits each 16-byte message load into byte loads.
MBEDTLS_RMM_SHA_HW_CFLAGS := $(filter-out -mgeneral-regs-only -mstrict-align -march=%,$(FW_CFLAGS)) \
	-march=armv8.4-a+crypto+sha3 -DATOLL_SHA_ARMV8_CRYPTO -fbuiltin

$(BUILD)/mbedtls-rmm/sha-hw/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(MBEDTLS_RMM_SHA_HW_CFLAGS) $(call sha_renamed,hw,$(MBEDTLS_SHA_SPLIT)) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/mbedtls-rmm/sha-sw/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(MBEDTLS_RMM_CFLAGS) $(call sha_renamed,sw,$(MBEDTLS_SHA_SPLIT) $(MBEDTLS_SHA_SAME)) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/mbedtls-rmm/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(MBEDTLS_RMM_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

MBEDTLS_RMM_OBJS := $(filter-out $(patsubst %.c,$(BUILD)/mbedtls-rmm/%.o,$(MBEDTLS_SHA_SRCS)), \
	$(call mbedtls_objs,rmm)) $(MBEDTLS_RMM_SHA_OBJS) $(BUILD)/mbedtls-rmm/rmm/mbedtls/atoll_sha_select.o

$(MBEDTLS_RMM_LIB): $(MBEDTLS_RMM_OBJS)
	@echo "  AR      $@"
	@rm -f $@ && $(CROSS)ar rcs $@ $^

$(BUILD)/rmm.elf $(BUILD)/rmm-soft-sha.elf: $(MBEDTLS_RMM_LIB)
$(BUILD)/unit-tests: $(MBEDTLS_HOST_LIB)

# The realm host checks tokens with it (verify/).
$(BUILD)/host-test.elf $(BUILD)/host-demo.elf $(BUILD)/host-bench.elf: $(MBEDTLS_FW_LIB)
