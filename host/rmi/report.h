/*
 * Reported RMI calls: each one timed (host_rmi_last_ticks) and, when it
 * fails, printed as "realm: <cmd>(args) -> <status>, index <n>". The realm
 * builder makes all its calls through here.
 */
#pragma once

#include <stdint.h>

#include <atoll/rmi.h>

#include "rmi/calls.h"

struct rmi_ret rmi_reported(const char *name, uint32_t fid, uint64_t a1, uint64_t a2,
			    uint64_t a3, uint64_t a4, uint64_t a5);
#define RMI_REPORTED(cmd, a1, a2, a3, a4, a5) rmi_reported(#cmd, RMI_##cmd, a1, a2, a3, a4, a5)

/*
 * CNTPCT ticks from just before to just after the SMC of the most recent
 * reported call, minus the cost of an empty timed region: under
 * `-icount shift=0` the instructions the call executed outside the host.
 */
uint64_t host_rmi_last_ticks(void);

/* "SUCCESS", "ERROR_RTT", ... for an RMI status word. */
const char *host_rmi_status_name(uint64_t x0);
