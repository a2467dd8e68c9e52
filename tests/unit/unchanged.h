/*
 * "A failing command changes no state" (spec 1.4), checked around every RMI
 * call a unit test makes (unit_rmi): before the call, each granule the test
 * has handed to the platform (unit_ns_granule) and the RMM's own first granule
 * is recorded, with its granule-table state and refcounts, its GPT entry and,
 * for the granules that hold the RMM's objects (RD, REC, REC_AUX, RTT, and
 * any granule the call names), a hash of its contents: the RD's and RECs'
 * fields and every RTT entry. When the call fails, all of it must be as before.
 * DATA contents are compared only when the call names the granule: no failing
 * command writes DATA it is not given, and a scrub changes the state anyway.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <rmm/rmi.h>

/* Records the state of [first, end) and of the args' granules before a call. */
void unchanged_take(uint64_t first, uint64_t end, const uint64_t args[5]);
/* After the call fid(args) that returned res: fails the test if it failed and changed state. */
void unchanged_check(uint64_t fid, const uint64_t args[5], const struct rmi_result *res);

/*
 * For a test whose next call may fail after changing state by design
 * (REC_ENTER step 12: RmiRecExit cannot be written after the realm ran).
 */
void unchanged_skip_next_call(void);
