/*
 * System tests of SVE realms (realm/payloads/sve.c): a realm with SVE at a
 * vector length other than the host's keeps its Z/P/FFR registers over
 * many exits (host calls, WFI, MMIO, the host's tick IRQs), and after every
 * REC_ENTER the host's own SVE registers are intact and hold none of the
 * realm's values, read at the longest vector length; with the SMCCC SVE
 * hint, the host's FP/SIMD part is intact and still nothing of the realm's
 * shows. A realm with a shorter sve_vl sees that length (RDVL) and no more.
 * The realm without SVE (rsi_tests, features.c) gets UNDEFINED for SVE.
 */
#include <atoll/realm_image.h>
#include <lib/sve_pattern.h>
#include <lib/sve_regs.h>

#include "images/realm_images.h"
#include "rmi/calls.h"
#include "run/realm_run.h"
#include "test.h"

#define S2SZ			40U
#define HOST_SVE_LEN		3U	/* the host's vector length: 512 bits */
#define SVE_LEN_MAX		0xFU
#define CPTR_EL2_TZ_TFP		((1ULL << 8) | (1ULL << 10))
#define TICK			50000U	/* counter ticks a REC runs before an IRQ exit */
#define REALM_SVE_TAG		0x5EA1U	/* realm/payloads/sve.c's */

static struct realm_vm vm;
static uint8_t host_regs[SVE_REGS_MAX_SIZE] __attribute__((aligned(16)));
static uint8_t readback[SVE_REGS_MAX_SIZE] __attribute__((aligned(16)));
static const struct sve_pattern host_pattern = { 0x4057U, false, 0x77 };
static const struct sve_pattern realm_pattern = { REALM_SVE_TAG, true, 0 };

static void zcr_el2_set(uint64_t len)
{
	__asm__ volatile("msr S3_4_C1_C2_0, %0\n\tisb" : : "r"(len) : "memory");
}

/* SVE for the host itself (NS-EL2): not trapped, at vector length len. */
static void host_sve_enable(uint64_t len)
{
	uint64_t cptr;

	__asm__ volatile("mrs %0, cptr_el2" : "=r"(cptr));
	__asm__ volatile("msr cptr_el2, %0\n\tisb" : : "r"(cptr & ~CPTR_EL2_TZ_TFP) : "memory");
	zcr_el2_set(len);
}

static void load(const uint8_t *buf, uint64_t vl)
{
	sve_regs_load(buf, buf + 16U * vl, buf + 32U * vl);
}

static void store(uint8_t *buf, uint64_t vl)
{
	sve_regs_store(buf, buf + 16U * vl, buf + 32U * vl);
}

/* What the host finds in its registers after one REC_ENTER. */
struct host_view {
	uint64_t changed;	/* bytes of its own state that changed (and FPCR, FPSR, ZCR_EL1) */
	uint64_t realm;		/* words or bytes carrying the realm's marks */
};

/*
 * The host's FP control and status and its (NS) EL1 vector length, unlike
 * the realm's (realm/payloads/sve.c sets FPCR RMode 1 and FZ, FPSR IXC and
 * ZCR_EL1.LEN 15): DN and RMode 3, QC and IOC, LEN 2.
 */
#define HOST_FPCR		0x02C00000ULL
#define HOST_FPSR		0x08000001ULL
#define HOST_ZCR_EL1		2ULL

static void host_fp_controls_set(void)
{
	__asm__ volatile("msr fpcr, %0\n\tmsr fpsr, %1\n\tmsr S3_0_C1_C2_0, %2\n\tisb"
			 : : "r"(HOST_FPCR), "r"(HOST_FPSR), "r"(HOST_ZCR_EL1) : "memory");
}

static uint64_t host_fp_controls_changed(void)
{
	uint64_t fpcr, fpsr, zcr;

	__asm__ volatile("mrs %0, fpcr\n\tmrs %1, fpsr\n\tmrs %2, S3_0_C1_C2_0"
			 : "=r"(fpcr), "=r"(fpsr), "=r"(zcr));
	return (fpcr != HOST_FPCR) + (fpsr != HOST_FPSR) + (zcr != HOST_ZCR_EL1);
}

/*
 * The host's registers at its own length (all of them, or with the hint
 * only the V part), then everything at the longest length, where nothing
 * of the realm's may be; then its pattern is put back.
 */
static void host_check(struct host_view *v, uint64_t host_vl, bool fp_only)
{
	uint64_t max_vl;

	v->changed += host_fp_controls_changed();
	store(readback, host_vl);
	v->changed += fp_only ? sve_pattern_v_mismatches(readback, host_vl, &host_pattern)
			      : sve_pattern_mismatches(readback, host_vl, &host_pattern);
	zcr_el2_set(SVE_LEN_MAX);
	max_vl = sve_vl_bytes();
	store(readback, max_vl);
	v->realm += sve_pattern_foreign(readback, max_vl, &realm_pattern);
	zcr_el2_set(HOST_SVE_LEN);
	load(host_regs, host_vl);
}

/* The realm's longest vector length: RMI_FEATURES's SVE_VL (VL/128 - 1). */
static unsigned int max_sve_vl(void)
{
	uint64_t feat0 = rmi_call(RMI_FEATURES, 0, 0, 0, 0, 0).x[1];

	return (feat0 & RMI_FEAT0_SVE_EN) != 0U ? (unsigned int)((feat0 >> RMI_FEAT0_SVE_VL_SHIFT) & 0xFU)
						 : ~0U;
}

/*
 * Loads the sve payload with sve_vl, runs it to the end with the tick on,
 * checking the host's registers after every REC_ENTER (with the SVE hint
 * if asked), and checks what the realm reported: SVE in its ID registers,
 * RDVL 16 with ZCR_EL1.LEN 0 and its own vector length at LEN 15, its
 * registers intact over 200 rounds of exits.
 */
static void run_sve_realm(unsigned int sve_vl, bool hint, struct host_view *view)
{
	const struct realm_vm_config cfg = { .name = "sve", .s2sz = S2SZ, .level_start = 0,
					     .num_recs = 1, .sve = true, .sve_vl = sve_vl };
	unsigned int passed = 0, failed = 1;
	uint64_t host_vl;

	host_sve_enable(HOST_SVE_LEN);
	host_vl = sve_vl_bytes();
	CHECK_EQ(host_vl, (HOST_SVE_LEN + 1U) * 16U);
	sve_pattern_fill(host_regs, host_vl, &host_pattern);
	load(host_regs, host_vl);
	host_fp_controls_set();

	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(sve)), RMI_SUCCESS);
	if (test_failed())
		return;
	vm.tick = TICK;
	vm.sve_hint = hint;
	host_tick_init();
	while (realm_vm_step(&vm, 0))
		host_check(view, host_vl, hint);
	host_tick_arm(0);
	CHECK_EQ(vm.state, REALM_VM_SYSTEM_OFF);
	CHECK(realm_vm_closing_line(&vm, "realm", &passed, &failed));
	CHECK_EQ(failed, 0);
	CHECK_EQ(passed, 3);
	CHECK(vm.values_seen);
	CHECK(vm.values[0] != 0U);			/* ID_AA64PFR0_EL1.SVE */
	CHECK_EQ(vm.values[1], 16);			/* RDVL at ZCR_EL1.LEN 0 */
	CHECK_EQ(vm.values[2], (sve_vl + 1U) * 16U);	/* at LEN 15: the realm's length */
	CHECK_EQ(vm.values[3], 200);
	CHECK_EQ(vm.values[4], 0);
	/* Every kind of exit happened while the realm's registers were live. */
	CHECK(vm.exits[RMI_EXIT_IRQ] > 0U);
	CHECK(vm.exits[RMI_EXIT_HOST_CALL] >= 200U);
	/* QEMU does not trap a WFI while an interrupt (the tick) is pending: not one per round. */
	CHECK(vm.counts[REALM_EXIT_COUNT_WFI] > 0U);
	CHECK(vm.counts[REALM_EXIT_COUNT_MMIO_WRITE] > 0U);
	realm_vm_print_stats(&vm);
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
}

TEST(realm_sve_registers_survive_exits_and_host_keeps_its_own)
{
	struct host_view view = { 0, 0 };
	unsigned int max = max_sve_vl();

	/* QEMU's -cpu max: 2048-bit vectors, other than the host's 512. */
	CHECK_EQ(max, 15);
	run_sve_realm(max, false, &view);
	CHECK_EQ(view.changed, 0);
	CHECK_EQ(view.realm, 0);
}

TEST(realm_sve_with_host_sve_hint_leaks_nothing)
{
	struct host_view view = { 0, 0 };

	run_sve_realm(max_sve_vl(), true, &view);
	CHECK_EQ(view.changed, 0);
	CHECK_EQ(view.realm, 0);
}

TEST(realm_sve_vl_shorter_than_max_is_what_realm_sees)
{
	struct host_view view = { 0, 0 };

	/* 256-bit vectors: shorter than both the maximum and the host's. */
	run_sve_realm(1, false, &view);
	CHECK_EQ(view.changed, 0);
	CHECK_EQ(view.realm, 0);
}

/*
 * A host in SME streaming mode (PSTATE.SM = 1, which EL3 leaves as it is
 * across the world switch) calls the RMM: its commands that hash or run a
 * realm must neither stop the RMM (SVE and FP/SIMD instructions trap at
 * R-EL2 in streaming mode, CPTR_EL2.TSM) nor run the realm in streaming
 * mode, and the host must get back its streaming Z/P/FFR at its streaming
 * vector length, and nothing of the realm's.
 */
#define ID_PFR1_SME(v)		(((v) >> 24) & 0xFU)
#define ID_SMFR0_FA64		(1ULL << 63)
#define CPTR_EL2_TSM		(1ULL << 12)
#define SMCR_FA64		(1ULL << 31)
#define HOST_SME_LEN		1U	/* streaming vector length 256 bits, unlike ZCR_EL2's 512 */
#define SVCR_SM			1ULL

static uint64_t svcr_read(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, S3_3_C4_C2_2" : "=r"(v));	/* SVCR */
	return v;
}

static void host_streaming(bool on)
{
	if (on)
		__asm__ volatile(".arch_extension sme\n\tsmstart sm" ::: "memory");
	else
		__asm__ volatile(".arch_extension sme\n\tsmstop sm" ::: "memory");
}

TEST(host_in_streaming_mode_keeps_its_state_and_realm_runs_normally)
{
	const struct realm_vm_config cfg = { .name = "sve", .s2sz = S2SZ, .level_start = 0,
					     .num_recs = 1, .sve = true, .sve_vl = max_sve_vl() };
	static const struct sve_pattern streaming = { 0x55EEU, false, 0x99 };
	unsigned int passed = 0, failed = 1;
	uint64_t pfr1, smfr0, cptr, svl, changed, foreign, svcr_after;

	__asm__ volatile("mrs %0, id_aa64pfr1_el1" : "=r"(pfr1));
	__asm__ volatile("mrs %0, S3_0_C0_C4_5" : "=r"(smfr0));	/* ID_AA64SMFR0_EL1 */
	CHECK(ID_PFR1_SME(pfr1) != 0U);		/* QEMU's -cpu max has SME, with FA64 */
	CHECK((smfr0 & ID_SMFR0_FA64) != 0U);
	if (test_failed())
		return;
	host_sve_enable(HOST_SVE_LEN);
	__asm__ volatile("mrs %0, cptr_el2" : "=r"(cptr));
	__asm__ volatile("msr cptr_el2, %0\n\tisb" : : "r"(cptr & ~CPTR_EL2_TSM) : "memory");
	__asm__ volatile("msr S3_4_C1_C2_6, %0\n\tisb" : : "r"(SMCR_FA64 | HOST_SME_LEN)
			 : "memory");	/* SMCR_EL2 */
	host_streaming(true);
	svl = sve_vl_bytes();
	sve_pattern_fill(host_regs, svl, &streaming);
	load(host_regs, svl);
	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(sve)), RMI_SUCCESS);
	while (!test_failed() && realm_vm_step(&vm, 0))
		;
	svcr_after = svcr_read();
	store(readback, svl);
	changed = sve_pattern_mismatches(readback, svl, &streaming);
	foreign = sve_pattern_foreign(readback, svl, &realm_pattern);
	host_streaming(false);
	CHECK_EQ(svl, (HOST_SME_LEN + 1U) * 16U);
	CHECK_EQ(svcr_after & SVCR_SM, SVCR_SM);
	CHECK_EQ(changed, 0);
	CHECK_EQ(foreign, 0);
	CHECK_EQ(vm.state, REALM_VM_SYSTEM_OFF);
	CHECK(realm_vm_closing_line(&vm, "realm", &passed, &failed));
	CHECK_EQ(failed, 0);
	CHECK_EQ(passed, 3);
	CHECK_EQ(vm.values[2], (cfg.sve_vl + 1U) * 16U);	/* its own vector length, not the SVL */
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
}
