/* Realm start-up, secondary RECs, host calls and EL1 exceptions. */
#include <stddef.h>

#include <atoll/realm_image.h>
#include <atoll/smccc.h>
#include <lib/exception_frame.h>

#include "realm.h"
#include "rsi.h"
#include "runtime.h"

/* Vector kind of a synchronous exception from the current EL with SP_EL1. */
#define VECTOR_SYNC_CURRENT_SPX	4U

extern char realm_secondary_entry[];

_Noreturn void realm_start(void)
{
	/* Without the console nothing can be reported: stop at once. */
	if (!realm_console_init())
		psci_system_off();
	realm_main();
	psci_system_off();
}

_Noreturn void realm_secondary_start(uint64_t context)
{
	struct realm_cpu_work *work = (struct realm_cpu_work *)(uintptr_t)context;

	if (work != NULL && work->fn != NULL)
		work->fn(work->arg);
	(void)psci_cpu_off();
	realm_printf("realm: CPU_OFF returned on %lx\n", realm_mpidr());
	psci_system_off();
}

uint64_t realm_secondary_entry_ipa(void)
{
	return (uint64_t)(uintptr_t)realm_secondary_entry;
}

int64_t realm_cpu_on(unsigned int cpu, struct realm_cpu_work *work)
{
	return psci_cpu_on(cpu, realm_secondary_entry_ipa(), (uint64_t)(uintptr_t)work);
}

uint64_t realm_host_call(unsigned int imm, uint64_t a0, uint64_t a1, uint64_t *result)
{
	/* On the stack: RECs make host calls independently of each other. */
	struct rsi_host_call hc __attribute__((aligned(256))) = { 0 };
	uint64_t status;

	hc.imm = (uint16_t)imm;
	hc.gprs[0] = a0;
	hc.gprs[1] = a1;
	status = rsi_host_call(&hc);
	if (result != NULL)
		*result = hc.gprs[0];
	return status;
}

uint64_t realm_report_values(const uint64_t values[8])
{
	struct rsi_host_call hc __attribute__((aligned(256))) = { 0 };

	hc.imm = REALM_HC_VALUES;
	for (unsigned int i = 0; i < 8U; i++)
		hc.gprs[i] = values[i];
	return rsi_host_call(&hc);
}

/* ---- PSTATE fields ---- */

/* ID register field [shift+3:shift] (MRS by encoding: the realm reads the RMM's emulation). */
#define ID_FIELD(reg, shift)	((read_id_##reg() >> (shift)) & 0xFU)
#define ID_READER(name, enc)                                             \
	static uint64_t read_id_##name(void)                             \
	{                                                                \
		uint64_t v;                                              \
		__asm__ volatile("mrs %0, " enc : "=r"(v));              \
		return v;                                                \
	}
ID_READER(pfr0, "S3_0_C0_C4_0")
ID_READER(pfr1, "S3_0_C0_C4_1")
ID_READER(mmfr1, "S3_0_C0_C7_1")
ID_READER(mmfr2, "S3_0_C0_C7_2")

uint64_t realm_pstate_fields(void)
{
	uint64_t f = REALM_PSTATE_DAIF | REALM_PSTATE_SPSEL;

	if (ID_FIELD(mmfr1, 20) != 0U)
		f |= REALM_PSTATE_PAN;
	if (ID_FIELD(mmfr2, 4) != 0U)
		f |= REALM_PSTATE_UAO;
	if (ID_FIELD(pfr0, 48) != 0U)
		f |= REALM_PSTATE_DIT;
	if (ID_FIELD(pfr1, 4) >= 2U)	/* the MRS/MSR SSBS register forms are FEAT_SSBS2 */
		f |= REALM_PSTATE_SSBS;
	if (ID_FIELD(pfr1, 36) != 0U)
		f |= REALM_PSTATE_ALLINT;
	return f;
}

/* Each PSTATE field by its own register (by encoding: no assembler feature needed). */
#define PSTATE_REG_PAN		"S3_0_C4_C2_3"
#define PSTATE_REG_UAO		"S3_0_C4_C2_4"
#define PSTATE_REG_DIT		"S3_3_C4_C2_5"
#define PSTATE_REG_SSBS		"S3_3_C4_C2_6"
#define PSTATE_REG_ALLINT	"S3_0_C4_C3_0"
#define PSTATE_REG_DAIF		"daif"
#define PSTATE_REG_SPSEL	"spsel"

#define FOR_EACH_PSTATE_REG(X) X(PAN) X(UAO) X(DIT) X(SSBS) X(ALLINT) X(DAIF) X(SPSEL)

static uint64_t pstate_with(uint64_t fields)
{
	uint64_t p = 0, v;

#define READ_ONE(name)                                                               \
	if ((fields & REALM_PSTATE_##name) != 0U) {                                   \
		__asm__ volatile("mrs %0, " PSTATE_REG_##name : "=r"(v));             \
		p |= v & REALM_PSTATE_##name;                                         \
	}
	FOR_EACH_PSTATE_REG(READ_ONE)
#undef READ_ONE
	return p;
}

uint64_t realm_pstate_read(void)
{
	return pstate_with(realm_pstate_fields());
}

void realm_pstate_write(uint64_t pstate)
{
	uint64_t fields = realm_pstate_fields() & ~REALM_PSTATE_SPSEL;	/* the stack stays */

#define WRITE_ONE(name)                                                              \
	if ((fields & REALM_PSTATE_##name) != 0U)                                     \
		__asm__ volatile("msr " PSTATE_REG_##name ", %0"                      \
				 : : "r"(pstate & REALM_PSTATE_##name) : "memory");
	FOR_EACH_PSTATE_REG(WRITE_ONE)
#undef WRITE_ONE
	__asm__ volatile("isb" ::: "memory");
}

/* ---- Faults ---- */

static volatile bool fault_expected;
static volatile struct realm_fault fault;
static uint64_t fault_pstate_fields;

void realm_fault_expect(void)
{
	fault.taken = false;
	fault.esr = 0;
	fault.far = 0;
	fault.pstate = 0;
	/* The ID registers trap to the RMM: read them here, not at the vector. */
	fault_pstate_fields = realm_pstate_fields();
	fault_expected = true;
	__asm__ volatile("dsb sy; isb" ::: "memory");
}

struct realm_fault realm_fault_end(void)
{
	struct realm_fault f;

	__asm__ volatile("dsb sy; isb" ::: "memory");
	fault_expected = false;
	f.taken = fault.taken;
	f.esr = fault.esr;
	f.far = fault.far;
	f.pstate = fault.pstate;
	return f;
}

void realm_exception(uint64_t kind, struct exc_frame *f)
{
	if (kind == VECTOR_SYNC_CURRENT_SPX && fault_expected) {
		/* First: PSTATE as the exception entry left it. */
		fault.pstate = pstate_with(fault_pstate_fields);
		fault.taken = true;
		fault.esr = f->esr;
		fault.far = f->far;
		f->elr += 4;
		return;
	}
	realm_printf("realm: unexpected exception (vector %lu): ESR_EL1 %lx ELR_EL1 %lx "
		     "FAR_EL1 %lx on %lx\n",
		     kind, f->esr, f->elr, f->far, realm_mpidr());
	psci_system_off();
}
