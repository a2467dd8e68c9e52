/*
 * A launcher's services for a realm that talks to the outside (docs/demo-ml.md):
 * its byte channels (REALM_HC_CHANNEL_OPEN/WAIT, include/atoll/realm_image.h),
 * each relayed to a virtio console (channel_relay.h), and a store of NS pages
 * the launcher keeps across realms (REALM_HC_STORE_MAP): what a realm hands
 * it to keep, such as a sealed blob, survives the realm's destruction and
 * re-creation within one run of the launcher.
 *
 * Install with realm_ports_attach() after realm_vm_load(); after the realm
 * is destroyed, realm_ports_detach() forgets its channels (the consoles and
 * the store stay).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/realm_image.h>

#include "builder/realm_vm.h"
#include "devices/virtio_console.h"
#include "run/channel_relay.h"

struct realm_port {
	struct virtio_console *con;	/* NULL: this launcher has no device for the channel */
	bool open;
	uint64_t page;			/* the NS granule of the channel's page */
	struct channel_relay relay;
	uint64_t moved;			/* bytes relayed either way for this realm, for the log */
};

struct realm_ports {
	struct realm_port port[REALM_CHANNELS];
	uint64_t store_pa;		/* REALM_STORE_MAX bytes of NS memory, 0 until first mapped */
};

/* Channel i relays to cons[i] (NULL: none). */
void realm_ports_init(struct realm_ports *p, struct virtio_console *cons[REALM_CHANNELS]);

/* Serves vm's channel and store host calls from now on. */
void realm_ports_attach(struct realm_ports *p, struct realm_vm *vm);

/*
 * The realm has stopped: what it wrote is relayed out (for up to limit_ms),
 * then its channels are closed; their consoles and the store are kept.
 */
void realm_ports_detach(struct realm_ports *p, uint64_t limit_ms);
