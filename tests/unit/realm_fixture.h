/*
 * Realm-building helpers for the RMI lifecycle tests. Everything goes
 * through unit_rmi() (black box); the expected values come from
 * shared/spec/rmm-1.0-abi.md, not from rmm/.
 *
 * The default realm has rtt_level_start 0, s2sz 48 and one root RTT, so its
 * Protected range is [0, 2^47) and its Unprotected range [2^47, 2^48).
 */
#pragma once

#include <stdbool.h>

#include "unit.h"

#define FX_S2SZ		48U
#define FX_UNPROT	(1ULL << 47)		/* first Unprotected IPA */
#define FX_IPA_LIMIT	(1ULL << 48)		/* 2^s2sz */
#define FX_WORLD_IPA	(1ULL << 46)		/* where the world keeps its RTT/DATA */

#define INPUT		RMI_ERROR_INPUT
#define REALM_ERR	RMI_ERROR_REALM
#define REC_ERR		RMI_ERROR_REC
#define RTT_ERR(l)	RMI_STATUS(RMI_ERROR_RTT, (l))

/* Size mapped by one entry at level (4 KB granules). */
#define FX_LEVEL_SIZE(l)	(1ULL << (12U + 9U * (3U - (unsigned int)(l))))

struct fx_realm {
	uint64_t rd;
	uint64_t rtt_base;
	uint64_t params;	/* NS granule holding the RmiRealmParams */
	unsigned int num_rtts;
	int64_t level_start;
	unsigned int s2sz;
};

struct fx_rec {
	uint64_t rec;
	uint64_t aux[RMI_REC_MAX_AUX];
	uint64_t params;	/* NS granule holding the RmiRecParams */
};

/* ---- Calls ---------------------------------------------------------------- */

/* x0 of one RMI call. */
uint64_t fx_x0(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5);
uint64_t fx_delegate(uint64_t pa);
uint64_t fx_undelegate(uint64_t pa);

/* A fresh granule, delegated (asserted). */
uint64_t fx_delegated(void);
/* n fresh contiguous NS granules, the first aligned to align; delegated if asked. */
uint64_t fx_granule_run(unsigned int n, uint64_t align, bool delegate);
/* A fresh NS granule filled with byte. */
uint64_t fx_src(uint8_t byte);

/* The granule is DELEGATED (it undelegates), then is delegated again. */
void fx_assert_delegated(uint64_t pa);
/* The granule is neither DELEGATED nor UNDELEGATED (both calls fail INPUT). */
void fx_assert_in_use(uint64_t pa);

/* ---- Realms ----------------------------------------------------------------- */

/*
 * Allocates rd, the root RTTs (contiguous) and a params granule for a realm
 * with level start sl, s2sz bits and the root count the spec requires, and
 * fills in valid params (next free VMID). The test may change them.
 */
struct rmi_realm_params *fx_realm_params(struct fx_realm *r, int64_t sl, unsigned int s2sz);
/* The same with an explicit root count (at least one root granule is allocated). */
struct rmi_realm_params *fx_realm_params_n(struct fx_realm *r, int64_t sl, unsigned int s2sz,
					   unsigned int num_rtts);
/* The realm's rd and root RTTs are all DELEGATED (checked by undelegating and re-delegating). */
void fx_assert_realm_granules_delegated(const struct fx_realm *r);
/* REALM_CREATE with r's rd and params; x0. */
uint64_t fx_realm_create_call(const struct fx_realm *r);
/* A NEW realm (asserted). */
void fx_realm(struct fx_realm *r, int64_t sl, unsigned int s2sz);
void fx_realm_default(struct fx_realm *r);
void fx_realm_activate(const struct fx_realm *r);

/* ---- RTTs ------------------------------------------------------------------- */

struct rmi_result fx_read(const struct fx_realm *r, uint64_t ipa, int64_t level);
/* RTT_READ_ENTRY gives exactly these outputs. */
void fx_assert_entry(const struct fx_realm *r, uint64_t ipa, int64_t level, int64_t walk_level,
		     uint64_t state, uint64_t desc, uint64_t ripas);
/* RTT_CREATE of a fresh delegated granule; *rtt gets its PA; x0. */
uint64_t fx_rtt_create_call(const struct fx_realm *r, uint64_t ipa, int64_t level, uint64_t *rtt);
/* RTT_CREATE (asserted); the new RTT's PA. */
uint64_t fx_rtt(const struct fx_realm *r, uint64_t ipa, int64_t level);
/* Creates the missing RTTs so a walk to level reaches it; the PA of the RTT at level. */
uint64_t fx_rtts_to(const struct fx_realm *r, uint64_t ipa, int64_t level);

/* RTT_READ_ENTRY of ipa (wrapped into the IPA space) at levels 0..3. */
void fx_view(const struct fx_realm *r, uint64_t ipa, struct rmi_result v[4]);
/* fx_view gives the same as before: a failing call changed no entry. */
void fx_assert_view(const struct fx_realm *r, uint64_t ipa, const struct rmi_result before[4]);

/* ---- DATA and RECs ------------------------------------------------------------ */

/* DATA_CREATE_UNKNOWN at ipa (asserted, RTTs created as needed); the data PA. */
uint64_t fx_data_unknown(const struct fx_realm *r, uint64_t ipa);
/* DATA_CREATE from a src filled with byte (asserted, RTTs as needed); the data PA. */
uint64_t fx_data(const struct fx_realm *r, uint64_t ipa, uint8_t byte);
/*
 * A level 2 ASSIGNED block (RIPAS EMPTY) at ipa (2 MB aligned): 512 contiguous
 * DATA_CREATE_UNKNOWN pages folded into their parent. Returns the block's PA.
 */
uint64_t fx_assigned_block(const struct fx_realm *r, uint64_t ipa);
/* RTT_INIT_RIPAS over [base, top) (asserted to complete in one call). */
void fx_init_ripas(const struct fx_realm *r, uint64_t base, uint64_t top);

/* Allocates rec, 16 aux and a params granule with valid runnable params for mpidr. */
struct rmi_rec_params *fx_rec_params(struct fx_rec *c, uint64_t mpidr);
uint64_t fx_rec_create_call(const struct fx_realm *r, const struct fx_rec *c);
/* A REC (asserted). */
void fx_rec(const struct fx_realm *r, struct fx_rec *c, uint64_t mpidr);

/* ---- The world: a realm plus one granule of every kind, made on demand ------ */

enum fx_kind {
	FX_K_UNALIGNED,		/* a DELEGATED granule + 0x800 */
	FX_K_RD_UNALIGNED,	/* the world's rd + 8 */
	FX_K_UNTRACKED,		/* just below the DRAM bank */
	FX_K_ABOVE_DRAM,	/* the first PA after the bank */
	FX_K_MMIO,		/* the UART */
	FX_K_RMM,		/* tracked, UNDELEGATED, but Realm PAS (RMM memory) */
	FX_K_SECURE,		/* tracked, UNDELEGATED, Root PAS in the GPT */
	FX_K_UNDELEGATED,
	FX_K_DELEGATED,
	FX_K_RD,
	FX_K_OTHER_RD,		/* the RD of a second, live realm */
	FX_K_DEAD_RD,		/* the rd of a destroyed realm: DELEGATED */
	FX_K_REC,
	FX_K_REC_UNALIGNED,	/* the world's REC + 8 */
	FX_K_REC_AUX,
	FX_K_OTHER_REC,		/* a REC of the second realm */
	FX_K_DATA,
	FX_K_RTT,		/* a level 3 RTT */
	FX_K_RTT_ROOT,
};

struct fx_world {
	struct fx_realm realm;		/* default layout, NEW */
	uint64_t delegated;		/* the valid "new object" granule */
	uint64_t undelegated;
	uint64_t secure;
	uint64_t src;			/* NS granule filled with 0x5A */
	uint64_t aux[RMI_REC_MAX_AUX];	/* spare DELEGATED aux granules (0 until fx_world_aux) */
	struct fx_realm other, dead;	/* made on demand (rd 0 until then) */
	struct fx_rec rec, other_rec;
	uint64_t data;			/* at FX_WORLD_IPA */
	uint64_t rtt3;			/* level 3 RTT covering FX_WORLD_IPA */
};

/* Builds the world after unit_boot_rmm. */
struct fx_world *fx_world(void);
/* A PA of that kind (creating the object if needed). */
uint64_t fx_obj(struct fx_world *w, enum fx_kind kind);
/* Allocates the 16 spare aux granules. */
void fx_world_aux(struct fx_world *w);
/* Records the RTT_READ_ENTRY view of the world realm at a fixed set of IPAs. */
void fx_world_snapshot(struct fx_world *w);
/* The view is unchanged and every made object is still in its state (destructive). */
void fx_world_check(struct fx_world *w);

/*
 * Table-driven argument checks: one cmocka case per bad value of one
 * argument. The slot's call runs the command with valid other arguments
 * and the bad value in the argument under test.
 */
struct fx_slot {
	void (*prepare)(struct fx_world *w);	/* may be NULL */
	uint64_t (*call)(struct fx_world *w, uint64_t arg);
	/* Without call: fid with x1 = arg and x2.. = args. */
	uint64_t fid;
	uint64_t args[4];
};

struct fx_arg_case {
	const struct fx_slot *slot;
	enum fx_kind kind;
	uint64_t expect;
};

void fx_run_arg_case(void **state);

#define FX_ARG(name, slot, kind, expect)                                            \
	{ #name, fx_run_arg_case, unit_boot_rmm, NULL,                              \
	  &(struct fx_arg_case){ &(slot), (kind), (expect) } }

/* Every wrong rd a command taking an RD must reject with INPUT. */
#define FX_RD_ROWS(cmd, slot)                                                       \
	FX_ARG(cmd##_rd_unaligned, slot, FX_K_RD_UNALIGNED, INPUT),                  \
	FX_ARG(cmd##_rd_untracked, slot, FX_K_UNTRACKED, INPUT),                     \
	FX_ARG(cmd##_rd_above_dram, slot, FX_K_ABOVE_DRAM, INPUT),                   \
	FX_ARG(cmd##_rd_undelegated, slot, FX_K_UNDELEGATED, INPUT),                 \
	FX_ARG(cmd##_rd_delegated, slot, FX_K_DELEGATED, INPUT),                     \
	FX_ARG(cmd##_rd_destroyed_realm, slot, FX_K_DEAD_RD, INPUT),                 \
	FX_ARG(cmd##_rd_rec, slot, FX_K_REC, INPUT),                                 \
	FX_ARG(cmd##_rd_rec_aux, slot, FX_K_REC_AUX, INPUT),                         \
	FX_ARG(cmd##_rd_data, slot, FX_K_DATA, INPUT),                               \
	FX_ARG(cmd##_rd_rtt, slot, FX_K_RTT, INPUT)

/* Every wrong granule for an argument that must be DELEGATED. */
#define FX_DELEGATED_ROWS(cmd, arg, slot)                                           \
	FX_ARG(cmd##_##arg##_unaligned, slot, FX_K_UNALIGNED, INPUT),                \
	FX_ARG(cmd##_##arg##_untracked, slot, FX_K_UNTRACKED, INPUT),                \
	FX_ARG(cmd##_##arg##_mmio, slot, FX_K_MMIO, INPUT),                          \
	FX_ARG(cmd##_##arg##_rmm_memory, slot, FX_K_RMM, INPUT),                     \
	FX_ARG(cmd##_##arg##_undelegated, slot, FX_K_UNDELEGATED, INPUT),            \
	FX_ARG(cmd##_##arg##_rd, slot, FX_K_RD, INPUT),                              \
	FX_ARG(cmd##_##arg##_rec, slot, FX_K_REC, INPUT),                            \
	FX_ARG(cmd##_##arg##_rec_aux, slot, FX_K_REC_AUX, INPUT),                    \
	FX_ARG(cmd##_##arg##_data, slot, FX_K_DATA, INPUT),                          \
	FX_ARG(cmd##_##arg##_rtt, slot, FX_K_RTT, INPUT)

/* Every wrong granule for an argument that must be a REC. */
#define FX_REC_ROWS(cmd, arg, slot)                                                 \
	FX_ARG(cmd##_##arg##_unaligned, slot, FX_K_REC_UNALIGNED, INPUT),            \
	FX_ARG(cmd##_##arg##_untracked, slot, FX_K_UNTRACKED, INPUT),                \
	FX_ARG(cmd##_##arg##_above_dram, slot, FX_K_ABOVE_DRAM, INPUT),              \
	FX_ARG(cmd##_##arg##_undelegated, slot, FX_K_UNDELEGATED, INPUT),            \
	FX_ARG(cmd##_##arg##_delegated, slot, FX_K_DELEGATED, INPUT),                \
	FX_ARG(cmd##_##arg##_rd, slot, FX_K_RD, INPUT),                              \
	FX_ARG(cmd##_##arg##_rec_aux, slot, FX_K_REC_AUX, INPUT),                    \
	FX_ARG(cmd##_##arg##_data, slot, FX_K_DATA, INPUT),                          \
	FX_ARG(cmd##_##arg##_rtt, slot, FX_K_RTT, INPUT)

/* Every wrong granule for an NS parameter pointer (must be UNDELEGATED, NS). */
#define FX_NS_PTR_ROWS(cmd, arg, slot)                                              \
	FX_ARG(cmd##_##arg##_unaligned, slot, FX_K_UNALIGNED, INPUT),                \
	FX_ARG(cmd##_##arg##_untracked, slot, FX_K_UNTRACKED, INPUT),                \
	FX_ARG(cmd##_##arg##_above_dram, slot, FX_K_ABOVE_DRAM, INPUT),              \
	FX_ARG(cmd##_##arg##_delegated, slot, FX_K_DELEGATED, INPUT),                \
	FX_ARG(cmd##_##arg##_rmm_memory, slot, FX_K_RMM, INPUT),                     \
	FX_ARG(cmd##_##arg##_secure, slot, FX_K_SECURE, INPUT)

/* One test function per row of a local table (state = the row). */
#define FX_ROW(name, fn, ...)                                                       \
	{ #name, fn, unit_boot_rmm, NULL, &(struct fx_row){ __VA_ARGS__ } }
