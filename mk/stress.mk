# Threads-as-CPUs stress (tests/stress): the RMM core, the host platform and
# the fuzzer's invariant checker, built with clang three times:
#   $(BUILD)/stress-tsan    ThreadSanitizer
#   $(BUILD)/stress-asan    ASan + UBSan
#   $(BUILD)/stress-broken  ThreadSanitizer, with REC_CREATE not taking the
#                           RD's lock (RMM_TEST_NO_REC_CREATE_RD_LOCK): the
#                           suite's proof that the stress test can fail
# mbedTLS is compiled with each sanitizer too, so every access is seen.
# `make test` runs a short seeded run (tools/stress.sh smoke); `make stress`
# a long one: STRESS_TIME seconds (default 300) or STRESS_ITERS rounds.

STRESS_CC     := clang
STRESS_CFLAGS := -std=c11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer -pthread \
	-D_GNU_SOURCE -Iinclude -Ilib/include -Irmm/include -Irmm/arch/host -Itests/fuzz
STRESS_SAN_tsan := -fsanitize=thread
STRESS_SAN_asan := -fsanitize=address,undefined -fno-sanitize-recover=all
STRESS_SRCS   := $(RMM_CORE_SRCS) lib/format.c $(wildcard rmm/arch/host/*.c) \
	$(wildcard tests/stress/*.c) tests/fuzz/invariants.c

STRESS_TIME  ?= 300
STRESS_ITERS ?= 0

# mk/mbedtls.mk is read after this file: its sources are expanded late.
stress_objs = $(patsubst %,$(BUILD)/stress/$(1)/%.o,$(STRESS_SRCS) $(MBEDTLS_SRCS))

$(BUILD)/stress/tsan/%.o: % | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  TSANCC  $@"
	@$(STRESS_CC) $(STRESS_CFLAGS) $(STRESS_SAN_tsan) $(MBEDTLS_CPPFLAGS) -MMD -c $< -o $@

$(BUILD)/stress/asan/%.o: % | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  ASANCC  $@"
	@$(STRESS_CC) $(STRESS_CFLAGS) $(STRESS_SAN_asan) $(MBEDTLS_CPPFLAGS) -MMD -c $< -o $@

# The broken build differs in one file.
STRESS_BROKEN_FILE := rmm/rmi/rec.c
$(BUILD)/stress/broken/%.o: % | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  TSANCC  $@ (RD lock removed)"
	@$(STRESS_CC) $(STRESS_CFLAGS) $(STRESS_SAN_tsan) -DRMM_TEST_NO_REC_CREATE_RD_LOCK \
		$(MBEDTLS_CPPFLAGS) -MMD -c $< -o $@

.SECONDEXPANSION:
$(BUILD)/stress-tsan: $$(call stress_objs,tsan)
	@echo "  LD      $@"
	@$(STRESS_CC) $(STRESS_CFLAGS) $(STRESS_SAN_tsan) $^ -o $@

$(BUILD)/stress-asan: $$(call stress_objs,asan)
	@echo "  LD      $@"
	@$(STRESS_CC) $(STRESS_CFLAGS) $(STRESS_SAN_asan) $^ -o $@

$(BUILD)/stress-broken: $$(filter-out %/$(STRESS_BROKEN_FILE).o,$$(call stress_objs,tsan)) \
		$(BUILD)/stress/broken/$(STRESS_BROKEN_FILE).o
	@echo "  LD      $@"
	@$(STRESS_CC) $(STRESS_CFLAGS) $(STRESS_SAN_tsan) $^ -o $@

STRESS_BINS := $(BUILD)/stress-tsan $(BUILD)/stress-asan $(BUILD)/stress-broken

.PHONY: stress
stress: $(STRESS_BINS)
	@STRESS_TIME=$(STRESS_TIME) STRESS_ITERS=$(STRESS_ITERS) tools/stress.sh long $(BUILD)

# The short run in `make test` (tools/run-tests.sh).
test: $(STRESS_BINS)
