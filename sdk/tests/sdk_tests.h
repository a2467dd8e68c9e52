/*
 * The sdk suite (cmocka): libatoll's API against real tokens from the sim
 * backend (the RMM core and the HES core in-process), the tsm backend
 * against a fake configfs tree, refs.json loading. Shared fixture below.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <atoll/atoll.h>

#include "test_groups.h"

/* Set by main from argv: the build directory and a fresh temporary directory. */
extern const char *sdk_build_dir;
extern char sdk_tmp_dir[256];

/* A file under sdk_tmp_dir (static buffer per call site use: copy if kept). */
const char *sdk_tmp_path(const char *name);

/*
 * The suite's sim context (opened by sdk_sim_setup with ATOLL_SIM_DIR =
 * sdk_tmp_dir/sim), its refs.json (sdk_refs_path) and a token for a
 * challenge whose bytes are all seed.
 */
extern struct atoll_ctx *sdk_ctx;
int sdk_sim_setup(void **state);
const char *sdk_refs_path(void);
size_t sdk_token(uint8_t seed, uint8_t token[ATOLL_TOKEN_MAX]);
void sdk_challenge(uint8_t seed, uint8_t challenge[ATOLL_CHALLENGE_SIZE]);
/* A policy from sdk_refs_path() expecting the challenge of seed. */
struct atoll_policy *sdk_policy(uint8_t seed);

/* Where the parts of a token lie (offsets into it), found with verify/'s decoder. */
struct sdk_token_map {
	size_t plat, plat_len;		/* the platform COSE_Sign1 */
	size_t plat_sig;		/* its 96-byte signature */
	size_t plat_payload, plat_payload_len;
	size_t realm, realm_len;	/* the realm COSE_Sign1 */
	size_t realm_sig;
	size_t realm_payload, realm_payload_len;
};
void sdk_token_map(const uint8_t *token, size_t len, struct sdk_token_map *m);

/* Reads a whole file (at most cap bytes) into buf; its length. */
size_t sdk_read_file(const char *path, uint8_t *buf, size_t cap);
void sdk_write_file(const char *path, const void *buf, size_t len);

extern const struct test_group sdk_sim_group, sdk_verify_group, sdk_seal_group,
	sdk_refs_group, sdk_tsm_group, sdk_psa_group, sdk_flip_group, sdk_thread_group, sdk_rem_group,
	sdk_policy_file_group;
