/*
 * The main loop: one connection at a time, each a new boot of the platform
 * (hes_boot_reset: slots empty, no DAK; the roots and CPAK stay). Bytes go
 * through the core's protocol machine and every reply is written whole
 * before the next wait, so a stop signal ends the loop between replies.
 * A partial frame followed by idle_ms of silence is dropped
 * (hes_proto_idle), so it cannot swallow the next request.
 *
 * With drop_after > 0, each boot gets only its first drop_after replies;
 * later requests are read and logged but never answered, as if the HES died
 * mid-boot (for tests: EL3's next call times out, deterministically, where
 * a closed socket could lose the last reply in QEMU's chardev).
 *
 * "ready ENDPOINT" goes to stdout once QEMU can connect (--listen), or
 * once the daemon first reached QEMU (--connect), so scripts can wait for it.
 */
#pragma once

#include <hes/hes.h>

#include "transport.h"

/* Serves connections until a stop signal (0) or a fatal transport error (-1). */
int hesd_serve(struct hes *h, struct hesd_transport *t, int idle_ms, unsigned int drop_after);
