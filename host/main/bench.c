/*
 * Benchmark image (`make bench`): the instruction cost of the success path
 * of RMI calls. It runs under `qemu-run.sh --bench` (-icount shift=0), where
 * CNTPCT_EL0 ticks once per instruction, so the ticks around the SMC (less
 * the cost of an empty timed region) are the instructions EL3 and the RMM
 * executed for the call. REC_ENTER round trips are timed the same way, with
 * a small realm program (bench_realm.S) that exits at a WFI or a host call;
 * RSI calls are timed by that program inside the realm, which hands its
 * counts to the host through a host call.
 *
 * Every command is measured once per round, over ROUNDS rounds, and its
 * median is printed as "BENCH <command> <instructions>" for tools/bench.sh.
 * A command that failed in any round, or whose set-up failed, gets no
 * BENCH line, only the reason: no number is ever made up.
 */
#include <stddef.h>

#include <atoll/rmi.h>
#include <atoll/rsi.h>
#include <atoll/smccc.h>

#include "../host.h"
#include "../builder/realm.h"
#include "../rmi/report.h"
#include "../rmi/smc_timed.h"

#define ROUNDS		9U

/* s2sz 40 with the walk starting at level 0: one root RTT, levels 0..3. */
#define S2SZ		40U
#define UNPROTECTED	(1ULL << (S2SZ - 1U))
#define L2_SIZE		0x200000ULL
#define NS_ATTRS	((6ULL << 2) | (3ULL << 6))	/* MemAttr Normal WB, S2AP RW */

#define BENCH_LIST(X)                                                                  \
	X(RMI_VERSION) X(RMI_FEATURES) X(GRANULE_DELEGATE) X(GRANULE_UNDELEGATE)       \
	X(REALM_CREATE) X(REALM_ACTIVATE) X(REALM_DESTROY) X(REC_AUX_COUNT)            \
	X(REC_CREATE) X(REC_DESTROY) X(RTT_CREATE_L1) X(RTT_CREATE_L2) X(RTT_CREATE_L3) \
	X(RTT_DESTROY) X(RTT_FOLD) X(RTT_READ_ENTRY) X(RTT_INIT_RIPAS)                  \
	X(RTT_MAP_UNPROTECTED) X(RTT_UNMAP_UNPROTECTED) X(DATA_CREATE_MEASURED)        \
	X(DATA_CREATE_UNMEASURED) X(DATA_CREATE_UNKNOWN) X(DATA_DESTROY)                \
	X(REC_ENTER_WFI_EXIT) X(REC_ENTER_HOST_CALL) X(RSI_MEASUREMENT_EXTEND)              \
	X(RSI_REALM_CONFIG) X(ATTESTATION_TOKEN) X(RTT_SET_RIPAS) X(PSCI_COMPLETE)        \
	X(RSI_IPA_STATE_GET) X(REC_ENTER_WFI_EXIT_SVE_HINT) X(REC_ENTER_WFI_EXIT_SVE_PMU)          \
	X(REC_ENTER_WFI_EXIT_SVE_PMU_HINT)

#define BENCH_ID(name) B_##name,
#define BENCH_NAME(name) #name,
enum bench_id { BENCH_LIST(BENCH_ID) NUM_BENCH };
static const char *const bench_names[NUM_BENCH] = { BENCH_LIST(BENCH_NAME) };

/*
 * Profile windows (tools/profile.sh): the insnprof plugin counts what runs
 * between a call of bench_prof_begin(label) and one of bench_prof_end(),
 * per address. Both are empty (bench_realm.S) and sit outside the timed
 * regions. The realm program labels its RSI calls with these numbers.
 */
void bench_prof_begin(unsigned int label);
void bench_prof_end(void);
_Static_assert(B_RSI_MEASUREMENT_EXTEND == 25 && B_RSI_REALM_CONFIG == 26 &&
		       B_ATTESTATION_TOKEN == 27 && B_RSI_IPA_STATE_GET == 30 && NUM_BENCH < 40,
	       "the PROF_* labels of bench_realm.S");

static struct {
	uint64_t samples[ROUNDS];
	unsigned int count;
	uint64_t failure;	/* status of the first failed call, SUCCESS if none */
	const char *why;	/* or what else went wrong */
} bench[NUM_BENCH];

static struct host_realm realm;
static struct rmi_realm_params params;

/* Adds a sample of id, or notes why there is none. */
static bool add_sample(enum bench_id id, uint64_t status, uint64_t ticks)
{
	if (status != RMI_SUCCESS) {
		if (bench[id].failure == RMI_SUCCESS)
			bench[id].failure = status;
		return false;
	}
	bench[id].samples[bench[id].count++] = ticks;
	return true;
}

/* The cost of the realm library's last call, which returned status. */
static bool record(enum bench_id id, uint64_t status)
{
	return add_sample(id, status, host_rmi_last_ticks());
}

/* A timed RMI call outside the realm library (no realm, or no ledger change). */
static bool record_raw(enum bench_id id, uint32_t fid, uint64_t a1, uint64_t a2)
{
	uint64_t regs[8] = { fid, a1, a2 };
	uint64_t ticks = host_smc_cost(regs);

	return add_sample(id, regs[0], ticks);
}

/*
 * Granules for GRANULE_DELEGATE/UNDELEGATE, in one 2 MB block whose first
 * granule stays delegated throughout. TF-A 2.12 keeps the GPT in contiguous
 * blocks of up to 512 MB: delegating a granule of an all-NS block makes EL3
 * shatter it, and undelegating the last one fuses it again, about 20,000
 * instructions each. The anchor keeps the block shattered, so the calls
 * measured are the typical ones, not that EL3 bookkeeping.
 */
static uint64_t granule_run[ROUNDS];	/* all 0 if the anchor could not be delegated */

static void set_up_granule_run(void)
{
	uint64_t anchor = host_alloc_granule();

	while ((anchor & (L2_SIZE - 1U)) != 0U)
		anchor = host_alloc_granule();
	if (rmi_granule_delegate(anchor) != RMI_SUCCESS) {
		host_printf("bench: could not delegate the anchor granule %lx\n", anchor);
		return;
	}
	for (unsigned int i = 0; i < ROUNDS; i++)
		granule_run[i] = host_alloc_granule();
}

static void round_no_realm(unsigned int round)
{
	(void)record_raw(B_RMI_VERSION, RMI_VERSION, RMI_ABI_VERSION, 0);
	(void)record_raw(B_RMI_FEATURES, RMI_FEATURES, 0, 0);
	if (granule_run[round] != 0U &&
	    record_raw(B_GRANULE_DELEGATE, RMI_GRANULE_DELEGATE, granule_run[round], 0))
		(void)record_raw(B_GRANULE_UNDELEGATE, RMI_GRANULE_UNDELEGATE, granule_run[round], 0);
}

/* Tables at levels 1, 2 and 3 for IPA 0, and an entry read back. */
static bool round_tables(void)
{
	struct host_rtt_entry e;

	return record(B_RTT_CREATE_L1, host_realm_rtt_create(&realm, 0, 1)) &&
	       record(B_RTT_CREATE_L2, host_realm_rtt_create(&realm, 0, 2)) &&
	       record(B_RTT_CREATE_L3, host_realm_rtt_create(&realm, 0, 3)) &&
	       record(B_RTT_READ_ENTRY, host_realm_read_entry(&realm, 0, 3, &e));
}

/* DATA of each kind in the level-3 table at 0, and RIPAS of one entry. */
static void round_data(uint64_t src)
{
	const uint64_t page = GRANULE_SIZE;

	uint64_t status;

	bench_prof_begin(B_RTT_INIT_RIPAS);
	status = host_realm_init_ripas(&realm, 16U * page, 17U * page);
	bench_prof_end();
	(void)record(B_RTT_INIT_RIPAS, status);
	(void)record(B_DATA_CREATE_MEASURED, host_realm_data_create(&realm, 0, src, true));
	(void)record(B_DATA_CREATE_UNMEASURED, host_realm_data_create(&realm, page, src, false));
	if (record(B_DATA_CREATE_UNKNOWN, host_realm_data_create_unknown(&realm, 2U * page))) {
		bench_prof_begin(B_DATA_DESTROY);
		status = host_realm_data_destroy(&realm, 2U * page, NULL);
		bench_prof_end();
		(void)record(B_DATA_DESTROY, status);
	}
}

/* Fold and destroy of an empty level-3 table each, and an unprotected mapping. */
static void round_structure(uint64_t ns)
{
	if (host_realm_rtt_create(&realm, L2_SIZE, 3) == RMI_SUCCESS)
		(void)record(B_RTT_FOLD, host_realm_rtt_fold(&realm, L2_SIZE, 3));
	if (host_realm_rtt_create(&realm, 2U * L2_SIZE, 3) == RMI_SUCCESS)
		(void)record(B_RTT_DESTROY, host_realm_rtt_destroy(&realm, 2U * L2_SIZE, 3, NULL));
	if (host_realm_rtt_create_to(&realm, UNPROTECTED, 3) == RMI_SUCCESS &&
	    record(B_RTT_MAP_UNPROTECTED,
		   host_realm_map_unprotected(&realm, UNPROTECTED, 3, ns | NS_ATTRS)))
		(void)record(B_RTT_UNMAP_UNPROTECTED,
			     host_realm_unmap_unprotected(&realm, UNPROTECTED, 3, NULL));
}

/* One realm's life, every realm command measured once. */
static void round_realm(uint64_t src, uint64_t ns)
{
	uint64_t rec;

	host_realm_params_init(&params, S2SZ, 0);
	if (record(B_REALM_CREATE, host_realm_create(&realm, &params))) {
		(void)record_raw(B_REC_AUX_COUNT, RMI_REC_AUX_COUNT, realm.rd, 0);
		if (round_tables())
			round_data(src);
		round_structure(ns);
		if (record(B_REC_CREATE, host_realm_rec_create(&realm, 0, NULL, true, &rec)))
			(void)record(B_REC_DESTROY, host_realm_rec_destroy(&realm, rec));
		(void)record(B_REALM_ACTIVATE, host_realm_activate(&realm));
		if (host_realm_destroy_contents(&realm) == RMI_SUCCESS)
			(void)record(B_REALM_DESTROY, host_realm_destroy(&realm));
	}
	(void)host_realm_release(&realm);
}

/* ---- REC_ENTER round trips and RSI calls, through the program in bench_realm.S ---- */

extern const uint64_t bench_realm_start[], bench_realm_end[];

#define HOST_CALL_IPA	GRANULE_SIZE		/* the RsiHostCall structure */
#define CONFIG_IPA	(2U * GRANULE_SIZE)	/* the RSI_REALM_CONFIG buffer */
#define RUN_EXIT_REASON	0x800U			/* RmiRecRun offsets */
#define RUN_EXIT_ESR	0x900U
#define RUN_EXIT_GPRS	0xA00U
#define ESR_EC(esr)	(((esr) >> 26) & 0x3FU)
#define EC_WFX		0x01U
#define EC_ANY		0xFFU

/*
 * An ACTIVE realm with one runnable REC that runs bench_realm.S from IPA 0
 * with passes passes of its first two phases; with RMI_REALM_FLAG_SVE and
 * RMI_REALM_FLAG_PMU in flags, at the longest vector length and with every
 * event counter RMI_FEATURES offers.
 */
static bool set_up_running_realm(uint64_t *rec, uint64_t passes, uint64_t flags)
{
	uint64_t feat0 = rmi_call(RMI_FEATURES, 0, 0, 0, 0, 0).x[1];
	const uint64_t gprs[8] = { 0, HOST_CALL_IPA, CONFIG_IPA, passes };
	uint64_t program = host_alloc_granule(), zero = host_alloc_granule();
	uint64_t words = (uint64_t)(bench_realm_end - bench_realm_start);

	for (uint64_t i = 0; i < GRANULE_SIZE / 8U; i++) {
		mmio_write64(program + 8U * i, i < words ? bench_realm_start[i] : 0U);
		mmio_write64(zero + 8U * i, 0);
	}
	host_realm_params_init(&params, S2SZ, 0);
	params.flags = flags;
	params.sve_vl = (uint32_t)((feat0 >> RMI_FEAT0_SVE_VL_SHIFT) & 0xFU);
	params.pmu_num_ctrs = (uint32_t)((feat0 >> RMI_FEAT0_PMU_NUM_CTRS_SHIFT) & 0x1FU);
	return host_realm_create(&realm, &params) == RMI_SUCCESS &&
	       host_realm_data_load(&realm, 0, program, 1, true) == RMI_SUCCESS &&
	       host_realm_data_load(&realm, HOST_CALL_IPA, zero, 1, false) == RMI_SUCCESS &&
	       host_realm_data_load(&realm, CONFIG_IPA, zero, 1, false) == RMI_SUCCESS &&
	       host_realm_rec_create(&realm, 0, gprs, true, rec) == RMI_SUCCESS &&
	       host_realm_activate(&realm) == RMI_SUCCESS;
}

/*
 * One timed REC_ENTER that must come back with this exit reason (and EC,
 * unless EC_ANY). *ticks gets its cost; false (with the reason noted
 * against id) when it did not.
 */
static bool enter_fid(enum bench_id id, uint64_t fid, uint64_t rec, uint64_t run,
		      uint64_t reason, uint64_t ec, uint64_t *ticks)
{
	uint64_t regs[8] = { fid, rec, run };

	if (id != B_RSI_MEASUREMENT_EXTEND)	/* phase 3: the realm opens its own windows */
		bench_prof_begin(id);
	*ticks = host_smc_cost(regs);
	bench_prof_end();
	if (regs[0] != RMI_SUCCESS)
		return add_sample(id, regs[0], 0);
	if (mmio_read64(run + RUN_EXIT_REASON) != reason ||
	    (ec != EC_ANY && ESR_EC(mmio_read64(run + RUN_EXIT_ESR)) != ec)) {
		bench[id].why = "the realm exited for another reason";
		return false;
	}
	return true;
}

static bool enter(enum bench_id id, uint64_t rec, uint64_t run, uint64_t reason, uint64_t ec,
		  uint64_t *ticks)
{
	return enter_fid(id, RMI_REC_ENTER, rec, run, reason, ec, ticks);
}

/*
 * Phase 3 of the program: the realm's own counts of RSI calls, less its
 * empty timed region, from the host call's gprs (layout in bench_realm.S).
 */
static bool record_rsi(uint64_t run)
{
	static const struct {
		enum bench_id id;
		unsigned int ticks, status;	/* indices into gprs */
	} calls[] = {
		{ B_RSI_MEASUREMENT_EXTEND, 0, 3 },
		{ B_RSI_REALM_CONFIG, 1, 4 },
		{ B_ATTESTATION_TOKEN, 5, 6 },
		{ B_RSI_IPA_STATE_GET, 7, 8 },
	};
	const unsigned int empty = 2;
	uint64_t g[9];
	bool ok = true;

	for (unsigned int i = 0; i < 9U; i++)
		g[i] = mmio_read64(run + RUN_EXIT_GPRS + 8U * i);
	for (unsigned int i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		/* RSI_SUCCESS is 0 as RMI_SUCCESS is; other values mean other things. */
		if (g[calls[i].status] != RSI_SUCCESS)
			bench[calls[i].id].why = "the realm's RSI call failed";
		ok = add_sample(calls[i].id, g[calls[i].status], g[calls[i].ticks] - g[empty]) && ok;
	}
	return ok;
}

/*
 * ROUNDS + 1 entries that end at a WFI, then ROUNDS + 1 that end at a
 * HOST_CALL; the first of each kind is left out of the count, as it also
 * runs the program's set-up or its switch from one phase to the next. The
 * others are bare loops: each resumes the realm after the previous exit of
 * the same kind (completing the previous host call) and comes back. Then
 * ROUNDS entries in which the realm times RSI calls itself.
 */
static void measure_realm_run(void)
{
	uint64_t run = host_alloc_granule(), rec = 0, ticks;
	bool ok = set_up_running_realm(&rec, ROUNDS + 1U, 0);

	if (!ok)
		bench[B_REC_ENTER_WFI_EXIT].why = bench[B_REC_ENTER_HOST_CALL].why =
			bench[B_RSI_MEASUREMENT_EXTEND].why = bench[B_RSI_REALM_CONFIG].why =
				bench[B_ATTESTATION_TOKEN].why = bench[B_RSI_IPA_STATE_GET].why =
					"the running realm could not be built";
	mmio_write64(run, REC_ENTER_FLAG_TRAP_WFI);
	for (unsigned int i = 0; ok && i <= ROUNDS; i++) {
		ok = enter(B_REC_ENTER_WFI_EXIT, rec, run, RMI_EXIT_SYNC, EC_WFX, &ticks);
		if (ok && i > 0U)
			(void)add_sample(B_REC_ENTER_WFI_EXIT, RMI_SUCCESS, ticks);
	}
	for (unsigned int i = 0; ok && i <= ROUNDS; i++) {
		ok = enter(B_REC_ENTER_HOST_CALL, rec, run, RMI_EXIT_HOST_CALL, EC_ANY, &ticks);
		if (ok && i > 0U)
			(void)add_sample(B_REC_ENTER_HOST_CALL, RMI_SUCCESS, ticks);
	}
	for (unsigned int i = 0; ok && i < ROUNDS; i++)
		ok = enter(B_RSI_MEASUREMENT_EXTEND, rec, run, RMI_EXIT_HOST_CALL, EC_ANY, &ticks) &&
		     record_rsi(run);
	(void)host_realm_destroy_contents(&realm);
	(void)host_realm_destroy(&realm);
	(void)host_realm_release(&realm);
}

/*
 * The bare WFI round trip again, for a realm with these flags (SVE, PMU)
 * and REC_ENTER with or without the SMCCC SVE hint: what each costs.
 */
static void measure_wfi_round_trip(enum bench_id id, uint64_t flags, bool sve_hint)
{
	uint64_t run = host_alloc_granule(), rec = 0, ticks;
	uint64_t fid = RMI_REC_ENTER | (sve_hint ? SMCCC_SVE_HINT : 0U);
	bool ok = set_up_running_realm(&rec, ROUNDS + 1U, flags);

	if (!ok)
		bench[id].why = "the running realm could not be built";
	mmio_write64(run, REC_ENTER_FLAG_TRAP_WFI);
	for (unsigned int i = 0; ok && i <= ROUNDS; i++) {
		ok = enter_fid(id, fid, rec, run, RMI_EXIT_SYNC, EC_WFX, &ticks);
		if (ok && i > 0U)
			(void)add_sample(id, RMI_SUCCESS, ticks);
	}
	(void)host_realm_destroy_contents(&realm);
	(void)host_realm_destroy(&realm);
	(void)host_realm_release(&realm);
}

#define RIPAS_IPA	(16U * GRANULE_SIZE)	/* a page the completions program toggles */
#define RUN_EXIT_RIPAS_BASE	0xD00U
#define RUN_EXIT_RIPAS_TOP	0xD08U

extern const uint64_t bench_completions_start[], bench_completions_end[];

/* A realm of two RECs running the completions program (bench_realm.S). */
static bool set_up_completions_realm(uint64_t *rec0, uint64_t *rec1)
{
	const uint64_t gprs[8] = { 0, RIPAS_IPA, 1 /* REC 1's MPIDR */ };
	uint64_t program = host_alloc_granule();
	uint64_t words = (uint64_t)(bench_completions_end - bench_completions_start);

	for (uint64_t i = 0; i < GRANULE_SIZE / 8U; i++)
		mmio_write64(program + 8U * i, i < words ? bench_completions_start[i] : 0U);
	host_realm_params_init(&params, S2SZ, 0);
	return host_realm_create(&realm, &params) == RMI_SUCCESS &&
	       host_realm_data_load(&realm, 0, program, 1, true) == RMI_SUCCESS &&
	       host_realm_rec_create(&realm, 0, gprs, true, rec0) == RMI_SUCCESS &&
	       host_realm_rec_create(&realm, 0, NULL, false, rec1) == RMI_SUCCESS &&
	       host_realm_activate(&realm) == RMI_SUCCESS;
}

/*
 * RMI_RTT_SET_RIPAS and RMI_PSCI_COMPLETE, each answering the exit the
 * realm just made (one page's RIPAS change; an AFFINITY_INFO for REC 1).
 */
static void measure_completions(void)
{
	uint64_t run = host_alloc_granule(), rec0 = 0, rec1 = 0, ticks;
	bool ok = set_up_completions_realm(&rec0, &rec1);

	if (!ok)
		bench[B_RTT_SET_RIPAS].why = bench[B_PSCI_COMPLETE].why =
			"the two-REC realm could not be built";
	for (unsigned int i = 0; ok && i < ROUNDS; i++) {
		uint64_t set_ripas[8] = { RMI_RTT_SET_RIPAS, realm.rd, rec0 };
		uint64_t complete[8] = { RMI_PSCI_COMPLETE, rec0, rec1, 0 /* PSCI_SUCCESS */ };

		ok = enter(B_RTT_SET_RIPAS, rec0, run, RMI_EXIT_RIPAS_CHANGE, EC_ANY, &ticks);
		set_ripas[3] = mmio_read64(run + RUN_EXIT_RIPAS_BASE);
		set_ripas[4] = mmio_read64(run + RUN_EXIT_RIPAS_TOP);
		ticks = host_smc_cost(set_ripas);
		ok = ok && add_sample(B_RTT_SET_RIPAS, set_ripas[0], ticks);
		ok = ok && enter(B_PSCI_COMPLETE, rec0, run, RMI_EXIT_PSCI, EC_ANY, &ticks);
		ticks = host_smc_cost(complete);
		ok = ok && add_sample(B_PSCI_COMPLETE, complete[0], ticks);
	}
	(void)host_realm_teardown(&realm);
}

static uint64_t median(uint64_t *v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		for (unsigned int j = i; j > 0U && v[j - 1U] > v[j]; j--) {
			uint64_t t = v[j];

			v[j] = v[j - 1U];
			v[j - 1U] = t;
		}
	}
	return v[n / 2U];
}

static void report(void)
{
	for (unsigned int id = 0; id < NUM_BENCH; id++) {
		/* The first token after boot also derives the RAK's public key: shown apart. */
		if (id == B_ATTESTATION_TOKEN && bench[id].count == ROUNDS)
			host_printf("BENCH ATTESTATION_TOKEN_FIRST %lu\n", bench[id].samples[0]);
		if (bench[id].count == ROUNDS)
			host_printf("BENCH %s %lu\n", bench_names[id],
				    median(bench[id].samples, ROUNDS));
		else if (bench[id].why != NULL)
			host_printf("bench: %s not measured: %s (status %lx)\n", bench_names[id],
				    bench[id].why, bench[id].failure);
		else if (bench[id].failure != RMI_SUCCESS)
			host_printf("bench: %s not measured: %s (x0 %lx)\n", bench_names[id],
				    host_rmi_status_name(bench[id].failure), bench[id].failure);
		else
			host_printf("bench: %s not measured: its set-up failed\n", bench_names[id]);
	}
}

/* NS pages with content, for DATA_CREATE sources and unprotected mappings. */
static uint64_t filled_granule(void)
{
	uint64_t pa = host_alloc_granule();

	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8U)
		mmio_write64(pa + off, 0x5EED000000000000ULL | (pa + off));
	return pa;
}

_Noreturn void host_main(void)
{
	uint64_t src = filled_granule(), ns = filled_granule();

	host_printf("HOST: Atoll realm host, RMI benchmarks (%u rounds, median)\n", ROUNDS);
	host_printf("bench: empty timed region = %lu ticks, subtracted\n", host_smc_timed_empty());
	set_up_granule_run();
	for (unsigned int i = 0; i < ROUNDS; i++) {
		round_no_realm(i);
		round_realm(src, ns);
	}
	measure_realm_run();
	measure_wfi_round_trip(B_REC_ENTER_WFI_EXIT_SVE_HINT, 0, true);
	measure_wfi_round_trip(B_REC_ENTER_WFI_EXIT_SVE_PMU, RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU,
			       false);
	measure_wfi_round_trip(B_REC_ENTER_WFI_EXIT_SVE_PMU_HINT,
			       RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU, true);
	measure_completions();
	report();
	host_printf("bench: done\n");
	psci_system_off();
}
