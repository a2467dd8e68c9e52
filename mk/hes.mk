# The HES core (hes/) on the host: its unit tests (cmocka, gcc, ASan +
# UBSan) as $(BUILD)/hes-tests, and a libFuzzer target for its protocol
# (clang) as $(BUILD)/fuzz/hes-proto-fuzz. Both link an mbedTLS of their
# own, built with hes/mbedtls/hes_mbedtls_config.h (the RMM's configuration
# plus AES, CMAC and HKDF), so the RMM's builds are untouched.

HES_SRCS := $(wildcard hes/*.c) lib/cbor.c
HES_TEST_SRCS := $(HES_SRCS) $(wildcard tests/hes/*.c) verify/cbor_dec.c verify/cose.c \
	verify/plat_token.c
HES_FUZZ_SRCS := $(HES_SRCS) tests/hes/fuzz/hes_proto_fuzz.c tests/hes/frames.c

# mk/mbedtls.mk is read after this file: its list is expanded late.
HES_MBEDTLS_SRCS = $(MBEDTLS_SRCS) $(addprefix $(MBEDTLS)/library/,aes.c cipher.c \
	cipher_wrap.c cmac.c hkdf.c base64.c)
HES_MBEDTLS_CPPFLAGS = -I$(MBEDTLS)/include -Irmm/mbedtls -Ihes/mbedtls \
	-DMBEDTLS_CONFIG_FILE='"hes_mbedtls_config.h"'
HES_CFLAGS := $(filter-out -Irmm/%,$(HOST_CFLAGS)) -I. -Ihes/include -Iverify -Itests/hes

HES_TEST_BIN := $(BUILD)/hes-tests
HES_FUZZ_BIN := $(BUILD)/fuzz/hes-proto-fuzz

# $(call hes_objs,SRCS): their objects, with the HES's mbedTLS.
hes_objs = $(patsubst %,$(BUILD)/hes/obj/%.o,$(1)) \
	$(patsubst %.c,$(BUILD)/hes/mbedtls/%.o,$(HES_MBEDTLS_SRCS))
hes_fuzz_objs = $(patsubst %,$(BUILD)/fuzz-hes/obj/%.o,$(HES_FUZZ_SRCS)) \
	$(patsubst %.c,$(BUILD)/fuzz-hes/mbedtls/%.o,$(HES_MBEDTLS_SRCS))

$(BUILD)/hes/obj/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HES_CFLAGS) $(HES_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/hes/mbedtls/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HES_CFLAGS) $(HES_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

# Coverage feedback from the HES only (not mbedTLS, not the harness).
hes_fuzz_cov = $(if $(filter hes/% lib/%,$<),-fsanitize=fuzzer-no-link)
HES_FUZZ_CFLAGS := $(filter-out -Irmm/%,$(FUZZ_CFLAGS)) -Ihes/include -Itests/hes

$(BUILD)/fuzz-hes/obj/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(HES_FUZZ_CFLAGS) $(hes_fuzz_cov) $(HES_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/fuzz-hes/mbedtls/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(HES_FUZZ_CFLAGS) $(HES_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

.SECONDEXPANSION:
$(HES_TEST_BIN): $$(call hes_objs,$(HES_TEST_SRCS))
	@echo "  LD      $@"
	@$(HOST_CC) $(HES_CFLAGS) $^ -lcmocka -o $@

$(HES_FUZZ_BIN): $$(hes_fuzz_objs)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(FUZZ_CC) $(HES_FUZZ_CFLAGS) -fsanitize=fuzzer $^ -o $@

.PHONY: hes
hes: $(HES_TEST_BIN) $(HES_FUZZ_BIN)

test: $(HES_TEST_BIN) $(HES_FUZZ_BIN)

# The HES daemon (hes/daemon/, docs/hes.md): the core, its mbedTLS and the
# OS side (state file, sockets, signals, log), built like the unit tests
# (ASan + UBSan) from the same objects. Its tests (tests/hesd/) run it as a
# separate process on a temporary socket and state file.
HESD_BIN := $(BUILD)/atoll-hesd
HESD_TEST_BIN := $(BUILD)/hesd-tests
HESD_SRCS := $(HES_SRCS) $(wildcard hes/daemon/*.c)
HESD_TEST_SRCS := $(HES_SRCS) $(wildcard tests/hesd/*.c) tests/hes/frames.c

$(HESD_BIN): $$(call hes_objs,$(HESD_SRCS))
	@echo "  LD      $@"
	@$(HOST_CC) $(HES_CFLAGS) $^ -o $@

$(HESD_TEST_BIN): $$(call hes_objs,$(HESD_TEST_SRCS))
	@echo "  LD      $@"
	@$(HOST_CC) $(HES_CFLAGS) $^ -lcmocka -o $@

.PHONY: hesd
hesd: $(HESD_BIN) $(HESD_TEST_BIN)
hes: hesd

test: $(HESD_BIN) $(HESD_TEST_BIN)
