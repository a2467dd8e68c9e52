/* The realm's attestation token on the console, for a verifier on the other side. */
#pragma once

#include "builder/realm_vm.h"

/*
 * The token the realm handed over (REALM_HC_TOKEN), whole, in hex between
 * "-----BEGIN CCA TOKEN-----" and "-----END CCA TOKEN-----" lines, 32 bytes
 * a line: what atoll-verify --console and atoll token extract read
 * (verify/hosted/console_token.h). Nothing if the realm gave none.
 */
void realm_vm_print_token(const struct realm_vm *vm);
