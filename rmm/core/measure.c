/*
 * Realm measurements (spec section 5). The 4 KB images and 256-byte
 * descriptors the spec hashes are mostly zeros, so they are streamed into
 * the hash as a few fields plus zero runs: no 4 KB buffer on the 16 KB
 * per-CPU stack.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include <rmm/measure.h>

/* Fields are hashed in memory order, which is the spec's little-endian. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "measurements assume little-endian");

#define SHA256_SIZE		32U
#define ARRAY_LEN(a)		(sizeof(a) / sizeof((a)[0]))

#define DESC_SIZE		0x100U
#define DESC_TYPE_DATA		0U
#define DESC_TYPE_REC		1U
#define DESC_TYPE_RIPAS		2U
#define DESC_OFF_TYPE		0x00U
#define DESC_OFF_LEN		0x08U
#define DESC_OFF_RIM		0x10U
#define DESC_OFF_BODY		0x50U	/* where the type-specific fields start */
#define DESC_OFF_DATA_CONTENT	0x60U

/* One field of a sparse image: len bytes from src at offset off. */
struct piece {
	size_t off;
	const void *src;
	size_t len;
};

#define PIECE(type, ptr, field) \
	{ offsetof(type, field), &(ptr)->field, sizeof((ptr)->field) }

/*
 * Either hash behind one interface. Any algo other than SHA-512 means
 * SHA-256: REALM_CREATE has already rejected unknown ones. The mbedTLS
 * calls fail only on a bad is224/is384 argument, so results are ignored.
 */
struct hash {
	bool sha512;
	union {
		mbedtls_sha256_context sha256;
		mbedtls_sha512_context sha512;
	} ctx;
};

static void hash_start(struct hash *h, enum measure_algo algo)
{
	h->sha512 = algo == MEASURE_SHA512;
	if (h->sha512) {
		mbedtls_sha512_init(&h->ctx.sha512);
		(void)mbedtls_sha512_starts(&h->ctx.sha512, 0);
	} else {
		mbedtls_sha256_init(&h->ctx.sha256);
		(void)mbedtls_sha256_starts(&h->ctx.sha256, 0);
	}
}

static void hash_update(struct hash *h, const void *data, size_t len)
{
	if (h->sha512)
		(void)mbedtls_sha512_update(&h->ctx.sha512, data, len);
	else
		(void)mbedtls_sha256_update(&h->ctx.sha256, data, len);
}

static void hash_zeros(struct hash *h, size_t len)
{
	static const uint8_t zeros[256];

	while (len > 0U) {
		size_t n = len < sizeof(zeros) ? len : sizeof(zeros);

		hash_update(h, zeros, n);
		len -= n;
	}
}

/* Writes the digest and zeroes the rest of the slot. out may be an input slot. */
static void hash_finish(struct hash *h, uint8_t out[MEASURE_SLOT_SIZE])
{
	if (h->sha512) {
		(void)mbedtls_sha512_finish(&h->ctx.sha512, out);
		mbedtls_sha512_free(&h->ctx.sha512);
	} else {
		(void)mbedtls_sha256_finish(&h->ctx.sha256, out);
		mbedtls_sha256_free(&h->ctx.sha256);
		memset(out + SHA256_SIZE, 0, MEASURE_SLOT_SIZE - SHA256_SIZE);
	}
}

/* Hashes pieces (sorted by offset) with zeros between them; returns the end offset. */
static size_t hash_pieces(struct hash *h, size_t pos, const struct piece *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		hash_zeros(h, p[i].off - pos);
		hash_update(h, p[i].src, p[i].len);
		pos = p[i].off + p[i].len;
	}
	return pos;
}

/* out = H(a size-byte zero image with only the pieces filled in). */
static void hash_image(enum measure_algo algo, const struct piece *p, size_t n, size_t size,
		       uint8_t out[MEASURE_SLOT_SIZE])
{
	struct hash h;

	hash_start(&h, algo);
	hash_zeros(&h, size - hash_pieces(&h, 0, p, n));
	hash_finish(&h, out);
}

/* RIM = H(descriptor): the common header, then the type's own fields. */
static void rim_extend(enum measure_algo algo, uint8_t rim[MEASURE_SLOT_SIZE], uint8_t type,
		       const struct piece *body, size_t n)
{
	/*
	 * 256 bytes: built whole and hashed in one go, fewer calls than streaming
	 * it; word aligned, as the RIM is, so the copies into it go a word at a time.
	 */
	_Alignas(8) uint8_t desc[DESC_SIZE] = { 0 };
	const uint64_t len = DESC_SIZE;

	desc[DESC_OFF_TYPE] = type;
	memcpy(&desc[DESC_OFF_LEN], &len, sizeof(len));
	memcpy(&desc[DESC_OFF_RIM], rim, MEASURE_SLOT_SIZE);
	for (size_t i = 0; i < n; i++)
		memcpy(&desc[body[i].off], body[i].src, body[i].len);
	measure_hash(algo, desc, sizeof(desc), rim);
}

size_t measure_digest_size(enum measure_algo algo)
{
	return algo == MEASURE_SHA512 ? MEASURE_SLOT_SIZE : SHA256_SIZE;
}

void measure_hash(enum measure_algo algo, const void *data, size_t len,
		  uint8_t out[MEASURE_SLOT_SIZE])
{
	struct hash h;

	hash_start(&h, algo);
	hash_update(&h, data, len);
	hash_finish(&h, out);
}

void measure_rim_init(enum measure_algo algo, const struct rmi_realm_params *params,
		      uint8_t rim[MEASURE_SLOT_SIZE])
{
	/* RPV, VMID and the RTT fields are deliberately not measured. */
	const struct piece measured[] = {
		PIECE(struct rmi_realm_params, params, flags),
		PIECE(struct rmi_realm_params, params, s2sz),
		PIECE(struct rmi_realm_params, params, sve_vl),
		PIECE(struct rmi_realm_params, params, num_bps),
		PIECE(struct rmi_realm_params, params, num_wps),
		PIECE(struct rmi_realm_params, params, pmu_num_ctrs),
		PIECE(struct rmi_realm_params, params, hash_algo),
	};

	hash_image(algo, measured, ARRAY_LEN(measured),
		   sizeof(struct rmi_realm_params), rim);
}

void measure_rim_data(enum measure_algo algo, uint8_t rim[MEASURE_SLOT_SIZE], uint64_t ipa,
		      uint64_t flags, const void *data)
{
	uint8_t content[MEASURE_SLOT_SIZE] = { 0 };
	const struct piece body[] = {
		{ DESC_OFF_BODY, &ipa, sizeof(ipa) },
		{ DESC_OFF_BODY + 8U, &flags, sizeof(flags) },
		{ DESC_OFF_DATA_CONTENT, content, sizeof(content) },
	};

	if (flags == RMI_MEASURE_CONTENT)
		measure_hash(algo, data, GRANULE_SIZE, content);
	rim_extend(algo, rim, DESC_TYPE_DATA, body, ARRAY_LEN(body));
}

void measure_rim_rec(enum measure_algo algo, uint8_t rim[MEASURE_SLOT_SIZE],
		     const struct rmi_rec_params *params)
{
	/* mpidr, num_aux and aux are not measured. */
	const struct piece measured[] = {
		PIECE(struct rmi_rec_params, params, flags),
		PIECE(struct rmi_rec_params, params, pc),
		PIECE(struct rmi_rec_params, params, gprs),
	};
	uint8_t content[MEASURE_SLOT_SIZE];
	const struct piece body = { DESC_OFF_BODY, content, sizeof(content) };

	hash_image(algo, measured, ARRAY_LEN(measured),
		   sizeof(struct rmi_rec_params), content);
	rim_extend(algo, rim, DESC_TYPE_REC, &body, 1);
}

void measure_rim_ripas(enum measure_algo algo, uint8_t rim[MEASURE_SLOT_SIZE], uint64_t base,
		       uint64_t top)
{
	const struct piece body[] = {
		{ DESC_OFF_BODY, &base, sizeof(base) },
		{ DESC_OFF_BODY + 8U, &top, sizeof(top) },
	};

	rim_extend(algo, rim, DESC_TYPE_RIPAS, body, ARRAY_LEN(body));
}

void measure_rem_extend(enum measure_algo algo, uint8_t rem[MEASURE_SLOT_SIZE], const void *data,
			size_t size)
{
	struct hash h;

	hash_start(&h, algo);
	hash_update(&h, rem, measure_digest_size(algo));
	hash_update(&h, data, size);
	hash_finish(&h, rem);
}
