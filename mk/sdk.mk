# libatoll, the SDK (docs/sdk.md), and its tests:
# - build/libatoll.a and build/libatoll.so: sdk/src/ (API, policy, verify,
#   claims, seal, backends), verify/ and verify/hosted/ (the one token
#   verifier and refs.json reader), and for the sim backend the RMM core on
#   its host platform (rmm/arch/host without its fixed-key EL3, which
#   sdk/src/sim/el3_hes.c replaces), the HES core with the daemon's
#   state-file code, the realm builder (host/builder/, compiled for x86
#   against sdk/src/sim/shim/host.h), and one mbedTLS built with
#   sdk/mbedtls/sdk_mbedtls_config.h. Only the atoll_* API is exported:
#   the .so by visibility, the .a as one object whose other symbols are
#   made local.
# - build/sdk-tests: the sdk suite (cmocka), linked with the same sources
#   built with ASan and UBSan.
SDK_LIB_A  := $(BUILD)/libatoll.a
SDK_LIB_SO := $(BUILD)/libatoll.so
SDK_TEST_BIN := $(BUILD)/sdk-tests
SDK_REALM_IMAGE := $(BUILD)/realm-hello.bin

SDK_BUILDER_SRCS := $(addprefix host/builder/,ledger.c realm.c realm_data.c realm_load.c \
	realm_rec.c realm_rtt.c) host/rmi/report.c
SDK_RMM_SRCS := $(RMM_CORE_SRCS) lib/format.c \
	$(filter-out rmm/arch/host/el3_attest.c,$(wildcard rmm/arch/host/*.c))
SDK_HES_SRCS := $(wildcard hes/*.c) hes/daemon/statefile.c hes/daemon/random.c hes/daemon/io.c
# (backend_rsi.c makes a realm's RSI calls: only in libatoll-realm.a, below.)
SDK_OWN_SRCS := $(filter-out sdk/src/backend_rsi.c,$(wildcard sdk/src/*.c)) \
	$(wildcard sdk/src/sim/*.c) sdk/src/sim/hello_image.S
SDK_SRCS := $(SDK_OWN_SRCS) $(wildcard verify/*.c) $(wildcard verify/hosted/*.c) \
	$(SDK_RMM_SRCS) $(SDK_HES_SRCS) $(SDK_BUILDER_SRCS)
SDK_MBEDTLS_SRCS = $(HES_MBEDTLS_SRCS) $(MBEDTLS)/library/gcm.c

SDK_MBEDTLS_CPPFLAGS := -I$(MBEDTLS)/include -Irmm/mbedtls -Ihes/mbedtls -Isdk/mbedtls \
	-DMBEDTLS_CONFIG_FILE='"sdk_mbedtls_config.h"'
SDK_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g -fPIC -fvisibility=hidden -D_GNU_SOURCE \
	-Iinclude -Ilib/include -Irmm/include -Irmm/arch/host -Ihes/include -Isdk/include -I.
# The builder and the simulator see the builder's x86 platform header first.
sdk_builder_flags = $(if $(filter host/% sdk/src/sim/%,$<),-Isdk/src/sim/shim -Ihost)

# $(call sdk_objs_in,DIR): the library's objects under DIR (obj/, mbedtls/).
sdk_objs_in = $(patsubst %,$(1)/obj/%.o,$(SDK_SRCS)) \
	$(patsubst %.c,$(1)/mbedtls/%.o,$(SDK_MBEDTLS_SRCS))
sdk_objs = $(call sdk_objs_in,$(BUILD)/sdk)
# The test suite links the same sources built with ASan and UBSan, as the other host suites.
sdk_asan_objs = $(call sdk_objs_in,$(BUILD)/sdk/asan)
SDK_ASAN_CFLAGS = $(filter-out -O2,$(SDK_CFLAGS)) -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all

$(BUILD)/sdk/asan/obj/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  ASANCC  $@"
	@$(HOST_CC) $(SDK_ASAN_CFLAGS) $(sdk_builder_flags) $(SDK_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/sdk/asan/mbedtls/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  ASANCC  $@"
	@$(HOST_CC) $(SDK_ASAN_CFLAGS) $(SDK_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/sdk/asan/obj/sdk/src/sim/hello_image.S.o: $(BUILD)/sdk/obj/sdk/src/sim/hello_image.S.o
	@mkdir -p $(dir $@)
	@cp $< $@

$(BUILD)/sdk/obj/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  SDKCC   $@"
	@$(HOST_CC) $(SDK_CFLAGS) $(sdk_builder_flags) $(SDK_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/sdk/obj/sdk/src/sim/hello_image.S.o: sdk/src/sim/hello_image.S $(SDK_REALM_IMAGE)
	@mkdir -p $(dir $@)
	@echo "  SDKAS   $@"
	@$(HOST_CC) -c -DSIM_REALM_IMAGE='"$(SDK_REALM_IMAGE)"' $< -o $@

$(BUILD)/sdk/mbedtls/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  SDKCC   $@"
	@$(HOST_CC) $(SDK_CFLAGS) $(SDK_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

SDK_LIBS := -ljansson -lpthread

.SECONDEXPANSION:
$(SDK_LIB_A): $$(sdk_objs)
	@echo "  AR      $@"
	@ld -r -o $(BUILD)/sdk/libatoll.o $^ && objcopy --localize-hidden $(BUILD)/sdk/libatoll.o && \
		rm -f $@ && ar rcs $@ $(BUILD)/sdk/libatoll.o

$(SDK_LIB_SO): $$(sdk_objs)
	@echo "  LD      $@"
	@$(HOST_CC) -shared -Wl,-soname,libatoll.so.0 -Wl,-z,noexecstack $^ $(SDK_LIBS) -o $@

# The static library again from the ASan + UBSan objects, for sanitized programs that link
# it beside another mbedTLS (the ML example's ml-provider, ml-client, ml-sim-server).
SDK_ASAN_LIB_A := $(BUILD)/sdk/asan/libatoll.a
$(SDK_ASAN_LIB_A): $$(sdk_asan_objs)
	@echo "  AR      $@"
	@ld -r -o $(BUILD)/sdk/asan/libatoll.o $^ && objcopy --localize-hidden $(BUILD)/sdk/asan/libatoll.o && \
		rm -f $@ && ar rcs $@ $(BUILD)/sdk/asan/libatoll.o

SDK_TEST_SRCS := $(wildcard sdk/tests/*.c) tests/common/test_groups.c
SDK_TEST_CFLAGS := -std=c11 -Wall -Wextra -Werror -O1 -g -D_XOPEN_SOURCE=700 -D_GNU_SOURCE -Isdk/include -Isdk/src -I. -Itests/common

$(BUILD)/sdk/test/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(SDK_TEST_CFLAGS) -MMD -MP -c $< -o $@

$(SDK_TEST_BIN): $$(patsubst %,$(BUILD)/sdk/test/%.o,$(SDK_TEST_SRCS)) $$(sdk_asan_objs)
	@echo "  LD      $@"
	@$(HOST_CC) -fsanitize=address,undefined $^ $(SDK_LIBS) -lcmocka -o $@

.PHONY: sdk
sdk: $(SDK_LIB_A) $(SDK_LIB_SO) $(SDK_TEST_BIN)
test: sdk

# ---- The atoll CLI (sdk/cli/, docs/cli.md), on the static library ------------------
SDK_CLI_BIN := $(BUILD)/atoll
SDK_CLI_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g -D_GNU_SOURCE -Isdk/include -Iinclude

$(BUILD)/sdk/cli/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(SDK_CLI_CFLAGS) -MMD -MP -c $< -o $@

$(SDK_CLI_BIN): $(patsubst %,$(BUILD)/sdk/cli/%.o,$(wildcard sdk/cli/*.c)) $(SDK_LIB_A)
	@echo "  LD      $@"
	@$(HOST_CC) $^ $(SDK_LIBS) -o $@

sdk: $(SDK_CLI_BIN)

# `atoll run`'s runtime (sdk/cli/run.c), staged as make install lays it out: the flash
# image with the run launcher (host/main/run_image.c), the HES daemon, the boot scripts.
SDK_RUNTIME_DIR := $(BUILD)/share/atoll
SDK_RUNTIME := $(addprefix $(SDK_RUNTIME_DIR)/,flash-hes-run.bin atoll-hesd hesd-run.sh qemu-run.sh)
$(SDK_RUNTIME_DIR)/%.bin: $(BUILD)/%.bin
	@mkdir -p $(dir $@) && cp $< $@
$(SDK_RUNTIME_DIR)/atoll-hesd: $(BUILD)/atoll-hesd
	@mkdir -p $(dir $@) && cp $< $@
$(SDK_RUNTIME_DIR)/%.sh: tools/%.sh
	@mkdir -p $(dir $@) && cp $< $@
sdk: $(SDK_RUNTIME)

# ---- make install: headers, both libraries, atoll.pc, the CLI -----------------------
PREFIX ?= /usr/local
SDK_HEADERS := sdk/include/atoll/atoll.h sdk/include/atoll/psa_attest.h
SDK_VERSION := 0.1.0

.PHONY: install
install: $(SDK_LIB_A) $(SDK_LIB_SO) $(SDK_CLI_BIN) $(SDK_RUNTIME)
	@echo "  INSTALL $(DESTDIR)$(PREFIX)"
	@install -d $(DESTDIR)$(PREFIX)/include/atoll $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/atoll
	@install -m 0644 $(SDK_RUNTIME_DIR)/flash-hes-run.bin $(DESTDIR)$(PREFIX)/share/atoll/
	@install -m 0755 $(SDK_RUNTIME_DIR)/atoll-hesd $(SDK_RUNTIME_DIR)/hesd-run.sh \
		$(SDK_RUNTIME_DIR)/qemu-run.sh $(DESTDIR)$(PREFIX)/share/atoll/
	@install -m 0644 $(SDK_HEADERS) $(DESTDIR)$(PREFIX)/include/atoll/
	@install -m 0644 $(SDK_LIB_A) $(DESTDIR)$(PREFIX)/lib/
	@install -m 0755 $(SDK_LIB_SO) $(DESTDIR)$(PREFIX)/lib/libatoll.so.0
	@ln -sf libatoll.so.0 $(DESTDIR)$(PREFIX)/lib/libatoll.so
	@sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(SDK_VERSION)|' sdk/atoll.pc.in \
		>$(DESTDIR)$(PREFIX)/lib/pkgconfig/atoll.pc
	@install -m 0755 $(SDK_CLI_BIN) $(DESTDIR)$(PREFIX)/bin/atoll

# The cli suite compares atoll measure with atoll-refs of the demo flash image.
test: $(BUILD)/flash-hes-demo.bin $(ATTEST_REFS_BIN)

# The sim group builds a realm from the rsi_tests payload as well.
sdk: $(BUILD)/realm-rsi_tests.bin

# ---- make bench-sdk (run by make bench): libatoll's costs under callgrind ------------
# (Its object is built by the CLI's rule, with the CLI's flags.)
$(BUILD)/sdk-bench: $(BUILD)/sdk/cli/sdk/bench/sdk_bench.c.o $(SDK_LIB_A)
	@echo "  LD      $@"
	@$(HOST_CC) $^ $(SDK_LIBS) -o $@

.PHONY: bench-sdk
bench-sdk: $(BUILD)/sdk-bench
	@sdk/bench/bench.sh $(BUILD)
bench: bench-sdk

# make run (HES=1) also writes the demo's token to build/run/token.cbor and checks it with
# the CLI; the hello realm extends REM0 with "hello, realm" (realm/payloads/hello.c).
SDK_HELLO_REM0 = $$(/usr/bin/python3 -c 'import hashlib; print(hashlib.sha256(bytes(32) + b"hello, realm").hexdigest())')
SDK_RUN_VERIFY = $(SDK_CLI_BIN) token extract $(BUILD)/run.log -o $(BUILD)/run/token.cbor && \
	$(SDK_CLI_BIN) token verify $(BUILD)/run/token.cbor --refs $(BUILD)/run/refs.json --rem $(SDK_HELLO_REM0)
ifeq ($(HES),1)
run: $(SDK_CLI_BIN)
endif

# ---- libatoll for bare-metal realm payloads (R-EL1): libatoll-realm.a ---------------
# The SDK's own sources that a realm needs (contexts and errors, sealed blobs,
# the rsi and none backends), freestanding, with one platform file for what
# differs (sdk/src/realm/platform_realm.c: the lock, the open error, RNDR
# entropy, the backend list), and the library's mbedTLS configuration built for
# R-EL1 (libmbedcrypto.a beside it). A payload links both, with realm/heap.c
# (calloc/free on its heap), realm/entropy.c and realm/rndr.c, lib/snprintf.c.
SDK_REALM_DIR := $(BUILD)/sdk/realm
SDK_REALM_LIB := $(SDK_REALM_DIR)/libatoll-realm.a
SDK_REALM_MBEDTLS_LIB := $(SDK_REALM_DIR)/libmbedcrypto.a
SDK_REALM_SRCS := $(addprefix sdk/src/,context.c errors.c seal.c backend_rsi.c backend_none.c \
	realm/platform_realm.c)
# What a payload links besides its own objects and the two libraries.
SDK_REALM_SUPPORT_OBJS := $(patsubst %,$(BUILD)/realm/%.o,realm/heap.c realm/entropy.c realm/rndr.c \
	lib/snprintf.c)

# $(eval $(call sdk_realm_lib,DIR,MBEDTLS_CPPFLAGS)): DIR/libatoll-realm.a, its objects
# (and any other source, DIR/obj/<path>.o) built against that mbedTLS configuration:
# a payload that links another mbedTLS build (the ML server's TLS) gets its own copy.
define sdk_realm_lib
$(1)/obj/%.c.o: %.c | $$(SETUP_STAMP)
	@mkdir -p $$(dir $$@)
	@echo "  CC      $$@"
	@$$(FW_CC) $$(REALM_CFLAGS) -Isdk/include -Isdk/src -I. $(2) -MMD -MP -c $$< -o $$@

$(1)/libatoll-realm.a: $$(patsubst %,$(1)/obj/%.o,$$(SDK_REALM_SRCS))
	@echo "  AR      $$@"
	@rm -f $$@ && $$(CROSS)ar rcs $$@ $$^
endef
$(eval $(call sdk_realm_lib,$(SDK_REALM_DIR),$(SDK_MBEDTLS_CPPFLAGS)))
# The ML server realm's copy, against the ML example's TLS configuration (mk/ml.mk).
$(eval $(call sdk_realm_lib,$(ML_REALM_TLS_DIR)/sdk,$(ML_REALM_TLS_CPPFLAGS)))

$(SDK_REALM_DIR)/mbedtls/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(FW_CFLAGS) $(SDK_MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(SDK_REALM_MBEDTLS_LIB): $$(patsubst %.c,$(SDK_REALM_DIR)/mbedtls/%.o,$$(SDK_MBEDTLS_SRCS))
	@echo "  AR      $@"
	@rm -f $@ && $(CROSS)ar rcs $@ $^

sdk: $(SDK_REALM_LIB)

# The realm payload sdk_realm (sdk/tests/realm/sdk_realm.c): the rsi backend
# tested in a realm by the system tests (tests/system/sdk_realm_test.c),
# checking tokens with verify/ built against the same mbedTLS.
SDK_REALM_TEST_OBJS := $(patsubst %,$(SDK_REALM_DIR)/obj/%.o,sdk/tests/realm/sdk_realm.c \
	verify/cca_verify.c verify/cose.c verify/cbor_dec.c)
REALM_LIBS_sdk_realm = $(SDK_REALM_LIB) $(SDK_REALM_MBEDTLS_LIB)
$(BUILD)/realm-sdk_realm.elf: $(SDK_REALM_TEST_OBJS) $(SDK_REALM_SUPPORT_OBJS)

TEST_IMAGES_OBJ := $(BUILD)/host/host/images/test_images.S.o
$(TEST_IMAGES_OBJ): host/images/test_images.S $(BUILD)/realm-sdk_realm.bin | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $@"
	@$(FW_CC) $(FW_CFLAGS) -Wa,-I$(BUILD) -MMD -MP -c $< -o $@
$(BUILD)/host-test.elf: $(TEST_IMAGES_OBJ)
