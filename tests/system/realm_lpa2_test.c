/*
 * System test of an LPA2 realm: s2sz 52 with the stage-2 walk starting at
 * level -1 (a root of 16 entries, VTCR_EL2.DS and SL2). The hello realm
 * is built in it (RTTs from level 0 down, measured DATA, a REC), runs to
 * SYSTEM_OFF printing through its console at 2^51 + offset, and the host
 * reads the entries back at every level.
 */
#include <atoll/realm_image.h>

#include "images/realm_images.h"
#include "rmi/calls.h"
#include "run/realm_run.h"
#include "test.h"

#define S2SZ_52		52U
#define UNPROTECTED_52	(1ULL << 51)

static struct realm_vm vm;

static struct rmi_ret read_entry(uint64_t ipa, int64_t level)
{
	return rmi_call(RMI_RTT_READ_ENTRY, vm.realm.rd, ipa, (uint64_t)level, 0, 0);
}

TEST(realm_lpa2_s2sz_52_level_minus_1_maps_runs_and_reads_back)
{
	const struct realm_vm_config cfg = { .name = "lpa2", .s2sz = S2SZ_52, .level_start = -1,
					     .num_recs = 1, .lpa2 = true };
	uint64_t feat0 = rmi_call(RMI_FEATURES, 0, 0, 0, 0, 0).x[1];
	struct rmi_ret e;
	uint64_t table;

	CHECK((feat0 & RMI_FEAT0_LPA2) != 0U);
	CHECK_EQ(feat0 & 0xFFU, S2SZ_52);
	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(hello)), RMI_SUCCESS);
	if (test_failed())
		return;
	CHECK_EQ(vm.realm.num_root_rtts, 1);
	/* The root's entry 0 is a table (level 0); walks go -1, 0, 1, 2, 3. */
	e = read_entry(0, -1);
	CHECK_EQ(e.x[0], RMI_SUCCESS);
	CHECK_EQ(e.x[1], (uint64_t)-1);
	CHECK_EQ(e.x[2], RMI_TABLE);
	table = e.x[3];
	for (int64_t level = 0; level < 3; level++) {
		e = read_entry(0, level);
		CHECK_EQ(e.x[0], RMI_SUCCESS);
		CHECK_EQ(e.x[1], (uint64_t)level);
		CHECK_EQ(e.x[2], RMI_TABLE);
		CHECK(e.x[3] != table);
		table = e.x[3];
	}
	e = read_entry(REALM_IMAGE_IPA, 3);
	CHECK_EQ(e.x[1], 3);
	CHECK_EQ(e.x[2], RMI_ASSIGNED);
	CHECK_EQ(e.x[4], RMI_RAM);
	/* The Unprotected half's root entries stay UNASSIGNED_NS; the walk stops at -1. */
	e = read_entry(UNPROTECTED_52, 3);
	CHECK_EQ(e.x[1], (uint64_t)-1);
	CHECK_EQ(e.x[2], RMI_UNASSIGNED);

	CHECK_EQ(realm_vm_run(&vm), REALM_VM_SYSTEM_OFF);
	realm_vm_print_stats(&vm);
	CHECK(vm.output_len > 0U);
	CHECK(vm.counts[REALM_EXIT_COUNT_MMIO_WRITE] > 0U);
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
	CHECK_EQ(vm.realm.ledger.num_granules, 0);
}
