/* RMI command dispatch: one const row per command, handlers in rmm/rmi/. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Values returned to the host in x0..x4. */
struct rmi_result {
	uint64_t x[5];
};

/* args[0..6] are the caller's x1..x7. */
typedef void (*rmi_handler_fn)(const uint64_t *args, struct rmi_result *res);

struct rmi_command {
	const char *name;
	rmi_handler_fn handler;
	uint8_t num_args;
	uint8_t num_results;	/* besides x0 */
	bool uses_simd;		/* the NS SIMD registers are saved around it */
};

/* Row for a function ID, or NULL when the FID is not an implemented RMI command. */
const struct rmi_command *rmi_command_lookup(uint64_t fid);

/*
 * Runs one RMI call. fid is the FID as EL3 forwards it (the SVE hint bit is
 * ignored). Unknown FIDs return SMC_NOT_SUPPORTED. Results not produced by
 * the command are 0, except x4, which is handed back unchanged.
 */
void rmi_dispatch(uint64_t fid, const uint64_t args[7], struct rmi_result *res);

/* Handlers, named after their command. */
void rmi_version(const uint64_t *args, struct rmi_result *res);
void rmi_features(const uint64_t *args, struct rmi_result *res);
void rmi_granule_delegate(const uint64_t *args, struct rmi_result *res);
void rmi_granule_undelegate(const uint64_t *args, struct rmi_result *res);
void rmi_realm_create(const uint64_t *args, struct rmi_result *res);
void rmi_realm_activate(const uint64_t *args, struct rmi_result *res);
void rmi_realm_destroy(const uint64_t *args, struct rmi_result *res);
void rmi_rec_create(const uint64_t *args, struct rmi_result *res);
void rmi_rec_destroy(const uint64_t *args, struct rmi_result *res);
void rmi_rec_enter(const uint64_t *args, struct rmi_result *res);
void rmi_rec_aux_count(const uint64_t *args, struct rmi_result *res);
void rmi_psci_complete(const uint64_t *args, struct rmi_result *res);
void rmi_rtt_create(const uint64_t *args, struct rmi_result *res);
void rmi_rtt_destroy(const uint64_t *args, struct rmi_result *res);
void rmi_rtt_fold(const uint64_t *args, struct rmi_result *res);
void rmi_rtt_read_entry(const uint64_t *args, struct rmi_result *res);
void rmi_rtt_map_unprotected(const uint64_t *args, struct rmi_result *res);
void rmi_rtt_unmap_unprotected(const uint64_t *args, struct rmi_result *res);
void rmi_rtt_init_ripas(const uint64_t *args, struct rmi_result *res);
void rmi_rtt_set_ripas(const uint64_t *args, struct rmi_result *res);
void rmi_data_create(const uint64_t *args, struct rmi_result *res);
void rmi_data_create_unknown(const uint64_t *args, struct rmi_result *res);
void rmi_data_destroy(const uint64_t *args, struct rmi_result *res);

/* Computes feature register 0 from what the CPU and the RMM implement. */
void rmi_features_init(void);
uint64_t rmi_feature_register0(void);
/* FEAT_HPMN0 (not in feature register 0): a PMU realm may then have 0 event counters. */
bool rmi_pmu_hpmn0(void);
