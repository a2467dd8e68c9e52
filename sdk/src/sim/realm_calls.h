/*
 * The simulator's emulated realm: on the host build no realm code runs, so
 * each request is a short script of the RSI calls a realm would make,
 * played inside one REC_ENTER (rmm/arch/host's realm script hook), which
 * ends with an IRQ exit once the script is done. The RMM handles every
 * call exactly as for a realm on the machine.
 */
#pragma once

#include <stdint.h>

#include "../internal.h"

struct realm_vm;

/* RSI_ATTEST_TOKEN_INIT with the challenge, CONTINUE until done, into the realm's last page. */
atoll_status sim_realm_attest(struct atoll_ctx *ctx, struct realm_vm *vm,
			      const uint8_t challenge[ATOLL_CHALLENGE_SIZE], uint8_t *buf,
			      size_t cap, size_t *len);

/* RSI_ATOLL_SEALING_KEY with these flags (RSI_SEALING_KEY_*) and SVN. */
atoll_status sim_realm_sealing_key(struct atoll_ctx *ctx, struct realm_vm *vm, uint64_t flags,
				   uint64_t svn, uint8_t key[ATOLL_SEALING_KEY_SIZE]);

/* RSI_MEASUREMENT_EXTEND of REM index (1..4) with len (1..64) bytes. */
atoll_status sim_realm_extend_rem(struct atoll_ctx *ctx, struct realm_vm *vm, unsigned int index,
				  const uint8_t *data, size_t len);
