/* The RMI dispatch table. */
#include <rmm/rmi.h>

#include <stddef.h>

#include <atoll/rmi.h>
#include <atoll/smccc.h>
#include <rmm/arch.h>

#define ROW(fid, fn, nargs, nres, simd) \
	[(fid) - RMI_FID(RMI_FNUM_FIRST)] = { #fid, fn, nargs, nres, simd }

/* Commands that hash (measurement, attestation) or run a realm use the SIMD registers. */
#define SIMD	true
#define NO_SIMD	false

static const struct rmi_command rmi_commands[RMI_FNUM_LAST - RMI_FNUM_FIRST] = {
	ROW(RMI_VERSION, rmi_version, 1, 2, NO_SIMD),
	ROW(RMI_GRANULE_DELEGATE, rmi_granule_delegate, 1, 0, NO_SIMD),
	ROW(RMI_GRANULE_UNDELEGATE, rmi_granule_undelegate, 1, 0, NO_SIMD),
	ROW(RMI_DATA_CREATE, rmi_data_create, 5, 0, SIMD),
	ROW(RMI_DATA_CREATE_UNKNOWN, rmi_data_create_unknown, 3, 0, NO_SIMD),
	ROW(RMI_DATA_DESTROY, rmi_data_destroy, 2, 2, NO_SIMD),
	ROW(RMI_REALM_ACTIVATE, rmi_realm_activate, 1, 0, NO_SIMD),
	ROW(RMI_REALM_CREATE, rmi_realm_create, 2, 0, SIMD),
	ROW(RMI_REALM_DESTROY, rmi_realm_destroy, 1, 0, NO_SIMD),
	ROW(RMI_REC_CREATE, rmi_rec_create, 3, 0, SIMD),
	ROW(RMI_REC_DESTROY, rmi_rec_destroy, 1, 0, NO_SIMD),
	ROW(RMI_REC_ENTER, rmi_rec_enter, 2, 0, SIMD),
	ROW(RMI_RTT_CREATE, rmi_rtt_create, 4, 0, NO_SIMD),
	ROW(RMI_RTT_DESTROY, rmi_rtt_destroy, 3, 2, NO_SIMD),
	ROW(RMI_RTT_MAP_UNPROTECTED, rmi_rtt_map_unprotected, 4, 0, NO_SIMD),
	ROW(RMI_RTT_READ_ENTRY, rmi_rtt_read_entry, 3, 4, NO_SIMD),
	ROW(RMI_RTT_UNMAP_UNPROTECTED, rmi_rtt_unmap_unprotected, 3, 1, NO_SIMD),
	ROW(RMI_PSCI_COMPLETE, rmi_psci_complete, 3, 0, NO_SIMD),
	ROW(RMI_FEATURES, rmi_features, 1, 1, NO_SIMD),
	ROW(RMI_RTT_FOLD, rmi_rtt_fold, 3, 1, NO_SIMD),
	ROW(RMI_REC_AUX_COUNT, rmi_rec_aux_count, 1, 1, NO_SIMD),
	ROW(RMI_RTT_INIT_RIPAS, rmi_rtt_init_ripas, 3, 1, SIMD),
	ROW(RMI_RTT_SET_RIPAS, rmi_rtt_set_ripas, 4, 1, NO_SIMD),
};

/* REQ_COMPLETE (0x18F) is the last number of TF-A's RMI range but not a command. */
_Static_assert(sizeof(rmi_commands) / sizeof(rmi_commands[0]) ==
	       RMI_FNUM_LAST - RMI_FNUM_FIRST, "one row per RMI function number 0x150..0x18E");

const struct rmi_command *rmi_command_lookup(uint64_t fid)
{
	uint64_t fnum;

	fid &= ~(uint64_t)SMCCC_SVE_HINT;
	if ((fid & ~(uint64_t)SMCCC_FNUM_MASK) != (RMI_FID(0) & ~(uint64_t)SMCCC_FNUM_MASK))
		return NULL;
	fnum = fid & SMCCC_FNUM_MASK;
	if (fnum < RMI_FNUM_FIRST || fnum >= RMI_FNUM_LAST)
		return NULL;
	if (rmi_commands[fnum - RMI_FNUM_FIRST].handler == NULL)
		return NULL;
	return &rmi_commands[fnum - RMI_FNUM_FIRST];
}

void rmi_dispatch(uint64_t fid, const uint64_t args[7], struct rmi_result *res)
{
	const struct rmi_command *cmd = rmi_command_lookup(fid);

	res->x[1] = 0;
	res->x[2] = 0;
	res->x[3] = 0;
	res->x[4] = args[3];
	if (cmd == NULL) {
		res->x[0] = SMC_NOT_SUPPORTED;
		return;
	}
	if (!cmd->uses_simd) {
		cmd->handler(args, res);
		return;
	}
	/* The normal world's SIMD state is saved once around the whole command. */
	arch_simd_begin((fid & SMCCC_SVE_HINT) != 0U);
	cmd->handler(args, res);
	arch_simd_end();
}
