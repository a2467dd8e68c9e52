/*
 * Multi-CPU stress of the RMM on QEMU (docs/locking.md, "What the stress
 * tests check"). Four host CPUs issue random RMI calls at the same time
 * against shared state, each call's status checked against what the spec
 * allows given what the caller can know, then the boot CPU checks the end
 * state exactly and tears everything down:
 *
 * - one REC of an active realm, entered by every CPU with its own run page:
 *   the realm program counts its loop and reports the count in an emulated
 *   MMIO write, so each successful REC_ENTER must see a count no other entry
 *   saw, and together they must be 2..S+1 with none missing;
 * - a pool of NS granules every CPU delegates and undelegates: at the end
 *   each granule's delegations minus undelegations is 0 or 1 and matches
 *   whether it is DELEGATED;
 * - DATA slots and L3 RTT slots of a new realm: any CPU may create there
 *   (SUCCESS or ERROR_RTT), only the creator destroys (which must succeed and
 *   give back its own granule), and RTT_READ_ENTRY from any CPU only ever
 *   shows UNASSIGNED or an entry holding one of the CPUs' granules.
 *
 * The number of iterations comes from stress_config (stress_short.c for
 * `make test`, stress_long.c for `make stress-qemu`).
 */
#include <stddef.h>

#include <atoll/rmi.h>
#include <atoll/rsi.h>

#include "builder/program_realm.h"
#include "builder/realm.h"
#include "main/stress.h"
#include "rmi/calls.h"
#include "test.h"

#define CPUS		4U
#define POOL		8U	/* shared NS granules */
#define SLOTS		8U	/* DATA slots and RTT slots, each */
#define OWN		2U	/* DATA and RTT granules per CPU */
#define NOBODY		0xFFU

#define DATA_BASE	0x200000UL	/* under one L3 table */
#define RTT_BASE	0x40000000UL	/* under one L2 table: L3 tables at 2 MB steps */
#define L2_SIZE		0x200000UL

#define EC_DATA_ABORT	0x24U
#define MAX_ITERATIONS	200000U
#define MAX_COUNT	(CPUS * MAX_ITERATIONS + 2U)

extern const char stress_realm_start[], stress_realm_end[];

struct cpu_state {
	uint64_t rng;
	uint64_t run;			/* its RmiRecRun page */
	uint64_t data[OWN], rtt[OWN];	/* delegated granules it owns */
	bool data_used[OWN], rtt_used[OWN];
	unsigned int entries;		/* successful REC_ENTERs */
	unsigned int calls;
	/* The first wrong result: what, and where. */
	const char *error;
	uint64_t error_value;
	unsigned int error_iteration;
};

static struct cpu_state cpus[CPUS];
static struct host_realm shared_rec_realm, slots_realm;
static uint64_t shared_rec;
static uint64_t pool[POOL];
static uint32_t pool_delegated[POOL], pool_undelegated[POOL];
static uint8_t data_owner[SLOTS], rtt_owner[SLOTS];
static uint64_t counts_seen[MAX_COUNT / 64U + 1U];
static volatile uint32_t go;

static uint64_t next_random(struct cpu_state *c)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return c->rng;
}

static void record_error(struct cpu_state *c, const char *what, uint64_t value, unsigned int i)
{
	if (c->error == NULL) {
		c->error = what;
		c->error_value = value;
		c->error_iteration = i;
	}
}

/* Whether pa is one of the granules some CPU owns for slot kind data or rtt. */
static bool owned_granule(uint64_t pa, bool data)
{
	for (unsigned int c = 0; c < CPUS; c++) {
		for (unsigned int k = 0; k < OWN; k++) {
			if ((data ? cpus[c].data[k] : cpus[c].rtt[k]) == pa)
				return true;
		}
	}
	return false;
}

/* The CPU number of a CPU's state. */
static unsigned int owner_of(const struct cpu_state *c)
{
	return (unsigned int)(c - cpus);
}

/* ---- The shared REC -------------------------------------------------------- */

static void enter_shared_rec(struct cpu_state *c, unsigned int i)
{
	struct rmi_rec_run *run = (struct rmi_rec_run *)c->run;
	uint64_t status, count, bit;

	/* Every exit but the very first (made before the stress) was the counter's MMIO write. */
	mmio_write64((uint64_t)&run->enter.flags, REC_ENTER_FLAG_EMULATED_MMIO);
	status = rmi_call(RMI_REC_ENTER, shared_rec, c->run, 0, 0, 0).x[0];
	c->calls++;
	if (status == RMI_ERROR_REC)
		return;		/* another CPU is running it */
	if (status != RMI_SUCCESS) {
		record_error(c, "REC_ENTER status", status, i);
		return;
	}
	if (mmio_read64((uint64_t)&run->exit.exit_reason) != RMI_EXIT_SYNC ||
	    (mmio_read64((uint64_t)&run->exit.esr) >> 26) != EC_DATA_ABORT) {
		record_error(c, "REC_ENTER exit", mmio_read64((uint64_t)&run->exit.esr), i);
		return;
	}
	count = mmio_read64((uint64_t)&run->exit.gprs[0]);
	if (count < 2U || count >= MAX_COUNT) {
		record_error(c, "realm count out of range", count, i);
		return;
	}
	bit = __atomic_fetch_or(&counts_seen[count / 64U], 1ULL << (count % 64U), __ATOMIC_RELAXED);
	if ((bit & (1ULL << (count % 64U))) != 0U)
		record_error(c, "realm count seen twice", count, i);
	c->entries++;
}

/* ---- The shared pool --------------------------------------------------------- */

static void pool_step(struct cpu_state *c, unsigned int i)
{
	unsigned int g = (unsigned int)(next_random(c) % POOL);
	bool delegate = (next_random(c) & 1U) != 0U;
	uint64_t status = delegate ? rmi_granule_delegate(pool[g]) : rmi_granule_undelegate(pool[g]);

	c->calls++;
	if (status == RMI_SUCCESS)
		__atomic_fetch_add(delegate ? &pool_delegated[g] : &pool_undelegated[g], 1U,
				   __ATOMIC_RELAXED);
	else if (status != RMI_ERROR_INPUT)
		record_error(c, delegate ? "DELEGATE status" : "UNDELEGATE status", status, i);
}

/* ---- DATA and RTT slots of the new realm ------------------------------------- */

static uint64_t slot_ipa(unsigned int s, bool data)
{
	return data ? DATA_BASE + s * GRANULE_SIZE : RTT_BASE + s * L2_SIZE;
}

/* A free granule of this CPU for a slot kind, or OWN. */
static unsigned int free_own(const struct cpu_state *c, bool data)
{
	for (unsigned int k = 0; k < OWN; k++) {
		if (!(data ? c->data_used[k] : c->rtt_used[k]))
			return k;
	}
	return OWN;
}

static void slot_create(struct cpu_state *c, unsigned int me, unsigned int s, bool data,
			unsigned int i)
{
	unsigned int k = free_own(c, data);
	uint64_t ipa = slot_ipa(s, data), status;

	if (k == OWN)
		return;
	status = data ? rmi_call(RMI_DATA_CREATE_UNKNOWN, slots_realm.rd, c->data[k], ipa, 0, 0).x[0]
		      : rmi_call(RMI_RTT_CREATE, slots_realm.rd, c->rtt[k], ipa, 3, 0).x[0];
	c->calls++;
	if (status == RMI_SUCCESS) {
		(data ? c->data_used : c->rtt_used)[k] = true;
		__atomic_store_n(data ? &data_owner[s] : &rtt_owner[s], (uint8_t)(me * OWN + k),
				 __ATOMIC_RELEASE);
	} else if (status != RMI_STATUS(RMI_ERROR_RTT, data ? 3U : 2U)) {
		/* Taken: a DATA entry is not UNASSIGNED at level 3, an RTT slot is a TABLE at 2. */
		record_error(c, data ? "DATA_CREATE_UNKNOWN status" : "RTT_CREATE status", status, i);
	}
}

static void slot_destroy(struct cpu_state *c, unsigned int s, bool data, unsigned int k,
			 unsigned int i)
{
	uint64_t ipa = slot_ipa(s, data);
	struct rmi_ret r = data ? rmi_call(RMI_DATA_DESTROY, slots_realm.rd, ipa, 0, 0, 0)
				: rmi_call(RMI_RTT_DESTROY, slots_realm.rd, ipa, 3, 0, 0);

	c->calls++;
	/* Only the creator destroys: nothing else can have changed the slot. */
	if (r.x[0] != RMI_SUCCESS || r.x[1] != (data ? c->data[k] : c->rtt[k])) {
		record_error(c, data ? "DATA_DESTROY by owner" : "RTT_DESTROY by owner", r.x[0], i);
		return;
	}
	/*
	 * Once the RMM has freed the slot another CPU may create there and
	 * record itself before this store: clear only an entry that is still ours.
	 */
	uint8_t mine = (uint8_t)(owner_of(c) * OWN + k);

	(void)__atomic_compare_exchange_n(data ? &data_owner[s] : &rtt_owner[s], &mine, NOBODY,
					  false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
	(data ? c->data_used : c->rtt_used)[k] = false;
}

static void slot_read(struct cpu_state *c, unsigned int s, bool data, unsigned int i)
{
	struct rmi_ret r = rmi_call(RMI_RTT_READ_ENTRY, slots_realm.rd, slot_ipa(s, data),
				    data ? 3 : 2, 0, 0);

	c->calls++;
	if (r.x[0] != RMI_SUCCESS || r.x[1] != (data ? 3U : 2U))
		record_error(c, "RTT_READ_ENTRY status", r.x[0], i);
	else if (r.x[2] != RMI_UNASSIGNED &&
		 (r.x[2] != (data ? RMI_ASSIGNED : RMI_TABLE) || !owned_granule(r.x[3], data)))
		record_error(c, "RTT_READ_ENTRY entry", r.x[2], i);
}

static void slot_step(struct cpu_state *c, unsigned int me, bool data, unsigned int i)
{
	unsigned int s = (unsigned int)(next_random(c) % SLOTS);
	uint8_t owner = __atomic_load_n(data ? &data_owner[s] : &rtt_owner[s], __ATOMIC_ACQUIRE);

	if (owner != NOBODY && owner / OWN == me)
		slot_destroy(c, s, data, owner % OWN, i);
	else if ((next_random(c) & 1U) != 0U)
		slot_create(c, me, s, data, i);
	else
		slot_read(c, s, data, i);
}

/* ---- The workers ------------------------------------------------------------ */

static void worker(void *arg)
{
	unsigned int me = (unsigned int)(uintptr_t)arg;
	struct cpu_state *c = &cpus[me];

	while (go == 0U)
		;
	for (unsigned int i = 0; i < stress_config.iterations; i++) {
		switch (next_random(c) % 4U) {
		case 0:
			enter_shared_rec(c, i);
			break;
		case 1:
			pool_step(c, i);
			break;
		case 2:
			slot_step(c, me, true, i);
			break;
		default:
			slot_step(c, me, false, i);
			break;
		}
	}
}

/* ---- Set-up, run, and the checks ----------------------------------------------- */

static bool setup(void)
{
	uint64_t run0 = host_alloc_granule();
	struct rmi_realm_params p;

	if (stress_config.iterations > MAX_ITERATIONS)
		return false;
	if (program_realm_create(&shared_rec_realm, stress_realm_start, stress_realm_end,
				 &shared_rec) != RMI_SUCCESS)
		return false;
	/* The first entry (no completion flag) runs the realm to its first count. */
	if (rmi_call(RMI_REC_ENTER, shared_rec, run0, 0, 0, 0).x[0] != RMI_SUCCESS ||
	    mmio_read64(run0 + offsetof(struct rmi_rec_run, exit.gprs)) != 1U)
		return false;
	host_realm_params_init(&p, PROGRAM_REALM_S2SZ, 0);
	if (host_realm_create(&slots_realm, &p) != RMI_SUCCESS ||
	    host_realm_rtt_create_to(&slots_realm, DATA_BASE, 3) != RMI_SUCCESS ||
	    host_realm_rtt_create_to(&slots_realm, RTT_BASE, 2) != RMI_SUCCESS)
		return false;
	for (unsigned int g = 0; g < POOL; g++)
		pool[g] = host_alloc_granule();
	for (unsigned int s = 0; s < SLOTS; s++)
		data_owner[s] = rtt_owner[s] = NOBODY;
	for (unsigned int c = 0; c < CPUS; c++) {
		cpus[c].rng = stress_config.seed * 0x9E3779B97F4A7C15ULL + c + 1U;
		cpus[c].run = host_alloc_granule();
		for (unsigned int k = 0; k < OWN; k++) {
			cpus[c].data[k] = host_alloc_granule();
			cpus[c].rtt[k] = host_alloc_granule();
			if (rmi_granule_delegate(cpus[c].data[k]) != RMI_SUCCESS ||
			    rmi_granule_delegate(cpus[c].rtt[k]) != RMI_SUCCESS)
				return false;
		}
	}
	return true;
}

static bool ran;

TEST(stress_4_cpus_run_to_completion)
{
	uint64_t ticks = stress_config.iterations * 4000000ULL + 2000000000ULL;

	CHECK(setup());
	for (unsigned int c = 1; c < CPUS; c++)
		CHECK(host_start_on_cpu(c, worker, (void *)(uintptr_t)c, 2000000000ULL));
	go = 1;
	worker((void *)0);
	for (unsigned int c = 1; c < CPUS; c++)
		CHECK(host_wait_cpu(c, ticks));
	ran = true;
	for (unsigned int c = 0; c < CPUS; c++)
		host_printf("HOST: CPU %u: %u RMI calls, %u REC entries\n", c, cpus[c].calls,
			    cpus[c].entries);
}

TEST(stress_every_status_allowed)
{
	CHECK(ran);
	for (unsigned int c = 0; c < CPUS; c++) {
		if (cpus[c].error != NULL)
			host_printf("HOST: CPU %u, iteration %u: %s (%lx)\n", c,
				    cpus[c].error_iteration, cpus[c].error, cpus[c].error_value);
		CHECK(cpus[c].error == NULL);
	}
}

TEST(stress_shared_rec_counts_each_entry_once)
{
	unsigned int entries = 0;

	CHECK(ran);
	for (unsigned int c = 0; c < CPUS; c++)
		entries += cpus[c].entries;
	CHECK(entries > 0U);
	/* Counts 2..entries+1 seen, each once (duplicates were errors above), nothing beyond. */
	for (uint64_t n = 0; n < MAX_COUNT; n++) {
		bool seen = (counts_seen[n / 64U] & (1ULL << (n % 64U))) != 0U;

		CHECK_EQ(seen, n >= 2U && n <= entries + 1U);
	}
}

TEST(stress_pool_states_match_call_counts)
{
	CHECK(ran);
	for (unsigned int g = 0; g < POOL; g++) {
		uint32_t net = pool_delegated[g] - pool_undelegated[g];

		CHECK(net <= 1U);
		CHECK_EQ(rmi_granule_undelegate(pool[g]), net == 1U ? RMI_SUCCESS : RMI_ERROR_INPUT);
		/* NS again: the granule takes a DELEGATE and an UNDELEGATE as a fresh one. */
		CHECK_EQ(rmi_granule_delegate(pool[g]), RMI_SUCCESS);
		CHECK_EQ(rmi_granule_undelegate(pool[g]), RMI_SUCCESS);
	}
}

TEST(stress_slots_match_owners_then_tear_down)
{
	CHECK(ran);
	for (unsigned int s = 0; s < SLOTS; s++) {
		for (unsigned int d = 0; d < 2U; d++) {
			bool data = d == 0U;
			uint8_t owner = data ? data_owner[s] : rtt_owner[s];
			struct cpu_state *c = &cpus[owner / OWN];
			struct rmi_ret r = rmi_call(RMI_RTT_READ_ENTRY, slots_realm.rd,
						    slot_ipa(s, data), data ? 3 : 2, 0, 0);

			CHECK_EQ(r.x[0], RMI_SUCCESS);
			if (owner == NOBODY) {
				CHECK_EQ(r.x[2], RMI_UNASSIGNED);
				continue;
			}
			CHECK_EQ(r.x[2], data ? RMI_ASSIGNED : RMI_TABLE);
			CHECK_EQ(r.x[3], data ? c->data[owner % OWN] : c->rtt[owner % OWN]);
			slot_destroy(c, s, data, owner % OWN, 0);
			CHECK(c->error == NULL);
		}
	}
	for (unsigned int c = 0; c < CPUS; c++) {
		for (unsigned int k = 0; k < OWN; k++) {
			CHECK_EQ(rmi_granule_undelegate(cpus[c].data[k]), RMI_SUCCESS);
			CHECK_EQ(rmi_granule_undelegate(cpus[c].rtt[k]), RMI_SUCCESS);
		}
	}
	CHECK_EQ(host_realm_teardown(&slots_realm), RMI_SUCCESS);
	CHECK_EQ(host_realm_teardown(&shared_rec_realm), RMI_SUCCESS);
}

extern const struct test_case __start_host_tests[], __stop_host_tests[];

_Noreturn void host_main(void)
{
	host_printf("HOST: Atoll realm host, %u-CPU stress, %u iterations per CPU, seed %lu\n",
		    CPUS, stress_config.iterations, stress_config.seed);
	(void)test_run_all(__start_host_tests, __stop_host_tests, "qemu-stress", host_printf);
	psci_system_off();
}
