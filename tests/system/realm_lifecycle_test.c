/*
 * System tests: a realm's life through RMI, built with the host's realm
 * library (host/builder/realm.h): REALM_CREATE, RTTs on a 4-level walk, DATA, RIPAS,
 * unprotected mappings, RTT_READ_ENTRY, fold and unfold, RECs, activation,
 * and a teardown that gives every granule back zeroed. Expected failures
 * are mostly provoked with raw rmi_call(), which logs nothing, so that the
 * library's "realm: ..." lines in the log point at real problems.
 */
#include <stddef.h>

#include <atoll/rmi.h>

#include "builder/realm.h"
#include "rmi/calls.h"
#include "test.h"

/* s2sz 48 with the walk starting at level 0: levels 0, 1, 2 and 3, one root RTT. */
#define S2SZ		48U
#define START_LEVEL	0
#define UNPROTECTED	(1ULL << (S2SZ - 1U))	/* first IPA of the unprotected half */

#define L2_SIZE		0x200000ULL		/* one level-2 entry: one level-3 table */
#define L1_SIZE		0x40000000ULL

/* 80 DATA pages straddling a 2 MB boundary, so they need two level-3 tables. */
#define DATA_PAGES	80U
#define DATA_BASE	(L2_SIZE - (DATA_PAGES / 2U) * GRANULE_SIZE)

/* A 2 MB range of its own for fold and unfold. */
#define FOLD_BASE	(2U * L2_SIZE)

/* RTT_MAP_UNPROTECTED attributes: MemAttr 0b110 (Normal WB with FWB), S2AP RW. */
#define NS_ATTRS	((6ULL << 2) | (3ULL << 6))

/* Large objects stay off the host's 16 KB stack; tests run one at a time. */
static struct host_realm realm;
static struct rmi_realm_params params;
static uint64_t granule_pas[HOST_REALM_MAX_GRANULES];

static uint64_t create_realm(unsigned int s2sz, int level_start)
{
	host_realm_params_init(&params, s2sz, level_start);
	return host_realm_create(&realm, &params);
}

/* NS source pages whose every word is non-zero and differs from page to page. */
static uint64_t fill_source(unsigned int pages)
{
	uint64_t first = host_alloc_granule();

	for (unsigned int i = 1; i < pages; i++)
		(void)host_alloc_granule();
	for (uint64_t off = 0; off < (uint64_t)pages * GRANULE_SIZE; off += 8U)
		mmio_write64(first + off, 0xA5A5000000000000ULL | (first + off));
	return first;
}

/* The PA of the ledger's RTT at level whose range starts at ipa, or 0. */
static uint64_t rtt_pa(uint64_t ipa, int level)
{
	for (unsigned int i = 0; i < realm.ledger.num_granules; i++) {
		const struct host_granule *g = &realm.ledger.granules[i];

		if (g->use == HOST_GRANULE_RTT && g->level == level && g->ipa == ipa)
			return g->pa;
	}
	return 0;
}

/* The PA of the ledger's DATA granule at ipa, or 0. */
static uint64_t data_pa(uint64_t ipa)
{
	const struct host_ledger *l = &realm.ledger;

	for (unsigned int i = 0; i < l->num_granules; i++) {
		if (l->granules[i].use == HOST_GRANULE_DATA && l->granules[i].ipa == ipa)
			return l->granules[i].pa;
	}
	return 0;
}

/* The first granule of the ledger with this use, or 0. */
static uint64_t granule_of(enum host_granule_use use)
{
	for (unsigned int i = 0; i < realm.ledger.num_granules; i++) {
		if (realm.ledger.granules[i].use == use)
			return realm.ledger.granules[i].pa;
	}
	return 0;
}

static uint64_t granule_nonzero_word(uint64_t pa)
{
	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8U) {
		if (mmio_read64(pa + off) != 0U)
			return pa + off;
	}
	return 0;
}

/*
 * Tears the realm down and checks that the ledger is empty and that the
 * host reads every granule the realm ever delegated as zero (a GPF here
 * would stop the host: the granule was not given back).
 */
static void teardown_and_check_zero(void)
{
	unsigned int n = realm.ledger.num_granules;

	for (unsigned int i = 0; i < n; i++)
		granule_pas[i] = realm.ledger.granules[i].pa;
	CHECK_EQ(host_realm_teardown(&realm), RMI_SUCCESS);
	CHECK_EQ(realm.ledger.num_granules, 0);
	for (unsigned int i = 0; i < n; i++)
		CHECK_EQ(granule_nonzero_word(granule_pas[i]), 0);
}

static void check_entry(uint64_t ipa, int level, int walk_level, uint64_t state, uint64_t desc,
			uint64_t ripas)
{
	struct host_rtt_entry e;

	CHECK_EQ(host_realm_read_entry(&realm, ipa, level, &e), RMI_SUCCESS);
	CHECK_EQ(e.walk_level, walk_level);
	CHECK_EQ(e.state, state);
	CHECK_EQ(e.desc, desc);
	CHECK_EQ(e.ripas, ripas);
}

/* check_entry() as a CHECK of the calling test: stop it at the first mismatch. */
#define CHECK_ENTRY(...)                         \
	do {                                     \
		check_entry(__VA_ARGS__);        \
		if (test_failed())               \
			return;                  \
	} while (0)

#define CHECK_TEARDOWN()                         \
	do {                                     \
		teardown_and_check_zero();       \
		if (test_failed())               \
			return;                  \
	} while (0)

TEST(realm_lifecycle_4level_walk)
{
	const uint64_t half = (DATA_PAGES / 2U) * GRANULE_SIZE;
	uint64_t src = fill_source(DATA_PAGES), rec;
	struct rmi_ret aux;

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);
	CHECK_EQ(realm.num_root_rtts, 1);
	aux = rmi_call(RMI_REC_AUX_COUNT, realm.rd, 0, 0, 0, 0);
	CHECK_EQ(aux.x[0], RMI_SUCCESS);
	CHECK_EQ(aux.x[1], RMI_REC_AUX_COUNT_VALUE);

	/* First half measured, second half not: both kinds of DATA_CREATE. */
	CHECK_EQ(host_realm_data_load(&realm, DATA_BASE, src, DATA_PAGES / 2U, true), RMI_SUCCESS);
	CHECK_EQ(host_realm_data_load(&realm, DATA_BASE + half, src + half, DATA_PAGES / 2U, false),
		 RMI_SUCCESS);
	CHECK(rtt_pa(0, 3) != 0U && rtt_pa(L2_SIZE, 3) != 0U);

	for (unsigned int i = 0; i < DATA_PAGES; i++) {
		uint64_t ipa = DATA_BASE + i * GRANULE_SIZE;

		CHECK_ENTRY(ipa, 3, 3, RMI_ASSIGNED, data_pa(ipa), RMI_RAM);
	}
	/* Tables at every level of the walk, then an entry nothing was put in. */
	CHECK_ENTRY(0, 0, 0, RMI_TABLE, rtt_pa(0, 1), RMI_EMPTY);
	CHECK_ENTRY(0, 1, 1, RMI_TABLE, rtt_pa(0, 2), RMI_EMPTY);
	CHECK_ENTRY(L2_SIZE, 2, 2, RMI_TABLE, rtt_pa(L2_SIZE, 3), RMI_EMPTY);
	CHECK_ENTRY(DATA_BASE - GRANULE_SIZE, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);
	CHECK_ENTRY(FOLD_BASE, 3, 2, RMI_UNASSIGNED, 0, RMI_EMPTY);
	CHECK_ENTRY(L1_SIZE, 3, 1, RMI_UNASSIGNED, 0, RMI_EMPTY);
	CHECK_ENTRY(UNPROTECTED, 3, 0, RMI_UNASSIGNED, 0, RMI_EMPTY);

	/* RIPAS of a few unassigned pages next to the data, through RTT_INIT_RIPAS. */
	CHECK_EQ(host_realm_init_ripas(&realm, DATA_BASE - 4U * GRANULE_SIZE, DATA_BASE),
		 RMI_SUCCESS);
	CHECK_ENTRY(DATA_BASE - GRANULE_SIZE, 3, 3, RMI_UNASSIGNED, 0, RMI_RAM);
	CHECK_ENTRY(DATA_BASE - 5U * GRANULE_SIZE, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);

	CHECK_EQ(host_realm_rec_create(&realm, DATA_BASE, NULL, true, &rec), RMI_SUCCESS);
	CHECK_EQ(host_realm_activate(&realm), RMI_SUCCESS);
	/* DATA still reads back the same once the realm is ACTIVE. */
	CHECK_ENTRY(DATA_BASE, 3, 3, RMI_ASSIGNED, data_pa(DATA_BASE), RMI_RAM);
	CHECK_TEARDOWN();
}

TEST(realm_unprotected_map_unmap)
{
	uint64_t ns = host_alloc_granule(), block = host_alloc_granule(), top;
	const uint64_t second = UNPROTECTED + 5U * GRANULE_SIZE;

	/* A 2 MB aligned NS block for the level-2 mapping. */
	while ((block & (L2_SIZE - 1U)) != 0U)
		block = host_alloc_granule();

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&realm, UNPROTECTED, 3), RMI_SUCCESS);
	CHECK_ENTRY(UNPROTECTED, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);

	CHECK_EQ(host_realm_map_unprotected(&realm, UNPROTECTED, 3, ns | NS_ATTRS), RMI_SUCCESS);
	CHECK_EQ(host_realm_map_unprotected(&realm, second, 3, ns | NS_ATTRS), RMI_SUCCESS);
	CHECK_ENTRY(UNPROTECTED, 3, 3, RMI_ASSIGNED, ns | NS_ATTRS, RMI_EMPTY);
	CHECK_ENTRY(second, 3, 3, RMI_ASSIGNED, ns | NS_ATTRS, RMI_EMPTY);

	/* top: the next live entry of the same table, then the end of that table. */
	CHECK_EQ(host_realm_unmap_unprotected(&realm, UNPROTECTED, 3, &top), RMI_SUCCESS);
	CHECK_EQ(top, second);
	CHECK_ENTRY(UNPROTECTED, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);
	CHECK_EQ(host_realm_unmap_unprotected(&realm, second, 3, &top), RMI_SUCCESS);
	CHECK_EQ(top, UNPROTECTED + L2_SIZE);
	CHECK_ENTRY(second, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);

	/* A 2 MB block mapped at level 2, next to the level-3 table. */
	CHECK_EQ(host_realm_map_unprotected(&realm, UNPROTECTED + L2_SIZE, 2, block | NS_ATTRS),
		 RMI_SUCCESS);
	CHECK_ENTRY(UNPROTECTED + L2_SIZE + 3U * GRANULE_SIZE, 3, 2, RMI_ASSIGNED,
		    block | NS_ATTRS, RMI_EMPTY);
	CHECK_EQ(host_realm_unmap_unprotected(&realm, UNPROTECTED + L2_SIZE, 2, &top),
		 RMI_SUCCESS);
	CHECK_EQ(top, UNPROTECTED + L1_SIZE);
	CHECK_ENTRY(UNPROTECTED + L2_SIZE, 2, 2, RMI_UNASSIGNED, 0, RMI_EMPTY);

	/* Mapping a protected IPA is refused. */
	CHECK_EQ(rmi_call(RMI_RTT_MAP_UNPROTECTED, realm.rd, 0, 3, ns | NS_ATTRS, 0).x[0],
		 RMI_ERROR_INPUT);
	CHECK_TEARDOWN();
}

TEST(realm_rtt_fold_unfold)
{
	uint64_t l3, status;

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);

	/* A fresh level-3 table is 512 UNASSIGNED/EMPTY entries: it folds. */
	CHECK_EQ(host_realm_rtt_create_to(&realm, FOLD_BASE, 3), RMI_SUCCESS);
	l3 = rtt_pa(FOLD_BASE, 3);
	CHECK_ENTRY(FOLD_BASE, 2, 2, RMI_TABLE, l3, RMI_EMPTY);
	CHECK_EQ(host_realm_rtt_fold(&realm, FOLD_BASE, 3), RMI_SUCCESS);
	CHECK_EQ(rtt_pa(FOLD_BASE, 3), 0);
	CHECK_ENTRY(FOLD_BASE + GRANULE_SIZE, 3, 2, RMI_UNASSIGNED, 0, RMI_EMPTY);

	/* RAM for the whole 2 MB at level 2, then unfold: 512 UNASSIGNED/RAM entries. */
	CHECK_EQ(host_realm_init_ripas(&realm, FOLD_BASE, FOLD_BASE + L2_SIZE), RMI_SUCCESS);
	CHECK_ENTRY(FOLD_BASE, 3, 2, RMI_UNASSIGNED, 0, RMI_RAM);
	CHECK_EQ(host_realm_rtt_create(&realm, FOLD_BASE, 3), RMI_SUCCESS);
	CHECK_ENTRY(FOLD_BASE, 2, 2, RMI_TABLE, rtt_pa(FOLD_BASE, 3), RMI_EMPTY);
	CHECK_ENTRY(FOLD_BASE + 7U * GRANULE_SIZE, 3, 3, RMI_UNASSIGNED, 0, RMI_RAM);
	CHECK_ENTRY(FOLD_BASE + L2_SIZE - GRANULE_SIZE, 3, 3, RMI_UNASSIGNED, 0, RMI_RAM);

	/* One ASSIGNED page makes the table a mix: (RTT, 3). */
	CHECK_EQ(host_realm_data_create_unknown(&realm, FOLD_BASE), RMI_SUCCESS);
	status = rmi_call(RMI_RTT_FOLD, realm.rd, FOLD_BASE, 3, 0, 0).x[0];
	CHECK_EQ(status, RMI_STATUS(RMI_ERROR_RTT, 3));
	CHECK_EQ(host_realm_data_destroy(&realm, FOLD_BASE, NULL), RMI_SUCCESS);
	/* DESTROYED among RAM entries is still a mix. */
	CHECK_ENTRY(FOLD_BASE, 3, 3, RMI_UNASSIGNED, 0, RMI_DESTROYED);
	status = rmi_call(RMI_RTT_FOLD, realm.rd, FOLD_BASE, 3, 0, 0).x[0];
	CHECK_EQ(status, RMI_STATUS(RMI_ERROR_RTT, 3));

	/* An unprotected table of 512 UNASSIGNED_NS entries folds too. */
	CHECK_EQ(host_realm_rtt_create_to(&realm, UNPROTECTED, 3), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_fold(&realm, UNPROTECTED, 3), RMI_SUCCESS);
	CHECK_ENTRY(UNPROTECTED, 3, 2, RMI_UNASSIGNED, 0, RMI_EMPTY);
	CHECK_EQ(host_realm_rtt_create(&realm, UNPROTECTED, 3), RMI_SUCCESS);
	CHECK_ENTRY(UNPROTECTED, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);
	CHECK_TEARDOWN();
}

/* A level-3 table whose 512 entries are contiguous pages folds into a 2 MB block. */
TEST(realm_rtt_fold_assigned_blocks)
{
	const uint64_t entries = L2_SIZE / GRANULE_SIZE;
	uint64_t data, ns = host_alloc_granule();

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&realm, FOLD_BASE, 3), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&realm, UNPROTECTED, 3), RMI_SUCCESS);

	/* Protected: 512 DATA pages at PAs as contiguous as their IPAs. */
	data = host_realm_reserve(&realm, (unsigned int)entries);
	CHECK(data != 0U);
	for (uint64_t i = 0; i < entries; i++)
		CHECK_EQ(host_realm_data_create_unknown(&realm, FOLD_BASE + i * GRANULE_SIZE),
			 RMI_SUCCESS);
	CHECK_EQ(data_pa(FOLD_BASE + L2_SIZE - GRANULE_SIZE), data + L2_SIZE - GRANULE_SIZE);
	CHECK_EQ(host_realm_rtt_fold(&realm, FOLD_BASE, 3), RMI_SUCCESS);
	CHECK_ENTRY(FOLD_BASE, 2, 2, RMI_ASSIGNED, data, RMI_EMPTY);
	CHECK_ENTRY(FOLD_BASE + 9U * GRANULE_SIZE, 3, 2, RMI_ASSIGNED, data, RMI_EMPTY);
	/* Unfold: 512 ASSIGNED pages again, each at its own PA. */
	CHECK_EQ(host_realm_rtt_create(&realm, FOLD_BASE, 3), RMI_SUCCESS);
	CHECK_ENTRY(FOLD_BASE + 9U * GRANULE_SIZE, 3, 3, RMI_ASSIGNED, data + 9U * GRANULE_SIZE,
		    RMI_EMPTY);

	/* Unprotected: 512 NS pages with the same attributes, contiguous from a 2 MB boundary. */
	while ((ns & (L2_SIZE - 1U)) != 0U)
		ns = host_alloc_granule();
	for (uint64_t i = 0; i < entries; i++)
		CHECK_EQ(host_realm_map_unprotected(&realm, UNPROTECTED + i * GRANULE_SIZE, 3,
						    (ns + i * GRANULE_SIZE) | NS_ATTRS),
			 RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_fold(&realm, UNPROTECTED, 3), RMI_SUCCESS);
	CHECK_ENTRY(UNPROTECTED, 2, 2, RMI_ASSIGNED, ns | NS_ATTRS, RMI_EMPTY);
	CHECK_EQ(host_realm_rtt_create(&realm, UNPROTECTED, 3), RMI_SUCCESS);
	CHECK_ENTRY(UNPROTECTED + 5U * GRANULE_SIZE, 3, 3, RMI_ASSIGNED,
		    (ns + 5U * GRANULE_SIZE) | NS_ATTRS, RMI_EMPTY);
	CHECK_TEARDOWN();
}

TEST(realm_concatenated_root_rtts)
{
	/* s2sz 40 starting at level 1 needs two root tables; the second maps the unprotected half. */
	const uint64_t unprotected = 1ULL << 39;
	uint64_t src = fill_source(1), ns = host_alloc_granule();

	CHECK_EQ(create_realm(40, 1), RMI_SUCCESS);
	CHECK_EQ(realm.num_root_rtts, 2);
	CHECK_EQ(host_realm_data_load(&realm, 0, src, 1, true), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&realm, unprotected, 3), RMI_SUCCESS);
	CHECK_EQ(host_realm_map_unprotected(&realm, unprotected, 3, ns | NS_ATTRS), RMI_SUCCESS);
	CHECK_ENTRY(0, 3, 3, RMI_ASSIGNED, data_pa(0), RMI_RAM);
	CHECK_ENTRY(unprotected, 1, 1, RMI_TABLE, rtt_pa(unprotected, 2), RMI_EMPTY);
	CHECK_ENTRY(unprotected, 3, 3, RMI_ASSIGNED, ns | NS_ATTRS, RMI_EMPTY);
	CHECK_EQ(host_realm_unmap_unprotected(&realm, unprotected, 3, NULL), RMI_SUCCESS);
	CHECK_TEARDOWN();
}

/* The PA and top outputs of DATA_DESTROY and RTT_DESTROY, and the RIPAS left behind. */
TEST(realm_destroy_outputs)
{
	uint64_t src = fill_source(3), top, status;

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);
	CHECK_EQ(host_realm_data_load(&realm, DATA_BASE, src, 3, true), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&realm, L2_SIZE, 3), RMI_SUCCESS);

	/* top: the next live entry of the level-3 table, else the end of its range. */
	CHECK_EQ(host_realm_data_destroy(&realm, DATA_BASE, &top), RMI_SUCCESS);
	CHECK_EQ(top, DATA_BASE + GRANULE_SIZE);
	CHECK_EQ(host_realm_data_destroy(&realm, DATA_BASE + 2U * GRANULE_SIZE, &top),
		 RMI_SUCCESS);
	CHECK_EQ(top, L2_SIZE);
	CHECK_EQ(host_realm_data_destroy(&realm, DATA_BASE + GRANULE_SIZE, &top), RMI_SUCCESS);
	CHECK_EQ(top, L2_SIZE);
	/* RAM pages leave DESTROYED behind; an EMPTY one leaves EMPTY. */
	CHECK_ENTRY(DATA_BASE, 3, 3, RMI_UNASSIGNED, 0, RMI_DESTROYED);
	CHECK_EQ(host_realm_data_create_unknown(&realm, 0), RMI_SUCCESS);
	CHECK_EQ(host_realm_data_destroy(&realm, 0, &top), RMI_SUCCESS);
	CHECK_ENTRY(0, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);
	/* Nothing to destroy: the walk stops at the level-2 entry. */
	status = rmi_call(RMI_DATA_DESTROY, realm.rd, FOLD_BASE, 0, 0, 0).x[0];
	CHECK_EQ(status, RMI_STATUS(RMI_ERROR_RTT, 2));

	/* RTT_DESTROY: x1 is the table, top is computed on the parent table. */
	CHECK_EQ(host_realm_rtt_destroy(&realm, 0, 3, &top), RMI_SUCCESS);
	CHECK_EQ(top, L2_SIZE);
	CHECK_EQ(rtt_pa(0, 3), 0);
	CHECK_ENTRY(GRANULE_SIZE, 3, 2, RMI_UNASSIGNED, 0, RMI_DESTROYED);
	CHECK_EQ(host_realm_rtt_destroy(&realm, L2_SIZE, 3, &top), RMI_SUCCESS);
	CHECK_EQ(top, L1_SIZE);
	CHECK_TEARDOWN();
}

TEST(realm_destroy_while_live_fails)
{
	uint64_t rec;

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&realm, 0, 3), RMI_SUCCESS);
	CHECK_EQ(host_realm_rec_create(&realm, 0, NULL, true, &rec), RMI_SUCCESS);
	/* A REC (and tables) left: the realm is live. */
	CHECK_EQ(rmi_call(RMI_REALM_DESTROY, realm.rd, 0, 0, 0, 0).x[0], RMI_ERROR_REALM);
	CHECK_EQ(host_realm_rec_destroy(&realm, rec), RMI_SUCCESS);
	/* Only tables left: still live. */
	CHECK_EQ(rmi_call(RMI_REALM_DESTROY, realm.rd, 0, 0, 0, 0).x[0], RMI_ERROR_REALM);
	/* A table that still holds a table cannot go either: (RTT, level). */
	CHECK_EQ(rmi_call(RMI_RTT_DESTROY, realm.rd, 0, 2, 0, 0).x[0],
		 RMI_STATUS(RMI_ERROR_RTT, 2));
	CHECK_TEARDOWN();
}

TEST(realm_active_refuses_new_content)
{
	uint64_t src = fill_source(1), spare, rec;

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);
	CHECK_EQ(host_realm_data_load(&realm, 0, src, 1, true), RMI_SUCCESS);
	CHECK_EQ(host_realm_activate(&realm), RMI_SUCCESS);
	spare = host_realm_spare_granule(&realm);
	CHECK(spare != 0U);

	CHECK_EQ(rmi_call(RMI_DATA_CREATE, realm.rd, spare, GRANULE_SIZE, src, RMI_MEASURE_CONTENT)
			 .x[0],
		 RMI_ERROR_REALM);
	CHECK_EQ(rmi_call(RMI_DATA_CREATE, realm.rd, spare, GRANULE_SIZE, src,
			  RMI_NO_MEASURE_CONTENT).x[0],
		 RMI_ERROR_REALM);
	CHECK_EQ(rmi_call(RMI_RTT_INIT_RIPAS, realm.rd, GRANULE_SIZE, 2U * GRANULE_SIZE, 0, 0).x[0],
		 RMI_ERROR_REALM);
	CHECK_EQ(rmi_call(RMI_REALM_ACTIVATE, realm.rd, 0, 0, 0, 0).x[0], RMI_ERROR_REALM);
	CHECK_ENTRY(GRANULE_SIZE, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);

	/* Allowed in any state: DATA_CREATE_UNKNOWN keeps the entry's RIPAS. */
	CHECK_EQ(host_realm_data_create_unknown(&realm, GRANULE_SIZE), RMI_SUCCESS);
	CHECK_ENTRY(GRANULE_SIZE, 3, 3, RMI_ASSIGNED, data_pa(GRANULE_SIZE), RMI_EMPTY);
	/* REC_CREATE is NEW-only as well. */
	CHECK_EQ(host_realm_rec_create(&realm, 0, NULL, true, &rec), RMI_ERROR_REALM);
	CHECK_TEARDOWN();
}

TEST(realm_rtt_create_over_table_fails)
{
	uint64_t spare;

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);
	CHECK_EQ(host_realm_rtt_create_to(&realm, 0, 3), RMI_SUCCESS);
	spare = host_realm_spare_granule(&realm);
	CHECK(spare != 0U);
	/* The parent entry at level-1 is already a table: (RTT, level-1). */
	for (int level = 3; level > START_LEVEL; level--)
		CHECK_EQ(rmi_call(RMI_RTT_CREATE, realm.rd, spare, 0, (uint64_t)level, 0).x[0],
			 RMI_STATUS(RMI_ERROR_RTT, level - 1));
	/* The walk stops early, at the level-0 entry of the second 512 GB. */
	CHECK_EQ(rmi_call(RMI_RTT_CREATE, realm.rd, spare, 1ULL << 39, 3, 0).x[0],
		 RMI_STATUS(RMI_ERROR_RTT, 0));
	/* A table at the start level is not created by RTT_CREATE. */
	CHECK_EQ(rmi_call(RMI_RTT_CREATE, realm.rd, spare, 0, START_LEVEL, 0).x[0],
		 RMI_ERROR_INPUT);
	CHECK_TEARDOWN();
}

TEST(realm_undelegate_in_use_fails)
{
	uint64_t src = fill_source(1), rec;
	const enum host_granule_use uses[] = { HOST_GRANULE_RD, HOST_GRANULE_ROOT_RTT,
					       HOST_GRANULE_RTT, HOST_GRANULE_DATA,
					       HOST_GRANULE_REC, HOST_GRANULE_REC_AUX };

	CHECK_EQ(create_realm(S2SZ, START_LEVEL), RMI_SUCCESS);
	CHECK_EQ(host_realm_data_load(&realm, 0, src, 1, false), RMI_SUCCESS);
	CHECK_EQ(host_realm_rec_create(&realm, 0, NULL, false, &rec), RMI_SUCCESS);
	for (unsigned int i = 0; i < sizeof(uses) / sizeof(uses[0]); i++) {
		uint64_t pa = granule_of(uses[i]);

		CHECK(pa != 0U);
		CHECK_EQ(rmi_granule_undelegate(pa), RMI_ERROR_INPUT);
	}
	/* The source is the host's own: delegated it is not. */
	CHECK_EQ(rmi_granule_undelegate(src), RMI_ERROR_INPUT);
	CHECK_TEARDOWN();
}
