/* Measurement slots (see slots.h). */
#include <hes/slots.h>

#include <string.h>

void hes_slots_reset(struct hes_slots *s)
{
	memset(s, 0, sizeof(*s));
}

size_t hes_slot_value_len(const struct hes_slot *slot)
{
	return hes_alg_hash_len(slot->alg);
}

/*
 * Text that goes into the token as a CBOR text string: printable ASCII only,
 * so it is valid UTF-8 and cannot hide control bytes (TF-A sends names such
 * as "BL_2" and versions such as "1.9.0").
 */
static bool printable(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

/* The limits of TF-A's metadata.h, checked before anything changes. */
static bool measurement_valid(const struct hes_measurement *m)
{
	return m->index < HES_SLOT_COUNT && hes_alg_hash_len(m->alg) != 0U &&
	       m->signer_id_len >= HES_SIGNER_ID_MIN && m->signer_id_len <= HES_SIGNER_ID_MAX &&
	       m->value_len >= HES_VALUE_MIN && m->value_len <= HES_VALUE_MAX &&
	       m->sw_type_len <= HES_SW_TYPE_MAX && m->version_len <= HES_VERSION_MAX &&
	       printable(m->sw_type, m->sw_type_len) && printable(m->version, m->version_len);
}

static bool same_signer_and_alg(const struct hes_slot *slot, const struct hes_measurement *m)
{
	return slot->alg == m->alg && slot->signer_id_len == m->signer_id_len &&
	       memcmp(slot->signer_id, m->signer_id, m->signer_id_len) == 0;
}

static void set_metadata(struct hes_slot *slot, const struct hes_measurement *m)
{
	slot->alg = m->alg;
	memcpy(slot->signer_id, m->signer_id, m->signer_id_len);
	slot->signer_id_len = (uint8_t)m->signer_id_len;
	memcpy(slot->sw_type, m->sw_type, m->sw_type_len);
	slot->sw_type_len = (uint8_t)m->sw_type_len;
	memcpy(slot->version, m->version, m->version_len);
	slot->version_len = (uint8_t)m->version_len;
}

int32_t hes_slots_extend(struct hes_slots *s, const struct hes_measurement *m)
{
	uint8_t chain[HES_HASH_MAX + HES_VALUE_MAX];
	struct hes_slot *slot;
	size_t len;

	if (!measurement_valid(m))
		return PSA_ERROR_INVALID_ARGUMENT;
	slot = &s->slot[m->index];
	if (slot->locked)
		return PSA_ERROR_BAD_STATE;
	if (slot->populated && !same_signer_and_alg(slot, m))
		return PSA_ERROR_NOT_PERMITTED;

	/* An empty slot's value is all zeros, of the new algorithm's length. */
	len = hes_alg_hash_len(m->alg);
	memcpy(chain, slot->value, len);
	memcpy(chain + len, m->value, m->value_len);
	if (hes_alg_hash(m->alg, chain, len + m->value_len, slot->value) != 0)
		return PSA_ERROR_GENERIC_ERROR;

	if (slot->populated) {
		slot->sw_type_len = 0;
		slot->version_len = 0;
	} else {
		set_metadata(slot, m);
		slot->populated = true;
	}
	slot->locked = m->lock;
	return PSA_SUCCESS;
}

int32_t hes_slots_read(const struct hes_slots *s, uint32_t index, const struct hes_slot **out)
{
	if (index >= HES_SLOT_COUNT)
		return PSA_ERROR_INVALID_ARGUMENT;
	if (!s->slot[index].populated)
		return PSA_ERROR_DOES_NOT_EXIST;
	*out = &s->slot[index];
	return PSA_SUCCESS;
}

size_t hes_slots_populated(const struct hes_slots *s)
{
	size_t n = 0;

	for (size_t i = 0; i < HES_SLOT_COUNT; i++)
		n += s->slot[i].populated ? 1U : 0U;
	return n;
}
