/* Test image main: runs every registered system test, then powers off. */
#include "../test.h"

extern const struct test_case __start_host_tests[], __stop_host_tests[];

_Noreturn void host_main(void)
{
	host_printf("HOST: Atoll realm host, system tests\n");
	(void)test_run_all(__start_host_tests, __stop_host_tests, "system", host_printf);
	psci_system_off();
}
