/*
 * Built-in seed inputs for the RSI fuzzer, in the format of rsi_fuzz.h:
 * each RSI and PSCI call's success path and the host's answers, so that
 * mutation starts from whole protocols (IPA_STATE_SET then RTT_SET_RIPAS
 * then the entry that completes it; CPU_ON then PSCI_COMPLETE; a host call
 * and its results; a token from INIT to the last piece). Written by
 * `RSI_FUZZ_WRITE_SEEDS=dir build/fuzz/rsi-fuzz` (tools/fuzz.sh seeds),
 * which is how tests/fuzz/corpus/rsi/ is made.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rsi_fuzz.h"

/* Header: RECs - 1, configuration flags, geometry. */
#define HEADER(recs, cfg, geo)	{ (recs) - 1, (cfg), (geo) }
/* A realm call by REC rec with argument bytes. */
#define CALL(rec, c, ...)	{ RF_REALM_CALL, (rec), (c), 0, __VA_ARGS__ }
#define ENTER(rec, flags)	{ RF_HOST_ENTER, (rec), (flags) }
#define ENTER_IRQ(rec)		{ RF_HOST_ENTER, (rec), 0, 0, 0, 0, 1 }
#define SET_RIPAS(rec)		{ RF_HOST_SET_RIPAS, (rec) }
#define PSCI_COMPLETE(rec, status) { RF_HOST_PSCI_COMPLETE, (rec), 0, (status) }
#define RMI(rec, cmd, ...)	{ RF_HOST_RMI, (rec), (cmd), __VA_ARGS__ }
#define MMIO(rec, kind, rt, off) { RF_REALM_MMIO, (rec), (kind), (rt), (off) }

/* Every call that the RMM answers at once, on REC 0. */
static const uint8_t simple[][RF_RECORD] = {
	HEADER(1, 0, 0),
	CALL(0, RC_VERSION), CALL(0, RC_FEATURES), CALL(0, RC_MEAS_READ, 0),
	CALL(0, RC_MEAS_EXTEND, 1, 0, 7), CALL(0, RC_MEAS_READ, 1),
	CALL(0, RC_REALM_CONFIG, RF_P_RAM1), CALL(0, RC_IPA_STATE_GET, RF_P_RAM0, 3),
	CALL(0, RC_SEALING_KEY, 0, 5), CALL(0, RC_SEALING_KEY, 0, 5), CALL(0, RC_SMCCC_VERSION),
	CALL(0, RC_PSCI_VERSION), CALL(0, RC_PSCI_FEATURES, 0), CALL(0, RC_PSCI_OTHER, 0, 0),
	CALL(0, RC_UNKNOWN, 0, 0), CALL(0, RC_TOKEN_CONTINUE, RF_P_RAM0),
};

/* IPA_STATE_SET to RAM over EMPTY pages, the host accepting part and then the rest. */
static const uint8_t ripas[][RF_RECORD] = {
	HEADER(1, RF_CFG_SHA512, 1),
	CALL(0, RC_IPA_STATE_SET, RF_P_EMPTY, 1, 0, 0),
	{ RF_HOST_SET_RIPAS, 0, 0, 0, 0x80 },		/* one page */
	ENTER(0, 0),
	CALL(0, RC_IPA_STATE_SET, RF_P_EMPTY2, 0, 0, 0),
	SET_RIPAS(0), ENTER(0, 0),
	CALL(0, RC_IPA_STATE_GET, RF_P_RAM0, 7),
	CALL(0, RC_IPA_STATE_SET, RF_P_RAM2, 1, 1, 0),	/* to EMPTY */
	ENTER(0, REC_ENTER_FLAG_RIPAS_RESPONSE),
	CALL(0, RC_IPA_STATE_SET, RF_P_DESTROYED, 0, 0, 1),	/* DESTROYED may change */
	SET_RIPAS(0), ENTER(0, 0),
};

/* CPU_ON of REC 1 and its completion, AFFINITY_INFO, then REC 1 runs and turns off. */
static const uint8_t psci[][RF_RECORD] = {
	HEADER(3, 0, 0),
	CALL(0, RC_CPU_ON, 0x81, 0),
	PSCI_COMPLETE(0, 0),
	CALL(0, RC_AFFINITY_INFO, 1, 0),
	PSCI_COMPLETE(0, 0),
	CALL(1, RC_VERSION),
	CALL(1, RC_CPU_OFF),
	CALL(0, RC_AFFINITY_INFO, 1, 0),
	PSCI_COMPLETE(0, 0),
	CALL(0, RC_CPU_ON, 2, 0x10),
	{ RF_HOST_PSCI_COMPLETE, 0, 0, 2 },		/* DENIED */
	CALL(0, RC_CPU_SUSPEND, 0),
	CALL(0, RC_SYSTEM_OFF),
	ENTER(0, 0),
};

/* A host call, its results, and the page taken away before the next one completes. */
static const uint8_t host_call[][RF_RECORD] = {
	HEADER(2, RF_CFG_RUNNABLE, 2),
	CALL(0, RC_HOST_CALL, RF_P_RAM1, 3, 1, 0x34, 0x12, 9),
	{ RF_HOST_ENTER, 0, 0, 0x21 },
	CALL(0, RC_HOST_CALL, RF_P_RAM2, 0, 1, 1, 0, 1),
	RMI(0, RR_DATA_DESTROY, RF_P_RAM2),
	ENTER(0, 0),
	CALL(1, RC_HOST_CALL, RF_P_RAM_UNMAPPED),
	CALL(1, RC_MEAS_EXTEND, 2, 4, 1, 2),
	MMIO(1, 0x1C, 3, 0x10),		/* a 32-bit MMIO write */
	ENTER(1, REC_ENTER_FLAG_EMULATED_MMIO),
	MMIO(1, 0x6C, 5, 0x20),		/* a 64-bit read */
	ENTER(1, REC_ENTER_FLAG_EMULATED_MMIO),
	MMIO(1, 0x01, 7, 0),		/* no syndrome: the host injects an SEA */
	ENTER(1, REC_ENTER_FLAG_INJECT_SEA),
};

/* A token: INIT, then CONTINUE in pieces (an IRQ makes the first give way). */
static const uint8_t token[][RF_RECORD] = {
	HEADER(1, 0, 0),
	CALL(0, RC_TOKEN_INIT, 1),
	ENTER_IRQ(0),
	CALL(0, RC_TOKEN_CONTINUE, RF_P_RAM0, 0, 0x80),
	ENTER(0, 0),
	CALL(0, RC_TOKEN_CONTINUE, RF_P_RAM0, 0, 0x80),
	CALL(0, RC_TOKEN_CONTINUE, RF_P_RAM1, 0, 0x80),
	CALL(0, RC_TOKEN_CONTINUE, RF_P_RAM2, 0, 0x80),
	CALL(0, RC_TOKEN_CONTINUE, RF_P_RAM3, 0, 0x80),
	CALL(0, RC_TOKEN_CONTINUE, RF_P_RAM3, 0, 0x80),
};

/*
 * The host's table commands between runs (geometry s2sz 40 from level 1):
 * RTTs made, folded and destroyed at 1 GB (RIPAS becomes DESTROYED), and
 * an Unprotected page mapped, touched by the realm and unmapped.
 */
#define AT_1G		0xC1	/* host_ipa(): 1 << 30 */
#define AT_UNPROT	0xC4	/* the first Unprotected IPA */
#define AT_UNPROT_MEM	0xC5	/* Unprotected IPA RF_MEM_BASE */
#define LEVEL(l)	((l) - 1)	/* byte 4: level 1 + b % 3 */
static const uint8_t tables[][RF_RECORD] = {
	HEADER(2, RF_CFG_NO_RAK | RF_CFG_NO_VHUKS, 0),
	RMI(0, RR_RTT_CREATE, AT_1G, LEVEL(2), 0),
	RMI(0, RR_RTT_CREATE, AT_1G, LEVEL(3), 1),
	RMI(0, RR_RTT_READ_ENTRY, AT_1G, LEVEL(3)),
	RMI(0, RR_RTT_FOLD, AT_1G, LEVEL(3)),
	RMI(0, RR_RTT_CREATE, AT_1G, LEVEL(3), 2),
	RMI(0, RR_RTT_DESTROY, AT_1G, LEVEL(3)),
	RMI(0, RR_RTT_DESTROY, AT_1G, LEVEL(2)),
	RMI(0, RR_RTT_CREATE, AT_UNPROT, LEVEL(2), 3),
	RMI(0, RR_RTT_CREATE, AT_UNPROT_MEM, LEVEL(3), 4),
	RMI(0, RR_MAP_UNPROTECTED, AT_UNPROT_MEM, LEVEL(3)),
	MMIO(0, 0x5C, 0x02, 8),			/* a 64-bit write there */
	ENTER(0, REC_ENTER_FLAG_EMULATED_MMIO),
	CALL(0, RC_TOKEN_INIT, 0),		/* no attestation key: ERROR_UNKNOWN */
	CALL(0, RC_TOKEN_CONTINUE, RF_P_RAM0),	/* ERROR_STATE */
	CALL(0, RC_SEALING_KEY, 1, 0),		/* no VHUKs: ERROR_UNKNOWN */
	RMI(0, RR_UNMAP_UNPROTECTED, AT_UNPROT_MEM, LEVEL(3)),
	RMI(0, RR_RTT_DESTROY, AT_UNPROT_MEM, LEVEL(3)),
	RMI(0, RR_RTT_DESTROY, AT_UNPROT, LEVEL(2)),
	RMI(1, RR_REC_DESTROY),
	CALL(0, RC_CPU_ON, 1, 0),		/* REC 1 is gone: the host cannot complete it */
	PSCI_COMPLETE(0, 0),
	ENTER(0, 0),				/* PSCI still pending: ERROR_REC */
};

static bool write_seed(const char *dir, const char *name, const uint8_t (*rec)[RF_RECORD],
		       size_t n)
{
	char path[512];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL) {
		perror(path);
		return false;
	}
	ok = fwrite(rec, RF_RECORD, n, f) == n;
	return fclose(f) == 0 && ok;
}

#define SEED(name)	write_seed(dir, #name, name, sizeof(name) / RF_RECORD)

bool rf_write_seeds(const char *dir)
{
	return SEED(simple) && SEED(ripas) && SEED(psci) && SEED(host_call) && SEED(token) &&
	       SEED(tables);
}
