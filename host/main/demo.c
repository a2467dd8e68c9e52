/* Demo image main (`make run`): shows the RMM answering RMI calls, then powers off. */
#include <atoll/rmi.h>

#include "../host.h"

static const char *status_name(uint64_t x0)
{
	static const char *const names[] = { "SUCCESS", "ERROR_INPUT", "ERROR_REALM",
					     "ERROR_REC", "ERROR_RTT" };

	if (x0 == ~0ULL)
		return "NOT_SUPPORTED";
	return RMI_RETURN_STATUS(x0) < 5U ? names[RMI_RETURN_STATUS(x0)] : "?";
}

_Noreturn void host_main(void)
{
	struct rmi_ret r;
	uint64_t pa = host_alloc_granule();

	host_printf("HOST: Atoll realm host (NS-EL2), demo\n");
	r = rmi_call(RMI_VERSION, RMI_ABI_VERSION, 0, 0, 0, 0);
	host_printf("HOST: RMI_VERSION(1.0) -> %s, lower %lu.%lu, higher %lu.%lu\n",
		    status_name(r.x[0]), ABI_VERSION_MAJOR(r.x[1]), ABI_VERSION_MINOR(r.x[1]),
		    ABI_VERSION_MAJOR(r.x[2]), ABI_VERSION_MINOR(r.x[2]));
	r = rmi_call(RMI_FEATURES, 0, 0, 0, 0, 0);
	host_printf("HOST: RMI_FEATURES(0) -> %s, register 0 = %lx (S2SZ %lu)\n",
		    status_name(r.x[0]), r.x[1], r.x[1] & 0xFFU);
	host_printf("HOST: RMI_GRANULE_DELEGATE(%lx) -> %s\n", pa,
		    status_name(rmi_granule_delegate(pa)));
	host_printf("HOST: RMI_GRANULE_DELEGATE(%lx) again -> %s\n", pa,
		    status_name(rmi_granule_delegate(pa)));
	host_printf("HOST: RMI_GRANULE_UNDELEGATE(%lx) -> %s\n", pa,
		    status_name(rmi_granule_undelegate(pa)));
	host_printf("HOST: RMI_GRANULE_DELEGATE(RMM image 0x40100000) -> %s\n",
		    status_name(rmi_granule_delegate(0x40100000UL)));
	host_printf("HOST: demo complete\n");
	psci_system_off();
}
