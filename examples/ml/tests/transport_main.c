/* The transport suite: the launcher's virtio-console driver, the realm's byte channel, the relay. */
#include "test_groups.h"

extern const struct test_group virtio_init, virtio_transfer, virtio_faults, byte_ring, channel_relay;

int main(void)
{
	static const struct test_group *const groups[] = {
		&virtio_init, &virtio_transfer, &virtio_faults, &byte_ring, &channel_relay,
	};

	return test_groups_run("transport", groups, sizeof(groups) / sizeof(groups[0]));
}
