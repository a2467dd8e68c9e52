/*
 * A realm created with SVE (RMI_REALM_FLAG_SVE): its ID registers show SVE,
 * RDVL gives the realm's vector length and no more, and its whole SVE
 * register file (Z0-Z31, P0-P15, FFR at that length) survives many exits
 * of every kind (host calls, MMIO, WFI, the host's tick IRQs) and the RMM's
 * own use of the SIMD registers (MEASUREMENT_EXTEND hashes). What it saw
 * goes to the host with REALM_HC_VALUES (tests/system/realm_sve_test.c):
 *   [0] ID_AA64PFR0_EL1.SVE  [1] RDVL with ZCR_EL1.LEN 0  [2] RDVL with LEN 15
 *   [3] rounds of exits made  [4] register bytes (and FPCR, FPSR) that changed over them
 */
#include <stdint.h>

#include <atoll/realm_image.h>
#include <lib/sve_pattern.h>
#include <lib/sve_regs.h>

#include "rsi.h"
#include "test.h"

#define CPACR_ZEN_FPEN		((3ULL << 16) | (3ULL << 20))
#define ROUNDS			200U
#define SPIN			20000U
/* The realm's image; the host's is tagged differently (realm_sve_test.c). */
#define REALM_SVE_TAG		0x5EA1U

static uint64_t values[8];
static uint8_t regs[SVE_REGS_MAX_SIZE] __attribute__((aligned(16)));
static uint8_t readback[SVE_REGS_MAX_SIZE] __attribute__((aligned(16)));

static void zcr_el1_set(uint64_t len)
{
	__asm__ volatile("msr S3_0_C1_C2_0, %0\n\tisb" : : "r"(len) : "memory");	/* ZCR_EL1 */
}

/* Z0-Z31, P0-P15 and FFR from / to one buffer at the current length vl. */
static void load(const uint8_t *buf, uint64_t vl)
{
	sve_regs_load(buf, buf + 16U * vl, buf + 32U * vl);
}

static void store(uint8_t *buf, uint64_t vl)
{
	sve_regs_store(buf, buf + 16U * vl, buf + 32U * vl);
}

TEST(id_registers_show_sve)
{
	uint64_t pfr0;

	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	values[0] = (pfr0 >> 32) & 0xFU;
	CHECK(values[0] != 0U);
}

TEST(vector_length_is_the_realms)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cpacr_el1" : "=r"(v));
	__asm__ volatile("msr cpacr_el1, %0\n\tisb" : : "r"(v | CPACR_ZEN_FPEN) : "memory");
	zcr_el1_set(0);
	values[1] = sve_vl_bytes();
	CHECK_EQ(values[1], 16);
	/* The longest the realm may ask for: it gets its sve_vl, never more. */
	zcr_el1_set(0xF);
	values[2] = sve_vl_bytes();
	CHECK(values[2] >= 16U && values[2] <= SVE_REGS_MAX_VL);
}

/*
 * One round of exits: a host call, a trapped WFI, console MMIO now and then,
 * a spin for the tick; and an RSI call the RMM answers with the SHA
 * instructions, in the SIMD registers the realm's Z registers share.
 */
static void exits(unsigned int round)
{
	const uint64_t value[RSI_VALUE_WORDS] = { round };
	uint64_t n;

	(void)realm_host_call(REALM_HC_EXIT_COUNT, REALM_EXIT_COUNT_WFI, 0, &n);
	(void)rsi_measurement_extend(1, 8, value);
	__asm__ volatile("wfi" ::: "memory");
	if (round % 50U == 0U)
		realm_printf("sve: round %u\n", round);
	for (volatile unsigned int i = 0; i < SPIN; i++)
		;
}

/* FPCR RMode 1 (towards +infinity) and FZ, FPSR IXC: unlike the host's (realm_sve_test.c). */
#define REALM_FPCR		0x01400000ULL
#define REALM_FPSR		0x10ULL

static uint64_t fp_controls_changed(void)
{
	uint64_t fpcr, fpsr;

	__asm__ volatile("mrs %0, fpcr\n\tmrs %1, fpsr" : "=r"(fpcr), "=r"(fpsr));
	return (fpcr != REALM_FPCR) + (fpsr != REALM_FPSR);
}

TEST(registers_survive_exits)
{
	const struct sve_pattern mine = { REALM_SVE_TAG, true, 0x1234 };
	uint64_t vl = sve_vl_bytes(), changed = 0;
	unsigned int round;

	sve_pattern_fill(regs, vl, &mine);
	load(regs, vl);
	__asm__ volatile("msr fpcr, %0\n\tmsr fpsr, %1" : : "r"(REALM_FPCR), "r"(REALM_FPSR));
	for (round = 0; round < ROUNDS; round++) {
		exits(round);
		/* Storing clobbers P0 (FFR goes through it): what was read goes back in. */
		store(readback, vl);
		changed += sve_pattern_mismatches(readback, vl, &mine) + fp_controls_changed();
		load(readback, vl);
	}
	values[3] = round;
	values[4] = changed;
	CHECK_EQ(changed, 0);
}

void realm_main(void)
{
	(void)realm_run_tests();
	(void)realm_report_values(values);
}
