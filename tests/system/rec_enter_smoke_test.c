/* System test: a realm runs, makes an RSI call and MMIO accesses, and powers off. */
#include <atoll/rmi.h>
#include <atoll/rsi.h>
#include <atoll/smccc.h>

#include "builder/realm.h"
#include "rmi/calls.h"
#include "test.h"

#define SMOKE_IPA	0x80000UL
#define SMOKE_S2SZ	40U
#define SMOKE_MMIO_IPA	(1UL << (SMOKE_S2SZ - 1U))
#define EC_DABORT_LOWER	0x24U

extern const char rec_enter_smoke_start[], rec_enter_smoke_end[];

static struct host_realm smoke;

static uint64_t run_field(uint64_t run, uint64_t offset)
{
	return mmio_read64(run + offset);
}

/* REC_ENTER; returns x0 and leaves the exit in the run page. */
static uint64_t enter(uint64_t rec, uint64_t run, uint64_t flags, uint64_t gpr0)
{
	mmio_write64(run + 0x000, flags);
	mmio_write64(run + 0x200, gpr0);
	return rmi_call(RMI_REC_ENTER, rec, run, 0, 0, 0).x[0];
}

static void load_program(uint64_t src)
{
	uint64_t len = (uint64_t)(rec_enter_smoke_end - rec_enter_smoke_start);

	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8) {
		uint64_t v = 0;

		for (unsigned int b = 0; b < 8; b++) {
			if (off + b < len)
				v |= (uint64_t)(uint8_t)rec_enter_smoke_start[off + b] << (8 * b);
		}
		mmio_write64(src + off, v);
	}
}

TEST(rec_enter_runs_realm_mmio_and_psci_exits)
{
	struct rmi_realm_params p;
	uint64_t gprs[8] = { 0, 0, 0, 0, 0, 0, 0, SMOKE_MMIO_IPA };
	uint64_t src = host_alloc_granule(), run = host_alloc_granule(), rec;
	const uint64_t exit_base = 0x800;

	load_program(src);
	host_realm_params_init(&p, SMOKE_S2SZ, 0);
	CHECK_EQ(host_realm_create(&smoke, &p), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&smoke, SMOKE_IPA, 3), RMI_SUCCESS);
	CHECK_EQ(host_realm_init_ripas(&smoke, SMOKE_IPA, SMOKE_IPA + GRANULE_SIZE), RMI_SUCCESS);
	CHECK_EQ(host_realm_data_create(&smoke, SMOKE_IPA, src, true), RMI_SUCCESS);
	CHECK_EQ(host_realm_rec_create(&smoke, SMOKE_IPA, gprs, true, &rec), RMI_SUCCESS);
	CHECK_EQ(host_realm_activate(&smoke), RMI_SUCCESS);

	/* Exit 1: RSI_VERSION's status written to the emulated MMIO page. */
	CHECK_EQ(enter(rec, run, 0, 0), RMI_SUCCESS);
	CHECK_EQ(run_field(run, exit_base + 0x000), RMI_EXIT_SYNC);
	CHECK_EQ(run_field(run, exit_base + 0x100) >> 26, EC_DABORT_LOWER);
	CHECK_EQ(run_field(run, exit_base + 0x110), SMOKE_MMIO_IPA >> 8);
	CHECK_EQ(run_field(run, exit_base + 0x200), RSI_SUCCESS);
	/* Exit 2: the lower version. */
	CHECK_EQ(enter(rec, run, REC_ENTER_FLAG_EMULATED_MMIO, 0), RMI_SUCCESS);
	CHECK_EQ(run_field(run, exit_base + 0x200), RSI_ABI_VERSION);
	/* Exit 3: a read; exit 4 writes back what the host returned, plus one. */
	CHECK_EQ(enter(rec, run, REC_ENTER_FLAG_EMULATED_MMIO, 0), RMI_SUCCESS);
	CHECK_EQ((run_field(run, exit_base + 0x100) >> 6) & 1U, 0);	/* WnR = read */
	CHECK_EQ(enter(rec, run, REC_ENTER_FLAG_EMULATED_MMIO, 0x1233), RMI_SUCCESS);
	CHECK_EQ(run_field(run, exit_base + 0x200), 0x1234);
	/* Exit 5: ID_AA64PFR0_EL1 as the realm sees it: AArch64 EL1, no SVE. */
	CHECK_EQ(enter(rec, run, REC_ENTER_FLAG_EMULATED_MMIO, 0), RMI_SUCCESS);
	CHECK(((run_field(run, exit_base + 0x200) >> 4) & 0xFU) != 0U);
	CHECK_EQ((run_field(run, exit_base + 0x200) >> 32) & 0xFU, 0);
	/* Exit 6: PSCI SYSTEM_OFF, then the realm cannot be entered again. */
	CHECK_EQ(enter(rec, run, REC_ENTER_FLAG_EMULATED_MMIO, 0), RMI_SUCCESS);
	CHECK_EQ(run_field(run, exit_base + 0x000), RMI_EXIT_PSCI);
	CHECK_EQ(run_field(run, exit_base + 0x200), PSCI_SYSTEM_OFF);
	CHECK_EQ(enter(rec, run, 0, 0), RMI_STATUS(RMI_ERROR_REALM, 1));
	CHECK_EQ(host_realm_teardown(&smoke), RMI_SUCCESS);
}
