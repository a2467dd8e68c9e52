/*
 * The REC (realm execution context), kept in the REC granule. Guarded by the
 * REC granule's lock, except `state`, which REC_ENTER changes atomically.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/rmi.h>
#include <rmm/granule.h>
#include <rmm/s2tt.h>

enum rec_state {
	REC_READY = 0,
	REC_RUNNING,
};

struct rec_psci_request {
	bool pending;
	uint64_t fid;
	uint64_t target_mpidr;
	uint64_t entry;
	uint64_t context;
};

struct rec_ripas_request {
	bool pending;
	uint64_t base;
	uint64_t top;
	uint64_t addr;		/* progress: first IPA not yet changed */
	enum ripas value;
	bool change_destroyed;
};

struct rec {
	enum rec_state state;
	bool runnable;
	uint64_t rd_pa;
	uint64_t mpidr;
	uint64_t index;
	uint64_t pc;
	uint64_t pstate;
	uint64_t gprs[31];
	uint64_t sctlr_el1;
	uint64_t num_aux;
	uint64_t aux[RMI_REC_MAX_AUX];
	struct rec_psci_request psci;
	struct rec_ripas_request ripas;
};

_Static_assert(sizeof(struct rec) <= GRANULE_SIZE, "the REC fits its granule");

static inline struct rec *rec_from_granule(const struct granule *g)
{
	return granule_va(g);
}

/* RmiRecMpidr: Aff0 [3:0], Aff1 [15:8], Aff2 [23:16], Aff3 [31:24], nothing else. */
bool rec_mpidr_valid(uint64_t mpidr);
uint64_t rec_mpidr_to_index(uint64_t mpidr);

/* MPIDR_EL1 layout as a realm passes it to PSCI (Aff3 in [39:32]) to RmiRecMpidr. */
uint64_t rec_psci_mpidr_to_rec_mpidr(uint64_t mpidr);

/* Resets the REC's CPU state: EL1h, DAIF masked, MMU off, pc = entry. */
void rec_reset_cpu(struct rec *rec, uint64_t entry);
