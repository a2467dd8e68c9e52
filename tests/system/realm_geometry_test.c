/*
 * System test for issue 13 item 1 on the real RMM: REALM_CREATE with a
 * (rtt_level_start, s2sz) pair that needs no valid root count and
 * rtt_num_start = 0 used to succeed, and the realm's walks then started in
 * any granule the host named through the IPA. On QEMU that includes the
 * RMM's own image and data (tracked DRAM at 0x40100000), which hold the
 * attestation key. Every such REALM_CREATE must fail with INPUT and leave
 * the RD DELEGATED, and nothing can be read through the would-be realm.
 */
#include <atoll/rmi.h>

#include "host.h"
#include "rmi/calls.h"
#include "test.h"

#define RMM_IMAGE_PA	0x40100000ULL

/* RmiRealmParams in an NS granule, written word by word (the host's memory is Device). */
static uint64_t write_params(uint64_t pa, uint64_t s2sz, int64_t sl, uint32_t num,
			     uint64_t rtt_base)
{
	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8U)
		mmio_write64(pa + off, 0);
	mmio_write64(pa + 0x008, s2sz);
	mmio_write64(pa + 0x018, 1);		/* num_bps */
	mmio_write64(pa + 0x020, 1);		/* num_wps */
	mmio_write64(pa + 0x030, RMI_HASH_SHA_256);
	mmio_write64(pa + 0x800, 9);		/* vmid */
	mmio_write64(pa + 0x808, rtt_base);
	mmio_write64(pa + 0x810, (uint64_t)sl);
	mmio_write64(pa + 0x818, num);
	return pa;
}

TEST(realm_create_rtt_num_start_zero_refused)
{
	static const struct { int64_t sl; uint64_t s2sz; } bad[] = {
		{ 3, 48 }, { 3, 32 }, { 2, 35 }, { 2, 48 }, { 1, 44 }, { 0, 39 }, { -1, 48 }, { 4, 40 },
	};
	uint64_t rd = host_alloc_granule(), params = host_alloc_granule(), root = host_alloc_granule();

	CHECK_EQ(rmi_granule_delegate(rd), RMI_SUCCESS);
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_params(params, bad[i].s2sz, bad[i].sl, 0, 0);
		CHECK_EQ(rmi_call(RMI_REALM_CREATE, rd, params, 0, 0, 0).x[0], RMI_ERROR_INPUT);
	}
	/* Through the refused realm, the RMM's own image is out of reach: rd is no RD. */
	CHECK_EQ(rmi_call(RMI_RTT_READ_ENTRY, rd, RMM_IMAGE_PA << 9, 3, 0, 0).x[0],
		 RMI_ERROR_INPUT);
	/* Nothing changed: the RD is still DELEGATED, and takes valid params of the same kind. */
	CHECK_EQ(rmi_granule_delegate(root), RMI_SUCCESS);
	write_params(params, 40, 1, 2, root);
	CHECK_EQ(rmi_call(RMI_REALM_CREATE, rd, params, 0, 0, 0).x[0], RMI_ERROR_INPUT);
	write_params(params, 40, 0, 1, root);
	CHECK_EQ(rmi_call(RMI_REALM_CREATE, rd, params, 0, 0, 0).x[0], RMI_SUCCESS);
	CHECK_EQ(rmi_call(RMI_REALM_DESTROY, rd, 0, 0, 0, 0).x[0], RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(rd), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(root), RMI_SUCCESS);
}
