# libFuzzer harness for the RMI (tests/fuzz): the RMM core and the host
# platform built with clang, -fsanitize=fuzzer,address,undefined, into
# $(BUILD)/fuzz/. `make fuzz` runs a campaign; `make test` runs a short,
# seeded smoke run of the same binary (tools/run-tests.sh).
#
# mbedTLS is compiled again here with clang (ASan + UBSan, no coverage:
# its hashing is not what we fuzz) rather than linking the gcc-built
# library, so the whole binary has one compiler and one sanitizer runtime.

FUZZ_CC     := clang
FUZZ_CFLAGS := -std=c11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE \
	-Iinclude -Ilib/include -Irmm/include -Irmm/arch/host
# Two targets share the RMM, the host platform and the invariant checker:
# rmi-fuzz (RMI call sequences) and rsi-fuzz (a realm's calls, tests/fuzz/rsi_*).
FUZZ_COMMON := $(RMM_CORE_SRCS) lib/format.c $(wildcard rmm/arch/host/*.c) tests/fuzz/invariants.c \
	tests/fuzz/machine.c
FUZZ_RMI_SRCS := tests/fuzz/rmi_fuzz.c tests/fuzz/seeds.c
FUZZ_RSI_SRCS := $(wildcard tests/fuzz/rsi_*.c)
FUZZ_BIN    := $(BUILD)/fuzz/rmi-fuzz
RSI_FUZZ_BIN := $(BUILD)/fuzz/rsi-fuzz
fuzz_objs = $(patsubst %,$(BUILD)/fuzz/obj/%.o,$(1))

# `make fuzz FUZZ_TIME=3600` for a longer campaign of each target (tools/fuzz.sh);
# FUZZ_TARGETS=rsi (or rmi) for one of them.
FUZZ_TIME ?= 300
FUZZ_TARGETS ?= rmi rsi

# mk/mbedtls.mk is read after this file: its sources are expanded late.
fuzz_mbedtls_objs = $(patsubst %.c,$(BUILD)/fuzz/mbedtls/%.o,$(MBEDTLS_SRCS))

# Coverage feedback comes from the RMM only: the harness and the invariant
# checker (with the host platform's check of the RMM's own region) run the
# same code for every input, and their edges would be noise (and their
# comparison hooks the larger part of each run).
fuzz_nocov  := tests/fuzz/% rmm/arch/host/rmm_region.c
fuzz_cov = $(if $(filter $(fuzz_nocov),$<),,-fsanitize=fuzzer-no-link)

$(BUILD)/fuzz/obj/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(fuzz_cov) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/fuzz/mbedtls/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

.SECONDEXPANSION:
$(FUZZ_BIN): $(call fuzz_objs,$(FUZZ_COMMON) $(FUZZ_RMI_SRCS)) $$(fuzz_mbedtls_objs)
	@echo "  LD      $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ -o $@

$(RSI_FUZZ_BIN): $(call fuzz_objs,$(FUZZ_COMMON) $(FUZZ_RSI_SRCS)) $$(fuzz_mbedtls_objs)
	@echo "  LD      $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ -o $@

# Line coverage of rmm/ by a campaign's corpus: both targets again with
# clang's source-based coverage on the RMM's own sources (no sanitizers:
# they only replay the corpus), read by llvm-cov (tools/fuzz.sh coverage).
FUZZ_COV_CFLAGS := -std=c11 -Wall -Wextra -Werror -O1 -g -D_GNU_SOURCE \
	-Iinclude -Ilib/include -Irmm/include -Irmm/arch/host
fuzz_cov_objs = $(patsubst %,$(BUILD)/fuzz-cov/obj/%.o,$(1))
fuzz_cov_mbedtls_objs = $(patsubst %.c,$(BUILD)/fuzz-cov/mbedtls/%.o,$(MBEDTLS_SRCS))
fuzz_cov_flags = $(if $(filter rmm/%,$<),-fprofile-instr-generate -fcoverage-mapping)

$(BUILD)/fuzz-cov/obj/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  COVCC   $@"
	@$(FUZZ_CC) $(FUZZ_COV_CFLAGS) $(fuzz_cov_flags) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/fuzz-cov/mbedtls/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  COVCC   $@"
	@$(FUZZ_CC) $(FUZZ_COV_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/fuzz-cov/rmi-fuzz: $(call fuzz_cov_objs,$(FUZZ_COMMON) $(FUZZ_RMI_SRCS)) $$(fuzz_cov_mbedtls_objs)
	@echo "  LD      $@"
	@$(FUZZ_CC) -fsanitize=fuzzer -fprofile-instr-generate $^ -o $@

$(BUILD)/fuzz-cov/rsi-fuzz: $(call fuzz_cov_objs,$(FUZZ_COMMON) $(FUZZ_RSI_SRCS)) $$(fuzz_cov_mbedtls_objs)
	@echo "  LD      $@"
	@$(FUZZ_CC) -fsanitize=fuzzer -fprofile-instr-generate $^ -o $@

.PHONY: fuzz
fuzz: $(FUZZ_BIN) $(RSI_FUZZ_BIN) $(BUILD)/fuzz-cov/rmi-fuzz $(BUILD)/fuzz-cov/rsi-fuzz
	@FUZZ_TARGETS="$(FUZZ_TARGETS)" tools/fuzz.sh campaign $(BUILD) $(FUZZ_TIME) && tools/fuzz.sh coverage $(BUILD)

# The smoke run in `make test` (tools/run-tests.sh) needs the fuzzer built.
test: $(FUZZ_BIN) $(RSI_FUZZ_BIN)
