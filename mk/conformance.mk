# The failure-condition table (docs/conformance.md): tools/conformance.py checks
# tests/conformance/conditions.tsv against the unit, system and realm tests and
# regenerates the document. It preprocesses the unit tests with their own flags
# to see the test names the row macros expand to.
CONFORMANCE_CPPFLAGS = -D_GNU_SOURCE -Iinclude -Ilib/include -Irmm/include -Irmm/arch/host \
	$(MBEDTLS_CPPFLAGS)
export UNIT_CPPFLAGS = $(CONFORMANCE_CPPFLAGS)

.PHONY: conformance-doc
# Regenerates docs/conformance.md from the logs of the last `make test`.
conformance-doc:
	@tools/conformance.py --build $(BUILD) --write
