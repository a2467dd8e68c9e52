# The confidential-ML example (examples/ml, docs/demo-ml.md): the model trained
# by examples/ml/train.py with Debian's python3-torch (tools/setup.sh --ml),
# cached under $(BUILD)/ml/<variant>/ (train.py skips a run whose stamp, the hash
# of the script, the variant and the corpus, is unchanged), and the C inference,
# built for the host tests and, freestanding, for realm payloads.

ML_BUILD  := $(BUILD)/ml
ML_CORPUS := $(wildcard $(MBEDTLS)/library/*.c)
ML_PYTHON := /usr/bin/python3
ML_SRCS   := $(wildcard examples/ml/model/*.c)

.PHONY: ml-setup ml-model
ml-setup:
	@bash tools/setup.sh --ml

# $(ML_BUILD)/<variant>/model.atml and reference.txt; "full" is the demo's model
# (make ml-model), "small" the tests'.
$(ML_BUILD)/%/model.atml $(ML_BUILD)/%/reference.txt: examples/ml/train.py $(ML_CORPUS) | $(SETUP_STAMP)
	@bash tools/setup.sh --ml
	@echo "  TRAIN   $(ML_BUILD)/$*"
	@$(ML_PYTHON) examples/ml/train.py --variant $* --data $(MBEDTLS)/library --out $(ML_BUILD)/$*

ml-model: $(ML_BUILD)/full/model.atml
	@cat $(ML_BUILD)/full/info.json

# Host tests (cmocka, ASan + UBSan): the C inference against the small model's
# PyTorch reference (examples/ml/tests/ml_test.c).
ML_TEST_SRCS := $(ML_SRCS) examples/ml/tests/ml_test.c tests/common/test_groups.c
ML_TEST_OBJS := $(patsubst %,$(ML_BUILD)/host/%.o,$(ML_TEST_SRCS))

$(ML_BUILD)/host/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) $(MBEDTLS_CPPFLAGS) -Iexamples/ml/model -Itests/common -MMD -MP -c $< -o $@

$(ML_BUILD)/ml-tests: $(ML_TEST_OBJS) $(MBEDTLS_HOST_LIB)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ -lcmocka -lm -o $@

# The same inference freestanding for R-EL1 (realm payloads have FP/SIMD, so
# without -mgeneral-regs-only), as a library a payload links.
ML_FW_CFLAGS := $(filter-out -mgeneral-regs-only,$(FW_CFLAGS))
ML_FW_LIB := $(ML_BUILD)/aarch64/libmlmodel.a

$(ML_BUILD)/aarch64/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(ML_FW_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(ML_FW_LIB): $(patsubst %,$(ML_BUILD)/aarch64/%.o,$(ML_SRCS))
	@echo "  AR      $@"
	@rm -f $@ && $(CROSS)ar rcs $@ $^

test: $(ML_BUILD)/ml-tests $(ML_BUILD)/small/model.atml $(ML_FW_LIB)

# The transport's host tests (examples/ml/tests/transport_main.c): the launcher's
# virtio-console driver against a fake device, the realm's byte channel
# (lib/byte_ring.c) and the launcher's relay between them.
TRANSPORT_TEST_SRCS := host/devices/virtq.c host/devices/virtio_mmio.c host/devices/virtio_console.c \
	host/run/channel_relay.c lib/byte_ring.c $(wildcard examples/ml/tests/transport_*.c) \
	examples/ml/tests/virtio_console_test.c examples/ml/tests/byte_channel_test.c tests/common/test_groups.c
TRANSPORT_TEST_OBJS := $(patsubst %,$(ML_BUILD)/host/%.o,$(TRANSPORT_TEST_SRCS))
$(TRANSPORT_TEST_OBJS): HOST_CFLAGS += -Ihost -Ihost/devices

$(ML_BUILD)/transport-tests: $(TRANSPORT_TEST_OBJS)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ -lcmocka -o $@

test: $(ML_BUILD)/transport-tests

# ml-complete: the C inference on the host (examples/ml/complete.c).
$(ML_BUILD)/ml-complete: $(patsubst %,$(ML_BUILD)/host/%.o,$(ML_SRCS) examples/ml/complete.c) $(MBEDTLS_HOST_LIB)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ -o $@

test: $(ML_BUILD)/ml-complete

# The inference inside a realm: the payload ml_infer (examples/ml/realm/) with
# the small model embedded and PyTorch's greedy completion to match
# ($(ML_BUILD)/realm/reference.h), run by the system tests (tests/system/ml_infer_test.c).
ML_REALM_C_OBJ := $(BUILD)/realm/examples/ml/realm/ml_infer.c.o
ML_REALM_BLOB_OBJ := $(BUILD)/realm/examples/ml/realm/model_blob.S.o

$(ML_BUILD)/realm/reference.h: examples/ml/realm/reference_h.py $(ML_BUILD)/small/reference.txt
	@mkdir -p $(dir $@)
	@$(ML_PYTHON) $< $(ML_BUILD)/small/reference.txt $@

$(ML_REALM_C_OBJ): REALM_CFLAGS = $(ML_FW_CFLAGS) -fno-toplevel-reorder -Irealm -Iexamples/ml/model -I$(ML_BUILD)/realm
$(ML_REALM_C_OBJ): $(ML_BUILD)/realm/reference.h
$(ML_REALM_BLOB_OBJ): REALM_CFLAGS = $(FW_CFLAGS) -Wa,-I$(ML_BUILD)/small
$(ML_REALM_BLOB_OBJ): $(ML_BUILD)/small/model.atml

REALM_LIBS_ml_infer = $(ML_FW_LIB) $(MBEDTLS_FW_LIB)
# The realm's entropy (realm/entropy.c, realm/rndr.c: RNDR) goes only into payloads that need it.
$(BUILD)/realm-ml_infer.elf: $(ML_REALM_C_OBJ) $(ML_REALM_BLOB_OBJ) $(BUILD)/realm/realm/entropy.c.o \
	$(BUILD)/realm/realm/rndr.c.o
ML_IMAGE_OBJ := $(BUILD)/host/examples/ml/realm/ml_image.S.o
$(ML_IMAGE_OBJ): examples/ml/realm/ml_image.S $(BUILD)/realm-ml_infer.bin | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $@"
	@$(FW_CC) $(FW_CFLAGS) -Ihost -Wa,-I$(BUILD) -c $< -o $@
$(BUILD)/host-test.elf: $(ML_IMAGE_OBJ)

# Host tests of the realm's entropy filling (realm/entropy.c, RNDR behind it in
# realm/rndr.c) with scripted sources (examples/ml/tests/entropy_test.c).
ENTROPY_TEST_OBJS := $(patsubst %,$(ML_BUILD)/host/%.o,realm/entropy.c examples/ml/tests/entropy_test.c \
	tests/common/test_groups.c)
$(ENTROPY_TEST_OBJS): HOST_CFLAGS += -Irealm

$(ML_BUILD)/entropy-tests: $(ENTROPY_TEST_OBJS)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ -lcmocka -o $@

test: $(ML_BUILD)/entropy-tests

# ---- The attested channel (docs/attested-channel.md) -------------------------------
# One mbedTLS configuration for every TLS peer (examples/ml/tls/atoll_tls_config.h),
# built here for x86 with ASan and UBSan, as the programs that link it:
# build/ml/tls-host/libmbedtls.a (TLS, X.509 and crypto in one archive).
ML_TLS_CPPFLAGS := -I$(MBEDTLS)/include -Iexamples/ml/tls -DMBEDTLS_CONFIG_FILE='"atoll_tls_config.h"'
ML_TLS_MBEDTLS_SRCS := $(wildcard $(MBEDTLS)/library/*.c)
ML_TLS_HOST_LIB := $(ML_BUILD)/tls-host/libmbedtls.a

$(ML_BUILD)/tls-host/%.o: %.c examples/ml/tls/atoll_tls_config.h | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) $(ML_TLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(ML_TLS_HOST_LIB): $(patsubst %.c,$(ML_BUILD)/tls-host/%.o,$(ML_TLS_MBEDTLS_SRCS))
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

test: $(ML_TLS_HOST_LIB)

# The channel's C (protocol, server core, the x86 programs' platform) and the model code
# again, built against the TLS configuration (mbedTLS structures must match the library).
ML_CHANNEL_CPPFLAGS := $(ML_TLS_CPPFLAGS) -Iexamples/ml/protocol -Iexamples/ml/server \
	-Iexamples/ml/model -Iexamples/ml/hosted -Isdk/include
ML_SERVER_CORE_SRCS := examples/ml/protocol/ml_protocol.c examples/ml/server/ml_server.c \
	$(ML_SRCS)
ML_HOSTED_SRCS := examples/ml/hosted/ml_hosted.c
# libatoll's ASan + UBSan static library (mk/sdk.mk, included after this file).
ML_SDK_LIB := $(BUILD)/sdk/asan/libatoll.a
ml_tls_objs = $(patsubst %,$(ML_BUILD)/tls-obj/%.o,$(1))

$(ML_BUILD)/tls-obj/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) $(ML_CHANNEL_CPPFLAGS) -MMD -MP -c $< -o $@

# ml-sim-server: the server core over a Unix socket, tokens from libatoll's sim backend.
$(ML_BUILD)/ml-sim-server: $(call ml_tls_objs,$(ML_SERVER_CORE_SRCS) $(ML_HOSTED_SRCS) \
		examples/ml/sim/ml_sim_server.c) $(ML_SDK_LIB) $(ML_TLS_HOST_LIB)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ $(SDK_LIBS) -o $@

test: $(ML_BUILD)/ml-sim-server

# ml-provider and ml-client: the TLS clients of the attested channel, on libatoll.
ML_PEER_OBJS := $(call ml_tls_objs,examples/ml/peer/ml_peer.c examples/ml/protocol/ml_protocol.c \
	$(ML_HOSTED_SRCS))
$(ML_BUILD)/tls-obj/examples/ml/peer/%.c.o $(ML_BUILD)/tls-obj/examples/ml/provider/%.c.o \
	$(ML_BUILD)/tls-obj/examples/ml/client/%.c.o: ML_CHANNEL_CPPFLAGS += -Iexamples/ml/peer

$(ML_BUILD)/ml-provider: $(ML_PEER_OBJS) $(call ml_tls_objs,examples/ml/provider/ml_provider.c \
		$(ML_SRCS)) $(ML_SDK_LIB) $(ML_TLS_HOST_LIB)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ $(SDK_LIBS) -o $@

$(ML_BUILD)/ml-client: $(ML_PEER_OBJS) $(call ml_tls_objs,examples/ml/client/ml_client.c) \
		$(ML_SDK_LIB) $(ML_TLS_HOST_LIB)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ $(SDK_LIBS) -o $@

test: $(ML_BUILD)/ml-provider $(ML_BUILD)/ml-client

# The ml-channel suite (examples/ml/tests/ml_channel_test.sh): the programs above through a
# recording relay, and build/ml/channel-tests, the in-process cases (malformed messages).
$(ML_BUILD)/tls-obj/examples/ml/tests/%.c.o: ML_CHANNEL_CPPFLAGS += -Itests/common
$(ML_BUILD)/channel-tests: $(call ml_tls_objs,$(ML_SERVER_CORE_SRCS) $(ML_HOSTED_SRCS) \
		examples/ml/tests/channel_test.c tests/common/test_groups.c) $(ML_SDK_LIB) $(ML_TLS_HOST_LIB)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ $(SDK_LIBS) -lcmocka -o $@

test: $(ML_BUILD)/channel-tests

# make bench: the channel's handshake and attestation on x86, in instructions counted by
# callgrind (examples/ml/bench/channel_bench.sh), with ml-sim-server and ml-client built
# again optimised and without sanitizers (which would dominate the counts).
ML_BENCH_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g -D_GNU_SOURCE -Iinclude -Ilib/include
ml_bench_objs = $(patsubst %,$(ML_BUILD)/bench/%.o,$(1))

$(ML_BUILD)/bench/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(ML_BENCH_CFLAGS) $(ML_CHANNEL_CPPFLAGS) -Iexamples/ml/peer -MMD -MP -c $< -o $@

$(ML_BUILD)/bench/libmbedtls.a: $(call ml_bench_objs,$(ML_TLS_MBEDTLS_SRCS))
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

$(ML_BUILD)/bench/ml-sim-server: $(call ml_bench_objs,$(ML_SERVER_CORE_SRCS) $(ML_HOSTED_SRCS) \
		examples/ml/sim/ml_sim_server.c) $(BUILD)/libatoll.a $(ML_BUILD)/bench/libmbedtls.a
	@echo "  LD      $@"
	@$(HOST_CC) $^ $(SDK_LIBS) -o $@

$(ML_BUILD)/bench/ml-client: $(call ml_bench_objs,examples/ml/peer/ml_peer.c \
		examples/ml/protocol/ml_protocol.c $(ML_HOSTED_SRCS) \
		examples/ml/client/ml_client.c) $(BUILD)/libatoll.a $(ML_BUILD)/bench/libmbedtls.a
	@echo "  LD      $@"
	@$(HOST_CC) $^ $(SDK_LIBS) -o $@

.PHONY: bench-ml-channel
bench-ml-channel: $(ML_BUILD)/bench/ml-sim-server $(ML_BUILD)/bench/ml-client $(ML_BUILD)/small/model.atml
	@examples/ml/bench/channel_bench.sh $(BUILD)
bench: bench-ml-channel

# ---- The transport in QEMU: the ML launcher and the channel echo --------------------
# host/main/ml.c runs the realm images of a plan with their byte channels
# relayed to two virtio consoles (tools/ml-run.sh boots it); realm/channel.c is
# a payload's end of a channel. The echo payload (examples/ml/realm/
# channel_echo.c) proves the path end to end: tests/system/qemu_channel.sh.
HOST_ML_OBJS := $(HOST_OBJS) $(BUILD)/host/host/main/ml.c.o
$(BUILD)/host-ml.elf: $(HOST_ML_OBJS) $(MBEDTLS_FW_LIB)

REALM_CHANNEL_OBJS := $(patsubst %,$(BUILD)/realm/%.o,realm/channel.c realm/store.c lib/byte_ring.c)
$(BUILD)/realm-ml_echo.elf: $(BUILD)/realm/examples/ml/realm/channel_echo.c.o $(REALM_CHANNEL_OBJS)

ML_FLASH := $(BUILD)/$(FLASH)-ml.bin
test: $(ML_FLASH) $(BUILD)/realm-ml_echo.bin

# ---- The ML server realm (examples/ml/realm/ml_server.c; mlrealm's block) ----------------
# mbedTLS built for R-EL1 with the one TLS configuration and the realm's overlay
# (examples/ml/realm/atoll_tls_realm_config.h: heap, snprintf, RNDR), libatoll-realm.a
# again against it, and the server core, protocol and model code: the payloads
# ml_server and ml_server_evil (the same code, also copying prompts to the console).
ML_REALM_TLS_DIR := $(ML_BUILD)/realm-tls
ML_REALM_TLS_CPPFLAGS := -I$(MBEDTLS)/include -Iexamples/ml/realm -Iexamples/ml/tls -Irmm/mbedtls \
	-DMBEDTLS_CONFIG_FILE='"atoll_tls_realm_config.h"'
ML_REALM_TLS_LIB := $(ML_REALM_TLS_DIR)/libmbedtls.a
ML_REALM_SDK_LIB := $(ML_REALM_TLS_DIR)/sdk/libatoll-realm.a
ML_REALM_TLS_HEADERS := examples/ml/tls/atoll_tls_config.h examples/ml/realm/atoll_tls_realm_config.h

# With the FP/SIMD registers and the Armv8 crypto instructions (the overlay's AES-GCM and SHA).
ML_REALM_TLS_CFLAGS := $(filter-out -march=%,$(ML_FW_CFLAGS)) -march=armv8.4-a+crypto+sha3
$(ML_REALM_TLS_DIR)/mbedtls/%.o: %.c $(ML_REALM_TLS_HEADERS) | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(ML_REALM_TLS_CFLAGS) $(ML_REALM_TLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(ML_REALM_TLS_LIB): $(patsubst %.c,$(ML_REALM_TLS_DIR)/mbedtls/%.o,$(ML_TLS_MBEDTLS_SRCS) \
		rmm/mbedtls/atoll_heap.c rmm/mbedtls/atoll_mbedtls_platform.c)
	@echo "  AR      $@"
	@rm -f $@ && $(CROSS)ar rcs $@ $^

# (mk/sdk.mk builds $(ML_REALM_SDK_LIB), libatoll-realm.a against this configuration.)
ML_REALM_SERVER_CPPFLAGS := $(ML_REALM_TLS_CPPFLAGS) -Irealm -Isdk/include -Iexamples/ml/protocol \
	-Iexamples/ml/server -Iexamples/ml/model
ML_REALM_SERVER_SRCS := examples/ml/protocol/ml_protocol.c examples/ml/server/ml_server.c $(ML_SRCS)

$(ML_REALM_TLS_DIR)/obj/%.c.o: %.c $(ML_REALM_TLS_HEADERS) | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(ML_FW_CFLAGS) -fno-toplevel-reorder $(ML_REALM_MODEL_CFLAGS) $(ML_REALM_SERVER_CPPFLAGS) \
		-MMD -MP -c $< -o $@
# The inference's loops unrolled: the same operations in the same order (the completion stays
# the x86 inference's, byte for byte), fewer loop instructions per multiply-add.
$(ML_REALM_TLS_DIR)/obj/examples/ml/model/%.c.o: ML_REALM_MODEL_CFLAGS := -funroll-loops

# The variants of the server: evil copies prompts to the console, bench reports costs.
ML_SERVER_VARIANT_evil := -DML_SERVER_COPY_PROMPTS
ML_SERVER_VARIANT_bench := -DML_SERVER_BENCH
$(ML_REALM_TLS_DIR)/variant-%/ml_server.c.o: examples/ml/realm/ml_server.c $(ML_REALM_TLS_HEADERS) \
		| $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(FW_CC) $(ML_FW_CFLAGS) -fno-toplevel-reorder $(ML_SERVER_VARIANT_$*) \
		$(ML_REALM_SERVER_CPPFLAGS) -MMD -MP -c $< -o $@

ML_REALM_SERVER_OBJS = $(patsubst %,$(ML_REALM_TLS_DIR)/obj/%.o,$(ML_REALM_SERVER_SRCS)) \
	$(SDK_REALM_SUPPORT_OBJS) $(REALM_CHANNEL_OBJS)
REALM_LIBS_ml_server = $(ML_REALM_SDK_LIB) $(ML_REALM_TLS_LIB)
REALM_LIBS_ml_server_evil = $(ML_REALM_SDK_LIB) $(ML_REALM_TLS_LIB)
REALM_LIBS_ml_server_bench = $(ML_REALM_SDK_LIB) $(ML_REALM_TLS_LIB)
.SECONDEXPANSION:
$(BUILD)/realm-ml_server.elf: $(ML_REALM_TLS_DIR)/obj/examples/ml/realm/ml_server.c.o \
	$$(ML_REALM_SERVER_OBJS)
$(BUILD)/realm-ml_server_evil.elf: $(ML_REALM_TLS_DIR)/variant-evil/ml_server.c.o \
	$$(ML_REALM_SERVER_OBJS)
$(BUILD)/realm-ml_server_bench.elf: $(ML_REALM_TLS_DIR)/variant-bench/ml_server.c.o \
	$$(ML_REALM_SERVER_OBJS)

ml-realms: $(BUILD)/realm-ml_server.bin $(BUILD)/realm-ml_server_evil.bin
.PHONY: ml-realms
test: ml-realms

# make demo-ml: the scenario of docs/demo-ml.md with the full model (trained once, make
# ml-model), tools/demo-ml.sh; make test runs it with the small model (tests/system/ml_demo.sh).
ML_DEMO_DEPS := ml-realms $(BUILD)/flash-hes-ml.bin $(ML_BUILD)/ml-provider $(ML_BUILD)/ml-client \
	$(BUILD)/atoll $(BUILD)/atoll-refs $(BUILD)/atoll-hesd
.PHONY: demo-ml
demo-ml: $(ML_DEMO_DEPS) $(ML_BUILD)/full/model.atml
	@BUILD=$(BUILD) tools/demo-ml.sh --build $(BUILD)

test: $(ML_DEMO_DEPS) $(ML_BUILD)/ml-sim-server $(ML_BUILD)/ml-complete $(ML_BUILD)/small/model.atml

# make bench: the ML server realm's costs under -icount (tools/ml-bench.sh, build/bench/ml.tsv).
.PHONY: bench-ml
bench-ml: $(ML_DEMO_DEPS) $(BUILD)/realm-ml_server_bench.bin $(ML_BUILD)/small/model.atml
	@BUILD=$(BUILD) tools/ml-bench.sh
bench: bench-ml
