/* The persistent-state blob (see state.h). */
#include <hes/state.h>

#include <string.h>

#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#define OFF_VERSION	8U
#define OFF_LIFECYCLE	12U
#define OFF_HUK		16U
#define OFF_GUK		48U
#define OFF_CHECKSUM	80U

static const uint8_t magic[OFF_VERSION] = { 'A', 'T', 'O', 'L', 'L', 'H', 'E', 'S' };

const char *hes_state_strerror(enum hes_state_status status)
{
	switch (status) {
	case HES_STATE_OK: return "ok";
	case HES_STATE_TRUNCATED: return "state file is truncated";
	case HES_STATE_TOO_LONG: return "state file has trailing bytes";
	case HES_STATE_BAD_MAGIC: return "not an Atoll HES state file";
	case HES_STATE_OTHER_VERSION: return "state file has another format version";
	case HES_STATE_CORRUPT: return "state file checksum mismatch (damaged)";
	case HES_STATE_BAD_LIFECYCLE: return "state file holds an unknown lifecycle state";
	case HES_STATE_NO_RANDOM: return "random source failed";
	}
	return "unknown state error";
}

int hes_lifecycle_valid(uint32_t lifecycle)
{
	uint32_t state = lifecycle >> 12;

	return lifecycle <= 0xFFFFU && (lifecycle & 0x0F00U) == 0U && state >= 1U && state <= 6U;
}

enum hes_state_status hes_roots_generate(struct hes_roots *r, uint32_t lifecycle,
					 hes_random_fn *rnd, void *rnd_ctx)
{
	if (!hes_lifecycle_valid(lifecycle))
		return HES_STATE_BAD_LIFECYCLE;
	r->lifecycle = lifecycle;
	if (rnd(rnd_ctx, r->huk, sizeof(r->huk)) != 0 ||
	    rnd(rnd_ctx, r->guk, sizeof(r->guk)) != 0) {
		mbedtls_platform_zeroize(r, sizeof(*r));
		return HES_STATE_NO_RANDOM;
	}
	return HES_STATE_OK;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (unsigned int i = 0; i < 4U; i++)
		p[i] = (uint8_t)(v >> (8U * i));
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

size_t hes_state_serialise(const struct hes_roots *r, uint8_t *buf, size_t cap)
{
	if (cap < HES_STATE_SIZE)
		return 0;
	memcpy(buf, magic, sizeof(magic));
	put_le32(buf + OFF_VERSION, HES_STATE_VERSION);
	put_le32(buf + OFF_LIFECYCLE, r->lifecycle);
	memcpy(buf + OFF_HUK, r->huk, HES_ROOT_KEY_SIZE);
	memcpy(buf + OFF_GUK, r->guk, HES_ROOT_KEY_SIZE);
	if (mbedtls_sha256(buf, OFF_CHECKSUM, buf + OFF_CHECKSUM, 0) != 0)
		return 0;
	return HES_STATE_SIZE;
}

/*
 * Magic first (over what is there), then the version, so that a short file
 * of another kind or version says so rather than "truncated"; only a blob
 * of this version has a known length.
 */
static enum hes_state_status check_framing(const uint8_t *blob, size_t len)
{
	size_t have = len < sizeof(magic) ? len : sizeof(magic);

	if (memcmp(blob, magic, have) != 0)
		return HES_STATE_BAD_MAGIC;
	if (len < OFF_LIFECYCLE)
		return HES_STATE_TRUNCATED;
	if (get_le32(blob + OFF_VERSION) != HES_STATE_VERSION)
		return HES_STATE_OTHER_VERSION;
	if (len < HES_STATE_SIZE)
		return HES_STATE_TRUNCATED;
	if (len > HES_STATE_SIZE)
		return HES_STATE_TOO_LONG;
	return HES_STATE_OK;
}

enum hes_state_status hes_state_parse(struct hes_roots *r, const uint8_t *blob, size_t len)
{
	uint8_t sum[32];
	enum hes_state_status status = check_framing(blob, len);

	if (status != HES_STATE_OK)
		return status;
	if (mbedtls_sha256(blob, OFF_CHECKSUM, sum, 0) != 0 ||
	    memcmp(sum, blob + OFF_CHECKSUM, sizeof(sum)) != 0)
		return HES_STATE_CORRUPT;
	if (!hes_lifecycle_valid(get_le32(blob + OFF_LIFECYCLE)))
		return HES_STATE_BAD_LIFECYCLE;
	r->lifecycle = get_le32(blob + OFF_LIFECYCLE);
	memcpy(r->huk, blob + OFF_HUK, HES_ROOT_KEY_SIZE);
	memcpy(r->guk, blob + OFF_GUK, HES_ROOT_KEY_SIZE);
	return HES_STATE_OK;
}
