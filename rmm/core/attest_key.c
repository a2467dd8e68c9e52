/*
 * The Realm Attestation Key and the platform token (spec 6 and 7.2; see
 * attest_key.h).
 *
 * Cold boot, before any other CPU runs, takes the private scalar from EL3
 * and, from firmware with Atoll's RMM_ATOLL_GET_REALM_PUBKEY call, the
 * public key as well (attest_key_init): rak.d and the COSE_Key are written
 * there and read-only afterwards. The first token a REC asks for drives
 * the rest (attest_key_setup): without a public key from EL3, d.G with
 * mbedTLS's restartable multiplication, a slice at a time, and its
 * COSE_Key; then the platform token. That work is one global set-up, not a
 * REC's: its restart context and the arena mbedTLS allocates it from are
 * static here, and setup_lock serialises the slices, so whichever CPU holds
 * the lock runs the next slice, and the others give way to their host's
 * interrupts meanwhile or find it done.
 *
 * rak.state goes PENDING -> READY or PENDING -> UNAVAILABLE once, under
 * the lock; it is read without the lock (acquire), and what READY
 * publishes (the COSE_Key, the platform token) is written before it
 * (release) and read-only from then on.
 */
#include <rmm/attest_key.h>

#include <string.h>

#include <mbedtls/ecp.h>
#include <mbedtls/hmac_drbg.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include <atoll/el3.h>
#include <lib/cbor.h>
#include <rmm/arch.h>
#include <rmm/log.h>
#include <rmm/spinlock.h>

#include "atoll_heap.h"

#define SHA256_SIZE	32U

/* COSE_Key labels and values (RFC 9053): kty EC2, crv P-384, x, y. */
#define COSE_KEY_KTY		1
#define COSE_KEY_KTY_EC2	2
#define COSE_KEY_CRV		(-1)
#define COSE_KEY_CRV_P384	2
#define COSE_KEY_X		(-2)
#define COSE_KEY_Y		(-3)

/* The private scalar's limbs (6 of 8 bytes, and the arena's header), for the RMM's lifetime. */
#define RAK_HEAP_SIZE	128U

/*
 * The set-up's working memory: the group's table of 8 precomputed points,
 * the restart context's points and the blinding DRBG. The highest address
 * used was 1,768 bytes; running out fails the set-up cleanly (attestation
 * unavailable).
 */
#define SETUP_HEAP_SIZE	3072U

static struct {
	enum attest_key_state state;
	bool have_cose_key;	/* the public key came from EL3: no d.G at set-up */
	mbedtls_mpi d;
	uint8_t cose_key[ATTEST_COSE_KEY_SIZE];
	uint8_t plat_token[ATTEST_PLAT_TOKEN_MAX];
	size_t plat_token_len;
	struct atoll_heap heap;
	uint8_t heap_buf[RAK_HEAP_SIZE];
} rak;

/* The set-up in progress: used only with setup_lock held, wiped when it ends. */
static struct {
	bool started;
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_ecp_restart_ctx rs;
	mbedtls_hmac_drbg_context blind;
	struct atoll_heap heap;
	uint8_t heap_buf[SETUP_HEAP_SIZE];
} setup;

static spinlock_t setup_lock;

static bool unavailable(const char *why, int64_t code)
{
	rmm_log("RMM: attestation not available: %s (%ld)\n", why, (long)code);
	return false;
}

static void set_state(enum attest_key_state s)
{
	__atomic_store_n(&rak.state, s, __ATOMIC_RELEASE);
}

enum attest_key_state attest_key_state(void)
{
	return __atomic_load_n(&rak.state, __ATOMIC_ACQUIRE);
}

bool attest_key_ready(void)
{
	return attest_key_state() == ATTEST_KEY_READY;
}

/* Imports the scalar EL3 hands over; no copy of it outlives this function. */
static bool load_private_key(const mbedtls_ecp_group *grp)
{
	uint8_t buf[2U * ATTEST_P384_BYTES];
	size_t len = 0;
	int64_t ret = arch_el3_get_realm_key(buf, sizeof(buf), &len);
	int err = 0;

	if (ret == E_RMM_OK && len == ATTEST_P384_BYTES) {
		err = mbedtls_mpi_read_binary(&rak.d, buf, len);
		if (err == 0)
			err = mbedtls_ecp_check_privkey(grp, &rak.d);
	}
	mbedtls_platform_zeroize(buf, sizeof(buf));
	if (ret != E_RMM_OK)
		return unavailable("EL3 gave no realm attestation key", ret);
	if (len != ATTEST_P384_BYTES)
		return unavailable("realm attestation key is not a P-384 scalar", (int64_t)len);
	if (err != 0)
		return unavailable("realm attestation key rejected", err);
	return true;
}

/* Drops the private scalar (its limbs are zeroed as they are freed). */
static void forget_private_key(void)
{
	struct atoll_heap *prev = atoll_heap_use(&rak.heap);

	mbedtls_mpi_free(&rak.d);
	atoll_heap_use(prev);
}

static bool encode_cose_key(const mbedtls_ecp_group *grp, const mbedtls_ecp_point *q)
{
	/* SEC1 uncompressed: 04 || x || y. */
	uint8_t point[1U + 2U * ATTEST_P384_BYTES];
	struct cbor_enc e;
	size_t len;

	if (mbedtls_ecp_point_write_binary(grp, q, MBEDTLS_ECP_PF_UNCOMPRESSED, &len, point,
					   sizeof(point)) != 0 ||
	    len != sizeof(point))
		return false;
	cbor_enc_init(&e, rak.cose_key, sizeof(rak.cose_key));
	cbor_put_map(&e, 4);
	cbor_put_int(&e, COSE_KEY_KTY);
	cbor_put_int(&e, COSE_KEY_KTY_EC2);
	cbor_put_int(&e, COSE_KEY_CRV);
	cbor_put_int(&e, COSE_KEY_CRV_P384);
	cbor_put_int(&e, COSE_KEY_X);
	cbor_put_bstr(&e, point + 1, ATTEST_P384_BYTES);
	cbor_put_int(&e, COSE_KEY_Y);
	cbor_put_bstr(&e, point + 1 + ATTEST_P384_BYTES, ATTEST_P384_BYTES);
	return cbor_enc_finish(&e) == ATTEST_COSE_KEY_SIZE;
}

enum pubkey_result { PUBKEY_NONE, PUBKEY_TAKEN, PUBKEY_REFUSED };

/*
 * The public key from EL3, if its firmware has the call, into the COSE_Key.
 * EL3 is in the TCB (it chose the scalar and could hand out any key), so Q
 * is checked only to be a point of P-384 in SEC1 uncompressed form (a few
 * field operations): a malformed key never reaches a token. Checking Q =
 * d.G would cost the multiplication this call exists to spare; a token
 * signed with a scalar that does not match its key claim fails every
 * verifier. The check's temporaries use the set-up's arena, unused until
 * the first token.
 */
static enum pubkey_result load_public_key(const mbedtls_ecp_group *grp)
{
	uint8_t buf[ARCH_P384_PUBKEY_SIZE];
	size_t len = 0;
	int64_t ret = arch_el3_get_realm_pubkey(buf, sizeof(buf), &len);
	struct atoll_heap *prev;
	mbedtls_ecp_point q;
	int err = -1;
	bool ok;

	if (ret != E_RMM_OK) {
		rmm_log("RMM: attestation: no RAK public key from EL3 (%ld), derived at the first "
			"token\n", (long)ret);
		return PUBKEY_NONE;
	}
	if (len != ARCH_P384_PUBKEY_SIZE || buf[0] != 0x04U) {
		(void)unavailable("RAK public key from EL3 is not an uncompressed P-384 point",
				  (int64_t)len);
		return PUBKEY_REFUSED;
	}
	atoll_heap_init(&setup.heap, setup.heap_buf, sizeof(setup.heap_buf));
	prev = atoll_heap_use(&setup.heap);
	mbedtls_ecp_point_init(&q);
	err = mbedtls_ecp_point_read_binary(grp, &q, buf, len);
	if (err == 0)
		err = mbedtls_ecp_check_pubkey(grp, &q);
	ok = err == 0 && encode_cose_key(grp, &q);
	mbedtls_ecp_point_free(&q);
	atoll_heap_use(prev);
	mbedtls_platform_zeroize(&setup, sizeof(setup));
	if (!ok) {
		(void)unavailable("RAK public key from EL3 is not a point of P-384", err);
		return PUBKEY_REFUSED;
	}
	rak.have_cose_key = true;
	return PUBKEY_TAKEN;
}

bool attest_key_init(void)
{
	mbedtls_ecp_group grp;
	struct atoll_heap *prev;
	bool ok;

	/* A host-build test boots many times: forget the previous boot's key and set-up. */
	mbedtls_platform_zeroize(&rak, sizeof(rak));
	mbedtls_platform_zeroize(&setup, sizeof(setup));
	setup_lock = (spinlock_t){ 0 };
	atoll_heap_set_cpu_fn(arch_cpu_index);
	mbedtls_ecp_set_max_ops(ATTEST_SIGN_MAX_OPS);
	atoll_heap_init(&rak.heap, rak.heap_buf, sizeof(rak.heap_buf));
	prev = atoll_heap_use(&rak.heap);
	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&rak.d);
	ok = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1) == 0 && load_private_key(&grp) &&
	     load_public_key(&grp) != PUBKEY_REFUSED;
	mbedtls_ecp_group_free(&grp);
	atoll_heap_use(prev);
	if (!ok) {
		forget_private_key();
		return false;
	}
	set_state(ATTEST_KEY_PENDING);
	rmm_log("RMM: attestation: P-384 RAK %sfrom EL3, set up at the first token\n",
		rak.have_cose_key ? "and its public key " : "");
	return true;
}

/* The platform token, bound to the RAK by its challenge: SHA-256(COSE_Key). */
static bool fetch_plat_token(void)
{
	uint8_t challenge[SHA256_SIZE];
	int64_t ret;

	(void)mbedtls_sha256(rak.cose_key, sizeof(rak.cose_key), challenge, 0);
	ret = arch_el3_get_plat_token(challenge, sizeof(challenge), rak.plat_token,
				      sizeof(rak.plat_token), &rak.plat_token_len);
	if (ret != E_RMM_OK)
		return unavailable("EL3 gave no platform token", ret);
	if (rak.plat_token_len == 0U)
		return unavailable("empty platform token", 0);
	return true;
}

/* The first slice's preparations: the curve, and the blinding keyed by the RAK. */
static int setup_start(void)
{
	static const char label[] = "Atoll RAK public key";
	int err;

	mbedtls_ecp_group_init(&setup.grp);
	mbedtls_ecp_point_init(&setup.q);
	mbedtls_ecp_restart_init(&setup.rs);
	mbedtls_hmac_drbg_init(&setup.blind);
	setup.started = true;
	err = mbedtls_ecp_group_load(&setup.grp, MBEDTLS_ECP_DP_SECP384R1);
	if (err == 0)
		err = attest_key_blind_seed(&setup.blind, (const uint8_t *)label, sizeof(label));
	return err;
}

/* The set-up's end, with the COSE_Key made (ok): the platform token, then READY or UNAVAILABLE. */
static void setup_finish(bool ok, int err)
{
	if (!ok)
		(void)unavailable("cannot derive the RAK public key", err);
	if (ok && fetch_plat_token()) {
		set_state(ATTEST_KEY_READY);
		rmm_log("RMM: attestation available: P-384 RAK, platform token of %lu bytes\n",
			(unsigned long)rak.plat_token_len);
		return;
	}
	/* No signature ever started (none does before READY): the scalar can go. */
	forget_private_key();
	set_state(ATTEST_KEY_UNAVAILABLE);
}

/*
 * One slice of the set-up, with setup_lock held and the state PENDING:
 * with the public key from EL3, only the platform token; else a slice of
 * Q = d.G. When the multiplication ends: the COSE_Key, the set-up's memory
 * wiped (it held the multiplication's intermediate values), then the
 * platform token.
 */
static void setup_slice(void)
{
	struct atoll_heap *prev;
	int err = 0;
	bool ok;

	if (rak.have_cose_key) {
		setup_finish(true, 0);
		return;
	}
	if (!setup.started)
		atoll_heap_init(&setup.heap, setup.heap_buf, sizeof(setup.heap_buf));
	prev = atoll_heap_use(&setup.heap);
	if (!setup.started)
		err = setup_start();
	if (err == 0)
		err = mbedtls_ecp_mul_restartable(&setup.grp, &setup.q, &rak.d, &setup.grp.G,
						  mbedtls_hmac_drbg_random, &setup.blind,
						  &setup.rs);
	if (err == MBEDTLS_ERR_ECP_IN_PROGRESS) {
		atoll_heap_use(prev);
		return;
	}
	ok = err == 0 && encode_cose_key(&setup.grp, &setup.q);
	mbedtls_ecp_restart_free(&setup.rs);
	mbedtls_ecp_point_free(&setup.q);
	mbedtls_hmac_drbg_free(&setup.blind);
	mbedtls_ecp_group_free(&setup.grp);
	atoll_heap_use(prev);
	mbedtls_platform_zeroize(&setup, sizeof(setup));
	setup_finish(ok, err);
}

/* The lock, without waiting: a CPU that cannot have it may still give way to its host. */
static bool setup_trylock(void)
{
	return __atomic_load_n(&setup_lock.locked, __ATOMIC_RELAXED) == 0U &&
	       __atomic_exchange_n(&setup_lock.locked, 1U, __ATOMIC_ACQUIRE) == 0U;
}

enum attest_key_state attest_key_setup(bool (*should_yield)(void))
{
	enum attest_key_state s;

	while ((s = attest_key_state()) == ATTEST_KEY_PENDING) {
		if (setup_trylock()) {
			/* Another CPU may have finished it since the state was read. */
			if (attest_key_state() == ATTEST_KEY_PENDING)
				setup_slice();
			spinlock_release(&setup_lock);
		}
		if (should_yield())
			return attest_key_state();
	}
	return s;
}

const mbedtls_mpi *attest_key_private(void)
{
	return &rak.d;
}

const uint8_t *attest_key_cose(void)
{
	return rak.cose_key;
}

const uint8_t *attest_plat_token(size_t *len)
{
	*len = rak.plat_token_len;
	return rak.plat_token;
}

int attest_key_blind_seed(mbedtls_hmac_drbg_context *drbg, const uint8_t *extra, size_t len)
{
	static uint64_t uses;
	uint8_t seed[ATTEST_P384_BYTES + sizeof(uint64_t)];
	uint64_t n = __atomic_fetch_add(&uses, 1U, __ATOMIC_RELAXED);
	int err;

	err = mbedtls_mpi_write_binary(&rak.d, seed, ATTEST_P384_BYTES);
	memcpy(seed + ATTEST_P384_BYTES, &n, sizeof(n));
	if (err == 0)
		err = mbedtls_hmac_drbg_seed_buf(drbg, mbedtls_md_info_from_type(MBEDTLS_MD_SHA384),
						 seed, sizeof(seed));
	if (err == 0)
		err = mbedtls_hmac_drbg_update(drbg, extra, len);
	mbedtls_platform_zeroize(seed, sizeof(seed));
	return err;
}
