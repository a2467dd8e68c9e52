/*
 * System test: a realm's memory and the RMM's objects are closed to the
 * normal world. Host loads from a running realm's DATA page, its RD and its
 * REC take a Granule Protection Fault; once torn down and undelegated the
 * same pages read back as zero.
 */
#include <atoll/realm_image.h>
#include <atoll/rmi.h>

#include "images/realm_images.h"
#include "run/realm_run.h"
#include "test.h"

#define ESR_EC(esr)	(((esr) >> 26) & 0x3FU)
#define ESR_DFSC(esr)	((esr) & 0x3FU)
#define EC_DABORT_CUR	0x25U
#define DFSC_GPF	0x28U

static struct realm_vm vm;
static const struct realm_vm_config cfg = {
	.name = "isolated", .s2sz = 40, .level_start = 1, .num_recs = 1,
	.hash_algo = RMI_HASH_SHA_256,
};

/* True if an NS-EL2 load from pa takes a Granule Protection Fault. */
static bool host_load_faults_with_gpf(uint64_t pa)
{
	struct host_fault f;

	host_fault_expect();
	(void)mmio_read64(pa);
	f = host_fault_end();
	return f.taken && ESR_EC(f.esr) == EC_DABORT_CUR && ESR_DFSC(f.esr) == DFSC_GPF &&
	       f.far == pa;
}

TEST(realm_memory_faults_for_the_host)
{
	struct host_rtt_entry e;
	uint64_t data, rd, rec;

	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(hello)), RMI_SUCCESS);
	CHECK_EQ(realm_vm_run(&vm), REALM_VM_SYSTEM_OFF);
	CHECK_EQ(host_realm_read_entry(&vm.realm, REALM_IMAGE_IPA, 3, &e), RMI_SUCCESS);
	CHECK_EQ(e.state, RMI_ASSIGNED);
	data = e.desc;
	rd = vm.realm.rd;
	rec = vm.vcpus[0].rec;

	CHECK(host_load_faults_with_gpf(data));
	CHECK(host_load_faults_with_gpf(data + 0x800));
	CHECK(host_load_faults_with_gpf(rd));
	CHECK(host_load_faults_with_gpf(rec));

	/* Torn down and undelegated: readable again, and scrubbed. */
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8) {
		CHECK_EQ(mmio_read64(data + off), 0);
		CHECK_EQ(mmio_read64(rd + off), 0);
		CHECK_EQ(mmio_read64(rec + off), 0);
	}
}
