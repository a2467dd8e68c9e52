/*
 * System test: a realm's general and FP/SIMD registers survive many exits
 * (and the RMM hashing for it in between) while the host clobbers its own,
 * and the host's FP/SIMD registers survive every REC_ENTER.
 */
#include <atoll/rmi.h>
#include <atoll/rsi.h>

#include "builder/realm.h"
#include "rmi/calls.h"
#include "test.h"

#define FP_IPA		0x80000UL
#define FP_S2SZ		40U
#define FP_MMIO_IPA	(1UL << (FP_S2SZ - 1U))
#define ROUNDS		1000U

extern const char fp_realm_start[], fp_realm_end[];
void host_fp_fill(uint64_t seed);
uint64_t host_fp_mismatches(uint64_t seed);

static struct host_realm fp_realm;

static void copy_program(uint64_t dst, const char *start, const char *end)
{
	uint64_t len = (uint64_t)(end - start);

	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8) {
		uint64_t v = 0;

		for (unsigned int b = 0; b < 8 && off + b < len; b++)
			v |= (uint64_t)(uint8_t)start[off + b] << (8 * b);
		mmio_write64(dst + off, v);
	}
}

/* One REC_ENTER with the host's V registers set to a pattern; false if they changed. */
static bool enter_keeping_fp(uint64_t rec, uint64_t run, uint64_t seed, uint64_t *status)
{
	mmio_write64(run, REC_ENTER_FLAG_EMULATED_MMIO);
	host_fp_fill(seed);
	*status = rmi_call(RMI_REC_ENTER, rec, run, 0, 0, 0).x[0];
	return host_fp_mismatches(seed) == 0U;
}

TEST(realm_and_host_registers_preserved_over_2000_entries)
{
	struct rmi_realm_params p;
	uint64_t gprs[8] = { 0, 0, 0, 0, 0, 0, 0, FP_MMIO_IPA };
	uint64_t src = host_alloc_granule(), run = host_alloc_granule(), rec, status;

	copy_program(src, fp_realm_start, fp_realm_end);
	host_realm_params_init(&p, FP_S2SZ, 0);
	CHECK_EQ(host_realm_create(&fp_realm, &p), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&fp_realm, FP_IPA, 3), RMI_SUCCESS);
	CHECK_EQ(host_realm_init_ripas(&fp_realm, FP_IPA, FP_IPA + GRANULE_SIZE), RMI_SUCCESS);
	CHECK_EQ(host_realm_data_create(&fp_realm, FP_IPA, src, true), RMI_SUCCESS);
	CHECK_EQ(host_realm_rec_create(&fp_realm, FP_IPA, gprs, true, &rec), RMI_SUCCESS);
	CHECK_EQ(host_realm_activate(&fp_realm), RMI_SUCCESS);

	for (uint64_t i = 1; i <= ROUNDS; i++) {
		/* The first entry has no MMIO to complete: the flag is refused then. */
		if (i == 1U) {
			mmio_write64(run, 0);
			CHECK_EQ(rmi_call(RMI_REC_ENTER, rec, run, 0, 0, 0).x[0], RMI_SUCCESS);
		} else {
			CHECK(enter_keeping_fp(rec, run, i * 0x100000001ULL, &status));
			CHECK_EQ(status, RMI_SUCCESS);
		}
		CHECK_EQ(mmio_read64(run + 0x800), RMI_EXIT_SYNC);
		CHECK_EQ(mmio_read64(run + 0xA00), i);		/* x11 kept its count */
		CHECK(enter_keeping_fp(rec, run, ~i, &status));
		CHECK_EQ(status, RMI_SUCCESS);
		CHECK_EQ(mmio_read64(run + 0xA00), 2U * i);	/* d5 kept its count */
	}
	CHECK_EQ(host_realm_teardown(&fp_realm), RMI_SUCCESS);
}
