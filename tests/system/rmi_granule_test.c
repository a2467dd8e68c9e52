/* System tests: RMI_GRANULE_DELEGATE / UNDELEGATE and the GPT effects. */
#include <atoll/rmi.h>

#include "rmi/calls.h"
#include "test.h"

#define RMM_IMAGE_BASE		0x40100000UL
#define RMM_SHARED_PAGE		0x418FF000UL
#define GIC_DIST_BASE		0x08000000UL
#define SECURE_DRAM		0x0e001000UL
#define DRAM_END		0x100000000UL
#define HOST_IMAGE_BASE		0x60000000UL

/* ESR for a data abort at the current EL with a Granule Protection Fault. */
#define ESR_EC(esr)		(((esr) >> 26) & 0x3FU)
#define ESR_DFSC(esr)		((esr) & 0x3FU)
#define EC_DABORT_CUR		0x25U
#define DFSC_GPF		0x28U

TEST(delegate_undelegate_success)
{
	uint64_t pa = host_alloc_granule();

	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
	/* And again: the granule is back to UNDELEGATED. */
	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
}

TEST(delegate_unaligned)
{
	uint64_t pa = host_alloc_granule();

	CHECK_EQ(rmi_granule_delegate(pa + 8), RMI_ERROR_INPUT);
	CHECK_EQ(rmi_granule_delegate(pa + 0x800), RMI_ERROR_INPUT);
	/* Nothing changed: the aligned granule still delegates. */
	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
}

TEST(undelegate_unaligned)
{
	uint64_t pa = host_alloc_granule();

	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(pa + 0x10), RMI_ERROR_INPUT);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
}

TEST(delegate_outside_dram_banks)
{
	static const uint64_t addrs[] = { 0, GIC_DIST_BASE, SECURE_DRAM, DRAM_END,
					  0x200000000UL, 0xFFFFFFFFFFFFF000ULL };

	for (unsigned int i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++)
		CHECK_EQ(rmi_granule_delegate(addrs[i]), RMI_ERROR_INPUT);
}

TEST(undelegate_outside_dram_banks)
{
	static const uint64_t addrs[] = { 0, GIC_DIST_BASE, SECURE_DRAM, DRAM_END,
					  0xFFFFFFFFFFFFF000ULL };

	for (unsigned int i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++)
		CHECK_EQ(rmi_granule_undelegate(addrs[i]), RMI_ERROR_INPUT);
}

TEST(delegate_already_delegated)
{
	uint64_t pa = host_alloc_granule();

	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_delegate(pa), RMI_ERROR_INPUT);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
}

TEST(undelegate_not_delegated)
{
	uint64_t pa = host_alloc_granule();

	CHECK_EQ(rmi_granule_undelegate(pa), RMI_ERROR_INPUT);
	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_ERROR_INPUT);
}

TEST(delegate_rmm_memory_not_ns)
{
	/* Tracked by the manifest bank, but the GPT says Realm: EL3 refuses. */
	CHECK_EQ(rmi_granule_delegate(RMM_IMAGE_BASE), RMI_ERROR_INPUT);
	CHECK_EQ(rmi_granule_delegate(RMM_IMAGE_BASE + 0x100000UL), RMI_ERROR_INPUT);
	CHECK_EQ(rmi_granule_undelegate(RMM_IMAGE_BASE), RMI_ERROR_INPUT);
}

TEST(delegate_shared_page_not_ns)
{
	CHECK_EQ(rmi_granule_delegate(RMM_SHARED_PAGE), RMI_ERROR_INPUT);
	CHECK_EQ(rmi_granule_undelegate(RMM_SHARED_PAGE), RMI_ERROR_INPUT);
}

TEST(ns_access_to_delegated_granule_faults)
{
	uint64_t pa = host_alloc_granule();
	struct host_fault f;
	uint64_t v;

	mmio_write64(pa, 0x5A5A5A5A5A5A5A5AULL);
	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);

	host_fault_expect();
	v = mmio_read64(pa);
	f = host_fault_end();
	(void)v;
	CHECK(f.taken);
	CHECK_EQ(ESR_EC(f.esr), EC_DABORT_CUR);
	CHECK_EQ(ESR_DFSC(f.esr), DFSC_GPF);
	CHECK_EQ(f.far, pa);

	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
	host_fault_expect();
	v = mmio_read64(pa);
	f = host_fault_end();
	CHECK(!f.taken);
	/* Delegation scrubbed the host's data. */
	CHECK_EQ(v, 0);
}

TEST(undelegated_granule_reads_back_zero)
{
	uint64_t pa = host_alloc_granule();

	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8)
		mmio_write64(pa + off, 0xC0FFEE0000000000ULL | off);
	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8)
		CHECK_EQ(mmio_read64(pa + off), 0);
}

TEST(delegate_many_granules)
{
	uint64_t first = host_alloc_granule();
	const unsigned int n = 64;

	for (unsigned int i = 1; i < n; i++)
		(void)host_alloc_granule();
	for (unsigned int i = 0; i < n; i++)
		CHECK_EQ(rmi_granule_delegate(first + i * GRANULE_SIZE), RMI_SUCCESS);
	for (unsigned int i = 0; i < n; i++)
		CHECK_EQ(rmi_granule_undelegate(first + i * GRANULE_SIZE), RMI_SUCCESS);
}

TEST(delegate_ns_memory_below_rmm)
{
	/* The low NS bank part below the RMM is tracked and NS: it delegates. */
	uint64_t pa = 0x400FF000UL;

	CHECK_EQ(rmi_granule_delegate(pa), RMI_SUCCESS);
	CHECK_EQ(rmi_granule_undelegate(pa), RMI_SUCCESS);
}

struct second_cpu_result {
	uint64_t version;
	uint64_t delegate;
	uint64_t delegate_again;
	uint64_t undelegate;
};

static uint64_t second_cpu_granule;

static void second_cpu_work(void *arg)
{
	struct second_cpu_result *r = arg;

	r->version = rmi_call(RMI_VERSION, RMI_ABI_VERSION, 0, 0, 0, 0).x[0];
	r->delegate = rmi_granule_delegate(second_cpu_granule);
	r->delegate_again = rmi_granule_delegate(second_cpu_granule);
	r->undelegate = rmi_granule_undelegate(second_cpu_granule);
}

TEST(delegate_from_second_cpu)
{
	static struct second_cpu_result r;

	second_cpu_granule = host_alloc_granule();
	r.version = r.delegate = r.delegate_again = r.undelegate = 0xDEAD;
	CHECK(host_run_on_cpu(1, second_cpu_work, &r));
	CHECK_EQ(r.version, RMI_SUCCESS);
	CHECK_EQ(r.delegate, RMI_SUCCESS);
	CHECK_EQ(r.delegate_again, RMI_ERROR_INPUT);
	CHECK_EQ(r.undelegate, RMI_SUCCESS);
	/* The boot CPU sees the state the second CPU left. */
	CHECK_EQ(rmi_granule_undelegate(second_cpu_granule), RMI_ERROR_INPUT);
}
