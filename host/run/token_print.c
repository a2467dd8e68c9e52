/* Printing a realm's token (token_print.h). */
#include "run/token_print.h"

#include "host.h"

void realm_vm_print_token(const struct realm_vm *vm)
{
	const uint8_t *token = (const uint8_t *)vm->token;
	uint64_t size = vm->token_size;

	if (size == 0U)
		return;
	host_printf("HOST: -----BEGIN CCA TOKEN----- (%lu bytes)\n", size);
	for (uint64_t i = 0; i < size; i++)
		host_printf("%02x%s", token[i], (i % 32U == 31U || i + 1U == size) ? "\n" : "");
	host_printf("HOST: -----END CCA TOKEN-----\n");
}
