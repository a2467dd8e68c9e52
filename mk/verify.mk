# Reference values and the x86 token verifier (docs/attestation.md):
# - build/atoll-refs (tools/attest/refs_main.c): the HES core and its
#   mbedTLS, the daemon's state-file code and verify/expected_rim.c;
# - build/atoll-verify (tools/attest/verify_main.c): verify/ and
#   verify/hosted/ with the host build of mbedTLS;
# - `make refs` writes build/run/refs.json for the demo flash image, from
#   the state file the daemon uses (build/run/hes.state).
ATTEST_REFS_BIN   := $(BUILD)/atoll-refs
ATTEST_VERIFY_BIN := $(BUILD)/atoll-verify
HES_STATE := $(BUILD)/run/hes.state
REFS_JSON := $(BUILD)/run/refs.json

ATTEST_REFS_SRCS := $(HES_SRCS) hes/daemon/statefile.c hes/daemon/random.c hes/daemon/io.c \
	verify/expected_rim.c verify/hosted/hex.c tools/attest/refs_main.c
ATTEST_VERIFY_SRCS := $(wildcard verify/*.c) $(wildcard verify/hosted/*.c) \
	tools/attest/verify_main.c

$(BUILD)/attest/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) -I. $(MBEDTLS_CPPFLAGS) -MMD -c $< -o $@

.SECONDEXPANSION:
$(ATTEST_REFS_BIN): $$(call hes_objs,$(ATTEST_REFS_SRCS))
	@echo "  LD      $@"
	@$(HOST_CC) $(HES_CFLAGS) $^ -ljansson -o $@

$(ATTEST_VERIFY_BIN): $(patsubst %,$(BUILD)/attest/%.o,$(ATTEST_VERIFY_SRCS)) $(MBEDTLS_HOST_LIB)
	@echo "  LD      $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ -ljansson -o $@

# $(call write_refs,<TF-A build dir>,<host image>,<out>): refs.json of that flash image.
define write_refs
	@mkdir -p $(BUILD)/run
	@$(ATTEST_REFS_BIN) --state $(HES_STATE) --bl2 $(BUILD)/$(1)/qemu/release/bl2.bin \
		--bl31 $(BUILD)/$(1)/qemu/release/bl31.bin --rmm $(BUILD)/rmm.bin \
		--bl33 $(BUILD)/host-$(2).bin --realm $(BUILD)/realm-hello.bin --out $(3)
endef

# Always rewritten (a few ms): the state file may have been deleted for a new identity.
.PHONY: refs
refs: $(ATTEST_REFS_BIN) $(BUILD)/flash-hes-demo.bin $(BUILD)/realm-hello.bin
	$(call write_refs,tf-a-hes-demo,demo,$(REFS_JSON))
	@echo "  REFS    $(REFS_JSON)"

.PHONY: attest
attest: $(ATTEST_REFS_BIN) $(ATTEST_VERIFY_BIN)
test: $(ATTEST_REFS_BIN) $(ATTEST_VERIFY_BIN)
