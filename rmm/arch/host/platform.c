/* Host emulation of memory, the GPT and EL3 for the RMM core (see harness.h). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <atoll/el3.h>
#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/rmm.h>

#define NUM_GRANULES	((HOST_PA_END - HOST_PA_BASE) >> GRANULE_SHIFT)

static uint8_t *memory;
static uint8_t gpt[NUM_GRANULES];
static _Thread_local unsigned int this_cpu;
static struct arch_features features;
static struct arch_realm_features realm_features;
struct host_el3_stats host_el3_stats;
struct host_el3_faults host_el3_faults;
_Thread_local struct host_access_log host_access_log;

static bool pa_in_memory(uint64_t pa, uint64_t len)
{
	return pa >= HOST_PA_BASE && len <= HOST_PA_END - pa;
}

static void reset_id_regs(void);

/* The RMM's region is Realm PAS, with its secrets; the other per-reset state starts over. */
static void reset_rmm_region(void)
{
	memset(&gpt[(HOST_RMM_BASE - HOST_PA_BASE) >> GRANULE_SHIFT], HOST_PAS_REALM,
	       (HOST_SHARED_BUF + GRANULE_SIZE - HOST_RMM_BASE) >> GRANULE_SHIFT);
	host_rmm_region_plant();
	memset(&host_el3_stats, 0, sizeof(host_el3_stats));
	memset(&host_el3_faults, 0, sizeof(host_el3_faults));
	memset(&host_access_log, 0, sizeof(host_access_log));
	host_el3_attest_reset();
	this_cpu = 0;
	/* What QEMU's -cpu max reports. */
	features = (struct arch_features){ .pa_bits = 52, .num_bps = 5, .num_wps = 3,
					   .gic_num_lrs = 3, .gic_vintid_bits = 24,
					   .gic_pri_bits = 5, .vmid_bits = 16 };
	/* What QEMU's -cpu max has: 2048-bit SVE vectors, PMUv3 with 6 counters and HPMN0. */
	realm_features = (struct arch_realm_features){ true, 15, true, 6, true, true };
}

void host_platform_reset(void)
{
	if (memory == NULL) {
		/* Untouched pages cost nothing: 3 GiB of address space, lazily backed. */
		memory = mmap(NULL, HOST_PA_END - HOST_PA_BASE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (memory == MAP_FAILED) {
			perror("host platform: mmap");
			abort();
		}
	} else {
		/* Give the pages back: the next test starts from zeroed memory. */
		madvise(memory, HOST_PA_END - HOST_PA_BASE, MADV_DONTNEED);
	}
	memset(gpt, HOST_PAS_NS, sizeof(gpt));
	reset_rmm_region();
	reset_id_regs();
}

void host_platform_reset_range(uint64_t base, uint64_t size)
{
	if (memory == NULL || (base & (GRANULE_SIZE - 1U)) != 0U ||
	    (size & (GRANULE_SIZE - 1U)) != 0U || !pa_in_memory(base, size)) {
		fprintf(stderr, "host platform: bad reset range %#llx+%#llx\n",
			(unsigned long long)base, (unsigned long long)size);
		abort();
	}
	/* The pages stay mapped: zeroing a few resident pages beats refaulting them. */
	memset(host_pa_ptr(base), 0, size);
	memset(&gpt[(base - HOST_PA_BASE) >> GRANULE_SHIFT], HOST_PAS_NS, size >> GRANULE_SHIFT);
	memset(host_pa_ptr(HOST_SHARED_BUF), 0, GRANULE_SIZE);
	reset_rmm_region();
}

void *host_pa_ptr(uint64_t pa)
{
	if (!pa_in_memory(pa, 1)) {
		fprintf(stderr, "host platform: PA %#llx outside emulated memory\n",
			(unsigned long long)pa);
		abort();
	}
	return memory + (pa - HOST_PA_BASE);
}

/*
 * A GPT entry is one byte that any CPU's granule protection check reads
 * while EL3 may rewrite it: relaxed atomics, as on the machine, where
 * they order nothing else (no lock, so no RMM race is hidden).
 */
enum host_pas host_gpt_get(uint64_t pa)
{
	return (enum host_pas)__atomic_load_n(&gpt[(pa - HOST_PA_BASE) >> GRANULE_SHIFT],
					      __ATOMIC_RELAXED);
}

void host_gpt_set(uint64_t pa, enum host_pas pas)
{
	__atomic_store_n(&gpt[(pa - HOST_PA_BASE) >> GRANULE_SHIFT], (uint8_t)pas,
			 __ATOMIC_RELAXED);
}

/*
 * EL3 flips a GPT entry only from the PAS it expects, in one step, as TF-A
 * does under its GPT lock: two CPUs' GTSI calls cannot both succeed.
 * Relaxed, like the entry's other accesses: it orders nothing for the RMM.
 */
static bool gpt_transition(uint64_t pa, enum host_pas from, enum host_pas to)
{
	uint8_t expected = (uint8_t)from;

	return __atomic_compare_exchange_n(&gpt[(pa - HOST_PA_BASE) >> GRANULE_SHIFT], &expected,
					   (uint8_t)to, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

static bool ns_accessible(uint64_t pa, uint64_t len)
{
	if (!pa_in_memory(pa, len))
		return false;
	for (uint64_t p = pa & ~(GRANULE_SIZE - 1U); p < pa + len; p += GRANULE_SIZE) {
		if (host_gpt_get(p) != HOST_PAS_NS)
			return false;
	}
	return true;
}

bool host_ns_load64(uint64_t pa, uint64_t *val)
{
	if (!ns_accessible(pa, 8))
		return false;
	memcpy(val, host_pa_ptr(pa), 8);
	return true;
}

bool host_ns_store64(uint64_t pa, uint64_t val)
{
	if (!ns_accessible(pa, 8))
		return false;
	memcpy(host_pa_ptr(pa), &val, 8);
	return true;
}

void host_set_cpu(unsigned int cpu)
{
	this_cpu = cpu;
}

void host_access_log_start(void)
{
	memset(&host_access_log, 0, sizeof(host_access_log));
	host_access_log.on = true;
}

static void log_mapped(uint64_t pa)
{
	struct host_access_log *l = &host_access_log;

	if (!l->on)
		return;
	for (unsigned int i = 0; i < l->num_mapped; i++) {
		if (l->mapped[i] == pa)
			return;
	}
	if (l->num_mapped == HOST_ACCESS_MAX)
		l->overflow = true;
	else
		l->mapped[l->num_mapped++] = pa;
}

static void log_ns_write(uint64_t pa, uint64_t len)
{
	struct host_access_log *l = &host_access_log;

	if (!l->on)
		return;
	if (l->num_ns_writes == HOST_ACCESS_MAX)
		l->overflow = true;
	else
		l->ns_write[l->num_ns_writes++] = (struct host_ns_write){ pa, len };
}

/* ---- rmm/arch.h ---------------------------------------------------------- */

/* The injected error of a GTSI call, once (host_el3_faults), or 0. */
static int64_t take_fault(int64_t *error)
{
	/* Taken by one CPU only when threads are CPUs (tests/stress). */
	return __atomic_exchange_n(error, 0, __ATOMIC_RELAXED);
}

int64_t arch_el3_gtsi_delegate(uint64_t pa)
{
	int64_t fault = take_fault(&host_el3_faults.delegate_error);

	__atomic_fetch_add(&host_el3_stats.delegate_calls, 1UL, __ATOMIC_RELAXED);
	if (fault != 0)
		return fault;
	if ((pa & (GRANULE_SIZE - 1U)) != 0U || !pa_in_memory(pa, GRANULE_SIZE))
		return E_RMM_BAD_ADDR;
	return gpt_transition(pa, HOST_PAS_NS, HOST_PAS_REALM) ? E_RMM_OK : E_RMM_BAD_PAS;
}

int64_t arch_el3_gtsi_undelegate(uint64_t pa)
{
	int64_t fault = take_fault(&host_el3_faults.undelegate_error);

	__atomic_fetch_add(&host_el3_stats.undelegate_calls, 1UL, __ATOMIC_RELAXED);
	if (fault != 0)
		return fault;
	if ((pa & (GRANULE_SIZE - 1U)) != 0U || !pa_in_memory(pa, GRANULE_SIZE))
		return E_RMM_BAD_ADDR;
	return gpt_transition(pa, HOST_PAS_REALM, HOST_PAS_NS) ? E_RMM_OK : E_RMM_BAD_PAS;
}

uint64_t arch_dram_pa_limit(void)
{
	return HOST_DRAM_PA_LIMIT;
}

void *arch_granule_va(uint64_t pa)
{
	log_mapped(pa);
	return host_pa_ptr(pa);
}

void arch_granule_zero(void *va)
{
	memset(va, 0, GRANULE_SIZE);
}

bool arch_ns_read(void *dst, uint64_t ns_pa, size_t len)
{
	if ((ns_pa & 7U) != 0U || (len & 7U) != 0U || !ns_accessible(ns_pa, len))
		return false;
	memcpy(dst, host_pa_ptr(ns_pa), len);
	return true;
}

bool arch_ns_write(uint64_t ns_pa, const void *src, size_t len)
{
	if ((ns_pa & 7U) != 0U || (len & 7U) != 0U || !ns_accessible(ns_pa, len))
		return false;
	log_ns_write(ns_pa, len);
	memcpy(host_pa_ptr(ns_pa), src, len);
	return true;
}

unsigned int arch_cpu_index(void)
{
	return this_cpu;
}

const struct arch_features *arch_features(void)
{
	return &features;
}

void arch_get_realm_features(struct arch_realm_features *out)
{
	*out = realm_features;
}

void host_set_realm_features(const struct arch_realm_features *f)
{
	realm_features = *f;
}

void host_set_gic_vintid_bits(unsigned int bits)
{
	features.gic_vintid_bits = bits;
}

void host_set_gic_pri_bits(unsigned int bits)
{
	features.gic_pri_bits = bits;
}

void arch_console_putc(char c)
{
	if (getenv("ATOLL_HOST_CONSOLE") != NULL)
		fputc(c, stderr);
}

_Noreturn void arch_panic(void)
{
	fprintf(stderr, "host platform: RMM panic\n");
	abort();
}

/* ---- boot --------------------------------------------------------------- */

void host_write_manifest(uint64_t bank_base, uint64_t bank_size)
{
	uint8_t *page = host_pa_ptr(HOST_SHARED_BUF);
	struct rmm_manifest *m = (struct rmm_manifest *)page;
	struct ns_dram_bank *bank = (struct ns_dram_bank *)(page + sizeof(*m));
	struct console_info *con = (struct console_info *)(page + sizeof(*m) + sizeof(*bank));
	uint64_t sum;

	memset(page, 0, GRANULE_SIZE);
	m->version = ABI_VERSION(0U, 3U);
	m->num_banks = 1;
	m->banks = HOST_SHARED_BUF + sizeof(*m);
	bank->base = bank_base;
	bank->size = bank_size;
	m->banks_checksum = -(m->num_banks + m->banks + bank->base + bank->size);

	m->num_consoles = 1;
	m->consoles = m->banks + sizeof(*bank);
	con->base = 0x09000000;
	con->map_pages = 1;
	memcpy(con->name, "pl011", 6);
	con->clk_in_hz = 1;
	con->baud_rate = 115200;
	sum = m->num_consoles + m->consoles;
	for (unsigned int i = 0; i < sizeof(*con) / 8U; i++)
		sum += ((uint64_t *)con)[i];
	m->consoles_checksum = -sum;
}

enum rmm_boot_result host_cold_boot(uint64_t cpu, uint64_t version, uint64_t cpus,
				    uint64_t shared_buf)
{
	struct rmm_boot_args args = { cpu, version, cpus, shared_buf };
	static struct rmm_platform plat;
	enum rmm_boot_result ret;

	if (!pa_in_memory(shared_buf, GRANULE_SIZE) || (shared_buf & (GRANULE_SIZE - 1U)))
		shared_buf = HOST_SHARED_BUF;	/* validation rejects it before reading */
	ret = rmm_boot_validate(&args, host_pa_ptr(shared_buf), &plat);
	if (ret == RMM_BOOT_SUCCESS)
		rmm_core_init(&plat);
	return ret;
}

/* The host process owns its SIMD registers: nothing to save. */
void arch_simd_begin(bool ns_fp_only)
{
	(void)ns_fp_only;
}

void arch_simd_end(void)
{
}

/* The ID register space (CRm 1..7, op2 0..7) the emulated CPU reports. */
static uint64_t id_regs[8][8];

static void reset_id_regs(void)
{
	memset(id_regs, 0, sizeof(id_regs));
	/* A CPU with SVE (ID_AA64PFR0_EL1.SVE = 1) and a PMU, so hiding them shows. */
	id_regs[4][0] = 0x0000000100000011ULL;
	/*
	 * ID_AA64DFR0_EL1 as arch_features() reports it: DebugVer 6,
	 * PMUVer 6, BRPs 5, WRPs 3, CTX_CMPs 1.
	 */
	id_regs[5][0] = 0x0000000010305606ULL;
}

void host_set_id_reg(unsigned int crm, unsigned int op2, uint64_t value)
{
	id_regs[crm & 7U][op2 & 7U] = value;
}

uint64_t arch_read_id_reg(unsigned int crm, unsigned int op2)
{
	return crm < 8U && op2 < 8U ? id_regs[crm][op2] : 0U;
}
