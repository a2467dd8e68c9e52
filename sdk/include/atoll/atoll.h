/*
 * libatoll: attest, verify, measure and seal on Atoll (docs/sdk.md).
 *
 * Every function that can fail returns an atoll_status: ATOLL_OK (0) or
 * one of the codes below. atoll_strerror() gives a code's fixed message;
 * atoll_error_detail() the detail of a context's latest failure. Calls are
 * thread-safe: the library serialises them with one lock of its own.
 */
#ifndef ATOLL_ATOLL_H
#define ATOLL_ATOLL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ATOLL_CHALLENGE_SIZE	64U
#define ATOLL_DIGEST_MAX	64U
#define ATOLL_TOKEN_MAX		8192U
#define ATOLL_CPAK_SIZE		97U	/* SEC1 04 || x || y of a P-384 key */
#define ATOLL_SEAL_OVERHEAD	48U	/* blob bytes beyond the plaintext: header and tag */

typedef enum atoll_status {
	ATOLL_OK = 0,
	ATOLL_E_INVALID_ARG,		/* a NULL pointer, a bad size or value */
	ATOLL_E_NOMEM,
	ATOLL_E_BUFFER_TOO_SMALL,	/* the length argument says how much is needed */
	ATOLL_E_IO,			/* a file could not be read or written */
	ATOLL_E_UNSUPPORTED,		/* the backend cannot do this */
	ATOLL_E_BACKEND,		/* the backend failed; the detail says how */
	ATOLL_E_STATE_FILE,		/* the simulator's device identity file is refused */
	ATOLL_E_POLICY,			/* a policy or refs.json the library refuses */
	ATOLL_E_IMAGE,			/* a realm image a host would not load */
	/* atoll_verify, in the order it checks */
	ATOLL_E_MALFORMED,		/* not a CCA token (detail: malformed CBOR at byte N, ...) */
	ATOLL_E_BAD_RAK,		/* the RAK claim is not a P-384 key */
	ATOLL_E_REALM_SIGNATURE,	/* the realm token is not signed by its RAK */
	ATOLL_E_BINDING,		/* the platform token is bound to another RAK */
	ATOLL_E_PLATFORM_MALFORMED,	/* the platform token's shape or claims are wrong */
	ATOLL_E_UNKNOWN_CPAK,		/* names no trusted CPAK, and none of them signed it */
	ATOLL_E_PLATFORM_SIGNATURE,	/* names a trusted CPAK, but is not signed by it */
	ATOLL_E_INSTANCE_ID,		/* signed, but its instance id is another CPAK's */
	ATOLL_E_LIFECYCLE,		/* the security lifecycle is not an allowed one */
	ATOLL_E_SW_COMPONENT,		/* a sw-component differs from the reference values */
	ATOLL_E_HASH_ALG,		/* the realm hash algorithm is not the policy's */
	ATOLL_E_STALE_CHALLENGE,	/* the realm challenge is not the expected one */
	ATOLL_E_RIM_NOT_ALLOWED,
	ATOLL_E_REM_NOT_ALLOWED,
	/* atoll_unseal */
	ATOLL_E_BLOB_FORMAT,		/* not a sealed blob, or its header is inconsistent */
	ATOLL_E_BLOB_VERSION,		/* a sealed blob of another format version */
	ATOLL_E_BLOB_AUTH,		/* the blob was changed, or sealed under another key */
	ATOLL_STATUS_COUNT
} atoll_status;

/* The fixed message of a status (never NULL; "unknown status" out of range). */
const char *atoll_strerror(atoll_status status);

/* ---- Contexts and backends ------------------------------------------------------ */

struct atoll_ctx;

/*
 * Options of atoll_open(); a NULL options pointer, or NULL/0 fields, mean
 * the defaults.
 * - sim_dir: where the simulator keeps its device identity (hes.state);
 *   default $ATOLL_SIM_DIR, else ~/.local/share/atoll.
 * - sim_realm_image / _size: the realm the simulator builds and runs
 *   (a realm image file's bytes, docs/realms.md), which must stay valid
 *   while the context is open; default a built-in one (make run's hello
 *   realm).
 * - sim_realm_params: how the simulator creates that realm (breakpoints and
 *   watchpoints at least 1, 1..4 RECs); default atoll_realm_params_default().
 * - tsm_root: the configfs-tsm report directory; default
 *   /sys/kernel/config/tsm/report.
 */
struct atoll_realm_params;

struct atoll_options {
	const char *sim_dir;
	const void *sim_realm_image;
	size_t sim_realm_image_size;
	const struct atoll_realm_params *sim_realm_params;
	const char *tsm_root;
};

/*
 * A context on a backend: "sim" (x86 simulator: Atoll's RMM and HES cores
 * in-process), "tsm" (Linux realm guest, configfs-tsm), "rsi" (bare-metal
 * realm payload, libatoll-realm.a; elsewhere ATOLL_E_UNSUPPORTED) or "none" (no device: for a
 * relying party that only verifies, parses and measures). *ctx is NULL on failure;
 * atoll_open_error() then tells why.
 */
atoll_status atoll_open(struct atoll_ctx **ctx, const char *backend,
			const struct atoll_options *options);
/* Why the calling thread's latest atoll_open() failed ("" if it did not). */
const char *atoll_open_error(void);
void atoll_close(struct atoll_ctx *ctx);

/* The backend's name. */
const char *atoll_backend(const struct atoll_ctx *ctx);

/* The detail of ctx's latest failure ("" after a success); valid until the next call. */
const char *atoll_error_detail(const struct atoll_ctx *ctx);

/* ---- Attestation --------------------------------------------------------------- */

/*
 * A CCA attestation token (tag 399: platform token and realm token) whose
 * realm challenge is these 64 bytes, into buf; *len its length (or, with
 * ATOLL_E_BUFFER_TOO_SMALL, the length needed).
 */
atoll_status atoll_attest(struct atoll_ctx *ctx, const uint8_t challenge[ATOLL_CHALLENGE_SIZE],
			  uint8_t *buf, size_t cap, size_t *len);

/*
 * Extends Realm Extensible Measurement index (1..4; the token's REM index - 1)
 * with len (1..64) bytes (RSI_MEASUREMENT_EXTEND): what a realm does to
 * record what it loaded after it started (a model, a configuration).
 */
atoll_status atoll_extend_rem(struct atoll_ctx *ctx, unsigned int index, const uint8_t *data,
			      size_t len);

/*
 * The token an Atoll launcher printed on its console (QEMU's serial log):
 * the last complete block of hex lines between "-----BEGIN CCA TOKEN-----"
 * and "-----END CCA TOKEN-----" in the file log_path, into buf. Errors:
 * ATOLL_E_IO (unreadable), ATOLL_E_MALFORMED (no complete block, or a line
 * of it that is not hex; the detail names the line), ATOLL_E_BUFFER_TOO_SMALL.
 * Any backend, "none" included.
 */
atoll_status atoll_token_from_console(struct atoll_ctx *ctx, const char *log_path, uint8_t *buf,
				      size_t cap, size_t *len);

/* ---- Policy --------------------------------------------------------------------- */

struct atoll_policy;

/*
 * An empty policy, which atoll_verify() refuses (ATOLL_E_POLICY) until it
 * names at least one trusted CPAK and one allowed RIM. Defaults: lifecycle
 * "secured" (0x3000..0x30ff), any realm hash algorithm, any challenge, all
 * REMs zero, no sw-component check.
 */
atoll_status atoll_policy_new(struct atoll_policy **policy);
void atoll_policy_free(struct atoll_policy *policy);

/*
 * Adds refs.json's CPAK, its realm RIM and its sw-components (every one, in
 * order, must then match the token's). ATOLL_E_POLICY with the file and
 * field named in *why (if not NULL; static until the next call on this thread).
 */
atoll_status atoll_policy_load_refs(struct atoll_policy *policy, const char *path,
				    const char **why);
/*
 * Replaces policy with a policy file's (JSON, format "atoll-policy 1",
 * docs/sdk.md): the CPAK and sw-components of the refs.json it names, its
 * allowed RIMs (refs.json's own RIM only if listed), REMs, realm hash
 * algorithm and lifecycle range. ATOLL_E_POLICY with the file, the key and
 * the byte in *why (if not NULL; static until the next call on this thread),
 * policy then unchanged. A challenge set before is kept only on refusal.
 */
atoll_status atoll_policy_load(struct atoll_policy *policy, const char *path, const char **why);
/* The policy's allowed RIMs (to say which when refusing one): count, then each (NULL past it). */
size_t atoll_policy_rim_count(const struct atoll_policy *policy);
const uint8_t *atoll_policy_rim(const struct atoll_policy *policy, size_t i, size_t *len);
atoll_status atoll_policy_trust_cpak(struct atoll_policy *policy,
				     const uint8_t cpak[ATOLL_CPAK_SIZE]);
/* len 32 (sha-256) or 64 (sha-512). */
atoll_status atoll_policy_allow_rim(struct atoll_policy *policy, const uint8_t *rim, size_t len);
atoll_status atoll_policy_allow_rem(struct atoll_policy *policy, const uint8_t *rem, size_t len);
/* Allowed lifecycle range [lo, hi] (claim 2395). */
atoll_status atoll_policy_set_lifecycle(struct atoll_policy *policy, uint16_t lo, uint16_t hi);
/* "sha-256" or "sha-512": the realm hash algorithm the token must name. */
atoll_status atoll_policy_set_hash_alg(struct atoll_policy *policy, const char *name);
/* The realm challenge the token must carry (the relying party's fresh nonce). */
atoll_status atoll_policy_set_challenge(struct atoll_policy *policy,
					const uint8_t challenge[ATOLL_CHALLENGE_SIZE]);

/* ---- Verification and claims ---------------------------------------------------- */

struct atoll_claims;

/*
 * Every check of token against policy (docs/sdk.md gives the order); on
 * ATOLL_OK, *claims (free with atoll_claims_free) holds a copy of the
 * claims. On failure *claims is NULL and the detail names what failed.
 */
atoll_status atoll_verify(struct atoll_ctx *ctx, const uint8_t *token, size_t len,
			  const struct atoll_policy *policy, struct atoll_claims **claims);

/*
 * The claims of a token whose shape is right, without checking any
 * signature or policy (to show a token): unproven.
 */
atoll_status atoll_token_parse(struct atoll_ctx *ctx, const uint8_t *token, size_t len,
			       struct atoll_claims **claims);
void atoll_claims_free(struct atoll_claims *claims);

/* Whether the claims were proven by atoll_verify (false: atoll_token_parse). */
bool atoll_claims_verified(const struct atoll_claims *c);
/* Realm claims; digests are atoll_claims_digest_len() bytes (32 or 64). */
const uint8_t *atoll_claims_challenge(const struct atoll_claims *c);	/* 64 bytes */
const uint8_t *atoll_claims_rpv(const struct atoll_claims *c);		/* 64 bytes */
const char *atoll_claims_hash_alg(const struct atoll_claims *c);	/* "sha-256"/"sha-512" */
size_t atoll_claims_digest_len(const struct atoll_claims *c);
const uint8_t *atoll_claims_rim(const struct atoll_claims *c);
const uint8_t *atoll_claims_rem(const struct atoll_claims *c, unsigned int i);	/* i < 4 */
const uint8_t *atoll_claims_rak(const struct atoll_claims *c, size_t *len);	/* COSE_Key */
/* Platform claims. */
uint16_t atoll_claims_lifecycle(const struct atoll_claims *c);
const uint8_t *atoll_claims_instance_id(const struct atoll_claims *c, size_t *len);
const uint8_t *atoll_claims_implementation_id(const struct atoll_claims *c, size_t *len);
const char *atoll_claims_platform_hash_alg(const struct atoll_claims *c);
size_t atoll_claims_sw_count(const struct atoll_claims *c);
/* sw-component i (< atoll_claims_sw_count): NULL if out of range. */
struct atoll_sw_component {
	const char *type;		/* "" if absent */
	const uint8_t *value;
	size_t value_len;
	const uint8_t *signer_id;
	size_t signer_id_len;
	const char *version;		/* "" if absent */
	const char *hash_alg;		/* "" if absent */
};
const struct atoll_sw_component *atoll_claims_sw(const struct atoll_claims *c, size_t i);

/*
 * The claims as one JSON object (keys in docs/cli.md), NUL-terminated in
 * buf; *len its length without the NUL (or the size needed, NUL included,
 * with ATOLL_E_BUFFER_TOO_SMALL).
 */
atoll_status atoll_claims_json(const struct atoll_claims *c, char *buf, size_t cap, size_t *len);

/* ---- Sealing -------------------------------------------------------------------- */

typedef enum atoll_key_policy {
	ATOLL_KEY_VHUK_A = 1,	/* bound to the firmware's authorities (survives updates) */
	ATOLL_KEY_VHUK_M = 2,	/* bound to the firmware's exact measurements */
} atoll_key_policy;

#define ATOLL_SEAL_RIM_BOUND	(1U << 0)	/* the realm's RIM enters the key */

/*
 * AES-256-GCM of data under the realm sealing key (key_policy, flags, svn)
 * that the backend gives, as a blob of len + ATOLL_SEAL_OVERHEAD bytes
 * (format in docs/sdk.md).
 */
atoll_status atoll_seal(struct atoll_ctx *ctx, atoll_key_policy key_policy, unsigned int flags,
			uint64_t svn, const uint8_t *data, size_t len, uint8_t *blob, size_t cap,
			size_t *blob_len);
/*
 * The data of a blob atoll_seal made on this platform and realm; any
 * changed byte gives an error and writes nothing into data.
 */
atoll_status atoll_unseal(struct atoll_ctx *ctx, const uint8_t *blob, size_t blob_len,
			  uint8_t *data, size_t cap, size_t *len);

/* ---- Measurement ---------------------------------------------------------------- */

/*
 * How a host creates the realm: the measured RmiRealmParams fields and the
 * number of RECs (REC 0 runnable at the image's entry). atoll_realm_params_default
 * gives Atoll's demo realm's (s2sz 40, SHA-256, 2 breakpoints and
 * watchpoints, one REC).
 */
struct atoll_realm_params {
	uint32_t s2sz;
	uint8_t hash_algo;	/* 0 SHA-256, 1 SHA-512 (RmiHashAlgorithm) */
	uint32_t num_bps, num_wps;
	uint32_t sve_vl, pmu_num_ctrs;
	uint64_t flags;
	unsigned int num_recs;
};
void atoll_realm_params_default(struct atoll_realm_params *p);

/*
 * The RIM the RMM will compute for this realm image file loaded with these
 * parameters (verify/expected_rim.c); *rim_len 32 or 64. ATOLL_E_IMAGE,
 * with the reason in *why if not NULL, for an image a host refuses.
 */
atoll_status atoll_measure(const void *image, size_t size, const struct atoll_realm_params *p,
			   uint8_t rim[ATOLL_DIGEST_MAX], size_t *rim_len, const char **why);

/* ---- The simulator --------------------------------------------------------------- */

/*
 * sim only: writes the reference values of this simulated device and realm
 * (refs.json, format "atoll-refs 1": CPAK, sw-components, RIM) to path.
 */
atoll_status atoll_sim_write_refs(struct atoll_ctx *ctx, const char *path);

#ifdef __cplusplus
}
#endif

#endif
