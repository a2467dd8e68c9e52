/* The RMI dispatch table. */
#include <rmm/rmi.h>

#include <stddef.h>

#include <atoll/rmi.h>
#include <atoll/smccc.h>

#define ROW(fid, fn, nargs, nres) \
	[(fid) - RMI_FID(RMI_FNUM_FIRST)] = { #fid, fn, nargs, nres }

static const struct rmi_command rmi_commands[RMI_FNUM_LAST - RMI_FNUM_FIRST] = {
	ROW(RMI_VERSION, rmi_version, 1, 2),
	ROW(RMI_GRANULE_DELEGATE, rmi_granule_delegate, 1, 0),
	ROW(RMI_GRANULE_UNDELEGATE, rmi_granule_undelegate, 1, 0),
	ROW(RMI_FEATURES, rmi_features, 1, 1),
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
	cmd->handler(args, res);
}
