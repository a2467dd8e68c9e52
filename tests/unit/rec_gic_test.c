/*
 * A REC's GIC virtual CPU interface around REC_ENTER: its VMCR and active
 * priorities are its own from one entry to the next, whichever CPU runs it;
 * the list registers the host hands in hold virtual INTIDs no wider than
 * the CPU implements, with no priority bits it does not implement (spec 2.4
 * REC_ENTER step 9).
 */
#include <string.h>

#include "harness.h"
#include "realm_script.h"

#define REC_ERR		RMI_ERROR_REC
/* A pending Group 1 interrupt in a list register. */
#define LR_PENDING(vintid)	((1ULL << 62) | (1ULL << 60) | (uint64_t)(vintid))

/* What REC 0 leaves in its CPU interface (VPMR 0xA0, VBPR1 4, VEOIM, VENG1), and REC 1. */
static const struct realm_gic_state gic_a = {
	.vmcr = (0xA0ULL << 24) | (4ULL << 18) | (1ULL << 9) | 2U,
	.ap0r = { 1U << 3, 0, 0, 1U << 30 },
	.ap1r = { 1U << 16, 1U << 1, 0, 0 },
};
static const struct realm_gic_state gic_b = {
	.vmcr = (0x50ULL << 24) | (6ULL << 18),
	.ap1r = { 1U << 9 },
};

/* The CPU interface as a step found it loaded. */
static struct realm_gic_state loaded;

static void leave_a(struct rec_regs *regs)
{
	(void)regs;
	memcpy(host_gic_vcpu(), &gic_a, sizeof(gic_a));
}

static void record_then_leave_b(struct rec_regs *regs)
{
	(void)regs;
	loaded = *host_gic_vcpu();
	memcpy(host_gic_vcpu(), &gic_b, sizeof(gic_b));
}

static void record(struct rec_regs *regs)
{
	(void)regs;
	loaded = *host_gic_vcpu();
}

static void assert_own_gic(const struct realm_gic_state *seen, const struct realm_gic_state *own)
{
	assert_int_equal(seen->vmcr, own->vmcr);
	assert_memory_equal(seen->ap0r, own->ap0r, sizeof(own->ap0r));
	assert_memory_equal(seen->ap1r, own->ap1r, sizeof(own->ap1r));
}

/* REC 0 on CPU 0, REC 1 on CPU 0 after it, REC 0 again on CPU 1. */
static void rec_enter_gic_vmcr_and_aprs_kept_per_rec(void **state)
{
	static const struct realm_gic_state zero;
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2, .all_runnable = true });
	rs_push(REALM_EXC_IRQ, 0, 0, 0)->hook = leave_a;
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_run(&rr)->exit.gicv3_vmcr, gic_a.vmcr);

	/* A REC that never ran starts from reset, not from what the CPU had. */
	rs_push(REALM_EXC_IRQ, 0, 0, 0)->hook = record_then_leave_b;
	rs_enter_exit(&rr, 1, 0, RMI_EXIT_IRQ);
	assert_own_gic(&loaded, &zero);
	assert_int_equal(rs_run(&rr)->exit.gicv3_vmcr, gic_b.vmcr);

	host_set_cpu(1);
	rs_push(REALM_EXC_IRQ, 0, 0, 0)->hook = record;
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	host_set_cpu(0);
	assert_own_gic(&loaded, &gic_a);
	assert_int_equal(rs_run(&rr)->exit.gicv3_vmcr, gic_a.vmcr);
}

/* The list registers are the host's at every entry, whatever the REC left in them. */
static void rec_enter_gic_lrs_from_host_each_entry(void **state)
{
	struct rmi_rec_enter *in;
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	in = &rs_run(&rr)->enter;
	in->gicv3_lrs[0] = LR_PENDING(40);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	in->gicv3_lrs[0] = 0;
	in->gicv3_lrs[1] = LR_PENDING(41);
	rs_push(REALM_EXC_IRQ, 0, 0, 0)->hook = record;
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(loaded.lrs[0], 0);
	assert_int_equal(loaded.lrs[1], LR_PENDING(41));
}

/* A CPU with 16-bit virtual INTIDs: the LPI range ends at 65535. */
struct vintid_row {
	uint64_t vintid;
	uint64_t expect;
};

static void rec_enter_gic_vintid_16_bits_row(void **state)
{
	const struct vintid_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	host_set_gic_vintid_bits(16);
	rs_run(&rr)->enter.gicv3_lrs[1] = LR_PENDING(row->vintid);
	assert_int_equal(rs_enter(&rr, 0, 0), row->expect);
	if (row->expect == RMI_SUCCESS)
		assert_int_equal(rs_run(&rr)->exit.exit_reason, RMI_EXIT_IRQ);
	else
		assert_int_equal(rs_rec(&rr, 0)->state, REC_READY);
}

/*
 * Priority bits below those the GIC implements are RES0 in a list register.
 * A refused entry leaves the REC as it was; nothing is loaded.
 */
struct priority_row {
	unsigned int pri_bits;
	uint64_t priority;
	uint64_t expect;
};

static void rec_enter_gic_priority_row(void **state)
{
	const struct priority_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	host_set_gic_pri_bits(row->pri_bits);
	rs_run(&rr)->enter.gicv3_lrs[2] = LR_PENDING(44) | (row->priority << 48);
	assert_int_equal(rs_enter(&rr, 0, 0), row->expect);
	if (row->expect == RMI_SUCCESS)
		assert_int_equal(rs_run(&rr)->exit.exit_reason, RMI_EXIT_IRQ);
	else
		assert_int_equal(rs_rec(&rr, 0)->state, REC_READY);
}

#define PRIORITY(name, ...)                                                             \
	RS_CASE(rec_enter_gic_priority_##name, rec_enter_gic_priority_row, struct priority_row, \
		__VA_ARGS__)

#define VINTID16(name, ...)                                                             \
	RS_CASE(rec_enter_gic_##name, rec_enter_gic_vintid_16_bits_row, struct vintid_row,  \
		__VA_ARGS__)

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(rec_enter_gic_vmcr_and_aprs_kept_per_rec, unit_boot_rmm),
	cmocka_unit_test_setup(rec_enter_gic_lrs_from_host_each_entry, unit_boot_rmm),
	VINTID16(vintid_65535_with_16_bits, 65535, RMI_SUCCESS),
	VINTID16(vintid_65536_beyond_16_bits, 65536, REC_ERR),
	VINTID16(vintid_2_pow_24_minus_1_beyond_16_bits, (1U << 24) - 1U, REC_ERR),
	VINTID16(vintid_1019_with_16_bits, 1019, RMI_SUCCESS),
	PRIORITY(0xf8_with_5_bits, 5, 0xF8, RMI_SUCCESS),
	PRIORITY(0xa4_res0_bit_2_with_5_bits, 5, 0xA4, REC_ERR),
	PRIORITY(0x01_res0_bit_0_with_5_bits, 5, 0x01, REC_ERR),
	PRIORITY(0xfc_with_6_bits, 6, 0xFC, RMI_SUCCESS),
	PRIORITY(0xfe_res0_bit_1_with_6_bits, 6, 0xFE, REC_ERR),
	PRIORITY(0xff_with_8_bits, 8, 0xFF, RMI_SUCCESS),
};

UNIT_GROUP(rec_gic_tests, tests, NULL);
