/*
 * The R-EL1 runtime of realm payloads: start-up, console, host calls,
 * secondary RECs and fault capture. A payload defines realm_main(); when it
 * returns, the realm switches itself off (PSCI SYSTEM_OFF).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

void realm_main(void);

/*
 * A payload that needs more stack per REC than REALM_STACK_SIZE (mbedTLS's
 * TLS handshake) says so once, at file scope: REALM_STACK_SIZE_IS(0x20000);
 * a multiple of 16.
 */
#define REALM_STACK_SIZE_IS(bytes)	\
	__asm__(".global realm_stack_size\n.equ realm_stack_size, " #bytes "\n")

/* ---- Console (console.c): emulated MMIO that the host prints ---- */

__attribute__((format(printf, 1, 2))) void realm_printf(const char *fmt, ...);

/* IPA width (RsiRealmConfig.ipa_width) and the first Unprotected IPA. */
unsigned int realm_ipa_width(void);
uint64_t realm_unprotected_base(void);

/* ---- Host calls (runtime.c) ---- */

/*
 * RSI_HOST_CALL with imm and gprs[0..1] = a0, a1; *result (if not NULL)
 * gets the host's gprs[0]. Returns the RSI status.
 */
uint64_t realm_host_call(unsigned int imm, uint64_t a0, uint64_t a1, uint64_t *result);

/* REALM_HC_VALUES: eight values for the host to check. Returns the RSI status. */
uint64_t realm_report_values(const uint64_t values[8]);

/* ---- Secondary RECs (runtime.c) ---- */

/* What a REC started with realm_cpu_on() runs before it switches itself off. */
struct realm_cpu_work {
	void (*fn)(void *arg);
	void *arg;
};

/* PSCI CPU_ON of REC cpu (Aff0) at the runtime's secondary entry; returns the PSCI code. */
int64_t realm_cpu_on(unsigned int cpu, struct realm_cpu_work *work);

/* The entry point realm_cpu_on() passes, for tests that call PSCI directly. */
uint64_t realm_secondary_entry_ipa(void);

static inline uint64_t realm_mpidr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

/* ---- Faults (runtime.c) ---- */

/*
 * Between realm_fault_expect() and realm_fault_end() a synchronous
 * exception at EL1 is recorded and the faulting instruction skipped,
 * instead of stopping the realm. pstate holds the PSTATE fields read at the
 * vector (SPSR layout): DAIF and SPSel always, PAN, UAO, DIT, SSBS and
 * ALLINT when the realm's ID registers show them (realm_pstate_fields()).
 */
struct realm_fault {
	bool taken;
	uint64_t esr;
	uint64_t far;
	uint64_t pstate;
};
void realm_fault_expect(void);
struct realm_fault realm_fault_end(void);

/* PSTATE bits (SPSR layout) and the mask of those this realm can read and write. */
#define REALM_PSTATE_DIT	(1ULL << 24)
#define REALM_PSTATE_UAO	(1ULL << 23)
#define REALM_PSTATE_PAN	(1ULL << 22)
#define REALM_PSTATE_ALLINT	(1ULL << 13)
#define REALM_PSTATE_SSBS	(1ULL << 12)
#define REALM_PSTATE_DAIF	(0xFULL << 6)
#define REALM_PSTATE_SPSEL	1ULL
uint64_t realm_pstate_fields(void);
/* Reads and writes those fields (the others are left alone and read as 0). */
uint64_t realm_pstate_read(void);
void realm_pstate_write(uint64_t pstate);

/* ESR_ELx.EC values the payloads look for. */
#define ESR_EC_SHIFT		26
#define ESR_EC(esr)		(((esr) >> ESR_EC_SHIFT) & 0x3FU)
#define ESR_EC_UNKNOWN		0x00U
#define ESR_EC_DABT_CUR		0x25U	/* data abort taken without a change of EL */
#define ESR_DFSC(esr)		((esr) & 0x3FU)
#define ESR_DFSC_SEA		0x10U	/* synchronous external abort */

/* Reads and writes the compiler must emit as single aligned accesses. */
static inline uint64_t realm_read64(uint64_t ipa)
{
	return *(volatile uint64_t *)(uintptr_t)ipa;
}

static inline void realm_write64(uint64_t ipa, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)ipa = v;
}
