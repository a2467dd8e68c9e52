/*
 * "A failing command changes no state" (spec 1.4), checked around every RMI
 * call a unit test makes (unit_rmi) and every RSI or PSCI call of a scripted
 * realm that fails (rs_callv): before the call, each granule the test has
 * handed to the platform (unit_ns_granule) and the RMM's own first granule
 * is recorded, with its granule-table state and refcounts, its GPT entry and,
 * for the granules that hold the RMM's objects (every RD and RTT, and any
 * granule the call names), its contents: the RDs' fields (measurements
 * included), every RTT entry, a named REC's fields. When the call fails, all
 * of it must be as before. DATA and REC contents are compared only when the
 * call names the granule: no failing command writes one it is not given, and
 * destroying one changes its state anyway.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct unchanged_record;

struct unchanged_snapshot {
	struct unchanged_record *records;
	size_t num_records, max_records;
	uint8_t (*copies)[4096];
	size_t num_copies, max_copies;
};

/* Records the state of the granules [first, end), HOST_RMM_BASE and those named in args. */
void unchanged_take(struct unchanged_snapshot *s, uint64_t first, uint64_t end,
		    const uint64_t args[5]);
/* Fails the test, naming `call` (what failed, and how), if the state differs from *s. */
void unchanged_assert(const struct unchanged_snapshot *s, const char *call);

/*
 * For a test whose next RMI call may fail after changing state by design
 * (REC_ENTER step 12: RmiRecExit cannot be written after the realm ran).
 */
void unchanged_skip_next_call(void);
/* Whether unchanged_skip_next_call() was called since the last time this was asked. */
bool unchanged_skipping(void);
