/*
 * The RMM's deliberate stage-1 map (39-bit VA, 4 KB granule, start level 1):
 *   RMM code               RX          rodata           R, XN
 *   RMM data/bss/stacks    RW, XN      shared buffer    RW, XN
 *   console                Device, XN
 *   tracked DRAM (minus the RMM's own memory), identity, Realm PAS, RW, XN:
 *       how the RMM reaches delegated granules
 *   tracked DRAM again at NS_WINDOW_BASE + PA with NS = 1, RW, XN: reached
 *       only by the NS copy routines, which survive a Granule Protection Fault
 * SCTLR_EL2.WXN makes every writable page non-executable as well.
 */
#include "mmu.h"

#include <atoll/rmi.h>

#include "sysreg.h"

#define VA_BITS			39U
#define NS_WINDOW_BASE		(1ULL << 38)
#define MMU_MAX_TABLES		48U
#define PTES			512U

#define DESC_TABLE		3ULL
#define DESC_BLOCK		1ULL
#define DESC_PAGE		3ULL
#define ATTR_IDX_DEVICE		(0ULL << 2)
#define ATTR_IDX_NORMAL		(1ULL << 2)
#define ATTR_NS			(1ULL << 5)
#define ATTR_AP_RES1		(1ULL << 6)	/* AP[1]: RES1 in a one-VA-range regime */
#define ATTR_AP_RO		(1ULL << 7)
#define ATTR_SH_INNER		(3ULL << 8)
#define ATTR_AF			(1ULL << 10)
#define ATTR_XN			(1ULL << 54)

#define MAP_CODE	(ATTR_IDX_NORMAL | ATTR_SH_INNER | ATTR_AF | ATTR_AP_RES1 | ATTR_AP_RO)
#define MAP_RODATA	(MAP_CODE | ATTR_XN)
#define MAP_DATA	(ATTR_IDX_NORMAL | ATTR_SH_INNER | ATTR_AF | ATTR_AP_RES1 | ATTR_XN)
#define MAP_NS_DATA	(MAP_DATA | ATTR_NS)
#define MAP_DEVICE	(ATTR_IDX_DEVICE | ATTR_AF | ATTR_AP_RES1 | ATTR_XN)

#define MAIR_VALUE	(0x04ULL | (0xFFULL << 8))	/* 0: Device-nGnRE, 1: Normal WB */

extern char __rmm_base[], __text_start[], __text_end[], __rodata_start[], __rodata_end[],
	__data_start[], __rmm_end[];

static uint64_t tables[MMU_MAX_TABLES][PTES] __attribute__((aligned(4096)));
static unsigned int tables_used = 1;	/* tables[0] is the level-1 root */

/* Read-only after cold boot. */
static struct {
	uint64_t num_banks;
	struct ns_dram_bank banks[RMM_MAX_DRAM_BANKS];
} ns_window;

static uint64_t *next_level(uint64_t *entry)
{
	uint64_t *t;

	if ((*entry & 3U) == DESC_TABLE)
		return (uint64_t *)(*entry & 0x0000FFFFFFFFF000ULL);
	if (tables_used == MMU_MAX_TABLES)
		return NULL;
	t = tables[tables_used++];
	*entry = (uint64_t)t | DESC_TABLE;
	return t;
}

/* Maps [va, va + size) to pa with the largest blocks alignment allows. */
static bool map_range(uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
	while (size > 0U) {
		uint64_t *table = tables[0];
		unsigned int level = 1;

		for (;;) {
			unsigned int shift = 39U - 9U * level;
			uint64_t block = 1ULL << shift;
			uint64_t *entry = &table[(va >> shift) & (PTES - 1U)];

			if (level == 3U || (((va | pa) & (block - 1U)) == 0U && size >= block)) {
				*entry = pa | attrs | (level == 3U ? DESC_PAGE : DESC_BLOCK);
				va += block;
				pa += block;
				size -= block;
				break;
			}
			table = next_level(entry);
			if (table == NULL)
				return false;
			level++;
		}
	}
	return true;
}

static void map_or_stop(uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
	if (!map_range(va, pa, size, attrs)) {
		for (;;)	/* the table pool is sized for the platform: a build error */
			__asm__ volatile("wfe");
	}
}

static void map_dram_bank(const struct ns_dram_bank *b, uint64_t rmm_start, uint64_t rmm_end)
{
	uint64_t start = b->base, end = b->base + b->size;
	uint64_t below_end = end < rmm_start ? end : rmm_start;
	uint64_t above_start = start > rmm_end ? start : rmm_end;

	/* Identity Realm-PAS map, leaving out the RMM's own memory. */
	if (below_end > start)
		map_or_stop(start, start, below_end - start, MAP_DATA);
	if (end > above_start)
		map_or_stop(above_start, above_start, end - above_start, MAP_DATA);
	map_or_stop(NS_WINDOW_BASE + start, start, end - start, MAP_NS_DATA);
}

void mmu_build(const struct rmm_platform *plat, uint64_t shared_buf)
{
	uint64_t rmm_start = (uint64_t)__rmm_base, rmm_end = shared_buf + GRANULE_SIZE;

	map_or_stop((uint64_t)__text_start, (uint64_t)__text_start,
		    (uint64_t)(__text_end - __text_start), MAP_CODE);
	map_or_stop((uint64_t)__rodata_start, (uint64_t)__rodata_start,
		    (uint64_t)(__rodata_end - __rodata_start), MAP_RODATA);
	map_or_stop((uint64_t)__data_start, (uint64_t)__data_start,
		    (uint64_t)(__rmm_end - __data_start), MAP_DATA);
	map_or_stop(shared_buf, shared_buf, GRANULE_SIZE, MAP_DATA);
	if (plat->console_base != 0U)
		map_or_stop(plat->console_base, plat->console_base, GRANULE_SIZE, MAP_DEVICE);

	if (rmm_end < (uint64_t)__rmm_end)
		rmm_end = (uint64_t)__rmm_end;
	ns_window.num_banks = plat->num_banks;
	for (uint64_t i = 0; i < plat->num_banks; i++) {
		ns_window.banks[i] = plat->banks[i];
		map_dram_bank(&plat->banks[i], rmm_start, rmm_end);
	}
}

void mmu_enable(void)
{
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & 0xFU;
	uint64_t tcr = (64U - VA_BITS) | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) |
		       ((parange > 5U ? 5U : parange) << 16) | (1ULL << 23) | (1ULL << 31);
	uint64_t sctlr = (1ULL << 0) | (1ULL << 2) | (1ULL << 3) | (1ULL << 12) | (1ULL << 19) |
			 /* RES1 bits of SCTLR_EL2 without VHE */
			 (1ULL << 4) | (1ULL << 5) | (1ULL << 11) | (1ULL << 16) | (1ULL << 18) |
			 (1ULL << 22) | (1ULL << 23) | (1ULL << 28) | (1ULL << 29);

	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, tcr);
	write_sysreg(ttbr0_el2, (uint64_t)tables[0]);
	dsb(ish);
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(ish);
	isb();
	write_sysreg(sctlr_el2, sctlr);
	isb();
}

bool mmu_ns_window_covers(uint64_t pa, size_t len)
{
	if ((pa & 7U) != 0U || (len & 7U) != 0U)
		return false;
	for (uint64_t i = 0; i < ns_window.num_banks; i++) {
		const struct ns_dram_bank *b = &ns_window.banks[i];

		if (pa >= b->base && len <= b->size && pa - b->base <= b->size - len)
			return true;
	}
	return false;
}

uintptr_t mmu_ns_window_va(uint64_t pa)
{
	return (uintptr_t)(NS_WINDOW_BASE + pa);
}
